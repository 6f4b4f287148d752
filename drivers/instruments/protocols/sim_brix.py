"""SIM-BRIX/1 (ours), 9600 8N1, CR LF, `*XX` XOR checksum:
`BRX,<seq 6 digits>,<brix %.1f>,%Brix,<temp °C %.1f>,<ATC|RAW>,<nD %.5f>,<OK|HI|LO|E01|E02>*XX`.
E01 no sample, E02 temperature outside compensation, HI/LO out of scale: all errors."""

from __future__ import annotations

import re
from datetime import datetime

from drivers.instruments.common import Profile, error_reading, measured_reading, never_raises
from drivers.instruments.protocols.checksum_lines import split_checked
from kiosk.ports import Reading, ReadingKind

B = ReadingKind.BRIX
_BODY = re.compile(
    r"BRX,(\d{6}),(-?\d+\.\d),%Brix,(-?\d+\.\d),(ATC|RAW),(\d\.\d{5}),(OK|HI|LO|E01|E02)"
)
STATUS_WORDS = {
    "HI": "above the scale",
    "LO": "below the scale",
    "E01": "no sample on the prism",
    "E02": "temperature outside the compensation range",
}


@never_raises(B)
def parse(raw: bytes, at: datetime | None = None) -> Reading | None:
    body, why = split_checked(raw)
    if body is None:
        return error_reading(B, raw, at, why, "%Brix")
    m = _BODY.fullmatch(body)
    if not m:
        return error_reading(B, raw, at, "not a SIM-BRIX/1 line", "%Brix")
    seq, brix, temp, atc, nd, code = m.groups()
    side = (("seq", seq), ("temperature_c", temp), ("atc", atc), ("nD", nd), ("code", code))
    if code != "OK":
        return error_reading(B, raw, at, STATUS_WORDS[code], "%Brix", side)
    return measured_reading(B, raw, at, float(brix), "%Brix", side)


PROFILE = Profile(
    name="brix",
    kind=B,
    label="SIM-BRIX/1 refractometer line",
    parse=parse,
    frame=rb"[^\n]*\n",
    mode="listen",
    silence_s=3600.0,
    unit="%Brix",
    notes="ours: one checksummed line per measurement.",
)
