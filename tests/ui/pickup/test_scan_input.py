"""The scan router feeds each real key press to the wedge detector exactly once, wherever
the focus is: the old app-wide filter saw a press once per widget on its way up, so a long
token arrived doubled. Keys go through the QWindow path (as X11 delivers them)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from drivers.scan.wedge import KeyboardWedgeScanner, WedgeConfig
from kiosk.ports import ScanEvent, ScanSource
from ui.hooks import Hooks
from ui.qt import (
    QApplication,
    QEvent,
    QKeyEvent,
    QLineEdit,
    QMainWindow,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.scan_input import ScanRouter, mark_key_sink

TOKEN = "LKX" + "0123456789abcdefghij" * 9 + "XYZ12"  # 188 characters, fast like a scanner


class Counter(QMainWindow):
    """A window with nesting (keys that are ignored travel up through the parents)."""

    def __init__(self) -> None:
        super().__init__()
        body = QWidget(self)
        inner = QWidget(body)
        lay = QVBoxLayout(inner)
        self.field = QLineEdit(inner)
        self.sink = QLineEdit(inner)
        mark_key_sink(self.sink)
        self.button = QPushButton("a button", inner)
        for w in (self.field, self.sink, self.button):
            lay.addWidget(w)
        QVBoxLayout(body).addWidget(inner)
        self.setCentralWidget(body)


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[tuple[Counter, ScanRouter, list[ScanEvent]]]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    hooks = Hooks()
    wedge = KeyboardWedgeScanner(WedgeConfig(duplicate_window_s=0.0))
    wedge.start()
    router = ScanRouter(hooks, wedge, [wedge])
    seen: list[ScanEvent] = []
    hooks.scan_did_arrive.connect(seen.append)
    router.install(app)
    win = Counter()
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    try:
        yield win, router, seen
    finally:
        router.uninstall(app)


CLOCK = [1_000_000]  # ms, the platform's key timestamps (X server time)


def press(win: QWidget, key: Qt.Key, text: str, gap_ms: int) -> None:
    """One key as the platform delivers it: to the QWindow, with its timestamp. (Not QTest:
    PySide6's QTest.keyClick drops a reference to None per call, fatal after a few
    thousand.)"""
    handle = win.windowHandle()
    assert handle is not None
    CLOCK[0] += gap_ms
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(CLOCK[0])
        QApplication.sendEvent(handle, event)


def type_window(win: QWidget, text: str, delay_ms: int = 5) -> None:
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isalnum() and ch.isascii() else Qt.Key.Key_Space
        press(win, key, ch, delay_ms)


def enter(win: QWidget) -> None:
    press(win, Qt.Key.Key_Return, "\r", 5)


def test_a_long_scan_into_a_text_field_arrives_once_and_leaves_the_field_clean(rig) -> None:  # type: ignore[no-untyped-def]
    win, router, seen = rig
    win.field.setText("note: ")
    win.field.setFocus()
    type_window(win, TOKEN)
    enter(win)
    assert [(e.text, e.source) for e in seen] == [(TOKEN, ScanSource.WEDGE)]
    assert router.keys_fed == len(TOKEN) + 1  # each press fed once, not once per widget
    assert win.field.text() == "note: ", "the scan's characters are taken back out"


def test_a_scan_with_focus_on_a_button_arrives_once(rig) -> None:  # type: ignore[no-untyped-def]
    win, _router, seen = rig
    win.button.setFocus()
    type_window(win, TOKEN)
    enter(win)
    assert [e.text for e in seen] == [TOKEN]


def test_slow_digits_with_focus_on_a_button_go_into_the_key_sink(rig, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    win, _router, seen = rig
    win.button.setFocus()
    type_window(win, "123456", delay_ms=150)  # a person types, ~150 ms a key
    assert seen == []
    assert win.sink.text() == "123456"


def test_a_scanner_without_enter_ends_by_a_pause(rig, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    win, router, seen = rig
    router.set_end_pause(120)
    win.field.setFocus()
    type_window(win, TOKEN)  # no Enter: the scanner goes quiet
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=3000)
    assert seen[0].text == TOKEN and win.field.text() == ""


def test_serial_and_camera_scans_from_another_thread_arrive_on_the_gui_thread(
    rig, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    import threading

    from kiosk.ports import utcnow

    _win, router, seen = rig
    listeners: list[object] = []

    class FakeSerial:
        def add_listener(self, listener: object) -> None:
            listeners.append(listener)

    router.attach(FakeSerial())  # type: ignore[arg-type]
    gui = threading.get_ident()
    threads: list[int] = []
    router.hooks.scan_did_arrive.connect(lambda _e: threads.append(threading.get_ident()))
    t = threading.Thread(
        target=lambda: listeners[0](  # type: ignore[operator]
            ScanEvent(text="123456", source=ScanSource.SERIAL, at=utcnow())
        )
    )
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert seen[0].source == ScanSource.SERIAL and threads == [gui]
