"""SIM-PEST/1 (ours), 9600 8N1, CR LF, `*XX` checksum, one line per channel:
control `CTL,<ch>,<ΔA₀ %.3f>,<OK|LOWACT|HIGHACT>,<ISO time>*XX`; result
`PST,<ch>,<sample id>,<ΔA₀>,<ΔAₜ>,<inhibition %.1f>,<NEG|SUS|POS|INV>,<ISO time>*XX`.
A result's value is the reader's inhibition %; the kiosk recomputes it (kiosk.readings)."""

from __future__ import annotations

import re
from datetime import datetime

from drivers.instruments.common import Profile, error_reading, measured_reading, never_raises
from drivers.instruments.protocols.checksum_lines import split_checked
from kiosk.ports import Reading, ReadingKind

P = ReadingKind.PESTICIDE
_TIME = r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d))"
_CTL = re.compile(r"CTL,(\d\d),(\d+\.\d{3}),(OK|LOWACT|HIGHACT)," + _TIME)
_PST = re.compile(
    r"PST,(\d\d),([A-Za-z0-9_.-]{1,32}),(\d+\.\d{3}),(\d+\.\d{3}),(-?\d+\.\d),"
    r"(NEG|SUS|POS|INV)," + _TIME
)


@never_raises(P)
def parse(raw: bytes, at: datetime | None = None) -> Reading | None:
    body, why = split_checked(raw)
    if body is None:
        return error_reading(P, raw, at, why, "%")
    m = _CTL.fullmatch(body)
    if m:
        ch, da0, state, when = m.groups()
        side: tuple[tuple[str, str], ...] = (
            ("record", "control"),
            ("channel", ch),
            ("dA0", da0),
            ("control", state),
            ("time", when),
        )
        return measured_reading(P, raw, at, None, "%", side)
    m = _PST.fullmatch(body)
    if m:
        ch, sample, da0, dat, inhibition, verdict, when = m.groups()
        side = (
            ("record", "result"),
            ("channel", ch),
            ("sample_id", sample),
            ("dA0", da0),
            ("dAt", dat),
            ("reader_verdict", verdict),
            ("time", when),
        )
        return measured_reading(P, raw, at, float(inhibition), "%", side)
    return error_reading(P, raw, at, "not a SIM-PEST/1 line", "%")


PROFILE = Profile(
    name="pesticide",
    kind=P,
    label="SIM-PEST/1 pesticide-residue reader",
    parse=parse,
    frame=rb"[^\n]*\n",
    mode="listen",
    silence_s=3600.0,
    unit="%",
    notes="ours: one checksummed line per channel (control or result).",
)
