"""The declarative shape of an instrument protocol and the helpers every parser shares.

A protocol is data (`Profile`: serial settings, poll command and timing, frame pattern,
commands) plus two pure functions (`parse` bytes → Reading, `encode` for commands). Odoo's
IoT box does the same with `SerialProtocol(...)`; ours adds typed fields and a parser that
never raises.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Literal, Protocol

from kiosk.ports import Reading, ReadingKind, ReadingStatus, utcnow


class Parser(Protocol):
    """bytes (one frame, or noise) → a Reading, or None for acknowledgements; never raises."""

    def __call__(self, raw: bytes, at: datetime | None = None, /) -> Reading | None: ...


Mode = Literal["poll", "listen"]

# Weights are normalised to grams; the display unit travels in `extra`.
GRAMS_PER_UNIT: dict[str, Decimal] = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "mg": Decimal("0.001"),
    "ct": Decimal("0.2"),
    "lb": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
    "t": Decimal(1000000),
}


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the generic port worker needs to talk to one kind of instrument.

    `frame` is a regex (bytes, DOTALL) matching one complete frame in the byte stream;
    bytes before a match are noise and reach the parser on their own (→ status error).
    """

    name: str
    kind: ReadingKind
    label: str
    parse: Parser = field(compare=False, repr=False)
    frame: bytes
    mode: Mode = "listen"
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"  # N, E, O
    stopbits: float = 1
    poll: tuple[bytes, ...] = ()  # sent in order each poll, `poll_gap_s` apart
    poll_interval_s: float = 0.2
    poll_gap_s: float = 0.03
    read_timeout_s: float = 0.05
    silence_s: float = 3.0  # no frame for this long → status "waiting"
    max_frame: int = 256  # a buffer longer than this without a frame is flushed as noise
    commands: tuple[tuple[str, bytes], ...] = ()  # ("zero", b"Z\r\n"), ("tare", ...)
    unit: str = ""  # default display unit when the frame carries none (Toledo: kg)
    probe: bytes | None = None  # bytes that ask "are you there?"
    probe_reply: bytes | None = None
    stable_flag: bool = True  # False: the format has no motion flag (gate uses readings alone)
    on_connect: tuple[bytes, ...] = ()  # sent once after each (re)connect (MT-SICS: I2)
    # reads the display division (grams) from a device reply, e.g. MT-SICS I2; None: not one
    division_from: Callable[[bytes], float | None] | None = field(
        default=None, compare=False, repr=False
    )
    notes: str = ""

    @property
    def frame_re(self) -> re.Pattern[bytes]:
        return re.compile(self.frame, re.DOTALL)

    def command_bytes(self, name: str) -> bytes | None:
        return dict(self.commands).get(name)


def never_raises(
    kind: ReadingKind,
) -> Callable[[Callable[[bytes, datetime | None], Reading | None]], Parser]:
    """Wrap a parser so any surprise becomes `status: error` with the raw bytes."""

    def wrap(fn: Callable[[bytes, datetime | None], Reading | None]) -> Parser:
        @functools.wraps(fn)
        def safe(raw: bytes, at: datetime | None = None, /) -> Reading | None:
            try:
                return fn(bytes(raw), at)
            except Exception as exc:  # a parser must never take the worker down
                return error_reading(
                    kind, bytes(raw), at, f"unparseable frame ({type(exc).__name__})"
                )

        return safe

    return wrap


def error_reading(
    kind: ReadingKind,
    raw: bytes,
    at: datetime | None,
    why: str,
    unit: str = "",
    extra: tuple[tuple[str, str], ...] = (),
) -> Reading:
    return Reading(
        kind=kind,
        value=None,
        unit=unit,
        stable=False,
        status=ReadingStatus.ERROR,
        raw=raw,
        at=at or utcnow(),
        extra=(("error", why), *extra),
    )


def measured_reading(
    kind: ReadingKind,
    raw: bytes,
    at: datetime | None,
    value: float | None,
    unit: str,
    extra: tuple[tuple[str, str], ...] = (),
) -> Reading:
    """A settled measurement (value None: a record that carries no number): stable, OK."""
    return Reading(
        kind=kind,
        value=value,
        unit=unit,
        stable=True,
        status=ReadingStatus.OK,
        raw=raw,
        at=at or utcnow(),
        extra=extra,
    )


def xor(data: bytes) -> int:
    acc = 0
    for b in data:
        acc ^= b
    return acc


def parse_decimal(text: str) -> Decimal | None:
    """A signed decimal that may be padded with spaces or zeros inside (`-  0.120`)."""
    cleaned = text.replace(" ", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d*)?|[+-]?\.\d+", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def weight_reading(
    raw: bytes,
    at: datetime | None,
    *,
    number: Decimal,
    unit: str,
    stable: bool,
    extra: tuple[tuple[str, str], ...] = (),
) -> Reading:
    """A weight in grams; the display value/unit and the display division go in `extra`."""
    unit_key = unit.strip().lower()
    factor = GRAMS_PER_UNIT.get(unit_key)
    if factor is None:
        return error_reading(ReadingKind.WEIGHT, raw, at, f"unknown unit {unit!r}", "g")
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    division = Decimal(1).scaleb(-decimals) * factor
    grams = float(round(number * factor, 6))
    status = ReadingStatus.OK if stable else ReadingStatus.MOTION
    side = (
        ("display_value", f"{number}"),
        ("display_unit", unit_key),
        ("division_g", f"{float(division):g}"),
        *extra,
    )
    return Reading(
        kind=ReadingKind.WEIGHT,
        value=grams,
        unit="g",
        stable=stable,
        status=status,
        raw=raw,
        at=at or utcnow(),
        extra=side,
    )


def limit_reading(
    raw: bytes, at: datetime | None, status: ReadingStatus, extra: tuple[tuple[str, str], ...] = ()
) -> Reading:
    """Overload/underload: never a number."""
    return Reading(
        kind=ReadingKind.WEIGHT,
        value=None,
        unit="g",
        stable=False,
        status=status,
        raw=raw,
        at=at or utcnow(),
        extra=extra,
    )
