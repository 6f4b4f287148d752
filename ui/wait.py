"""Screenshot states (ui/*/shots.py) drive a screen through its own path and wait for it:
the one loop that lets the GUI thread deliver task results until a check holds."""

from __future__ import annotations

import time
from collections.abc import Callable

from ui.qt import QApplication


def wait_for(check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Process Qt events until `check()` is true or `timeout` seconds have passed."""
    end = time.monotonic() + timeout
    while not check() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
