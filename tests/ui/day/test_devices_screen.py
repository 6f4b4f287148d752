"""The devices screen: status in words, test print through the real print queue with its
preview, test scan with the diagnosis of a misconfigured scanner, live readings, tare/zero,
reconnect."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from kiosk.context import DeviceSlot
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.ports import (
    DeviceState,
    DeviceStatus,
    Reading,
    ReadingKind,
    ReadingStatus,
    ScanEvent,
    ScanProblem,
    ScanSource,
    StatusBoard,
)
from kiosk.printing.queue import PrintQueue, SlipQueue
from ui.checkin.parts import DANGER, GO
from ui.context import UiContext
from ui.devices.screen import DevicesScreen
from ui.qt import Qt


class Scale:
    """An instrument as the screen sees it (the Instrument port): status, listeners, commands."""

    def __init__(self) -> None:
        self.board = StatusBoard("Scale", DeviceState.ONLINE, "")
        self.listeners: list[Callable[[Reading], None]] = []
        self.commands: list[str] = []
        self.starts = 0

    def status(self) -> DeviceStatus:
        return self.board.current

    def add_listener(self, listener: Callable[[Reading], None]) -> None:
        self.listeners.append(listener)

    def command(self, name: str) -> None:
        if name == "zero":
            raise DeviceError(DeviceErrorKind.CONFIG, "no zero command")
        self.commands.append(name)

    def start(self) -> None:
        self.starts += 1

    def stop(self) -> None:
        pass


def test_status_print_preview_scan_diagnosis_readings_tare_reconnect(
    qtbot: QtBot, ui_ctx: UiContext
) -> None:
    scale = Scale()
    ui_ctx.kiosk.slots = [DeviceSlot("scale", scale, scale.board.add_listener)]
    queue = PrintQueue(ui_ctx.kiosk.db)
    ui_ctx.kiosk.receipts = SlipQueue(queue)
    screen = DevicesScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    assert screen.device_list.count() == 1
    first = screen.device_list.item(0).text()
    scale.board.set(DeviceState.ERROR, "cable")
    ui_ctx.hooks.device_status_did_change.emit(scale.status())
    assert (
        screen.device_list.item(0).text() != first
        and "cable" not in screen.device_list.item(0).text()
    )
    # live reading from the device's own thread-side listener
    with qtbot.waitSignal(screen.reading_arrived, timeout=2000):
        scale.listeners[0](
            Reading(ReadingKind.WEIGHT, 1.25, "kg", True, ReadingStatus.OK, b"", datetime.now(UTC))
        )
    qtbot.waitUntil(lambda: "1.25 kg" in screen.reading_label.text(), timeout=2000)
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.tare_button, Qt.MouseButton.LeftButton)
    assert scale.commands == ["tare"] and screen.banner.kind == GO
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.zero_button, Qt.MouseButton.LeftButton)
    assert screen.banner.kind == DANGER and "no zero command" not in screen.banner.text()
    with qtbot.waitSignal(screen.action_done, timeout=5000):
        qtbot.mouseClick(screen.reconnect_button, Qt.MouseButton.LeftButton)
    assert scale.starts == 1
    with qtbot.waitSignal(screen.action_done, timeout=10000):
        qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert [j.kind for j in queue.pending()] == ["receipt"]
    pixmap = screen.preview.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    ok = ScanEvent("LK1.abc.def", ScanSource.WEDGE, datetime.now(UTC))
    screen.on_scan(ok)
    assert "LK1.abc.def" in screen.scan_label.text()
    bad = ScanEvent(
        "LK1.abc",
        ScanSource.WEDGE,
        datetime.now(UTC),
        ScanProblem.WRONG_LAYOUT,
        "wrong layout",
        raw="LK!.qbc",
    )
    screen.on_scan(bad)
    assert "LK!.qbc" in screen.scan_label.text()
    assert screen.scan_label.text().splitlines()[-1] != screen.scan_label.text().splitlines()[0]


def test_no_printer_is_said_in_words(qtbot: QtBot, ui_ctx: UiContext) -> None:
    ui_ctx.kiosk.receipts = None
    screen = DevicesScreen(ui_ctx)
    qtbot.addWidget(screen)
    assert not screen.print_button.isEnabled()
    screen._test_print()
    assert screen.banner.kind == DANGER and screen.banner.text()


def test_check_everything_lists_each_finding_in_words_with_what_to_do(
    qtbot: QtBot, ui_ctx: UiContext
) -> None:
    """The doctor on the running kiosk: the real ledger checks plus its own devices; a scale
    that does not answer comes first, with what to do, in Chinese."""
    import re

    from ui.app import install_translator, qt_app

    scale = Scale()
    scale.board.set(DeviceState.OFFLINE, "no answer")
    ui_ctx.kiosk.slots = [DeviceSlot("scale", scale, scale.board.add_listener)]
    ui_ctx.kiosk.devices = [scale]
    install_translator(qt_app(), "zh_CN")
    try:
        screen = DevicesScreen(ui_ctx)
        qtbot.addWidget(screen)
        screen.resize(1366, 700)
        screen.show()
        assert screen.findings.isHidden()
        with qtbot.waitSignal(screen.action_done, timeout=30000):
            qtbot.mouseClick(screen.doctor_button, Qt.MouseButton.LeftButton)
        lines = [screen.findings.item(i).text() for i in range(screen.findings.count())]
    finally:
        install_translator(qt_app(), "en")
    assert screen.findings.isVisible() and len(lines) >= 8  # version, ledger, disk, backups…
    assert lines[0].startswith("✗") and "→" in lines[0], (
        "what needs a person first, with what to do"
    )
    assert any("秤" in line and line.startswith("✗") for line in lines), lines
    assert any("账本" in line and line.startswith("✓") for line in lines), lines
    assert all(re.search(r"[\u4e00-\u9fff]", line) for line in lines), lines
    assert "no answer" not in "".join(lines), "never the driver's English"
    assert screen.banner.kind == DANGER and screen.doctor_button.isEnabled()
