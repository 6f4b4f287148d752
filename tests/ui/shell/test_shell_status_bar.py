"""The slim status bar: five dots with translated words, redrawn from the devices' own
status listeners (a change on a worker thread, no timer), detail on tap in plain Chinese,
and a sync chip that never tells a clerk to run a command line."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from kiosk.changes import Changes
from kiosk.context import DeviceSlot, KioskContext
from kiosk.ports import DeviceState, DeviceStatus, StatusBoard, SyncStatus
from tests.ui.shell.conftest import CLERK
from ui.app import UiApp
from ui.shell.statusbar import BAR_PX

MakeShell = Callable[..., UiApp]


class BoardDevice:
    def __init__(self, name: str, state: DeviceState = DeviceState.ONLINE) -> None:
        self.board = StatusBoard(name, state, "started")

    def status(self) -> DeviceStatus:
        return self.board.current


def has_latin(text: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in text)


def test_device_changes_reach_the_bar_through_listeners_in_chinese(
    qtbot: QtBot, kiosk: KioskContext, make_shell: MakeShell
) -> None:
    printer, queue = BoardDevice("Receipt printer"), BoardDevice("print-queue")
    kiosk.slots = [
        DeviceSlot("printer", printer, printer.board.add_listener),
        DeviceSlot("print_queue", queue, queue.board.add_listener),
    ]
    ui = make_shell(language="zh_CN", login=CLERK)
    bar = ui.window.status_bar
    assert bar.height() <= BAR_PX + 4, "a slim bar, not a third of the screen"
    assert bar.dots["printer"].text() == "打印机 正常"
    assert bar.dots["camera"].text() == "摄像头 未启用"
    worker = threading.Thread(
        target=printer.board.set,
        args=(DeviceState.ERROR, "Paper out"),
        kwargs={"code": "paper_out"},
    )
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bar.dots["printer"].text() == "打印机 需要处理", timeout=3000)
    bar.show_detail("printer")
    detail = bar.detail.body.text()
    assert "没纸" in detail and not has_latin(detail), detail
    assert "小票" in detail, "the receipt queue is part of the printer's detail"
    queue.board.set(
        DeviceState.WAITING,
        "3 slip(s) waiting to print",
        code="slips_waiting",
        params={"waiting": 3},
    )
    qtbot.waitUntil(lambda: "3 张小票等待打印" in bar.detail_lines("printer")[1], timeout=3000)


def test_a_status_without_a_code_is_worded_by_its_state_never_its_english(
    qtbot: QtBot, kiosk: KioskContext, make_shell: MakeShell
) -> None:
    scale = BoardDevice("scale", DeviceState.OFFLINE)
    kiosk.slots = [DeviceSlot("scale", scale, scale.board.add_listener)]
    ui = make_shell(language="zh_CN", login=CLERK)
    bar = ui.window.status_bar
    scale.board.set(DeviceState.OFFLINE, "Cannot open /dev/ttyUSB0: permission denied.")
    bar.show_detail("scale")
    assert "Cannot" not in bar.detail.body.text()
    assert bar.detail.body.text() == "秤：连接不上，会自动重试。"


def test_the_sync_chip_says_what_a_manager_does_never_a_command(
    qtbot: QtBot, kiosk: KioskContext, make_shell: MakeShell
) -> None:
    statuses = [
        SyncStatus(
            online=False,
            enrolled=False,
            last_success=None,
            events_waiting=0,
            last_error=None,
            conflicts=0,
        )
    ]
    kiosk.sync_status = lambda: statuses[-1]
    ui = make_shell(language="zh_CN", login=CLERK)
    bar = ui.window.status_bar
    qtbot.waitUntil(lambda: bar.sync is not None, timeout=3000)
    assert bar.dots["sync"].text() == "同步 未注册"
    bar.show_detail("sync")
    text = bar.detail.body.text()
    assert "设置页面" in text and "kiosk" not in text and "--" not in text
    statuses.append(
        SyncStatus(
            online=True,
            enrolled=True,
            last_success=datetime(2026, 1, 1, 9, 30, tzinfo=UTC),
            events_waiting=3,
            last_error=None,
            conflicts=0,
        )
    )
    ui.ctx.hooks.operation_did_execute.emit(Changes(outbox=True))
    qtbot.waitUntil(lambda: bar.dots["sync"].text() == "同步 3 条待发", timeout=3000)
    bar.show_detail("sync")
    assert "3 条记录等待上传" in bar.detail.body.text()
    assert not has_latin(bar.detail.body.text())
