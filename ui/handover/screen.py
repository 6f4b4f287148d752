"""Team-leader handover (团长交接): scan the leader's badge (or pick them), their ready orders
appear with bins, scan the bags one by one (each ticks; a bag that is not theirs is refused
with whose it is) or tap Hand over all, the leader types their PIN (or scans the badge
again), one `order.handed_over` goes out and the slip prints.

Draws `kiosk.flows.handover_desk.HandoverSnapshot`s; every desk call runs on the UI's one
database worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from kiosk.changes import Changes
from kiosk.flows.handover_desk import (
    HandoverDesk,
    HandoverSnapshot,
    HCode,
    LeaderChoice,
    list_leaders,
)
from kiosk.ports import ScanEvent
from ui.checkin.parts import DANGER, GO, WAIT, Banner, big_font, touch_button
from ui.context import UiContext
from ui.qt import (
    QCoreApplication,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    Qt,
    QWidget,
    Signal,
)
from ui.scan_input import mark_key_sink
from ui.screen import Screen
from ui.widgets.screen_layout import (
    big_button,
    chooser_row,
    tap_list,
    text_label,
    touch_field,
    two_columns,
)
from ui.words.handover import outcome_text

translate = QCoreApplication.translate


class HandoverScreen(Screen):
    screen_id: ClassVar[str] = "handover"
    permission: ClassVar[str | None] = "hand_over"
    shortcut: ClassVar[str] = "F3"
    snapshot_shown = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.desk = HandoverDesk(ctx.kiosk.db)
        self.snapshot: HandoverSnapshot | None = None
        self._items: dict[str, QListWidgetItem] = {}
        self._build()
        self.refresh_leaders()

    def _build(self) -> None:
        left, right = two_columns(self, 3, 2)
        top, self.leader_box, self.counter = chooser_row(
            self, "handover-counter", self._leader_chosen
        )
        left.addLayout(top)
        self.banner = Banner(self, name="handover-banner")
        left.addWidget(self.banner)
        self.leader_label = QLabel(self)
        self.leader_label.setFont(big_font(44))
        self.leader_label.setMinimumHeight(70)
        left.addWidget(self.leader_label)
        self.order_list = tap_list(self, 20, self._toggle_item, name="handover-orders")
        left.addWidget(self.order_list, 1)
        self.all_button = big_button(
            translate("handover", "Hand over all"), self, self._tick_all, name="hand-over-all"
        )
        right.addWidget(self.all_button)
        pin_title = text_label(
            self,
            18,
            wrap=True,
            text=translate("handover", "Team leader's PIN (or scan the badge again)"),
        )
        right.addWidget(pin_title)
        self.pin_edit = touch_field(self, px=28, name="handover-pin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        # no max length: the scan router takes a scan's keys back out of the focused field,
        # which a truncated field would defeat
        self.pin_edit.returnPressed.connect(self._confirm_pin)
        mark_key_sink(self.pin_edit)  # slow typing with the focus nowhere: the leader's PIN
        right.addWidget(self.pin_edit)
        pad = QGridLayout()
        self.pad_buttons: dict[str, object] = {}
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for n, key in enumerate(keys):
            text = translate("handover", "Confirm") if key == "OK" else key
            button = touch_button(text, self, px=26, name=f"pad-{key}")
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, k=key: self._pad(k))
            pad.addWidget(button, n // 3, n % 3)
            self.pad_buttons[key] = button
        right.addLayout(pad)
        self.next_button = touch_button(
            translate("handover", "Next team leader"), self, name="next-leader"
        )
        self.next_button.clicked.connect(self._reset)
        right.addWidget(self.next_button)
        right.addStretch(1)
        self._draw(None)

    def title(self) -> str:
        return translate("handover", "Handover")

    # --- operations ------------------------------------------------------------------------

    def _run(self, fn: Callable[[], HandoverSnapshot], changes: Changes | None = None) -> None:
        def done(snap: HandoverSnapshot) -> None:
            self.show_snapshot(snap)
            if snap.done is not None and changes is not None:
                self.ctx.hooks.operation_did_execute.emit(changes)

        self.ctx.tasks.run_db(fn, done)

    def on_scan(self, scan: ScanEvent) -> bool:
        text = scan.text.strip()
        staff, slips = self.ctx.session.staff_id, self.ctx.kiosk.receipts
        changed = Changes(orders=True, outbox=True, printing=True)
        self._run(lambda: self.desk.scan(text, staff_id=staff, slips=slips), changed)
        return True

    def activated(self) -> None:
        self.refresh_leaders()
        self.pin_edit.setFocus()

    def on_changes(self, changes: Changes) -> None:
        if changes.orders:
            self.refresh_leaders()

    def refresh_leaders(self) -> None:
        self.ctx.tasks.run_db(lambda: list_leaders(self.ctx.kiosk.db), self._draw_leaders)

    def _draw_leaders(self, leaders: list[LeaderChoice]) -> None:
        self.leader_box.clear()
        self.leader_box.addItem(translate("handover", "Pick a team leader (or scan the badge)"), "")
        for ld in leaders:
            self.leader_box.addItem(
                translate("handover", "{name} · {community} · {n} ready")
                .replace("{name}", ld.name)
                .replace("{community}", ld.community)
                .replace("{n}", str(ld.ready)),
                ld.leader_id,
            )
        current = self.snapshot.leader_id if self.snapshot else None
        index = self.leader_box.findData(current) if current else 0
        self.leader_box.setCurrentIndex(max(0, index))

    def _leader_chosen(self, index: int) -> None:
        leader = self.leader_box.itemData(index)
        if leader:
            self._run(lambda: self.desk.identify(str(leader)))

    def _toggle_item(self, item: QListWidgetItem) -> None:
        order_id = str(item.data(Qt.ItemDataRole.UserRole))
        self._run(lambda: self.desk.toggle(order_id))

    def _tick_all(self) -> None:
        self._run(self.desk.tick_all)

    def _pad(self, key: str) -> None:
        if key == "⌫":
            self.pin_edit.backspace()
        elif key == "OK":
            self._confirm_pin()
        else:
            self.pin_edit.insert(key)

    def _confirm_pin(self) -> None:
        pin = self.pin_edit.text().strip()
        self.pin_edit.clear()
        staff, slips = self.ctx.session.staff_id, self.ctx.kiosk.receipts
        self._run(
            lambda: self.desk.confirm(
                confirmed_by="pin", credential=pin, staff_id=staff, slips=slips
            ),
            Changes(orders=True, outbox=True, printing=True),
        )

    def _reset(self) -> None:
        self._run(self.desk.reset)

    # --- drawing ---------------------------------------------------------------------------

    def show_snapshot(self, snap: HandoverSnapshot) -> None:
        previous = self.snapshot
        self.snapshot = snap
        if previous is None or previous.leader_id != snap.leader_id or snap.leader_id is None:
            self.order_list.clear()
            self._items.clear()
        self._draw(snap)
        if snap.outcome is not None and snap.outcome.code in (
            HCode.LEADER_FOUND,
            HCode.HANDED_OVER,
        ):
            self.pin_edit.clear()
        if snap.outcome is not None:
            colour = DANGER if snap.outcome.refused else GO
            if snap.outcome.code in (HCode.BAG_AGAIN, HCode.BAG_UNTICKED):
                colour = WAIT
            text = outcome_text(snap.outcome)
            if snap.done is not None and not snap.done.slip_queued:
                text = (
                    translate(
                        "handover",
                        "{count} orders handed to {leader}. No printer: no slip printed.",
                    )
                    .replace("{count}", str(snap.done.count))
                    .replace("{leader}", snap.leader_name)
                )
            self.banner.say(text, colour)
        if snap.leader_id and snap.done is None:
            self.pin_edit.setFocus()
        self.snapshot_shown.emit(snap)

    def _draw(self, snap: HandoverSnapshot | None) -> None:
        if snap is None or snap.leader_id is None:
            self.leader_label.setText(translate("handover", "Scan the team leader's badge"))
            self.counter.setText("")
            self.all_button.setEnabled(False)
            return
        self.leader_label.setText(f"{snap.leader_name} · {snap.community}")
        self.counter.setText(
            translate("handover", "Ticked {n} / {total}")
            .replace("{n}", str(snap.ticked))
            .replace("{total}", str(len(snap.orders)))
        )
        self.all_button.setEnabled(snap.done is None and bool(snap.orders))
        for o in snap.orders:
            item = self._items.get(o.order_id)
            if item is None:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, o.order_id)
                self._items[o.order_id] = item
                self.order_list.addItem(item)
            mark = "✔" if o.ticked else "○"
            text = (
                translate("handover", "{mark} {bin}   {order} · {n} items")
                .replace("{mark}", mark)
                .replace("{bin}", o.bin_code or "—")
                .replace("{order}", o.order_id)
                .replace("{n}", str(o.items))
            )
            if item.text() != text:
                item.setText(text)
                item.setForeground(Qt.GlobalColor.darkGreen if o.ticked else Qt.GlobalColor.black)
        if snap.current and snap.current in self._items:
            self.order_list.scrollToItem(self._items[snap.current])
