"""Toledo 8217 ECR "weight only" protocol, 9600 7E1, single-byte commands.

`W` → `STX 001.25 CR` (kg) or `STX ? <status> CR` when not ready; status bits 0 motion,
1 over capacity, 2 under zero, 3 outside zero-capture range, 4 centre of zero, 5 net,
6 always 1. `Ehello` → `STX E CR hello`. Zero `Z`, tare `T`, clear `C` have no reply.
"""

from __future__ import annotations

import re
from datetime import datetime

from drivers.instruments.common import (
    Profile,
    error_reading,
    limit_reading,
    never_raises,
    parse_decimal,
    weight_reading,
)
from kiosk.ports import Reading, ReadingKind, ReadingStatus, utcnow

W = ReadingKind.WEIGHT
PROBE_REPLY = b"\x02E\rhello"
_WEIGHT = re.compile(rb"\x02([0-9.]{4,8})\r")
_STATUS = re.compile(rb"\x02\?(.)\r", re.DOTALL)
MOTION, OVER, UNDER, OUT_OF_ZERO, CENTRE_ZERO, NET = 1, 2, 4, 8, 16, 32


@never_raises(W)
def parse(raw: bytes, at: datetime | None = None) -> Reading | None:
    frame = bytes(b & 0x7F for b in raw)  # 7E1: the eighth bit is parity, never data
    if frame == PROBE_REPLY:
        return None
    m = _WEIGHT.fullmatch(frame)
    if m:
        number = parse_decimal(m.group(1).decode("ascii"))
        if number is None:
            return error_reading(W, raw, at, "bad weight digits", "g")
        return weight_reading(raw, at, number=number, unit="kg", stable=True)
    m = _STATUS.fullmatch(frame)
    if m:
        bits = m.group(1)[0]
        side = (("status_bits", f"{bits:08b}"),)
        if bits & OVER:
            return limit_reading(raw, at, ReadingStatus.OVERLOAD, side)
        if bits & UNDER:
            return limit_reading(raw, at, ReadingStatus.UNDERLOAD, side)
        if bits & MOTION:
            return Reading(kind=W, value=None, unit="g", stable=False, status=ReadingStatus.MOTION,
                           raw=raw, at=at or utcnow(), extra=side)
        return error_reading(W, raw, at, "scale not ready (outside zero-capture range)", "g", side)
    return error_reading(W, raw, at, "not a Toledo 8217 frame", "g")


def encode_weight(kg: float) -> bytes:
    """`STX 001.25 CR`: 6 characters, leading zeros kept, two decimals."""
    return b"\x02" + f"{kg:06.2f}".encode("ascii") + b"\r"


def encode_status(bits: int) -> bytes:
    return b"\x02?" + bytes([(bits | 0x40) & 0x7F]) + b"\r"


PROFILE = Profile(
    name="toledo-8217", kind=W, label="Toledo 8217 ECR scale", parse=parse,
    frame=rb"\x02E\rhello|\x02(?!E\r)[^\x02\r]{0,10}\r", mode="poll", poll=(b"W",),
    poll_interval_s=0.2, bytesize=7, parity="E",
    commands=(("zero", b"Z"), ("tare", b"T"), ("clear", b"C")),
    unit="kg", probe=b"Ehello", probe_reply=PROBE_REPLY,
    notes="9600 7E1; weight in kg with two decimals; never negative (shows 'under zero').",
)
