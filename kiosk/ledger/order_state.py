"""The order life of DESIGN.md as one transition table.

Services ask `check(current, action, target)` before touching an order; an illegal move
raises IllegalTransition with a reason a clerk can read, and nothing is written. The table
is the single source the property tests compare against.

Two small departures from the diagram, both on purpose:
- an `overdue` order can still be picked up (whole or in part) or handed to its leader: the
  bag is still on the shelf until it is returned, and turning a late customer away helps
  nobody;
- a pickup can be reversed (compensating `order.pickup_reversed`), which moves
  `picked_up` / `partially_picked_up` back to `ready` or `partially_picked_up`.
`cancelled` and `refunded` are decided centrally; they arrive through sync.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.errors import IllegalTransition


class OrderStatus(StrEnum):
    DISPATCHED = "dispatched"
    READY = "ready"
    PARTIALLY_PICKED_UP = "partially_picked_up"
    PICKED_UP = "picked_up"
    HANDED_OVER = "handed_over"
    OVERDUE = "overdue"
    RETURNED = "returned"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class Action(StrEnum):
    CHECK_IN = "check_in"
    PICK_UP = "pick_up"
    REVERSE_PICKUP = "reverse_pickup"
    HAND_OVER = "hand_over"
    MARK_OVERDUE = "mark_overdue"
    RETURN = "return"
    CANCEL = "cancel"
    REFUND = "refund"


S = OrderStatus
# the statuses of an order whose bag is still on the store's shelf (the one definition)
ON_SHELF: tuple[OrderStatus, ...] = (S.READY, S.PARTIALLY_PICKED_UP, S.OVERDUE)
_NOT_FINAL = (S.DISPATCHED, S.READY, S.PARTIALLY_PICKED_UP, S.OVERDUE)

# action -> {from: allowed targets}
TABLE: dict[Action, dict[OrderStatus, frozenset[OrderStatus]]] = {
    Action.CHECK_IN: {S.DISPATCHED: frozenset({S.READY})},
    Action.PICK_UP: {s: frozenset({S.PICKED_UP, S.PARTIALLY_PICKED_UP}) for s in ON_SHELF},
    Action.REVERSE_PICKUP: {
        S.PICKED_UP: frozenset({S.READY, S.PARTIALLY_PICKED_UP}),
        S.PARTIALLY_PICKED_UP: frozenset({S.READY, S.PARTIALLY_PICKED_UP}),
    },
    Action.HAND_OVER: {S.READY: frozenset({S.HANDED_OVER}), S.OVERDUE: frozenset({S.HANDED_OVER})},
    Action.MARK_OVERDUE: {S.READY: frozenset({S.OVERDUE})},
    Action.RETURN: {S.OVERDUE: frozenset({S.RETURNED})},
    Action.CANCEL: {s: frozenset({S.CANCELLED}) for s in _NOT_FINAL},
    Action.REFUND: {
        s: frozenset({S.REFUNDED})
        for s in (*_NOT_FINAL, S.PICKED_UP, S.HANDED_OVER, S.RETURNED, S.CANCELLED)
    },
}

# every edge of the order life (for tests and documentation)
EDGES: frozenset[tuple[OrderStatus, OrderStatus]] = frozenset(
    (src, dst) for moves in TABLE.values() for src, dsts in moves.items() for dst in dsts
)

# why an order in this status cannot take part in the usual counter actions
_WHY: dict[OrderStatus, str] = {
    S.DISPATCHED: "this order has not arrived at the store yet",
    S.READY: "this order is waiting on the shelf",
    S.PARTIALLY_PICKED_UP: "part of this order was already picked up",
    S.PICKED_UP: "this order was already picked up",
    S.HANDED_OVER: "this order was handed over to its team leader",
    S.OVERDUE: "this order is overdue",
    S.RETURNED: "this order was returned to the warehouse",
    S.CANCELLED: "this order was cancelled",
    S.REFUNDED: "this order was refunded",
}

_VERB: dict[Action, str] = {
    Action.CHECK_IN: "check it in",
    Action.PICK_UP: "hand it out",
    Action.REVERSE_PICKUP: "reverse a pickup",
    Action.HAND_OVER: "hand it to a team leader",
    Action.MARK_OVERDUE: "mark it overdue",
    Action.RETURN: "return it",
    Action.CANCEL: "cancel it",
    Action.REFUND: "refund it",
}


def parse_status(value: str) -> OrderStatus:
    try:
        return OrderStatus(value)
    except ValueError:
        raise IllegalTransition(f"unknown order status {value!r}") from None


def allowed(current: str, action: Action) -> frozenset[OrderStatus]:
    """Targets `action` may reach from `current` (empty when it may not run at all)."""
    try:
        return TABLE[action].get(OrderStatus(current), frozenset())
    except ValueError:
        return frozenset()


def check(current: str, action: Action, target: str) -> OrderStatus:
    """Return the target status, or raise IllegalTransition saying why in plain words."""
    src = parse_status(current)
    dst = parse_status(target)
    targets = TABLE[action].get(src)
    if not targets:
        raise IllegalTransition(f"Cannot {_VERB[action]}: {_WHY[src]}.")
    if dst not in targets:
        raise IllegalTransition(
            f"Cannot {_VERB[action]}: {_WHY[src]} and cannot become {dst.value.replace('_', ' ')}."
        )
    return dst
