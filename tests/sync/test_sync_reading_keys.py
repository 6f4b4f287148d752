"""The reading-signing key travels with enrollment, and the reference server verifies a
reading's code (`POST /api/v1/readings/verify`) against it and the event it received."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import requests
from sync_helpers import ServerProc, engine_for, enrollment_code

from kiosk.db import Database
from kiosk.ports import Reading, ReadingKind, ReadingStatus
from kiosk.readings import signing
from kiosk.readings.context import ReadingContext
from kiosk.readings.service import save_reading
from sync.client.setup import enroll_kiosk
from sync.server.models import DevicePublicKey


def test_server_holds_the_device_key_and_verifies_codes(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    enrollment = enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "live-1")
    with kiosk_db.session() as s:
        own = signing.device_key(s)
        saved = save_reading(
            s,
            Reading(
                ReadingKind.BRIX,
                12.8,
                "%Brix",
                True,
                ReadingStatus.OK,
                b"BRX",
                datetime(2026, 6, 1, 2, 0, tzinfo=UTC),
            ),
            ReadingContext(
                operator_id="S-001",
                context="livestream",
                instrument_model="SIM-BRIX/1",
                instrument_serial="B1",
            ),
        )
    held = server.admin(
        lambda s: [(k.key_id, k.device_id, k.public_key) for k in s.query(DevicePublicKey)]
    )
    assert held == [(own.key_id, enrollment.device_id, own.public_key)]
    assert saved.code is not None

    def verify(code: str) -> dict[str, object]:
        r = requests.post(server.url + "/api/v1/readings/verify", json={"code": code}, timeout=10)
        assert r.status_code == 200, r.text
        return dict(r.json())

    assert verify(saved.code)["valid"] is True  # the key alone, before the event arrived
    engine_for(kiosk_db).run_once()
    answer = verify(saved.code)
    assert answer["valid"] is True and answer["reason"] == "valid"
    _p, body, sig = saved.code.split(".")
    raw = signing.unb64u(body)
    assert raw is not None
    changed = signing.b64u(
        json.dumps(
            {**json.loads(raw), "v": 14.0}, separators=(",", ":"), ensure_ascii=False
        ).encode()
    )
    bad = verify(f"LKR1.{changed}.{sig}")
    assert bad["valid"] is False and bad["reason"] == "tampered"


def test_enroll_refuses_a_bad_public_key(server: ServerProc, kiosk_dir: Path) -> None:
    r = requests.post(
        server.url + "/api/v1/devices/enroll",
        json={"enrollment_code": enrollment_code(kiosk_dir), "device_public_key": "not-a-key"},
        timeout=10,
    )
    assert r.status_code == 400 and "device_public_key" in r.text
