"""The pickup counter: scan → verdict → confirm (whole or some lines) → print → done.

Steps: idle → scanned → (choosing, when a code or phone tail matches several orders) →
verdict → confirming → confirmed → printing → done; `error` and `cancelled` from anywhere
before confirmed. A receipt failure is shown in plain words and never undoes the pickup.
A genuine token for an order not synced yet (`unknown_order` with a good signature) can be
served provisionally.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from kiosk.db import Database
from kiosk.errors import IllegalTransition, KioskError
from kiosk.flows.base import Flow
from kiosk.ports import utcnow
from kiosk.services.pickup import PickupResult, confirm_pickup, confirm_provisional_pickup
from kiosk.verification.classify import ScanResult, classify_and_verify
from kiosk.verification.lookup import OrderView, order_view, verdict_for_order
from kiosk.verification.verdicts import Verdict


class ReceiptSink(Protocol):
    """Where a confirmed pickup's receipt goes (the printing area's persistent queue)."""

    def enqueue_receipt(self, order_id: str) -> None: ...


class PickupStep(StrEnum):
    IDLE = "idle"
    SCANNED = "scanned"
    CHOOSING = "choosing"
    VERDICT = "verdict"
    CONFIRMING = "confirming"
    CONFIRMED = "confirmed"
    PRINTING = "printing"
    DONE = "done"
    ERROR = "error"
    CANCELLED = "cancelled"


S = PickupStep
_METHOD = {"token": "qr", "code": "code", "phone": "phone", "unknown": "manual"}
_CAN_SCAN = (S.IDLE, S.VERDICT, S.CHOOSING, S.DONE, S.ERROR, S.CANCELLED)


class PickupFlow(Flow[PickupStep]):
    def __init__(
        self, db: Database, *, staff_id: str | None, store_id: str,
        receipts: ReceiptSink | None = None, clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(S.IDLE)
        self.db, self.staff_id, self.store_id = db, staff_id, store_id
        self.receipts, self.clock = receipts, clock
        self._clear()

    def _clear(self) -> None:
        self.scan_result: ScanResult | None = None
        self.verdict: Verdict | None = None
        self.candidates: tuple[OrderView, ...] = ()
        self.order: OrderView | None = None
        self.selection: dict[str, float] = {}
        self.result: PickupResult | None = None
        self.print_problem: str | None = None
        self.method = "manual"
        self.message = ""

    @property
    def provisional(self) -> bool:
        """A genuine token whose order is not in the kiosk yet."""
        r = self.scan_result
        return bool(r and r.verdict.verdict == "unknown_order" and r.signature_ok and r.claims)

    @property
    def can_confirm(self) -> bool:
        return self.step == S.VERDICT and (
            (self.verdict is not None and self.verdict.can_pick_up and self.order is not None)
            or self.provisional)

    def scan(self, text: object) -> PickupStep:
        """A scanned or typed text: LK1 token, 6-digit code or 4-digit phone tail."""
        self._require(_CAN_SCAN, "scan")
        self._clear()
        self._move(S.SCANNED, "Checking…")
        result = classify_and_verify(self.db, text, self.store_id, self.clock())
        self.scan_result = result
        self.method = _METHOD[result.kind]
        self.candidates = result.candidates
        if len(result.candidates) > 1:
            self.verdict = result.verdict
            self._move(S.CHOOSING, result.verdict.message)
        else:
            self._show(result.verdict, result.order)
        return self.step

    def choose(self, order_id: str) -> PickupStep:
        self._require((S.CHOOSING,), "choose an order")
        if order_id not in {c.order_id for c in self.candidates}:
            self._move(S.CHOOSING, f"Order {order_id} is not in this list.")
            return self.step
        with self.db.reader() as s:
            view = order_view(s, order_id)
        if view is None:
            return self._fail(f"Order {order_id} is gone; scan again.")
        self._show(verdict_for_order(view), view)
        return self.step

    def _show(self, verdict: Verdict, view: OrderView | None) -> None:
        self.verdict, self.order = verdict, view
        self._move(S.VERDICT, verdict.message)

    def start_confirm(self) -> PickupStep:
        self._require((S.VERDICT,), "confirm")
        if not self.can_confirm:
            raise IllegalTransition("This verdict does not allow a pickup.")
        self.selection = {ln.sku: ln.remaining for ln in self.order.lines if ln.remaining > 0} \
            if self.order else {}
        self._move(S.CONFIRMING, "Check the bag, then confirm.")
        return self.step

    def select_line(self, sku: str, qty: float) -> None:
        """Hand out `qty` of a line (0 leaves it on the shelf) — a partial pickup."""
        self._require((S.CONFIRMING,), "change the lines")
        lines = {ln.sku: ln for ln in (self.order.lines if self.order else ())}
        if sku not in lines or not 0 <= qty <= lines[sku].remaining:
            self._move(S.CONFIRMING, f"{sku}: choose between 0 and "
                       f"{lines[sku].remaining if sku in lines else 0:g}.")
            return
        if qty == 0:
            self.selection.pop(sku, None)
        else:
            self.selection[sku] = qty
        self._move(S.CONFIRMING)

    def confirm(self) -> PickupStep:
        self._require((S.CONFIRMING,), "confirm")
        try:
            if self.provisional and self.scan_result and self.scan_result.claims:
                self.result = confirm_provisional_pickup(
                    self.db, self.scan_result.claims, staff_id=self.staff_id,
                    method=self.method, now=self.clock())
            elif self.order is not None:
                whole = self.selection == {ln.sku: ln.remaining for ln in self.order.lines
                                           if ln.remaining > 0}
                self.result = confirm_pickup(
                    self.db, self.order.order_id, staff_id=self.staff_id, method=self.method,
                    lines=None if whole else dict(self.selection), now=self.clock())
            else:
                return self._fail("Nothing to confirm.")
        except KioskError as exc:
            return self._fail(str(exc))
        done = "Picked up." if self.result.status == "picked_up" else "Partly picked up."
        self._move(S.CONFIRMED, done)
        self._print(self.result.order_id, done)
        return self.step

    def _print(self, order_id: str, done: str) -> None:
        if self.receipts is None:
            self._move(S.DONE, done)
            return
        self._move(S.PRINTING, f"{done} Printing the receipt…")
        try:
            self.receipts.enqueue_receipt(order_id)
        except Exception as exc:  # the pickup stands whatever the printer does
            self.print_problem = (f"The receipt could not be queued ({exc}). The pickup is "
                                  "saved; reprint later from the order.")
            self._move(S.DONE, f"{done} {self.print_problem}")
            return
        self._move(S.DONE, done)

    def cancel(self) -> PickupStep:
        self._require((S.SCANNED, S.CHOOSING, S.VERDICT, S.CONFIRMING, S.ERROR), "cancel")
        self._move(S.CANCELLED, "Cancelled; nothing was changed.")
        return self.step

    def reset(self) -> PickupStep:
        self._require((S.DONE, S.CANCELLED, S.ERROR, S.IDLE, S.VERDICT, S.CHOOSING), "start over")
        self._clear()
        self._move(S.IDLE, "")
        return self.step

    def _fail(self, message: str) -> PickupStep:
        self._move(S.ERROR, message)
        return self.step
