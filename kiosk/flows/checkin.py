"""Batch check-in at the back door: open a batch → count (shortage, damage, temperature) →
review → confirmed → done. Lines not touched arrived in full."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select

from kiosk.db import Database
from kiosk.errors import KioskError
from kiosk.flows.base import Flow
from kiosk.ledger.order_state import OrderStatus
from kiosk.models import Batch, Order
from kiosk.ports import utcnow
from kiosk.services.checkin import CONDITIONS, CheckinResult, LineReceipt, check_in_batch

COLD_CHAIN_MAX_C = 8.0  # chilled goods above this are flagged at review


class CheckinStep(StrEnum):
    IDLE = "idle"
    COUNTING = "counting"
    REVIEW = "review"
    CONFIRMED = "confirmed"
    DONE = "done"
    ERROR = "error"
    CANCELLED = "cancelled"


S = CheckinStep


@dataclass(frozen=True, slots=True)
class ExpectedLine:
    order_id: str
    sku: str
    name: str
    expected: float
    unit: str


class CheckinFlow(Flow[CheckinStep]):
    def __init__(
        self, db: Database, *, staff_id: str | None, clock: Callable[[], datetime] = utcnow
    ) -> None:
        super().__init__(S.IDLE)
        self.db, self.staff_id, self.clock = db, staff_id, clock
        self.batch_id: str | None = None
        self.expected: tuple[ExpectedLine, ...] = ()
        self.counts: dict[tuple[str, str], LineReceipt] = {}
        self.temperature_c: float | None = None
        self.warnings: list[str] = []
        self.result: CheckinResult | None = None

    def open_batch(self, batch_id: str) -> CheckinStep:
        self._require((S.IDLE, S.DONE, S.CANCELLED, S.ERROR), "open a batch")
        with self.db.reader() as s:
            batch = s.get(Batch, batch_id.strip())
            if batch is None or batch.status == "checked_in":
                why = "was already checked in" if batch else "is not known"
                self._move(S.ERROR, f"Batch {batch_id} {why}.")
                return self.step
            orders = s.scalars(
                select(Order)
                .where(Order.batch_id == batch.id, Order.status == OrderStatus.DISPATCHED)
                .order_by(Order.id)
            )
            self.expected = tuple(
                ExpectedLine(o.id, ln.sku, ln.name, ln.qty, ln.unit)
                for o in orders
                for ln in o.lines
            )
        self.batch_id, self.counts, self.temperature_c, self.result = (
            batch_id.strip(),
            {},
            None,
            None,
        )
        self._move(S.COUNTING, f"{len({e.order_id for e in self.expected})} orders expected.")
        return self.step

    def count(self, order_id: str, sku: str, received: float, condition: str = "ok") -> None:
        self._require((S.COUNTING,), "count")
        line = next((e for e in self.expected if (e.order_id, e.sku) == (order_id, sku)), None)
        if line is None or condition not in CONDITIONS or not 0 <= received <= line.expected:
            self._move(S.COUNTING, f"{order_id}/{sku}: not a line of this batch or a wrong count.")
            return
        self.counts[(order_id, sku)] = LineReceipt(order_id, sku, received, condition)
        self._move(S.COUNTING)

    def set_temperature(self, celsius: float) -> None:
        self._require((S.COUNTING, S.REVIEW), "record the temperature")
        if not -30.0 <= celsius <= 40.0:
            self._move(self.step, f"{celsius} °C is not a plausible reading; measure again.")
            return
        self.temperature_c = celsius
        self._move(self.step)

    def review(self) -> CheckinStep:
        self._require((S.COUNTING,), "review")
        self.warnings = [
            f"{r.order_id} {r.sku}: {r.condition}, {r.received:g} received"
            for r in self.counts.values()
            if r.condition != "ok" or r.received < self._expected(r)
        ]
        if self.temperature_c is None:
            self.warnings.append("No cold-chain temperature recorded.")
        elif self.temperature_c > COLD_CHAIN_MAX_C:
            self.warnings.append(f"Cold chain too warm: {self.temperature_c:g} °C.")
        self._move(S.REVIEW, f"{len(self.warnings)} point(s) to check before confirming.")
        return self.step

    def _expected(self, r: LineReceipt) -> float:
        return next(e.expected for e in self.expected if (e.order_id, e.sku) == (r.order_id, r.sku))

    def back(self) -> CheckinStep:
        self._require((S.REVIEW,), "go back")
        self._move(S.COUNTING)
        return self.step

    def confirm(self) -> CheckinStep:
        self._require((S.REVIEW,), "confirm")
        assert self.batch_id is not None
        try:
            self.result = check_in_batch(
                self.db,
                self.batch_id,
                staff_id=self.staff_id,
                received=list(self.counts.values()),
                temperature_c=self.temperature_c,
                now=self.clock(),
            )
        except KioskError as exc:
            self._move(S.ERROR, str(exc))
            return self.step
        self._move(S.CONFIRMED, f"{len(self.result.ready)} orders are ready.")
        self._move(S.DONE)
        return self.step

    def cancel(self) -> CheckinStep:
        self._require((S.COUNTING, S.REVIEW, S.ERROR), "cancel")
        self._move(S.CANCELLED, "Cancelled; nothing was changed.")
        return self.step
