"""Screenshot states of the check-in screen (scripts/screenshots.py): scanning with the bin
huge, a refused bag, a temperature out of band, a problem noted, finished."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.flows.bags import bag_label
from kiosk.flows.batch_desk import CheckinSnapshot, ProblemKind, arriving_batches
from ui.checkin.screen import CheckinScreen

Setup = Callable[[Any], None]


def _on_worker(screen: CheckinScreen, work: Callable[[], CheckinSnapshot]) -> None:
    screen.ctx.tasks.run_db(work, screen.show_snapshot).result(timeout=30)


def _open_and_scan(screen: CheckinScreen, n: int) -> CheckinSnapshot:
    desk = screen.desk
    batches = arriving_batches(desk.db)
    snap = desk.open(batches[0].batch_id) if batches else desk.snapshot()
    store = desk.store_id
    with_lines = sorted(snap.bags, key=lambda b: -len(b.lines))
    for bag in with_lines[:n]:
        snap = desk.scan(bag_label(store, bag.order_id))
    return snap


def screenshot_states(ctx: Any) -> list[tuple[str, Setup]]:
    def scanning(screen: CheckinScreen) -> None:
        _on_worker(screen, lambda: _open_and_scan(screen, 3))

    def refused(screen: CheckinScreen) -> None:
        def work() -> CheckinSnapshot:
            snap = _open_and_scan(screen, 2)
            other = snap.bags[0].order_id if snap.bags else "LK000000"
            return screen.desk.scan(bag_label("ST-BJ-0420", other))

        _on_worker(screen, work)

    def problem(screen: CheckinScreen) -> None:
        def work() -> CheckinSnapshot:
            snap = _open_and_scan(screen, 1)
            bag = snap.current
            if bag is None:
                return snap
            return screen.desk.note_problem(
                bag.order_id, bag.lines[0].sku, ProblemKind.DAMAGED, note="外包装破损"
            )

        _on_worker(screen, work)

    def too_warm(screen: CheckinScreen) -> None:
        _on_worker(
            screen, lambda: (_open_and_scan(screen, 2), screen.desk.set_temperature(11.5))[1]
        )

    def finished(screen: CheckinScreen) -> None:
        def work() -> CheckinSnapshot:
            snap = _open_and_scan(screen, 99)
            screen.desk.set_temperature(4.0)
            del snap
            return screen.desk.finish(
                staff_id=screen.ctx.session.staff_id, sheets=screen.ctx.kiosk.receipts
            )

        _on_worker(screen, work)

    return [
        ("scanning", scanning),
        ("refused", refused),
        ("problem", problem),
        ("too-warm", too_warm),
        ("finished", finished),
    ]
