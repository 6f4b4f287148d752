"""The orders screen: search, filters, history, reversal, returned, reprint, issue, conflict
settlement; every refusal in words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from screen_steps import shown, tap
from sqlalchemy import select

from bench.day import DayStore
from kiosk.flows.orders import ActionResult, Done
from kiosk.models import AuditEntry, Customer, Order, OutboxEvent
from kiosk.ports import utcnow
from kiosk.queries.orders import Filter, OrderDetail
from kiosk.services.pickup import confirm_pickup
from kiosk.session import ClerkSession
from ui.checkin.parts import DANGER, GO
from ui.context import UiContext
from ui.orders.screen import OrdersScreen
from ui.qt import Qt


@pytest.fixture
def screen(qtbot: QtBot, ui_ctx: UiContext) -> OrdersScreen:
    s = OrdersScreen(ui_ctx)
    qtbot.addWidget(s)
    return s


def _search(qtbot: QtBot, screen: OrdersScreen, text: str) -> list[str]:
    screen.search_edit.setText(text)
    with qtbot.waitSignal(screen.rows_shown, timeout=5000) as blocker:
        screen.refresh()
    return [r.order_id for r in blocker.args[0]]


def _open(qtbot: QtBot, screen: OrdersScreen, order_id: str) -> OrderDetail:
    return shown(qtbot, screen.detail_shown, OrderDetail, lambda: screen.open_order(order_id))


def _click(qtbot: QtBot, screen: OrdersScreen, button: object) -> ActionResult:
    return shown(qtbot, screen.action_done, ActionResult, tap(qtbot, button))


def test_search_by_code_tail_name_number_and_bin(
    qtbot: QtBot, screen: OrdersScreen, ui_ctx: UiContext, day: DayStore
) -> None:
    oid = day.leader_orders[0]
    with ui_ctx.kiosk.db.reader() as s:
        o = s.get(Order, oid)
        assert o is not None
        c = s.get(Customer, o.customer_id)
        assert c is not None
        code, tail, name, bin_code = o.pickup_code, c.phone_tail, c.name_masked, o.bin_code
    assert _search(qtbot, screen, code) == [oid]
    assert oid in _search(qtbot, screen, tail)
    assert oid in _search(qtbot, screen, name)
    assert _search(qtbot, screen, oid[-5:]) == [oid]
    assert oid in _search(qtbot, screen, str(bin_code))
    assert _search(qtbot, screen, "no such thing") == []
    assert screen.banner.text()


def test_filters_and_the_overdue_list(
    qtbot: QtBot, screen: OrdersScreen, ui_ctx: UiContext, day: DayStore
) -> None:
    late = day.leader_orders[:3]
    with ui_ctx.kiosk.db.session() as s:
        for i, oid in enumerate(late):
            o = s.get(Order, oid)
            assert o is not None
            o.ready_at = utcnow() - timedelta(days=5 + i)
    screen.search_edit.setText("")
    with qtbot.waitSignal(screen.rows_shown, timeout=5000) as blocker:
        qtbot.mouseClick(screen.filter_buttons[Filter.OVERDUE], Qt.MouseButton.LeftButton)
    rows = blocker.args[0]
    assert {r.order_id for r in rows} >= set(late)
    assert rows[0].days_waiting >= rows[-1].days_waiting and all(r.overdue for r in rows)
    assert "7" in screen.result_list.item(0).text()  # days waiting on the list
    with qtbot.waitSignal(screen.rows_shown, timeout=5000) as blocker:
        qtbot.mouseClick(screen.filter_buttons[Filter.HANDED_OVER], Qt.MouseButton.LeftButton)
    assert all(r.status == "handed_over" for r in blocker.args[0]) and blocker.args[0]
    with qtbot.waitSignal(screen.rows_shown, timeout=5000) as blocker:
        qtbot.mouseClick(screen.filter_buttons[Filter.READY], Qt.MouseButton.LeftButton)
    assert set(day.leader_orders) <= {r.order_id for r in blocker.args[0]}


def test_history_and_a_reversal_inside_the_window(
    qtbot: QtBot, screen: OrdersScreen, ui_ctx: UiContext, day: DayStore
) -> None:
    oid = day.leader_orders[1]
    confirm_pickup(ui_ctx.kiosk.db, oid, staff_id=day.clerk_id)
    d = _open(qtbot, screen, oid)
    assert [h.action for h in d.history] == ["order.picked_up"]
    assert d.history[0].actor == "王*芳" and d.history[0].device
    assert screen.history_list.count() == 1 and "王*芳" in screen.history_list.item(0).text()
    refused = _click(qtbot, screen, screen.reverse_button)
    assert refused.code is Done.NEEDS_REASON and screen.banner.kind == DANGER
    screen.reason_edit.setText("拿错了")
    ok = _click(qtbot, screen, screen.reverse_button)
    assert ok.ok and screen.banner.kind == GO
    d = _open(qtbot, screen, oid)
    assert d.row.status == "ready"
    assert [h.action for h in d.history] == ["order.picked_up", "order.pickup_reversed"]
    assert "拿错了" in screen.history_list.item(1).text()


def test_reversal_after_the_window_is_refused_in_words(
    qtbot: QtBot, screen: OrdersScreen, ui_ctx: UiContext, day: DayStore
) -> None:
    oid = day.leader_orders[2]
    confirm_pickup(ui_ctx.kiosk.db, oid, staff_id=day.clerk_id, now=utcnow() - timedelta(hours=1))
    _open(qtbot, screen, oid)
    screen.reason_edit.setText("late")
    result = _click(qtbot, screen, screen.reverse_button)
    assert result.code is Done.WINDOW_PASSED and "10" in screen.banner.text()
    reprint = _click(qtbot, screen, screen.reprint_button)
    assert reprint.ok and ui_ctx.kiosk.receipts.receipts == [oid]  # type: ignore[union-attr]


def test_mark_returned_needs_a_manager_then_works(
    qtbot: QtBot, screen: OrdersScreen, ui_ctx: UiContext, day: DayStore
) -> None:
    oid = day.leader_orders[3]
    with ui_ctx.kiosk.db.session() as s:
        o = s.get(Order, oid)
        assert o is not None
        o.ready_at = utcnow() - timedelta(days=9)
    _open(qtbot, screen, oid)
    assert screen.returned_button.isEnabled()
    clerk = _click(qtbot, screen, screen.returned_button)
    assert clerk.code is Done.NOT_ALLOWED and screen.banner.kind == DANGER
    manager = ClerkSession(ui_ctx.kiosk.db)
    assert manager.login_as("S-002").ok
    ui_ctx.session = manager
    done = _click(qtbot, screen, screen.returned_button)
    assert done.ok
    with ui_ctx.kiosk.db.reader() as s:
        assert s.get(Order, oid).status == "returned"  # type: ignore[union-attr]
        actions = [
            e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.entity_id == oid))
        ]
        assert actions == ["order.marked_overdue", "order.returned"]


def test_report_an_issue_and_settle_a_conflict(
    qtbot: QtBot, screen: OrdersScreen, ui_ctx: UiContext, day: DayStore
) -> None:
    oid = day.leader_orders[4]
    result = confirm_pickup(ui_ctx.kiosk.db, oid, staff_id=day.clerk_id)
    with ui_ctx.kiosk.db.session() as s:
        ev = s.get(OutboxEvent, result.event_id)
        assert ev is not None
        ev.status, ev.needs_manager, ev.reason = "conflict", True, "order was refunded"
    with qtbot.waitSignal(screen.rows_shown, timeout=5000) as blocker:
        qtbot.mouseClick(screen.filter_buttons[Filter.CONFLICTS], Qt.MouseButton.LeftButton)
    assert [r.order_id for r in blocker.args[0]] == [oid]
    d = _open(qtbot, screen, oid)
    assert d.open_conflicts == (result.event_id,) and screen.settle_button.isEnabled()
    screen.kind_box.setCurrentIndex(screen.kind_box.findData("quality"))
    issue = _click(qtbot, screen, screen.issue_button)
    assert issue.ok
    clerk = _click(qtbot, screen, screen.settle_button)
    assert clerk.code is Done.NOT_ALLOWED
    manager = ClerkSession(ui_ctx.kiosk.db)
    assert manager.login_as("S-002").ok
    ui_ctx.session = manager
    settled = _click(qtbot, screen, screen.settle_button)
    assert settled.ok
    with ui_ctx.kiosk.db.reader() as s:
        ev = s.get(OutboxEvent, result.event_id)
        assert ev is not None and ev.resolved_at is not None
    d = _open(qtbot, screen, oid)
    assert d.open_conflicts == ()
    assert "order.issue_reported" in [h.action for h in d.history]


def test_the_overdue_list_prints_through_the_real_queue(
    qtbot: QtBot, ui_ctx: UiContext, day: DayStore
) -> None:
    from kiosk.printing.queue import PrintQueue, SlipQueue

    queue = PrintQueue(ui_ctx.kiosk.db)
    ui_ctx.kiosk.receipts = SlipQueue(queue)
    with ui_ctx.kiosk.db.session() as s:
        o = s.get(Order, day.leader_orders[5])
        assert o is not None
        o.ready_at = utcnow() - timedelta(days=6)
    screen = OrdersScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.search_edit.setText("")
    with qtbot.waitSignal(screen.rows_shown, timeout=5000):
        screen.set_filter(Filter.OVERDUE)
    assert screen.print_button.isEnabled()
    result = _click(qtbot, screen, screen.print_button)
    assert result.ok
    [job] = queue.pending()
    assert (job.kind, job.ref, job.status) == ("overdue", "overdue", "pending")
