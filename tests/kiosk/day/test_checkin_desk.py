"""The check-in desk against a real migrated SQLite store (no Qt)."""

from __future__ import annotations

from sqlalchemy import select

from bench.day import DayStore
from kiosk.db import Database
from kiosk.flows.bags import bag_label, shelf_label
from kiosk.flows.batch_desk import CheckinDesk, Code, Photo, ProblemKind, arriving_batches
from kiosk.flows.coldchain import ColdChain, TempCheck, Zone
from kiosk.models import AuditEntry, IssueReport, Media, Order, OutboxEvent


class Sheets:
    def __init__(self) -> None:
        self.batches: list[str] = []

    def enqueue_checkin_sheet(self, batch_id: str) -> None:
        self.batches.append(batch_id)


def _desk(day: DayStore, db: Database) -> CheckinDesk:
    desk = CheckinDesk(db, data_dir=day.data_dir)
    snap = desk.open(day.batch_id)
    assert snap.outcome is not None and snap.outcome.code is Code.OPENED
    assert snap.expected == len(day.bag_labels)
    return desk


def test_arriving_batches_list_the_van(day: DayStore, day_db: Database) -> None:
    choices = {c.batch_id: c.orders for c in arriving_batches(day_db)}
    assert choices[day.batch_id] == 100


def test_counts_live_and_a_bag_twice_counts_once(day: DayStore, day_db: Database) -> None:
    desk = _desk(day, day_db)
    first = desk.scan(day.bag_labels[0])
    assert first.outcome is not None and first.outcome.code is Code.BAG_RECEIVED
    assert first.received == 1 and first.current is not None and first.current.bin_code
    again = desk.scan(day.bag_labels[0])
    assert again.outcome is not None and again.outcome.code is Code.BAG_AGAIN
    assert again.received == 1 and again.missing == 99


def test_foreign_bags_are_refused_with_whose_they_are(day: DayStore, day_db: Database) -> None:
    desk = _desk(day, day_db)
    other_store = desk.scan(bag_label("ST-XX-9999", day.van_orders[0]))
    assert other_store.outcome is not None and other_store.outcome.code is Code.OTHER_STORE
    assert other_store.outcome.param("store") == "ST-XX-9999" and other_store.outcome.refused
    other_batch = desk.scan(bag_label(day.store_id, day.leader_orders[0]))
    assert other_batch.outcome is not None and other_batch.outcome.code is Code.ALREADY_IN
    with day_db.reader() as s:
        prior = s.scalars(
            select(Order).where(Order.status == "dispatched", Order.batch_id != day.batch_id)
        ).first()
        assert prior is not None
    wrong = desk.scan(bag_label(day.store_id, prior.id))
    assert wrong.outcome is not None and wrong.outcome.code is Code.OTHER_BATCH
    assert wrong.outcome.param("batch") == prior.batch_id
    assert desk.scan("hello world").outcome.code is Code.NOT_A_LABEL  # type: ignore[union-attr]
    assert wrong.received == 0


def test_bins_follow_zone_and_capacity_and_a_shelf_label_changes_it(
    day: DayStore, day_db: Database
) -> None:
    desk = CheckinDesk(day_db, data_dir=day.data_dir, bin_capacity=2)
    desk.open(day.batch_id)
    zones: dict[str, Zone] = {}
    for label in day.bag_labels[:30]:
        before = {c: (z, n) for c, z, n in desk.bins()}
        snap = desk.scan(label)
        assert snap.current is not None and snap.current.bin_code
        zones[snap.current.order_id] = snap.current.zone
        zone, load = before[snap.current.bin_code]
        assert zone == snap.current.zone
        room = sorted(c for c, (z, n) in before.items() if z == zone and n < 2)
        if room:  # the first bin of the zone with room, else the least loaded one
            assert snap.current.bin_code == room[0]
        else:
            assert load == min(n for z, n in before.values() if z == zone)
    assert len(set(zones.values())) >= 2
    moved = desk.scan(shelf_label(day.store_id, "A-08"))
    assert moved.outcome is not None and moved.outcome.param("bin") == "A-08"
    assert moved.current is not None and moved.current.bin_code == "A-08"
    unknown = desk.scan("Z-99")
    assert unknown.outcome is not None and unknown.outcome.code is Code.BIN_UNKNOWN


def test_temperature_is_checked_against_the_band_from_settings(
    day: DayStore, day_db: Database
) -> None:
    chain = ColdChain.from_setting({"chilled": [2, 6]})
    desk = CheckinDesk(day_db, data_dir=day.data_dir, cold_chain=chain)
    desk.open(day.batch_id)
    warm = desk.set_temperature(7.0, Zone.CHILLED)
    assert warm.outcome is not None and warm.outcome.param("check") == TempCheck.TOO_WARM
    assert ColdChain().check(Zone.CHILLED, 7.0) is TempCheck.IN_BAND
    frozen = desk.set_temperature(-10.0, Zone.FROZEN)
    assert frozen.outcome is not None and frozen.outcome.param("check") == TempCheck.TOO_WARM
    typo = desk.set_temperature(400.0, Zone.CHILLED)
    assert typo.outcome is not None and typo.outcome.param("check") == TempCheck.IMPLAUSIBLE
    assert {t.zone: t.celsius for t in typo.temperatures}[Zone.CHILLED] == 7.0


def test_finish_makes_orders_ready_with_bins_one_event_issues_and_the_sheet(
    day: DayStore, day_db: Database
) -> None:
    desk = _desk(day, day_db)
    several = [b.order_id for b in desk.snapshot().bags if len(b.lines) > 1]
    for label in day.bag_labels[:-1]:
        desk.scan(label)
    short_order, damaged_order = several[0], several[1]  # something is left in the bag
    snap = desk.scan(bag_label(day.store_id, short_order))
    assert snap.current is not None
    short_sku = snap.current.lines[0].sku
    desk.note_problem(short_order, short_sku, ProblemKind.SHORT)
    snap = desk.scan(bag_label(day.store_id, damaged_order))
    assert snap.current is not None
    dmg_sku = snap.current.lines[0].sku
    desk.note_problem(
        damaged_order,
        dmg_sku,
        ProblemKind.DAMAGED,
        note="压扁了",
        photo=Photo(b"\x89PNG fake but bytes", "image/png"),
    )
    desk.set_temperature(4.5)
    sheets = Sheets()
    done = desk.finish(staff_id=day.clerk_id, sheets=sheets)
    assert done.outcome is not None and done.outcome.code is Code.FINISHED, done.outcome
    assert done.finished is not None
    assert (done.finished.ready, done.finished.not_arrived, done.finished.issues) == (99, 1, 2)
    assert sheets.batches == [day.batch_id]
    with day_db.reader() as s:
        orders = {o.id: o for o in s.scalars(select(Order).where(Order.batch_id == day.batch_id))}
        assert orders[day.van_orders[-1]].status == "dispatched"
        ready = [o for o in orders.values() if o.status == "ready"]
        assert len(ready) == 99 and all(o.bin_code for o in ready)
        arrived = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "batch.arrived")).all()
        assert len(arrived) == 1 and arrived[0].payload["temperature_c"] == 4.5
        lines = {(ln["order_id"], ln["sku"]): ln for ln in arrived[0].payload["lines"]}
        assert lines[(short_order, short_sku)]["condition"] == "short"
        assert lines[(damaged_order, dmg_sku)]["condition"] == "damaged"
        issues = {i.order_id: i for i in s.scalars(select(IssueReport))}
        assert issues[damaged_order].kind == "damaged" and issues[damaged_order].media
        assert s.get(Media, issues[damaged_order].media[0]) is not None
        assert issues[short_order].kind == "missing" and not issues[short_order].media
        audits = s.scalars(select(AuditEntry).where(AuditEntry.action == "batch.arrived")).all()
        assert len(audits) == 1
    again = desk.scan(day.bag_labels[0])
    assert again.outcome is not None and again.outcome.code is Code.NO_BATCH


def test_finish_refused_without_a_permitted_clerk_changes_nothing(
    day: DayStore, day_db: Database
) -> None:
    desk = _desk(day, day_db)
    desk.scan(day.bag_labels[0])
    snap = desk.finish(staff_id="S-003")  # a livestream host may not check in
    assert snap.outcome is not None and snap.outcome.code is Code.REFUSED
    assert snap.outcome.param("kind") == "not_allowed" and snap.finished is None
    with day_db.reader() as s:
        assert not s.scalars(select(OutboxEvent).where(OutboxEvent.type == "batch.arrived")).all()


def test_the_first_bag_picks_its_delivery(day: DayStore, day_db: Database) -> None:
    desk = CheckinDesk(day_db, data_dir=day.data_dir)
    assert desk.scan("hello").outcome.code is Code.NO_BATCH  # type: ignore[union-attr]
    snap = desk.scan(day.bag_labels[5])
    assert snap.batch_id == day.batch_id and snap.received == 1
    assert snap.outcome is not None and snap.outcome.code is Code.BAG_RECEIVED


def test_bands_and_bin_capacity_come_from_the_store_settings(
    day: DayStore, day_db: Database
) -> None:
    from kiosk.platform.identity import put_setting

    with day_db.session() as s:
        put_setting(s, "cold_chain", {"chilled": [2, 5]})
        put_setting(s, "bin_capacity", 1)
    desk = CheckinDesk(day_db, data_dir=day.data_dir)
    desk.open(day.batch_id)
    assert desk.set_temperature(6.0, Zone.CHILLED).outcome.param("check") == TempCheck.TOO_WARM  # type: ignore[union-attr]
    assert desk.bin_capacity == 1
    default = CheckinDesk(day_db, data_dir=day.data_dir, cold_chain=ColdChain())
    default.open(day.batch_id)
    assert default.set_temperature(6.0, Zone.CHILLED).outcome.param("check") == TempCheck.IN_BAND  # type: ignore[union-attr]


def test_the_arrival_and_its_issue_reports_are_one_transaction(
    day: DayStore, day_db: Database
) -> None:
    import pytest

    from kiosk.errors import IllegalTransition
    from kiosk.services.checkin import IssueLine, check_in_batch

    oid = day.van_orders[0]
    with pytest.raises(IllegalTransition):
        check_in_batch(
            day_db,
            day.batch_id,
            staff_id=day.clerk_id,
            issues=[IssueLine(oid, "NO-SUCH-SKU", "damaged", 1)],
        )
    with day_db.reader() as s:
        assert s.scalars(select(OutboxEvent)).all() == []  # nothing half-done
        assert s.scalars(select(IssueReport)).all() == []
        assert s.get(Order, oid).status == "dispatched"  # type: ignore[union-attr]
    desk = _desk(day, day_db)
    snap = desk.scan(day.bag_labels[0])
    assert snap.current is not None
    desk.note_problem(
        oid,
        snap.current.lines[0].sku,
        ProblemKind.DAMAGED,
        photo=Photo(b"\x89PNG one", "image/png"),
    )
    done = desk.finish(staff_id="system")  # the unattended actor may check in; its issues go too
    assert done.finished is not None and done.finished.issues == 1
    with day_db.reader() as s:
        kinds = [e.type for e in s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))]
        assert kinds == ["batch.arrived", "order.issue_reported"]
