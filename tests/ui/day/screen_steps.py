"""The step every day-screen test takes: do something (a scan, a tap, a refresh) and get what
the screen then drew, from the signal it emits after drawing, checked for its type. Waits
on the signal, never on a sleep."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pytestqt.qtbot import QtBot

from kiosk.ports import ScanEvent, ScanSource, utcnow
from ui.qt import Qt

T = TypeVar("T")


def shown(qtbot: QtBot, signal: Any, kind: type[T], act: Callable[[], object]) -> T:
    """Do `act`; return what `signal` carried next (it must be a `kind`)."""
    with qtbot.waitSignal(signal, timeout=5000) as blocker:
        act()
    value = blocker.args[0]
    assert isinstance(value, kind), value
    return value


def tap(qtbot: QtBot, button: object) -> Callable[[], None]:
    """A finger's tap on `button`, as an act for `shown`."""
    return lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def wedge_scan(screen: Any, text: str) -> Callable[[], None]:
    """A keyboard-wedge scan of `text` that the screen takes, as an act for `shown`."""

    def act() -> None:
        assert screen.on_scan(ScanEvent(text, ScanSource.WEDGE, utcnow()))

    return act
