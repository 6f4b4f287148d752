"""Screenshot state of the shift screen: records and a receipt still waiting (the warning)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.queries.orders import Filter, search
from kiosk.services.pickup import confirm_pickup
from ui.shift.screen import ShiftScreen

Setup = Callable[[Any], None]


def pick_up_some(db: Any, staff_id: str | None, n: int) -> None:
    """A few pickups at this kiosk, so there is something not sent yet."""
    for row in search(db, "", Filter.READY)[:n]:
        confirm_pickup(db, row.order_id, staff_id=staff_id)


def screenshot_states(ctx: Any) -> list[tuple[str, Setup]]:
    def waiting(screen: ShiftScreen) -> None:
        db, staff = screen.ctx.kiosk.db, screen.ctx.session.staff_id
        screen.ctx.tasks.run_db(lambda: pick_up_some(db, staff, 3)).result(30)
        screen.refresh()

    return [("waiting", waiting)]
