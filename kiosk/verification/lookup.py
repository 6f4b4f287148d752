"""Finding an order at the counter: by id (after a token), by 6-digit pickup code, or by
the last four digits of the customer's phone. Returns plain frozen views for the flows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from kiosk.ledger.order_state import ON_SHELF, OrderStatus
from kiosk.models import Bin, Customer, Order, OrderLine
from kiosk.verification.verdicts import MESSAGES, Verdict, VerdictName

S, V = OrderStatus, VerdictName
_STATUS_VERDICT: dict[str, VerdictName] = {
    S.READY: V.READY, S.OVERDUE: V.READY, S.PARTIALLY_PICKED_UP: V.PARTIALLY_PICKED_UP,
    S.PICKED_UP: V.ALREADY_PICKED_UP, S.DISPATCHED: V.NOT_ARRIVED, S.HANDED_OVER: V.HANDED_OVER,
    S.CANCELLED: V.CANCELLED, S.REFUNDED: V.CANCELLED, S.RETURNED: V.CANCELLED,
}
_EXTRA: dict[str, str] = {
    S.OVERDUE: "It is overdue: hand it out and remind the customer to come earlier.",
    S.REFUNDED: "It was refunded.",
    S.RETURNED: "It was returned to the warehouse.",
}


@dataclass(frozen=True, slots=True)
class LineView:
    sku: str
    name: str
    qty: float
    unit: str
    picked_qty: float
    condition: str

    @property
    def remaining(self) -> float:
        return max(0.0, self.qty - self.picked_qty)


@dataclass(frozen=True, slots=True)
class OrderView:
    order_id: str
    status: str
    pickup_code: str
    bin_code: str | None
    bin_label: str
    customer_name: str
    customer_phone: str
    leader_id: str | None
    provisional: bool
    lines: tuple[LineView, ...]


def order_view(session: Session, order_id: str) -> OrderView | None:
    order = session.get(Order, order_id)
    return None if order is None else _views(session, [order])[0]


def _views(session: Session, orders: Sequence[Order]) -> list[OrderView]:
    """Views of several orders with three batched queries (lines, customers, bins)."""
    ids = [o.id for o in orders]
    lines: dict[str, list[LineView]] = {oid: [] for oid in ids}
    for ln in session.scalars(select(OrderLine).where(OrderLine.order_id.in_(ids))
                              .order_by(OrderLine.id)):
        lines[ln.order_id].append(
            LineView(ln.sku, ln.name, ln.qty, ln.unit, ln.picked_qty, ln.condition))
    cust_ids = {o.customer_id for o in orders if o.customer_id}
    customers = {c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(cust_ids)))}
    bin_codes = {o.bin_code for o in orders if o.bin_code}
    bins = {b.code: b for b in session.scalars(select(Bin).where(Bin.code.in_(bin_codes)))}
    out = []
    for order in orders:
        customer = customers.get(order.customer_id or "")
        bin_row = bins.get(order.bin_code or "")
        out.append(OrderView(
            order_id=order.id, status=order.status, pickup_code=order.pickup_code,
            bin_code=order.bin_code, bin_label=bin_row.label if bin_row else "",
            customer_name=customer.name_masked if customer else "",
            customer_phone=customer.phone_masked if customer else "",
            leader_id=order.leader_id, provisional=order.provisional,
            lines=tuple(lines[order.id]),
        ))
    return out


def verdict_for_order(view: OrderView) -> Verdict:
    name = _STATUS_VERDICT.get(view.status, V.CANCELLED)
    message = MESSAGES[name]
    if view.status in _EXTRA:
        message = f"{message} {_EXTRA[view.status]}"
    if name in (V.READY, V.PARTIALLY_PICKED_UP) and view.bin_code:
        message = f"{message} Shelf bin: {view.bin_code}."
    return Verdict(name, view.order_id, message)


def find_by_code(session: Session, code: str) -> list[OrderView]:
    """Orders with this 6-digit pickup code, those still on the shelf first."""
    text = code.strip()
    if not re.fullmatch(r"[0-9]{6}", text):
        return []
    on_shelf_first = case((Order.status.in_(ON_SHELF), 0), else_=1)
    orders = session.scalars(
        select(Order).where(Order.pickup_code == text)
        .order_by(on_shelf_first, Order.placed_at.desc(), Order.id).limit(50)
    ).all()
    return _views(session, orders)


def find_by_phone_tail(session: Session, tail: str) -> list[OrderView]:
    """A customer's orders still on the shelf, by the last 4 digits of their phone."""
    text = tail.strip()
    if not re.fullmatch(r"[0-9]{4}", text):
        return []
    orders = session.scalars(
        select(Order).join(Customer, Customer.id == Order.customer_id)
        .where(Customer.phone_tail == text, Order.status.in_(ON_SHELF))
        .order_by(Order.id).limit(50)
    ).all()
    return _views(session, orders)


def verdict_for_code(session: Session, code: str) -> tuple[Verdict, list[OrderView]]:
    """The verdict of a typed 6-digit code plus the candidate orders behind it.

    Several orders on the shelf sharing one code (rare; codes are per store and reused over
    time) give the first one's verdict and all candidates, so the counter can show a list.
    """
    text = code.strip()
    if not re.fullmatch(r"[0-9]{6}", text):
        return Verdict("malformed", None, "A pickup code is 6 digits."), []
    views = find_by_code(session, text)
    if not views:
        return Verdict("unknown_order", None, "No order has this pickup code at this store."), []
    on_shelf = [v for v in views if v.status in ON_SHELF]
    chosen = on_shelf or views[:1]
    return verdict_for_order(chosen[0]), chosen

