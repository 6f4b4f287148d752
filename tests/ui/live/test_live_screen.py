"""The live screen offscreen (pytest-qt): readings from instrument threads are saved and
drawn, the on-air window (frameless, 1920×1080, chroma green) and the overlay get the same
frame, a positive shows as positive, and the label prints with the verification QR."""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from drivers.overlay.server import OverlayServer
from kiosk.context import DeviceSlot, KioskContext
from kiosk.db import Database
from kiosk.models import Staff, Store
from kiosk.models.printing import PrintJob
from kiosk.models.readings import ReadingRecord
from kiosk.ports import Reading, ReadingKind, ReadingStatus
from kiosk.readings.verify import verify_in_ledger
from kiosk.session import ClerkSession
from kiosk.settings import Settings
from tests.ui.fake_instrument import FakeInstrument
from ui.context import UiContext
from ui.hooks import Hooks
from ui.live.screen import LiveScreen
from ui.qt import Qt
from ui.tasks import TaskManager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def rig(
    db: Database, tmp_path: Path
) -> Iterator[tuple[LiveScreen, dict[str, FakeInstrument], OverlayServer]]:
    overlay = OverlayServer(port=free_port())
    overlay.start()
    devices = {n: FakeInstrument(n) for n in ("refractometer", "pesticide", "scale")}
    kiosk = KioskContext(data_dir=tmp_path, db=db, demo=True)
    kiosk.slots = [
        DeviceSlot("scale" if n == "scale" else "instrument", d) for n, d in devices.items()
    ]
    kiosk.devices = [*devices.values(), overlay]
    settings = Settings(
        instruments=(
            {
                "name": "refractometer",
                "protocol": "brix",
                "port": "x",
                "model": "SIM-BRIX/1",
                "serial": "BRX-0001",
            },
        )
    )
    with db.session() as s:
        s.add(Store(id="ST-1", name="邻里 1 号店"))
        s.flush()
        s.add(Staff(id="H-1", store_id="ST-1", name="主播小林", role="host", pin_hash=None))
    session = ClerkSession(db)
    assert session.login_as("H-1").ok
    tasks = TaskManager()
    ctx = UiContext(kiosk=kiosk, tasks=tasks, hooks=Hooks(), settings=settings, session=session)
    screen = LiveScreen(ctx)
    yield screen, devices, overlay
    screen.close_onair()
    tasks.shutdown()
    overlay.stop()


def brix(v: float) -> Reading:
    return Reading(ReadingKind.BRIX, v, "%Brix", True, ReadingStatus.OK, b"BRX", datetime.now(UTC))


def positive() -> Reading:
    return Reading(
        ReadingKind.PESTICIDE,
        55.5,
        "%",
        True,
        ReadingStatus.OK,
        b"PST",
        datetime.now(UTC),
        (("sample_id", "S1"), ("dA0", "0.508"), ("dAt", "0.226"), ("reader_verdict", "POS")),
    )


def go_live(qtbot: QtBot, screen: LiveScreen, product: str = "草莓") -> None:
    screen.product.setEditText(product)
    screen.batch.setText("B-0601")
    qtbot.mouseClick(screen.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.snap.running, timeout=5000)


def test_readings_appear_on_screen_on_air_and_in_the_overlay(
    qtbot: QtBot, rig, db: Database
) -> None:  # type: ignore[no-untyped-def]
    screen, devices, overlay = rig
    qtbot.addWidget(screen)
    go_live(qtbot, screen)
    qtbot.mouseClick(screen.air_button, Qt.MouseButton.LeftButton)
    onair = screen.onair
    assert onair is not None and onair.isVisible() and onair.size().width() == 1920
    assert onair.windowFlags() & Qt.WindowType.FramelessWindowHint
    for n, v in enumerate((12.2, 12.5, 12.8), start=1):
        devices["refractometer"].emit(brix(v))
        qtbot.waitUntil(lambda n=n: len(screen.snap.items) == n, timeout=5000)
        assert onair.value.text() == f"{v} °Brix"
    assert "Excellent sweetness" in onair.verdict.text()
    assert "n=3" in onair.stats.text() and "12.5" in onair.stats.text()
    latest = screen.snap.latest
    assert latest is not None and latest.short_code in onair.code.text()
    with urllib.request.urlopen(f"http://127.0.0.1:{overlay.port}/state", timeout=5) as r:
        state = json.loads(r.read())
    assert state["value"] == "12.8 °Brix" and state["code"] == latest.short_code
    with db.session() as s:
        rows = list(s.scalars(select(ReadingRecord)))
        assert {
            (r.instrument_model, r.instrument_serial, r.context, r.operator_id) for r in rows
        } == {("SIM-BRIX/1", "BRX-0001", "livestream", "H-1")}
        assert verify_in_ledger(s, latest.short_code or "").valid


def test_the_host_who_went_live_stays_the_operator_through_an_idle_lock(
    qtbot: QtBot,
    rig,  # type: ignore[no-untyped-def]
    db: Database,
) -> None:
    screen, devices, _overlay = rig
    qtbot.addWidget(screen)
    go_live(qtbot, screen)
    screen.ctx.session.logout()  # the idle lock while the host is busy on camera
    devices["refractometer"].emit(brix(11.0))
    qtbot.waitUntil(lambda: screen.snap.latest is not None, timeout=5000)
    with db.reader() as s:
        assert [r.operator_id for r in s.scalars(select(ReadingRecord))] == ["H-1"]


def test_nobody_logged_in_cannot_go_live(qtbot: QtBot, rig) -> None:  # type: ignore[no-untyped-def]
    screen, _devices, _overlay = rig
    qtbot.addWidget(screen)
    screen.ctx.session.logout()
    qtbot.mouseClick(screen.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.snap.error == "no_operator", timeout=5000)
    assert not screen.snap.running and "Log in" in screen.banner.text()


def test_a_positive_is_shown_positive_in_red(qtbot: QtBot, rig) -> None:  # type: ignore[no-untyped-def]
    screen, devices, _overlay = rig
    qtbot.addWidget(screen)
    go_live(qtbot, screen, "小白菜")
    devices["pesticide"].emit(positive())
    qtbot.waitUntil(lambda: screen.snap.latest is not None, timeout=5000)
    assert (
        "POSITIVE" in screen.verdict_label.text() and "#d7263d" in screen.verdict_label.styleSheet()
    )
    assert screen.frame.tone == "bad" and "POSITIVE" in screen.frame.verdict
    assert screen.value_label.text() == "Inhibition 55.5 %"


def test_nothing_is_saved_or_put_on_air_before_going_live(qtbot: QtBot, rig, db: Database) -> None:  # type: ignore[no-untyped-def]
    screen, devices, _overlay = rig
    qtbot.addWidget(screen)
    devices["refractometer"].emit(brix(12.0))
    devices["scale"].emit(
        Reading(ReadingKind.WEIGHT, 0.536, "kg", True, ReadingStatus.OK, b"S", datetime.now(UTC))
    )
    qtbot.waitUntil(lambda: "0.536" in screen.weight_label.text(), timeout=5000)
    with db.reader() as s:
        assert s.scalars(select(ReadingRecord)).first() is None
    assert screen.frame.empty


def test_weight_saved_on_tap_and_label_queued_with_the_code(
    qtbot: QtBot, rig, db: Database
) -> None:  # type: ignore[no-untyped-def]
    screen, devices, _overlay = rig
    qtbot.addWidget(screen)
    go_live(qtbot, screen, "西瓜")
    devices["scale"].emit(
        Reading(ReadingKind.WEIGHT, 5.25, "kg", True, ReadingStatus.OK, b"S", datetime.now(UTC))
    )
    qtbot.waitUntil(lambda: "5.250" in screen.weight_label.text(), timeout=5000)
    qtbot.mouseClick(screen.weigh, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.snap.latest is not None, timeout=5000)
    latest = screen.snap.latest
    assert latest is not None and latest.kind == "weight" and latest.instrument is not None
    assert latest.instrument.serial == "SN-scale"
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)

    def queued() -> bool:
        with db.reader() as s:
            return (
                s.scalars(select(PrintJob).where(PrintJob.ref == latest.reading_id)).first()
                is not None
            )

    qtbot.waitUntil(queued, timeout=5000)
    with db.reader() as s:
        job = s.scalars(select(PrintJob)).one()
    assert latest.code is not None and latest.code in json.dumps(job.document, ensure_ascii=False)
