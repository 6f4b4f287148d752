"""The fast path for a page of orders this kiosk has never seen (first sync, a big day):
plain multi-row INSERTs instead of one ORM upsert per order.

It takes only orders that are new here, appear once in the page and have no outbox events
(so none of `kiosk.platform.change_format.upsert_order`'s "who wins" rules apply) and writes the same columns
that upsert_order would. Everything else goes through the loaders as usual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from kiosk.ledger.order_state import OrderStatus
from kiosk.models import Batch, Bin, Customer, Leader, Order, OrderLine
from kiosk.platform import changes as change_format
from kiosk.ports import Change, utcnow


def _customer_row(d: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(d["id"]), **change_format.customer_fields(d)}


def _missing(session: Session, col: Any, keys: set[str]) -> set[str]:
    if not keys:
        return set()
    return keys - set(session.scalars(select(col).where(col.in_(sorted(keys)))))


def bulk_insert_new_orders(session: Session, changes: Sequence[Change]) -> set[str]:
    """Insert the page's brand-new orders in bulk; returns the keys it took care of."""
    counts = Counter(c.key for c in changes if c.kind == "order")
    cands = {
        c.key: dict(c.data)
        for c in changes
        if c.kind == "order"
        and c.op == "upsert"
        and counts[c.key] == 1
        and c.data.get("id") == c.key
        and c.data.get("store_id")
    }
    if len(cands) < 20:
        return set()  # not worth it; the loaders are fine
    new = _missing(session, Order.id, set(cands))
    new -= change_format.pending_order_ids(session)
    if not new:
        return set()
    orders = [cands[k] for k in sorted(new)]
    for sid in {str(o["store_id"]) for o in orders}:
        change_format.ensure_store(session, sid)
    _customers(session, orders)
    _placeholders(session, orders)
    now = utcnow()
    order_rows, line_rows = [], []
    for o in orders:
        row = {**change_format.order_columns(o), "updated_at": now}
        order_rows.append(row)
        for ln in o.get("lines") or []:
            line = {**change_format.line_columns(ln), "order_id": row["id"]}
            if row["status"] == OrderStatus.PICKED_UP:
                line["picked_qty"] = line["qty"]  # the central copy says the whole order went
            line_rows.append(line)
    session.execute(insert(Order), order_rows)
    if line_rows:
        session.execute(insert(OrderLine), line_rows)
    return new


def _customers(session: Session, orders: list[dict[str, Any]]) -> None:
    inline = {
        str(o["customer"]["id"]): _customer_row(o["customer"])
        for o in orders
        if isinstance(o.get("customer"), dict) and o["customer"].get("id")
    }
    refs = {str(o["customer_id"]) for o in orders if o.get("customer_id")} - set(inline)
    fresh = _missing(session, Customer.id, set(inline))
    if fresh:
        session.execute(insert(Customer), [inline[k] for k in sorted(fresh)])
    known = [inline[k] for k in sorted(set(inline) - fresh)]
    if known:
        session.execute(update(Customer), known)
    blank = _missing(session, Customer.id, refs)
    if blank:
        session.execute(
            insert(Customer),
            [
                {"id": k, "name_masked": "", "phone_masked": "", "phone_tail": ""}
                for k in sorted(blank)
            ],
        )


def _placeholders(session: Session, orders: list[dict[str, Any]]) -> None:
    """Minimal rows for referenced leaders, batches and bins not known yet (as seed does)."""

    def refs(field: str) -> dict[str, str]:
        return {str(o[field]): str(o["store_id"]) for o in orders if o.get(field)}

    def leader(k: str, sid: str) -> dict[str, Any]:
        return {"id": k, "store_id": sid, "name": k, "phone_masked": "", "community": ""}

    def batch(k: str, sid: str) -> dict[str, Any]:
        return {"id": k, "store_id": sid, "status": "expected"}

    def bin_(k: str, sid: str) -> dict[str, Any]:
        return {"code": k, "store_id": sid, "zone": "ambient", "label": ""}

    plan: list[tuple[Any, Any, str, Callable[[str, str], dict[str, Any]]]] = [
        (Leader, Leader.id, "leader_id", leader),
        (Batch, Batch.id, "batch_id", batch),
        (Bin, Bin.code, "bin_code", bin_),
    ]
    for model, col, field, make in plan:
        wanted = refs(field)
        missing = _missing(session, col, set(wanted))
        if missing:
            session.execute(insert(model), [make(k, wanted[k]) for k in sorted(missing)])
    session.flush()
