"""Shift close with events still waiting: the summary, the warning in words, one shift.closed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from screen_steps import shown
from sqlalchemy import select

from bench.day import DayStore
from kiosk.flows.shift_desk import ShiftCode, ShiftView
from kiosk.models import Order, OutboxEvent
from kiosk.services.pickup import confirm_pickup
from kiosk.session import ClerkSession
from ui.checkin.parts import DANGER, WAIT
from ui.context import UiContext
from ui.qt import Qt
from ui.shift.screen import ShiftScreen


def _view(qtbot: QtBot, screen: ShiftScreen) -> ShiftView:
    return shown(qtbot, screen.view_shown, ShiftView, screen.refresh)


def test_close_with_waiting_events_warns_then_sends_shift_closed(
    qtbot: QtBot, ui_ctx: UiContext, day: DayStore
) -> None:
    screen = ShiftScreen(ui_ctx)
    qtbot.addWidget(screen)
    first = _view(qtbot, screen)
    assert first.code is ShiftCode.OPEN
    with ui_ctx.kiosk.db.reader() as s:
        several = next(
            o
            for o in (s.get(Order, oid) for oid in day.leader_orders)
            if o is not None and len(o.lines) > 1
        )
        partial_id, first_sku = several.id, several.lines[0].sku
    whole = next(oid for oid in day.leader_orders if oid != partial_id)
    confirm_pickup(ui_ctx.kiosk.db, whole, staff_id=day.clerk_id)
    confirm_pickup(ui_ctx.kiosk.db, partial_id, staff_id=day.clerk_id, lines={first_sku: 1})
    view = _view(qtbot, screen)
    counts = dict(view.counts)
    assert counts["pickups"] == 2 and counts["partials"] == 1 and counts["events_waiting"] >= 2
    assert screen.banner.kind == WAIT and str(counts["events_waiting"]) in screen.banner.text()
    assert f"\n{counts['pickups']}" in screen.tiles["pickups"].text()
    with qtbot.waitSignal(screen.view_shown, timeout=5000) as blocker:
        qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    closed = blocker.args[0]
    assert closed.code is ShiftCode.CLOSED and closed.report_queued
    assert ui_ctx.kiosk.receipts.shift == [closed.shift_id]  # type: ignore[union-attr]
    assert not screen.close_button.isEnabled() and screen.banner.kind == WAIT
    with ui_ctx.kiosk.db.reader() as s:
        events = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "shift.closed")).all()
        assert len(events) == 1 and events[0].payload["counts"]["pickups"] == 2
        assert events[0].payload["counts"]["events_waiting"] >= 2


def test_a_host_may_not_close_a_shift(qtbot: QtBot, ui_ctx: UiContext) -> None:
    host = ClerkSession(ui_ctx.kiosk.db)
    assert host.login_as("S-003").ok
    ui_ctx.session = host
    screen = ShiftScreen(ui_ctx)
    qtbot.addWidget(screen)
    view = _view(qtbot, screen)
    assert view.code is ShiftCode.NOT_ALLOWED and screen.banner.kind == DANGER
    assert screen.banner.text() and not screen.close_button.isEnabled()
