"""Shared by SIM-BRIX/1 and SIM-PEST/1 (ours): `<body>*XX` CR LF, XX = XOR of the body bytes
as two upper-case hex digits."""

from __future__ import annotations

from drivers.instruments.common import xor

PROFILE = None  # helper module, not a protocol


def checksum(body: bytes) -> str:
    return f"{xor(body):02X}"


def split_checked(raw: bytes) -> tuple[str | None, str]:
    """(body, "") when the checksum holds, else (None, why)."""
    line = raw.rstrip(b"\r\n")
    star = line.rfind(b"*")
    if star < 0:
        return None, "no checksum"
    body, given = line[:star], line[star + 1 :]
    if given.upper() != checksum(body).encode("ascii") or len(given) != 2:
        return None, "checksum mismatch"
    try:
        return body.decode("ascii"), ""
    except UnicodeDecodeError:
        return None, "not ASCII"
