"""App-wide key filter: every key press also goes to the keyboard-wedge detector, so a
handheld scanner works whatever widget has the focus. Keys pass through untouched (a
person typing is never delayed); only the Enter/Tab that ends a scan is swallowed."""

from __future__ import annotations

import time

from kiosk.ports import KeyFeed
from ui.qt import QEvent, QKeyEvent, QObject, Qt

NAMED = {Qt.Key.Key_Return: "Enter", Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Tab: "Tab"}


class WedgeKeyFilter(QObject):
    def __init__(self, feed: KeyFeed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.feed = feed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.isAutoRepeat():
            return False
        key = NAMED.get(Qt.Key(event.key()), "")
        self.feed.feed(key, "" if key else event.text(), time.monotonic())
        return bool(key) and self.feed.ended_scan
