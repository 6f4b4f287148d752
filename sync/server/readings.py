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
        raise ValueError("device_public_key must be the unpadded base64url of a 32-byte "
                         "Ed25519 public key")
    return signing.b64u(raw)


def register_key(s: Session, device_id: str, public_key: str) -> None:
    raw = signing.unb64u(public_key)
    assert raw is not None
    key_id = signing.key_id_of(raw)
    if s.get(DevicePublicKey, key_id) is None:
        s.add(DevicePublicKey(key_id=key_id, device_id=device_id, public_key=public_key,
                              registered_at=utcnow()))


def verify_code(s: Session, code: str) -> dict[str, Any]:
    keys = {k.key_id: signing.DeviceKey(k.key_id, k.public_key, k.device_id)
            for k in s.scalars(select(DevicePublicKey))}
    check = signing.check_code(code, keys)
    if check.reading is not None and check.reason in (signing.VALID, signing.TAMPERED):
        record = _captured(s, str(check.reading["reading_id"]))
        if record is not None:
            check = signing.check_code(code, keys, record)
    return {**check.to_json(), "reason": check.reason}


def _captured(s: Session, reading_id: str) -> dict[str, Any] | None:
    stmt = select(ReceivedEvent).where(ReceivedEvent.type == "reading.captured")
    for event in s.scalars(stmt):
        if event.payload.get("reading_id") == reading_id:
            return dict(event.payload)
    return None
