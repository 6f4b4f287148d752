"""What a manager (or clerk) can do to an order from the orders screen, each checked before
it is tried so the answer is a code with parameters the UI words (never an English core
message): reverse a pickup with a reason inside the window, mark overdue orders returned,
reprint a receipt, report an issue, settle a sync conflict.

Each change is one transaction through the existing services (one outbox event + one audit
entry where DESIGN.md has an event; returns are audit-only like overdue marking).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select

from kiosk.changes import Changes
from kiosk.db import Database
from kiosk.errors import KioskError, NotAllowed
from kiosk.ledger.order_state import OrderStatus
from kiosk.models import Order, OutboxEvent
from kiosk.platform import conflicts
from kiosk.ports import utcnow
from kiosk.services.issues import KINDS, report_issue
from kiosk.services.overdue import mark_one_overdue, return_one
from kiosk.services.pickup import reverse_pickup
from kiosk.staff import MATRIX, SYSTEM, Permission, role_of

S = OrderStatus


class Done(StrEnum):
    OK = "ok"
    NOT_ALLOWED = "not_allowed"  # params: role
    NO_ORDER = "no_order"
    NEEDS_REASON = "needs_reason"
    NOTHING_TO_REVERSE = "nothing_to_reverse"  # params: status
    WINDOW_PASSED = "window_passed"  # params: minutes
    NOT_OVERDUE = "not_overdue"  # params: order, status
    NO_PRINTER = "no_printer"
    NOT_PICKED_UP = "not_picked_up"  # reprint of an order that never left
    BAD_ISSUE = "bad_issue"
    NO_CONFLICT = "no_conflict"
    CANNOT_RETRY = "cannot_retry"  # a conflict is already on the platform
    REFUSED = "refused"  # the core refused anyway (params: message)


@dataclass(frozen=True, slots=True)
class ActionResult:
    code: Done
    params: tuple[tuple[str, str], ...] = ()
    changes: Changes = field(default_factory=Changes)

    @property
    def ok(self) -> bool:
        return self.code is Done.OK


class Receipts(Protocol):
    def enqueue_receipt(self, order_id: str) -> None: ...


def _may(db: Database, staff_id: str | None, permission: Permission) -> str | None:
    """None when allowed, else the role that may not."""
    with db.reader() as s:
        try:
            actor = role_of(s, staff_id)
        except NotAllowed:
            return "unknown"
    return None if actor.role in MATRIX[permission] and actor.role != SYSTEM else actor.role


def reverse(
    db: Database,
    order_id: str,
    *,
    staff_id: str | None,
    reason: str,
    window_min: int,
    now: datetime | None = None,
) -> ActionResult:
    now = now or utcnow()
    if not reason.strip():
        return ActionResult(Done.NEEDS_REASON)
    role = _may(db, staff_id, Permission.REVERSE_PICKUP)
    if role is not None:
        return ActionResult(Done.NOT_ALLOWED, (("role", role),))
    with db.reader() as s:
        order = s.get(Order, order_id)
        if order is None:
            return ActionResult(Done.NO_ORDER)
        last = s.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.type == "order.picked_up")
            .order_by(OutboxEvent.seq.desc())
        ).all()
        pickup = next((ev for ev in last if ev.payload.get("order_id") == order_id), None)
        if order.status not in (S.PICKED_UP, S.PARTIALLY_PICKED_UP) or pickup is None:
            return ActionResult(Done.NOTHING_TO_REVERSE, (("status", order.status),))
        at = (
            pickup.occurred_at
            if pickup.occurred_at.tzinfo
            else pickup.occurred_at.replace(tzinfo=now.tzinfo)
        )
        if now - at > timedelta(minutes=window_min):
            return ActionResult(Done.WINDOW_PASSED, (("minutes", str(window_min)),))
    try:
        reverse_pickup(
            db, order_id, staff_id=staff_id, reason=reason, now=now, window_min=window_min
        )
    except NotAllowed:
        return ActionResult(Done.NOT_ALLOWED, (("role", "clerk"),))
    except KioskError as exc:
        return ActionResult(Done.REFUSED, (("message", str(exc)),))
    return ActionResult(Done.OK, (("order", order_id),), Changes(orders=True, outbox=True))


def mark_returned(
    db: Database,
    order_ids: Sequence[str],
    *,
    staff_id: str | None,
    reason: str = "",
    overdue_days: int,
    now: datetime | None = None,
) -> ActionResult:
    """Overdue bags sent back to the warehouse. An order past N days that the nightly marking
    has not reached yet is marked overdue first, in the same transaction."""
    now = now or utcnow()
    role = _may(db, staff_id, Permission.MARK_OVERDUE)
    if role is not None:
        return ActionResult(Done.NOT_ALLOWED, (("role", role),))
    cutoff = now - timedelta(days=overdue_days)
    with db.session() as s:
        orders = [s.get(Order, oid) for oid in order_ids]
        for oid, order in zip(order_ids, orders, strict=True):
            if order is None:
                return ActionResult(Done.NO_ORDER, (("order", oid),))
            ready_at = order.ready_at
            if ready_at is not None and ready_at.tzinfo is None:
                ready_at = ready_at.replace(tzinfo=now.tzinfo)
            late = order.status == S.READY and ready_at is not None and ready_at < cutoff
            if order.status != S.OVERDUE and not late:
                return ActionResult(Done.NOT_OVERDUE, (("order", oid), ("status", order.status)))
        for order in orders:
            assert order is not None and staff_id is not None
            if order.status == S.READY:
                mark_one_overdue(s, order, actor_id=staff_id, days=overdue_days, now=now)
            return_one(s, order, actor_id=staff_id, reason=reason, now=now)
    return ActionResult(Done.OK, (("count", str(len(order_ids))),), Changes(orders=True))


def reprint(db: Database, receipts: object | None, order_id: str) -> ActionResult:
    with db.reader() as s:
        order = s.get(Order, order_id)
        if order is None:
            return ActionResult(Done.NO_ORDER)
        if order.status not in (S.PICKED_UP, S.PARTIALLY_PICKED_UP):
            return ActionResult(Done.NOT_PICKED_UP, (("status", order.status),))
    enqueue = getattr(receipts, "enqueue_receipt", None)
    if not callable(enqueue):
        return ActionResult(Done.NO_PRINTER)
    enqueue(order_id)
    return ActionResult(Done.OK, (("order", order_id),), Changes(printing=True))


def report(
    db: Database,
    order_id: str,
    *,
    staff_id: str | None,
    kind: str,
    sku: str | None,
    qty: float,
    note: str = "",
    media: Sequence[str] = (),
) -> ActionResult:
    if kind not in KINDS or not qty >= 0:
        return ActionResult(Done.BAD_ISSUE)
    role = _may(db, staff_id, Permission.REPORT_ISSUE)
    if role is not None:
        return ActionResult(Done.NOT_ALLOWED, (("role", role),))
    try:
        report_issue(
            db,
            order_id,
            staff_id=staff_id,
            kind=kind,
            sku=sku,
            quantity=qty,
            note=note,
            media=media,
        )
    except KioskError as exc:
        return ActionResult(Done.REFUSED, (("message", str(exc)),))
    return ActionResult(Done.OK, (("order", order_id),), Changes(orders=True, outbox=True))


def settle(
    db: Database, event_id: str, *, staff_id: str | None, note: str = "", retry: bool = False
) -> ActionResult:
    """A manager settles a sync conflict (resolved) or sends a rejected record again."""
    with db.reader() as s:
        try:
            role = role_of(s, staff_id).role
        except NotAllowed:
            role = "unknown"
    if role != "manager":
        return ActionResult(Done.NOT_ALLOWED, (("role", role),))
    assert staff_id is not None
    with db.session() as s:
        ev = s.get(OutboxEvent, event_id)
        if ev is None or not ev.needs_manager or ev.resolved_at is not None:
            return ActionResult(Done.NO_CONFLICT)
        if retry and ev.status != "rejected":
            return ActionResult(Done.CANNOT_RETRY)
        if retry:
            conflicts.retry_rejected(s, event_id, actor=staff_id)
        else:
            conflicts.resolve(s, event_id, actor=staff_id, note=note)
    return ActionResult(
        Done.OK, (("event", event_id),), Changes(sync=True, outbox=True, orders=True)
    )
