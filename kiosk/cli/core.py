"""Core commands: demo-data, verify, pickup, audit verify (filled in by the ledger work)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add the core commands to the `kiosk` parser."""
