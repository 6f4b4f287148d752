"""Order status → verdict, pinned for every status the kiosk knows and for those it does not.

A status the kiosk does not know (a newer platform, a typo, a status written by hand) must
never become a verdict that lets goods go; overdue bags can still go (with a reminder) and
returned ones cannot.
"""

from __future__ import annotations

import pytest
from ledger_world import World, make_world
from sqlalchemy import text

from kiosk.db import Database
from kiosk.errors import IllegalTransition
from kiosk.ledger.order_state import OrderStatus
from kiosk.services.overdue import mark_overdue, return_overdue
from kiosk.services.pickup import confirm_pickup
from kiosk.verification.classify import classify_and_verify
from kiosk.verification.lookup import OrderView, verdict_for_code, verdict_for_order
from kiosk.verification.verdicts import CAN_PICK_UP, VerdictName

S, V = OrderStatus, VerdictName
PINNED: dict[OrderStatus, VerdictName] = {
    S.DISPATCHED: V.NOT_ARRIVED,
    S.READY: V.READY,
    S.PARTIALLY_PICKED_UP: V.PARTIALLY_PICKED_UP,
    S.PICKED_UP: V.ALREADY_PICKED_UP,
    S.HANDED_OVER: V.HANDED_OVER,
    S.OVERDUE: V.READY,
    S.RETURNED: V.CANCELLED,
    S.CANCELLED: V.CANCELLED,
    S.REFUNDED: V.CANCELLED,
}
UNKNOWN = ["on_hold", "lost", "", "READY", "ready ", "Ready", "picked", "overdue\n", "准备好"]


def _view(status: str) -> OrderView:
    return OrderView(
        order_id="O1",
        status=status,
        pickup_code="123456",
        bin_code="A-01",
        bin_label="A1",
        customer_name="",
        customer_phone="",
        leader_id=None,
        provisional=False,
        lines=(),
    )


def test_every_known_status_is_pinned() -> None:
    assert set(PINNED) == set(OrderStatus)
    for status, expected in PINNED.items():
        assert verdict_for_order(_view(status)).verdict == expected, status


@pytest.mark.parametrize("status", UNKNOWN)
def test_an_unknown_status_never_lets_goods_go(status: str) -> None:
    v = verdict_for_order(_view(status))
    assert v.verdict in set(VerdictName) - CAN_PICK_UP
    assert not v.can_pick_up
    assert "Shelf bin" not in v.message


def test_overdue_is_ready_with_a_reminder() -> None:
    v = verdict_for_order(_view(S.OVERDUE))
    assert (v.verdict, v.can_pick_up) == (V.READY, True)
    assert "overdue" in v.message and "Shelf bin: A-01" in v.message


def test_returned_is_not_handed_out() -> None:
    v = verdict_for_order(_view(S.RETURNED))
    assert (v.verdict, v.can_pick_up) == (V.CANCELLED, False)
    assert "returned to the warehouse" in v.message and "Shelf bin" not in v.message


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db)


def _verdict(world: World, scanned: str) -> str:
    return classify_and_verify(world.db, scanned, world.store_id).verdict.verdict


def test_overdue_and_returned_orders_through_the_ledger(world: World) -> None:
    assert mark_overdue(world.db, staff_id="M1", days=3) == ["O-OLD"]
    assert _verdict(world, world.token("O-OLD")) == V.READY
    assert _verdict(world, "100011") == V.READY
    return_overdue(world.db, ["O-OLD"], staff_id="M1", reason="7 days")
    assert _verdict(world, world.token("O-OLD")) == V.CANCELLED
    with world.db.reader() as s:
        v, _ = verdict_for_code(s, "100011")
    assert v.verdict == V.CANCELLED and "returned" in v.message


def test_a_stored_unknown_status_is_refused_at_the_counter(world: World) -> None:
    """Even if an unknown status reaches the database, no path hands the order out."""
    with world.db.session() as s:
        s.execute(text("UPDATE orders SET status='on_hold' WHERE id='O-READY'"))
    assert _verdict(world, world.token("O-READY")) not in CAN_PICK_UP
    assert _verdict(world, "100001") not in CAN_PICK_UP
    with pytest.raises(IllegalTransition, match="unknown order status"):
        confirm_pickup(world.db, "O-READY", staff_id="C1")
