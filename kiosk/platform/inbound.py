"""Applying a page of central changes to the local database.

A page and the cursor after it are written in ONE transaction: a crash leaves either both
or neither, so a page is never skipped and applying it twice is harmless (the loaders are
idempotent). Orders go through `kiosk.platform.change_format.upsert_order`, which keeps the store's own pickup
progress while the outbox still has events about it; cancelled and refunded always apply.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.db import Database
from kiosk.models import (
    Batch,
    Bin,
    Customer,
    Handover,
    Inspection,
    IssueReport,
    Leader,
    Order,
    PlatformKey,
    Staff,
    Store,
    Supplier,
)
from kiosk.models.sync import ChecklistTemplate
from kiosk.platform import changes as change_format
from kiosk.platform.changes import order_problem, pending_order_ids
from kiosk.platform.identity import get_setting
from kiosk.platform.inbound_bulk import bulk_insert_new_orders
from kiosk.platform.sync_status import CURSOR, put_state
from kiosk.ports import Change, utcnow

log = logging.getLogger("linli.sync.inbound")


def apply_page(db: Database, changes: Sequence[Change], next_cursor: str) -> dict[str, int]:
    """Apply one page and store `next_cursor`, atomically. Returns counts by kind."""
    with db.session() as s:
        counts = apply_changes(s, changes)
        put_state(s, CURSOR, next_cursor)
    return counts


def _prefetch(session: Session, orders: list[dict[str, Any]]) -> list[object]:
    """Load every row the page's orders refer to in a few queries, so the loaders' get()s hit
    the identity map. The caller must hold the returned list: the map only keeps weak refs."""

    def ids(field: str) -> list[str]:
        return sorted({str(o[field]) for o in orders if o.get(field)})

    if not orders:
        return []
    held: list[object] = list(
        session.scalars(
            select(Order).options(selectinload(Order.lines)).where(Order.id.in_(ids("id")))
        )
    )
    cust = {str(o["customer"]["id"]) for o in orders if isinstance(o.get("customer"), dict)}
    cust.update(ids("customer_id"))
    for model, col, keys in (
        (Customer, Customer.id, sorted(cust)),
        (Leader, Leader.id, ids("leader_id")),
        (Batch, Batch.id, ids("batch_id")),
        (Bin, Bin.code, ids("bin_code")),
    ):
        if keys:
            held.extend(session.scalars(select(model).where(col.in_(keys))))
    held.append(session.get(Store, str(orders[0].get("store_id") or "")))
    return held


def apply_changes(session: Session, changes: Sequence[Change]) -> dict[str, int]:
    counts: dict[str, int] = {}
    own_store = get_setting(session, "store_id")
    mine = []
    for c in changes:
        if c.kind == "order" and own_store and c.data.get("store_id") not in (None, own_store):
            continue
        if c.kind == "order" and c.op == "upsert":
            problem = order_problem(c.data)
            if problem:  # refused for this change only; the rest of the page still lands
                log.warning("refused a change from the platform: %s", problem)
                counts["refused"] = counts.get("refused", 0) + 1
                continue
        mine.append(c)
    done = bulk_insert_new_orders(session, mine)
    if done:
        counts["order"] = len(done)
    orders = [
        dict(c.data) for c in mine if c.kind == "order" and c.op == "upsert" and c.key not in done
    ]
    held = _prefetch(session, orders)  # noqa: F841 (kept alive on purpose)
    pending = pending_order_ids(session) if orders else set()
    for ch in mine:
        data = dict(ch.data)
        if ch.kind == "order":
            if ch.key in done:
                continue
            if ch.op == "delete":
                _delete_order(session, ch.key)
            else:
                change_format.upsert_order(session, data, pending=pending)
        elif ch.kind == "key":
            if ch.op == "delete":
                key = session.get(PlatformKey, ch.key)
                if key is not None:
                    key.revoked = True
            else:
                change_format.add_platform_key(
                    session,
                    str(data.get("key_id") or ch.key),
                    str(data["public_key"]),
                    revoked=bool(data.get("revoked")),
                )
        elif ch.kind in {"staff", "leader", "supplier"}:
            _person(session, ch.kind, ch.op, ch.key, data)
        elif ch.kind == "checklist":
            _checklist(session, ch.op, ch.key, data)
        else:
            continue  # a newer server may send kinds this kiosk does not know yet
        counts[ch.kind] = counts.get(ch.kind, 0) + 1
    return counts


def _delete_order(session: Session, order_id: str) -> None:
    """Delete an order the platform withdrew; if the store already acted on it, keep the
    row (history) and mark it cancelled instead."""
    order = session.get(Order, order_id)
    if order is None:
        return
    used = (
        session.scalar(select(IssueReport.id).where(IssueReport.order_id == order_id).limit(1))
        is not None
    )
    used = used or any(ln.picked_qty > 0 for ln in order.lines)
    if used:
        order.status = "cancelled"
        order.updated_at = utcnow()
    else:
        session.delete(order)
    session.flush()


def _person(session: Session, kind: str, op: str, key: str, data: dict[str, Any]) -> None:
    if op == "upsert":
        data.setdefault("id", key)
        {
            "staff": change_format.upsert_staff,
            "leader": change_format.upsert_leader,
            "supplier": change_format.upsert_supplier,
        }[kind](session, data)
        return
    if kind == "staff":
        staff = session.get(Staff, key)
        if staff is not None:
            staff.active = False  # kept: audit entries and shifts name them
    elif kind == "leader":
        leader = session.get(Leader, key)
        in_use = session.scalar(
            select(Order.id).where(Order.leader_id == key).limit(1)
        ) or session.scalar(select(Handover.id).where(Handover.leader_id == key).limit(1))
        if leader is not None and not in_use:
            session.delete(leader)
    else:
        supplier = session.get(Supplier, key)
        in_use = session.scalar(select(Inspection.id).where(Inspection.supplier_id == key).limit(1))
        if supplier is not None and not in_use:
            session.delete(supplier)
    session.flush()


def _checklist(session: Session, op: str, key: str, data: dict[str, Any]) -> None:
    row = session.get(ChecklistTemplate, key)
    if op == "delete":
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = ChecklistTemplate(id=key, updated_at=utcnow())
        session.add(row)
    row.name = str(data.get("name") or key)
    row.data = data
    row.updated_at = utcnow()
