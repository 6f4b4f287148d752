"""The outbox: events for the central API, appended in the same transaction as the change
they describe, with a per-device gap-free sequence number. `record_change` is what every
service calls: one state change = one outbox event + one audit entry.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.ledger.audit import append_audit
from kiosk.models import OutboxEvent
from kiosk.platform.identity import get_identity
from kiosk.ports import utcnow
from kiosk.version import device_info

EVENT_TYPES = frozenset(
    {
        "batch.arrived",
        "order.picked_up",
        "order.pickup_reversed",
        "order.handed_over",
        "order.issue_reported",
        "reading.captured",
        "inspection.submitted",
        "shift.closed",
    }
)


def append_event(
    session: Session, *, type: str, payload: dict[str, Any], occurred_at: datetime | None = None
) -> OutboxEvent:
    if type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type!r}")
    ident = get_identity(session)
    seq = (session.scalar(select(func.max(OutboxEvent.seq))) or 0) + 1
    ev = OutboxEvent(
        event_id=str(uuid.uuid4()),
        seq=seq,
        type=type,
        store_id=ident.store_id,
        device_id=ident.device_id,
        occurred_at=occurred_at or utcnow(),
        payload=payload,
        status="pending",
        attempts=0,
    )
    session.add(ev)
    session.flush()
    return ev


def record_change(
    session: Session,
    *,
    actor: str,
    event_type: str,
    entity: str,
    entity_id: str,
    payload: dict[str, Any],
    detail: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
) -> OutboxEvent:
    """Append the outbox event and its audit entry inside the caller's transaction."""
    ev = append_event(session, type=event_type, payload=payload, occurred_at=occurred_at)
    append_audit(
        session,
        actor=actor,
        action=event_type,
        entity=entity,
        entity_id=entity_id,
        detail=detail if detail is not None else payload,
        event_id=ev.event_id,
    )
    return ev


def event_envelope(ev: OutboxEvent) -> dict[str, Any]:
    """The wire shape of DESIGN.md's Events section."""
    return {
        "event_id": ev.event_id,
        "type": ev.type,
        "store_id": ev.store_id,
        "device_id": ev.device_id,
        "seq": ev.seq,
        "occurred_at": ev.occurred_at.isoformat().replace("+00:00", "Z"),
        "payload": ev.payload,
        "device": device_info(),  # extra, optional: app_version, build, sent_at (kiosk.version)
    }
