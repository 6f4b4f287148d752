"""CAS polled protocol (PD-II, SW-II, ER type); also used for Dahua until captures exist.

Host `ENQ` → scale `ACK`; host `DC1` → `SOH STX <S|U> <sign> <weight> <kg|lb> BCC ETX EOT`.
Sign is '-', ' ' or 'F' (overload). Ours where the public notes are vague: the weight field
is six digits with the point (7 characters; 6 accepted too) and BCC is the XOR of the bytes
from the status byte to the unit. NAK (0x15) is an error reply. Zero `<ZK>\\t`, tare `<TK>\\t`.
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
ENQ, ACK, DC1, NAK = b"\x05", b"\x06", b"\x11", b"\x15"
_FRAME = re.compile(rb"\x01\x02(([SU])([- F])([0-9. ]{6,7})(kg|lb))(.)\x03\x04", re.DOTALL)


@never_raises(W)
def parse(raw: bytes, at: datetime | None = None) -> Reading | None:
    if raw == ACK:
        return None
    if raw == NAK:
        return error_reading(W, raw, at, "scale refused the request (NAK)", "g")
    m = _FRAME.fullmatch(raw)
    if not m:
        return error_reading(W, raw, at, "not a CAS frame", "g")
    body, status, sign, digits, unit, bcc = m.groups()
    if xor(body) != bcc[0]:
        return error_reading(W, raw, at, "checksum (BCC) mismatch", "g")
    if sign == b"F":
        return limit_reading(raw, at, ReadingStatus.OVERLOAD)
    number = parse_decimal(digits.decode("ascii"))
    if number is None:
        return error_reading(W, raw, at, "bad weight digits", "g")
    if sign == b"-":
        number = -number
    return weight_reading(raw, at, number=number, unit=unit.decode(), stable=status == b"S")


PROFILE = Profile(
    name="cas",
    kind=W,
    label="CAS polled (ENQ/DC1); Dahua (unverified)",
    parse=parse,
    frame=rb"\x06|\x15|\x01\x02[^\x01]{10,11}[\s\S]\x03\x04",
    mode="poll",
    poll=(ENQ, DC1),
    poll_interval_s=0.2,
    poll_gap_s=0.03,
    commands=(("zero", b"<ZK>\t"), ("tare", b"<TK>\t")),
    unit="kg",
    notes="9600 8N1. Negative weights carry '-'; there is no underload flag.",
)
