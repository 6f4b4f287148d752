"""Sync (同步) for the manager: records waiting, last sync, conflicts and refused records
with what to do (settle, or send a refused one again), sync now, enrollment by code. The
status arrives through `hooks.sync_status_did_change` and after every operation, not a poll.
"""

from __future__ import annotations

from typing import ClassVar

from kiosk.changes import Changes
from kiosk.errors import SyncError
from kiosk.flows import orders as actions
from kiosk.flows.orders import ActionResult
from kiosk.platform.conflicts import ConflictItem
from kiosk.ports import Enrollment
from kiosk.queries.sync_page import SyncPage, sync_page
from ui.checkin.parts import DANGER, GO, WAIT, Banner, big_font, touch_button
from ui.context import UiContext
from ui.qt import (
    QCoreApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    Qt,
    QWidget,
    Signal,
)
from ui.screen import Screen
from ui.widgets.screen_layout import (
    big_button,
    button_row,
    text_label,
    touch_field,
    two_columns,
)
from ui.words import sync as words
from ui.words.errors import sync_error
from ui.words.orders import action_text

translate = QCoreApplication.translate


class SyncScreen(Screen):
    screen_id: ClassVar[str] = "sync"
    permission: ClassVar[str | None] = "manage"
    shortcut: ClassVar[str] = "F7"
    page_shown = Signal(object)
    action_done = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.page: SyncPage | None = None
        left, right = two_columns(self)
        self.banner = Banner(self, px=20, name="sync-banner")
        left.addWidget(self.banner)
        self.status_label = text_label(self, 20, bold=False, name="sync-status", wrap=True)
        left.addWidget(self.status_label)
        self.waiting_list = QListWidget(self)
        self.waiting_list.setFont(big_font(17, bold=False))
        left.addWidget(self.waiting_list, 1)
        self.sync_button = big_button(
            translate("sync", "Sync now"), self, self._sync_now, name="sync-now", px=24
        )
        left.addWidget(self.sync_button)
        enroll_title = text_label(self, 18, text=translate("sync", "Enroll this kiosk"))
        left.addWidget(enroll_title)
        self.server_edit = touch_field(self, translate("sync", "Server address, e.g. https://…"))
        self.server_edit.setText(str(getattr(ctx.settings, "server_url", "") or ""))
        left.addWidget(self.server_edit)
        row = QHBoxLayout()
        self.code_edit = touch_field(self, translate("sync", "Enrollment code"))
        row.addWidget(self.code_edit, 1)
        self.enroll_button = touch_button(translate("sync", "Enroll"), self, name="sync-enroll")
        self.enroll_button.clicked.connect(self._enroll)
        row.addWidget(self.enroll_button)
        left.addLayout(row)
        problems_title = text_label(self, 20, text=translate("sync", "Problems for a manager"))
        right.addWidget(problems_title)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("sync-problems")
        self.problem_list.setFont(big_font(16, bold=False))
        self.problem_list.setWordWrap(True)
        self.problem_list.currentItemChanged.connect(self._problem_chosen)
        right.addWidget(self.problem_list, 1)
        self.advice_label = text_label(self, 18, bold=False, wrap=True)
        self.advice_label.setMinimumHeight(100)
        right.addWidget(self.advice_label)
        self.note_edit = touch_field(self, translate("sync", "What you did (note)"))
        right.addWidget(self.note_edit)
        self.settle_button = touch_button(
            translate("sync", "Mark settled"), self, name="sync-settle"
        )
        self.retry_button = touch_button(translate("sync", "Send again"), self, name="sync-retry")
        right.addLayout(
            button_row(
                (self.settle_button, lambda: self._settle(retry=False)),
                (self.retry_button, lambda: self._settle(retry=True)),
            )
        )
        ctx.hooks.sync_status_did_change.connect(lambda _status: self.refresh())
        self._problem_chosen(None, None)

    def title(self) -> str:
        return translate("sync", "Sync")

    def activated(self) -> None:
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.sync or changes.outbox:
            self.refresh()

    def refresh(self) -> None:
        db = self.ctx.kiosk.db
        self.ctx.tasks.run_db(lambda: sync_page(db), self.show_page)

    def show_page(self, page: SyncPage) -> None:
        self.page = page
        self.status_label.setText("\n".join(words.status_lines(page.status)))
        self.waiting_list.clear()
        for kind, n in page.waiting_by_type:
            self.waiting_list.addItem(f"{words.event_kind(kind)}: {n}")
        chosen = self.problem_list.currentItem()
        keep = str(chosen.data(Qt.ItemDataRole.UserRole)) if chosen else None
        self.problem_list.clear()
        for item in page.problems:
            row = QListWidgetItem(words.problem_title(item))
            row.setData(Qt.ItemDataRole.UserRole, item.event_id)
            self.problem_list.addItem(row)
            if item.event_id == keep:
                self.problem_list.setCurrentItem(row)
        if self.problem_list.currentItem() is None and page.problems:
            self.problem_list.setCurrentRow(0)
        self._problem_chosen(self.problem_list.currentItem(), None)
        self.sync_button.setEnabled(self.ctx.kiosk.sync_now is not None and page.status.enrolled)
        self.page_shown.emit(page)

    def _current_problem(self) -> ConflictItem | None:
        item = self.problem_list.currentItem()
        if item is None or self.page is None:
            return None
        eid = str(item.data(Qt.ItemDataRole.UserRole))
        return next((p for p in self.page.problems if p.event_id == eid), None)

    def _problem_chosen(self, current: object, _previous: object) -> None:
        problem = self._current_problem()
        if isinstance(problem, ConflictItem):
            self.advice_label.setText(words.advice(problem))
            self.settle_button.setEnabled(True)
            self.retry_button.setEnabled(problem.status == "rejected")
        else:
            self.advice_label.setText(translate("sync", "Nothing needs a manager."))
            self.settle_button.setEnabled(False)
            self.retry_button.setEnabled(False)

    def _settle(self, *, retry: bool) -> None:
        problem = self._current_problem()
        if not isinstance(problem, ConflictItem):
            return
        db, staff, note, eid = (
            self.ctx.kiosk.db,
            self.ctx.session.staff_id,
            self.note_edit.text(),
            problem.event_id,
        )

        def done(result: ActionResult) -> None:
            self.banner.say(action_text(result), GO if result.ok else DANGER)
            if result.changes.any():
                self.ctx.hooks.operation_did_execute.emit(result.changes)
            self.refresh()
            self.action_done.emit(result)

        self.ctx.tasks.run_db(
            lambda: actions.settle(db, eid, staff_id=staff, note=note, retry=retry), done
        )

    def _sync_now(self) -> None:
        run = self.ctx.kiosk.sync_now
        if run is None:
            self.banner.say(words.no_sync(), DANGER)
            return
        self.banner.say(words.sync_started(), WAIT)
        self.ctx.tasks.run(
            run,
            lambda _none: self.ctx.hooks.operation_did_execute.emit(
                Changes(sync=True, outbox=True)
            ),
            self._failed,
        )

    def _enroll(self) -> None:
        enroll = self.ctx.kiosk.enroll
        server, code = self.server_edit.text().strip(), self.code_edit.text().strip()
        if enroll is None:
            self.banner.say(words.no_sync(), DANGER)
            return
        if not server.startswith(("http://", "https://")) or not code:
            self.banner.say(words.need_server_and_code(), DANGER)
            return

        def done(e: Enrollment) -> None:
            self.banner.say(words.enroll_done(e.store_id), GO)
            self.code_edit.clear()
            self.ctx.hooks.operation_did_execute.emit(Changes(sync=True))
            self.action_done.emit(e)

        self.ctx.tasks.run(lambda: enroll(server, code), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        text = (
            sync_error(exc.kind)
            if isinstance(exc, SyncError)
            else translate("sync", "That did not work: check the server address and the network.")
        )
        self.banner.say(text, DANGER)
        self.action_done.emit(exc)
