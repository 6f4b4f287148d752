"""The inspection screen offscreen (pytest-qt, real clicks on the real widgets): pick a
supplier, walk the checklist by touch, a fail with a marked photo, a sample from an
instrument thread, signatures drawn with the mouse, submit, the PDF shown; a new screen on
the same ledger opens the unfinished inspection at the same item."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.context import DeviceSlot, KioskContext
from kiosk.db import Database
from kiosk.inspection import service
from kiosk.inspection.template import DEFAULT
from kiosk.models import Inspection, OutboxEvent, Staff, Store, Supplier
from kiosk.ports import Reading, ReadingKind, ReadingStatus
from kiosk.session import ClerkSession
from kiosk.settings import Settings
from tests.ui.fake_instrument import FakeInstrument
from ui.context import UiContext
from ui.hooks import Hooks
from ui.inspection.screen import InspectionScreen
from ui.qt import QPoint, Qt
from ui.tasks import TaskManager


@pytest.fixture
def make(
    db: Database, tmp_path: Path
) -> Iterator[Callable[[], tuple[InspectionScreen, FakeInstrument]]]:
    with db.session() as s:
        s.add(Store(id="ST-1", name="邻里 1 号店"))
        s.flush()
        s.add(Staff(id="I-1", store_id="ST-1", name="检查员老王", role="inspector", pin_hash=None))
        s.add(Supplier(id="SUP-001", name="崇明绿源蔬菜合作社", address="上海市崇明区", data={}))
    made: list[tuple[InspectionScreen, TaskManager]] = []
    pest = FakeInstrument("pesticide")

    def build() -> tuple[InspectionScreen, FakeInstrument]:
        kiosk = KioskContext(data_dir=db.path.parent, db=db, demo=True)
        kiosk.slots = [DeviceSlot("instrument", pest)]
        session = ClerkSession(db)
        assert session.login_as("I-1").ok
        tasks = TaskManager()
        ctx = UiContext(
            kiosk=kiosk,
            tasks=tasks,
            hooks=Hooks(),
            settings=Settings(language="en"),
            session=session,
        )
        screen = InspectionScreen(ctx)
        screen.resize(1366, 700)
        screen.show()
        made.append((screen, tasks))
        return screen, pest

    yield build
    for screen, tasks in made:
        screen.close()
        tasks.shutdown()


def click(qtbot: QtBot, screen: InspectionScreen, name: str) -> None:
    from ui.qt import QPushButton

    qtbot.waitUntil(
        lambda: (
            (b := screen.findChild(QPushButton, name)) is not None
            and b.isVisible()
            and b.isEnabled()
        ),
        timeout=5000,
    )
    button = screen.findChild(QPushButton, name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def idle(qtbot: QtBot, screen: InspectionScreen) -> None:
    qtbot.waitUntil(lambda: screen.pending == 0, timeout=10000)


def draw(qtbot: QtBot, widget: object, points: list[tuple[int, int]]) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(widget, QPoint(x, y))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def pesticide(inhibition: float, dat: str) -> Reading:
    return Reading(
        ReadingKind.PESTICIDE,
        inhibition,
        "%",
        True,
        ReadingStatus.OK,
        b"PST",
        datetime.now(UTC),
        (("sample_id", "S1"), ("dA0", "0.508"), ("dAt", dat), ("reader_verdict", "NEG")),
    )


def test_a_whole_inspection_by_touch(qtbot: QtBot, make, db: Database) -> None:  # type: ignore[no-untyped-def]
    screen, pest = make()
    screen.activated()
    idle(qtbot, screen)
    click(qtbot, screen, "insp-supplier-SUP-001")
    screen.start_page.location.setText("2 号仓库")
    click(qtbot, screen, "insp-start")
    idle(qtbot, screen)
    assert screen.step == "items" and screen.view is not None
    items = screen.view.items
    assert screen.item_page.text.text() == items[0].text["en"]
    for n in range(3):  # pass moves on by itself
        click(qtbot, screen, "insp-pass")
        idle(qtbot, screen)
        assert screen.index == n + 1
    click(qtbot, screen, "insp-fail")  # cold-store: a fail needs a photo
    idle(qtbot, screen)
    assert screen.index == 3 and "a photo" in screen.item_page.hint.text()
    click(qtbot, screen, "insp-photo")
    assert screen.step == "mark"
    pad = screen.mark_page.pad
    draw(qtbot, pad, [(100, 100), (160, 90), (200, 140), (150, 180), (100, 100)])
    assert len(pad.strokes) == 1 and len(pad.strokes[0]) >= 5
    click(qtbot, screen, "insp-mark-keep")
    idle(qtbot, screen)
    assert screen.step == "items" and screen.item_page.hint.text() == ""
    (sha,) = screen.view.answers[items[3].id].photos
    assert screen.findChild(object, "insp-thumb-0") is not None
    qtbot.keyClicks(screen.item_page.note, "7.5 °C in the cold store")
    qtbot.waitUntil(lambda: screen._note is None, timeout=3000)  # saved after a short pause
    idle(qtbot, screen)
    with db.reader() as s:
        assert (
            service.view(s, screen.view.id).answers[items[3].id].note == "7.5 °C in the cold store"
        )
    click(qtbot, screen, "insp-next")
    for _ in range(30):  # the rest pass (a condition met adds one item on the way)
        if screen.step != "items":
            break
        click(qtbot, screen, "insp-pass")
        idle(qtbot, screen)
    assert len(screen.view.items) == len(DEFAULT.items)
    assert screen.step == "samples"
    pest.emit(pesticide(8.0, "0.467"))
    qtbot.waitUntil(lambda: screen.view is not None and len(screen.view.samples) == 1, timeout=5000)
    (sample,) = screen.view.samples
    assert sample.short_code and sample.short_code in screen.samples_page.list.item(0).text()
    assert "negative" in screen.samples_page.list.item(0).text()
    click(qtbot, screen, "insp-samples-next")
    for role in ("inspector", "supplier"):
        draw(qtbot, screen.sign_page.pads[role], [(30, 60), (90, 20), (150, 90), (220, 40)])
        screen.sign_page.names[role].setText("Wang" if role == "inspector" else "Li")
        click(qtbot, screen, f"insp-sign-{role}")
        idle(qtbot, screen)
    assert set(screen.view.signatures) == {"inspector", "supplier"}
    click(qtbot, screen, "insp-sign-next")
    assert screen.review_page.submit_button.isEnabled(), screen.review_page.problems.text()
    assert "FAIL" in screen.review_page.verdict.text()  # cold-store is a critical item
    assert screen.review_page.why.text() == f"Critical item failed: {items[3].text['en']}"
    click(qtbot, screen, "insp-submit")
    idle(qtbot, screen)
    assert screen.step == "done" and screen.view.read_only
    qtbot.waitUntil(lambda: bool(screen.pdf_images), timeout=20000)
    assert "page" in screen.done_page.pdf_state.text()
    with db.reader() as s:
        row = s.get(Inspection, screen.view.id)
        ev = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "inspection.submitted")).one()
    assert row is not None and row.status == "submitted" and row.verdict == "fail"
    assert sha in ev.payload["media"] and ev.payload["location_note"] == "2 号仓库"
    assert [i["item_id"] for i in ev.payload["items"]] == [it.id for it in DEFAULT.items]


def test_a_restart_opens_the_unfinished_inspection_at_the_same_item(qtbot: QtBot, make) -> None:  # type: ignore[no-untyped-def]
    first, _ = make()
    first.activated()
    idle(qtbot, first)
    click(qtbot, first, "insp-supplier-SUP-001")
    click(qtbot, first, "insp-start")
    idle(qtbot, first)
    for _ in range(5):
        click(qtbot, first, "insp-pass")
        idle(qtbot, first)
    click(qtbot, first, "insp-fail")
    idle(qtbot, first)
    qtbot.keyClicks(first.item_page.note, "no soap")
    first._save_texts()
    idle(qtbot, first)
    assert first.view is not None
    where, text = first.index, first.item_page.text.text()
    first.close()
    again, _ = make()  # a new screen on the same ledger: as after a restart
    again.activated()
    qtbot.waitUntil(lambda: again.view is not None and again.pending == 0, timeout=10000)
    assert again.view is not None and again.view.id == first.view.id
    assert (again.step, again.index, again.item_page.text.text()) == ("items", where, text)
    assert again.item_page.note.text() == "no soap"
    assert again.item_page.answer_buttons["fail"].isChecked()
    assert "Resumed" in again.banner.text()


def test_a_submitted_inspection_offers_a_correction(qtbot: QtBot, make, db: Database) -> None:  # type: ignore[no-untyped-def]
    screen, _ = make()
    with db.session() as s:
        iid = service.start(s, supplier_id="SUP-001", inspector_id="I-1")
        for it in DEFAULT.items:
            service.answer(s, iid, it.id, "pass")
        for role in ("inspector", "supplier"):
            service.sign(s, iid, role=role, name=role, strokes=[[(0.1, 0.1), (0.5, 0.5)]])
        service.submit(s, db.path.parent, iid, actor="I-1")
    screen.open(iid)
    idle(qtbot, screen)
    assert screen.step == "done" and "PASS" in screen.done_page.verdict.text()
    click(qtbot, screen, "insp-correct")
    idle(qtbot, screen)
    assert screen.view is not None and screen.view.supersedes == iid and screen.step == "items"
    assert screen.view.version == 2 and not screen.view.read_only
