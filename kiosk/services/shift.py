"""Shifts: open (audit only) and close with the counts of what happened (`shift.closed`)."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import IllegalTransition
from kiosk.ledger.audit import append_audit
from kiosk.ledger.order_state import ON_SHELF, OrderStatus
from kiosk.ledger.outbox import record_change
from kiosk.models import AuditEntry, Order, OutboxEvent, Shift
from kiosk.models.printing import PrintJob
from kiosk.ports import utcnow
from kiosk.staff import Permission, require

_COUNTED = {
    "order.picked_up": "pickups",
    "order.pickup_reversed": "reversals",
    "order.handed_over": "handovers",
    "order.issue_reported": "issues",
    "batch.arrived": "batches",
}


@dataclass(frozen=True, slots=True)
class ShiftClosed:
    shift_id: str
    event_id: str
    counts: dict[str, Any]


def open_shift(db: Database, *, staff_id: str, now: datetime | None = None) -> str:
    """Start a shift. Not an event of DESIGN.md: recorded in the audit log only."""
    now = now or utcnow()
    with db.session() as s:
        actor = require(s, staff_id, Permission.CLOSE_SHIFT)
        shift_id = f"SH-{uuid.uuid4().hex[:12]}"
        s.add(Shift(id=shift_id, staff_id=actor.id, opened_at=now, counts={}))
        append_audit(s, actor=actor.id, action="shift.opened", entity="shift", entity_id=shift_id)
        return shift_id


def shift_counts(s: Session, opened_at: datetime, now: datetime) -> dict[str, Any]:
    """What happened since `opened_at` (the close summary, also shown before closing):
    events by kind, partial pickups, what is on the shelf and overdue, and what has not
    left the kiosk yet (events waiting for the platform, print jobs still queued)."""
    by_type: Counter[str] = Counter(
        {
            str(t): int(n)
            for t, n in s.execute(
                select(OutboxEvent.type, func.count())
                .where(OutboxEvent.occurred_at >= opened_at, OutboxEvent.occurred_at <= now)
                .group_by(OutboxEvent.type)
            )
        }
    )
    counts: dict[str, Any] = {name: by_type.get(t, 0) for t, name in _COUNTED.items()}
    counts["partials"] = int(
        s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.action == "order.picked_up",
                AuditEntry.at >= opened_at,
                func.json_extract(AuditEntry.detail, "$.to")
                == OrderStatus.PARTIALLY_PICKED_UP.value,
            )
        )
        or 0
    )
    shelf = {
        str(st): int(n)
        for st, n in s.execute(
            select(Order.status, func.count())
            .where(Order.status.in_(ON_SHELF))
            .group_by(Order.status)
        )
    }
    counts["on_shelf"] = sum(shelf.values())
    counts["overdue"] = shelf.get(OrderStatus.OVERDUE, 0)
    counts["events_waiting"] = int(
        s.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status == "pending")
        )
        or 0
    )
    counts["print_queued"] = int(
        s.scalar(select(func.count()).select_from(PrintJob).where(PrintJob.status == "pending"))
        or 0
    )
    return counts


def close_shift(
    db: Database, shift_id: str, *, staff_id: str, now: datetime | None = None
) -> ShiftClosed:
    now = now or utcnow()
    with db.session() as s:
        shift = s.get(Shift, shift_id)
        if shift is None:
            raise IllegalTransition(f"There is no shift {shift_id}.")
        actor = require(s, staff_id, Permission.CLOSE_SHIFT, owner=shift.staff_id)
        if shift.closed_at is not None:
            raise IllegalTransition("This shift was already closed.")
        counts = shift_counts(s, shift.opened_at, now)
        shift.closed_at = now
        shift.counts = counts
        payload = {"shift_id": shift_id, "staff_id": actor.id, "counts": counts}
        ev = record_change(
            s,
            actor=actor.id,
            event_type="shift.closed",
            entity="shift",
            entity_id=shift_id,
            payload=payload,
            occurred_at=now,
        )
        return ShiftClosed(shift_id, ev.event_id, counts)
