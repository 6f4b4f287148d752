"""Devices (设备) for the manager: every device's status in words, a test print (with its
preview), a test scan (what was read, and what is wrong with a misconfigured scanner), live
readings of the instruments, tare / zero, reconnect. Statuses arrive through
`hooks.device_status_did_change` (StatusBoard listeners), readings through the instruments'
listeners hopped to the GUI thread by a signal; nothing is polled."""

from __future__ import annotations

from typing import Any, ClassVar

from kiosk.changes import Changes
from kiosk.context import DeviceSlot
from kiosk.errors import DeviceError
from kiosk.ports import PaperWidth, Reading, ScanEvent
from kiosk.printing.demo import demo_receipt
from kiosk.printing.preview import preview_png
from ui.checkin.parts import DANGER, GO, Banner, big_font, touch_button
from ui.context import UiContext
from ui.qt import (
    QColor,
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screen import Screen
from ui.shell.words import version_words
from ui.words import device_tests as words
from ui.words.devices import kind_word, state_word, status_sentence
from ui.words.doctor import finding_words
from ui.words.errors import device_error

translate = QCoreApplication.translate
READING_KINDS = ("scale", "instrument")


class DevicesScreen(Screen):
    screen_id: ClassVar[str] = "devices"
    permission: ClassVar[str | None] = "manage"
    shortcut: ClassVar[str] = "F6"
    reading_arrived = Signal(int, object)  # slot index, Reading (emitted on device threads)
    scan_shown = Signal(object)
    action_done = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.slots: list[DeviceSlot] = list(ctx.kiosk.slots)
        self.readings: dict[int, Reading] = {}
        root = QHBoxLayout(self)
        left, right = QVBoxLayout(), QVBoxLayout()
        root.addLayout(left, 1)
        root.addLayout(right, 1)
        self.device_list = QListWidget(self)
        self.device_list.setObjectName("devices-list")
        self.device_list.setFont(big_font(18, bold=False))
        self.device_list.setWordWrap(True)
        self.device_list.currentRowChanged.connect(lambda _row: self._draw_selected())
        left.addWidget(self.device_list, 1)
        self.scan_label = QLabel(words.hint(), self)
        self.scan_label.setObjectName("devices-scan")
        self.scan_label.setWordWrap(True)
        self.scan_label.setFont(big_font(18, bold=False))
        self.scan_label.setMinimumHeight(120)
        left.addWidget(self.scan_label)
        self.banner = Banner(self, px=20, name="devices-banner")
        right.addWidget(self.banner)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setFont(big_font(18, bold=False))
        right.addWidget(self.detail)
        self.reading_label = QLabel(self)
        self.reading_label.setObjectName("devices-reading")
        self.reading_label.setFont(big_font(48))
        self.reading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reading_label.setMinimumHeight(80)
        right.addWidget(self.reading_label)
        row = QHBoxLayout()
        self.print_button = touch_button(
            translate("devices_screen", "Test print"), self, name="devices-print"
        )
        self.tare_button = touch_button(
            translate("devices_screen", "Tare"), self, name="devices-tare"
        )
        self.zero_button = touch_button(
            translate("devices_screen", "Zero"), self, name="devices-zero"
        )
        self.reconnect_button = touch_button(
            translate("devices_screen", "Reconnect"), self, name="devices-reconnect"
        )
        for b in (self.print_button, self.tare_button, self.zero_button, self.reconnect_button):
            row.addWidget(b)
        right.addLayout(row)
        self.doctor_button = touch_button(
            translate("devices_screen", "Check everything"), self, name="devices-doctor"
        )
        self.doctor_button.clicked.connect(self.check_everything)
        right.addWidget(self.doctor_button)
        self.findings = QListWidget(self)  # the doctor's findings, in words, with what to do
        self.findings.setObjectName("devices-findings")
        self.findings.setFont(big_font(16, bold=False))
        self.findings.setWordWrap(True)
        self.findings.hide()
        right.addWidget(self.findings, 2)
        self.print_button.clicked.connect(self._test_print)
        self.tare_button.clicked.connect(lambda: self._command("tare"))
        self.zero_button.clicked.connect(lambda: self._command("zero"))
        self.reconnect_button.clicked.connect(self._reconnect)
        self.preview = QLabel(self)
        self.preview.setObjectName("devices-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        right.addWidget(self.preview, 1)
        self.reading_arrived.connect(self._on_reading)
        ctx.hooks.device_status_did_change.connect(lambda _status: self.draw_devices())
        for i, slot in enumerate(self.slots):
            listen = getattr(slot.device, "add_listener", None)
            if slot.kind in READING_KINDS and callable(listen):
                listen(lambda reading, i=i: self.reading_arrived.emit(i, reading))
        self.draw_devices()

    def title(self) -> str:
        return translate("devices_screen", "Devices")

    def activated(self) -> None:
        self.draw_devices()

    def on_changes(self, changes: Changes) -> None:
        if changes.devices or changes.printing:
            self.draw_devices()

    def on_scan(self, scan: ScanEvent) -> bool:
        text = scan.raw or scan.text
        self.scan_label.setText(
            words.read_text(text, scan.source) + "\n" + words.diagnosis(scan.problem)
        )
        self.scan_label.setStyleSheet(f"color: {DANGER if scan.problem else GO};")
        self.scan_shown.emit(scan)
        return True

    # --- drawing ---------------------------------------------------------------------------

    def draw_devices(self) -> None:
        row = self.device_list.currentRow()
        self.device_list.clear()
        for slot in self.slots:
            status = slot.device.status()
            item = QListWidgetItem(
                f"{kind_word(slot.kind)} · {state_word(status.state)}\n{status_sentence(status)}"
            )
            self.device_list.addItem(item)
        if self.slots:
            self.device_list.setCurrentRow(max(0, min(row, len(self.slots) - 1)))
        self._draw_selected()

    def _selected(self) -> tuple[int, DeviceSlot] | None:
        row = self.device_list.currentRow()
        return (row, self.slots[row]) if 0 <= row < len(self.slots) else None

    def _draw_selected(self) -> None:
        chosen = self._selected()
        instrument = chosen is not None and callable(getattr(chosen[1].device, "command", None))
        self.tare_button.setEnabled(instrument)
        self.zero_button.setEnabled(instrument)
        self.reconnect_button.setEnabled(
            chosen is not None
            and all(callable(getattr(chosen[1].device, m, None)) for m in ("start", "stop"))
        )
        self.print_button.setEnabled(self._queue() is not None)
        if chosen is None:
            self.detail.setText("")
            self.reading_label.setText("")
            return
        i, slot = chosen
        status = slot.device.status()
        self.detail.setText(f"{kind_word(slot.kind)}: {status_sentence(status)}")
        reading = self.readings.get(i)
        self.reading_label.setText(words.reading_text(reading) if reading else "")

    def _on_reading(self, index: int, reading: object) -> None:
        if isinstance(reading, Reading):
            self.readings[index] = reading
            chosen = self._selected()
            if chosen is not None and chosen[0] == index:
                self.reading_label.setText(words.reading_text(reading))

    # --- actions ---------------------------------------------------------------------------

    def _queue(self) -> Any:
        queue = getattr(self.ctx.kiosk.receipts, "queue", None)
        return queue if callable(getattr(queue, "enqueue", None)) else None

    def _test_print(self) -> None:
        queue = self._queue()
        if queue is None:
            self.banner.say(words.done("no_printer"), DANGER)
            return
        paper = PaperWidth(int(getattr(self.ctx.settings, "printer_paper", 80)))
        doc = demo_receipt()

        def work() -> bytes:
            queue.enqueue(doc, ref="test")
            return preview_png(doc, paper)

        def shown(png: bytes) -> None:
            pixmap = QPixmap()
            pixmap.loadFromData(png)
            self.preview.setPixmap(
                pixmap.scaledToHeight(
                    max(200, self.preview.height() - 10), Qt.TransformationMode.SmoothTransformation
                )
            )
            self.banner.say(words.done("print"), GO)
            self.ctx.hooks.operation_did_execute.emit(Changes(printing=True))
            self.action_done.emit("print")

        self.ctx.tasks.run_db(work, shown, self._failed)

    def _command(self, name: str) -> None:
        chosen = self._selected()
        command = getattr(chosen[1].device, "command", None) if chosen else None
        if not callable(command):
            self.banner.say(words.done("cannot"), DANGER)
            return

        def ok(_none: object) -> None:
            self.banner.say(words.done(name), GO)
            self.action_done.emit(name)

        self.ctx.tasks.run(lambda: command(name), ok, self._failed)

    def _reconnect(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        device = chosen[1].device

        def restart() -> None:
            device.stop()  # type: ignore[attr-defined]
            device.start()  # type: ignore[attr-defined]

        def ok(_none: object) -> None:
            self.banner.say(words.done("reconnect"), GO)
            self.draw_devices()
            self.action_done.emit("reconnect")

        self.ctx.tasks.run(restart, ok, self._failed)

    def check_everything(self) -> None:
        """`kiosk doctor` on the running kiosk's own devices, on a worker (a device still
        connecting is waited for a few seconds); each finding in words with what to do."""
        from kiosk.ops.doctor import probes_for, run_doctor

        kiosk = self.ctx.kiosk
        self.doctor_button.setEnabled(False)
        self.banner.say(translate("devices_screen", "Checking everything…"), GO)

        def shown(findings: list[Any]) -> None:
            self.doctor_button.setEnabled(True)
            self.show_findings(findings)
            self.action_done.emit("doctor")

        def failed(exc: BaseException) -> None:
            self.doctor_button.setEnabled(True)
            self._failed(exc)

        self.ctx.tasks.run(
            lambda: run_doctor(kiosk.data_dir, probes_for(kiosk.devices)), shown, failed
        )

    def show_findings(self, findings: list[Any]) -> None:
        self.findings.clear()
        bad = [f for f in findings if not f.ok]
        for finding in sorted(findings, key=lambda f: f.ok):  # what needs a person first
            what, todo = finding_words(finding, version_words())
            if not what:
                continue
            item = QListWidgetItem(
                ("✗ " if not finding.ok else "✓ ") + what + (f"\n→ {todo}" if todo else "")
            )
            item.setForeground(QColor(DANGER if not finding.ok else "#2e7d32"))
            self.findings.addItem(item)
        self.findings.show()
        self.preview.clear()
        if bad:
            self.banner.say(
                translate("devices_screen", "%1 thing(s) need a person: see the list.").replace(
                    "%1", str(len(bad))
                ),
                DANGER,
            )
        else:
            self.banner.say(translate("devices_screen", "Everything checked is fine."), GO)

    def _failed(self, exc: BaseException) -> None:
        text = device_error(exc.kind) if isinstance(exc, DeviceError) else words.done("cannot")
        self.banner.say(text, DANGER)
        self.action_done.emit("failed")
