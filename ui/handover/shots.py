"""Screenshot states of the handover screen: a leader's list with bags ticked, a foreign bag
refused, all handed over."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.flows.bags import bag_label
from kiosk.flows.handover_desk import HandoverSnapshot, list_leaders
from ui.handover.screen import HandoverScreen

Setup = Callable[[Any], None]


def _on_worker(screen: HandoverScreen, work: Callable[[], HandoverSnapshot]) -> None:
    screen.ctx.tasks.run_db(work, screen.show_snapshot).result(timeout=30)


def _listed(screen: HandoverScreen, ticks: int) -> HandoverSnapshot:
    desk = screen.desk
    leaders = sorted(list_leaders(desk.db), key=lambda ld: -ld.ready)
    snap = desk.identify(leaders[0].leader_id) if leaders else desk.snapshot()
    for o in snap.orders[:ticks]:
        snap = desk.scan(bag_label(desk.store_id, o.order_id))
    return snap


def screenshot_states(ctx: Any) -> list[tuple[str, Setup]]:
    def listed(screen: HandoverScreen) -> None:
        _on_worker(screen, lambda: _listed(screen, 2))

    def refused(screen: HandoverScreen) -> None:
        def work() -> HandoverSnapshot:
            _listed(screen, 1)
            others = [
                ld for ld in list_leaders(screen.desk.db) if ld.leader_id != screen.desk.leader_id
            ]
            for ld in others:
                theirs = HandoverDeskPeek.orders_of(screen, ld.leader_id)
                if theirs:
                    return screen.desk.scan(bag_label(screen.desk.store_id, theirs[0]))
            return screen.desk.snapshot()

        _on_worker(screen, work)

    def done(screen: HandoverScreen) -> None:
        def work() -> HandoverSnapshot:
            _listed(screen, 0)
            screen.desk.tick_all()
            badge = screen.desk.badge or ""
            return screen.desk.scan(
                badge, staff_id=screen.ctx.session.staff_id, slips=screen.ctx.kiosk.receipts
            )

        _on_worker(screen, work)

    return [("listed", listed), ("refused", refused), ("done", done)]


class HandoverDeskPeek:
    """Another leader's order ids, read with a second desk (the screen's desk keeps its list)."""

    @staticmethod
    def orders_of(screen: HandoverScreen, leader_id: str) -> list[str]:
        from kiosk.flows.handover_desk import HandoverDesk

        peek = HandoverDesk(screen.desk.db)
        return [o.order_id for o in peek.identify(leader_id).orders]
