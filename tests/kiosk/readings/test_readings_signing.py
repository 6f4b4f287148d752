"""Signed readings: an instrument reading's code verifies; a changed value, another device's
key, an unknown key and a manual entry claiming to be signed each fail with their own message."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from kiosk.db import Database
from kiosk.models import OutboxEvent
from kiosk.models.readings import ReadingRecord
from kiosk.ports import Reading, ReadingKind, ReadingStatus
from kiosk.readings import signing
from kiosk.readings.context import ReadingContext
from kiosk.readings.media import store_media
from kiosk.readings.service import save_manual, save_reading
from kiosk.readings.verify import verify_in_ledger

AT = datetime(2026, 6, 1, 2, 15, 2, tzinfo=UTC)
CTX = ReadingContext(
    operator_id="staff-7",
    context="livestream",
    session_id="live-1",
    product="草莓",
    batch_id="B1",
    instrument_model="SIM-BRIX/1",
    instrument_serial="BRX-0001",
    protocol="brix",
)
ROOT = Path(__file__).resolve().parents[3]


def brix(value: float = 12.8) -> Reading:
    return Reading(
        ReadingKind.BRIX,
        value,
        "%Brix",
        True,
        ReadingStatus.OK,
        b"BRX,000123,12.8,%Brix,23.4,ATC,1.35203,OK*7A\r\n",
        AT,
    )


def saved_code(db: Database, value: float = 12.8) -> str:
    with db.session() as s:
        saved = save_reading(s, brix(value), CTX)
    assert saved.code is not None and saved.short_code is not None
    return saved.code


def other_device() -> tuple[Ed25519PrivateKey, signing.DeviceKey]:
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes_raw()
    return private, signing.DeviceKey(signing.key_id_of(raw), signing.b64u(raw), "dev-other")


def forge(code: str, private: Ed25519PrivateKey, **changes: object) -> str:
    """Re-sign the payload of `code` (with changes) using `private`."""
    body = code.split(".")[1]
    raw = signing.unb64u(body)
    assert raw is not None
    payload = {**json.loads(raw), **changes}
    return signing.sign_with(private, payload)[0]


def edit_without_signing(code: str, **changes: object) -> str:
    _prefix, body, sig = code.split(".")
    raw = signing.unb64u(body)
    assert raw is not None
    payload = {**json.loads(raw), **changes}
    new_body = signing.b64u(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
    return f"LKR1.{new_body}.{sig}"


def test_an_instrument_reading_is_signed_and_its_code_verifies(db: Database) -> None:
    code = saved_code(db)
    with db.session() as s:
        check = verify_in_ledger(s, code)
        row = s.scalars(select(ReadingRecord)).one()
        event = s.scalars(select(OutboxEvent)).one()
    assert check.valid and check.reason == "valid", check.message
    assert check.reading is not None and check.reading["value"] == 12.8
    assert check.reading["instrument"] == {"model": "SIM-BRIX/1", "serial": "BRX-0001"}
    assert row.data["signature"]["code"] == code
    assert event.payload["signature"]["code"] == code  # synced with reading.captured


def test_the_short_code_is_found_in_the_ledger(db: Database) -> None:
    with db.session() as s:
        saved = save_reading(s, brix(), CTX)
    assert saved.short_code is not None
    with db.session() as s:
        assert verify_in_ledger(s, saved.short_code.lower().replace("-", "")).valid
        missing = verify_in_ledger(s, "AAAA-AAAA")
    assert missing.reason == "not_found" and "AAAA-AAAA" in missing.message


def test_a_changed_value_fails(db: Database) -> None:
    code = saved_code(db)
    with db.session() as s:
        check = verify_in_ledger(s, edit_without_signing(code, v=13.8))
    assert not check.valid and check.reason == "tampered"
    assert "changed" in check.message


def test_a_code_resigned_with_another_devices_key_fails(db: Database) -> None:
    code = saved_code(db)
    private, other = other_device()
    with db.session() as s:
        signing.remember_key(s, other)
    with db.session() as s:
        check = verify_in_ledger(s, forge(code, private))
    assert not check.valid and check.reason == "wrong_key"
    assert other.key_id in check.message and "another device's key" in check.message


def test_a_code_of_an_unknown_device_fails(db: Database) -> None:
    code = saved_code(db)
    private, other = other_device()
    with db.session() as s:
        check = verify_in_ledger(s, forge(code, private, key=other.key_id, dev="dev-other"))
    assert not check.valid and check.reason == "unknown_key" and other.key_id in check.message


def test_a_manual_entry_is_never_signed_and_a_code_claiming_it_fails(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as s:
        photo = store_media(s, tmp_path, b"\x89PNG\r\n\x1a\n" + b"x" * 50, "image/png")
        manual = save_manual(
            s,
            ReadingContext(operator_id="staff-7", photos=(photo,), product="草莓"),
            kind="brix",
            value=12.8,
        )
        row = s.get(ReadingRecord, manual.reading_id)
        assert row is not None
        own = signing._private(s)
        assert manual.code is None and row.data["signature"] is None
    # someone holding the device key signs the manual entry as if it came from the instrument
    with db.session() as s:
        fields = {
            "reading_id": manual.reading_id,
            "kind": "brix",
            "value": 12.8,
            "unit": "%Brix",
            "operator": "staff-7",
            "measured_at": "2026-06-01T02:15:02Z",
            "source": "instrument",
        }
        code, _short = signing.sign_with(own, signing.payload_of(fields, signing.device_key(s)))
        claims_instrument = verify_in_ledger(s, code)
        says_manual = verify_in_ledger(s, forge(code, own, src="manual"))
    assert claims_instrument.reason == "manual" and not claims_instrument.valid
    assert says_manual.reason == "manual" and "by hand" in says_manual.message


def test_each_failure_has_its_own_message() -> None:
    reasons = ("malformed", "manual", "unknown_key", "wrong_key", "tampered", "not_found")
    assert len({signing.MESSAGES[r] for r in reasons}) == len(reasons)
    assert signing.check_code("LKR1.bm90.anything", {}).reason == "malformed"
    assert signing.check_code("", {}).reason == "malformed"


def test_cli_verify_reading_exits_1_when_it_does_not_verify(tmp_path: Path) -> None:
    data = tmp_path / "k"
    data.mkdir()
    from kiosk.db import open_database

    database = open_database(data)
    try:
        code = saved_code(database)
    finally:
        database.close()

    def run(text: str) -> tuple[int, dict[str, object]]:
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "verify-reading",
                text,
                "--data-dir",
                str(data),
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        return done.returncode, json.loads(done.stdout.strip().splitlines()[-1])

    rc, out = run(code)
    assert rc == 0 and out["valid"] is True and set(out) >= {"valid", "reading", "message"}
    rc, out = run(edit_without_signing(code, v=99.0))
    assert rc == 1 and out["valid"] is False
