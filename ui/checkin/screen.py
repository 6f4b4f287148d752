"""Batch check-in (到货签收) at the back door: scan the bags of the morning van, see expected
vs received live, the bin of the bag just scanned in huge letters, shortage or damage (with
a photo) in one tap, the cold-chain temperature once, finish in one tap.

Draws `kiosk.flows.batch_desk.CheckinSnapshot`s; every desk call runs on the UI's one
database worker (`ctx.tasks.run_db`), so the GUI thread never waits on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from kiosk.changes import Changes
from kiosk.flows.batch_desk import (
    BagView,
    BatchChoice,
    CheckinDesk,
    CheckinSnapshot,
    Code,
    Photo,
    ProblemKind,
    arriving_batches,
)
from kiosk.flows.coldchain import ColdChain, TempCheck, Zone
from kiosk.ports import ScanEvent
from ui.checkin.parts import (
    DANGER,
    GO,
    INFO,
    WAIT,
    Banner,
    big_font,
    demo_photo,
    touch_button,
)
from ui.context import UiContext
from ui.qt import (
    QCoreApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
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
from ui.words.checkin import outcome_text, temp_word, zone_word

translate = QCoreApplication.translate
MAX_LINES = 4  # line rows kept in place so buttons never jump


def cold_chain_from(settings: object) -> ColdChain | None:
    """Bands from settings.toml when it has them (fields chilled_min_c … frozen_max_c); else
    None and the desk takes the store's `cold_chain` setting (or the usual bands)."""
    raw: dict[str, Any] = {}
    for zone in ("chilled", "frozen"):
        low, high = (
            getattr(settings, f"{zone}_min_c", None),
            getattr(settings, f"{zone}_max_c", None),
        )
        if low is not None and high is not None:
            raw[zone] = [low, high]
    return ColdChain.from_setting(raw) if raw else None


class CheckinScreen(Screen):
    screen_id: ClassVar[str] = "checkin"
    permission: ClassVar[str | None] = "check_in"
    shortcut: ClassVar[str] = "F2"
    snapshot_shown = Signal(object)  # after each snapshot is drawn (tests, bench)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.desk = CheckinDesk(
            ctx.kiosk.db, data_dir=ctx.kiosk.data_dir, cold_chain=cold_chain_from(ctx.settings)
        )
        self.snapshot: CheckinSnapshot | None = None
        self._items: dict[str, QListWidgetItem] = {}
        self._shown: dict[str, tuple[bool, str | None, bool]] = {}
        self._finish_armed = False
        self._build()
        self.refresh_batches()

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        left, right = two_columns(self, 3, 2)
        top, self.batch_box, self.counter = chooser_row(self, "checkin-counter", self._batch_chosen)
        left.addLayout(top)
        self.banner = Banner(self, name="checkin-banner")
        left.addWidget(self.banner)
        self.bin_label = QLabel("—", self)
        self.bin_label.setObjectName("checkin-bin")
        self.bin_label.setFont(big_font(150))
        self.bin_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bin_label.setMinimumHeight(190)
        left.addWidget(self.bin_label, 2)
        self.bag_title = text_label(self, 20)
        left.addWidget(self.bag_title)
        grid = QGridLayout()
        self.line_labels: list[QLabel] = []
        self.short_buttons: list[Any] = []
        self.damage_buttons: list[Any] = []
        for i in range(MAX_LINES):
            label = QLabel(self)
            label.setFont(big_font(18, bold=False))
            short = touch_button(translate("checkin", "Short 1"), self, px=18, name=f"short-{i}")
            damage = touch_button(
                translate("checkin", "Damaged 1 + photo"), self, px=18, name=f"damage-{i}"
            )
            short.clicked.connect(lambda _=False, i=i: self._problem(i, ProblemKind.SHORT))
            damage.clicked.connect(lambda _=False, i=i: self._problem(i, ProblemKind.DAMAGED))
            for w in (label, short, damage):
                policy = w.sizePolicy()
                policy.setRetainSizeWhenHidden(True)
                w.setSizePolicy(policy)
            grid.addWidget(label, i, 0)
            grid.addWidget(short, i, 1)
            grid.addWidget(damage, i, 2)
            self.line_labels.append(label)
            self.short_buttons.append(short)
            self.damage_buttons.append(damage)
        grid.setColumnStretch(0, 1)
        left.addLayout(grid)
        note_row = QHBoxLayout()
        self.note = touch_field(
            self, translate("checkin", "Note for the problem (optional)"), px=18
        )
        note_row.addWidget(self.note, 1)
        self.change_bin = touch_button(translate("checkin", "Change bin"), self, name="change-bin")
        self.change_bin.clicked.connect(self._choose_bin)
        note_row.addWidget(self.change_bin)
        left.addLayout(note_row)
        # right side: temperature, bag list, finish
        temp_row = QHBoxLayout()
        self.temp_title = text_label(self, 18, text=translate("checkin", "Cold chain °C"))
        temp_row.addWidget(self.temp_title)
        self.temp_edit = touch_field(
            self, translate("checkin", "e.g. 4.5, then Enter"), px=22, name="checkin-temp"
        )
        self.temp_edit.returnPressed.connect(self._temperature)
        mark_key_sink(self.temp_edit)  # slow typing with the focus nowhere: the temperature
        temp_row.addWidget(self.temp_edit, 1)
        right.addLayout(temp_row)
        self.temp_status = text_label(self, 17, bold=False, wrap=True)
        self.temp_status.setMinimumHeight(60)
        right.addWidget(self.temp_status)
        self.bag_list = tap_list(self, 18, self._tick_item, name="checkin-bags")
        right.addWidget(self.bag_list, 1)
        self.finish_button = big_button(
            translate("checkin", "Finish check-in"), self, self._finish, name="finish"
        )
        right.addWidget(self.finish_button)
        self.bin_picker = QListWidget(self)
        self.bin_picker.setFont(big_font(20, bold=False))
        self.bin_picker.hide()
        self.bin_picker.itemClicked.connect(self._bin_chosen)
        right.addWidget(self.bin_picker, 1)
        self._draw_lines(None)
        self._draw_counter(None)

    def title(self) -> str:
        return translate("checkin", "Check-in")

    # --- operations (each on the database worker) ------------------------------------------

    def _run(self, fn: Callable[[], CheckinSnapshot], changes: Changes | None = None) -> None:
        def done(snap: CheckinSnapshot) -> None:
            self.show_snapshot(snap)
            if changes is not None and changes.any():
                self.ctx.hooks.operation_did_execute.emit(changes)

        self.ctx.tasks.run_db(fn, done)

    def on_scan(self, scan: ScanEvent) -> bool:
        text = scan.text
        self._finish_armed = False
        self._run(lambda: self.desk.scan(text))
        return True

    def activated(self) -> None:
        self.refresh_batches()

    def on_changes(self, changes: Changes) -> None:
        if changes.orders and (self.snapshot is None or self.snapshot.finished is not None):
            self.refresh_batches()

    def refresh_batches(self) -> None:
        self.ctx.tasks.run_db(lambda: arriving_batches(self.ctx.kiosk.db), self._draw_batches)

    def _draw_batches(self, choices: list[BatchChoice]) -> None:
        current = self.snapshot.batch_id if self.snapshot and not self.snapshot.finished else None
        self.batch_box.clear()
        self.batch_box.addItem(translate("checkin", "Choose the delivery (or scan a bag)"), "")
        for c in choices:
            when = c.expected_at.strftime("%H:%M") if c.expected_at else ""
            self.batch_box.addItem(
                translate("checkin", "{batch} · {n} bags · {when}")
                .replace("{batch}", c.batch_id)
                .replace("{n}", str(c.orders))
                .replace("{when}", when),
                c.batch_id,
            )
        index = self.batch_box.findData(current) if current else 0
        self.batch_box.setCurrentIndex(max(0, index))

    def _batch_chosen(self, index: int) -> None:
        batch = self.batch_box.itemData(index)
        if batch:
            self._run(lambda: self.desk.open(str(batch)))

    def _tick_item(self, item: QListWidgetItem) -> None:
        order_id = str(item.data(Qt.ItemDataRole.UserRole))
        self._run(lambda: self.desk.tick(order_id))

    def _problem(self, row: int, kind: ProblemKind) -> None:
        bag = self.snapshot.current if self.snapshot else None
        if bag is None or row >= len(bag.lines):
            return
        sku, note = bag.lines[row].sku, self.note.text()
        photo = self._photo(bag.order_id, note) if kind is ProblemKind.DAMAGED else None
        self._run(lambda: self.desk.note_problem(bag.order_id, sku, kind, note=note, photo=photo))

    def _photo(self, order_id: str, note: str) -> Photo | None:
        """A webcam photo where the kiosk has a camera that takes one; the demo camera's card
        in demo mode; else none (the damage is recorded without)."""
        take = getattr(self.ctx.kiosk, "take_photo", None)
        if callable(take):
            try:
                data, mime = take()
                return Photo(bytes(data), str(mime))
            except Exception:
                return None
        return demo_photo(order_id, note) if self.ctx.kiosk.demo else None

    def _temperature(self) -> None:
        raw = self.temp_edit.text().strip().replace(",", ".").replace("°", "").replace("C", "")
        try:
            celsius = float(raw)
        except ValueError:
            self.banner.say(
                translate("checkin", "Type the temperature as a number, e.g. 4.5."), DANGER
            )
            return
        self.temp_edit.clear()
        self._run(lambda: self.desk.set_temperature(celsius))

    def _choose_bin(self) -> None:
        bag = self.snapshot.current if self.snapshot else None
        if bag is None or not bag.received:
            self.banner.say(outcome_text_for(Code.NO_BAG_FOR_BIN), DANGER)
            return
        self.bin_picker.clear()
        for code, zone, load in self.desk.bins():
            item = QListWidgetItem(
                translate("checkin", "{bin} · {zone} · {n} bags")
                .replace("{bin}", code)
                .replace("{zone}", zone_word(zone))
                .replace("{n}", str(load))
            )
            item.setData(Qt.ItemDataRole.UserRole, code)
            if zone != bag.zone:
                item.setForeground(Qt.GlobalColor.gray)
            self.bin_picker.addItem(item)
        self.bag_list.hide()
        self.bin_picker.show()

    def _bin_chosen(self, item: QListWidgetItem) -> None:
        bag = self.snapshot.current if self.snapshot else None
        code = str(item.data(Qt.ItemDataRole.UserRole))
        self.bin_picker.hide()
        self.bag_list.show()
        if bag is not None:
            self._run(lambda: self.desk.set_bin(bag.order_id, code))

    def _finish(self) -> None:
        snap = self.snapshot
        if snap is None or snap.batch_id is None or snap.finished is not None:
            self.banner.say(outcome_text_for(Code.NO_BATCH), DANGER)
            return
        if snap.missing and not self._finish_armed:
            self._finish_armed = True
            self.banner.say(
                translate(
                    "checkin",
                    "{n} bags not scanned: they stay 'not arrived'. "
                    "Tap Finish again to check in without them.",
                ).replace("{n}", str(snap.missing)),
                WAIT,
            )
            return
        self._finish_armed = False
        staff, sheets = self.ctx.session.staff_id, self.ctx.kiosk.receipts
        self._run(
            lambda: self.desk.finish(staff_id=staff, sheets=sheets),
            Changes(orders=True, outbox=True, printing=True),
        )

    # --- drawing ---------------------------------------------------------------------------

    def show_snapshot(self, snap: CheckinSnapshot) -> None:
        previous = self.snapshot
        self.snapshot = snap
        if previous is None or previous.batch_id != snap.batch_id:
            self._items.clear()
            self._shown.clear()
            self.bag_list.clear()
            if snap.batch_id and self.batch_box.findData(snap.batch_id) >= 0:
                self.batch_box.setCurrentIndex(self.batch_box.findData(snap.batch_id))
        self._draw_bags(snap)
        self._draw_counter(snap)
        self._draw_current(snap.current)
        self._draw_temps(snap)
        if snap.outcome is not None:
            colour = DANGER if snap.outcome.refused else GO
            if snap.outcome.code in (Code.BIN_OTHER_ZONE, Code.BAG_AGAIN, Code.BAG_UNTICKED):
                colour = WAIT
            if snap.outcome.code is Code.TEMP_RECORDED:
                colour = GO if snap.outcome.param("check") == TempCheck.IN_BAND else DANGER
            text = outcome_text(snap.outcome)
            if snap.outcome.code is Code.TEMP_RECORDED:
                band = self.desk.cold_chain.band(Zone(snap.outcome.param("zone")))
                text = temp_word(
                    snap.outcome.param("check"),
                    snap.outcome.param("zone"),
                    snap.outcome.param("celsius"),
                    (band.min_c, band.max_c) if band else None,
                )
            if snap.finished is not None:
                f = snap.finished
                text += " " + translate(
                    "checkin",
                    "{ready} ready on the shelf, {missing} not arrived, {issues} "
                    "problems reported. {sheet}",
                ).replace("{ready}", str(f.ready)).replace("{missing}", str(f.not_arrived)).replace(
                    "{issues}", str(f.issues)
                ).replace(
                    "{sheet}",
                    translate("checkin", "The check-in sheet is printing.")
                    if f.sheet_queued
                    else translate("checkin", "No printer: no sheet printed."),
                )
                self.refresh_batches()
            self.banner.say(text, colour)
        open_batch = snap.batch_id is not None and snap.finished is None
        self.finish_button.setEnabled(open_batch)
        for button in (*self.short_buttons, *self.damage_buttons, self.change_bin):
            button.setEnabled(open_batch)
        self.snapshot_shown.emit(snap)

    def _draw_counter(self, snap: CheckinSnapshot | None) -> None:
        if snap is None or snap.batch_id is None:
            self.counter.setText(translate("checkin", "No delivery open"))
            return
        self.counter.setText(
            translate("checkin", "Received {got} / {expected}")
            .replace("{got}", str(snap.received))
            .replace("{expected}", str(snap.expected))
        )

    def _draw_bags(self, snap: CheckinSnapshot) -> None:
        """Only the rows that changed are redrawn (a scan touches one)."""
        for bag in snap.bags:
            key = (bag.received, bag.bin_code, any(ln.short or ln.damaged for ln in bag.lines))
            if self._shown.get(bag.order_id) == key:
                continue
            self._shown[bag.order_id] = key
            item = self._items.get(bag.order_id)
            if item is None:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, bag.order_id)
                self._items[bag.order_id] = item
                self.bag_list.addItem(item)
            mark = "✔" if bag.received else "○"
            flag = " ⚠" if key[2] else ""
            item.setText(f"{mark} {bag.order_id}  {bag.bin_code or ''}{flag}")
            item.setForeground(Qt.GlobalColor.darkGreen if bag.received else Qt.GlobalColor.black)

    def _draw_current(self, bag: BagView | None) -> None:
        self.bin_label.setText(bag.bin_code or "—" if bag and bag.received else "—")
        if bag is None:
            self.bag_title.setText(translate("checkin", "Scan a bag label: its bin appears here."))
        else:
            self.bag_title.setText(
                translate("checkin", "Order {order} · {zone}")
                .replace("{order}", bag.order_id)
                .replace("{zone}", zone_word(bag.zone))
            )
        self._draw_lines(bag)

    def _draw_lines(self, bag: BagView | None) -> None:
        lines = bag.lines if bag else ()
        for i in range(MAX_LINES):
            visible = i < len(lines)
            for w in (self.line_labels[i], self.short_buttons[i], self.damage_buttons[i]):
                w.setVisible(visible)
            if visible:
                ln = lines[i]
                extra = []
                if ln.short:
                    extra.append(translate("checkin", "short {n}").replace("{n}", f"{ln.short:g}"))
                if ln.damaged:
                    extra.append(
                        translate("checkin", "damaged {n}").replace("{n}", f"{ln.damaged:g}")
                    )
                suffix = f"  ⚠ {', '.join(extra)}" if extra else ""
                self.line_labels[i].setText(f"{ln.name} × {ln.qty:g}{ln.unit}{suffix}")

    def _draw_temps(self, snap: CheckinSnapshot) -> None:
        parts = []
        for t in snap.temperatures:
            parts.append(temp_word(t.check, t.zone, f"{t.celsius:g}", t.band))
        for z in snap.zones_to_measure:
            parts.append(
                translate("checkin", "{zone} goods on board: measure the temperature.").replace(
                    "{zone}", zone_word(z)
                )
            )
        self.temp_status.setText("\n".join(parts))
        warn = any(t.check is not TempCheck.IN_BAND for t in snap.temperatures)
        self.temp_status.setStyleSheet(f"color: {DANGER if warn else INFO};")


def outcome_text_for(code: Code) -> str:
    from kiosk.flows.batch_desk import Outcome

    return outcome_text(Outcome(code))
