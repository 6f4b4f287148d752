"""Live test mode (Qt-free): the host picks product and batch and starts a session; Brix and
pesticide results from the instruments are saved (signed) as they come, a stable weight when
the host captures it; each kind's samples build n, mean and spread. Screens draw the
LiveSnapshot; the desk runs on the UI's one database worker.

A positive pesticide result is saved and shown as positive like any other: nothing here
filters a bad result out.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from kiosk.db import Database
from kiosk.errors import UserFacingError
from kiosk.models.readings import ReadingRecord
from kiosk.ports import Reading, ReadingKind, ReadingStatus, utcnow
from kiosk.readings.context import ReadingContext
from kiosk.readings.service import save_reading

# tone of a grade or verdict: good (green), warn (amber), bad (red), neutral (grey)
# why the desk refused (the UI words each)
ERRORS = ("no_product", "no_operator", "bad_reading", "not_live", "weight_moving", "not_saved")
TONES = {
    "below": "warn",
    "normal": "neutral",
    "sweet": "good",
    "extra_sweet": "good",
    "negative": "good",
    "suspect": "warn",
    "positive": "bad",
    "invalid": "warn",
}


@dataclass(frozen=True, slots=True)
class Instrument:
    """Who measured: the instrument's model and serial (from its setting, or its driver)."""

    name: str
    model: str
    serial: str
    protocol: str = ""


@dataclass(frozen=True, slots=True)
class LiveItem:
    reading_id: str
    kind: str
    value: float | None
    unit: str
    verdict: str | None  # grade or verdict code (kiosk.readings.brix / pesticide)
    tone: str
    code: str | None  # verification code (LKR1.…); None for a manual entry
    short_code: str | None
    manual: bool
    instrument: Instrument | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Spread:
    n: int
    mean: float
    sd: float
    low: float
    high: float
    unit: str


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    session_id: str | None
    product: str
    batch_id: str
    operator_id: str = ""  # who went live: the operator of every reading of the session
    items: tuple[LiveItem, ...] = ()
    spreads: Mapping[str, Spread] = field(default_factory=dict)
    weight: float | None = None  # the scale's live figure (not saved until captured)
    weight_unit: str = ""
    weight_stable: bool = False
    error: str = ""  # code of the last refusal (ERRORS; the UI words it), "" when none
    error_detail: str = ""  # the core's own sentence (English, for the log)

    @property
    def latest(self) -> LiveItem | None:
        return self.items[-1] if self.items else None

    @property
    def running(self) -> bool:
        return self.session_id is not None


def instrument_of(device: object, configured: Sequence[Mapping[str, object]] = ()) -> Instrument:
    """Model and serial of a running instrument: its setting when it has them, else what the
    driver says of itself (profile label, port)."""
    status = getattr(device, "status", None)
    name = str(status().name) if callable(status) else "instrument"
    entry = next((c for c in configured if str(c.get("name", "")) == name), {})
    profile = getattr(device, "profile", None)
    model = entry.get("model") or getattr(profile, "label", None) or name
    port = str(getattr(device, "url", "") or "")
    serial = (
        entry.get("serial")
        or getattr(device, "serial", None)
        or (f"port {port.rsplit('/', 1)[-1]}" if port else "?")
    )  # no serial configured
    protocol = entry.get("protocol") or getattr(profile, "name", "") or ""
    return Instrument(name, str(model), str(serial), str(protocol))


class LiveDesk:
    """One host's live session. Every method returns the new snapshot."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.snap = LiveSnapshot(None, "", "")
        self._weight: tuple[Reading, Instrument] | None = None

    def start(
        self, *, product: str, batch_id: str, operator_id: str | None, session_id: str | None = None
    ) -> LiveSnapshot:
        """Go live. The host who starts is the operator of the session's readings (an idle
        lock during a long test on camera does not lose or orphan them)."""
        if not product.strip():
            return self._refuse("no_product")
        if not operator_id:
            return self._refuse("no_operator")
        sid = session_id or f"live-{utcnow():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:4]}"
        self.snap = LiveSnapshot(sid, product.strip(), batch_id.strip(), operator_id)
        return self.snap

    def stop(self) -> LiveSnapshot:
        self.snap = replace(self.snap, session_id=None, error="", error_detail="")
        return self.snap

    def take(self, reading: Reading, instrument: Instrument) -> LiveSnapshot:
        """A reading from an instrument: a weight is shown live; a Brix or pesticide result
        of a running session is saved at once (with its signature)."""
        if reading.kind is ReadingKind.WEIGHT:
            self.snap = replace(
                self.snap,
                weight=reading.value,
                weight_unit=reading.unit,
                weight_stable=reading.stable and reading.status is ReadingStatus.OK,
            )
            if reading.stable and reading.status is ReadingStatus.OK:
                self._weight = (reading, instrument)
            return self.snap
        if not self.snap.running:
            return self.snap
        if reading.status is not ReadingStatus.OK or reading.value is None:
            return self._refuse("bad_reading", reading.status.value)
        extra = dict(reading.extra)
        if reading.kind is ReadingKind.PESTICIDE and ("dA0" not in extra or "dAt" not in extra):
            return self.snap  # a control line: not a sample result
        return self._save(reading, instrument, self.snap.operator_id)

    def capture_weight(self, *, operator_id: str | None = None) -> LiveSnapshot:
        """The host taps Save: the stable weight shown now (by whoever is logged in)."""
        if not self.snap.running:
            return self._refuse("not_live")
        if self._weight is None or not self.snap.weight_stable:
            return self._refuse("weight_moving")
        reading, instrument = self._weight
        return self._save(reading, instrument, operator_id or self.snap.operator_id)

    def _save(self, reading: Reading, instrument: Instrument, operator_id: str) -> LiveSnapshot:
        ctx = ReadingContext(
            operator_id=operator_id,
            context="livestream",
            session_id=self.snap.session_id,
            product=self.snap.product,
            batch_id=self.snap.batch_id or None,
            instrument_model=instrument.model,
            instrument_serial=instrument.serial,
            protocol=instrument.protocol or None,
        )
        try:
            with self.db.session() as s:
                saved = save_reading(s, reading, ctx)
                row = s.get(ReadingRecord, saved.reading_id)
                assert row is not None
                value, unit = row.value, row.unit
        except UserFacingError as exc:
            return self._refuse("not_saved", str(exc))
        item = LiveItem(
            saved.reading_id,
            reading.kind.value,
            value,
            unit,
            saved.verdict,
            TONES.get(saved.verdict or "", "neutral"),
            saved.code,
            saved.short_code,
            False,
            instrument,
            reading.at,
        )
        items = (*self.snap.items, item)
        self.snap = replace(
            self.snap, items=items, spreads=_spreads(items), error="", error_detail=""
        )
        return self.snap

    def _refuse(self, code: str, detail: str = "") -> LiveSnapshot:
        self.snap = replace(self.snap, error=code, error_detail=detail)
        return self.snap


def _spreads(items: Sequence[LiveItem]) -> dict[str, Spread]:
    out: dict[str, Spread] = {}
    for kind in dict.fromkeys(i.kind for i in items):
        values = [i.value for i in items if i.kind == kind and i.value is not None]
        if not values:
            continue
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        unit = next(i.unit for i in items if i.kind == kind)
        out[kind] = Spread(
            len(values),
            round(statistics.fmean(values), 2),
            round(sd, 2),
            min(values),
            max(values),
            unit,
        )
    return out
