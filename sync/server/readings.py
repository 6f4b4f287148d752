"""Signed readings on the reference server: the device public key a kiosk sends when it
enrolls, and the check behind `POST /api/v1/readings/verify` (the same pure check the kiosk
runs offline, kiosk.readings.signing.check_code, with every enrolled device's key and the
`reading.captured` event the server holds for that reading)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.ports import utcnow
from kiosk.readings import signing
from sync.server.models import DevicePublicKey, ReceivedEvent


def parse_public_key(value: object) -> str | None:
    """The enroll body's optional `device_public_key`: None when absent; ValueError when bad."""
    if value is None:
        return None
    raw = signing.unb64u(value) if isinstance(value, str) else None
    if raw is None or len(raw) != 32:
        raise ValueError(
            "device_public_key must be the unpadded base64url of a 32-byte Ed25519 public key"
        )
    return signing.b64u(raw)


def register_key(s: Session, device_id: str, public_key: str) -> None:
    raw = signing.unb64u(public_key)
    assert raw is not None
    key_id = signing.key_id_of(raw)
    if s.get(DevicePublicKey, key_id) is None:
        s.add(
            DevicePublicKey(
                key_id=key_id, device_id=device_id, public_key=public_key, registered_at=utcnow()
            )
        )


def verify_code(s: Session, code: str) -> dict[str, Any]:
    """Every read is by key: the claimed device key by its id, the reading's record by
    (reading id, that key's device). Only a signature the claimed key refuses reads the
    other keys, to say which device really signed it (the endpoint is throttled)."""
    first = signing.check_code(code, {})  # parses: the reading and the key it claims
    if first.reading is None or first.reason != signing.UNKNOWN_KEY:
        return _out(first)
    kid = str(first.reading.get("key_id"))
    row = s.get(DevicePublicKey, kid)
    if row is None:
        return _out(first)
    claimed = {kid: _key(row)}
    check = signing.check_code(code, claimed)
    if check.reason == signing.TAMPERED:  # not this key's signature: whose is it?
        others = {k.key_id: _key(k) for k in s.scalars(select(DevicePublicKey))}
        check = signing.check_code(code, others)
    if check.reading is not None and check.reason in (signing.VALID, signing.TAMPERED):
        record = _captured(s, str(check.reading.get("reading_id")), row.device_id)
        if record is not None:
            check = signing.check_code(code, claimed, record)
    return _out(check)


def _key(row: DevicePublicKey) -> signing.DeviceKey:
    return signing.DeviceKey(row.key_id, row.public_key, row.device_id)


def _out(check: signing.ReadingCheck) -> dict[str, Any]:
    return {**check.to_json(), "reason": check.reason}


def _captured(s: Session, reading_id: str, device_id: str) -> dict[str, Any] | None:
    """The reading.captured event the key's own device sent for this reading (index
    ix_events_reading_device); another device's event under the same id is never taken."""
    stmt = (
        select(ReceivedEvent.payload)
        .where(
            ReceivedEvent.reading_id == reading_id,
            ReceivedEvent.device_id == device_id,
            ReceivedEvent.type == "reading.captured",
        )
        .limit(1)
    )
    payload = s.scalar(stmt)
    return dict(payload) if isinstance(payload, dict) else None
