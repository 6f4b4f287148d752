"""Live test mode (直播检测): the host picks product and batch and goes live; readings from
the scale, refractometer and pesticide reader appear big as they come, with the grade or
verdict in words and colour, the sample's mean and spread, and the reading's verification
code. The same frame goes to the on-air window and to the OBS overlay (a kiosk.ports
LiveOutput among the devices). A positive is shown positive: nothing is filtered.

Draws kiosk.readings.live.LiveSnapshots; the desk runs on the UI's one database worker.
Instrument listeners fire on their worker threads and hop here through a queued signal.
"""

from __future__ import annotations

from typing import ClassVar

from kiosk.changes import Changes
from kiosk.ports import LiveFrame, LiveOutput, Reading, ReadingKind
from kiosk.readings.label import print_label
from kiosk.readings.live import Instrument, LiveDesk, LiveSnapshot, instrument_of
from ui.checkin.parts import DANGER, GO, INFO, TOUCH, Banner, big_font, touch_button
from ui.context import UiContext
from ui.live.onair import TONE_COLOURS, OnAirWindow
from ui.qt import (
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screen import Screen
from ui.words import live as words

translate = QCoreApplication.translate
# product names are data (what the store sells), not UI words
PRODUCTS = ("草莓", "西瓜", "柑橘", "葡萄", "芒果", "苹果", "圣女果", "小白菜", "菠菜", "生菜")


class LiveScreen(Screen):
    screen_id: ClassVar[str] = "live"
    permission: ClassVar[str | None] = None
    shortcut: ClassVar[str] = "F9"
    reading_arrived = Signal(object)  # (Reading, Instrument) from an instrument's thread
    frame_shown = Signal(object)  # the LiveFrame just put on air (tests, screenshots)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.desk = LiveDesk(ctx.kiosk.db)
        self.snap: LiveSnapshot = self.desk.snap
        self.onair: OnAirWindow | None = None
        self.output = next((d for d in ctx.kiosk.devices if isinstance(d, LiveOutput)), None)
        self.seq = 0
        self.frame = LiveFrame(seq=0)
        self._shown_id: str | None = None
        self._last_weight: tuple[float | None, bool] | None = None
        self._build()
        self.reading_arrived.connect(self._take)
        for slot in ctx.kiosk.slots:
            listen = getattr(slot.device, "add_listener", None)
            if slot.kind in ("scale", "instrument") and callable(listen):
                who = instrument_of(slot.device, ctx.settings.instruments)
                listen(lambda r, who=who: self._arrived(r, who))
        self._draw(self.snap)

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        top = QHBoxLayout()
        root.addLayout(top)
        self.product = QComboBox(self)
        self.product.setObjectName("live-product")
        self.product.setEditable(True)
        self.product.addItems(PRODUCTS)
        self.product.setCurrentIndex(0)
        self.product.setMinimumHeight(TOUCH)
        self.product.setFont(big_font(24, bold=False))
        edit = self.product.lineEdit()
        if edit is not None:
            edit.setObjectName("live-product-edit")
            edit.setPlaceholderText(translate("live", "Product"))
        top.addWidget(self.product, 2)
        self.batch = QLineEdit(self)
        self.batch.setObjectName("live-batch")
        self.batch.setPlaceholderText(translate("live", "Batch (optional)"))
        self.batch.setMinimumHeight(TOUCH)
        self.batch.setFont(big_font(24, bold=False))
        top.addWidget(self.batch, 2)
        self.go = touch_button(translate("live", "Go live"), self, px=26, name="live-start")
        self.go.clicked.connect(self._toggle_session)
        top.addWidget(self.go, 1)
        self.air_button = touch_button(translate("live", "On-air window"), self, name="live-onair")
        self.air_button.clicked.connect(self._toggle_onair)
        top.addWidget(self.air_button, 1)
        self.transparent = QCheckBox(translate("live", "Transparent"), self)
        self.transparent.setObjectName("live-transparent")
        self.transparent.setMinimumHeight(TOUCH)
        self.transparent.setFont(big_font(18, bold=False))
        self.transparent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top.addWidget(self.transparent)

        self.session_label = QLabel(self)
        self.session_label.setObjectName("live-session")
        self.session_label.setFont(big_font(20, bold=False))
        root.addWidget(self.session_label)

        middle = QHBoxLayout()
        root.addLayout(middle, 1)
        show = QVBoxLayout()
        middle.addLayout(show, 3)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("live-title")
        self.title_label.setFont(big_font(32))
        show.addWidget(self.title_label)
        self.value_label = QLabel(self)
        self.value_label.setObjectName("live-value")
        self.value_label.setFont(big_font(84))
        self.value_label.setMinimumHeight(110)
        # the figure never pushes the readings list off the screen
        self.value_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        show.addWidget(self.value_label)
        self.verdict_label = QLabel(self)
        self.verdict_label.setObjectName("live-verdict")
        self.verdict_label.setFont(big_font(44))
        self.verdict_label.setMinimumHeight(72)
        self.verdict_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        show.addWidget(self.verdict_label)
        self.stats_label = QLabel(self)
        self.stats_label.setObjectName("live-stats")
        self.stats_label.setFont(big_font(24, bold=False))
        self.stats_label.setWordWrap(True)
        show.addWidget(self.stats_label)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("live-code")
        self.code_label.setFont(big_font(22, bold=False))
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        show.addWidget(self.code_label)
        self.weight_label = QLabel(self)
        self.weight_label.setObjectName("live-weight")
        self.weight_label.setFont(big_font(24, bold=False))
        show.addWidget(self.weight_label)
        show.addStretch(1)

        side = QVBoxLayout()
        middle.addLayout(side, 2)
        self.list = QListWidget(self)
        self.list.setObjectName("live-list")
        self.list.setFont(big_font(18, bold=False))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setMinimumWidth(440)
        side.addWidget(self.list, 1)
        self.weigh = touch_button(translate("live", "Save the weight"), self, name="live-weigh")
        self.weigh.clicked.connect(self._capture_weight)
        side.addWidget(self.weigh)
        self.print_button = touch_button(
            translate("live", "Print reading label"), self, name="live-print"
        )
        self.print_button.clicked.connect(self._print)
        side.addWidget(self.print_button)

        self.banner = Banner(self, px=22, name="live-banner")
        root.addWidget(self.banner)
        self.overlay_label = QLabel(
            words.overlay_text(self.output.url if self.output else None), self
        )
        self.overlay_label.setObjectName("live-overlay-url")
        self.overlay_label.setFont(big_font(16, bold=False))
        self.overlay_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(self.overlay_label)

    def title(self) -> str:
        return translate("live", "Live test")

    # --- operations ------------------------------------------------------------------------
    def _arrived(self, reading: Reading, who: Instrument) -> None:
        """On an instrument's thread: hop to the GUI thread (a queued signal)."""
        try:
            self.reading_arrived.emit((reading, who))
        except RuntimeError:  # the screen is gone (shutdown): nothing to draw on
            pass

    def _take(self, item: tuple[Reading, Instrument]) -> None:
        reading, who = item
        if reading.kind is ReadingKind.WEIGHT:
            key = (reading.value, reading.stable)
            if key == self._last_weight:
                return  # a continuous scale repeats itself ten times a second
            self._last_weight = key
        self.ctx.tasks.run_db(lambda: self.desk.take(reading, who), self._drawn)

    def _toggle_session(self) -> None:
        if self.snap.running:
            self.ctx.tasks.run_db(self.desk.stop, self._drawn)
            return
        product, batch = self.product.currentText(), self.batch.text()
        operator = self.ctx.session.staff_id
        self.ctx.tasks.run_db(
            lambda: self.desk.start(product=product, batch_id=batch, operator_id=operator),
            self._drawn,
        )

    def _capture_weight(self) -> None:
        operator = self.ctx.session.staff_id
        self.ctx.tasks.run_db(lambda: self.desk.capture_weight(operator_id=operator), self._drawn)

    def _print(self) -> None:
        latest = self.snap.latest
        if latest is None:
            self.banner.say(
                translate("live", "Nothing measured yet: there is no label to print."), DANGER
            )
            return
        db, sink = self.ctx.kiosk.db, self.ctx.kiosk.receipts

        def work() -> str:
            job = print_label(db, latest.reading_id)
            queue = getattr(sink, "queue", None)
            if queue is not None and callable(getattr(queue, "notify", None)):
                queue.notify()  # wake the print dispatcher
            return job

        def done(_job: str) -> None:
            self.banner.say(translate("live", "The reading label is printing."), GO)
            self.ctx.hooks.operation_did_execute.emit(Changes(printing=True))

        self.ctx.tasks.run_db(work, done)

    def _toggle_onair(self) -> None:
        if self.onair is not None and self.onair.isVisible():
            self.onair.hide()
            return
        if self.onair is None or self.onair.transparent != self.transparent.isChecked():
            if self.onair is not None:
                self.onair.close()
            self.onair = OnAirWindow(transparent=self.transparent.isChecked())
        self.onair.show_frame(self.frame)
        self.onair.move(0, 0)
        self.onair.show()

    def close_onair(self) -> None:
        if self.onair is not None:
            self.onair.close()
            self.onair = None

    # --- drawing ---------------------------------------------------------------------------
    def _drawn(self, snap: LiveSnapshot) -> None:
        grew = len(snap.items) > len(self.snap.items)
        self._draw(snap)
        if grew:
            self.ctx.hooks.operation_did_execute.emit(Changes(readings=True, outbox=True))

    def _draw(self, snap: LiveSnapshot) -> None:
        before = self.snap
        self.snap = snap
        self.go.setText(
            translate("live", "End live session") if snap.running else translate("live", "Go live")
        )
        self.product.setEnabled(not snap.running)
        self.batch.setEnabled(not snap.running)
        self.session_label.setText(words.session_text(snap))
        self.title_label.setText(words.title_text(snap))
        self.weight_label.setText(words.weight_text(snap))
        latest = snap.latest
        if latest is None:
            self.value_label.setText("")
            self.verdict_label.setText("")
            self.verdict_label.setStyleSheet("")
            self.stats_label.setText("")
            self.code_label.setText("")
        else:
            self.value_label.setText(words.value_text(latest))
            self.verdict_label.setText(f" {words.verdict_text(latest.kind, latest.verdict)} ")
            colour = TONE_COLOURS.get(latest.tone, TONE_COLOURS["neutral"])
            text_colour = "#111" if latest.tone == "warn" else "white"
            self.verdict_label.setStyleSheet(
                f"background: {colour}; color: {text_colour}; "
                "border-radius: 10px; padding: 2px 12px;"
            )
            self.stats_label.setText(words.spread_text(snap.spreads.get(latest.kind)))
            self.code_label.setText(f"{words.code_label(latest)} {latest.short_code or ''}".strip())
        if len(snap.items) != self.list.count():
            self.list.clear()
            for item in reversed(snap.items):
                self.list.addItem(words.item_line(item))
        if snap.error:
            self.banner.say(words.refusal_text(snap.error), DANGER)
        elif latest is not None and latest.reading_id != self._shown_id:
            self.banner.say(
                translate("live", "Saved and signed: {value} · {verdict}")
                .replace("{value}", words.value_text(latest))
                .replace("{verdict}", words.verdict_text(latest.kind, latest.verdict)),
                DANGER if latest.tone == "bad" else GO,
            )
        elif not snap.running and before.running:
            self.banner.say(translate("live", "The live session ended."), INFO)
        new_reading = latest is not None and latest.reading_id != self._shown_id
        if new_reading or snap.session_id != before.session_id or snap.product != before.product:
            self._shown_id = latest.reading_id if latest else None
            self._put_on_air(snap)

    def _put_on_air(self, snap: LiveSnapshot) -> None:
        self.seq += 1
        self.frame = words.frame_of(snap, self.seq)
        if self.onair is not None:
            self.onair.show_frame(self.frame)
        if self.output is not None:
            self.output.publish(self.frame)
        self.frame_shown.emit(self.frame)

    def on_changes(self, changes: Changes) -> None:
        if changes.settings:
            self.overlay_label.setText(words.overlay_text(self.output.url if self.output else None))
