"""Continuous ASCII lines (CAS indicators, A&D, most OEM indicators), 9600 8N1.

`ST,GS,+  1.234kg\\r\\n`: ST stable, US unstable, OL overload (ours: UL underload too);
GS gross, NT net; a signed value padded with spaces or zeros; unit. CAS's 22-byte variant
puts a device-id byte and a lamp byte before the value: both are accepted.
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
from kiosk.ports import Reading, ReadingKind, ReadingStatus

W = ReadingKind.WEIGHT
_LINE = re.compile(
    r"(ST|US|OL|UL),(GS|NT),(?:(.)(.))??([+-]?[ 0-9.]*[0-9][ 0-9.]*) *([a-zA-Z]{1,3})"
)


@never_raises(W)
def parse(raw: bytes, at: datetime | None = None) -> Reading | None:
    try:
        line = raw.decode("ascii").rstrip("\r\n")
    except UnicodeDecodeError:
        return error_reading(W, raw, at, "not ASCII (wrong baud rate?)", "g")
    m = _LINE.fullmatch(line)
    if not m:
        return error_reading(W, raw, at, "not a continuous-output line", "g")
    state, gross_net, device, lamp, value, unit = m.groups()
    side: tuple[tuple[str, str], ...] = (("mode", "net" if gross_net == "NT" else "gross"),)
    if device is not None:
        side = (*side, ("device_id", device), ("lamp", f"{ord(lamp):02x}"))
    if state == "OL":
        return limit_reading(raw, at, ReadingStatus.OVERLOAD, side)
    if state == "UL":
        return limit_reading(raw, at, ReadingStatus.UNDERLOAD, side)
    number = parse_decimal(value)
    if number is None:
        return error_reading(W, raw, at, "bad weight digits", "g")
    return weight_reading(raw, at, number=number, unit=unit, stable=state == "ST", extra=side)


PROFILE = Profile(
    name="continuous",
    kind=W,
    label="Continuous ASCII lines (ST,GS,…)",
    parse=parse,
    frame=rb"[^\n]*\n",
    mode="listen",
    silence_s=2.0,
    unit="kg",
    notes="9600 8N1, CR LF, sent continuously; no commands.",
)
