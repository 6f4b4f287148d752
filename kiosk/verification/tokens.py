"""The LK1 pickup token: `LK1.<payload>.<signature>`, both base64url without padding.

`verify_token` never raises: every input (empty, binary, 200 kB, wrong prefix, bad base64,
bad JSON, wrong types) ends in one of DESIGN.md's verdicts. Input longer than
MAX_TOKEN_CHARS is refused before any parsing. Checks run in this order, so each code gets
the one verdict that matters most to the clerk: malformed → unknown_key (a revoked key is
treated as unknown: it is no longer trusted) → forged → wrong_store → expired → the order's
own state (unknown_order when the signature is good but the order is not synced yet; the
verdict then carries the signed claims so the counter can serve it provisionally).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from kiosk.models import PlatformKey, Store
from kiosk.ports import utcnow
from kiosk.signing_codec import (
    b64u as b64u,  # re-exported: demo data and the server use it
    sign_compact,
    unb64u as _unb64u,
)
from kiosk.verification.lookup import OrderView, order_view, verdict_for_order
from kiosk.verification.verdicts import MESSAGES, Detail, Verdict, VerdictName as V

PREFIX = "LK1."
MAX_TOKEN_CHARS = 1024  # real tokens are ~200 characters
_CODE = re.compile(r"[0-9]{6}")


def sign_token(private_key: Ed25519PrivateKey, payload: dict[str, Any]) -> str:
    """Make a token as the central platform does (demo data, tests, reference server)."""
    return sign_compact(private_key, PREFIX, payload)[0]


def make_payload(
    order_id: str, store_id: str, code: str, expiry_unix: int, key_id: str
) -> dict[str, Any]:
    return {"o": order_id, "s": store_id, "c": code, "x": expiry_unix, "k": key_id}


@dataclass(frozen=True, slots=True)
class Claims:
    """The signed fields of a token (only trusted once the signature checked out)."""

    order_id: str
    store_id: str
    pickup_code: str
    expiry_unix: int
    key_id: str


@dataclass(frozen=True, slots=True)
class TokenResult:
    verdict: Verdict
    claims: Claims | None = None
    signature_ok: bool = False
    order: OrderView | None = field(default=None)


def _claims(payload: bytes) -> Claims | None:
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    o, s, c, x, k = (data.get(n) for n in ("o", "s", "c", "x", "k"))
    strings_ok = all(isinstance(v, str) and 0 < len(v) <= 64 for v in (o, s, k))
    # The platform signs these fields, so a number where we'd write a string is tolerated:
    # a code as a JSON integer (zero-padded back to 6 digits), an expiry as a float.
    if isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 999_999:
        c = f"{c:06d}"
    if isinstance(x, float) and math.isfinite(x):
        x = math.floor(x)
    if not strings_ok or not isinstance(c, str) or not _CODE.fullmatch(c):
        return None
    if not isinstance(x, int) or isinstance(x, bool) or not 0 <= x < 2**40:
        return None
    return Claims(str(o), str(s), c, x, str(k))


def _malformed(message: str | None = None, detail: Detail = Detail.NONE) -> TokenResult:
    return TokenResult(Verdict(V.MALFORMED, None, message or MESSAGES[V.MALFORMED], detail))


def verify_token(
    session: Session, token: object, store_id: str, now: datetime | None = None
) -> TokenResult:
    """Check a scanned token against the platform keys and the local orders. Never raises."""
    try:
        return _verify(session, token, store_id, now or utcnow())
    except Exception:  # last line of defence: a verdict, never a crash at the counter
        return _malformed()


def _verify(session: Session, token: object, store_id: str, now: datetime) -> TokenResult:
    if isinstance(token, bytes | bytearray):
        if len(token) > MAX_TOKEN_CHARS:
            return _malformed()
        try:
            token = bytes(token).decode("ascii")
        except UnicodeDecodeError:
            return _malformed()
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
        return _malformed()
    text = token.strip()
    if not text.startswith(PREFIX):
        return _malformed(garbage_hint(text), garbage_detail(text))
    parts = text.split(".")
    if len(parts) != 3:
        return _malformed()
    payload, sig = _unb64u(parts[1]), _unb64u(parts[2])
    if payload is None or sig is None or len(sig) != 64:
        return _malformed()
    claims = _claims(payload)
    if claims is None:
        return _malformed()
    key = session.get(PlatformKey, claims.key_id)
    if key is None or key.revoked or len(key.public_key) != 32:
        return TokenResult(Verdict(V.UNKNOWN_KEY, None, MESSAGES[V.UNKNOWN_KEY]), claims)
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(
            sig, f"{PREFIX}{parts[1]}".encode("ascii")
        )
    except InvalidSignature:
        return TokenResult(Verdict(V.FORGED, None, MESSAGES[V.FORGED]), claims)
    if claims.store_id != store_id:
        other = session.get(Store, claims.store_id)
        return TokenResult(
            Verdict(
                V.WRONG_STORE,
                claims.order_id,
                MESSAGES[V.WRONG_STORE],
                params=(("store_id", claims.store_id), ("store_name", other.name if other else "")),
            ),
            claims,
            True,
        )
    if claims.expiry_unix < now.timestamp():
        return TokenResult(Verdict(V.EXPIRED, claims.order_id, MESSAGES[V.EXPIRED]), claims, True)
    view = order_view(session, claims.order_id)
    if view is None:
        return TokenResult(
            Verdict(
                V.UNKNOWN_ORDER,
                claims.order_id,
                MESSAGES[V.UNKNOWN_ORDER],
                Detail.NOT_SYNCED,
                (("code", claims.pickup_code),),
            ),
            claims,
            True,
        )
    return TokenResult(verdict_for_order(view, session), claims, True, view)


def garbage_detail(text: str) -> Detail:
    """The code of `garbage_hint`: the UI words it."""
    if not text:
        return Detail.NOTHING_SCANNED
    if any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text[:64]):
        return Detail.CHINESE_INPUT
    if text[:4].lower() == "lk1." or text[:4].upper() in {"ДЛ1.", "LK!."}:
        return Detail.GARBLED_LAYOUT
    return Detail.NONE


def garbage_hint(text: str) -> str:
    """A plain-words guess at why a scan is unreadable (wrong keyboard layout, Chinese IME)."""
    if not text:
        return "Nothing was scanned. Scan the code again."
    if any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text[:64]):
        return (
            "The scan came in as Chinese characters: the scanner or the keyboard is in "
            "Chinese input mode. Switch to English input and scan again."
        )
    if text[:4].lower() == "lk1." or text[:4].upper() in {"ДЛ1.", "LK!."}:
        return (
            "The scan looks garbled (keyboard layout or Caps Lock). Check the scanner's "
            "keyboard setting and scan again."
        )
    return MESSAGES[V.MALFORMED]
