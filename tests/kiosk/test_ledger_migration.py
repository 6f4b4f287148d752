from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from kiosk.db import Database, make_engine, upgrade
from kiosk.ledger.audit import verify_chain
from kiosk.models import Customer, Order
from kiosk.platform.identity import set_identity
from kiosk.services.pickup import confirm_pickup

ROWS = [
    "INSERT INTO stores (id, name, address, timezone) VALUES ('ST1', '邻里店', '路1号', 'Asia/Shanghai')",
    "INSERT INTO customers (id, name_masked, phone_masked, phone_tail) VALUES ('C1', '张*明', '138****5678', '5678')",
    "INSERT INTO bins (code, store_id, zone, label) VALUES ('A-01', 'ST1', 'ambient', 'A1')",
    "INSERT INTO staff (id, store_id, name, role, pin_hash, failed_attempts, active) "
    "VALUES ('U1', 'ST1', '王*', 'clerk', NULL, 0, 1)",
    "INSERT INTO orders (id, store_id, customer_id, pickup_code, status, bin_code, total_cents, "
    "provisional, remote_version, ready_at) VALUES ('O1', 'ST1', 'C1', '123456', 'ready', 'A-01', "
    "990, 0, 3, '2026-11-25 08:00:00')",
    "INSERT INTO order_lines (order_id, sku, name, qty, unit, price_cents, picked_qty, condition) "
    "VALUES ('O1', 'MILK', '鲜牛奶', 2, '盒', 495, 0, 'ok')",
]


def test_database_from_first_revision_upgrades_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0001")
    with engine.connect() as con:
        assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    with engine.begin() as con:
        for sql in ROWS:
            con.exec_driver_sql(sql)
    upgrade(engine)  # to head
    with engine.connect() as con:
        assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() != "0001"
        assert "platform_keys" in inspect(con).get_table_names()
    engine.dispose()

    db = Database(path)  # opening migrates again: a no-op at head
    try:
        with db.reader() as s:
            order = s.get(Order, "O1")
            assert order is not None and order.status == "ready" and order.remote_version == 3
            assert order.ready_at is not None and order.ready_at.tzinfo is not None
            assert [(ln.sku, ln.qty, ln.name) for ln in order.lines] == [("MILK", 2, "鲜牛奶")]
            customer = s.get(Customer, "C1")
            assert customer is not None and customer.name_masked == "张*明"
        with db.session() as s:
            set_identity(s, store_id="ST1", device_id="D1")
        assert confirm_pickup(db, "O1", staff_id="U1").status == "picked_up"
        with db.reader() as s:
            assert verify_chain(s) == []
    finally:
        db.close()
