"""Administration of the reference server: stores, enrollment codes, orders, people, keys,
the demo snapshot, pickup tokens and statistics. Used by `kiosk server …` and the tests."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from kiosk.platform.changes import iso
from kiosk.ports import utcnow
from kiosk.verification.tokens import b64u, make_payload, sign_token
from sync.server.db import append_changes
from sync.server.models import (
    Device,
    EnrollmentCode,
    Entity,
    ReceivedEvent,
    ServerOrder,
    ServerStore,
    SigningKey,
)

ORDER_STATUSES = {
    "dispatched",
    "ready",
    "partially_picked_up",
    "picked_up",
    "handed_over",
    "overdue",
    "returned",
    "cancelled",
    "refunded",
}
ENTITY_KINDS = {"staff", "leader", "supplier", "checklist"}
CODE_VALID_S = 72 * 3600
MIN_CODE_LEN = 16
CODE_ID_LEN = 12


def create_store(
    s: Session, store_id: str, name: str, address: str = "", timezone: str = "Asia/Shanghai"
) -> ServerStore:
    row = s.get(ServerStore, store_id)
    if row is None:
        row = ServerStore(id=store_id, name=name)
        s.add(row)
    row.name, row.address, row.timezone = name, address, timezone
    s.flush()
    return row


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def new_code() -> str:
    """120 random bits as six groups of four letters/digits (easy to read out and type)."""
    raw = base64.b32encode(secrets.token_bytes(15)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, 24, 4))


def issue_code(
    s: Session, store_id: str, code: str | None = None, *, valid_s: float = CODE_VALID_S
) -> str:
    """A one-use enrollment code for a store, valid for `valid_s` seconds. Only its hash is
    stored; the code itself is shown this once."""
    if s.get(ServerStore, store_id) is None:
        raise ValueError(f"no store {store_id!r} on this server: create it first")
    code = (code or new_code()).strip()
    if len(code) < MIN_CODE_LEN:
        raise ValueError(
            f"an enrollment code needs at least {MIN_CODE_LEN} characters "
            "(leave --code out for a random one)"
        )
    if not 0 < valid_s <= 366 * 86400:
        raise ValueError("an enrollment code is valid for more than 0 hours and up to a year")
    digest = hash_code(code)
    if s.get(EnrollmentCode, digest) is None:
        now = utcnow()
        s.add(
            EnrollmentCode(
                code_hash=digest,
                code_id=digest[:CODE_ID_LEN],
                store_id=store_id,
                created_at=now,
                expires_at=now + timedelta(seconds=valid_s),
                used_at=None,
                used_by=None,
                revoked=False,
            )
        )
    s.flush()
    return code


def code_state(row: EnrollmentCode, now: datetime | None = None) -> str:
    now = now or utcnow()
    if row.revoked:
        return "revoked"
    if row.used_at is not None:
        return "used"
    if row.expires_at is not None and row.expires_at <= now:
        return "expired"
    return "open"


def claim_code(s: Session, code: str, device_id: str) -> EnrollmentCode | None:
    """Use up an open code for `device_id`; None when it is unknown, used, expired or revoked
    (one answer for all: a guesser learns nothing)."""
    row = s.get(EnrollmentCode, hash_code(code), with_for_update=True)
    if row is None or code_state(row) != "open":
        return None
    row.used_at, row.used_by = utcnow(), device_id
    return row


def _find_code(s: Session, code_or_id: str) -> EnrollmentCode:
    key = code_or_id.strip()
    row = (
        s.get(EnrollmentCode, hash_code(key))
        or s.scalars(select(EnrollmentCode).where(EnrollmentCode.code_id == key.lower())).first()
    )
    if row is None:
        raise ValueError(f"no enrollment code {key!r} on this server (give the code or its id)")
    return row


def list_codes(s: Session, store_id: str | None = None) -> list[dict[str, Any]]:
    q = select(EnrollmentCode).order_by(EnrollmentCode.created_at)
    if store_id:
        q = q.where(EnrollmentCode.store_id == store_id)
    now = utcnow()
    return [
        {
            "code_id": c.code_id,
            "store_id": c.store_id,
            "state": code_state(c, now),
            "created_at": iso(c.created_at),
            "expires_at": iso(c.expires_at),
            "used_at": iso(c.used_at),
            "used_by": c.used_by,
        }
        for c in s.scalars(q)
    ]


def revoke_code(s: Session, code_or_id: str) -> dict[str, Any]:
    row = _find_code(s, code_or_id)
    row.revoked = True
    s.flush()
    return {"code_id": row.code_id, "store_id": row.store_id, "state": "revoked"}


def list_devices(s: Session, store_id: str | None = None) -> list[dict[str, Any]]:
    q = select(Device).order_by(Device.enrolled_at)
    if store_id:
        q = q.where(Device.store_id == store_id)
    return [
        {
            "device_id": d.id,
            "store_id": d.store_id,
            "name": d.name,
            "enrolled_at": iso(d.enrolled_at),
            "revoked": d.revoked,
            "code_id": d.code_id,
            "audit_position": d.audit_position,
        }
        for d in s.scalars(q)
    ]


def revoke_device(s: Session, device_id: str) -> dict[str, Any]:
    """Its token stops working at once; the code it enrolled with is revoked too, so that
    code can never bring it back (a new enrollment needs a new code)."""
    dev = s.get(Device, device_id)
    if dev is None:
        raise ValueError(f"no device {device_id!r} on this server")
    dev.revoked = True
    if dev.code_id:
        for c in s.scalars(select(EnrollmentCode).where(EnrollmentCode.code_id == dev.code_id)):
            c.revoked = True
    s.flush()
    return {"device_id": dev.id, "store_id": dev.store_id, "revoked": True}


def load_orders(
    s: Session, orders: Iterable[dict[str, Any]], default_store: str | None = None
) -> int:
    """Insert or replace orders (seed format) and log one change per order."""
    now = utcnow()
    changes: list[dict[str, Any]] = []
    for raw in orders:
        data = dict(raw)
        if "id" not in data:
            raise ValueError("every order needs an id")
        data.setdefault("store_id", default_store)
        if not data["store_id"]:
            raise ValueError(f"order {data['id']} has no store_id")
        status = str(data.get("status") or "dispatched")
        if status not in ORDER_STATUSES:
            raise ValueError(f"order {data['id']}: unknown status {status!r}")
        data["status"] = status
        row = s.get(ServerOrder, str(data["id"]))
        if row is None:
            row = ServerOrder(
                id=str(data["id"]),
                store_id=str(data["store_id"]),
                status=status,
                data={},
                version=0,
                updated_at=now,
            )
            s.add(row)
        row.version += 1
        data["version"] = row.version
        row.store_id, row.status, row.data, row.updated_at = (
            str(data["store_id"]),
            status,
            data,
            now,
        )
        changes.append(
            {
                "store_id": row.store_id,
                "kind": "order",
                "key": row.id,
                "op": "upsert",
                "data": data,
                "at": now,
            }
        )
    s.flush()
    append_changes(s, changes)
    return len(changes)


def set_order_status(s: Session, order_id: str, status: str) -> ServerOrder:
    """What the platform does when an order is cancelled or refunded (or re-readied)."""
    row = s.get(ServerOrder, order_id)
    if row is None:
        raise ValueError(f"no order {order_id!r} on this server")
    if status not in ORDER_STATUSES:
        raise ValueError(f"unknown order status {status!r}")
    data = dict(row.data)
    data["status"] = status
    row.status = status
    row.data = data
    load_orders(s, [data])
    return row


def upsert_entity(s: Session, kind: str, data: dict[str, Any], store_id: str | None) -> None:
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    now = utcnow()
    key = str(data["id"])
    row = s.get(Entity, (kind, key))
    full = {**data, "store_id": store_id} if store_id else dict(data)
    if row is None:
        s.add(Entity(kind=kind, id=key, store_id=store_id, data=full, updated_at=now))
    else:
        row.store_id, row.data, row.updated_at = store_id, full, now
    s.flush()
    append_changes(
        s,
        [{"store_id": store_id, "kind": kind, "key": key, "op": "upsert", "data": full, "at": now}],
    )


def add_key(
    s: Session, key_id: str, public_key: str, private_pem: str | None = None, revoked: bool = False
) -> None:
    now = utcnow()
    row = s.get(SigningKey, key_id)
    if row is None:
        s.add(
            SigningKey(
                key_id=key_id,
                public_key=public_key,
                private_pem=private_pem,
                revoked=revoked,
                created_at=now,
            )
        )
    else:
        row.public_key, row.revoked = public_key, revoked
        row.private_pem = private_pem or row.private_pem
    s.flush()
    append_changes(
        s,
        [
            {
                "store_id": None,
                "kind": "key",
                "key": key_id,
                "op": "upsert",
                "data": {"key_id": key_id, "public_key": public_key, "revoked": revoked},
                "at": now,
            }
        ],
    )


def generate_key(s: Session, key_id: str | None = None) -> tuple[str, str]:
    """A new platform signing key kept by the server; returns (key_id, public key)."""
    private = Ed25519PrivateKey.generate()
    public = b64u(
        private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
    )
    key_id = key_id or f"k{secrets.token_hex(3)}"
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    add_key(s, key_id, public, pem)
    return key_id, public


def _public_of(pem: str) -> str:
    key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the signing key is not an Ed25519 key")
    return b64u(
        key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def load_demo(s: Session, demo_root: Path) -> dict[str, Any]:
    """Load a `kiosk demo-data` directory (DIR or DIR/demo) into the server."""
    folder = demo_root / "demo" if (demo_root / "demo" / "seed.json").exists() else demo_root
    seed_path = folder / "seed.json"
    if not seed_path.exists():
        raise ValueError(f"no seed.json in {folder}: run `kiosk demo-data --data-dir DIR` first")
    seed = json.loads(seed_path.read_text(encoding="utf-8"))
    store = seed["store"]
    sid = str(store["id"])
    create_store(
        s,
        sid,
        str(store.get("name") or sid),
        str(store.get("address") or ""),
        str(store.get("timezone") or "Asia/Shanghai"),
    )
    pem_path = folder / "signing-key.pem"
    pem = pem_path.read_text(encoding="ascii") if pem_path.exists() else None
    for key in seed.get("keys") or []:
        own = pem if pem and _public_of(pem) == key["public_key"] else None
        add_key(s, str(key["key_id"]), str(key["public_key"]), own, bool(key.get("revoked")))
    if seed.get("enrollment_code"):
        issue_code(s, sid, str(seed["enrollment_code"]))
    for kind, field in (("staff", "staff"), ("leader", "leaders"), ("checklist", "checklists")):
        for d in seed.get(field) or []:
            upsert_entity(s, kind, d, sid)
    for d in seed.get("suppliers") or []:
        upsert_entity(s, "supplier", d, None)
    customers = {c["id"]: c for c in seed.get("customers") or []}
    orders = []
    for o in seed.get("orders") or []:
        o = {**o, "store_id": o.get("store_id") or sid}
        if "customer" not in o and o.get("customer_id") in customers:
            o["customer"] = customers[o["customer_id"]]
        orders.append(o)
    load_orders(s, orders)
    return {"store_id": sid, "orders": len(orders), "enrollment_code": seed.get("enrollment_code")}


def sign_pickup_token(
    s: Session, order_id: str, *, key_id: str | None = None, valid_s: int = 7 * 86400
) -> str:
    """An `LK1.` pickup QR token for an order, signed with a key the server holds."""
    order = s.get(ServerOrder, order_id)
    if order is None:
        raise ValueError(f"no order {order_id!r} on this server")
    q = select(SigningKey).where(SigningKey.private_pem.is_not(None), SigningKey.revoked.is_(False))
    if key_id:
        q = q.where(SigningKey.key_id == key_id)
    key = s.scalars(q.order_by(SigningKey.created_at.desc())).first()
    if key is None or key.private_pem is None:
        raise ValueError(
            "the server holds no private signing key: run `kiosk server create-key`"
            " or start it with --demo-from"
        )
    private = serialization.load_pem_private_key(key.private_pem.encode("ascii"), password=None)
    assert isinstance(private, Ed25519PrivateKey)
    payload = make_payload(
        order.id,
        order.store_id,
        str(order.data.get("pickup_code") or ""),
        int(time.time()) + valid_s,
        key.key_id,
    )
    return sign_token(private, payload)


def stats(s: Session) -> dict[str, Any]:
    events = int(s.scalar(select(func.count()).select_from(ReceivedEvent)) or 0)
    dups = int(s.scalar(select(func.coalesce(func.sum(ReceivedEvent.replays), 0))) or 0)
    by_type = {
        str(t): int(n)
        for t, n in s.execute(select(ReceivedEvent.type, func.count()).group_by(ReceivedEvent.type))
    }
    by_device = {
        str(d): int(n)
        for d, n in s.execute(
            select(ReceivedEvent.device_id, func.count()).group_by(ReceivedEvent.device_id)
        )
    }
    return {
        "events": events,
        "duplicates_refused": dups,
        "by_type": by_type,
        "by_device": by_device,
    }


def bulk_add_orders(s: Session, orders: list[dict[str, Any]]) -> int:
    """Insert many NEW orders (and their changes) at once: for big imports and the benchmark."""
    now = utcnow()
    rows, changes = [], []
    for o in orders:
        data = {**o, "status": str(o.get("status") or "dispatched"), "version": 1}
        rows.append(
            {
                "id": str(o["id"]),
                "store_id": str(o["store_id"]),
                "status": data["status"],
                "data": data,
                "version": 1,
                "handled_by": None,
                "updated_at": now,
            }
        )
        changes.append(
            {
                "store_id": str(o["store_id"]),
                "kind": "order",
                "key": str(o["id"]),
                "op": "upsert",
                "data": data,
                "at": now,
            }
        )
    if rows:
        s.execute(insert(ServerOrder), rows)
        append_changes(s, changes)
    return len(rows)


def delete_entity(s: Session, kind: str, key: str) -> None:
    """Withdraw a staff member, leader, supplier or checklist; kiosks get a `delete` change."""
    row = s.get(Entity, (kind, key))
    if row is None:
        raise ValueError(f"no {kind} {key!r} on this server")
    store_id = row.store_id
    s.delete(row)
    s.flush()
    append_changes(
        s,
        [
            {
                "store_id": store_id,
                "kind": kind,
                "key": key,
                "op": "delete",
                "data": {"id": key},
                "at": utcnow(),
            }
        ],
    )
