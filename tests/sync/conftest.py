"""Fixtures of the sync tests live in sync_helpers.py (importable by the test modules too)."""

from sync_helpers import demo_template, kiosk_db, kiosk_dir, server

__all__ = ["demo_template", "kiosk_db", "kiosk_dir", "server"]
