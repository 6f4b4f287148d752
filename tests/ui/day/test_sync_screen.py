"""The sync page: waiting records by kind, problems with what to do, settle and send again
(manager only), sync now, enrollment refusals in words."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from screen_steps import shown, tap

from bench.day import DayStore
from kiosk.errors import SyncError, SyncErrorKind
from kiosk.flows.orders import ActionResult, Done
from kiosk.models import OutboxEvent
from kiosk.ports import Enrollment
from kiosk.queries.sync_page import SyncPage
from kiosk.services.pickup import confirm_pickup
from kiosk.session import ClerkSession
from ui.checkin.parts import DANGER, GO
from ui.context import UiContext
from ui.qt import Qt
from ui.sync.screen import SyncScreen


def _page(qtbot: QtBot, screen: SyncScreen) -> SyncPage:
    return shown(qtbot, screen.page_shown, SyncPage, screen.refresh)


def _click(qtbot: QtBot, screen: SyncScreen, button: object) -> object:
    return shown(qtbot, screen.action_done, object, tap(qtbot, button))


def _manager(ui_ctx: UiContext) -> None:
    manager = ClerkSession(ui_ctx.kiosk.db)
    assert manager.login_as("S-002").ok
    ui_ctx.session = manager


def test_problems_with_what_to_do_settle_and_send_again(
    qtbot: QtBot, ui_ctx: UiContext, day: DayStore
) -> None:
    db = ui_ctx.kiosk.db
    conflict = confirm_pickup(db, day.leader_orders[0], staff_id=day.clerk_id).event_id
    rejected = confirm_pickup(db, day.leader_orders[1], staff_id=day.clerk_id).event_id
    confirm_pickup(db, day.leader_orders[2], staff_id=day.clerk_id)
    with db.session() as s:
        for eid, status in ((conflict, "conflict"), (rejected, "rejected")):
            ev = s.get(OutboxEvent, eid)
            assert ev is not None
            ev.status, ev.needs_manager, ev.reason = status, True, "refunded before pickup"
    screen = SyncScreen(ui_ctx)
    qtbot.addWidget(screen)
    page = _page(qtbot, screen)
    assert {p.event_id for p in page.problems} == {conflict, rejected}
    assert dict(page.waiting_by_type)["order.picked_up"] == 1
    assert screen.waiting_list.count() == 1 and ": 1" in screen.waiting_list.item(0).text()
    assert screen.advice_label.text() and screen.settle_button.isEnabled()
    assert not screen.sync_button.isEnabled()  # not enrolled: nothing to sync with
    clerk = _click(qtbot, screen, screen.settle_button)
    assert isinstance(clerk, ActionResult) and clerk.code is Done.NOT_ALLOWED
    assert screen.banner.kind == DANGER
    _manager(ui_ctx)
    screen.problem_list.setCurrentRow(
        next(
            i
            for i in range(screen.problem_list.count())
            if screen.problem_list.item(i).data(Qt.ItemDataRole.UserRole) == rejected
        )
    )
    assert screen.retry_button.isEnabled()
    sent = _click(qtbot, screen, screen.retry_button)
    assert isinstance(sent, ActionResult) and sent.ok and screen.banner.kind == GO
    page = _page(qtbot, screen)
    assert [p.event_id for p in page.problems] == [conflict]
    assert not screen.retry_button.isEnabled()  # a conflict is never sent again
    settled = _click(qtbot, screen, screen.settle_button)
    assert isinstance(settled, ActionResult) and settled.ok
    assert _page(qtbot, screen).problems == ()
    with db.reader() as s:
        ev = s.get(OutboxEvent, rejected)
        assert ev is not None and ev.status == "pending"
        ev2 = s.get(OutboxEvent, conflict)
        assert ev2 is not None and ev2.resolved_at is not None


def test_enrollment_by_code_and_its_refusals_in_words(qtbot: QtBot, ui_ctx: UiContext) -> None:
    calls: list[tuple[str, str]] = []

    def enroll(server: str, code: str) -> Enrollment:
        calls.append((server, code))
        if code != "LINLI-GOOD":
            raise SyncError(SyncErrorKind.REJECTED, "bad code")
        return Enrollment("dev-1", "ST-SH-0001", "token")

    ui_ctx.kiosk.enroll = enroll
    screen = SyncScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.server_edit.setText("ftp://nope")
    screen.code_edit.setText("X")
    qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
    assert screen.banner.kind == DANGER and "http" in screen.banner.text() and not calls
    screen.server_edit.setText("http://127.0.0.1:9")
    screen.code_edit.setText("LINLI-BAD")
    refused = _click(qtbot, screen, screen.enroll_button)
    assert isinstance(refused, SyncError) and screen.banner.kind == DANGER
    assert "bad code" not in screen.banner.text() and screen.banner.text()
    screen.code_edit.setText("LINLI-GOOD")
    done = _click(qtbot, screen, screen.enroll_button)
    assert isinstance(done, Enrollment) and "ST-SH-0001" in screen.banner.text()
    assert calls[-1] == ("http://127.0.0.1:9", "LINLI-GOOD")
