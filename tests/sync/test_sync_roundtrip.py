"""End to end against the real server process: enroll, push, pull, keys, status, conflicts."""

from __future__ import annotations

from pathlib import Path

import requests
from sqlalchemy import select
from sync_helpers import (
    ServerProc,
    add_readings,
    engine_for,
    enrollment_code,
    fresh_code,
    outbox,
    pick_up,
    ready_orders,
)

from kiosk.db import Database
from kiosk.models import Order, PlatformKey
from kiosk.platform.conflicts import list_conflicts, resolve
from kiosk.platform.sync_status import read_sync_status
from kiosk.ports import DeviceState
from sync.client.setup import enroll_kiosk
from sync.server import admin


def test_enroll_push_pull_roundtrip(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    events = pick_up(kiosk_db, ready_orders(kiosk_dir)[:3]) + add_readings(kiosk_db, 5)
    e = enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    assert e.store_id == "ST-SH-0001" and e.device_id.startswith("dev-")
    with kiosk_db.reader() as s:
        assert s.get(PlatformKey, "demo-k1") is not None
    engine = engine_for(kiosk_db)
    report = engine.run_once()
    assert report.pushed == 8 and report.results == {"accepted": 8}
    assert report.pulled >= 60  # every order of the store, plus people and the key
    stats = server.stats()
    assert stats["events"] == 8 and stats["duplicates_refused"] == 0
    assert stats["by_type"] == {"order.picked_up": 3, "reading.captured": 5}
    assert stats["by_device"] == {e.device_id: 8}
    assert all(st == "accepted" for st, _ in outbox(kiosk_db).values())
    assert set(events) == set(outbox(kiosk_db))
    # the server's copy of the picked-up orders comes back without undoing local progress
    with kiosk_db.reader() as s:
        for oid in ready_orders(kiosk_dir)[:3]:
            assert s.get(Order, oid).status == "picked_up"  # type: ignore[union-attr]
        status = read_sync_status(s)
    assert status.online and status.enrolled and status.events_waiting == 0
    assert status.last_success is not None and status.conflicts == 0
    assert engine.status().state is DeviceState.ONLINE
    again = engine.run_once()
    assert again.pushed == 0 and again.pulled == 0
    assert server.stats()["events"] == 8


def test_offline_pickup_of_refunded_order_is_kept_and_listed(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    engine = engine_for(kiosk_db)
    engine.run_once()
    target, other = ready_orders(kiosk_dir)[:2]
    server.admin(admin.set_order_status, target, "refunded")  # while the kiosk is offline
    ev_refunded, ev_ok = pick_up(kiosk_db, [target, other])
    report = engine.run_once()
    assert report.results == {"conflict": 1, "accepted": 1}
    box = outbox(kiosk_db)
    assert box[ev_refunded] == ("conflict", True) and box[ev_ok] == ("accepted", False)
    with kiosk_db.reader() as s:
        items = list_conflicts(s)
        assert read_sync_status(s).conflicts == 1
        assert s.get(Order, target).status == "refunded"  # type: ignore[union-attr]
    assert [i.event_id for i in items] == [ev_refunded]
    assert "refunded" in items[0].reason and "return" in items[0].reason
    assert "return" in items[0].advice
    assert server.stats()["events"] == 2  # the conflicting pickup is held too, once
    with kiosk_db.session() as s:
        resolve(s, ev_refunded, actor="S-002", note="customer brought the goods back")
    with kiosk_db.reader() as s:
        assert list_conflicts(s) == [] and read_sync_status(s).conflicts == 0


def test_pickup_elsewhere_first_is_a_conflict(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database, tmp_path: Path
) -> None:
    import shutil

    other_dir = tmp_path / "kiosk2"
    shutil.copytree(kiosk_dir, other_dir)
    db2 = Database(other_dir / "kiosk.sqlite3")
    try:
        enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
        enroll_kiosk(db2, server.url, fresh_code(server), "counter-2")
        oid = ready_orders(kiosk_dir)[0]
        first = pick_up(kiosk_db, [oid])[0]
        second = pick_up(db2, [oid])[0]
        assert engine_for(kiosk_db).run_once().results == {"accepted": 1}
        assert engine_for(db2).run_once().results == {"conflict": 1}
        assert outbox(db2)[second] == ("conflict", True)
        assert outbox(kiosk_db)[first] == ("accepted", False)
        with db2.reader() as s:
            assert "already picked up" in list_conflicts(s)[0].reason
    finally:
        db2.close()


def test_health_and_auth_required(server: ServerProc) -> None:
    assert requests.get(server.url + "/api/v1/health", timeout=5).json() == {
        "status": "ok",
        "api": "v1",
    }
    for method, path in (
        ("GET", "/api/v1/changes"),
        ("POST", "/api/v1/events/batch"),
        ("GET", "/api/v1/keys"),
    ):
        r = requests.request(method, server.url + path, json={"events": []}, timeout=5)
        assert r.status_code == 401, path
        r = requests.request(
            method,
            server.url + path,
            json={"events": []},
            timeout=5,
            headers={"Authorization": "Bearer not-a-token"},
        )
        assert r.status_code == 401, path
    r = requests.post(
        server.url + "/api/v1/devices/enroll",
        timeout=5,
        json={"enrollment_code": "WRONG", "device_name": "x"},
    )
    assert r.status_code == 403 and "unknown, used, expired" in r.json()["detail"]


def test_reading_back_keys_changes(server: ServerProc, kiosk_dir: Path, kiosk_db: Database) -> None:
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    engine = engine_for(kiosk_db)
    engine.run_once()
    server.admin(admin.generate_key, "k-new")
    engine.run_once()
    with kiosk_db.reader() as s:
        keys = {k.key_id for k in s.scalars(select(PlatformKey))}
    assert {"demo-k1", "k-new"} <= keys
    token = server.admin(admin.sign_pickup_token, ready_orders(kiosk_dir)[0], key_id="k-new")
    from kiosk.verification.classify import (
        classify_and_verify,  # the kiosk accepts the new key offline
    )

    result = classify_and_verify(kiosk_db, token, "ST-SH-0001")
    assert result.verdict.verdict == "ready"


def test_people_suppliers_and_checklists_reach_the_kiosk(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    from kiosk.models import Staff, Supplier
    from kiosk.models.sync import ChecklistTemplate

    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    engine = engine_for(kiosk_db)
    engine.run_once()
    server.admin(
        admin.upsert_entity,
        "checklist",
        {"id": "CL-1", "name": "冷链检查", "items": ["温度", "包装"]},
        None,
    )
    server.admin(
        admin.upsert_entity,
        "staff",
        {"id": "S-NEW", "name": "新店员", "role": "clerk"},
        "ST-SH-0001",
    )
    server.admin(
        admin.upsert_entity, "staff", {"id": "S-ELSE", "name": "别店", "role": "clerk"}, "ST-OTHER"
    )
    server.admin(admin.upsert_entity, "supplier", {"id": "SUP-9", "name": "新农场"}, None)
    assert engine.run_once().pulled == 4 - 1  # the other store's staff member is not sent
    with kiosk_db.reader() as s:
        assert s.get(ChecklistTemplate, "CL-1").data["items"] == ["温度", "包装"]  # type: ignore[union-attr]
        assert s.get(Staff, "S-NEW").active  # type: ignore[union-attr]
        assert s.get(Staff, "S-ELSE") is None
        assert s.get(Supplier, "SUP-9") is not None
    server.admin(admin.delete_entity, "staff", "S-NEW")
    server.admin(admin.delete_entity, "checklist", "CL-1")
    engine.run_once()
    with kiosk_db.reader() as s:
        assert s.get(Staff, "S-NEW").active is False  # type: ignore[union-attr]
        assert s.get(ChecklistTemplate, "CL-1") is None
