"""The base class of every screen the shell shows (pickup, check-in, handover, settings...).

A screen: draws from snapshots the core returns, runs work through `ctx.tasks`, and after an
operation emits `ctx.hooks.operation_did_execute.emit(changes)`; the shell then calls
`on_changes` on every screen. Screens never call each other: `ctx.hooks.navigate.emit(id)`.
Register a screen class in ui/shell/registry.py (one line).
"""

from __future__ import annotations

from typing import ClassVar

from kiosk.changes import Changes
from kiosk.ports import ScanEvent
from ui.context import UiContext
from ui.qt import QWidget


class Screen(QWidget):
    screen_id: ClassVar[str] = ""  # "pickup", "checkin", "handover", "orders", "shift", ...
    permission: ClassVar[str | None] = None  # a kiosk.staff.Permission value, MANAGE, or None
    shortcut: ClassVar[str] = ""  # "F1".."F9"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"screen-{self.screen_id}")

    def title(self) -> str:
        """The translated name in the navigation bar."""
        return self.screen_id

    def on_changes(self, changes: Changes) -> None:
        """Redraw what concerns this screen; called after every operation, even when hidden."""

    def on_scan(self, scan: ScanEvent) -> bool:
        """A scan arrived while this screen is shown; True when the screen used it."""
        return False

    def activated(self) -> None:
        """The shell just made this screen visible (refresh, take the focus)."""

    def deactivated(self) -> None:
        """The shell is about to show another screen."""
