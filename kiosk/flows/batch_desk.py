"""The check-in desk (到货签收) as the back-door clerk works it: pick the arriving batch, scan
bag labels (or tick by touch), see expected vs received live, note shortage or damage per
line (with a photo), enter the cold-chain temperature once per zone, get a shelf bin per
bag, finish.

Qt-free and in memory until `finish`, so a scan is a dictionary lookup (the bench keeps it
well under 100 ms); only a foreign bag costs one primary-key read to say whose it is.
`finish` is the one check-in transaction (`kiosk.services.checkin.check_in_batch`: orders
ready with bins, one `batch.arrived` and one `order.issue_reported` per problem line, all or
nothing), then the check-in sheet. The screen calls every method through the UI's one database worker.
Outcomes are codes with parameters; the UI words them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from sqlalchemy import func, select

from kiosk.db import Database
from kiosk.errors import KioskError
from kiosk.flows.bags import parse_bag, parse_shelf
from kiosk.flows.coldchain import ColdChain, TempCheck, Zone
from kiosk.flows.desk import DeskOutcome, queued, refusal_params
from kiosk.ledger.order_state import ON_SHELF, OrderStatus
from kiosk.models import Batch, Bin, Order
from kiosk.platform.identity import get_setting
from kiosk.ports import utcnow
from kiosk.readings.media import store_media
from kiosk.services.checkin import IssueLine, LineReceipt, check_in_batch

DEFAULT_BIN_CAPACITY = 6  # bags a bin takes before the next one of its zone is used


class Code(StrEnum):
    OPENED = "opened"
    BAG_RECEIVED = "bag_received"
    BAG_AGAIN = "bag_again"  # scanned twice: counted once
    BAG_UNTICKED = "bag_unticked"
    OTHER_BATCH = "other_batch"  # params: batch
    OTHER_STORE = "other_store"  # params: store
    ALREADY_IN = "already_in"  # an order of this batch that is no longer waiting (params: status)
    UNKNOWN_BAG = "unknown_bag"
    NOT_A_LABEL = "not_a_label"
    BIN_CHANGED = "bin_changed"  # params: order, bin
    BIN_OTHER_ZONE = "bin_other_zone"  # changed, but the bin is of another zone (params: zone)
    BIN_UNKNOWN = "bin_unknown"  # params: bin
    NO_BAG_FOR_BIN = "no_bag_for_bin"
    PROBLEM_NOTED = "problem_noted"  # params: order, sku, kind, qty
    TEMP_RECORDED = "temp_recorded"  # params: zone, celsius, check
    NO_BATCH = "no_batch"
    FINISHED = "finished"
    REFUSED = "refused"  # the core refused (params: kind = not_allowed | illegal, message)


REFUSALS = frozenset(
    {
        Code.OTHER_BATCH,
        Code.OTHER_STORE,
        Code.ALREADY_IN,
        Code.UNKNOWN_BAG,
        Code.NOT_A_LABEL,
        Code.BIN_UNKNOWN,
        Code.NO_BAG_FOR_BIN,
        Code.NO_BATCH,
        Code.REFUSED,
    }
)


class ProblemKind(StrEnum):
    SHORT = "short"
    DAMAGED = "damaged"


@dataclass(frozen=True, slots=True)
class Outcome(DeskOutcome[Code]):
    REFUSALS: ClassVar[frozenset[str]] = REFUSALS


@dataclass(frozen=True, slots=True)
class Photo:
    data: bytes
    mime: str = "image/jpeg"


@dataclass(frozen=True, slots=True)
class LineView:
    sku: str
    name: str
    qty: float
    unit: str
    short: float
    damaged: float


@dataclass(frozen=True, slots=True)
class BagView:
    order_id: str
    zone: Zone
    bin_code: str | None
    received: bool
    lines: tuple[LineView, ...]
    note: str
    photos: int


@dataclass(frozen=True, slots=True)
class BatchChoice:
    batch_id: str
    expected_at: datetime | None
    orders: int


@dataclass(frozen=True, slots=True)
class Finished:
    event_id: str
    ready: int
    not_arrived: int
    issues: int
    sheet_queued: bool


@dataclass(frozen=True, slots=True)
class TempView:
    zone: Zone
    celsius: float
    check: TempCheck
    band: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class CheckinSnapshot:
    batch_id: str | None
    expected: int
    received: int
    bags: tuple[BagView, ...]
    current: BagView | None  # the bag just scanned (its bin is shown huge)
    outcome: Outcome | None
    temperatures: tuple[TempView, ...]
    zones_to_measure: tuple[Zone, ...]  # cold zones of this batch without a reading yet
    finished: Finished | None = None

    @property
    def missing(self) -> int:
        return self.expected - self.received


@runtime_checkable
class CheckinSheetSink(Protocol):
    """The printing queue's side that takes a batch's check-in sheet (kiosk.printing.queue)."""

    def enqueue_checkin_sheet(self, batch_id: str) -> None: ...


@dataclass
class _Line:
    sku: str
    name: str
    qty: float
    unit: str
    short: float = 0.0
    damaged: float = 0.0


@dataclass
class _Bag:
    order_id: str
    zone: Zone
    lines: list[_Line]
    bin_code: str | None = None
    received: bool = False
    note: str = ""
    photos: list[Photo] = field(default_factory=list)


def arriving_batches(db: Database) -> list[BatchChoice]:
    """Batches still expected, with how many dispatched orders each brings."""
    with db.reader() as s:
        rows = s.execute(
            select(Batch.id, Batch.expected_at, func.count(Order.id))
            .join(Order, (Order.batch_id == Batch.id) & (Order.status == OrderStatus.DISPATCHED))
            .where(Batch.status != "checked_in")
            .group_by(Batch.id)
            .order_by(Batch.expected_at, Batch.id)
        ).all()
    return [BatchChoice(str(b), at, int(n)) for b, at, n in rows]


class CheckinDesk:
    def __init__(
        self,
        db: Database,
        *,
        data_dir: Path,
        cold_chain: ColdChain | None = None,
        bin_capacity: int | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db, self.data_dir, self.clock = db, data_dir, clock
        self._given_chain, self._given_capacity = cold_chain, bin_capacity
        self.cold_chain = cold_chain or ColdChain()
        self.bin_capacity = max(1, bin_capacity or DEFAULT_BIN_CAPACITY)
        self._reset()

    def _reset(self) -> None:
        self.batch_id: str | None = None
        self.store_id = ""
        self._bags: dict[str, _Bag] = {}
        self._bins: dict[str, Zone] = {}
        self._load: Counter[str] = Counter()
        self._current: str | None = None
        self._temps: dict[Zone, float] = {}
        self._finished: Finished | None = None
        self._received = 0

    # --- opening ---------------------------------------------------------------------------

    def open(self, batch_id: str) -> CheckinSnapshot:
        self._reset()
        with self.db.reader() as s:
            batch = s.get(Batch, batch_id.strip())
            if batch is None or batch.status == "checked_in":
                return self._snapshot(Outcome(Code.NO_BATCH, (("batch", batch_id),)))
            orders = s.scalars(
                select(Order)
                .where(Order.batch_id == batch.id, Order.status == OrderStatus.DISPATCHED)
                .order_by(Order.id)
            ).all()
            for o in orders:
                lines = [_Line(ln.sku, ln.name, ln.qty, ln.unit) for ln in o.lines]
                self._bags[o.id] = _Bag(
                    o.id, self.cold_chain.zone_of_order(ln.sku for ln in lines), lines
                )
            self._bins = {
                code: Zone(zone) if zone in {z.value for z in Zone} else Zone.AMBIENT
                for code, zone in s.execute(
                    select(Bin.code, Bin.zone)
                    .where(Bin.store_id == batch.store_id)
                    .order_by(Bin.code)
                )
            }
            self._load = Counter({c: 0 for c in self._bins})
            for code, n in s.execute(
                select(Order.bin_code, func.count())
                .where(Order.status.in_(ON_SHELF), Order.bin_code.is_not(None))
                .group_by(Order.bin_code)
            ):
                if code is not None and code in self._load:
                    self._load[code] = int(n)
            self.batch_id, self.store_id = batch.id, batch.store_id
            # the store's settings (kiosk settings table) unless the caller gave them
            if self._given_chain is None:
                self.cold_chain = ColdChain.from_setting(get_setting(s, "cold_chain"))
            if self._given_capacity is None:
                capacity = get_setting(s, "bin_capacity", DEFAULT_BIN_CAPACITY)
                ok = isinstance(capacity, int) and not isinstance(capacity, bool) and capacity > 0
                self.bin_capacity = (
                    capacity if ok and isinstance(capacity, int) else DEFAULT_BIN_CAPACITY
                )
        return self._snapshot(
            Outcome(Code.OPENED, (("batch", self.batch_id), ("orders", str(len(self._bags)))))
        )

    # --- scanning --------------------------------------------------------------------------

    def scan(self, text: str) -> CheckinSnapshot:
        """A bag label (counts it, assigns a bin) or a shelf label (re-bins the last bag)."""
        bag = parse_bag(text)
        if (self.batch_id is None or self._finished is not None) and bag is not None:
            opened = self._open_for(bag.order_id)  # the first bag picks its delivery
            if opened is not None:
                return opened
        if self.batch_id is None or self._finished is not None:
            return self._snapshot(Outcome(Code.NO_BATCH))
        if bag is not None:
            if bag.store_id is not None and bag.store_id != self.store_id:
                return self._snapshot(Outcome(Code.OTHER_STORE, (("store", bag.store_id),)))
            if bag.order_id in self._bags:
                return self._receive(bag.order_id)
            return self._snapshot(self._foreign(bag.order_id))
        shelf = parse_shelf(text)
        if shelf is not None and (shelf.store_id in (None, self.store_id)):
            if self._current is None:
                return self._snapshot(Outcome(Code.NO_BAG_FOR_BIN))
            return self.set_bin(self._current, shelf.bin_code)
        if shelf is not None:
            return self._snapshot(Outcome(Code.OTHER_STORE, (("store", shelf.store_id or ""),)))
        return self._snapshot(Outcome(Code.NOT_A_LABEL))

    def _open_for(self, order_id: str) -> CheckinSnapshot | None:
        with self.db.reader() as s:
            order = s.get(Order, order_id)
            batch = order.batch_id if order and order.status == OrderStatus.DISPATCHED else None
        if batch is None or self.open(batch).batch_id is None:
            return None
        return self._receive(order_id)

    def tick(self, order_id: str) -> CheckinSnapshot:
        """Touch: tick a bag as received (or untick one ticked by mistake)."""
        bag = self._bags.get(order_id)
        if bag is None or self._finished is not None:
            return self._snapshot(Outcome(Code.UNKNOWN_BAG))
        if bag.received:
            bag.received = False
            self._received -= 1
            if bag.bin_code:
                self._load[bag.bin_code] -= 1
            bag.bin_code = None
            self._current = None
            return self._snapshot(Outcome(Code.BAG_UNTICKED, (("order", order_id),)))
        return self._receive(order_id)

    def _receive(self, order_id: str) -> CheckinSnapshot:
        bag = self._bags[order_id]
        self._current = order_id
        if bag.received:
            return self._snapshot(
                Outcome(Code.BAG_AGAIN, (("order", order_id), ("bin", bag.bin_code or "")))
            )
        bag.received = True
        self._received += 1
        bag.bin_code = self._next_bin(bag.zone)
        if bag.bin_code:
            self._load[bag.bin_code] += 1
        return self._snapshot(
            Outcome(Code.BAG_RECEIVED, (("order", order_id), ("bin", bag.bin_code or "")))
        )

    def _foreign(self, order_id: str) -> Outcome:
        with self.db.reader() as s:
            order = s.get(Order, order_id)
            if order is None:
                return Outcome(Code.UNKNOWN_BAG, (("order", order_id),))
            if order.store_id != self.store_id:
                return Outcome(Code.OTHER_STORE, (("store", order.store_id), ("order", order_id)))
            if order.status != OrderStatus.DISPATCHED:
                return Outcome(Code.ALREADY_IN, (("order", order_id), ("status", order.status)))
            return Outcome(Code.OTHER_BATCH, (("batch", order.batch_id or ""), ("order", order_id)))

    def _next_bin(self, zone: Zone) -> str | None:
        """The first bin of the zone with room, else the least loaded of the zone (or any)."""
        in_zone = [c for c, z in self._bins.items() if z == zone] or list(self._bins)
        if not in_zone:
            return None
        free = [c for c in in_zone if self._load[c] < self.bin_capacity]
        if free:
            return free[0]
        return min(in_zone, key=lambda c: (self._load[c], c))

    def set_bin(self, order_id: str, bin_code: str) -> CheckinSnapshot:
        bag = self._bags.get(order_id)
        code = bin_code.strip()
        if bag is None or not bag.received:
            return self._snapshot(Outcome(Code.NO_BAG_FOR_BIN))
        if code not in self._bins:
            return self._snapshot(Outcome(Code.BIN_UNKNOWN, (("bin", code),)))
        if bag.bin_code:
            self._load[bag.bin_code] -= 1
        bag.bin_code = code
        self._load[code] += 1
        self._current = order_id
        params = (
            ("order", order_id),
            ("bin", code),
            ("zone", self._bins[code].value),
            ("wanted", bag.zone.value),
        )
        same = self._bins[code] == bag.zone
        return self._snapshot(Outcome(Code.BIN_CHANGED if same else Code.BIN_OTHER_ZONE, params))

    def bins(self, zone: Zone | None = None) -> tuple[tuple[str, Zone, int], ...]:
        """Bins to choose from by touch: code, zone, bags in it."""
        return tuple(
            (c, z, self._load[c]) for c, z in self._bins.items() if zone is None or z == zone
        )

    # --- problems and temperature ----------------------------------------------------------

    def note_problem(
        self,
        order_id: str,
        sku: str,
        kind: ProblemKind,
        *,
        qty: float = 1,
        note: str | None = None,
        photo: Photo | None = None,
    ) -> CheckinSnapshot:
        """Add `qty` short or damaged units to a line (never past what was expected); a
        scanned bag only. A negative `qty` takes units back (a tap too many)."""
        bag = self._bags.get(order_id)
        line = next((ln for ln in bag.lines if ln.sku == sku), None) if bag else None
        if bag is None or line is None:
            return self._snapshot(Outcome(Code.UNKNOWN_BAG, (("order", order_id),)))
        if not bag.received:
            self._receive(order_id)
        if kind is ProblemKind.SHORT:
            line.short = min(max(0.0, line.short + qty), line.qty - line.damaged)
        else:
            line.damaged = min(max(0.0, line.damaged + qty), line.qty - line.short)
        if note is not None:
            bag.note = note.strip()
        if photo is not None and photo.data:
            bag.photos.append(photo)
        self._current = order_id
        amount = line.short if kind is ProblemKind.SHORT else line.damaged
        return self._snapshot(
            Outcome(
                Code.PROBLEM_NOTED,
                (
                    ("order", order_id),
                    ("sku", sku),
                    ("name", line.name),
                    ("kind", kind.value),
                    ("qty", f"{amount:g}"),
                ),
            )
        )

    def set_temperature(self, celsius: float, zone: Zone | None = None) -> CheckinSnapshot:
        """One reading per cold zone of the batch; without a zone it goes to the first cold
        zone still unmeasured (the usual case: one chilled reading for the whole van)."""
        if self.batch_id is None:
            return self._snapshot(Outcome(Code.NO_BATCH))
        target = zone or next(iter(self._zones_to_measure()), None) or self._coldest()
        result = self.cold_chain.check(target, celsius)
        if result is not TempCheck.IMPLAUSIBLE:
            self._temps[target] = celsius
        return self._snapshot(
            Outcome(
                Code.TEMP_RECORDED,
                (("zone", target.value), ("celsius", f"{celsius:g}"), ("check", result.value)),
            )
        )

    def _coldest(self) -> Zone:
        zones = {b.zone for b in self._bags.values()}
        return Zone.FROZEN if Zone.FROZEN in zones else Zone.CHILLED

    def _zones_to_measure(self) -> tuple[Zone, ...]:
        zones = {b.zone for b in self._bags.values()}
        return tuple(z for z in (Zone.CHILLED, Zone.FROZEN) if z in zones and z not in self._temps)

    # --- finishing -------------------------------------------------------------------------

    def finish(self, *, staff_id: str | None, sheets: object | None = None) -> CheckinSnapshot:
        """Commit: scanned bags become ready in their bins, unscanned ones stay not arrived."""
        if self.batch_id is None or self._finished is not None:
            return self._snapshot(Outcome(Code.NO_BATCH))
        received: list[LineReceipt] = []
        bins: dict[str, str] = {}
        for bag in self._bags.values():
            for ln in bag.lines:
                if not bag.received:
                    received.append(LineReceipt(bag.order_id, ln.sku, 0, "missing"))
                elif ln.damaged:
                    received.append(LineReceipt(bag.order_id, ln.sku, ln.qty - ln.short, "damaged"))
                elif ln.short:
                    received.append(LineReceipt(bag.order_id, ln.sku, ln.qty - ln.short, "short"))
            if bag.received and bag.bin_code:
                bins[bag.order_id] = bag.bin_code
        temp = self._temps.get(Zone.CHILLED, self._temps.get(Zone.FROZEN))
        try:
            issues = self._issue_lines()
            result = check_in_batch(
                self.db,
                self.batch_id,
                staff_id=staff_id,
                received=received,
                temperature_c=temp,
                bins=bins,
                now=self.clock(),
                issues=issues,
            )
        except KioskError as exc:
            return self._snapshot(Outcome(Code.REFUSED, refusal_params(exc)))
        batch_id = self.batch_id
        sheet = isinstance(sheets, CheckinSheetSink) and queued(
            lambda: sheets.enqueue_checkin_sheet(batch_id)
        )
        self._finished = Finished(
            result.event_id, len(result.ready), len(result.not_arrived), len(issues), sheet
        )
        return self._snapshot(Outcome(Code.FINISHED, (("batch", self.batch_id),)))

    def _issue_lines(self) -> list[IssueLine]:
        """One issue per short or damaged line of a scanned bag; its photos are stored first
        (content-addressed files: a photo of a check-in that then fails is only a spare file)."""
        lines: list[IssueLine] = []
        for bag in self._bags.values():
            if not bag.received or not any(ln.short or ln.damaged for ln in bag.lines):
                continue
            media: tuple[str, ...] = ()
            if bag.photos:
                with self.db.session() as s:
                    media = tuple(store_media(s, self.data_dir, p.data, p.mime) for p in bag.photos)
            for ln in bag.lines:
                if ln.short > 0:
                    lines.append(
                        IssueLine(
                            bag.order_id,
                            ln.sku,
                            "missing",
                            ln.short,
                            bag.note,
                            () if ln.damaged else media,
                        )
                    )
                if ln.damaged > 0:
                    lines.append(
                        IssueLine(bag.order_id, ln.sku, "damaged", ln.damaged, bag.note, media)
                    )
        return lines

    # --- the snapshot ----------------------------------------------------------------------

    def _view(self, bag: _Bag) -> BagView:
        return BagView(
            bag.order_id,
            bag.zone,
            bag.bin_code,
            bag.received,
            tuple(
                LineView(ln.sku, ln.name, ln.qty, ln.unit, ln.short, ln.damaged) for ln in bag.lines
            ),
            bag.note,
            len(bag.photos),
        )

    def snapshot(self) -> CheckinSnapshot:
        return self._snapshot(None)

    def _snapshot(self, outcome: Outcome | None) -> CheckinSnapshot:
        temps = tuple(
            TempView(
                z,
                c,
                self.cold_chain.check(z, c),
                (b.min_c, b.max_c) if (b := self.cold_chain.band(z)) else None,
            )
            for z, c in self._temps.items()
        )
        current = self._bags.get(self._current) if self._current else None
        return CheckinSnapshot(
            self.batch_id,
            len(self._bags),
            self._received,
            tuple(self._view(b) for b in self._bags.values()),
            self._view(current) if current else None,
            outcome,
            temps,
            self._zones_to_measure(),
            self._finished,
        )
