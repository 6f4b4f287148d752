from __future__ import annotations

import pytest
from ledger_world import PINS, World, make_world
from sqlalchemy import select

from kiosk.db import Database
from kiosk.errors import IllegalTransition
from kiosk.flows.checkin import CheckinFlow, CheckinStep
from kiosk.flows.handover import HandoverFlow, HandoverStep
from kiosk.flows.pickup import PickupFlow, PickupStep
from kiosk.models import Order, OutboxEvent
from kiosk.models.printing import PrintJob

P = PickupStep


class Receipts:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.queued: list[str] = []

    def enqueue_receipt(self, order_id: str) -> None:
        if self.fail:
            raise OSError("printer queue disk full")
        self.queued.append(order_id)


class Slips:
    def __init__(self) -> None:
        self.queued: list[str] = []

    def enqueue_handover_slip(self, handover_id: str) -> None:
        self.queued.append(handover_id)


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db)


def pickup_events(db: Database) -> list[OutboxEvent]:
    with db.reader() as s:
        return list(s.scalars(select(OutboxEvent).where(OutboxEvent.type == "order.picked_up")))


def print_jobs(db: Database) -> list[PrintJob]:
    with db.reader() as s:
        return list(s.scalars(select(PrintJob)))


def order(db: Database, oid: str) -> Order:
    with db.reader() as s:
        o = s.get(Order, oid)
        assert o is not None
        return o


def test_scan_confirm_print(world: World) -> None:
    receipts = Receipts()
    flow = PickupFlow(world.db, staff_id="C1", store_id="ST1", receipts=receipts)
    seen: list[str] = []
    flow.subscribe(lambda f: seen.append(f.step.value))
    assert flow.scan(world.token("O-READY")) is P.VERDICT
    assert flow.verdict is not None and flow.verdict.verdict == "ready" and flow.can_confirm
    assert flow.order is not None and flow.order.bin_code == "A-01"
    flow.start_confirm()
    assert flow.confirm() is P.DONE
    assert receipts.queued == []  # queued in the pickup's own transaction, not afterwards
    assert [j.ref for j in print_jobs(world.db)] == ["O-READY"]
    assert flow.done is not None and flow.done.receipt == "queued"
    assert seen == ["scanned", "verdict", "confirming", "confirmed", "done"]
    [ev] = pickup_events(world.db)
    assert ev.payload["method"] == "qr" and ev.payload["staff_id"] == "C1"
    # scanning the same code again: already picked up, no confirm possible
    assert flow.scan(world.token("O-READY")) is P.VERDICT
    assert flow.verdict is not None and flow.verdict.verdict == "already_picked_up"
    with pytest.raises(IllegalTransition):
        flow.start_confirm()


def test_printer_failure_never_undoes_pickup(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.printing.gather

    def broken(*_a: object, **_k: object) -> None:
        raise OSError("printer queue disk full")

    monkeypatch.setattr(kiosk.printing.gather, "receipt_data", broken)
    flow = PickupFlow(world.db, staff_id="C1", store_id="ST1", receipts=Receipts())
    flow.scan("100001")
    flow.start_confirm()
    assert flow.confirm() is P.DONE
    assert flow.print_problem is not None and "pickup is saved" in flow.print_problem
    assert order(world.db, "O-READY").status == "picked_up"
    assert pickup_events(world.db)[0].payload["method"] == "code"
    assert print_jobs(world.db) == [] and flow.done is not None and flow.done.receipt == "failed"


def test_partial_pickup_by_line(world: World) -> None:
    flow = PickupFlow(world.db, staff_id="C1", store_id="ST1")
    flow.scan(world.token("O-READY"))
    flow.start_confirm()
    assert flow.selection == {"MILK": 2, "EGG": 1}
    flow.select_line("MILK", 5)  # too many: refused with words, selection kept
    assert "between 0 and 2" in flow.message and flow.selection["MILK"] == 2
    flow.select_line("EGG", 0)
    flow.select_line("MILK", 1)
    assert flow.confirm() is P.DONE
    assert order(world.db, "O-READY").status == "partially_picked_up"
    assert pickup_events(world.db)[0].payload["lines"] == [{"sku": "MILK", "qty": 1}]
    flow.scan(world.token("O-READY"))
    assert flow.verdict is not None and flow.verdict.verdict == "partially_picked_up"
    flow.start_confirm()
    assert flow.selection == {"MILK": 1, "EGG": 1}
    flow.confirm()
    assert order(world.db, "O-READY").status == "picked_up"


def test_phone_tail_list_then_choose(world: World) -> None:
    flow = PickupFlow(world.db, staff_id="C1", store_id="ST1")
    assert flow.scan("5678") is P.CHOOSING
    assert {c.order_id for c in flow.candidates} == {"O-READY", "O-READY2"}
    flow.choose("O-NOT-IN-LIST")
    assert flow.step is P.CHOOSING and "not in this list" in flow.message
    assert flow.choose("O-READY2") is P.VERDICT
    flow.start_confirm()
    flow.confirm()
    assert pickup_events(world.db)[0].payload["method"] == "phone"


def test_bad_scans_and_cancel(world: World) -> None:
    flow = PickupFlow(world.db, staff_id="C1", store_id="ST1")
    assert flow.scan("hello") is P.VERDICT and flow.verdict is not None
    assert flow.verdict.verdict == "malformed" and not flow.can_confirm
    flow.scan(world.token("O-DISP"))
    assert flow.verdict is not None and flow.verdict.verdict == "not_arrived"
    flow.scan(world.token("O-READY"))
    flow.start_confirm()
    flow.scan("100002")  # a new scan replaces the order being checked
    assert flow.order is not None and flow.order.order_id == "O-READY2"
    assert flow.cancel() is P.CANCELLED
    assert pickup_events(world.db) == []
    assert flow.reset() is P.IDLE


def test_refused_confirm_shows_error(world: World) -> None:
    flow = PickupFlow(world.db, staff_id="H1", store_id="ST1")  # a host may not hand out
    flow.scan(world.token("O-READY"))
    flow.start_confirm()
    assert flow.confirm() is P.ERROR and "host may not" in flow.message
    assert order(world.db, "O-READY").status == "ready"


def test_provisional_pickup_of_unsynced_order(world: World) -> None:
    flow = PickupFlow(world.db, staff_id="C1", store_id="ST1", receipts=Receipts())
    flow.scan(world.token("O-NEW", code="777777"))
    assert flow.verdict is not None and flow.verdict.verdict == "unknown_order"
    assert flow.provisional and flow.can_confirm
    flow.start_confirm()
    assert flow.confirm() is P.DONE
    o = order(world.db, "O-NEW")
    assert o.provisional and o.status == "picked_up" and o.pickup_code == "777777"
    [ev] = pickup_events(world.db)
    assert ev.payload["provisional"] is True
    # a forged token for an unknown order is never served
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    flow.scan(world.token("O-NEW2", key=Ed25519PrivateKey.generate()))
    assert not flow.provisional and not flow.can_confirm


def test_checkin_flow(world: World) -> None:
    flow = CheckinFlow(world.db, staff_id="C1")
    assert flow.open_batch("B1") is CheckinStep.ERROR and "already checked in" in flow.message
    assert flow.open_batch("B2") is CheckinStep.COUNTING
    assert {(e.order_id, e.sku) for e in flow.expected} == {
        ("O-DISP", "MILK"),
        ("O-DISP", "EGG"),
        ("O-DISP2", "MILK"),
        ("O-DISP2", "EGG"),
    }
    flow.count("O-DISP", "MILK", 1)
    flow.count("O-DISP", "MILK", 9)
    assert "wrong count" in flow.message
    flow.set_temperature(9.5)
    assert flow.review() is CheckinStep.REVIEW
    assert any("MILK" in w for w in flow.warnings) and any("too warm" in w for w in flow.warnings)
    flow.back()
    flow.set_temperature(3.0)
    flow.review()
    assert flow.confirm() is CheckinStep.DONE
    assert flow.result is not None and set(flow.result.ready) == {"O-DISP", "O-DISP2"}
    assert order(world.db, "O-DISP2").status == "ready"


def test_handover_flow(world: World) -> None:
    slips = Slips()
    flow = HandoverFlow(world.db, staff_id="C1", slips=slips)
    assert flow.identify("BADGE-XX") is HandoverStep.ERROR
    assert flow.identify("BADGE-L1") is HandoverStep.LISTED
    assert flow.selected == {"O-LEAD1", "O-LEAD2"}
    flow.toggle("O-LEAD2")
    assert flow.confirm(confirmed_by="pin", credential="0000") is HandoverStep.LISTED
    assert "does not belong" in flow.message
    assert flow.confirm(confirmed_by="pin", credential=PINS["L1"]) is HandoverStep.DONE
    assert flow.result is not None and flow.result.order_ids == ("O-LEAD1",)
    assert slips.queued == [flow.result.handover_id]
    assert order(world.db, "O-LEAD1").status == "handed_over"
    assert order(world.db, "O-LEAD2").status == "ready"
