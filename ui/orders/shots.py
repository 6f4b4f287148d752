"""Screenshot states of the orders screen: a search with an order's detail and history,
the overdue list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.queries.orders import Filter, search
from ui.checkin.parts import GO
from ui.orders.screen import OrdersScreen
from ui.qt import QApplication

Setup = Callable[[Any], None]


def _wait(screen: OrdersScreen) -> None:
    screen.ctx.tasks.run_db(lambda: None).result(timeout=30)
    QApplication.processEvents()


def screenshot_states(ctx: Any) -> list[tuple[str, Setup]]:
    def detail(screen: OrdersScreen) -> None:
        rows = screen.ctx.tasks.run_db(lambda: search(screen.ctx.kiosk.db, "", Filter.ALL)).result(30)
        picked = next((r for r in rows if r.status == "picked_up"), rows[0] if rows else None)
        screen.set_filter(Filter.ALL)
        if picked is not None:
            screen.search_edit.setText(picked.pickup_code)
            screen.refresh()
            _wait(screen)
            screen.open_order(picked.order_id)
            _wait(screen)
            screen.banner.say("", GO)

    def overdue(screen: OrdersScreen) -> None:
        screen.search_edit.setText("")
        screen.set_filter(Filter.OVERDUE)
        _wait(screen)

    return [("detail", detail), ("overdue", overdue)]
