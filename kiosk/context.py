"""What main.py hands to the UI: the database and the devices, typed by their ports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.db import Database
from kiosk.flows.pickup import ReceiptSink
from kiosk.ports import HasStatus, KeyFeed, Scanner


@dataclass
class KioskContext:
    data_dir: Path
    db: Database
    store_id: str = ""
    devices: list[HasStatus] = field(default_factory=list)
    scanners: list[Scanner] = field(default_factory=list)
    key_feed: KeyFeed | None = None
    receipts: ReceiptSink | None = None
    staff_id: str | None = None
    demo: bool = False
    on_close: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        """Stop devices and workers in reverse order of start; never raises."""
        for stop in reversed(self.on_close):
            try:
                stop()
            except Exception:
                pass
        self.db.close()
