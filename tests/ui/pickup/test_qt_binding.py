"""The Qt binding must not drop references to Python's singletons. PySide6 6.12.0 on
CPython 3.11 returns True from Signal.emit() and None from processEvents() without taking a
reference: after a few hundred emits the interpreter aborts ("bool_dealloc"), i.e. a kiosk
dies minutes into a busy evening. pyproject pins PySide6 < 6.12."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot

from ui.qt import QApplication, QObject, Signal


class Emitter(QObject):
    fired = Signal(object)


def test_emit_and_process_events_keep_true_and_none_alive(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    emitter = Emitter()
    seen: list[object] = []
    emitter.fired.connect(seen.append)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(100):
        emitter.fired.emit(i)
        app.processEvents()
    assert len(seen) == 100
    assert sys.getrefcount(True) - true_before > -20, "Signal.emit() leaks a True reference"
    assert sys.getrefcount(None) - none_before > -20, "processEvents() leaks a None reference"
