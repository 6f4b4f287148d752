"""ACLAS (顶尖) OS2X active mode: about 10 frames a second, no poll.

`01 02 <S|U|F> <sign> <6 weight bytes> <2 unit bytes> <XOR of the 12 bytes before> 03 04
<flag>`; F = out of range or not zeroed (ours: with sign '-' it is underload, otherwise
overload); flag bits 4 at zero, 5 tare, 6 out of range. Baud rate varies (2400 seen).
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
    xor,
)
from kiosk.ports import Reading, ReadingKind, ReadingStatus

W = ReadingKind.WEIGHT
AT_ZERO, TARE, OUT_OF_RANGE = 0x10, 0x20, 0x40
_FRAME = re.compile(rb"\x01\x02([SUF])([-+ ])(.{6})(.{2})(.)\x03\x04(.)", re.DOTALL)


@never_raises(W)
def parse(raw: bytes, at: datetime | None = None) -> Reading | None:
    m = _FRAME.fullmatch(raw)
    if not m:
        return error_reading(W, raw, at, "not an ACLAS frame", "g")
    status, sign, digits, unit, bcc, flag = m.groups()
    if xor(raw[:12]) != bcc[0]:
        return error_reading(W, raw, at, "checksum (XOR) mismatch", "g")
    bits = flag[0]
    side = (
        ("at_zero", str(bool(bits & AT_ZERO)).lower()),
        ("tare", str(bool(bits & TARE)).lower()),
    )
    if status == b"F" or bits & OUT_OF_RANGE:
        limit = ReadingStatus.UNDERLOAD if sign == b"-" else ReadingStatus.OVERLOAD
        return limit_reading(raw, at, limit, side)
    number = parse_decimal(digits.decode("ascii"))
    if number is None:
        return error_reading(W, raw, at, "bad weight digits", "g")
    if sign == b"-":
        number = -number
    return weight_reading(
        raw, at, number=number, unit=unit.decode("ascii").strip(), stable=status == b"S", extra=side
    )


PROFILE = Profile(
    name="aclas",
    kind=W,
    label="ACLAS OS2X active mode",
    parse=parse,
    frame=rb"\x01\x02[\s\S]{11}\x03\x04[\s\S]",
    mode="listen",
    baudrate=9600,
    silence_s=2.0,
    unit="kg",
    notes="Active mode, ~10 frames/s. Baud rate varies by model (2400 seen): set it.",
)
