"""Screenshot state of the sync page: records waiting to be sent, by kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.shift.shots import pick_up_some
from ui.sync.screen import SyncScreen

Setup = Callable[[Any], None]


def screenshot_states(ctx: Any) -> list[tuple[str, Setup]]:
    def waiting(screen: SyncScreen) -> None:
        db, staff = screen.ctx.kiosk.db, screen.ctx.session.staff_id
        screen.ctx.tasks.run_db(lambda: pick_up_some(db, staff, 2)).result(30)
        screen.refresh()

    return [("waiting", waiting)]
