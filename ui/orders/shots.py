"""Screenshot states of the orders screen: a search with an order's detail and history,
the overdue list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.queries.orders import Filter, search
from kiosk.services.pickup import confirm_pickup
from ui.orders.screen import OrdersScreen
from ui.qt import QApplication

Setup = Callable[[Any], None]


def _wait(screen: OrdersScreen) -> None:
    screen.ctx.tasks.run_db(lambda: None).result(timeout=30)
    QApplication.processEvents()


def screenshot_states(ctx: Any) -> list[tuple[str, Setup]]:
    def detail(screen: OrdersScreen) -> None:
        rows = screen.ctx.tasks.run_db(lambda: search(screen.ctx.kiosk.db, "", Filter.ALL)).result(
            30
        )
        ready = next((r for r in rows if r.status == "ready"), None)
        picked = ready or (rows[0] if rows else None)
        if ready is not None:  # a pickup at this kiosk, so the history has a line to show
            db = screen.ctx.kiosk.db
            screen.ctx.tasks.run_db(
                lambda: confirm_pickup(db, ready.order_id, staff_id="S-001")
            ).result(30)
        screen.set_filter(Filter.ALL)
        if picked is not None:
            screen.search_edit.setText(picked.pickup_code)
            screen.refresh()
            _wait(screen)
            screen.open_order(picked.order_id)
            _wait(screen)

    def overdue(screen: OrdersScreen) -> None:
        screen.search_edit.setText("")
        screen.set_filter(Filter.OVERDUE)
        _wait(screen)

    return [("detail", detail), ("overdue", overdue)]
