from __future__ import annotations

from datetime import timedelta

import pytest
from ledger_world import World, make_world
from sqlalchemy import func, select

from kiosk.db import Database
from kiosk.errors import IllegalTransition, NotAllowed
from kiosk.ledger.audit import verify_chain
from kiosk.models import AuditEntry, Batch, Handover, IssueReport, Order, OutboxEvent
from kiosk.platform.identity import put_setting
from kiosk.ports import utcnow
from kiosk.services.checkin import LineReceipt, check_in_batch
from kiosk.services.handover import hand_over
from kiosk.services.issues import report_issue
from kiosk.services.overdue import mark_overdue, return_overdue
from kiosk.services.pickup import confirm_pickup, reverse_pickup
from kiosk.services.shift import close_shift, open_shift


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db)


def events(db: Database, type_: str | None = None) -> list[OutboxEvent]:
    with db.reader() as s:
        q = select(OutboxEvent).order_by(OutboxEvent.seq)
        return list(s.scalars(q if type_ is None else q.where(OutboxEvent.type == type_)))


def status(db: Database, oid: str) -> str:
    with db.reader() as s:
        o = s.get(Order, oid)
        assert o is not None
        return o.status


def snapshot(db: Database) -> tuple[object, ...]:
    with db.reader() as s:
        return (
            s.scalar(select(func.count()).select_from(OutboxEvent)),
            s.scalar(select(func.count()).select_from(AuditEntry)),
            tuple(s.execute(select(Order.id, Order.status).order_by(Order.id)).all()),
        )


def test_whole_pickup_is_one_event_and_one_audit(world: World) -> None:
    r = confirm_pickup(world.db, "O-READY", staff_id="C1", method="code")
    assert r.status == "picked_up"
    [ev] = events(world.db)
    assert ev.type == "order.picked_up" and ev.seq == 1 and ev.store_id == "ST1"
    assert ev.payload == {
        "order_id": "O-READY",
        "lines": [{"sku": "MILK", "qty": 2}, {"sku": "EGG", "qty": 1}],
        "method": "code",
        "staff_id": "C1",
    }
    with world.db.reader() as s:
        [audit] = s.scalars(select(AuditEntry)).all()
        assert audit.event_id == ev.event_id and audit.actor == "C1"
        assert verify_chain(s) == []
        o = s.get(Order, "O-READY")
        assert o is not None and o.picked_up_at is not None


def test_partial_then_rest(world: World) -> None:
    assert (
        confirm_pickup(world.db, "O-READY", staff_id="C1", lines={"MILK": 1}).status
        == "partially_picked_up"
    )
    with pytest.raises(IllegalTransition, match="1 left"):
        confirm_pickup(world.db, "O-READY", staff_id="C1", lines={"MILK": 2})
    with pytest.raises(IllegalTransition, match="no line"):
        confirm_pickup(world.db, "O-READY", staff_id="C1", lines={"BREAD": 1})
    r = confirm_pickup(world.db, "O-READY", staff_id="C1")
    assert r.status == "picked_up" and dict(r.lines) == {"MILK": 1.0, "EGG": 1.0}
    assert [e.seq for e in events(world.db)] == [1, 2]


@pytest.mark.parametrize(
    ("oid", "words"),
    [
        ("O-DISP", "not arrived"),
        ("O-PICKED", "already picked up"),
        ("O-CANC", "cancelled"),
        ("O-HAND", "team leader"),
        ("O-REF", "refunded"),
        ("NOPE", "no order"),
    ],
)
def test_illegal_pickups_change_nothing(world: World, oid: str, words: str) -> None:
    before = snapshot(world.db)
    with pytest.raises(IllegalTransition, match=words):
        confirm_pickup(world.db, oid, staff_id="C1")
    assert snapshot(world.db) == before


def test_roles_gate_pickup(world: World) -> None:
    with pytest.raises(NotAllowed, match="host"):
        confirm_pickup(world.db, "O-READY", staff_id="H1")
    with pytest.raises(NotAllowed, match="not known"):
        confirm_pickup(world.db, "O-READY", staff_id="GHOST")
    assert events(world.db) == []


def test_reverse_within_window_by_owner_or_manager(world: World) -> None:
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    with pytest.raises(IllegalTransition, match="why"):
        reverse_pickup(world.db, "O-READY", staff_id="C1", reason="  ")
    with pytest.raises(NotAllowed, match="clerk who did it"):
        reverse_pickup(world.db, "O-READY", staff_id="C2", reason="wrong bag")
    r = reverse_pickup(world.db, "O-READY", staff_id="M1", reason="wrong bag")
    assert r.status == "ready"
    ev = events(world.db, "order.pickup_reversed")[0]
    assert ev.payload["order_id"] == "O-READY" and ev.payload["reason"] == "wrong bag"
    assert ev.payload["staff_id"] == "M1" and ev.payload["reverses_event_id"] == r.reversed_event_id
    with pytest.raises(IllegalTransition, match="no pickup to reverse"):
        reverse_pickup(world.db, "O-READY", staff_id="M1", reason="again")
    # picked up again, then reversed by the same clerk
    confirm_pickup(world.db, "O-READY", staff_id="C2", lines={"EGG": 1})
    assert reverse_pickup(world.db, "O-READY", staff_id="C2", reason="oops").status == "ready"


def test_reverse_after_window_is_refused(world: World) -> None:
    with world.db.session() as s:
        put_setting(s, "pickup_reverse_window_min", 5)
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    later = utcnow() + timedelta(minutes=6)
    before = snapshot(world.db)
    with pytest.raises(NotAllowed, match="within 5 minutes"):
        reverse_pickup(world.db, "O-READY", staff_id="M1", reason="late", now=later)
    assert snapshot(world.db) == before
    assert status(world.db, "O-READY") == "picked_up"


def test_reverse_partial_goes_back_to_partial(world: World) -> None:
    confirm_pickup(world.db, "O-READY", staff_id="C1", lines={"MILK": 1})
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    assert (
        reverse_pickup(world.db, "O-READY", staff_id="C1", reason="x").status
        == "partially_picked_up"
    )


def test_batch_checkin(world: World) -> None:
    r = check_in_batch(
        world.db,
        "B2",
        staff_id="C1",
        temperature_c=4.5,
        received=[
            LineReceipt("O-DISP", "MILK", 1),
            LineReceipt("O-DISP", "EGG", 1, "damaged"),
            LineReceipt("O-DISP2", "MILK", 0),
            LineReceipt("O-DISP2", "EGG", 0),
        ],
        bins={"O-DISP": "C-01"},
    )
    assert r.ready == ("O-DISP",) and r.not_arrived == ("O-DISP2",)
    assert status(world.db, "O-DISP") == "ready" and status(world.db, "O-DISP2") == "dispatched"
    [ev] = events(world.db, "batch.arrived")
    assert ev.payload["batch_id"] == "B2" and ev.payload["temperature_c"] == 4.5
    assert {
        (ln["order_id"], ln["sku"], ln["expected"], ln["received"], ln["condition"])
        for ln in ev.payload["lines"]
    } == {
        ("O-DISP", "MILK", 2, 1, "short"),
        ("O-DISP", "EGG", 1, 1, "damaged"),
        ("O-DISP2", "MILK", 2, 0, "missing"),
        ("O-DISP2", "EGG", 1, 0, "missing"),
    }
    with world.db.reader() as s:
        o = s.get(Order, "O-DISP")
        b = s.get(Batch, "B2")
        assert o is not None and o.bin_code == "C-01" and o.ready_at is not None
        assert b is not None and b.status == "checked_in" and b.temperature_c == 4.5
    with pytest.raises(IllegalTransition, match="already checked in"):
        check_in_batch(world.db, "B2", staff_id="C1")


def test_checkin_assigns_least_loaded_bins_and_refuses_bad_input(world: World) -> None:
    with pytest.raises(IllegalTransition, match="no line"):
        check_in_batch(world.db, "B2", staff_id="C1", received=[LineReceipt("O-READY", "MILK", 1)])
    with pytest.raises(IllegalTransition, match="condition"):
        check_in_batch(
            world.db, "B2", staff_id="C1", received=[LineReceipt("O-DISP", "MILK", 1, "wet")]
        )
    with pytest.raises(IllegalTransition, match="no delivery batch"):
        check_in_batch(world.db, "B9", staff_id="C1")
    with pytest.raises(NotAllowed):
        check_in_batch(world.db, "B2", staff_id="H1")
    r = check_in_batch(world.db, "B2", staff_id="C1")
    # A-01 already holds the seeded ready orders, so the fresh ones go to the emptier bins
    assert {b for _, b in r.bins} <= {"A-02", "C-01"} and len(r.bins) == 2


def test_handover_badge_and_pin(world: World) -> None:
    with pytest.raises(NotAllowed, match="does not belong"):
        hand_over(
            world.db, "L1", ["O-LEAD1"], staff_id="C1", confirmed_by="badge", credential="BADGE-L2"
        )
    with pytest.raises(NotAllowed, match="does not belong"):
        hand_over(world.db, "L1", ["O-LEAD1"], staff_id="C1", confirmed_by="pin", credential="0000")
    with pytest.raises(IllegalTransition, match="does not belong"):
        hand_over(
            world.db, "L1", ["O-READY"], staff_id="C1", confirmed_by="badge", credential="BADGE-L1"
        )
    assert events(world.db) == []
    r = hand_over(
        world.db, "L1", ["O-LEAD1", "O-LEAD2"], staff_id="C1", confirmed_by="pin", credential="4321"
    )
    [ev] = events(world.db)
    assert ev.type == "order.handed_over"
    assert {k: ev.payload[k] for k in ("order_ids", "leader_id", "confirmed_by", "staff_id")} == {
        "order_ids": ["O-LEAD1", "O-LEAD2"],
        "leader_id": "L1",
        "confirmed_by": "pin",
        "staff_id": "C1",
    }
    assert status(world.db, "O-LEAD1") == "handed_over"
    with world.db.reader() as s:
        h = s.get(Handover, r.handover_id)
        assert h is not None and h.bag_count == 2
    with pytest.raises(IllegalTransition, match="handed over"):
        hand_over(
            world.db, "L1", ["O-LEAD1"], staff_id="C1", confirmed_by="badge", credential="BADGE-L1"
        )


def test_issue_report(world: World) -> None:
    r = report_issue(
        world.db,
        "O-READY",
        staff_id="C1",
        kind="damaged",
        sku="EGG",
        quantity=1,
        note="壳碎了",
        media=["ab" * 32],
    )
    [ev] = events(world.db)
    assert ev.type == "order.issue_reported"
    assert ev.payload["kind"] == "damaged" and ev.payload["qty"] == 1
    assert ev.payload["media"] == ["ab" * 32] and ev.payload["note"] == "壳碎了"
    with world.db.reader() as s:
        assert s.get(IssueReport, r.issue_id) is not None
    for kwargs, words in [
        ({"kind": "lost"}, "Unknown issue"),
        ({"kind": "missing", "sku": "X"}, "no line"),
        ({"kind": "missing", "quantity": -1}, "negative"),
    ]:
        with pytest.raises(IllegalTransition, match=words):
            report_issue(world.db, "O-READY", staff_id="C1", **kwargs)  # type: ignore[arg-type]
    assert len(events(world.db)) == 1


def test_shift_close_counts(world: World) -> None:
    sid = open_shift(world.db, staff_id="C1")
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    confirm_pickup(world.db, "O-READY2", staff_id="C1")
    reverse_pickup(world.db, "O-READY2", staff_id="C1", reason="wrong customer")
    with pytest.raises(NotAllowed, match="clerk who did it"):
        close_shift(world.db, sid, staff_id="C2")
    r = close_shift(world.db, sid, staff_id="C1")
    assert r.counts["pickups"] == 2 and r.counts["reversals"] == 1
    ev = events(world.db, "shift.closed")[0]
    assert ev.payload == {"shift_id": sid, "staff_id": "C1", "counts": r.counts}
    with pytest.raises(IllegalTransition, match="already closed"):
        close_shift(world.db, sid, staff_id="M1")


def test_overdue_is_audit_only(world: World) -> None:
    with pytest.raises(NotAllowed):
        mark_overdue(world.db, staff_id="C1")
    assert mark_overdue(world.db, staff_id="M1", days=3) == ["O-OLD"]
    assert status(world.db, "O-OLD") == "overdue"
    assert events(world.db) == []
    with world.db.reader() as s:
        [a] = s.scalars(select(AuditEntry)).all()
        assert (a.action, a.entity_id, a.event_id) == ("order.marked_overdue", "O-OLD", None)
    # an overdue bag can still go to a late customer
    assert confirm_pickup(world.db, "O-OLD", staff_id="C1").status == "picked_up"
    with pytest.raises(IllegalTransition, match="return"):
        return_overdue(world.db, ["O-READY"], staff_id="M1")


def test_return_overdue(world: World) -> None:
    mark_overdue(world.db, days=3)
    assert return_overdue(world.db, ["O-OLD"], staff_id=None, reason="7 days") == ["O-OLD"]
    assert status(world.db, "O-OLD") == "returned"
    with world.db.reader() as s:
        assert verify_chain(s) == []
