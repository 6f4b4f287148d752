"""Orders as the manager searches them: by pickup code, phone tail, name, order number or
bin, with filters (ready, overdue, picked up today, handed over, issues, conflicts), and one
order's full history from the audit log (what, when, who, which device).

Read-only; each function opens one reader session. Overdue (滞留) is "past N days on the
shelf" with N from the settings, whether or not the nightly marking has run yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.ledger.order_state import OrderStatus
from kiosk.models import (
    AuditEntry,
    Customer,
    Handover,
    IssueReport,
    Leader,
    Order,
    OutboxEvent,
    Staff,
    Store,
)
from kiosk.platform.identity import get_setting
from kiosk.ports import utcnow

S = OrderStatus


class Filter(StrEnum):
    ALL = "all"
    READY = "ready"
    OVERDUE = "overdue"
    PICKED_UP_TODAY = "picked_up_today"
    HANDED_OVER = "handed_over"
    ISSUES = "issues"
    CONFLICTS = "conflicts"


@dataclass(frozen=True, slots=True)
class OrderRow:
    order_id: str
    pickup_code: str
    status: str
    bin_code: str | None
    name_masked: str
    phone_tail: str
    days_waiting: int  # whole days on the shelf (0 when not on the shelf)
    overdue: bool
    items: int


@dataclass(frozen=True, slots=True)
class LineRow:
    sku: str
    name: str
    qty: float
    unit: str
    picked: float
    condition: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    action: str  # the audit action: batch.arrived, order.picked_up, order.returned, ...
    actor: str  # a staff name, a leader name, or "system"
    device: str  # the device id that recorded it
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class OrderDetail:
    row: OrderRow
    lines: tuple[LineRow, ...]
    leader: str
    picked_up_at: datetime | None
    history: tuple[HistoryEntry, ...]
    open_conflicts: tuple[str, ...]  # event ids a manager still has to settle


def _today_start(s: Session, now: datetime) -> datetime:
    tz_name = s.scalar(select(Store.timezone)) or "Asia/Shanghai"
    try:
        tz = ZoneInfo(tz_name)
    except ZoneInfoNotFoundError:
        tz = ZoneInfo("UTC")
    local = now.astimezone(tz)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(now.tzinfo)


def _conflict_orders(s: Session) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ev in s.scalars(
        select(OutboxEvent).where(
            OutboxEvent.needs_manager.is_(True), OutboxEvent.resolved_at.is_(None)
        )
    ):
        p = ev.payload or {}
        ids = (
            [p["order_id"]]
            if isinstance(p.get("order_id"), str)
            else list(p.get("order_ids") or [])
        )
        for oid in ids:
            out.setdefault(str(oid), []).append(ev.event_id)
    return out


def _aware(at: datetime | None) -> datetime | None:
    if at is not None and at.tzinfo is None:
        return at.replace(tzinfo=utcnow().tzinfo)
    return at


def _row(o: Order, c: Customer | None, now: datetime, days: int) -> OrderRow:
    ready_at = _aware(o.ready_at)
    on_shelf = o.status in (S.READY, S.PARTIALLY_PICKED_UP, S.OVERDUE)
    waited = int((now - ready_at).total_seconds() // 86400) if on_shelf and ready_at else 0
    overdue = o.status == S.OVERDUE or (
        on_shelf and ready_at is not None and now - ready_at >= timedelta(days=days)
    )
    return OrderRow(
        o.id,
        o.pickup_code,
        o.status,
        o.bin_code,
        c.name_masked if c else "",
        c.phone_tail if c else "",
        max(0, waited),
        overdue,
        len(o.lines),
    )


def search(
    db: Database,
    text: str = "",
    filt: Filter = Filter.ALL,
    *,
    overdue_days: int = 3,
    now: datetime | None = None,
    limit: int = 200,
) -> list[OrderRow]:
    """Orders matching `text` (code, phone tail, name, order number, bin) and `filt`."""
    now = now or utcnow()
    t = text.strip()
    with db.reader() as s:
        q = select(Order, Customer).outerjoin(Customer, Customer.id == Order.customer_id)
        if t:
            like = f"%{t}%"
            conds: list[Any] = [
                Order.id.like(like),
                Order.bin_code == t.upper(),
                Customer.name_masked.like(like),
            ]
            if t.isdigit() and len(t) == 6:
                conds.append(Order.pickup_code == t)
            if t.isdigit() and len(t) == 4:
                conds.append(Customer.phone_tail == t)
            q = q.where(or_(*conds))
        cutoff = now - timedelta(days=overdue_days)
        if filt is Filter.READY:
            q = q.where(Order.status.in_((S.READY, S.PARTIALLY_PICKED_UP)))
        elif filt is Filter.OVERDUE:
            q = q.where(
                or_(
                    Order.status == S.OVERDUE,
                    and_(
                        Order.status.in_((S.READY, S.PARTIALLY_PICKED_UP)), Order.ready_at < cutoff
                    ),
                )
            )
        elif filt is Filter.PICKED_UP_TODAY:
            q = q.where(
                Order.status.in_((S.PICKED_UP, S.PARTIALLY_PICKED_UP)),
                Order.picked_up_at >= _today_start(s, now),
            )
        elif filt is Filter.HANDED_OVER:
            q = q.where(Order.status == S.HANDED_OVER)
        elif filt is Filter.ISSUES:
            q = q.where(Order.id.in_(select(IssueReport.order_id)))
        elif filt is Filter.CONFLICTS:
            q = q.where(Order.id.in_(list(_conflict_orders(s))))
        order_by = (Order.ready_at, Order.id) if filt is Filter.OVERDUE else (Order.id,)
        rows = s.execute(q.order_by(*order_by).limit(limit)).all()
        return [_row(o, c, now, overdue_days) for o, c in rows]


def overdue(db: Database, *, overdue_days: int, now: datetime | None = None) -> list[OrderRow]:
    """The overdue list, longest waiting first."""
    rows = search(db, "", Filter.OVERDUE, overdue_days=overdue_days, now=now, limit=1000)
    return sorted(rows, key=lambda r: (-r.days_waiting, r.bin_code or "", r.order_id))


def _names(s: Session) -> dict[str, str]:
    names = {sid: name for sid, name in s.execute(select(Staff.id, Staff.name))}
    names.update({lid: name for lid, name in s.execute(select(Leader.id, Leader.name))})
    return names


def _params(detail: dict[str, Any], keys: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((k, str(detail[k])) for k in keys if detail.get(k) not in (None, ""))


def detail(
    db: Database, order_id: str, *, overdue_days: int = 3, now: datetime | None = None
) -> OrderDetail | None:
    now = now or utcnow()
    with db.reader() as s:
        o = s.get(Order, order_id.strip())
        if o is None:
            return None
        c = s.get(Customer, o.customer_id) if o.customer_id else None
        names = _names(s)
        this_device = str(get_setting(s, "device_id", ""))
        entries: list[AuditEntry] = list(
            s.scalars(select(AuditEntry).where(AuditEntry.entity_id == o.id))
        )
        if o.batch_id:
            entries += [
                e
                for e in s.scalars(
                    select(AuditEntry).where(
                        AuditEntry.entity == "batch", AuditEntry.entity_id == o.batch_id
                    )
                )
                if o.id in (e.detail.get("ready") or [])
                or o.id in (e.detail.get("not_arrived") or [])
            ]
        if o.leader_id:
            handovers = [
                h.id
                for h in s.scalars(select(Handover).where(Handover.leader_id == o.leader_id))
                if o.id in (h.order_ids or [])
            ]
            if handovers:
                entries += list(
                    s.scalars(
                        select(AuditEntry).where(
                            AuditEntry.entity == "handover", AuditEntry.entity_id.in_(handovers)
                        )
                    )
                )
        conflicts = _conflict_orders(s).get(o.id, [])
        event_ids = [e.event_id for e in entries if e.event_id]
        devices = dict(
            s.execute(
                select(OutboxEvent.event_id, OutboxEvent.device_id).where(
                    OutboxEvent.event_id.in_(event_ids)
                )
            ).all()
        )
        history: list[HistoryEntry] = []
        for e in sorted(entries, key=lambda e: e.id):
            d = e.detail or {}
            params = _params(
                d,
                (
                    "reason",
                    "kind",
                    "qty",
                    "temperature_c",
                    "from",
                    "to",
                    "days",
                    "method",
                    "leader_id",
                    "note",
                ),
            )
            if e.entity == "batch":
                params = (
                    ("batch", e.entity_id),
                    ("bin", str((d.get("bins") or {}).get(o.id, ""))),
                    ("arrived", "yes" if o.id in (d.get("ready") or []) else "no"),
                )
            if e.entity == "handover":
                params = (
                    ("leader", names.get(str(d.get("leader_id")), str(d.get("leader_id")))),
                    ("by", str(d.get("confirmed_by", ""))),
                )
            history.append(
                HistoryEntry(
                    _aware(e.at) or e.at,
                    e.action,
                    names.get(e.actor, e.actor),
                    str(devices.get(e.event_id or "", this_device)),
                    params,
                )
            )
        lines = tuple(
            LineRow(ln.sku, ln.name, ln.qty, ln.unit, ln.picked_qty, ln.condition) for ln in o.lines
        )
        return OrderDetail(
            _row(o, c, now, overdue_days),
            lines,
            names.get(o.leader_id or "", ""),
            _aware(o.picked_up_at),
            tuple(history),
            tuple(conflicts),
        )
