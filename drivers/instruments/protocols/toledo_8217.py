"""Toledo 8217 ECR "weight only" protocol, 9600 7E1, single-byte commands.

`W` → `STX 001.25 CR` (kg) or `STX ? <status> CR` when not ready; status bits 0 motion,
1 over capacity, 2 under zero, 3 outside zero-capture range, 4 centre of zero, 5 net,
6 always 1. `Ehello` → `STX E CR hello`. Zero `Z`, tare `T`, clear `C` have no reply.

Leniency (at least Odoo's IoT driver, the reference open implementation: weight
`\\x02\\s*([0-9.]+)N?\\r`, status `\\x02\\s*(\\?.)\\r`): blanks (space, tab, any whitespace but
CR) after STX, any number of digits and points, an `N` (net) suffix, blanks before `?`.
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
_BLANK = rb"[ \t\n\x0b\x0c]*"  # Odoo's \s, less CR (CR ends the frame)
_WEIGHT = re.compile(rb"\x02" + _BLANK + rb"([0-9.]+)(N?)" + _BLANK + rb"\r")
_STATUS = re.compile(rb"\x02" + _BLANK + rb"\?(.)\r", re.DOTALL)
MOTION, OVER, UNDER, OUT_OF_ZERO, CENTRE_ZERO, NET = 1, 2, 4, 8, 16, 32
BIT_WORDS = (
    (MOTION, "in motion"),
    (OVER, "over capacity"),
    (UNDER, "under zero"),
    (OUT_OF_ZERO, "outside zero-capture range"),
    (CENTRE_ZERO, "centre of zero"),
    (NET, "net weight"),
)


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
        mode = (("mode", "net"),) if m.group(2) else ()
        return weight_reading(raw, at, number=number, unit="kg", stable=True, extra=mode)
    m = _STATUS.fullmatch(frame)
    if m:
        return _status(raw, at, m.group(1)[0])
    return error_reading(W, raw, at, "not a Toledo 8217 frame", "g")


def _status(raw: bytes, at: datetime | None, bits: int) -> Reading:
    """A "not ready" status byte: each set bit named, the worst one decides the status."""
    named = ", ".join(words for bit, words in BIT_WORDS if bits & bit)
    side = (("status_bits", f"{bits:08b}"), ("status_words", named))
    if bits & OVER:
        return limit_reading(raw, at, ReadingStatus.OVERLOAD, side)
    if bits & UNDER:
        return limit_reading(raw, at, ReadingStatus.UNDERLOAD, side)
    if bits & MOTION:
        return Reading(
            kind=W,
            value=None,
            unit="g",
            stable=False,
            status=ReadingStatus.MOTION,
            raw=raw,
            at=at or utcnow(),
            extra=side,
        )
    if bits & OUT_OF_ZERO:
        return error_reading(W, raw, at, "scale not ready (outside zero-capture range)", "g", side)
    why = f"scale not ready (status: {named})" if named else "scale not ready (no reason given)"
    return error_reading(W, raw, at, why, "g", side)


PROFILE = Profile(
    name="toledo-8217",
    kind=W,
    label="Toledo 8217 ECR scale",
    parse=parse,
    frame=rb"\x02E\rhello|\x02(?!E\r)[^\x02\r]{0,24}\r",
    mode="poll",
    poll=(b"W",),
    poll_interval_s=0.2,
    bytesize=7,
    parity="E",
    commands=(("zero", b"Z"), ("tare", b"T"), ("clear", b"C")),
    unit="kg",
    probe=b"Ehello",
    probe_reply=PROBE_REPLY,
    notes="9600 7E1; weight in kg; never negative (shows 'under zero').",
)
