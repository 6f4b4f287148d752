"""Loaders for the demo seed / central change format (shared/seed.md), used by demo-data and sync.

Every `upsert_*` takes the plain dict of seed.md and writes it in the caller's transaction.
They are idempotent. `upsert_order` keeps the store's own pickup progress: while the outbox
still holds unsettled events about an order, or when the central copy is simply behind
(it says `ready` while we already handed the bag over), the local status and picked
quantities win; `cancelled` and `refunded` are decided centrally and always apply.
References to rows not known yet (store, batch, bin, leader) get a minimal placeholder row
that a later upsert of that row fills in, so the order of changes never matters.
"""

from __future__ import annotations

import base64
import math
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.ledger.order_state import OrderStatus
from kiosk.models import (
    Base,
    Batch,
    Bin,
    Customer,
    Leader,
    Order,
    OrderLine,
    OutboxEvent,
    PlatformKey,
    Staff,
    Store,
    Supplier,
)
from kiosk.platform.identity import get_setting
from kiosk.ports import utcnow

CENTRAL_ONLY = frozenset({"cancelled", "refunded"})
# how far along an order is at the store; central copies that are behind never roll us back
PROGRESS = {
    "dispatched": 0,
    "ready": 1,
    "overdue": 2,
    "partially_picked_up": 2,
    "picked_up": 3,
    "handed_over": 3,
    "returned": 3,
    "cancelled": 4,
    "refunded": 4,
}


ModelT = TypeVar("ModelT", bound=Base)


def _get_or_add(session: Session, model: type[ModelT], **init: Any) -> ModelT:
    """The row whose primary key `init` names, or a new one built from `init` and added."""
    row = session.get(model, init[model.__mapper__.primary_key[0].name])
    if row is None:
        row = model(**init)
        session.add(row)
    return row


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 (with `Z` or an offset) → aware UTC; naive strings are taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


MAX_QTY = 1_000_000
KNOWN_STATUSES = frozenset(s.value for s in OrderStatus)


def _finite(v: Any, *, low: float = 0, high: float = MAX_QTY) -> bool:
    """A real number in range: never a bool, NaN or an infinity (NaN compares false with
    everything, so one NaN quantity would let every later over-pick through)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return False
    return math.isfinite(v) and low <= v <= high


def order_problem(data: Any) -> str | None:
    """Why an ORDER dict from outside must not be stored, or None. A status this kiosk does
    not know is refused: stored, it could read as one that lets the goods go."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not data["id"]:
        return "the order has no id"
    status = data.get("status")
    if status is not None and (not isinstance(status, str) or status not in KNOWN_STATUSES):
        return f"order {data['id']}: unknown status {str(status)[:40]!r}"
    lines = data.get("lines")
    if lines is not None and not isinstance(lines, list):
        return f"order {data['id']}: lines is not a list"
    for i, ln in enumerate(lines or []):
        if not isinstance(ln, dict) or not isinstance(ln.get("sku"), str):
            return f"order {data['id']}: line {i} has no sku"
        if ln.get("qty") is not None and not _finite(ln["qty"]):
            return (
                f"order {data['id']}: line {ln['sku']} has a quantity that is not a number "
                f"from 0 to {MAX_QTY}"
            )
    for key in ("total_cents", "version"):
        if data.get(key) is not None and not _finite(data[key], low=-(2**63), high=2**63 - 1):
            return f"order {data['id']}: {key} is not a finite number"
    return None


def _default_store_id(session: Session, data: dict[str, Any]) -> str:
    sid = data.get("store_id") or get_setting(session, "store_id")
    if not sid:
        first = session.scalars(select(Store.id)).first()
        if first is None:
            raise ValueError("no store known yet: load the store before its people and orders")
        sid = first
    ensure_store(session, str(sid))
    return str(sid)


def ensure_store(session: Session, store_id: str) -> Store:
    store = session.get(Store, store_id)
    if store is None:
        store = Store(id=store_id, name=store_id)
        session.add(store)
        session.flush()
    return store


def upsert_store(session: Session, data: dict[str, Any]) -> Store:
    store = ensure_store(session, str(data["id"]))
    store.name = str(data.get("name") or store.name)
    store.address = str(data.get("address") or "")
    store.timezone = str(data.get("timezone") or "Asia/Shanghai")
    return store


def upsert_staff(session: Session, data: dict[str, Any]) -> Staff:
    sid = _default_store_id(session, data)
    row = _get_or_add(
        session, Staff, id=str(data["id"]), store_id=sid, name="", role="clerk", failed_attempts=0
    )
    row.store_id = sid
    row.name = str(data.get("name") or row.name)
    row.role = str(data.get("role") or row.role)
    if "pin_hash" in data:
        row.pin_hash = data["pin_hash"]
    row.active = bool(data.get("active", True))
    session.flush()
    return row


def upsert_leader(session: Session, data: dict[str, Any]) -> Leader:
    sid = _default_store_id(session, data)
    row = _get_or_add(session, Leader, id=str(data["id"]), store_id=sid, name="")
    row.store_id = sid
    row.name = str(data.get("name") or row.name or data["id"])
    row.phone_masked = str(data.get("phone_masked") or "")
    row.badge_code = data.get("badge_code") or None
    if "pin_hash" in data:
        row.pin_hash = data["pin_hash"]
    row.community = str(data.get("community") or "")
    session.flush()
    return row


def customer_fields(data: dict[str, Any]) -> dict[str, str]:
    """Masked name and phone, plus the phone tail (taken from the masked phone if absent)."""
    masked = str(data.get("phone_masked") or "")
    tail = str(data.get("phone_tail") or "") or (masked[-4:] if masked[-4:].isdigit() else "")
    return {
        "name_masked": str(data.get("name_masked") or ""),
        "phone_masked": masked,
        "phone_tail": tail[-4:],
    }


def upsert_customer(session: Session, data: dict[str, Any]) -> Customer:
    row = _get_or_add(
        session, Customer, id=str(data["id"]), name_masked="", phone_masked="", phone_tail=""
    )
    for name, value in customer_fields(data).items():
        setattr(row, name, value)
    session.flush()
    return row


def upsert_supplier(session: Session, data: dict[str, Any]) -> Supplier:
    row = _get_or_add(session, Supplier, id=str(data["id"]), name="")
    row.name = str(data.get("name") or data["id"])
    row.address = str(data.get("address") or "")
    extra = {k: v for k, v in data.items() if k not in {"id", "name", "address"}}
    row.data = extra
    session.flush()
    return row


def upsert_bin(session: Session, data: dict[str, Any]) -> Bin:
    sid = _default_store_id(session, data)
    row = _get_or_add(session, Bin, code=str(data["code"]), store_id=sid)
    row.zone = str(data.get("zone") or "ambient")
    row.label = str(data.get("label") or "")
    session.flush()
    return row


def upsert_batch(session: Session, data: dict[str, Any]) -> Batch:
    sid = _default_store_id(session, data)
    row = _get_or_add(session, Batch, id=str(data["id"]), store_id=sid, status="expected")
    row.expected_at = parse_time(data.get("expected_at"))
    # a local check-in is the store's own fact: the central copy never undoes it
    if row.status != "checked_in":
        row.arrived_at = parse_time(data.get("arrived_at"))
        row.temperature_c = data.get("temperature_c")
        row.status = str(data.get("status") or "expected")
    session.flush()
    return row


def add_platform_key(
    session: Session, key_id: str, public_key_b64: str, *, revoked: bool = False
) -> PlatformKey:
    """Store (or update) a platform Ed25519 public key given as unpadded base64url."""
    raw = base64.urlsafe_b64decode(public_key_b64 + "=" * (-len(public_key_b64) % 4))
    if len(raw) != 32:
        raise ValueError(f"platform key {key_id!r} is not a 32-byte Ed25519 public key")
    row = _get_or_add(
        session, PlatformKey, key_id=key_id, public_key=raw, added_at=utcnow(), revoked=revoked
    )
    row.public_key, row.revoked = raw, revoked
    session.flush()
    return row


def pending_order_ids(session: Session) -> set[str]:
    """Orders the outbox still has unsettled events about (their local progress wins)."""
    ids: set[str] = set()
    for payload in session.scalars(
        select(OutboxEvent.payload).where(OutboxEvent.status == "pending")
    ):
        if isinstance(payload, dict):
            if isinstance(payload.get("order_id"), str):
                ids.add(payload["order_id"])
            for oid in payload.get("order_ids") or []:
                ids.add(str(oid))
            for line in payload.get("lines") or []:
                if isinstance(line, dict) and isinstance(line.get("order_id"), str):
                    ids.add(line["order_id"])
    return ids


_PENDING_SQL = text("""
SELECT 1 FROM outbox WHERE status = 'pending' AND (
  json_extract(payload, '$.order_id') = :oid
  OR EXISTS (SELECT 1 FROM json_each(outbox.payload, '$.order_ids') WHERE value = :oid)
  OR EXISTS (SELECT 1 FROM json_each(outbox.payload, '$.lines')
             WHERE json_extract(value, '$.order_id') = :oid)
) LIMIT 1""")


def _order_is_pending(session: Session, order_id: str) -> bool:
    """Does the outbox still hold an unsettled event about this order? (one SQL scan)"""
    return session.execute(_PENDING_SQL, {"oid": order_id}).first() is not None


def _ensure_refs(session: Session, store_id: str, data: dict[str, Any]) -> None:
    if data.get("leader_id") and session.get(Leader, data["leader_id"]) is None:
        session.add(
            Leader(id=str(data["leader_id"]), store_id=store_id, name=str(data["leader_id"]))
        )
    if data.get("batch_id") and session.get(Batch, data["batch_id"]) is None:
        session.add(Batch(id=str(data["batch_id"]), store_id=store_id, status="expected"))
    if data.get("bin_code") and session.get(Bin, data["bin_code"]) is None:
        session.add(Bin(code=str(data["bin_code"]), store_id=store_id))
    if data.get("customer_id") and session.get(Customer, data["customer_id"]) is None:
        session.add(
            Customer(id=str(data["customer_id"]), name_masked="", phone_masked="", phone_tail="")
        )
    session.flush()


# columns the central copy always decides, and those it decides unless local progress wins
_CENTRAL_COLUMNS = (
    "customer_id",
    "leader_id",
    "batch_id",
    "pickup_code",
    "total_cents",
    "placed_at",
    "provisional",
)
_PROGRESS_COLUMNS = ("status", "bin_code", "ready_at", "picked_up_at")


def order_columns(data: dict[str, Any]) -> dict[str, Any]:
    """The `orders` columns of one ORDER dict: the one mapping the loader and the bulk path share."""
    return {
        "id": str(data["id"]),
        "store_id": str(data.get("store_id") or ""),
        "customer_id": data.get("customer_id") or None,
        "leader_id": data.get("leader_id") or None,
        "batch_id": data.get("batch_id") or None,
        "pickup_code": str(data.get("pickup_code") or ""),
        "status": str(data.get("status") or OrderStatus.DISPATCHED),
        "bin_code": data.get("bin_code") or None,
        "total_cents": int(data.get("total_cents") or 0),
        "provisional": False,
        "placed_at": parse_time(data.get("placed_at")),
        "ready_at": parse_time(data.get("ready_at")),
        "picked_up_at": parse_time(data.get("picked_up_at")),
        "remote_version": data["version"] if isinstance(data.get("version"), int) else 0,
    }


def line_columns(d: dict[str, Any]) -> dict[str, Any]:
    """The `order_lines` columns of one line of an ORDER dict, before any local progress."""
    sku = str(d["sku"])
    return {
        "sku": sku,
        "name": str(d.get("name") or sku),
        "qty": float(d.get("qty") or 0),
        "unit": str(d.get("unit") or "份"),
        "price_cents": int(d.get("price_cents") or 0),
        "received_qty": None,
        "picked_qty": 0.0,
        "condition": "ok",
    }


def upsert_order(
    session: Session, data: dict[str, Any], *, pending: set[str] | None = None
) -> Order:
    """Insert or update one ORDER dict; see the module docstring for who wins on status.
    Raises ValueError (nothing written) for an order that `order_problem` refuses."""
    problem = order_problem(data)
    if problem:
        raise ValueError(problem)
    if isinstance(data.get("customer"), dict):
        upsert_customer(session, data["customer"])
    store_id = _default_store_id(session, data)
    _ensure_refs(session, store_id, data)
    oid = str(data["id"])
    order = session.get(Order, oid)
    remote_status = str(data.get("status") or "dispatched")
    if order is None:
        order = Order(
            id=oid,
            store_id=store_id,
            pickup_code="",
            status=remote_status,
            total_cents=0,
            provisional=False,
            remote_version=0,
        )
        session.add(order)
        keep_local = False
    else:
        busy = oid in pending if pending is not None else _order_is_pending(session, oid)
        behind = PROGRESS.get(remote_status, 0) < PROGRESS.get(order.status, 0)
        keep_local = remote_status not in CENTRAL_ONLY and (busy or behind)
    cols = order_columns(data)
    for name in _CENTRAL_COLUMNS:
        setattr(order, name, cols[name])
    order.store_id = store_id
    if isinstance(data.get("version"), int):
        order.remote_version = cols["remote_version"]
    if not keep_local:
        for name in _PROGRESS_COLUMNS:  # the central copy fills what it knows, keeps the rest
            setattr(
                order, name, cols[name] if name == "status" else cols[name] or getattr(order, name)
            )
    order.updated_at = utcnow()
    _replace_lines(order, data.get("lines") or [], keep_progress=keep_local)
    session.flush()
    return order


def _replace_lines(order: Order, lines: list[dict[str, Any]], *, keep_progress: bool) -> None:
    """New lines from the central copy, carrying local received/picked quantities by SKU."""
    old = {ln.sku: ln for ln in order.lines}
    fresh: list[OrderLine] = []
    for d in lines:
        sku = str(d["sku"])
        qty = float(d.get("qty") or 0)
        prev = old.get(sku)
        line = OrderLine(**line_columns(d))
        if prev is not None:
            line.received_qty = prev.received_qty
            line.condition = prev.condition
            line.picked_qty = min(prev.picked_qty, qty) if keep_progress else prev.picked_qty
        if not keep_progress and order.status == OrderStatus.PICKED_UP:
            line.picked_qty = qty  # the central copy says the whole order went
        fresh.append(line)
    order.lines[:] = fresh


def load_seed(session: Session, seed: dict[str, Any]) -> None:
    """Load a whole seed.json snapshot (store, keys, people, bins, batches, orders)."""
    store = seed["store"]
    upsert_store(session, store)
    sid = {"store_id": str(store["id"])}
    for key in seed.get("keys") or []:
        add_platform_key(
            session,
            str(key["key_id"]),
            str(key["public_key"]),
            revoked=bool(key.get("revoked", False)),
        )
    for d in seed.get("staff") or []:
        upsert_staff(session, {**sid, **d})
    for d in seed.get("leaders") or []:
        upsert_leader(session, {**sid, **d})
    for d in seed.get("customers") or []:
        upsert_customer(session, d)
    for d in seed.get("bins") or []:
        upsert_bin(session, {**sid, **d})
    for d in seed.get("batches") or []:
        upsert_batch(session, {**sid, **d})
    for d in seed.get("suppliers") or []:
        upsert_supplier(session, d)
    pending = pending_order_ids(session)
    for d in seed.get("orders") or []:
        upsert_order(session, {**sid, **d}, pending=pending)


def order_dict(order: Order, customer: Customer | None = None) -> dict[str, Any]:
    """An Order row as seed.md's ORDER dict (what seed.json and the server's changes carry)."""
    out: dict[str, Any] = {
        "id": order.id,
        "store_id": order.store_id,
        "customer_id": order.customer_id,
        "leader_id": order.leader_id,
        "batch_id": order.batch_id,
        "pickup_code": order.pickup_code,
        "status": order.status,
        "bin_code": order.bin_code,
        "total_cents": order.total_cents,
        "placed_at": iso(order.placed_at),
        "ready_at": iso(order.ready_at),
        "picked_up_at": iso(order.picked_up_at),
        "lines": [
            {
                "sku": ln.sku,
                "name": ln.name,
                "qty": ln.qty,
                "unit": ln.unit,
                "price_cents": ln.price_cents,
            }
            for ln in order.lines
        ],
    }
    if customer is not None:
        out["customer"] = customer_dict(customer)
    return out


def customer_dict(c: Customer) -> dict[str, Any]:
    return {
        "id": c.id,
        "name_masked": c.name_masked,
        "phone_masked": c.phone_masked,
        "phone_tail": c.phone_tail,
    }
