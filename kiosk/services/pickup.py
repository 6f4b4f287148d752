"""Confirm a pickup (whole or by line), serve a not-yet-synced order provisionally, and
reverse a mistaken confirmation with a compensating event inside a short window."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
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
from kiosk.verification.tokens import Claims

METHODS = ("qr", "code", "phone", "manual")


@dataclass(frozen=True, slots=True)
class PickupResult:
    order_id: str
    status: str
    event_id: str
    lines: tuple[tuple[str, float], ...]


def confirm_pickup(
    db: Database, order_id: str, *, staff_id: str | None, method: str = "qr",
    lines: Mapping[str, float] | None = None, now: datetime | None = None,
) -> PickupResult:
    """Hand out the whole order (lines=None) or the given quantities per SKU."""
    if method not in METHODS:
        raise IllegalTransition(f"Unknown pickup method {method!r}.")
    now = now or utcnow()
    with db.session() as s:
        actor = require(s, staff_id, Permission.PICKUP)
        order = load_order(s, order_id)
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
            "order_id": order.id, "lines": [{"sku": k, "qty": qty(v)} for k, v in picks.items()],
            "method": method, "staff_id": actor.id,
        }
        ev = record_change(s, actor=actor.id, event_type="order.picked_up", entity="order",
                           entity_id=order.id, payload=payload,
                           detail={**payload, "from": before, "to": order.status}, occurred_at=now)
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
    db: Database, claims: Claims, *, staff_id: str | None, method: str = "qr",
    now: datetime | None = None,
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
        s.add(Order(id=claims.order_id, store_id=claims.store_id, pickup_code=claims.pickup_code,
                    status="picked_up", provisional=True, picked_up_at=now, updated_at=now,
                    total_cents=0, remote_version=0))
        s.flush()
        payload = {"order_id": claims.order_id, "lines": [], "method": method,
                   "staff_id": actor.id, "provisional": True}
        ev = record_change(s, actor=actor.id, event_type="order.picked_up", entity="order",
                           entity_id=claims.order_id, payload=payload,
                           detail={**payload, "from": None, "to": "picked_up"}, occurred_at=now)
        return PickupResult(claims.order_id, "picked_up", ev.event_id, ())


@dataclass(frozen=True, slots=True)
class ReversalResult:
    order_id: str
    status: str
    event_id: str
    reversed_event_id: str


def reverse_pickup(
    db: Database, order_id: str, *, staff_id: str | None, reason: str,
    now: datetime | None = None,
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
        actor = require(s, staff_id, Permission.REVERSE_PICKUP,
                        owner=str(pickup.payload.get("staff_id")))
        window = int_setting(s, "pickup_reverse_window_min")
        if now - pickup.occurred_at > timedelta(minutes=window):
            raise NotAllowed(f"A pickup can only be reversed within {window} minutes; "
                             "record an issue instead.")
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
        payload = {"order_id": order_id, "reason": reason, "staff_id": actor.id,
                   "reverses_event_id": pickup.event_id, "lines": pickup.payload.get("lines") or []}
        ev = record_change(s, actor=actor.id, event_type="order.pickup_reversed", entity="order",
                           entity_id=order_id, payload=payload,
                           detail={**payload, "from": before, "to": order.status}, occurred_at=now)
        return ReversalResult(order_id, order.status, ev.event_id, pickup.event_id)


def _order_events(s: Session, type_: str, order_id: str) -> list[OutboxEvent]:
    return list(s.scalars(
        select(OutboxEvent)
        .where(OutboxEvent.type == type_,
               func.json_extract(OutboxEvent.payload, "$.order_id") == order_id)
        .order_by(OutboxEvent.seq)
    ))


def _latest_unreversed_pickup(s: Session, order_id: str) -> OutboxEvent | None:
    reversed_ids = {str(e.payload.get("reverses_event_id"))
                    for e in _order_events(s, "order.pickup_reversed", order_id)}
    for ev in reversed(_order_events(s, "order.picked_up", order_id)):
        if ev.event_id not in reversed_ids:
            return ev
    return None
