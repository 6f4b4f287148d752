"""`POST /api/v1/readings/verify` is public (a customer's phone scans the label's QR and has
no token), so it must not let one client load the server: throttled per client address,
body capped, and the reading's record found by an index, never by reading every event.
Also the envelope's optional `device` {app_version, build, sent_at}: checked and kept."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sync_helpers import ServerProc, engine_for, enrollment_code

from kiosk import __version__
from kiosk.db import Database
from kiosk.ports import utcnow
from kiosk.readings import signing
from kiosk.version import build_id
from sync.client.setup import enroll_kiosk
from sync.server.db import ServerDatabase
from sync.server.ingest import ingest
from sync.server.models import Device, DevicePublicKey, ReceivedEvent
from sync.server.readings import verify_code

VERIFY = "/api/v1/readings/verify"


# --- against the real server process ------------------------------------------------------
def test_verify_is_throttled_per_client_before_the_body_is_read(server: ServerProc) -> None:
    url = server.url + VERIFY
    for _ in range(30):
        r = requests.post(url, json={"code": "LKR1.x.y"}, timeout=10)
        assert r.status_code == 200, r.text
        assert r.json()["reason"] == "malformed"
    r = requests.post(url, data=b"{not json", timeout=10)
    assert r.status_code == 429, r.text
    assert int(r.headers["Retry-After"]) >= 1
    assert "too many reading checks" in r.json()["detail"]


def test_verify_body_is_capped(server: ServerProc) -> None:
    url = server.url + VERIFY
    # the longest code the contract allows, every character \u-escaped: still taken
    escaped = '{"code":"' + "\\u0041" * 4096 + '"}'
    r = requests.post(
        url, data=escaped.encode(), timeout=10, headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 200, r.text
    r = requests.post(
        url,
        data=b'{"code":"' + b" " * (33 * 1024) + b'"}',
        timeout=10,
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413, r.text


def test_the_kiosks_device_envelope_is_kept(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "env-1")
    from sync_helpers import add_readings

    add_readings(kiosk_db, 1)
    report = engine_for(kiosk_db).run_once()
    assert report.results.get("accepted", 0) >= 1
    kept = server.admin(lambda s: [e.sender for e in s.scalars(select(ReceivedEvent))])
    assert kept and all(k is not None for k in kept)
    for k in kept:
        assert k["app_version"] == __version__ and k["build"] == build_id()
        assert datetime.fromisoformat(k["sent_at"].replace("Z", "+00:00")).tzinfo is not None


# --- the server's own logic on a real SQLite database -------------------------------------
@pytest.fixture
def sdb(tmp_path: Path) -> Iterator[ServerDatabase]:
    db = ServerDatabase(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    db.create_schema()
    yield db
    db.close()


def _device(s: Session, device_id: str, store_id: str = "ST-1") -> tuple[Device, Any]:
    dev = Device(
        id=device_id,
        store_id=store_id,
        name=device_id,
        token_hash=uuid.uuid4().hex,
        enrolled_at=utcnow(),
        revoked=False,
    )
    s.add(dev)
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes_raw()
    s.add(
        DevicePublicKey(
            key_id=signing.key_id_of(raw),
            device_id=device_id,
            public_key=signing.b64u(raw),
            registered_at=utcnow(),
        )
    )
    s.flush()
    return dev, private


def _reading(reading_id: str, value: float) -> dict[str, Any]:
    return {
        "reading_id": reading_id,
        "kind": "brix",
        "value": value,
        "unit": "%Brix",
        "instrument": {"model": "SIM-BRIX/1", "serial": "B1"},
        "operator": "S-001",
        "measured_at": "2026-06-01T02:00:00Z",
        "session": {"id": None, "context": "live"},
        "product": None,
        "batch_id": None,
        "verdict": "sweet",
        "source": "instrument",
    }


def _envelope(
    dev: Device,
    seq: int,
    payload: dict[str, Any],
    *,
    device: Any = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    e: dict[str, Any] = {
        "event_id": event_id or str(uuid.uuid4()),
        "type": "reading.captured",
        "store_id": dev.store_id,
        "device_id": dev.id,
        "seq": seq,
        "occurred_at": "2026-06-01T02:00:00Z",
        "payload": payload,
    }
    if device is not None:
        e["device"] = device
    return e


def _code(s: Session, private: Any, device_id: str, fields: dict[str, Any]) -> str:
    raw = private.public_key().public_bytes_raw()
    key = signing.DeviceKey(signing.key_id_of(raw), signing.b64u(raw), device_id)
    code, _short = signing.sign_with(private, signing.payload_of(fields, key))
    return code


def test_verify_reads_the_record_by_index_not_by_scanning_events(sdb: ServerDatabase) -> None:
    with sdb.session() as s:
        dev, private = _device(s, "dev-a")
        for n in range(40):  # other readings: a scan would have to read them all
            ingest(s, dev, [_envelope(dev, n + 1, _reading(f"R-{n}", 10.0 + n))], lock_orders=False)
        fields = _reading("R-7", 17.0)
        code = _code(s, private, "dev-a", fields)
    selects: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cur: Any, statement: str, params: Any, *_a: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append((statement, params))

    event.listen(sdb.engine, "before_cursor_execute", remember)
    try:
        with sdb.session() as s:
            answer = verify_code(s, code)
    finally:
        event.remove(sdb.engine, "before_cursor_execute", remember)
    assert answer["valid"] is True and answer["reason"] == "valid"
    assert any("FROM events" in q for q, _ in selects)  # the record was looked up
    with sdb.engine.connect() as conn:
        for q, params in selects:
            plan = " | ".join(
                str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + q, params)
            )
            assert "SCAN" not in plan, f"{plan}\n{q}"


def test_another_devices_event_under_the_same_reading_id_is_never_the_record(
    sdb: ServerDatabase,
) -> None:
    with sdb.session() as s:
        owner, private = _device(s, "dev-owner")
        squatter, _ = _device(s, "dev-squat", store_id="ST-2")
        fields = _reading("R-1", 12.8)
        code = _code(s, private, "dev-owner", fields)
        # the squatter's event for the same reading id arrives first, with another value
        ingest(s, squatter, [_envelope(squatter, 1, {**fields, "value": 99.0})], lock_orders=False)
        ingest(s, owner, [_envelope(owner, 1, fields)], lock_orders=False)
    with sdb.session() as s:
        answer = verify_code(s, code)
    assert answer["reason"] == "valid", answer
    with sdb.session() as s:  # and the owner's own changed record still says tampered
        row = s.scalars(select(ReceivedEvent).where(ReceivedEvent.device_id == "dev-owner")).one()
        row.payload = {**row.payload, "value": 13.5}
    with sdb.session() as s:
        assert verify_code(s, code)["reason"] == "tampered"


def test_device_envelope_is_checked_and_kept_as_first_received(sdb: ServerDatabase) -> None:
    with sdb.session() as s:
        dev, _ = _device(s, "dev-env")
        first = {
            "app_version": "0.1.0",
            "build": "20261201-abc",
            "sent_at": "2026-06-01T02:00:05Z",
            "later_field": "ignored",
        }
        e = _envelope(dev, 1, _reading("R-1", 12.0), device=first, event_id="ev-1")
        (a,) = ingest(s, dev, [e], lock_orders=False)
        assert a.status == "accepted", a
        resent = {**e, "device": {**first, "sent_at": "2026-06-01T03:00:00Z"}}
        (b,) = ingest(s, dev, [json.loads(json.dumps(resent))], lock_orders=False)
        assert b.status == "duplicate", b  # sent_at is not part of the event's identity
        bad = [
            _envelope(dev, 2, _reading("R-2", 1.0), device={"app_version": 7}),
            _envelope(dev, 3, _reading("R-3", 1.0), device="0.1.0"),
            _envelope(dev, 4, _reading("R-4", 1.0), device={"sent_at": "yesterday"}),
            _envelope(dev, 5, _reading("R-5", 1.0), device={"sent_at": "2026-06-01T02:00"}),
        ]
        answers = ingest(s, dev, bad, lock_orders=False)
        assert [x.status for x in answers] == ["rejected"] * 4, answers
        assert "device.app_version" in answers[0].reason and "device must be" in answers[1].reason
        assert "device.sent_at" in answers[2].reason and "timezone" in answers[3].reason
        (none,) = ingest(s, dev, [_envelope(dev, 6, _reading("R-6", 1.0))], lock_orders=False)
        assert none.status == "accepted"
    with sdb.reader() as s:
        kept = {r.event_id: r.sender for r in s.scalars(select(ReceivedEvent))}
    assert kept["ev-1"] == {
        "app_version": "0.1.0",
        "build": "20261201-abc",
        "sent_at": "2026-06-01T02:00:05Z",
    }
    assert sum(1 for v in kept.values() if v is None) == 1


def test_reading_ids_past_the_column_are_rejected(sdb: ServerDatabase) -> None:
    with sdb.session() as s:
        dev, _ = _device(s, "dev-long")
        (a,) = ingest(s, dev, [_envelope(dev, 1, _reading("R" * 65, 1.0))], lock_orders=False)
    assert a.status == "rejected" and "reading_id" in a.reason
