"""The pickup counter: scan → verdict → confirm (whole, some lines, or all of a customer's
ready orders) → done (undo within the window, reprint) → next scan.

Steps: idle → scanned → (choosing, when a code or phone tail matches several orders) →
verdict → (confirming, while lines are being chosen) → done; `error` and `cancelled` from
anywhere before done. A confirm names the order the clerk saw (`OrderView.ticket`: id +
version): when the screen shows something else by the time the confirm runs (a new scan
replaced it) or the order changed in the database, nothing is handed out.
The receipt is queued in the pickup's own transaction (receipt policy "always"); a receipt
problem is shown in plain words and never undoes the pickup. A genuine token for an order
not synced yet (`unknown_order` with a good signature) is served provisionally only when the
store's policy allows it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from kiosk.db import Database
from kiosk.errors import IllegalTransition, KioskError
from kiosk.flows.base import Flow
from kiosk.ledger.order_state import OrderStatus
from kiosk.ops.logs import scan_tag
from kiosk.ports import utcnow
from kiosk.services.issues import KINDS as ISSUE_KINDS, IssueResult, report_issue
from kiosk.services.pickup import (
    PickupResult,
    ReversalResult,
    confirm_pickup,
    confirm_pickups,
    confirm_provisional_pickup,
    queue_receipt_copy,
    reverse_pickup,
)
from kiosk.verification.classify import ScanResult, classify_and_verify
from kiosk.verification.lookup import OrderView, order_view, other_ready_orders, verdict_for_order
from kiosk.verification.verdicts import Verdict


class ReceiptSink(Protocol):
    """Where a receipt goes in its own transaction (a reprint; the printing area's queue)."""

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


class NotShown(IllegalTransition):
    """The confirm named an order the screen no longer shows: nothing was handed out."""


@dataclass(frozen=True, slots=True)
class Done:
    """What stays readable after a pickup until the next scan."""

    results: tuple[PickupResult, ...]
    orders: tuple[OrderView, ...]  # as they were shown (bins, names, lines)
    at: datetime
    receipt: str  # queued, failed, ask, none
    receipt_problem: str | None = None
    reversed_ids: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class PickupSnapshot:
    """Everything the screen draws, copied on the database worker (the flow itself is only
    touched there): the GUI thread never reads a flow that a running task changes."""

    step: PickupStep
    verdict: Verdict | None
    order: OrderView | None
    others: tuple[OrderView, ...]
    candidates: tuple[OrderView, ...]
    done: Done | None
    ticket: tuple[str, int] | None
    can_confirm: bool
    can_undo: bool
    genuine_unsynced: bool
    provisional: bool
    receipts: bool  # a receipt printer is set up (reprint possible)
    message: str
    error: KioskError | None
    notice: str = ""  # "not_shown": a confirm was refused because the screen changed


scan_log = logging.getLogger("linli.scan")
S = PickupStep
_METHOD = {"token": "qr", "code": "code", "phone": "phone", "unknown": "manual"}
_CAN_SCAN = (S.IDLE, S.VERDICT, S.CHOOSING, S.DONE, S.ERROR, S.CANCELLED, S.CONFIRMING)


class PickupFlow(Flow[PickupStep]):
    def __init__(
        self,
        db: Database,
        *,
        staff_id: str | None,
        store_id: str,
        receipts: ReceiptSink | None = None,
        clock: Callable[[], datetime] = utcnow,
        receipt_policy: str = "always",
        allow_provisional: bool = True,
        wake_printer: Callable[[], None] | None = None,
        data_dir: Path | None = None,
        reversal_window_min: int | None = None,
    ) -> None:
        super().__init__(S.IDLE)
        self.db, self.staff_id, self.store_id = db, staff_id, store_id
        self.receipts, self.clock = receipts, clock
        self.receipt_policy, self.allow_provisional = receipt_policy, allow_provisional
        self.wake_printer, self.data_dir = wake_printer, data_dir
        self.reversal_window_min = reversal_window_min
        self.done: Done | None = None
        self._clear()

    def _clear(self) -> None:
        self.scan_result: ScanResult | None = None
        self.verdict: Verdict | None = None
        self.candidates: tuple[OrderView, ...] = ()
        self.order: OrderView | None = None
        self.others: tuple[OrderView, ...] = ()
        self.selection: dict[str, float] = {}
        self.result: PickupResult | None = None
        self.print_problem: str | None = None
        self.method = "manual"
        self.message = ""
        self.error: KioskError | None = None

    # --- what the screen may offer -----------------------------------------------------
    @property
    def genuine_unsynced(self) -> bool:
        """A genuine token whose order is not in the kiosk yet."""
        r = self.scan_result
        return bool(r and r.verdict.verdict == "unknown_order" and r.signature_ok and r.claims)

    @property
    def provisional(self) -> bool:
        """A genuine unsynced token that the store's policy lets us serve now."""
        return self.genuine_unsynced and self.allow_provisional

    @property
    def can_confirm(self) -> bool:
        return self.step in (S.VERDICT, S.CONFIRMING) and (
            (self.verdict is not None and self.verdict.can_pick_up and self.order is not None)
            or self.provisional
        )

    @property
    def ticket(self) -> tuple[str, int] | None:
        """What the screen shows and may confirm: (order id, version); None: nothing."""
        if not self.can_confirm:
            return None
        if self.order is not None:
            return self.order.ticket
        claims = self.scan_result.claims if self.scan_result else None
        return (claims.order_id, 0) if claims else None

    @property
    def can_undo(self) -> bool:
        if self.step is not S.DONE or self.done is None or self.done.reversed_ids:
            return False
        window = self.reversal_window_min
        return window is None or self.clock() - self.done.at <= timedelta(minutes=window)

    def snapshot(self, notice: str = "") -> PickupSnapshot:
        return PickupSnapshot(
            self.step,
            self.verdict,
            self.order,
            self.others,
            self.candidates,
            self.done,
            self.ticket,
            self.can_confirm,
            self.can_undo,
            self.genuine_unsynced,
            self.provisional,
            self.receipts is not None,
            self.message,
            self.error if self.step is S.ERROR else None,
            notice,
        )

    # --- scan and choose ---------------------------------------------------------------
    def scan(self, text: object) -> PickupStep:
        """A scanned or typed text: LK1 token, 6-digit code or 4-digit phone tail."""
        self._require(_CAN_SCAN, "scan")
        self._clear()
        self.done = None
        self._move(S.SCANNED, "Checking…")
        result = classify_and_verify(self.db, text, self.store_id, self.clock())
        orders = result.verdict.order_id or ",".join(c.order_id for c in result.candidates[:3])
        scan_log.info(
            "scan %s (%s) -> %s order %s",
            scan_tag(str(text)),
            result.kind,
            result.verdict.verdict,
            orders or "-",
        )
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
            verdict = verdict_for_order(view, s) if view else None
        if view is None or verdict is None:
            return self._fail(f"Order {order_id} is gone; scan again.")
        self._show(verdict, view)
        return self.step

    def _show(self, verdict: Verdict, view: OrderView | None) -> None:
        self.verdict, self.order = verdict, view
        if view is not None and verdict.can_pick_up:
            with self.db.reader() as s:
                self.others = tuple(other_ready_orders(s, view))
        self._move(S.VERDICT, verdict.message)

    # --- confirm -----------------------------------------------------------------------
    def start_confirm(self) -> PickupStep:
        """Choose lines before confirming (a partial pickup)."""
        self._require((S.VERDICT,), "confirm")
        if not self.can_confirm:
            raise IllegalTransition("This verdict does not allow a pickup.")
        self.selection = (
            {ln.sku: ln.remaining for ln in self.order.lines if ln.remaining > 0}
            if self.order
            else {}
        )
        self._move(S.CONFIRMING, "Check the bag, then confirm.")
        return self.step

    def select_line(self, sku: str, qty: float) -> None:
        """Hand out `qty` of a line (0 leaves it on the shelf) — a partial pickup."""
        self._require((S.CONFIRMING,), "change the lines")
        lines = {ln.sku: ln for ln in (self.order.lines if self.order else ())}
        if sku not in lines or not 0 <= qty <= lines[sku].remaining:
            self._move(
                S.CONFIRMING,
                f"{sku}: choose between 0 and {lines[sku].remaining if sku in lines else 0:g}.",
            )
            return
        if qty == 0:
            self.selection.pop(sku, None)
        else:
            self.selection[sku] = qty
        self._move(S.CONFIRMING)

    def _check_ticket(self, ticket: tuple[str, int] | None) -> tuple[str, int]:
        shown = self.ticket
        if shown is None:
            raise NotShown("Nothing that can be handed out is on the screen.")
        if ticket is not None and tuple(ticket) != shown:
            raise NotShown("The screen shows another order now; nothing was handed out.")
        return shown

    def confirm(
        self, ticket: tuple[str, int] | None = None, lines: Mapping[str, float] | None = None
    ) -> PickupStep:
        """Hand out what is shown. `ticket`: the order the clerk saw (the screen passes it);
        `lines`: quantities per SKU for a partial pickup (default: the chosen selection, or
        everything left)."""
        self._require((S.VERDICT, S.CONFIRMING), "confirm")
        shown = self._check_ticket(ticket)  # NotShown leaves the screen as it is
        try:
            receipt = self._receipt_now()
            if self.order is None:
                claims = self.scan_result.claims if self.scan_result else None
                if claims is None:
                    return self._fail("Nothing to confirm.")
                self.result = confirm_provisional_pickup(
                    self.db,
                    claims,
                    staff_id=self.staff_id,
                    method=self.method,
                    now=self.clock(),
                    receipt=receipt,
                )
            else:
                chosen = (
                    dict(lines)
                    if lines is not None
                    else (dict(self.selection) if self.step is S.CONFIRMING else None)
                )
                whole = chosen is None or chosen == {
                    ln.sku: ln.remaining for ln in self.order.lines if ln.remaining > 0
                }
                self.result = confirm_pickup(
                    self.db,
                    shown[0],
                    staff_id=self.staff_id,
                    method=self.method,
                    lines=None if whole else chosen,
                    now=self.clock(),
                    expected_version=shown[1],
                    receipt=receipt,
                )
        except KioskError as exc:
            return self._fail(str(exc), exc)
        orders = (self.order,) if self.order else ()
        return self._finish((self.result,), orders, receipt)

    def confirm_all(self, tickets: Sequence[tuple[str, int]] | None = None) -> PickupStep:
        """Hand out the shown order and the customer's other ready orders (批量核销)."""
        self._require((S.VERDICT, S.CONFIRMING), "confirm")
        shown = self._check_ticket(None)
        every = [shown, *(o.ticket for o in self.others)]
        if tickets is not None and {tuple(t) for t in tickets} != set(every):
            raise NotShown("The screen shows other orders now; nothing was handed out.")
        try:
            receipt = self._receipt_now()
            results = confirm_pickups(
                self.db,
                every,
                staff_id=self.staff_id,
                method=self.method,
                now=self.clock(),
                receipt=receipt,
            )
        except KioskError as exc:
            return self._fail(str(exc), exc)
        self.result = results[0]
        orders = tuple(o for o in (self.order, *self.others) if o is not None)
        return self._finish(tuple(results), orders, receipt)

    def _receipt_now(self) -> bool:
        return self.receipts is not None and self.receipt_policy == "always"

    def _finish(
        self, results: tuple[PickupResult, ...], orders: tuple[OrderView, ...], receipt: bool
    ) -> PickupStep:
        problems = [r.receipt_problem for r in results if r.receipt_problem]
        self.print_problem = (
            (
                f"The receipt could not be queued ({problems[0]}). The pickup "
                "is saved; reprint later from the order."
            )
            if problems
            else None
        )
        state = (
            ("failed" if problems else "queued")
            if receipt
            else ("ask" if self.receipts is not None and self.receipt_policy == "ask" else "none")
        )
        self.done = Done(results, orders, self.clock(), state, self.print_problem)
        if receipt and not problems and self.wake_printer is not None:
            self.wake_printer()
        done = (
            "Picked up."
            if all(r.status == OrderStatus.PICKED_UP for r in results)
            else "Partly picked up."
        )
        self._move(S.CONFIRMED, done)
        self._move(S.DONE, f"{done} {self.print_problem}" if self.print_problem else done)
        return self.step

    # --- after the pickup --------------------------------------------------------------
    def undo(self, reason: str) -> ReversalResult:
        """Reverse the pickup just made (within the window), with a reason."""
        self._require((S.DONE,), "undo")
        if self.done is None or not self.can_undo:
            raise IllegalTransition("This pickup can no longer be undone here.")
        results = []
        for r in self.done.results:
            results.append(
                reverse_pickup(
                    self.db,
                    r.order_id,
                    staff_id=self.staff_id,
                    reason=reason,
                    now=self.clock(),
                    window_min=self.reversal_window_min,
                )
            )
        self.done = Done(
            self.done.results,
            self.done.orders,
            self.done.at,
            self.done.receipt,
            self.done.receipt_problem,
            frozenset(r.order_id for r in self.done.results),
        )
        self._move(S.DONE, "Pickup reversed.")
        return results[0]

    def reprint(self) -> None:
        """Queue the receipt(s) of the pickup on screen again (own transaction)."""
        self._require((S.DONE,), "reprint")
        if self.done is None or self.receipts is None:
            raise IllegalTransition("No receipt printer is set up.")
        for r in self.done.results:
            queue_receipt_copy(self.db, r.order_id)
        if self.wake_printer is not None:
            self.wake_printer()
        self.done = Done(
            self.done.results,
            self.done.orders,
            self.done.at,
            "queued",
            None,
            self.done.reversed_ids,
        )
        self._move(S.DONE)

    def report_issue(
        self,
        sku: str | None,
        kind: str,
        qty: float = 0,
        note: str = "",
        photo: bytes | None = None,
        mime: str = "image/jpeg",
        order_id: str | None = None,
    ) -> IssueResult:
        """A problem with a line of the order on screen (or just handed out). `order_id`:
        the order the clerk was looking at when the dialog opened (a scan may have come in
        since); default the one on screen."""
        if kind not in ISSUE_KINDS:
            raise IllegalTransition(f"Unknown issue kind {kind!r}.")
        order = self.order or (self.done.orders[0] if self.done and self.done.orders else None)
        target = order_id or (order.order_id if order else None)
        if target is None:
            raise IllegalTransition("Scan the order first.")
        media: list[str] = []
        if photo:
            from kiosk.readings.media import store_media

            with self.db.session() as s:
                media.append(store_media(s, self.data_dir or self.db.path.parent, photo, mime))
        return report_issue(
            self.db,
            target,
            staff_id=self.staff_id,
            kind=kind,
            sku=sku,
            quantity=qty,
            note=note,
            media=media,
            now=self.clock(),
        )

    def cancel(self) -> PickupStep:
        self._require((S.SCANNED, S.CHOOSING, S.VERDICT, S.CONFIRMING, S.ERROR), "cancel")
        self._move(S.CANCELLED, "Cancelled; nothing was changed.")
        return self.step

    def reset(self) -> PickupStep:
        self._require(
            (S.DONE, S.CANCELLED, S.ERROR, S.IDLE, S.VERDICT, S.CHOOSING, S.CONFIRMING),
            "start over",
        )
        self._clear()
        self.done = None
        self._move(S.IDLE, "")
        return self.step

    def _fail(self, message: str, error: KioskError | None = None) -> PickupStep:
        self.error = error
        self._move(S.ERROR, message)
        return self.step
