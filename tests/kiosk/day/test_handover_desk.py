"""The handover desk against a real store (no Qt)."""

from __future__ import annotations

from sqlalchemy import select

from bench.day import DayStore
from kiosk.db import Database
from kiosk.flows.bags import bag_label
from kiosk.flows.handover_desk import HandoverDesk, HCode, list_leaders
from kiosk.models import Handover, Order, OutboxEvent


class Slips:
    def __init__(self) -> None:
        self.ids: list[str] = []

    def enqueue_handover_slip(self, handover_id: str) -> None:
        self.ids.append(handover_id)


def test_badge_bags_foreign_refused_pin_one_event(day: DayStore, day_db: Database) -> None:
    desk = HandoverDesk(day_db)
    snap = desk.scan(day.badge)
    assert snap.outcome is not None and snap.outcome.code is HCode.LEADER_FOUND
    assert {o.order_id for o in snap.orders} >= set(day.leader_orders)
    foreign = desk.scan(bag_label(day.store_id, day.foreign_leader_order))
    assert foreign.outcome is not None and foreign.outcome.code is HCode.NOT_THEIRS
    assert foreign.outcome.refused and foreign.outcome.param("owner")
    for oid in day.leader_orders:
        snap = desk.scan(bag_label(day.store_id, oid))
        assert snap.outcome is not None and snap.outcome.code is HCode.BAG_TICKED
    assert desk.scan(bag_label(day.store_id, day.leader_orders[0])).ticked == 30
    wrong = desk.confirm(confirmed_by="pin", credential="000000", staff_id=day.clerk_id)
    assert wrong.outcome is not None and wrong.outcome.code is HCode.WRONG_CREDENTIAL
    slips = Slips()
    done = desk.confirm(
        confirmed_by="pin", credential=day.leader_pin, staff_id=day.clerk_id, slips=slips
    )
    assert done.outcome is not None and done.outcome.code is HCode.HANDED_OVER, done.outcome
    assert done.done is not None and done.done.count == 30 and slips.ids == [done.done.handover_id]
    with day_db.reader() as s:
        events = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "order.handed_over")).all()
        assert len(events) == 1 and sorted(events[0].payload["order_ids"]) == sorted(
            day.leader_orders
        )
        assert s.get(Order, day.foreign_leader_order).status == "ready"  # type: ignore[union-attr]
        assert s.scalars(select(Handover)).one().bag_count == 30


def test_hand_over_all_and_confirm_by_badge(day: DayStore, day_db: Database) -> None:
    desk = HandoverDesk(day_db)
    desk.identify(day.leader_id)
    snap = desk.tick_all()
    assert snap.ticked == len(snap.orders) >= 30
    done = desk.scan(day.badge, staff_id=day.clerk_id)
    assert done.outcome is not None and done.outcome.code is HCode.HANDED_OVER
    assert done.done is not None and done.done.confirmed_by == "badge"


def test_refusals(day: DayStore, day_db: Database) -> None:
    desk = HandoverDesk(day_db)
    assert desk.scan(bag_label(day.store_id, day.leader_orders[0])).outcome.code is HCode.NO_LEADER  # type: ignore[union-attr]
    assert desk.scan("BADGE-NOPE").outcome.code is HCode.NOT_A_LABEL  # type: ignore[union-attr]
    assert desk.identify("BADGE-NOPE").outcome.code is HCode.UNKNOWN_BADGE  # type: ignore[union-attr]
    desk.scan(day.badge)
    assert (
        desk.confirm(
            confirmed_by="pin", credential=day.leader_pin, staff_id=day.clerk_id
        ).outcome.code
        is HCode.NOTHING_TICKED
    )  # type: ignore[union-attr]
    assert desk.scan(bag_label("ST-OTHER", day.leader_orders[0])).outcome.code is HCode.OTHER_STORE  # type: ignore[union-attr]
    desk.tick_all()
    host = desk.confirm(confirmed_by="pin", credential=day.leader_pin, staff_id="S-003")
    assert host.outcome is not None and host.outcome.code is HCode.REFUSED
    assert {c.leader_id: c.ready for c in list_leaders(day_db)}[day.leader_id] >= 30


class BrokenQueue:
    def enqueue_handover_slip(self, handover_id: str) -> None:
        raise OSError("the printer queue's disk is full")


def test_a_failing_slip_queue_leaves_the_handover_standing(day: DayStore, day_db: Database) -> None:
    desk = HandoverDesk(day_db)
    desk.scan(day.badge)
    desk.tick_all()
    done = desk.confirm(
        confirmed_by="pin", credential=day.leader_pin, staff_id=day.clerk_id, slips=BrokenQueue()
    )
    assert done.outcome is not None and done.outcome.code is HCode.HANDED_OVER
    assert done.done is not None and done.done.slip_queued is False
    with day_db.reader() as s:
        assert s.get(Handover, done.done.handover_id) is not None
