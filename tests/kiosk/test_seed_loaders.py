from __future__ import annotations

import base64
from typing import Any

import pytest
from sqlalchemy import text

from kiosk.db import Database
from kiosk.ledger.outbox import record_change
from kiosk.models import Batch, Customer, Order, PlatformKey, Staff
from kiosk.platform.changes import add_platform_key, load_seed, upsert_order

KEY = base64.urlsafe_b64encode(bytes(range(32))).decode().rstrip("=")


def _seed() -> dict[str, Any]:
    return {
        "store": {
            "id": "st1",
            "name": "邻里生鲜",
            "address": "幸福路1号",
            "timezone": "Asia/Shanghai",
        },
        "keys": [{"key_id": "k1", "public_key": KEY}],
        "enrollment_code": "ABC",
        "staff": [{"id": "u1", "name": "王*", "role": "clerk", "pin_hash": "x"}],
        "leaders": [
            {
                "id": "l1",
                "name": "李*",
                "phone_masked": "139****0001",
                "badge_code": "B1",
                "pin_hash": None,
                "community": "幸福小区",
            }
        ],
        "customers": [
            {
                "id": "c1",
                "name_masked": "张*明",
                "phone_masked": "138****5678",
                "phone_tail": "5678",
            }
        ],
        "bins": [{"code": "A-01", "zone": "chilled", "label": "冷藏A1"}],
        "batches": [
            {
                "id": "b1",
                "expected_at": "2026-11-25T06:00:00Z",
                "arrived_at": None,
                "temperature_c": None,
                "status": "expected",
            }
        ],
        "suppliers": [{"id": "sp1", "name": "绿源农场", "address": "郊区"}],
        "orders": [
            {
                "id": "o1",
                "customer_id": "c1",
                "leader_id": "l1",
                "batch_id": "b1",
                "pickup_code": "123456",
                "status": "ready",
                "bin_code": "A-01",
                "total_cents": 1500,
                "placed_at": "2026-11-24T10:00:00Z",
                "ready_at": "2026-11-25T07:00:00Z",
                "picked_up_at": None,
                "lines": [
                    {"sku": "MILK", "name": "鲜牛奶", "qty": 2, "unit": "盒", "price_cents": 750}
                ],
            }
        ],
    }


def test_load_seed_is_idempotent(db: Database) -> None:
    for _ in range(2):
        with db.session() as s:
            load_seed(s, _seed())
    with db.reader() as s:
        order = s.get(Order, "o1")
        assert order is not None and order.status == "ready" and len(order.lines) == 1
        assert order.ready_at is not None and order.ready_at.tzinfo is not None
        assert s.get(Customer, "c1") is not None and s.get(Staff, "u1") is not None
        key = s.get(PlatformKey, "k1")
        assert key is not None and key.public_key == bytes(range(32))


def test_central_copy_behind_does_not_undo_local_pickup(db: Database) -> None:
    with db.session() as s:
        load_seed(s, _seed())
        order = s.get(Order, "o1")
        assert order is not None
        order.status = "picked_up"
        order.lines[0].picked_qty = 2
        record_change(
            s,
            actor="u1",
            event_type="order.picked_up",
            entity="order",
            entity_id="o1",
            payload={"order_id": "o1"},
        )
    with db.session() as s:
        upsert_order(s, {**_seed()["orders"][0], "store_id": "st1"})
    with db.reader() as s:
        order = s.get(Order, "o1")
        assert order is not None and order.status == "picked_up"
        assert order.lines[0].picked_qty == 2
    with db.session() as s:
        upsert_order(s, {**_seed()["orders"][0], "store_id": "st1", "status": "refunded"})
    with db.reader() as s:
        order = s.get(Order, "o1")
        assert order is not None and order.status == "refunded"


def test_order_before_its_references_gets_placeholders(db: Database) -> None:
    with db.session() as s:
        load_seed(s, {"store": {"id": "st1", "name": "x"}})
        upsert_order(
            s,
            {
                "id": "o9",
                "store_id": "st1",
                "batch_id": "bX",
                "bin_code": "Z-9",
                "leader_id": "lX",
                "pickup_code": "654321",
                "status": "dispatched",
                "customer": {"id": "c9", "name_masked": "赵*", "phone_masked": "137****1111"},
                "customer_id": "c9",
                "lines": [],
            },
        )
    with db.reader() as s:
        assert s.get(Batch, "bX") is not None
        c = s.get(Customer, "c9")
        assert c is not None and c.phone_tail == "1111"


def test_bad_key_refused(db: Database) -> None:
    with db.session() as s, pytest.raises(ValueError):
        add_platform_key(s, "k", "AAAA")


def test_pending_handover_and_checkin_events_also_protect_local_status(db: Database) -> None:
    with db.session() as s:
        load_seed(s, _seed())
        order = s.get(Order, "o1")
        assert order is not None
        order.status = "handed_over"
        record_change(
            s,
            actor="u1",
            event_type="order.handed_over",
            entity="handover",
            entity_id="h1",
            payload={"order_ids": ["o1"], "leader_id": "l1"},
        )
    with db.session() as s:
        upsert_order(s, {**_seed()["orders"][0], "store_id": "st1", "status": "ready"})
        order = s.get(Order, "o1")
        assert order is not None and order.status == "handed_over"
    with db.session() as s:
        s.execute(text("UPDATE outbox SET status='accepted'"))
        upsert_order(s, {**_seed()["orders"][0], "store_id": "st1", "status": "picked_up"})
        order = s.get(Order, "o1")
        assert order is not None and order.status == "picked_up"
        assert order.lines[0].picked_qty == 2
