"""Orders and overdue (订单 / 滞留): search by pickup code, phone tail, name, order number or
bin; filter (ready, overdue, picked up today, handed over, issues, conflicts); an order's
lines, bin, status and full history (what, when, who, which device); role-checked actions:
reverse a pickup with a reason, mark returned, reprint, report an issue, settle a conflict.
The overdue filter is the overdue list: phone tails, days waiting, bins, printable, with
"mark returned" for the whole list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from kiosk.changes import Changes
from kiosk.flows import orders as actions
from kiosk.flows.orders import ActionResult
from kiosk.flows.overdue_sheet import print_overdue
from kiosk.ports import ScanEvent, utcnow
from kiosk.queries.orders import Filter, OrderDetail, OrderRow, detail, overdue, search
from kiosk.services.issues import KINDS
from ui.checkin.parts import DANGER, GO, TOUCH, Banner, big_font, touch_button
from ui.context import UiContext
from ui.qt import (
    QComboBox,
    QCoreApplication,
    QDoubleSpinBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QWidget,
    Signal,
)
from ui.scan_input import mark_key_sink
from ui.screen import Screen
from ui.widgets.screen_layout import button_row, text_label, touch_field, two_columns
from ui.words.orders import action_text, filter_name, history_text, issue_kind, status_name

translate = QCoreApplication.translate


class OrdersScreen(Screen):
    screen_id: ClassVar[str] = "orders"
    permission: ClassVar[str | None] = None
    shortcut: ClassVar[str] = "F4"
    rows_shown = Signal(object)  # list[OrderRow] after a search is drawn
    detail_shown = Signal(object)  # OrderDetail | None
    action_done = Signal(object)  # ActionResult

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.filter = Filter.ALL
        self.rows: list[OrderRow] = []
        self.current: OrderDetail | None = None
        self._build()

    def _build(self) -> None:
        left, right = two_columns(self)
        self.search_edit = touch_field(
            self,
            translate("orders", "Pickup code, phone tail, name, order number or bin"),
            px=20,
            name="orders-search",
        )
        self.search_edit.returnPressed.connect(self.refresh)
        mark_key_sink(self.search_edit)  # slow typing with the focus nowhere: the search
        left.addWidget(self.search_edit)
        chips = QHBoxLayout()
        self.filter_buttons: dict[Filter, QPushButton] = {}
        for f in Filter:
            b = touch_button(filter_name(f), self, px=16, name=f"filter-{f.value}")
            b.setCheckable(True)
            b.setChecked(f is self.filter)
            b.clicked.connect(lambda _=False, f=f: self.set_filter(f))
            chips.addWidget(b)
            self.filter_buttons[f] = b
        left.addLayout(chips)
        self.result_list = QListWidget(self)
        self.result_list.setObjectName("orders-results")
        self.result_list.setFont(big_font(18, bold=False))
        self.result_list.itemClicked.connect(self._open_item)
        left.addWidget(self.result_list, 1)
        self.print_button = touch_button(
            translate("orders", "Print overdue list"), self, name="print-overdue"
        )
        self.return_all_button = touch_button(
            translate("orders", "Mark all returned"), self, name="return-all"
        )
        left.addLayout(
            button_row(
                (self.print_button, self._print_overdue), (self.return_all_button, self._return_all)
            )
        )
        self.banner = Banner(self, px=20, name="orders-banner")
        self.banner.setMinimumHeight(64)
        right.addWidget(self.banner)
        self.title_label = text_label(self, 26, name="orders-title", wrap=True)
        right.addWidget(self.title_label)
        self.lines_label = text_label(self, 17, bold=False, wrap=True)
        right.addWidget(self.lines_label)
        self.history_list = QListWidget(self)
        self.history_list.setObjectName("orders-history")
        self.history_list.setFont(big_font(15, bold=False))
        right.addWidget(self.history_list, 1)
        self.reason_edit = touch_field(self, translate("orders", "Reason or note"))
        right.addWidget(self.reason_edit)
        issue_row = QHBoxLayout()
        self.kind_box = QComboBox(self)
        self.kind_box.setMinimumHeight(TOUCH)
        self.kind_box.setFont(big_font(18, bold=False))
        for kind in KINDS:
            self.kind_box.addItem(issue_kind(kind), kind)
        self.qty_box = QDoubleSpinBox(self)
        self.qty_box.setMinimumHeight(TOUCH)
        self.qty_box.setFont(big_font(18, bold=False))
        self.qty_box.setMinimumWidth(110)
        self.qty_box.setRange(0, 999)
        self.qty_box.setValue(1)
        issue_row.addWidget(self.kind_box, 1)
        issue_row.addWidget(self.qty_box)
        right.addLayout(issue_row)
        self.reverse_button = touch_button(
            translate("orders", "Reverse pickup"), self, px=17, name="order-reverse"
        )
        self.returned_button = touch_button(
            translate("orders", "Mark returned"), self, px=17, name="order-returned"
        )
        self.reprint_button = touch_button(
            translate("orders", "Reprint"), self, px=17, name="order-reprint"
        )
        self.issue_button = touch_button(
            translate("orders", "Report issue"), self, px=17, name="order-issue"
        )
        self.settle_button = touch_button(
            translate("orders", "Settle conflict"), self, px=17, name="order-settle"
        )
        right.addLayout(
            button_row(
                (self.reverse_button, self._reverse),
                (self.returned_button, self._returned),
                (self.reprint_button, self._reprint),
                (self.issue_button, self._issue),
                (self.settle_button, self._settle),
            )
        )
        self._draw_detail(None)

    def title(self) -> str:
        return translate("orders", "Orders")

    def _days(self) -> int:
        return int(getattr(self.ctx.settings, "overdue_days", 3))

    # --- searching -------------------------------------------------------------------------

    def set_filter(self, f: Filter) -> None:
        self.filter = f
        for g, b in self.filter_buttons.items():
            b.setChecked(g is f)
        self.refresh()

    def refresh(self) -> None:
        text, f, days, db = self.search_edit.text(), self.filter, self._days(), self.ctx.kiosk.db
        if f is Filter.OVERDUE and not text.strip():
            self.ctx.tasks.run_db(lambda: overdue(db, overdue_days=days), self._draw_rows)
        else:
            self.ctx.tasks.run_db(lambda: search(db, text, f, overdue_days=days), self._draw_rows)

    def activated(self) -> None:
        self.redraw()
        self.search_edit.setFocus()

    def on_changes(self, changes: Changes) -> None:
        """Hidden, it waits for `activated`: a pickup at the counter queues no search."""
        if (changes.orders or changes.sync) and self.isVisible():
            self.redraw()

    def redraw(self) -> None:
        """The search again, and the open order's detail."""
        self.refresh()
        if self.current is not None:
            self.open_order(self.current.row.order_id)

    def on_scan(self, scan: ScanEvent) -> bool:
        """A scanned pickup code, bag label or order number searches for it."""
        text = scan.text.strip()
        if text.startswith("LKB1.") and text.count(".") == 2:
            text = text.rsplit(".", 1)[1]
        self.search_edit.setText(text)
        self.refresh()
        return True

    def _draw_rows(self, rows: list[OrderRow]) -> None:
        self.rows = rows
        self.result_list.clear()
        for r in rows:
            if self.filter is Filter.OVERDUE:
                text = translate("orders", "{bin}  ·  tail {tail}  ·  {days} days  ·  {order}")
            else:
                text = translate("orders", "{order}  ·  {status}  ·  {bin}  ·  {name} {tail}")
            text = (
                text.replace("{bin}", r.bin_code or "—")
                .replace("{tail}", r.phone_tail or "—")
                .replace("{days}", str(r.days_waiting))
                .replace("{order}", r.order_id)
                .replace("{status}", status_name(r.status))
                .replace("{name}", r.name_masked)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.order_id)
            if r.overdue:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.result_list.addItem(item)
        overdue_view = self.filter is Filter.OVERDUE
        self.print_button.setEnabled(overdue_view and bool(rows))
        self.return_all_button.setEnabled(overdue_view and bool(rows))
        if not rows:
            self.banner.say(translate("orders", "No order matches."), GO)
        self.rows_shown.emit(rows)
        if len(rows) == 1:
            self.open_order(rows[0].order_id)

    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_order(str(item.data(Qt.ItemDataRole.UserRole)))

    def open_order(self, order_id: str) -> None:
        db, days = self.ctx.kiosk.db, self._days()
        self.ctx.tasks.run_db(lambda: detail(db, order_id, overdue_days=days), self._draw_detail)

    def _draw_detail(self, d: OrderDetail | None) -> None:
        self.current = d
        self.history_list.clear()
        for b in (
            self.reverse_button,
            self.returned_button,
            self.reprint_button,
            self.issue_button,
            self.settle_button,
        ):
            b.setEnabled(d is not None)
        if d is None:
            self.title_label.setText(translate("orders", "Search, then tap an order."))
            self.lines_label.setText("")
            self.detail_shown.emit(None)
            return
        r = d.row
        title = (
            translate("orders", "{order} · {status} · bin {bin}")
            .replace("{order}", r.order_id)
            .replace("{status}", status_name(r.status))
            .replace("{bin}", r.bin_code or "—")
        )
        if r.overdue:
            title += "  " + translate("orders", "overdue {days} days").replace(
                "{days}", str(r.days_waiting)
            )
        self.title_label.setText(title)
        lines = [
            f"{ln.name} × {ln.qty:g}{ln.unit}"
            + (
                "  " + translate("orders", "(picked {n})").replace("{n}", f"{ln.picked:g}")
                if ln.picked
                else ""
            )
            for ln in d.lines
        ]
        who = f"{r.name_masked} · {r.phone_tail}" if r.name_masked else ""
        if d.leader:
            who += "  " + translate("orders", "team leader {name}").replace("{name}", d.leader)
        self.lines_label.setText("\n".join([who, *lines]))
        for h in d.history:
            self.history_list.addItem(
                translate("orders", "{when}  {what}  ·  {who}  ·  {device}")
                .replace("{when}", h.at.astimezone().strftime("%m-%d %H:%M"))
                .replace("{what}", history_text(h))
                .replace("{who}", h.actor)
                .replace("{device}", h.device)
            )
        self.reverse_button.setEnabled(r.status in ("picked_up", "partially_picked_up"))
        self.reprint_button.setEnabled(r.status in ("picked_up", "partially_picked_up"))
        self.returned_button.setEnabled(r.overdue)
        self.settle_button.setEnabled(bool(d.open_conflicts))
        self.detail_shown.emit(d)

    # --- actions ---------------------------------------------------------------------------

    def _act(self, fn: Callable[[], ActionResult]) -> None:
        def done(result: ActionResult) -> None:
            self.banner.say(action_text(result), GO if result.ok else DANGER)
            if result.changes.any():
                self.ctx.hooks.operation_did_execute.emit(result.changes)
            self.action_done.emit(result)

        self.ctx.tasks.run_db(fn, done)

    def _ids(self) -> tuple[Any, str | None, str]:
        order = self.current.row.order_id if self.current else ""
        return self.ctx.kiosk.db, self.ctx.session.staff_id, order

    def _reverse(self) -> None:
        db, staff, order = self._ids()
        reason = self.reason_edit.text()
        window = int(getattr(self.ctx.settings, "reversal_window_min", 10))
        self._act(
            lambda: actions.reverse(db, order, staff_id=staff, reason=reason, window_min=window)
        )

    def _returned(self) -> None:
        db, staff, order = self._ids()
        reason, days = self.reason_edit.text(), self._days()
        self._act(
            lambda: actions.mark_returned(
                db, [order], staff_id=staff, reason=reason, overdue_days=days
            )
        )

    def _return_all(self) -> None:
        db, staff, _ = self._ids()
        ids = [r.order_id for r in self.rows]
        reason, days = self.reason_edit.text(), self._days()
        self._act(
            lambda: actions.mark_returned(db, ids, staff_id=staff, reason=reason, overdue_days=days)
        )

    def _reprint(self) -> None:
        db, _, order = self._ids()
        receipts = self.ctx.kiosk.receipts
        self._act(lambda: actions.reprint(db, receipts, order))

    def _issue(self) -> None:
        db, staff, order = self._ids()
        kind, qty, note = (
            str(self.kind_box.currentData()),
            self.qty_box.value(),
            self.reason_edit.text(),
        )
        self._act(
            lambda: actions.report(
                db, order, staff_id=staff, kind=kind, sku=None, qty=qty, note=note
            )
        )

    def _settle(self) -> None:
        db, staff, _ = self._ids()
        if self.current is None or not self.current.open_conflicts:
            return
        event, note = self.current.open_conflicts[0], self.reason_edit.text()
        self._act(lambda: actions.settle(db, event, staff_id=staff, note=note))

    def _print_overdue(self) -> None:
        rows, days = list(self.rows), self._days()
        printer = self.ctx.kiosk.receipts
        store = self.ctx.kiosk.store_id

        def run() -> ActionResult:
            ok = print_overdue(printer, rows, store=store, days=days, at=utcnow())
            return ActionResult(
                actions.Done.OK if ok else actions.Done.NO_PRINTER, (), Changes(printing=ok)
            )

        self._act(run)
