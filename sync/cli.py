"""Sync and server commands (enroll, sync, server run/stats/admin)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add the sync and server commands to the `kiosk` parser."""
