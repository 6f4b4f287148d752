from __future__ import annotations

import pytest

from kiosk.errors import IllegalTransition
from kiosk.ledger.order_state import EDGES, TABLE, Action, OrderStatus, allowed, check

S = OrderStatus


def test_design_edges_are_all_allowed() -> None:
    design = {
        (S.DISPATCHED, S.READY),
        (S.READY, S.PICKED_UP),
        (S.READY, S.PARTIALLY_PICKED_UP),
        (S.PARTIALLY_PICKED_UP, S.PICKED_UP),
        (S.READY, S.HANDED_OVER),
        (S.READY, S.OVERDUE),
        (S.OVERDUE, S.RETURNED),
        (S.DISPATCHED, S.CANCELLED),
        (S.DISPATCHED, S.REFUNDED),
    }
    assert design <= EDGES


def test_no_way_back_to_dispatched_and_picked_up_only_by_reversal() -> None:
    assert not any(dst == S.DISPATCHED for _, dst in EDGES)
    leaving_picked = {
        (a, d) for a, m in TABLE.items() for s, ds in m.items() for d in ds if s == S.PICKED_UP
    }
    assert {a for a, _ in leaving_picked} == {Action.REVERSE_PICKUP, Action.REFUND}
    assert allowed("refunded", Action.PICK_UP) == frozenset()
    assert allowed("bogus", Action.PICK_UP) == frozenset()


@pytest.mark.parametrize(
    ("current", "action", "target", "words"),
    [
        ("dispatched", Action.PICK_UP, "picked_up", "not arrived"),
        ("picked_up", Action.PICK_UP, "picked_up", "already picked up"),
        ("cancelled", Action.HAND_OVER, "handed_over", "cancelled"),
        ("ready", Action.CHECK_IN, "ready", "waiting on the shelf"),
        ("ready", Action.PICK_UP, "handed_over", "cannot become handed over"),
        ("returned", Action.MARK_OVERDUE, "overdue", "returned"),
        ("nonsense", Action.PICK_UP, "picked_up", "unknown order status"),
    ],
)
def test_illegal_moves_say_why(current: str, action: Action, target: str, words: str) -> None:
    with pytest.raises(IllegalTransition, match=words):
        check(current, action, target)


def test_legal_move_returns_target() -> None:
    assert check("ready", Action.PICK_UP, "partially_picked_up") is S.PARTIALLY_PICKED_UP
