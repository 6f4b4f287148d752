"""Overdue (滞留) marking and returns.

DESIGN.md's event list has no overdue or return type, and the platform can tell an order is
overdue from its own `ready_at`; so these changes are recorded in the audit log only (one
entry per order, `event_id` null), never in the outbox. Every other state change carries
exactly one outbox event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import IllegalTransition
from kiosk.ledger.audit import append_audit
from kiosk.ledger.order_state import Action, OrderStatus, check
from kiosk.models import Order
from kiosk.ports import utcnow
from kiosk.services.common import int_setting, load_order
from kiosk.staff import Permission, require


def mark_overdue(
    db: Database,
    *,
    staff_id: str | None = None,
    days: int | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Ready orders not collected for `days` (setting `overdue_after_days`) become overdue."""
    now = now or utcnow()
    with db.session() as s:
        actor = require(s, staff_id, Permission.MARK_OVERDUE)
        limit = days if days is not None else int_setting(s, "overdue_after_days")
        cutoff = now - timedelta(days=limit)
        orders = s.scalars(
            select(Order)
            .where(Order.status == OrderStatus.READY, Order.ready_at < cutoff)
            .order_by(Order.id)
        ).all()
        for order in orders:
            mark_one_overdue(s, order, actor_id=actor.id, days=limit, now=now)
        return [o.id for o in orders]


def return_overdue(
    db: Database,
    order_ids: Sequence[str],
    *,
    staff_id: str | None,
    reason: str = "",
    now: datetime | None = None,
) -> list[str]:
    """Overdue orders sent back to the warehouse (audit only, like overdue marking)."""
    if not order_ids:
        raise IllegalTransition("Choose at least one overdue order to return.")
    now = now or utcnow()
    with db.session() as s:
        actor = require(s, staff_id, Permission.MARK_OVERDUE)
        for oid in order_ids:
            return_one(s, load_order(s, oid), actor_id=actor.id, reason=reason, now=now)
        return list(order_ids)


def mark_one_overdue(s: Session, order: Order, *, actor_id: str, days: int, now: datetime) -> None:
    """One ready order becomes overdue, with its audit line, in the caller's transaction."""
    order.status = check(order.status, Action.MARK_OVERDUE, OrderStatus.OVERDUE)
    order.updated_at = now
    append_audit(
        s,
        actor=actor_id,
        action="order.marked_overdue",
        entity="order",
        entity_id=order.id,
        detail={"from": OrderStatus.READY, "to": OrderStatus.OVERDUE, "days": days},
    )


def return_one(s: Session, order: Order, *, actor_id: str, reason: str, now: datetime) -> None:
    """One overdue order goes back to the warehouse, with its audit line, in the caller's
    transaction (shared by `return_overdue` and the orders screen's flow)."""
    order.status = check(order.status, Action.RETURN, OrderStatus.RETURNED)
    order.updated_at = now
    append_audit(
        s,
        actor=actor_id,
        action="order.returned",
        entity="order",
        entity_id=order.id,
        detail={"from": OrderStatus.OVERDUE, "to": OrderStatus.RETURNED, "reason": reason},
    )
