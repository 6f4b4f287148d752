"""A small known store for the ledger tests (imported by the test_ledger_* files)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.db import Database
from kiosk.platform.changes import iso, load_seed
from kiosk.platform.identity import set_identity
from kiosk.ports import utcnow
from kiosk.staff import hash_pin
from kiosk.verification.tokens import b64u, make_payload, sign_token

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
STORE = "ST1"
KID = "k1"
PINS = {"C1": "1234", "C2": "2345", "M1": "9999", "H1": "5555", "L1": "4321"}


@dataclass
class World:
    db: Database
    key: Ed25519PrivateKey
    store_id: str = STORE
    key_id: str = KID

    def token(
        self,
        order_id: str,
        *,
        store: str | None = None,
        code: str = "111111",
        expiry: int | None = None,
        key: Ed25519PrivateKey | None = None,
        kid: str | None = None,
    ) -> str:
        x = expiry if expiry is not None else int((utcnow() + timedelta(days=1)).timestamp())
        return sign_token(
            key or self.key,
            make_payload(order_id, store or self.store_id, code, x, kid or self.key_id),
        )


def _order(
    oid: str,
    status: str,
    code: str,
    *,
    batch: str = "B1",
    leader: str | None = None,
    customer: str = "CU1",
    lines: list[dict[str, Any]] | None = None,
    ready_at: datetime | None = None,
) -> dict[str, Any]:
    return {
        "id": oid,
        "customer_id": customer,
        "leader_id": leader,
        "batch_id": batch,
        "pickup_code": code,
        "status": status,
        "bin_code": None if status == "dispatched" else "A-01",
        "total_cents": 1000,
        "placed_at": iso(utcnow() - timedelta(days=1)),
        "ready_at": iso(ready_at or utcnow() - timedelta(hours=2))
        if status != "dispatched"
        else None,
        "picked_up_at": iso(utcnow()) if status == "picked_up" else None,
        "lines": lines
        or [
            {"sku": "MILK", "name": "鲜牛奶", "qty": 2, "unit": "盒", "price_cents": 300},
            {"sku": "EGG", "name": "鸡蛋", "qty": 1, "unit": "盒", "price_cents": 400},
        ],
    }


def make_world(db: Database, *, extra_orders: list[dict[str, Any]] | None = None) -> World:
    key = Ed25519PrivateKey.generate()
    pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    seed = {
        "store": {
            "id": STORE,
            "name": "邻里测试店",
            "address": "测试路1号",
            "timezone": "Asia/Shanghai",
        },
        "keys": [{"key_id": KID, "public_key": b64u(pub)}],
        "staff": [
            {"id": "C1", "name": "王*", "role": "clerk", "pin_hash": hash_pin(PINS["C1"], FAST)},
            {"id": "C2", "name": "李*", "role": "clerk", "pin_hash": hash_pin(PINS["C2"], FAST)},
            {"id": "M1", "name": "陈*", "role": "manager", "pin_hash": hash_pin(PINS["M1"], FAST)},
            {"id": "H1", "name": "林*", "role": "host", "pin_hash": hash_pin(PINS["H1"], FAST)},
        ],
        "leaders": [
            {
                "id": "L1",
                "name": "刘*华",
                "phone_masked": "139****0001",
                "badge_code": "BADGE-L1",
                "pin_hash": hash_pin(PINS["L1"], FAST),
                "community": "幸福里",
            },
            {
                "id": "L2",
                "name": "周*敏",
                "phone_masked": "139****0002",
                "badge_code": "BADGE-L2",
                "pin_hash": None,
                "community": "锦绣苑",
            },
        ],
        "customers": [
            {
                "id": "CU1",
                "name_masked": "张*明",
                "phone_masked": "138****5678",
                "phone_tail": "5678",
            },
            {
                "id": "CU2",
                "name_masked": "赵*",
                "phone_masked": "137****0000",
                "phone_tail": "0000",
            },
        ],
        "bins": [
            {"code": "A-01", "zone": "ambient", "label": "A1"},
            {"code": "A-02", "zone": "ambient", "label": "A2"},
            {"code": "C-01", "zone": "chilled", "label": "C1"},
        ],
        "batches": [
            {"id": "B1", "status": "checked_in", "arrived_at": iso(utcnow())},
            {"id": "B2", "status": "expected"},
        ],
        "orders": [
            _order("O-READY", "ready", "100001"),
            _order("O-READY2", "ready", "100002"),
            _order("O-DISP", "dispatched", "100003", batch="B2"),
            _order("O-DISP2", "dispatched", "100004", batch="B2", customer="CU2"),
            _order("O-PICKED", "picked_up", "100005"),
            _order("O-CANC", "cancelled", "100006"),
            _order("O-HAND", "handed_over", "100007", leader="L1"),
            _order("O-REF", "refunded", "100008"),
            _order("O-LEAD1", "ready", "100009", leader="L1", customer="CU2"),
            _order("O-LEAD2", "ready", "100010", leader="L1", customer="CU2"),
            _order(
                "O-OLD", "ready", "100011", ready_at=utcnow() - timedelta(days=5), customer="CU2"
            ),
            *(extra_orders or []),
        ],
    }
    with db.session() as s:
        load_seed(s, seed)
        set_identity(s, store_id=STORE, device_id="DEV-1")
    return World(db, key)
