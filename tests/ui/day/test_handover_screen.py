"""The handover screen: badge, bag scans (one foreign), the leader's PIN; hand over all."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from screen_steps import shown, wedge_scan
from sqlalchemy import select

from bench.day import DayStore
from kiosk.flows.bags import bag_label
from kiosk.flows.handover_desk import HandoverSnapshot, HCode
from kiosk.models import Order, OutboxEvent
from ui.checkin.parts import DANGER
from ui.context import UiContext
from ui.handover.screen import HandoverScreen
from ui.qt import Qt


def scan(qtbot: QtBot, screen: HandoverScreen, text: str) -> HandoverSnapshot:
    return shown(qtbot, screen.snapshot_shown, HandoverSnapshot, wedge_scan(screen, text))


def test_thirty_orders_by_badge_scans_and_pin_with_a_foreign_bag_refused(
    qtbot: QtBot, ui_ctx: UiContext, day: DayStore
) -> None:
    screen = HandoverScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    snap = scan(qtbot, screen, day.badge)
    assert snap.leader_id == day.leader_id and len(snap.orders) == 30
    for i, oid in enumerate(day.leader_orders):
        snap = scan(qtbot, screen, bag_label(day.store_id, oid))
        assert snap.ticked == i + 1
        if i == 12:
            foreign = scan(qtbot, screen, bag_label(day.store_id, day.foreign_leader_order))
            assert foreign.outcome is not None and foreign.outcome.code is HCode.NOT_THEIRS
            assert screen.banner.kind == DANGER and "周*敏" in screen.banner.text()
    assert "30 / 30" in screen.counter.text()
    qtbot.keyClicks(screen.pin_edit, "000000")
    with qtbot.waitSignal(screen.snapshot_shown, timeout=5000) as wrong:
        qtbot.keyClick(screen.pin_edit, Qt.Key.Key_Return)
    assert wrong.args[0].outcome.code is HCode.WRONG_CREDENTIAL and screen.banner.kind == DANGER
    changes: list[object] = []
    ui_ctx.hooks.operation_did_execute.connect(changes.append)
    for digit in day.leader_pin:
        qtbot.mouseClick(screen.pad_buttons[digit], Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    with qtbot.waitSignal(screen.snapshot_shown, timeout=5000) as done:
        qtbot.mouseClick(screen.pad_buttons["OK"], Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    snap = done.args[0]
    assert snap.done is not None and snap.done.count == 30 and changes
    assert ui_ctx.kiosk.receipts.handover == [snap.done.handover_id]  # type: ignore[union-attr]
    with ui_ctx.kiosk.db.reader() as s:
        events = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "order.handed_over")).all()
        assert len(events) == 1 and len(events[0].payload["order_ids"]) == 30
        foreign_order = s.get(Order, day.foreign_leader_order)
        assert foreign_order is not None and foreign_order.status == "ready"


def test_hand_over_all_then_badge_confirms(qtbot: QtBot, ui_ctx: UiContext, day: DayStore) -> None:
    screen = HandoverScreen(ui_ctx)
    qtbot.addWidget(screen)
    refused = scan(qtbot, screen, bag_label(day.store_id, day.leader_orders[0]))
    assert refused.outcome is not None and refused.outcome.code is HCode.NO_LEADER
    assert screen.banner.text() and screen.banner.kind == DANGER
    scan(qtbot, screen, day.badge)
    with qtbot.waitSignal(screen.snapshot_shown, timeout=5000) as all_ticked:
        qtbot.mouseClick(screen.all_button, Qt.MouseButton.LeftButton)
    assert all_ticked.args[0].ticked == 30
    snap = scan(qtbot, screen, day.badge)
    assert snap.done is not None and snap.done.confirmed_by == "badge"
    with ui_ctx.kiosk.db.reader() as s:
        assert len(s.scalars(select(OutboxEvent)).all()) == 1
