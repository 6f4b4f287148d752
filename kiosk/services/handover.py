"""Handover (交接) of a leader's orders: both sides confirm (leader's badge or PIN), one
`order.handed_over` event for the whole set."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import IllegalTransition, NotAllowed
from kiosk.ledger.order_state import TABLE, Action, OrderStatus, check
from kiosk.ledger.outbox import record_change
from kiosk.models import Handover, Leader, Order
from kiosk.ports import utcnow
from kiosk.services.common import load_order
from kiosk.staff import Permission, pin_matches, require

# the statuses an order can be handed over from (the transition table's, not a copy)
HANDOVER_FROM: tuple[OrderStatus, ...] = tuple(TABLE[Action.HAND_OVER])


@dataclass(frozen=True, slots=True)
class HandoverResult:
    handover_id: str
    event_id: str
    leader_id: str
    order_ids: tuple[str, ...]


def leader_orders(session: Session, leader_id: str) -> list[Order]:
    """A leader's orders that can be handed over now."""
    return list(
        session.scalars(
            select(Order)
            .where(Order.leader_id == leader_id, Order.status.in_(HANDOVER_FROM))
            .order_by(Order.bin_code, Order.id)
        )
    )


def leader_by_badge(session: Session, badge_code: str) -> Leader | None:
    return session.scalars(select(Leader).where(Leader.badge_code == badge_code.strip())).first()


def confirm_leader(leader: Leader, confirmed_by: str, credential: str) -> None:
    """Raise NotAllowed unless the badge or PIN belongs to this leader."""
    if confirmed_by == "badge":
        ok = bool(leader.badge_code) and credential.strip() == leader.badge_code
    elif confirmed_by == "pin":
        ok = pin_matches(leader.pin_hash, credential)
    else:
        raise NotAllowed("A leader confirms with a badge or a PIN.")
    if not ok:
        raise NotAllowed(f"That {confirmed_by} does not belong to team leader {leader.name}.")


def hand_over(
    db: Database,
    leader_id: str,
    order_ids: Sequence[str],
    *,
    staff_id: str | None,
    confirmed_by: str,
    credential: str,
    bag_count: int | None = None,
    now: datetime | None = None,
) -> HandoverResult:
    now = now or utcnow()
    ids = list(dict.fromkeys(order_ids))
    if not ids:
        raise IllegalTransition("Choose at least one order to hand over.")
    with db.session() as s:
        actor = require(s, staff_id, Permission.HAND_OVER)
        leader = s.get(Leader, leader_id)
        if leader is None:
            raise IllegalTransition(f"There is no team leader {leader_id} at this store.")
        confirm_leader(leader, confirmed_by, credential)
        for oid in ids:
            order = load_order(s, oid)
            if order.leader_id != leader_id:
                raise IllegalTransition(f"Order {oid} does not belong to {leader.name}'s group.")
            order.status = check(order.status, Action.HAND_OVER, OrderStatus.HANDED_OVER)
            order.updated_at = now
        handover_id = f"H-{uuid.uuid4().hex[:12]}"
        s.add(
            Handover(
                id=handover_id,
                store_id=leader.store_id,
                leader_id=leader_id,
                staff_id=actor.id,
                confirmed_by=confirmed_by,
                order_ids=ids,
                bag_count=bag_count if bag_count is not None else len(ids),
                at=now,
            )
        )
        payload = {
            "order_ids": ids,
            "leader_id": leader_id,
            "confirmed_by": confirmed_by,
            "staff_id": actor.id,
            "handover_id": handover_id,
        }
        ev = record_change(
            s,
            actor=actor.id,
            event_type="order.handed_over",
            entity="handover",
            entity_id=handover_id,
            payload=payload,
            occurred_at=now,
        )
        return HandoverResult(handover_id, ev.event_id, leader_id, tuple(ids))
