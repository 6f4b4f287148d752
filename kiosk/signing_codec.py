"""The compact signed-code format both LK1 pickup tokens and LKR1 reading codes use:
`<PREFIX><payload>.<signature>`, payload compact JSON, both parts base64url without padding.

One module so the two codes cannot drift apart in how they spell base64 or JSON (a token
the platform signs and a reading this kiosk signs are checked by the same rules).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

_B64 = re.compile(r"[A-Za-z0-9_-]+")


def b64u(data: bytes) -> str:
    """Unpadded base64url."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def unb64u(text: str) -> bytes | None:
    """Decode unpadded base64url; None for anything not in its one canonical spelling
    (one code, one spelling: a re-encoded variant is not the same code)."""
    if not _B64.fullmatch(text) or len(text) % 4 == 1:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw if b64u(raw) == text else None


def compact_body(payload: Mapping[str, Any]) -> str:
    """The payload part: compact JSON (no spaces, UTF-8 kept), base64url."""
    return b64u(json.dumps(dict(payload), separators=(",", ":"), ensure_ascii=False).encode())


def sign_compact(
    private: Ed25519PrivateKey, prefix: str, payload: Mapping[str, Any]
) -> tuple[str, bytes]:
    """(`<prefix><body>.<signature>`, raw signature): the signature covers the ASCII
    bytes of `<prefix><body>`."""
    signed = f"{prefix}{compact_body(payload)}"
    signature = private.sign(signed.encode("ascii"))
    return f"{signed}.{b64u(signature)}", signature
