"""The bulk path for new orders writes exactly what the seed loader would."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from kiosk.db import Database
from kiosk.models import Customer, Order
from kiosk.platform import changes as change_format
from kiosk.platform.identity import set_identity
from kiosk.platform.inbound import apply_page
from kiosk.ports import Change


def _orders(n: int) -> list[dict[str, object]]:
    statuses = ["ready", "dispatched", "picked_up", "cancelled", "handed_over"]
    return [
        {
            "id": f"O{i:04d}",
            "store_id": "ST1",
            "customer_id": f"C{i % 7}",
            "customer": {
                "id": f"C{i % 7}",
                "name_masked": "李*",
                "phone_masked": f"139****{i:04d}",
            },
            "leader_id": f"L{i % 3}" if i % 2 else None,
            "batch_id": f"B{i % 4}",
            "pickup_code": f"{i:06d}",
            "status": statuses[i % 5],
            "bin_code": f"A-{i % 9}",
            "total_cents": 100 + i,
            "placed_at": "2026-11-24T02:00:00Z",
            "ready_at": "2026-11-25T01:00:00+00:00",
            "picked_up_at": None,
            "version": 2,
            "lines": [
                {"sku": "EGG", "name": "鸡蛋", "qty": 2, "unit": "盒", "price_cents": 50},
                {"sku": f"S{i}", "name": "菜", "qty": 1.5, "unit": "kg", "price_cents": 30},
            ],
        }
        for i in range(n)
    ]


def _snapshot(db: Database) -> list[dict[str, object]]:
    with db.reader() as s:
        out = []
        for o in s.scalars(select(Order).order_by(Order.id)):
            d = change_format.order_dict(o)
            d["lines"] = [(ln.sku, ln.qty, ln.picked_qty, ln.condition) for ln in o.lines]
            d.update(
                leader=o.leader_id,
                batch=o.batch_id,
                provisional=o.provisional,
                version=o.remote_version,
            )
            out.append(d)
        out.append(
            {
                c.id: (c.name_masked, c.phone_masked, c.phone_tail)
                for c in s.scalars(select(Customer))
            }
        )
        return out


def test_bulk_page_equals_loader(tmp_path: Path) -> None:
    orders = _orders(60)
    bulk, slow = Database(tmp_path / "a.sqlite3"), Database(tmp_path / "b.sqlite3")
    try:
        for db in (bulk, slow):
            with db.session() as s:
                set_identity(s, store_id="ST1", device_id="d1")
        apply_page(bulk, [Change("order", "upsert", str(o["id"]), o) for o in orders], "60")
        with slow.session() as s:
            for o in orders:
                change_format.upsert_order(s, dict(o))
        assert _snapshot(bulk) == _snapshot(slow)
        # a second page with the same orders updates them through the loader, no duplicates
        apply_page(
            bulk,
            [
                Change("order", "upsert", str(o["id"]), {**o, "status": "refunded"})
                for o in orders[:30]
            ],
            "90",
        )
        with bulk.reader() as s:
            assert s.scalar(select(Order.status).where(Order.id == "O0000")) == "refunded"
            assert len(list(s.scalars(select(Order.id)))) == 60
    finally:
        bulk.close()
        slow.close()
