"""MT-SICS (Mettler Toledo Standard Interface Command Set) balances, 9600 8N1, CR LF.

Reply layout `<id> <status> [data] [unit]`, the id being the command's name: weight
`S S      100.00 g`, `S D` dynamic, `S I` busy, `S +`/`S -` over/underload; `Z A`,
`ZI S|D`, `T S <tare>`, `TI S|D <tare>`, `I0 B|A …`, `I2 A "…"` acknowledge; `ES/ET/EL` are
general errors. Weight replies are accepted under the id of any weight command (`S`, and the
`SI S  1.25 kg` some compatible balances send); command refusals (`Z I`, `T +`…) are errors.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from drivers.instruments.common import (
    GRAMS_PER_UNIT,
    Profile,
    error_reading,
    limit_reading,
    never_raises,
    parse_decimal,
    weight_reading,
)
from kiosk.ports import Reading, ReadingKind, ReadingStatus

W = ReadingKind.WEIGHT
# fields are separated by spaces (a tab too: InstrumentKit's MT-SICS driver splits on any blank)
_LINE = re.compile(r"(\S+)(?:[ \t]+(\S))?(?:[ \t]+(.*?))?[ \t]*")
_VALUE = re.compile(r"([+-]?[\s\d.]*\d[\d.]*)\s+(\S+)")
_REPLY_ID = re.compile(r"@|[A-Z][A-Z0-9]{0,4}")  # a command name: 1-5 upper-case letters/digits
GENERAL_ERRORS = {
    "ES": "syntax error (ES)",
    "ET": "transmission error (ET)",
    "EL": "logical error (EL)",
}
# ids under which a balance may answer with a weight: `S` by the book, and the echo of the
# weight command itself (`SI S  1.25 kg`) from some compatible balances
WEIGHT_IDS = {"S", "SI", "SIR", "SR", "SU", "SIU", "SIRU", "SNR", "SNRU", "SRU", "SIH"}
ACK_STATUSES = {"A", "B", "S", "D"}  # done, more lines follow, stable/dynamic (ZI, T, TI)
REFUSALS = {
    "I": "not executable now",
    "L": "bad parameter",
    "+": "above its range",
    "-": "below its range",
}
REFUSAL_WORDS = {
    ("Z", "+"): "zero refused: the load is above the zero-setting range",
    ("Z", "-"): "zero refused: the load is below the zero-setting range",
    ("T", "+"): "tare refused: the load is above the taring range",
    ("T", "-"): "tare refused: the load is below the taring range",
}


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
    if cmd in WEIGHT_IDS and status and status not in ("A", "B"):
        return _weight(raw, at, cmd, status, data)
    if not _REPLY_ID.fullmatch(cmd) or not status:
        return error_reading(W, raw, at, "not an MT-SICS reply", "g")
    if status in ACK_STATUSES:
        return None  # acknowledgement or identification: not a reading
    if status in REFUSALS:
        base = cmd.rstrip("I") if cmd in ("ZI", "TI") else cmd
        why = REFUSAL_WORDS.get((base, status), f"{cmd} refused: {REFUSALS[status]}")
        return error_reading(W, raw, at, why, "g", (("reply", f"{cmd} {status}"),))
    return error_reading(W, raw, at, f"unknown status {status!r} in a {cmd} reply", "g")


def _weight(raw: bytes, at: datetime | None, cmd: str, status: str, data: str) -> Reading:
    reply = (("reply", f"{cmd} {status}"),)
    if status == "+":
        return limit_reading(raw, at, ReadingStatus.OVERLOAD)
    if status == "-":
        return limit_reading(raw, at, ReadingStatus.UNDERLOAD)
    if status == "I":
        return error_reading(W, raw, at, f"balance busy ({cmd} I)", "g", reply)
    if status not in ("S", "D"):
        return error_reading(W, raw, at, f"unknown weight status {status!r}", "g", reply)
    if "error" in data.lower():
        return error_reading(W, raw, at, f"balance reports {data.strip()}", "g")
    m = _VALUE.fullmatch(data.strip())
    number = parse_decimal(m.group(1)) if m else None
    if m is None or number is None:
        return error_reading(W, raw, at, "no weight value in reply", "g")
    return weight_reading(raw, at, number=number, unit=m.group(2), stable=status == "S")


def parse_identity(raw: bytes) -> tuple[str, str] | None:
    """`I4 A "B021002593"` → ("I4", "B021002593"); None for anything else."""
    m = re.fullmatch(rb'(I\d+) A "([^"]*)"\r?\n?', raw)
    return (m.group(1).decode(), m.group(2).decode("ascii", "replace")) if m else None


def division_from_i2(raw: bytes) -> float | None:
    """The display step in grams from the balance's own `I2 A "<model> <capacity> <unit>"`:
    the capacity is written to the last displayed digit (`6200.00 g` → 0.01 g). None when
    the reply is not an I2 reply or carries no capacity."""
    ident = parse_identity(raw)
    if ident is None or ident[0] != "I2":
        return None
    m = re.search(r"(\d+(?:\.(\d+))?)\s*([a-zA-Z]{1,3})\s*$", ident[1])
    factor = GRAMS_PER_UNIT.get(m.group(3).lower()) if m else None
    if m is None or factor is None:
        return None
    decimals = len(m.group(2) or "")
    return float(Decimal(1).scaleb(-decimals) * factor)


def encode(command: str) -> bytes:
    """A host command line: `SI` → b"SI\\r\\n"."""
    return command.encode("ascii") + b"\r\n"


PROFILE = Profile(
    name="mt-sics",
    kind=W,
    label="MT-SICS balance",
    parse=parse,
    frame=rb"[^\n]*\n",
    mode="poll",
    poll=(encode("SI"),),
    poll_interval_s=0.2,
    commands=(
        ("zero", encode("Z")),
        ("tare", encode("T")),
        ("clear", encode("TAC")),
        ("identify", encode("I4")),
    ),
    unit="g",
    probe=encode("I4"),
    probe_reply=b'I4 A "',
    on_connect=(encode("I2"),),
    division_from=division_from_i2,
    notes="9600 8N1, CR LF; handshake none. Polls SI (immediate weight); asks I2 on connect.",
)
