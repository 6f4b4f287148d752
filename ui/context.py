"""What every screen is built with: the core (KioskContext), the one task manager, the hooks,
the current settings and who is logged in. Screens keep `ctx` and read `ctx.settings` /
`ctx.session` when they draw (the shell replaces `settings` when it is saved)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.context import KioskContext
from kiosk.session import ClerkSession
from kiosk.settings import Settings
from ui.hooks import Hooks
from ui.tasks import TaskManager


@dataclass
class UiContext:
    kiosk: KioskContext
    tasks: TaskManager
    hooks: Hooks
    settings: Settings
    session: ClerkSession
