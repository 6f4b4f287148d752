"""Signed instrument readings: anyone can check that a Brix or 农残 figure came from the
instrument on this kiosk and was not typed in.

Each kiosk has one Ed25519 device key, made on first use (before or at enrollment; its public
half goes to the server with the enroll request). The private half lives in the kiosk's
ledger (settings table), never leaves it. An instrument reading is signed over the ASCII bytes
`LKR1.<payload>`, payload = compact JSON of the reading's value, unit, kind, instrument model
and serial, operator, time, session and reading id (plus product, batch and verdict, so a
phone that scans the label's QR can say what was measured). The verification code is
`LKR1.<payload>.<signature>`, both parts base64url without padding; the short code on the
overlay (`7KQ2-M9XD`) is the first 40 bits of the signature in base32, looked up in the ledger.

Manual entries are never signed as instrument readings: a code whose payload says manual, or
whose reading the ledger holds as manual, fails with its own message.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from kiosk.platform.identity import get_identity, get_setting, put_setting
from kiosk.signing_codec import (
    b64u as b64u,  # re-exported: the CLI and the server use it
    sign_compact,
    unb64u as unb64u,  # re-exported too
)

PREFIX = "LKR1."
MAX_CODE_CHARS = 2048
PRIVATE_SETTING = "device_signing_key"  # unpadded base64url of the 32-byte private key
KNOWN_SETTING = "device_public_keys"  # key_id -> {"public_key", "device_id"}
_SHORT = re.compile(r"[A-Z2-7]{4}-?[A-Z2-7]{4}")

# The reasons a check ends with; each has its own message (MESSAGES) and the UI words them.
VALID, MALFORMED, MANUAL, UNKNOWN_KEY, WRONG_KEY, TAMPERED, NOT_FOUND = (
    "valid",
    "malformed",
    "manual",
    "unknown_key",
    "wrong_key",
    "tampered",
    "not_found",
)
MESSAGES = {
    VALID: "Genuine: device {device} signed this reading from its instrument {instrument}.",
    MALFORMED: "This is not a reading verification code (it starts LKR1. or looks like 7KQ2-M9XD).",
    MANUAL: "This reading was entered by hand: a manual entry is never signed as an instrument "
    "reading, so this code is not genuine.",
    UNKNOWN_KEY: "Signed with a device key this kiosk does not know ({key}): check it on the "
    "server, or sync first.",
    WRONG_KEY: "Signed with another device's key ({other}, device {other_device}), not the key of "
    "device {device} that the code names: it did not come from that instrument.",
    TAMPERED: "The signature does not match the figures: the value, time or instrument was "
    "changed after the instrument measured it.",
    NOT_FOUND: "No signed reading with the short code {code} in this kiosk's ledger; scan the "
    "QR (the full code) instead.",
}


def key_id_of(public_raw: bytes) -> str:
    """A short, stable name for a public key (device ids change at enrollment, keys do not)."""
    return "dk-" + base64.b32encode(hashlib.sha256(public_raw).digest()[:5]).decode("ascii").lower()


def short_code(signature: bytes) -> str:
    """What the overlay and the label print under the QR: 8 base32 characters, `7KQ2-M9XD`."""
    text = base64.b32encode(signature[:5]).decode("ascii")
    return f"{text[:4]}-{text[4:]}"


@dataclass(frozen=True, slots=True)
class DeviceKey:
    key_id: str
    public_key: str  # unpadded base64url of the raw 32-byte key
    device_id: str = ""

    def loaded(self) -> Ed25519PublicKey | None:
        raw = unb64u(self.public_key)
        if raw is None or len(raw) != 32:
            return None
        return Ed25519PublicKey.from_public_bytes(raw)


# --- the device key -----------------------------------------------------------------------
def _private(session: Session) -> Ed25519PrivateKey:
    """This kiosk's signing key; made (and its public half remembered) on first use."""
    stored = get_setting(session, PRIVATE_SETTING)
    raw = unb64u(stored) if isinstance(stored, str) else None
    if raw is not None and len(raw) == 32:
        return Ed25519PrivateKey.from_private_bytes(raw)
    key = Ed25519PrivateKey.generate()
    put_setting(session, PRIVATE_SETTING, b64u(key.private_bytes_raw()))
    own = _device_key(key, get_identity(session).device_id)
    remember_key(session, own)
    session.flush()
    return key


def _device_key(key: Ed25519PrivateKey, device_id: str) -> DeviceKey:
    public = key.public_key().public_bytes_raw()
    return DeviceKey(key_id_of(public), b64u(public), device_id)


def device_key(session: Session) -> DeviceKey:
    """This kiosk's public key (what the enroll request sends as `device_public_key`)."""
    return _device_key(_private(session), get_identity(session).device_id)


def known_keys(session: Session) -> dict[str, DeviceKey]:
    """The device public keys this kiosk trusts offline: its own, plus any it was given."""
    _private(session)
    stored = get_setting(session, KNOWN_SETTING, {})
    out: dict[str, DeviceKey] = {}
    for kid, entry in stored.items() if isinstance(stored, dict) else ():
        if isinstance(entry, dict) and isinstance(entry.get("public_key"), str):
            out[str(kid)] = DeviceKey(
                str(kid), entry["public_key"], str(entry.get("device_id", ""))
            )
    return out


def remember_key(session: Session, key: DeviceKey) -> None:
    """Trust another device's public key (e.g. one the server sent)."""
    stored = get_setting(session, KNOWN_SETTING, {})
    keys = dict(stored) if isinstance(stored, dict) else {}
    keys[key.key_id] = {"public_key": key.public_key, "device_id": key.device_id}
    put_setting(session, KNOWN_SETTING, keys)


# --- signing --------------------------------------------------------------------------------
def payload_of(fields: Mapping[str, Any], key: DeviceKey) -> dict[str, Any]:
    """The signed fields, from a reading.captured payload (or anything with the same keys)."""
    instrument = fields.get("instrument") or {}
    sess = fields.get("session") or {}
    return {
        "r": fields["reading_id"],
        "k": fields["kind"],
        "v": fields["value"],
        "u": fields["unit"],
        "m": instrument.get("model"),
        "s": instrument.get("serial"),
        "o": fields["operator"],
        "t": fields["measured_at"],
        "x": sess.get("id"),
        "c": sess.get("context"),
        "p": fields.get("product"),
        "b": fields.get("batch_id"),
        "d": fields.get("verdict"),
        "src": fields.get("source", "instrument"),
        "key": key.key_id,
        "dev": key.device_id,
    }


def sign_with(private: Ed25519PrivateKey, payload: Mapping[str, Any]) -> tuple[str, str]:
    """(full code, short code) for a payload, signed by `private`."""
    code, signature = sign_compact(private, PREFIX, payload)
    return code, short_code(signature)


def sign_reading(session: Session, fields: Mapping[str, Any]) -> dict[str, str]:
    """Sign an instrument reading with this kiosk's key: {code, short, key_id}."""
    if fields.get("source") != "instrument":
        raise ValueError("only instrument readings are signed")
    private = _private(session)
    key = _device_key(private, get_identity(session).device_id)
    code, short = sign_with(private, payload_of(fields, key))
    return {"code": code, "short": short, "key_id": key.key_id}


# --- checking -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReadingCheck:
    """`kiosk verify-reading`'s answer: valid, why (a reason code above), the signed reading
    as the code states it, and a sentence for people."""

    valid: bool
    reason: str
    message: str
    reading: dict[str, Any] | None = None
    params: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "reason": self.reason,
            "reading": self.reading,
            "message": self.message,
        }


def _result(reason: str, reading: dict[str, Any] | None = None, **params: str) -> ReadingCheck:
    return ReadingCheck(reason == VALID, reason, MESSAGES[reason].format(**params), reading, params)


def _parse(code: str) -> tuple[str, dict[str, Any], bytes] | None:
    text = code.strip()
    if len(text) > MAX_CODE_CHARS or not text.startswith(PREFIX) or text.count(".") != 2:
        return None
    _prefix, body, sig_text = text.split(".")
    raw, signature = unb64u(body), unb64u(sig_text)
    if raw is None or signature is None or len(signature) != 64:
        return None
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(payload, dict) or not all(
        isinstance(payload.get(k), str) for k in ("r", "k", "key", "src")
    ):
        return None
    return f"{PREFIX}{body}", payload, signature


def readable(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The signed payload with its long names, for people and JSON output."""
    return {
        "reading_id": payload.get("r"),
        "kind": payload.get("k"),
        "value": payload.get("v"),
        "unit": payload.get("u"),
        "verdict": payload.get("d"),
        "product": payload.get("p"),
        "batch_id": payload.get("b"),
        "instrument": {"model": payload.get("m"), "serial": payload.get("s")},
        "operator": payload.get("o"),
        "measured_at": payload.get("t"),
        "session": {"context": payload.get("c"), "id": payload.get("x")},
        "source": payload.get("src"),
        "key_id": payload.get("key"),
        "device_id": payload.get("dev"),
    }


def check_code(
    code: str, keys: Mapping[str, DeviceKey], record: Mapping[str, Any] | None = None
) -> ReadingCheck:
    """Check a full code against trusted device keys (and, when known, the record of that
    reading: a reading_captured-shaped mapping with `source` and the signed fields).
    Pure: the kiosk's ledger and the reference server both call it."""
    parsed = _parse(code)
    if parsed is None:
        return _result(MALFORMED)
    signed, payload, signature = parsed
    reading = readable(payload)
    if payload["src"] != "instrument" or (
        record is not None and record.get("source") != "instrument"
    ):
        return _result(MANUAL, reading)
    claimed = keys.get(payload["key"])
    if claimed is None:
        return _result(UNKNOWN_KEY, reading, key=payload["key"])
    if _verifies(claimed, signed, signature):
        if record is not None:
            key = DeviceKey(claimed.key_id, claimed.public_key, str(payload.get("dev") or ""))
            if payload_of(record, key) != payload:
                return _result(TAMPERED, reading)
        instrument = " ".join(str(x) for x in (payload.get("m"), payload.get("s")) if x) or "?"
        return _result(
            VALID,
            reading,
            device=str(payload.get("dev") or claimed.device_id),
            instrument=instrument,
        )
    for other in keys.values():
        if other.key_id != claimed.key_id and _verifies(other, signed, signature):
            return _result(
                WRONG_KEY,
                reading,
                other=other.key_id,
                other_device=other.device_id or "?",
                device=str(payload.get("dev") or claimed.device_id or "?"),
            )
    return _result(TAMPERED, reading)


def _verifies(key: DeviceKey, signed: str, signature: bytes) -> bool:
    public = key.loaded()
    if public is None:
        return False
    try:
        public.verify(signature, signed.encode("ascii"))
    except InvalidSignature:
        return False
    return True


def is_short_code(text: str) -> bool:
    return bool(_SHORT.fullmatch(text.strip().upper()))


def normal_short(text: str) -> str:
    t = text.strip().upper().replace("-", "")
    return f"{t[:4]}-{t[4:]}"
