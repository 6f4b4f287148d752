"""Confirm a pickup (whole or by line, one order or all of a customer's), serve a
not-yet-synced order provisionally, and reverse a mistaken confirmation with a compensating
event inside a short window.

A confirm names the order the clerk saw: its id and its version (a row counter SQLite bumps
on every change, migration 0005). Anything else is refused (`OrderChanged`). The receipt is
queued in the pickup's own transaction, so a crash can lose both or neither, never the slip
alone; a receipt that cannot be built (a bug, bad data) is rolled back on its own savepoint
and reported, and the pickup stands.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import IllegalTransition, NotAllowed
from kiosk.ledger.order_state import ON_SHELF, Action, OrderStatus, check
from kiosk.ledger.outbox import record_change
from kiosk.models import Order, OutboxEvent
from kiosk.platform.changes import ensure_store
from kiosk.ports import utcnow
from kiosk.services.common import int_setting, load_order, qty
from kiosk.staff import Permission, require
from kiosk.verification.lookup import outbox_order_is
from kiosk.verification.tokens import Claims

log = logging.getLogger(__name__)
METHODS = ("qr", "code", "phone", "manual")


class OrderChanged(IllegalTransition):
    """The order changed since the clerk saw it (another scan, sync, a second kiosk)."""

    def __init__(self, order_id: str, seen: int, now: int) -> None:
        super().__init__(f"Order {order_id} changed since it was shown; scan it again.")
        self.order_id, self.seen, self.now = order_id, seen, now


@dataclass(frozen=True, slots=True)
class PickupResult:
    order_id: str
    status: str
    event_id: str
    lines: tuple[tuple[str, float], ...]
    receipt_job: str | None = None  # the print job queued with the pickup
    receipt_problem: str | None = None  # why no receipt was queued (the pickup stands)


def queue_receipt_in(s: Session, order_id: str) -> str:
    """The order's receipt as it stands now, queued in the caller's transaction."""
    from kiosk.printing.queue import enqueue_receipt_in

    return enqueue_receipt_in(s, order_id)


def queue_receipt_copy(db: Database, order_id: str) -> str:
    """Reprint: a new job with the receipt as the order stands (never deduplicated away)."""
    from kiosk.printing import documents, gather
    from kiosk.printing.queue import enqueue_in

    with db.session() as s:
        return enqueue_in(s, documents.receipt(gather.receipt_data(s, order_id)), ref=order_id)


def _receipt(s: Session, order_id: str, wanted: bool) -> tuple[str | None, str | None]:
    if not wanted:
        return None, None
    try:
        with s.begin_nested():
            return queue_receipt_in(s, order_id), None
    except Exception as exc:  # the pickup stands whatever the receipt does
        log.exception("receipt for %s could not be queued", order_id)
        return None, str(exc) or type(exc).__name__


def confirm_pickup(
    db: Database,
    order_id: str,
    *,
    staff_id: str | None,
    method: str = "qr",
    lines: Mapping[str, float] | None = None,
    now: datetime | None = None,
    expected_version: int | None = None,
    receipt: bool = False,
) -> PickupResult:
    """Hand out the whole order (lines=None) or the given quantities per SKU.

    `expected_version`: the version the clerk saw; a different one raises OrderChanged.
    `receipt`: queue the receipt in this same transaction."""
    if method not in METHODS:
        raise IllegalTransition(f"Unknown pickup method {method!r}.")
    now = now or utcnow()
    with db.session() as s:
        actor = require(s, staff_id, Permission.PICKUP)
        result = _pick_up(s, actor.id, order_id, method, lines, now, expected_version)
        job, problem = _receipt(s, order_id, receipt)
        return PickupResult(
            result.order_id, result.status, result.event_id, result.lines, job, problem
        )


def confirm_pickups(
    db: Database,
    tickets: Sequence[tuple[str, int]],
    *,
    staff_id: str | None,
    method: str = "qr",
    now: datetime | None = None,
    receipt: bool = False,
) -> list[PickupResult]:
    """Hand out all these orders (批量核销): one confirm, one transaction, one event per
    order. Each ticket is (order_id, version seen); any changed order refuses them all."""
    if method not in METHODS:
        raise IllegalTransition(f"Unknown pickup method {method!r}.")
    if not tickets:
        raise IllegalTransition("Choose at least one order to hand out.")
    now = now or utcnow()
    with db.session() as s:
        actor = require(s, staff_id, Permission.PICKUP)
        done = [_pick_up(s, actor.id, oid, method, None, now, version) for oid, version in tickets]
        out = []
        for r in done:
            job, problem = _receipt(s, r.order_id, receipt)
            out.append(PickupResult(r.order_id, r.status, r.event_id, r.lines, job, problem))
        return out


def _pick_up(
    s: Session,
    actor_id: str,
    order_id: str,
    method: str,
    lines: Mapping[str, float] | None,
    now: datetime,
    expected_version: int | None,
) -> PickupResult:
    order = load_order(s, order_id)
    if expected_version is not None and order.version != expected_version:
        raise OrderChanged(order_id, expected_version, order.version)
    picks = _picks(order, lines)
    for line in order.lines:
        line.picked_qty += picks.get(line.sku, 0.0)
    complete = all(ln.picked_qty >= ln.qty for ln in order.lines)
    target = OrderStatus.PICKED_UP if complete else OrderStatus.PARTIALLY_PICKED_UP
    before = order.status
    order.status = check(before, Action.PICK_UP, target)
    order.updated_at = now
    if complete:
        order.picked_up_at = now
    payload = {
        "order_id": order.id,
        "lines": [{"sku": k, "qty": qty(v)} for k, v in picks.items()],
        "method": method,
        "staff_id": actor_id,
    }
    ev = record_change(
        s,
        actor=actor_id,
        event_type="order.picked_up",
        entity="order",
        entity_id=order.id,
        payload=payload,
        detail={**payload, "from": before, "to": order.status},
        occurred_at=now,
    )
    s.flush()
    return PickupResult(order.id, order.status, ev.event_id, tuple(picks.items()))


def _picks(order: Order, lines: Mapping[str, float] | None) -> dict[str, float]:
    if order.status not in ON_SHELF:
        check(order.status, Action.PICK_UP, OrderStatus.PICKED_UP)  # raises with the reason
    remaining = {ln.sku: ln.qty - ln.picked_qty for ln in order.lines}
    if lines is None:
        return {sku: left for sku, left in remaining.items() if left > 0}
    picks: dict[str, float] = {}
    for sku, amount in lines.items():
        if sku not in remaining:
            raise IllegalTransition(f"Order {order.id} has no line {sku}.")
        if not amount > 0 or amount > remaining[sku] + 1e-9:
            raise IllegalTransition(
                f"Cannot hand out {amount:g} of {sku}: {remaining[sku]:g} left on this order."
            )
        picks[sku] = float(amount)
    if not picks:
        raise IllegalTransition("Choose at least one line to hand out.")
    return picks


def confirm_provisional_pickup(
    db: Database,
    claims: Claims,
    *,
    staff_id: str | None,
    method: str = "qr",
    now: datetime | None = None,
    receipt: bool = False,
) -> PickupResult:
    """Serve a genuine token whose order is not synced yet: a provisional picked_up order.

    The event carries `"provisional": true`; sync later fills in the order (the local
    pickup is kept while the event is pending) or the server answers `conflict`.
    """
    now = now or utcnow()
    with db.session() as s:
        actor = require(s, staff_id, Permission.PICKUP)
        if s.get(Order, claims.order_id) is not None:
            raise IllegalTransition("This order is known now: scan the code again.")
        ensure_store(s, claims.store_id)
        s.add(
            Order(
                id=claims.order_id,
                store_id=claims.store_id,
                pickup_code=claims.pickup_code,
                status=OrderStatus.PICKED_UP,
                provisional=True,
                picked_up_at=now,
                updated_at=now,
                total_cents=0,
                remote_version=0,
            )
        )
        s.flush()
        payload = {
            "order_id": claims.order_id,
            "lines": [],
            "method": method,
            "staff_id": actor.id,
            "provisional": True,
        }
        ev = record_change(
            s,
            actor=actor.id,
            event_type="order.picked_up",
            entity="order",
            entity_id=claims.order_id,
            payload=payload,
            detail={**payload, "from": None, "to": OrderStatus.PICKED_UP},
            occurred_at=now,
        )
        s.flush()
        job, problem = _receipt(s, claims.order_id, receipt)
        return PickupResult(claims.order_id, OrderStatus.PICKED_UP, ev.event_id, (), job, problem)


@dataclass(frozen=True, slots=True)
class ReversalResult:
    order_id: str
    status: str
    event_id: str
    reversed_event_id: str


def reverse_pickup(
    db: Database,
    order_id: str,
    *,
    staff_id: str | None,
    reason: str,
    now: datetime | None = None,
    window_min: int | None = None,
) -> ReversalResult:
    """Undo the latest not-yet-reversed pickup of an order, within the reversal window."""
    reason = reason.strip()
    if not reason:
        raise IllegalTransition("Say why the pickup is reversed.")
    now = now or utcnow()
    with db.session() as s:
        order = load_order(s, order_id)
        pickup = _latest_unreversed_pickup(s, order_id)
        if pickup is None:
            raise IllegalTransition(f"Order {order_id} has no pickup to reverse.")
        actor = require(
            s, staff_id, Permission.REVERSE_PICKUP, owner=str(pickup.payload.get("staff_id"))
        )
        window = int_setting(s, "pickup_reverse_window_min") if window_min is None else window_min
        if now - pickup.occurred_at > timedelta(minutes=window):
            raise NotAllowed(
                f"A pickup can only be reversed within {window} minutes; record an issue instead."
            )
        by_sku = {ln.sku: ln for ln in order.lines}
        for item in pickup.payload.get("lines") or []:
            line = by_sku.get(str(item.get("sku")))
            if line is not None:
                line.picked_qty = max(0.0, line.picked_qty - float(item.get("qty") or 0))
        any_left = any(ln.picked_qty > 0 for ln in order.lines)
        target = OrderStatus.PARTIALLY_PICKED_UP if any_left else OrderStatus.READY
        before = order.status
        order.status = check(before, Action.REVERSE_PICKUP, target)
        order.picked_up_at = None
        order.updated_at = now
        payload = {
            "order_id": order_id,
            "reason": reason,
            "staff_id": actor.id,
            "reverses_event_id": pickup.event_id,
            "lines": pickup.payload.get("lines") or [],
        }
        ev = record_change(
            s,
            actor=actor.id,
            event_type="order.pickup_reversed",
            entity="order",
            entity_id=order_id,
            payload=payload,
            detail={**payload, "from": before, "to": order.status},
            occurred_at=now,
        )
        return ReversalResult(order_id, order.status, ev.event_id, pickup.event_id)


def _order_events(s: Session, type_: str, order_id: str) -> list[OutboxEvent]:
    return list(
        s.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.type == type_, outbox_order_is(order_id))
            .order_by(OutboxEvent.seq)
        )
    )


def _latest_unreversed_pickup(s: Session, order_id: str) -> OutboxEvent | None:
    reversed_ids = {
        str(e.payload.get("reverses_event_id"))
        for e in _order_events(s, "order.pickup_reversed", order_id)
    }
    for ev in reversed(_order_events(s, "order.picked_up", order_id)):
        if ev.event_id not in reversed_ids:
            return ev
    return None
