"""MT-SICS (Mettler Toledo Standard Interface Command Set) balances, 9600 8N1, CR LF.

Reply layout `<command> <status> [data] [unit]`: weight `S S      100.00 g`, `S D` dynamic,
`S I` busy, `S +`/`S -` over/underload; `Z A` / `T S <tare>` acknowledge; `ES/ET/EL` errors.
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
_LINE = re.compile(r"(\S+)(?: +(\S))?(?: +(.*?))? *")
_VALUE = re.compile(r"([+-]?[\s\d.]*\d[\d.]*)\s+(\S+)")
GENERAL_ERRORS = {"ES": "syntax error (ES)", "ET": "transmission error (ET)",
                  "EL": "logical error (EL)"}
ACK_COMMANDS = {"Z", "T", "TA", "TAC", "I1", "I2", "I3", "I4", "I5", "@", "SIR", "SR", "C"}


@never_raises(W)
def parse(raw: bytes, at: datetime | None = None) -> Reading | None:
    try:
        line = raw.decode("ascii").rstrip("\r\n")
    except UnicodeDecodeError:
        return error_reading(W, raw, at, "not ASCII (wrong baud rate?)", "g")
    m = _LINE.fullmatch(line)
    if not m or not line or "\r" in line or "\n" in line:
        return error_reading(W, raw, at, "not an MT-SICS reply", "g")
    cmd, status, data = m.group(1), m.group(2) or "", m.group(3) or ""
    if cmd in GENERAL_ERRORS and not status:
        return error_reading(W, raw, at, GENERAL_ERRORS[cmd], "g", (("reply", cmd),))
    if cmd == "S":
        return _weight(raw, at, status, data)
    if cmd in ACK_COMMANDS and status in ("A", "S", "B"):
        return None  # acknowledgement or identification: not a reading
    if cmd in ACK_COMMANDS and status in ("I", "L", "+", "-"):
        why = {"I": "not executable now", "L": "bad parameter", "+": "over range",
               "-": "under range"}[status]
        return error_reading(W, raw, at, f"{cmd} refused: {why}", "g", (("reply", f"{cmd} {status}"),))
    return error_reading(W, raw, at, "not an MT-SICS reply", "g")


def _weight(raw: bytes, at: datetime | None, status: str, data: str) -> Reading:
    if status == "+":
        return limit_reading(raw, at, ReadingStatus.OVERLOAD)
    if status == "-":
        return limit_reading(raw, at, ReadingStatus.UNDERLOAD)
    if status == "I":
        return error_reading(W, raw, at, "balance busy (S I)", "g", (("reply", "S I"),))
    if status not in ("S", "D"):
        return error_reading(W, raw, at, f"unknown weight status {status!r}", "g")
    if "error" in data.lower():
        return error_reading(W, raw, at, f"balance reports {data.strip()}", "g")
    m = _VALUE.fullmatch(data.strip())
    number = parse_decimal(m.group(1)) if m else None
    if m is None or number is None:
        return error_reading(W, raw, at, "no weight value in reply", "g")
    return weight_reading(raw, at, number=number, unit=m.group(2), stable=status == "S")


def parse_identity(raw: bytes) -> tuple[str, str] | None:
    """`I4 A "B021002593"` → ("I4", "B021002593"); None for anything else."""
    m = re.fullmatch(rb'(I\d) A "([^"]*)"\r?\n?', raw)
    return (m.group(1).decode(), m.group(2).decode("ascii", "replace")) if m else None


def encode(command: str) -> bytes:
    """A host command line: `SI` → b"SI\\r\\n"."""
    return command.encode("ascii") + b"\r\n"


def encode_weight(status: str, value: str, unit: str, cmd: str = "S") -> bytes:
    """A balance's weight reply, value right-aligned in 10 characters."""
    return f"{cmd} {status} {value:>10} {unit}\r\n".encode("ascii")


PROFILE = Profile(
    name="mt-sics", kind=W, label="MT-SICS balance", parse=parse, frame=rb"[^\n]*\n",
    mode="poll", poll=(encode("SI"),), poll_interval_s=0.2,
    commands=(("zero", encode("Z")), ("tare", encode("T")), ("clear", encode("TAC")),
              ("identify", encode("I4"))),
    unit="g", probe=encode("I4"), probe_reply=b'I4 A "',
    notes="9600 8N1, CR LF; handshake none. Polls SI (immediate weight).",
)
