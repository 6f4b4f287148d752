"""Issue reports (missing, damaged, quality, wrong item) on an order line."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import IllegalTransition
from kiosk.ledger.outbox import record_change
from kiosk.models import IssueReport, Order
from kiosk.ports import utcnow
from kiosk.services.common import load_order, qty
from kiosk.staff import Permission, require

KINDS = ("missing", "damaged", "quality", "wrong_item")


@dataclass(frozen=True, slots=True)
class IssueResult:
    issue_id: str
    event_id: str


def report_issue(
    db: Database,
    order_id: str,
    *,
    staff_id: str | None,
    kind: str,
    sku: str | None = None,
    quantity: float = 0,
    note: str = "",
    media: Sequence[str] = (),
    now: datetime | None = None,
) -> IssueResult:
    """Record a problem; it changes no order status, it is evidence for the platform."""
    if kind not in KINDS:
        raise IllegalTransition(f"Unknown issue kind {kind!r}: use one of {', '.join(KINDS)}.")
    if not quantity >= 0:
        raise IllegalTransition("The quantity of an issue cannot be negative.")
    now = now or utcnow()
    with db.session() as s:
        actor = require(s, staff_id, Permission.REPORT_ISSUE)
        return add_issue(
            s,
            actor.id,
            load_order(s, order_id),
            kind=kind,
            sku=sku,
            quantity=quantity,
            note=note,
            media=media,
            now=now,
        )


def add_issue(
    s: Session,
    actor_id: str,
    order: Order,
    *,
    kind: str,
    sku: str | None,
    quantity: float,
    note: str,
    media: Sequence[str],
    now: datetime,
) -> IssueResult:
    """The issue row and its `order.issue_reported` inside the caller's transaction (the
    check-in records its shortages and damage in its own)."""
    if sku is not None and sku not in {ln.sku for ln in order.lines}:
        raise IllegalTransition(f"Order {order.id} has no line {sku}.")
    issue_id = f"I-{uuid.uuid4().hex[:12]}"
    s.add(
        IssueReport(
            id=issue_id,
            order_id=order.id,
            sku=sku,
            kind=kind,
            qty=quantity,
            note=note,
            media=list(media),
            staff_id=actor_id,
            at=now,
        )
    )
    payload = {
        "order_id": order.id,
        "sku": sku,
        "kind": kind,
        "qty": qty(quantity),
        "note": note,
        "media": list(media),
        "issue_id": issue_id,
    }
    ev = record_change(
        s,
        actor=actor_id,
        event_type="order.issue_reported",
        entity="order",
        entity_id=order.id,
        payload=payload,
        occurred_at=now,
    )
    return IssueResult(issue_id, ev.event_id)
