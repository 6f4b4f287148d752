"""Handover to a team leader (交接): identify the leader (badge scan or id) → list their
orders (all selected) → the leader confirms with badge or PIN → slip printed → done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from kiosk.db import Database
from kiosk.errors import KioskError
from kiosk.flows.base import Flow
from kiosk.models import Leader
from kiosk.ports import utcnow
from kiosk.services.handover import HandoverResult, hand_over, leader_by_badge, leader_orders


class HandoverSlipSink(Protocol):
    """Where a confirmed handover's slip goes (the printing area's queue)."""

    def enqueue_handover_slip(self, handover_id: str) -> None: ...


class HandoverStep(StrEnum):
    IDLE = "idle"
    LISTED = "listed"
    CONFIRMED = "confirmed"
    PRINTING = "printing"
    DONE = "done"
    ERROR = "error"
    CANCELLED = "cancelled"


S = HandoverStep


@dataclass(frozen=True, slots=True)
class LeaderOrder:
    order_id: str
    bin_code: str | None
    status: str
    items: int


class HandoverFlow(Flow[HandoverStep]):
    def __init__(
        self,
        db: Database,
        *,
        staff_id: str | None,
        slips: HandoverSlipSink | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(S.IDLE)
        self.db, self.staff_id, self.slips, self.clock = db, staff_id, slips, clock
        self.leader_id: str | None = None
        self.leader_name = ""
        self.orders: tuple[LeaderOrder, ...] = ()
        self.selected: set[str] = set()
        self.result: HandoverResult | None = None
        self.print_problem: str | None = None

    def identify(self, badge_or_id: str) -> HandoverStep:
        """A scanned badge code or a leader id chosen from the list."""
        self._require((S.IDLE, S.DONE, S.ERROR, S.CANCELLED, S.LISTED), "identify a leader")
        with self.db.reader() as s:
            leader = leader_by_badge(s, badge_or_id) or s.get(Leader, badge_or_id.strip())
            if leader is None:
                self._move(S.ERROR, "No team leader with this badge or id.")
                return self.step
            self.leader_id, self.leader_name = leader.id, leader.name
            self.orders = tuple(
                LeaderOrder(o.id, o.bin_code, o.status, len(o.lines))
                for o in leader_orders(s, leader.id)
            )
        self.selected = {o.order_id for o in self.orders}
        self.result, self.print_problem = None, None
        self._move(S.LISTED, f"{self.leader_name}: {len(self.orders)} orders to hand over.")
        return self.step

    def toggle(self, order_id: str) -> None:
        self._require((S.LISTED,), "change the selection")
        if order_id in self.selected:
            self.selected.discard(order_id)
        elif order_id in {o.order_id for o in self.orders}:
            self.selected.add(order_id)
        self._move(S.LISTED)

    def confirm(self, *, confirmed_by: str, credential: str) -> HandoverStep:
        """The leader confirms with their badge (`badge`) or PIN (`pin`)."""
        self._require((S.LISTED,), "confirm")
        if self.leader_id is None or not self.selected:
            self._move(S.LISTED, "Choose at least one order.")
            return self.step
        ids = [o.order_id for o in self.orders if o.order_id in self.selected]
        try:
            self.result = hand_over(
                self.db,
                self.leader_id,
                ids,
                staff_id=self.staff_id,
                confirmed_by=confirmed_by,
                credential=credential,
                now=self.clock(),
            )
        except KioskError as exc:
            self._move(S.LISTED, str(exc))  # wrong badge/PIN: stay and let them retry
            return self.step
        self._move(S.CONFIRMED, f"{len(ids)} orders handed to {self.leader_name}.")
        if self.slips is not None:
            self._move(S.PRINTING, "Printing the handover slip…")
            try:
                self.slips.enqueue_handover_slip(self.result.handover_id)
            except Exception as exc:  # the handover stands whatever the printer does
                self.print_problem = f"The slip could not be queued ({exc}); the handover is saved."
        self._move(S.DONE, self.print_problem or f"{len(ids)} orders handed over.")
        return self.step

    def cancel(self) -> HandoverStep:
        self._require((S.LISTED, S.ERROR), "cancel")
        self._move(S.CANCELLED, "Cancelled; nothing was changed.")
        return self.step
