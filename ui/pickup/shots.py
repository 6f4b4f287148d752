"""Screenshot states of the pickup screen (scripts/screenshots.py calls `screenshot_states`):
every verdict, the choosing list, a partial pickup, done and undone. Each state is set up by
running the real flow on the screen's database (demo store), then waiting for the paint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.context import UiContext


def screenshot_states(ctx: UiContext) -> list[tuple[str, Callable[[Any], None]]]:
    """(name, setup(screen)) pairs; setup drives a PickupScreen into the state."""
    from ui.pickup.demo_states import states

    return states(ctx)
