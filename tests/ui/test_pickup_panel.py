"""The pickup panel draws the real PickupFlow on a real demo store: scan → verdict → confirm."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.cli.core import ensure_demo_store
from kiosk.db import open_database
from kiosk.flows.pickup import PickupFlow, PickupStep
from kiosk.models import Order, OutboxEvent
from kiosk.models.printing import PrintJob
from kiosk.ports import ScanEvent, ScanProblem, ScanSource, utcnow
from ui.pickup import PickupPanel
from ui.qt import Qt
from ui.tasks import TaskManager


class ListSink:
    def __init__(self) -> None:
        self.orders: list[str] = []

    def enqueue_receipt(self, order_id: str) -> None:
        self.orders.append(order_id)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo")
    mp = pytest.MonkeyPatch()
    mp.setenv("LINLI_FAST_PIN_HASH", "1")
    try:
        ensure_demo_store(path)
    finally:
        mp.undo()
    return path


def test_scan_confirm_and_refusal(qtbot: QtBot, demo_dir: Path) -> None:
    manifest = json.loads((demo_dir / "demo" / "manifest.json").read_text("utf-8"))
    tokens = json.loads((demo_dir / "demo" / "tokens.json").read_text("utf-8"))
    ready_id = manifest["orders"]["ready"][0]["order_id"]
    done_id = manifest["orders"]["picked_up"][0]["order_id"]
    db = open_database(demo_dir)
    tasks = TaskManager()
    sink = ListSink()
    flow = PickupFlow(db, staff_id=None, store_id=manifest["store_id"], receipts=sink)
    panel = PickupPanel(flow, tasks)
    qtbot.addWidget(panel)
    assert not panel.confirm_button.isEnabled()

    panel.on_scan(ScanEvent(tokens[ready_id], ScanSource.CAMERA, utcnow()))
    qtbot.waitUntil(lambda: flow.step == PickupStep.VERDICT and panel.confirm_button.isEnabled())
    assert panel.headline.text() == "Ready — hand it out"
    assert "Bin " in panel.details.text()

    changed: list[bool] = []
    panel.order_changed.connect(lambda: changed.append(True))
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.step == PickupStep.DONE)
    qtbot.waitUntil(lambda: panel.headline.text() == "Picked up — receipt printing")
    assert sink.orders == []  # queued in the pickup's own transaction
    with db.reader() as s:
        assert [j.ref for j in s.scalars(select(PrintJob))] == [ready_id]
    qtbot.waitUntil(lambda: changed == [True])
    with db.reader() as s:
        assert s.get(Order, ready_id).status == "picked_up"  # type: ignore[union-attr]
        events = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "order.picked_up")).all()
        assert [e.payload["order_id"] for e in events] == [ready_id]

    panel.on_scan(ScanEvent(tokens[done_id], ScanSource.WEDGE, utcnow()))
    qtbot.waitUntil(lambda: panel.headline.text() == "Already picked up — do not hand out again")
    assert not panel.confirm_button.isEnabled()

    panel.on_scan(ScanEvent("LK!.xx", ScanSource.WEDGE, utcnow(), ScanProblem.WRONG_LAYOUT,
                            "The scanner types with another keyboard layout.", "LK!.xx"))
    assert panel.headline.text() == "Scanner problem"
    assert "keyboard layout" in panel.details.text()
    tasks.shutdown()
    db.close()
