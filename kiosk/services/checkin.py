"""Batch check-in (到货签收): expected vs received per line, shortage and damage, cold-chain
temperature, shelf bins; orders that arrived become `ready` in one transaction and one
`batch.arrived` event."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import IllegalTransition
from kiosk.ledger.order_state import ON_SHELF, Action, OrderStatus, check
from kiosk.ledger.outbox import record_change
from kiosk.models import Batch, Bin, Order
from kiosk.ports import utcnow
from kiosk.services.common import load_order, qty
from kiosk.services.issues import add_issue
from kiosk.staff import Permission, require

CONDITIONS = ("ok", "short", "damaged", "missing")


@dataclass(frozen=True, slots=True)
class LineReceipt:
    """What arrived of one order line. `condition` ok/short are inferred when left as ok."""

    order_id: str
    sku: str
    received: float
    condition: str = "ok"


@dataclass(frozen=True, slots=True)
class IssueLine:
    """A problem noted at check-in (missing or damaged units, note, photos by sha256)."""

    order_id: str
    sku: str
    kind: str
    qty: float
    note: str = ""
    media: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckinResult:
    batch_id: str
    event_id: str
    ready: tuple[str, ...]
    not_arrived: tuple[str, ...]
    problems: tuple[LineReceipt, ...] = field(default=())
    bins: tuple[tuple[str, str], ...] = field(default=())


def check_in_batch(
    db: Database,
    batch_id: str,
    *,
    staff_id: str | None,
    received: Iterable[LineReceipt] = (),
    temperature_c: float | None = None,
    bins: Mapping[str, str] | None = None,
    now: datetime | None = None,
    issues: Iterable[IssueLine] = (),
) -> CheckinResult:
    """Lines not listed in `received` arrived in full and in good order.

    An order with nothing received at all stays `dispatched` (still not arrived); every
    other order of the batch becomes `ready` and gets a shelf bin (the given one, else the
    least-loaded bin of the store).
    """
    now = now or utcnow()
    given = {(r.order_id, r.sku): r for r in received}
    for item in given.values():
        if item.condition not in CONDITIONS:
            raise IllegalTransition(f"Unknown line condition {item.condition!r}.")
        if not item.received >= 0:
            raise IllegalTransition(f"Received quantity for {item.sku} cannot be negative.")
    with db.session() as s:
        actor = require(s, staff_id, Permission.CHECK_IN)
        batch = s.get(Batch, batch_id)
        if batch is None:
            raise IllegalTransition(f"There is no delivery batch {batch_id}.")
        if batch.status == "checked_in":
            raise IllegalTransition(f"Batch {batch_id} was already checked in.")
        orders = s.scalars(
            select(Order)
            .where(Order.batch_id == batch_id, Order.status == OrderStatus.DISPATCHED)
            .order_by(Order.id)
        ).all()
        known = {(o.id, ln.sku) for o in orders for ln in o.lines}
        stray = [k for k in given if k not in known]
        if stray:
            raise IllegalTransition(f"Order {stray[0][0]} has no line {stray[0][1]} in this batch.")
        load = _bin_load(s, batch.store_id)
        lines_out: list[dict[str, object]] = []
        ready: list[str] = []
        missing: list[str] = []
        problems: list[LineReceipt] = []
        assigned: list[tuple[str, str]] = []
        for order in orders:
            for line in order.lines:
                r = given.get((order.id, line.sku))
                got = line.qty if r is None else min(r.received, line.qty)
                cond = "ok" if r is None else r.condition
                if cond == "ok" and got < line.qty:
                    cond = "missing" if got == 0 else "short"
                line.received_qty = got
                line.condition = cond
                if cond != "ok":
                    problems.append(LineReceipt(order.id, line.sku, got, cond))
                lines_out.append(
                    {
                        "order_id": order.id,
                        "sku": line.sku,
                        "expected": qty(line.qty),
                        "received": qty(got),
                        "condition": cond,
                    }
                )
            if order.lines and all((ln.received_qty or 0) <= 0 for ln in order.lines):
                missing.append(order.id)
                continue
            order.status = check(order.status, Action.CHECK_IN, OrderStatus.READY)
            order.ready_at = now
            order.updated_at = now
            order.bin_code = _choose_bin(bins, order.id, load)
            if order.bin_code:
                assigned.append((order.id, order.bin_code))
            ready.append(order.id)
        batch.status = "checked_in"
        batch.arrived_at = now
        batch.temperature_c = temperature_c
        batch.checked_in_by = actor.id
        payload = {"batch_id": batch_id, "lines": lines_out, "temperature_c": temperature_c}
        ev = record_change(
            s,
            actor=actor.id,
            event_type="batch.arrived",
            entity="batch",
            entity_id=batch_id,
            payload=payload,
            detail={**payload, "ready": ready, "not_arrived": missing, "bins": dict(assigned)},
            occurred_at=now,
        )
        for issue in issues:  # shortages and damage, in the same transaction as the arrival
            add_issue(
                s,
                actor.id,
                load_order(s, issue.order_id),
                kind=issue.kind,
                sku=issue.sku,
                quantity=issue.qty,
                note=issue.note,
                media=issue.media,
                now=now,
            )
        return CheckinResult(
            batch_id, ev.event_id, tuple(ready), tuple(missing), tuple(problems), tuple(assigned)
        )


def _bin_load(s: Session, store_id: str) -> Counter[str]:
    load: Counter[str] = Counter(
        {
            code: 0
            for code in s.scalars(
                select(Bin.code).where(Bin.store_id == store_id).order_by(Bin.code)
            )
        }
    )
    rows = s.execute(
        select(Order.bin_code, func.count())
        .where(Order.status.in_(ON_SHELF), Order.bin_code.is_not(None))
        .group_by(Order.bin_code)
    )
    for code, n in rows:
        if code is not None and code in load:
            load[code] = n
    return load


def _choose_bin(
    explicit: Mapping[str, str] | None, order_id: str, load: Counter[str]
) -> str | None:
    if explicit and order_id in explicit:
        code = explicit[order_id]
        if code not in load:
            raise IllegalTransition(f"There is no shelf bin {code} at this store.")
    elif load:
        code = min(load, key=lambda c: (load[c], c))
    else:
        return None
    load[code] += 1
    return code
