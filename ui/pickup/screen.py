"""The pickup counter (home screen): scan → verdict painted at once → Enter or one tap hands
it out → the done state stays readable (bin, what went out, receipt) until the next scan.

Draws `kiosk.flows.pickup.PickupSnapshot`s. Every flow call runs on the UI's one database
worker (`ctx.tasks.run_db`) and returns a fresh snapshot, so the GUI thread never waits on
SQLite and never reads a flow a task is changing. A confirm names the order on screen (its
ticket: id + version); the flow refuses it when a newer scan replaced that order, and the
core refuses it when the order changed. While a scan is on its way the confirm button is off.
Buttons keep their places; only their enabled state changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from kiosk.changes import Changes
from kiosk.flows.pickup import NotShown, PickupFlow, PickupSnapshot, PickupStep
from kiosk.ports import ScanEvent
from kiosk.verification.lookup import OrderView
from ui.context import UiContext
from ui.pickup.pad import CodePad
from ui.pickup.parts import button, font
from ui.pickup.self_service import SelfServiceView
from ui.pickup.verdict import VerdictPanel
from ui.qt import (
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QObject,
    QSize,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.screen import Screen
from ui.sound import Announcer
from ui.words import verdicts as words

translate = QCoreApplication.translate
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
CHANGED = Changes(orders=True, outbox=True, printing=True)


class PickupScreen(Screen):
    screen_id: ClassVar[str] = "pickup"
    permission: ClassVar[str | None] = "pickup"
    shortcut: ClassVar[str] = "F1"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        kiosk, st = ctx.kiosk, ctx.settings
        receipts = kiosk.receipts
        queue = getattr(receipts, "queue", None)
        self.flow = PickupFlow(
            kiosk.db,
            staff_id=ctx.session.staff_id or kiosk.staff_id,
            store_id=kiosk.store_id,
            receipts=receipts,
            receipt_policy=st.receipt_policy,
            allow_provisional=st.provisional_pickup == "allow",
            wake_printer=getattr(queue, "notify", None),
            data_dir=kiosk.data_dir,
            reversal_window_min=st.reversal_window_min,
        )
        self.snap: PickupSnapshot = self.flow.snapshot()
        self.pending_scans = 0  # scans sent to the worker, not drawn yet
        self.pending_ops = 0
        self.drawn = 0  # snapshots painted (tests and the bench wait on it)
        self.announcer = Announcer(
            sounds=st.sounds, speech=st.speech, volume=st.volume, language=st.language, parent=self
        )
        self.self_service: SelfServiceView | None = None
        self.self_service_left = False  # staff left it with a PIN (until settings change)
        self._build()
        ctx.hooks.settings_did_change.connect(self._settings)
        self.draw(self.snap)

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(8)
        body = QHBoxLayout()
        body.setSpacing(12)
        self.panel = VerdictPanel(self)
        self.panel.issue_clicked.connect(self.report_issue)
        self.panel.lines_changed.connect(self._redraw_buttons)
        body.addWidget(self.panel, 3)
        side = QVBoxLayout()
        side.setSpacing(6)
        self.pad = CodePad(self)
        self.pad.submitted.connect(self.lookup)
        side.addWidget(self.pad)
        self.list_title = QLabel(translate("pickup", "Matching orders"), self)
        self.list_title.setFont(font(18, bold=True))
        side.addWidget(self.list_title)
        self.matches = QListWidget(self)
        self.matches.setObjectName("pickupMatches")
        self.matches.setFont(font(20))
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setMinimumHeight(120)
        self.matches.itemClicked.connect(self._chosen)
        side.addWidget(self.matches, 1)
        body.addLayout(side, 2)
        outer.addLayout(body, 1)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.confirm_button = button(
            translate("pickup", "Hand out (Enter)"),
            self,
            name="confirmButton",
            slot=self.confirm,
            height=72,
            px=24,
        )
        self.confirm_button.setStyleSheet(
            "QPushButton:enabled { background: #2e7d32; color: white; border-radius: 8px; }"
            "QPushButton:disabled { background: #cfd8dc; color: #78909c; border-radius: 8px; }"
        )
        self.all_button = button(
            translate("pickup", "Hand out all"),
            self,
            name="allButton",
            slot=self.confirm_all,
            height=72,
        )
        self.undo_button = button(
            translate("pickup", "Undo"), self, name="undoButton", slot=self.undo, height=72
        )
        self.reprint_button = button(
            translate("pickup", "Reprint receipt"),
            self,
            name="reprintButton",
            slot=self.reprint,
            height=72,
        )
        self.next_button = button(
            translate("pickup", "Next customer (Esc)"),
            self,
            name="nextButton",
            slot=self.reset,
            height=72,
        )
        actions.addWidget(self.confirm_button, 3)
        for b in (self.all_button, self.undo_button, self.reprint_button, self.next_button):
            actions.addWidget(b, 2)
        outer.addLayout(actions)

    def title(self) -> str:
        return translate("pickup", "Pickup")

    # --- the shell's calls ---------------------------------------------------------------
    def activated(self) -> None:
        self.pad.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.apply_self_service()

    # --- self-service ------------------------------------------------------------------
    def apply_self_service(self) -> None:
        """The customer-facing view over the whole window while the setting is on."""
        want = self.ctx.settings.self_service and not self.self_service_left
        if want and self.self_service is None:
            host = self.window()
            view = SelfServiceView(self.ctx, host)
            view.left.connect(self.leave_self_service)
            host.installEventFilter(self)
            view.setGeometry(host.rect())
            view.start()
            self.self_service = view
        elif not want and self.self_service is not None:
            self.self_service.stop()
            self.self_service.deleteLater()
            self.self_service = None

    def leave_self_service(self) -> None:
        self.self_service_left = True
        self.apply_self_service()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.self_service
        host = view.parentWidget() if view is not None else None
        if (
            view is not None
            and host is not None
            and watched is host
            and event.type() == QEvent.Type.Resize
        ):
            view.setGeometry(host.rect())
        return False

    def on_scan(self, scan: ScanEvent) -> bool:
        self.scan(scan.text, problem=scan.problem.value if scan.problem else "")
        return True

    def flow_staff(self) -> str | None:
        return self.ctx.session.staff_id or (
            self.ctx.kiosk.staff_id if self.ctx.kiosk.demo else None
        )

    def _settings(self, settings: object) -> None:
        st = self.ctx.settings
        self.self_service_left = False
        self.apply_self_service()
        self.announcer.configure(
            sounds=st.sounds, speech=st.speech, volume=st.volume, language=st.language
        )
        policy, allow, window = (
            st.receipt_policy,
            st.provisional_pickup == "allow",
            st.reversal_window_min,
        )

        def apply() -> PickupSnapshot:
            self.flow.receipt_policy, self.flow.allow_provisional = policy, allow
            self.flow.reversal_window_min = window
            return self.flow.snapshot()

        self.ctx.tasks.run_db(apply, self.draw)

    # --- operations (each one task on the database worker) -----------------------------
    def _op(
        self,
        work: Callable[[PickupFlow], object],
        changes: Changes | None = None,
        *,
        scan: bool = False,
    ) -> None:
        staff = self.flow_staff()

        def task() -> PickupSnapshot:
            self.flow.staff_id = staff
            try:
                work(self.flow)
            except NotShown:
                return self.flow.snapshot("not_shown")
            return self.flow.snapshot()

        def done(snap: PickupSnapshot) -> None:
            if scan:
                self.pending_scans -= 1
            self.pending_ops -= 1
            self.draw(snap)
            if changes is not None and snap.step is PickupStep.DONE:
                self.ctx.hooks.operation_did_execute.emit(changes)

        def failed(exc: BaseException) -> None:
            if scan:
                self.pending_scans -= 1
            self.pending_ops -= 1
            self.draw(self.snap)
            self.panel.show_facts([words.error_text(exc)])

        if scan:
            self.pending_scans += 1
        self.pending_ops += 1
        self._redraw_buttons()
        self.ctx.tasks.run_db(task, done, failed)

    def scan(self, text: str, problem: str = "") -> None:
        self.scan_problem = problem
        self._op(lambda f: f.scan(text), scan=True)

    def lookup(self, text: str | None = None) -> None:
        """The pad's code or phone tail (typed or tapped)."""
        value = (text if text is not None else self.pad.text()).strip()
        self.pad.field.clear()
        if value:
            self.scan(value)

    def confirm(self) -> None:
        if not self.confirm_button.isEnabled():
            return
        ticket, lines = self.snap.ticket, self.panel.selection()
        self.confirm_button.setEnabled(False)
        self._op(lambda f: f.confirm(ticket, lines), CHANGED)

    def confirm_all(self) -> None:
        """批量核销: the shown order and the customer's other ready orders, or every order of
        the touch list when they are all one customer's."""
        if not self.all_button.isEnabled():
            return
        snap = self.snap
        if snap.step is PickupStep.CHOOSING:
            tickets = [c.ticket for c in snap.candidates]
            first = tickets[0][0]
            self._op(lambda f: (f.choose(first), f.confirm_all(tickets)), CHANGED)
            return
        if snap.ticket is None:
            return
        tickets = [snap.ticket, *(o.ticket for o in snap.others)]
        self._op(lambda f: f.confirm_all(tickets), CHANGED)

    def undo(self, reason: str | None = None) -> None:
        """Undo the pickup on screen (within the window); asks the clerk why."""
        from ui.pickup.dialogs import ask_reason

        if not self.snap.can_undo:
            return
        reason = reason or ask_reason(self)
        if reason:
            self._op(lambda f: f.undo(reason), CHANGED | Changes(orders=True))

    def reprint(self) -> None:
        if self.reprint_button.isEnabled():
            self._op(lambda f: f.reprint(), Changes(printing=True))

    def report_issue(self, sku: str) -> None:
        from ui.pickup.dialogs import IssueDialog

        order = self.snap.order or (self.snap.done.orders[0] if self.snap.done else None)
        if order is None:
            return
        line = next((ln for ln in order.lines if ln.sku == sku), None)
        dialog = IssueDialog(self.ctx, order, line, self)
        if dialog.exec() and dialog.result_value is not None:
            r = dialog.result_value
            oid = order.order_id  # the order the dialog was about, whatever came in since
            self._op(
                lambda f: f.report_issue(sku, r.kind, r.qty, r.note, r.photo, r.mime, oid),
                Changes(orders=True, outbox=True),
            )

    def reset(self) -> None:
        self._op(lambda f: f.reset() if f.step is not PickupStep.IDLE else None)

    def _chosen(self, item: QListWidgetItem) -> None:
        order_id = item.data(Qt.ItemDataRole.UserRole)
        self._op(lambda f: f.choose(str(order_id)))

    # --- keys --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter: look up what is typed in the field, else confirm what is shown. The field
        ignores Enter, so it arrives here wherever the focus is inside this screen."""
        if Qt.Key(event.key()) in ENTER_KEYS:
            if self.pad.text():
                self.lookup()
            else:
                self.confirm()
            event.accept()
            return
        if Qt.Key(event.key()) == Qt.Key.Key_Escape:
            self.reset()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- drawing -----------------------------------------------------------------------
    def draw(self, snap: PickupSnapshot) -> None:
        previous, self.snap = self.snap, snap
        tone = words.tone_of(snap)
        self.panel.paint(tone, words.headline(snap))
        allowed = self.ctx.settings.provisional_pickup == "allow"
        facts = words.details(snap, allowed)
        if snap.notice == "not_shown":
            facts.insert(0, words.error_text(NotShown("")))
        problem = getattr(self, "scan_problem", "")
        if problem and snap.step is not PickupStep.DONE:
            facts.append(words.scan_problem_text(problem))
        self.panel.show_facts(facts)
        if snap.step is PickupStep.DONE and snap.done is not None:
            first = snap.done.orders[0] if snap.done.orders else None
            bins = " ".join(o.bin_code or "—" for o in snap.done.orders)
            self.panel.show_order(first, bin_text=bins, lines=())  # what went out: in the facts
        else:
            self.panel.show_order(snap.order, editable=snap.can_confirm)
        self._draw_others(snap)
        self._draw_matches(snap)
        self._redraw_buttons()
        self.drawn += 1
        if self.self_service is not None:
            self.self_service.show_snapshot(snap)
            if snap.step is PickupStep.VERDICT and snap.can_confirm and not snap.provisional:
                QTimer.singleShot(0, self.confirm)  # the customer has no Enter key
        changed = snap.step is not previous.step or snap.verdict is not previous.verdict
        if changed and snap.step in (
            PickupStep.VERDICT,
            PickupStep.CHOOSING,
            PickupStep.DONE,
            PickupStep.ERROR,
        ):
            self.announcer.announce(_sound(tone), words.spoken(snap))

    def _draw_others(self, snap: PickupSnapshot) -> None:
        if snap.others and snap.can_confirm:
            bins = ", ".join(o.bin_code or "—" for o in snap.others)
            self.panel.show_others(
                translate("pickup", "This customer has {n} more ready: {bins}")
                .replace("{n}", str(len(snap.others)))
                .replace("{bins}", bins)
            )
        else:
            self.panel.show_others("")

    def _draw_matches(self, snap: PickupSnapshot) -> None:
        self.matches.clear()
        if snap.step is not PickupStep.CHOOSING:
            return
        for view in snap.candidates:
            item = QListWidgetItem(_match_text(view))
            item.setData(Qt.ItemDataRole.UserRole, view.order_id)
            item.setSizeHint(QSize(0, 64))
            self.matches.addItem(item)

    def _redraw_buttons(self) -> None:
        snap, busy = self.snap, self.pending_scans > 0
        selection = self.panel.selection()
        something = selection is None or bool(selection)
        self.confirm_button.setEnabled(
            snap.can_confirm and not busy and something and snap.ticket is not None
        )
        group = _one_customer(snap.candidates) if snap.step is PickupStep.CHOOSING else 0
        count = group or (1 + len(snap.others) if snap.others and snap.can_confirm else 0)
        self.all_button.setEnabled(count > 1 and not busy)
        self.all_button.setText(
            translate("pickup", "Hand out all ({n})").replace("{n}", str(count))
            if count > 1
            else translate("pickup", "Hand out all")
        )
        self.undo_button.setEnabled(snap.can_undo and not busy)
        self.reprint_button.setEnabled(snap.step is PickupStep.DONE and snap.receipts and not busy)
        self.next_button.setEnabled(snap.step is not PickupStep.IDLE)


def _one_customer(candidates: tuple[OrderView, ...]) -> int:
    """How many ready orders the touch list holds when they are all one customer's (else 0)."""
    customers = {c.customer_id for c in candidates}
    ready = all(c.status in ("ready", "overdue", "partially_picked_up") for c in candidates)
    return (
        len(candidates)
        if len(candidates) > 1 and len(customers) == 1 and ready and None not in customers
        else 0
    )


def _sound(tone: words.Tone) -> str:
    return {
        words.Tone.GO: "go",
        words.Tone.DANGER: "danger",
        words.Tone.WAIT: "wait",
        words.Tone.DONE: "done",
        words.Tone.SUCCESS: "success",
    }.get(tone, "wait")


def _match_text(view: OrderView) -> str:
    items = sum(1 for _ in view.lines)
    return (
        translate("pickup", "{name} · bin {bin} · {n} items")
        .replace("{name}", view.customer_name or view.order_id)
        .replace("{bin}", view.bin_code or "—")
        .replace("{n}", str(items))
    )
