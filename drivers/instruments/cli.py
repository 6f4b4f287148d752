"""Commands of the instruments drivers."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add this area's commands to the `kiosk` parser."""
