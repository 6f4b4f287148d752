"""Events the platform answered `conflict` or `rejected`: kept, listed for the manager with
what to do in plain words, and closed only by a person (resolve, or retry a rejected one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import UserFacingError
from kiosk.ledger.audit import append_audit
from kiosk.models import OutboxEvent
from kiosk.ports import utcnow

_CONFLICT_ADVICE = {
    "order.picked_up": "The goods already left the store. Ask the customer to return them, or "
    "contact platform support so the order is settled; then mark it resolved.",
    "order.handed_over": "Get the affected bags back from the team leader, or contact platform "
    "support; then mark it resolved.",
    "order.pickup_reversed": "Check the order on the platform with support; then mark it resolved.",
}
_REJECTED_ADVICE = (
    "The platform refused this record. Check the reason; if it was a "
    "temporary problem on the platform, send it again (retry), otherwise "
    "contact support and mark it resolved."
)


@dataclass(frozen=True, slots=True)
class ConflictItem:
    event_id: str
    type: str
    status: str  # conflict or rejected
    order_ids: tuple[str, ...]
    occurred_at: datetime
    reason: str
    advice: str


def _orders(ev: OutboxEvent) -> tuple[str, ...]:
    p = ev.payload or {}
    if isinstance(p.get("order_id"), str):
        return (p["order_id"],)
    return tuple(str(i) for i in p.get("order_ids") or [])


def advice_for(ev: OutboxEvent) -> str:
    if ev.status == "rejected":
        return _REJECTED_ADVICE
    return _CONFLICT_ADVICE.get(
        ev.type, "Check this record with platform support; then mark it resolved."
    )


def list_conflicts(session: Session, *, include_resolved: bool = False) -> list[ConflictItem]:
    q = select(OutboxEvent).where(OutboxEvent.needs_manager.is_(True))
    if not include_resolved:
        q = q.where(OutboxEvent.resolved_at.is_(None))
    return [
        ConflictItem(
            ev.event_id,
            ev.type,
            ev.status,
            _orders(ev),
            ev.occurred_at,
            ev.reason or "",
            advice_for(ev),
        )
        for ev in session.scalars(q.order_by(OutboxEvent.seq))
    ]


def _open(session: Session, event_id: str) -> OutboxEvent:
    ev = session.get(OutboxEvent, event_id)
    if ev is None or not ev.needs_manager or ev.resolved_at is not None:
        raise UserFacingError(f"There is no open sync problem with id {event_id}.")
    return ev


def resolve(session: Session, event_id: str, *, actor: str, note: str = "") -> None:
    """The manager dealt with it; the event stays (history), the list no longer shows it."""
    ev = _open(session, event_id)
    ev.resolved_at = utcnow()
    append_audit(
        session,
        actor=actor,
        action="sync.conflict_resolved",
        entity="outbox",
        entity_id=event_id,
        detail={"status": ev.status, "note": note},
        event_id=event_id,
    )


def retry_rejected(session: Session, event_id: str, *, actor: str) -> None:
    """Send a rejected event again: only ever by a person's explicit choice."""
    ev = _open(session, event_id)
    if ev.status != "rejected":
        raise UserFacingError(
            "Only a rejected record can be sent again; a conflict is already on the platform."
        )
    ev.status, ev.needs_manager, ev.settled_at = "pending", False, None
    append_audit(
        session,
        actor=actor,
        action="sync.rejected_retried",
        entity="outbox",
        entity_id=event_id,
        detail={"reason": ev.reason},
        event_id=event_id,
    )
