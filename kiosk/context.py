"""What main.py hands to the UI: the database and the devices, typed by their ports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.db import Database
from kiosk.ports import HasStatus


@dataclass
class KioskContext:
    data_dir: Path
    db: Database
    devices: list[HasStatus] = field(default_factory=list)
    demo: bool = False
