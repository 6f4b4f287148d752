from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.context import KioskContext
from kiosk.db import Database
from kiosk.models import Order, Store
from kiosk.ports import DeviceState, StatusBoard
from ui.app import install_translator
from ui.mainwindow import MainWindow
from ui.qt import QApplication
from ui.tasks import TaskManager


class FakeDevice:
    def __init__(self) -> None:
        self.board = StatusBoard("Scale", DeviceState.CONNECTING, "opening /dev/ttyUSB0")

    def status(self):  # type: ignore[no-untyped-def]
        return self.board.current


@pytest.fixture
def ctx(db: Database, tmp_path: Path) -> KioskContext:
    with db.session() as s:
        s.add(Store(id="S1", name="幸福里自提点"))
        s.flush()
        s.add(Order(id="O1", store_id="S1", pickup_code="123456", status="ready"))
        s.add(Order(id="O2", store_id="S1", pickup_code="223456", status="ready"))
        s.add(Order(id="O3", store_id="S1", pickup_code="323456", status="picked_up"))
    return KioskContext(data_dir=tmp_path, db=db, devices=[FakeDevice()])


def test_window_loads_counts_off_the_gui_thread_and_in_chinese(qtbot: QtBot, ctx: KioskContext) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_translator(app, "zh_CN")
    assert translator is not None, "the zh_CN translation must ship with the app"
    try:
        tasks = TaskManager()
        window = MainWindow(ctx, tasks)
        qtbot.addWidget(window)
        assert window.windowTitle() == "邻里自提点"
        qtbot.waitUntil(lambda: window.store_label.text() == "幸福里自提点", timeout=5000)
        assert window.count_labels["ready"].text() == "待取货\n2"
        assert window.count_labels["picked_up"].text() == "已取货\n1"
        assert "连接中" in window.chips[0].text()
        ctx.devices[0].board.set(DeviceState.ERROR, "cable unplugged")  # type: ignore[attr-defined]
        window.refresh_devices()
        assert "需要处理" in window.chips[0].text() and "cable unplugged" in window.chips[0].text()
        tasks.shutdown()
    finally:
        app.removeTranslator(translator)


def test_task_manager_runs_db_work_on_one_worker_and_reports_errors(qtbot: QtBot) -> None:
    tasks = TaskManager()
    threads: list[str] = []
    results: list[int] = []
    errors: list[BaseException] = []
    for i in range(5):
        tasks.run_db(lambda i=i: (threads.append(threading.current_thread().name), i)[1], results.append)
    tasks.run_db(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: len(results) == 5 and len(errors) == 1, timeout=5000)
    assert results == [0, 1, 2, 3, 4]
    assert len(set(threads)) == 1 and threads[0] != threading.main_thread().name
    assert isinstance(errors[0], ZeroDivisionError)
    tasks.shutdown()


def test_every_ui_string_has_a_chinese_translation() -> None:
    ts = Path(__file__).resolve().parents[2] / "assets" / "translations" / "linli_zh_CN.ts"
    text = ts.read_text(encoding="utf-8")
    assert text.count("<message>") > 10
    assert 'type="unfinished"' not in text
