"""The pickup core behind the counter screen, on a real SQLite ledger: a confirm names the
order the clerk saw (id + version), the receipt rides in the pickup's transaction, hand out
all, undo, reprint, issues with a photo, and verdict details as codes with params."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from ledger_world import World, make_world
from sqlalchemy import select, text, update

from kiosk.db import Database
from kiosk.errors import IllegalTransition, NotAllowed
from kiosk.flows.pickup import NotShown, PickupFlow, PickupStep
from kiosk.models import IssueReport, Media, Order, OrderLine, OutboxEvent
from kiosk.models.printing import PrintJob
from kiosk.ports import utcnow
from kiosk.printing.queue import PrintQueue, SlipQueue
from kiosk.services.pickup import OrderChanged, confirm_pickup
from kiosk.verification.verdicts import Detail

P = PickupStep
CHILD = Path(__file__).with_name("pickup_receipt_crash_child.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db)


def flow_for(world: World, **kw: object) -> PickupFlow:
    receipts = SlipQueue(PrintQueue(world.db))
    return PickupFlow(world.db, staff_id="C1", store_id="ST1", receipts=receipts, **kw)  # type: ignore[arg-type]


def events(db: Database, kind: str = "order.picked_up") -> list[OutboxEvent]:
    with db.reader() as s:
        return list(s.scalars(select(OutboxEvent).where(OutboxEvent.type == kind)))


def jobs(db: Database) -> list[PrintJob]:
    with db.reader() as s:
        return list(s.scalars(select(PrintJob).order_by(PrintJob.created_at)))


def version(db: Database, oid: str) -> int:
    with db.reader() as s:
        o = s.get(Order, oid)
        assert o is not None
        return o.version


def status(db: Database, oid: str) -> str:
    with db.reader() as s:
        o = s.get(Order, oid)
        assert o is not None
        return o.status


def test_every_change_of_an_order_or_its_lines_bumps_its_version(world: World) -> None:
    v0 = version(world.db, "O-READY")
    with world.db.session() as s:  # a line change through the ORM
        line = s.scalars(select(OrderLine).where(OrderLine.order_id == "O-READY")).first()
        assert line is not None
        line.condition = "damaged"
    v1 = version(world.db, "O-READY")
    with world.db.session() as s:  # a bulk write, as inbound sync does
        s.execute(update(Order).where(Order.id == "O-READY").values(bin_code="A-02"))
    v2 = version(world.db, "O-READY")
    with world.db.session() as s:
        s.execute(text("DELETE FROM order_lines WHERE order_id = 'O-READY' AND sku = 'EGG'"))
    assert v0 < v1 < v2 < version(world.db, "O-READY")


def test_a_confirm_for_a_version_the_clerk_did_not_see_is_refused(world: World) -> None:
    seen = version(world.db, "O-READY")
    with world.db.session() as s:  # sync moved the order to another bin meanwhile
        s.execute(update(Order).where(Order.id == "O-READY").values(bin_code="A-02"))
    with pytest.raises(OrderChanged):
        confirm_pickup(world.db, "O-READY", staff_id="C1", expected_version=seen)
    assert status(world.db, "O-READY") == "ready" and events(world.db) == []
    confirm_pickup(
        world.db, "O-READY", staff_id="C1", expected_version=version(world.db, "O-READY")
    )
    assert status(world.db, "O-READY") == "picked_up"


def test_wrong_order_race_scan_a_then_garbage_then_the_old_confirm(world: World) -> None:
    flow = flow_for(world)
    flow.scan(world.token("O-READY"))
    shown_a = flow.ticket
    assert shown_a is not None and shown_a[0] == "O-READY"
    flow.scan("garbage!!")  # the next scan replaced A before the confirm ran
    with pytest.raises(NotShown):
        flow.confirm(shown_a)
    assert (
        flow.step is P.VERDICT and flow.verdict is not None and flow.verdict.verdict == "malformed"
    )
    assert status(world.db, "O-READY") == "ready" and events(world.db) == []
    flow.scan(world.token("O-READY2"))  # a different order on screen: A's ticket still refused
    with pytest.raises(NotShown):
        flow.confirm(shown_a)
    assert flow.confirm(flow.ticket) is P.DONE
    assert [e.payload["order_id"] for e in events(world.db)] == ["O-READY2"]


def test_the_receipt_is_queued_in_the_pickups_transaction(world: World) -> None:
    flow = flow_for(world)
    flow.scan(world.token("O-READY"))
    assert flow.confirm(flow.ticket) is P.DONE
    [job] = jobs(world.db)
    assert job.ref == "O-READY" and flow.done is not None and flow.done.receipt == "queued"
    assert flow.done.results[0].receipt_job == job.id


def test_a_crash_while_queuing_the_receipt_loses_both_or_neither(world: World) -> None:
    """The old flow committed the pickup, then queued the slip in a second transaction: a
    crash between handed the order out with no receipt. Now one transaction holds both."""
    token = world.token("O-READY")
    data_dir = world.db.path.parent
    world.db.close()
    proc = subprocess.run(
        [sys.executable, str(CHILD), str(data_dir), token, "ST1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 9, proc.stderr
    db = Database(world.db.path)
    try:
        picked = status(db, "O-READY") == "picked_up"
        queued = [j.ref for j in jobs(db)] == ["O-READY"]
        assert picked == queued, "a pickup without its receipt (or a receipt without pickup)"
        assert not picked and events(db) == []
    finally:
        db.close()


def test_hand_out_all_of_a_customers_ready_orders_one_confirm_one_event_each(world: World) -> None:
    flow = flow_for(world)
    flow.scan(world.token("O-LEAD1"))
    assert {o.order_id for o in flow.others} == {"O-LEAD2", "O-OLD"}
    assert flow.confirm_all([flow.ticket, *(o.ticket for o in flow.others)]) is P.DONE  # type: ignore[list-item]
    assert sorted(e.payload["order_id"] for e in events(world.db)) == [
        "O-LEAD1",
        "O-LEAD2",
        "O-OLD",
    ]
    assert sorted(j.ref for j in jobs(world.db)) == ["O-LEAD1", "O-LEAD2", "O-OLD"]
    assert all(status(world.db, o) == "picked_up" for o in ("O-LEAD1", "O-LEAD2", "O-OLD"))


def test_hand_out_all_refuses_everything_when_one_order_changed(world: World) -> None:
    flow = flow_for(world)
    flow.scan(world.token("O-LEAD1"))
    with world.db.session() as s:
        s.execute(update(Order).where(Order.id == "O-LEAD2").values(bin_code="A-02"))
    assert flow.confirm_all() is P.ERROR and isinstance(flow.error, OrderChanged)
    assert events(world.db) == [] and status(world.db, "O-LEAD1") == "ready"


def test_partial_pickup_then_undo_within_the_window_then_too_late(world: World) -> None:
    now = [utcnow()]
    flow = flow_for(world, clock=lambda: now[0], reversal_window_min=10)
    flow.scan(world.token("O-READY"))
    assert flow.confirm(flow.ticket, {"MILK": 1}) is P.DONE
    assert status(world.db, "O-READY") == "partially_picked_up" and flow.can_undo
    with pytest.raises(IllegalTransition):
        flow.undo("   ")
    flow.undo("wrong bag")
    assert status(world.db, "O-READY") == "ready" and not flow.can_undo
    [rev] = events(world.db, "order.pickup_reversed")
    assert rev.payload["reason"] == "wrong bag"
    flow.scan(world.token("O-READY"))
    flow.confirm(flow.ticket)
    now[0] += timedelta(minutes=11)
    assert not flow.can_undo
    with pytest.raises(IllegalTransition):
        flow.undo("too late")
    with pytest.raises(NotAllowed):  # the service enforces the window too
        from kiosk.services.pickup import reverse_pickup

        reverse_pickup(world.db, "O-READY", staff_id="C1", reason="x", now=now[0], window_min=10)


def test_reprint_queues_a_copy(world: World) -> None:
    flow = flow_for(world, receipt_policy="never")
    flow.scan("100001")
    flow.confirm(flow.ticket)
    assert jobs(world.db) == [] and flow.done is not None and flow.done.receipt == "none"
    flow.reprint()
    assert [j.ref for j in jobs(world.db)] == ["O-READY"] and flow.done.receipt == "queued"


def test_an_issue_per_line_with_a_photo(world: World) -> None:
    flow = flow_for(world)
    flow.scan(world.token("O-READY"))
    photo = b"\xff\xd8\xff\xe0" + b"JFIF-test-photo" * 10
    result = flow.report_issue("EGG", "damaged", 1, "shell cracked", photo, "image/jpeg")
    with world.db.reader() as s:
        issue = s.get(IssueReport, result.issue_id)
        assert issue is not None and issue.sku == "EGG" and issue.kind == "damaged"
        assert issue.qty == 1 and issue.note == "shell cracked"
        [sha] = issue.media
        media = s.get(Media, sha)
        assert media is not None and (world.db.path.parent / media.path).read_bytes() == photo
    with pytest.raises(IllegalTransition):
        flow.report_issue("EGG", "exploded")


def test_a_six_digit_code_that_matches_nothing_is_no_such_code(world: World) -> None:
    flow = flow_for(world)
    flow.scan("999999")
    assert flow.verdict is not None and flow.verdict.detail == Detail.NO_SUCH_CODE
    assert not flow.genuine_unsynced and not flow.can_confirm


def test_a_genuine_unsynced_token_is_served_only_when_the_policy_allows(world: World) -> None:
    refuse = flow_for(world, allow_provisional=False)
    refuse.scan(world.token("O-NEW", code="777777"))
    assert refuse.verdict is not None and refuse.verdict.detail == Detail.NOT_SYNCED
    assert refuse.genuine_unsynced and not refuse.can_confirm and refuse.ticket is None
    allow = flow_for(world, allow_provisional=True)
    allow.scan(world.token("O-NEW", code="777777"))
    assert allow.confirm(allow.ticket) is P.DONE
    assert [j.ref for j in jobs(world.db)] == ["O-NEW"]


def test_verdict_details_carry_the_facts_the_clerk_tells_the_customer(world: World) -> None:
    flow = flow_for(world)
    flow.scan(world.token("O-READY"))
    flow.confirm(flow.ticket)
    flow.scan(world.token("O-READY"))
    v = flow.verdict
    assert v is not None and v.verdict == "already_picked_up"
    assert v.param("staff") == "王*" and v.param("device") == "DEV-1" and v.param("at")
    flow.scan(world.token("O-HAND"))
    assert flow.verdict is not None and flow.verdict.param("leader") == "刘*华"
    flow.scan(world.token("O-X", store="ST9"))
    assert flow.verdict is not None and flow.verdict.verdict == "wrong_store"
    assert flow.verdict.param("store_id") == "ST9"
    flow.scan(world.token("O-REF"))
    assert flow.verdict is not None and flow.verdict.detail == Detail.REFUNDED
    flow.scan(world.token("O-DISP"))
    assert flow.verdict is not None and flow.verdict.verdict == "not_arrived"
    assert "expected_at" in dict(flow.verdict.params)
    assert flow.scan("0000") is P.CHOOSING and flow.verdict is not None
    assert flow.verdict.detail == Detail.SEVERAL_FOR_PHONE and flow.verdict.param("count") == "3"
    flow.scan("4444")
    assert flow.verdict is not None and flow.verdict.detail == Detail.NO_PHONE_MATCH


def test_receipt_lines_show_line_totals_that_add_up_to_the_total(world: World) -> None:
    """MILK 2 × 3.00 and EGG 1 × 4.00: the lines say 6.00 and 4.00, the total 10.00 (the
    old receipt printed the unit prices 3.00 and 4.00 above a total of 10.00)."""
    from kiosk.printing import gather

    flow = flow_for(world)
    flow.scan(world.token("O-READY"))
    flow.confirm(flow.ticket)
    with world.db.reader() as s:
        data = gather.receipt_data(s, "O-READY")
    assert {(ln.name, ln.price_cents) for ln in data.lines} == {("鲜牛奶", 600), ("鸡蛋", 400)}
    assert data.total_cents == sum(ln.price_cents for ln in data.lines) == 1000
