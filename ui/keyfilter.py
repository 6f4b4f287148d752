"""Kept for old imports: the key filter is now `ui.scan_input.ScanRouter` (each key press is
fed once, at its window; see that module)."""

from __future__ import annotations

from kiosk.ports import KeyFeed
from ui.hooks import Hooks
from ui.qt import QObject
from ui.scan_input import ScanRouter


class WedgeKeyFilter(ScanRouter):
    """A ScanRouter that only feeds the detector (the wedge's listeners deliver the scans)."""

    def __init__(self, feed: KeyFeed, parent: QObject | None = None) -> None:
        super().__init__(Hooks(), feed, parent=parent)
