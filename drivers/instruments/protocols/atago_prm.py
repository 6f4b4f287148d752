"""ATAGO PRM-2000α line output, RS-232C 9600 8O1 (odd parity), one line per measurement.

`a.aaaaa,bb.bbb,cc.ccc,dd.ddd,eeeeee,fff.ff,g` = nD, Brix1, Brix2, Brix3, concentration,
temperature °C, channel. The reading's value is Brix1.
"""

from __future__ import annotations

from datetime import datetime

from drivers.instruments.common import (
    Profile,
    error_reading,
    measured_reading,
    never_raises,
    parse_decimal,
)
from kiosk.ports import Reading, ReadingKind

B = ReadingKind.BRIX
NAMES = ("nD", "brix1", "brix2", "brix3", "concentration", "temperature_c", "channel")


@never_raises(B)
def parse(raw: bytes, at: datetime | None = None) -> Reading | None:
    try:
        line = raw.decode("ascii").strip("\r\n")
    except UnicodeDecodeError:
        return error_reading(B, raw, at, "not ASCII (wrong baud rate or parity?)", "%Brix")
    fields = [f.strip() for f in line.split(",")]
    if len(fields) != 7:
        return error_reading(B, raw, at, "not a PRM-2000α line (7 fields expected)", "%Brix")
    brix = parse_decimal(fields[1])
    temp = parse_decimal(fields[5])
    nd = parse_decimal(fields[0])
    if brix is None or temp is None or nd is None:
        return error_reading(
            B,
            raw,
            at,
            "instrument reported no value (out of scale?)",
            "%Brix",
            tuple(zip(NAMES, fields, strict=True)),
        )
    return measured_reading(
        B, raw, at, float(brix), "%Brix", tuple(zip(NAMES, fields, strict=True))
    )


PROFILE = Profile(
    name="atago-prm",
    kind=B,
    label="ATAGO PRM-2000α",
    parse=parse,
    frame=rb"[^\n]*\n",
    mode="listen",
    parity="O",
    silence_s=3600.0,
    unit="%Brix",
    notes="9600 8O1; prints one line per measurement.",
)
