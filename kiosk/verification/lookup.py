"""Finding an order at the counter: by id (after a token), by 6-digit pickup code, or by
the last four digits of the customer's phone. Returns plain frozen views for the flows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, literal_column, select
from sqlalchemy.orm import Session

from kiosk.ledger.order_state import ON_SHELF, OrderStatus
from kiosk.models import (
    Batch,
    Bin,
    Customer,
    Handover,
    Leader,
    Order,
    OrderLine,
    OutboxEvent,
    Staff,
)
from kiosk.verification.verdicts import MESSAGES, Detail, Verdict, VerdictName

S, V = OrderStatus, VerdictName
_STATUS_VERDICT: dict[str, VerdictName] = {
    S.READY: V.READY,
    S.OVERDUE: V.READY,
    S.PARTIALLY_PICKED_UP: V.PARTIALLY_PICKED_UP,
    S.PICKED_UP: V.ALREADY_PICKED_UP,
    S.DISPATCHED: V.NOT_ARRIVED,
    S.HANDED_OVER: V.HANDED_OVER,
    S.CANCELLED: V.CANCELLED,
    S.REFUNDED: V.CANCELLED,
    S.RETURNED: V.CANCELLED,
}
_DETAIL: dict[str, Detail] = {
    S.OVERDUE: Detail.OVERDUE,
    S.REFUNDED: Detail.REFUNDED,
    S.RETURNED: Detail.RETURNED,
}
# the one indexed way to find an order's events (migration 0005 indexes this expression)
OUTBOX_ORDER_ID = func.json_extract(OutboxEvent.payload, literal_column("'$.order_id'"))


def outbox_order_is(order_id: str) -> ColumnElement[bool]:
    """The outbox events of one order, through the expression index."""
    return OUTBOX_ORDER_ID == order_id  # noqa: SIM300 (the column expression on the left)


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
    price_cents: int = 0

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
    version: int = 0  # the row counter a confirm must name (see migration 0005)
    store_id: str = ""
    customer_id: str | None = None
    total_cents: int = 0
    ready_at: datetime | None = None
    picked_up_at: datetime | None = None
    batch_id: str | None = None

    @property
    def ticket(self) -> tuple[str, int]:
        """What a confirm names: this order as the clerk saw it."""
        return (self.order_id, self.version)


def order_view(session: Session, order_id: str) -> OrderView | None:
    order = session.get(Order, order_id)
    return None if order is None else _views(session, [order])[0]


def _views(session: Session, orders: Sequence[Order]) -> list[OrderView]:
    """Views of several orders with three batched queries (lines, customers, bins)."""
    ids = [o.id for o in orders]
    lines: dict[str, list[LineView]] = {oid: [] for oid in ids}
    for ln in session.scalars(
        select(OrderLine).where(OrderLine.order_id.in_(ids)).order_by(OrderLine.id)
    ):
        lines[ln.order_id].append(
            LineView(ln.sku, ln.name, ln.qty, ln.unit, ln.picked_qty, ln.condition, ln.price_cents)
        )
    cust_ids = {o.customer_id for o in orders if o.customer_id}
    customers = {
        c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(cust_ids)))
    }
    bin_codes = {o.bin_code for o in orders if o.bin_code}
    bins = {b.code: b for b in session.scalars(select(Bin).where(Bin.code.in_(bin_codes)))}
    out = []
    for order in orders:
        customer = customers.get(order.customer_id or "")
        bin_row = bins.get(order.bin_code or "")
        out.append(
            OrderView(
                order_id=order.id,
                status=order.status,
                pickup_code=order.pickup_code,
                bin_code=order.bin_code,
                bin_label=bin_row.label if bin_row else "",
                customer_name=customer.name_masked if customer else "",
                customer_phone=customer.phone_masked if customer else "",
                leader_id=order.leader_id,
                provisional=order.provisional,
                lines=tuple(lines[order.id]),
                version=order.version,
                store_id=order.store_id,
                customer_id=order.customer_id,
                total_cents=order.total_cents,
                ready_at=order.ready_at,
                picked_up_at=order.picked_up_at,
                batch_id=order.batch_id,
            )
        )
    return out


def verdict_for_order(view: OrderView, session: Session | None = None) -> Verdict:
    """The verdict of an order; with a session, the facts the clerk tells the customer
    (when, by whom and where it was picked up; to which leader; when it arrives)."""
    name = _STATUS_VERDICT.get(view.status, V.CANCELLED)
    message = MESSAGES[name]
    if view.status in _EXTRA:
        message = f"{message} {_EXTRA[view.status]}"
    if name in (V.READY, V.PARTIALLY_PICKED_UP) and view.bin_code:
        message = f"{message} Shelf bin: {view.bin_code}."
    params = _facts(session, view, name) if session is not None else ()
    return Verdict(name, view.order_id, message, _DETAIL.get(view.status, Detail.NONE), params)


def _iso(at: datetime | None) -> str:
    return at.isoformat() if at else ""


def _facts(s: Session, view: OrderView, name: VerdictName) -> tuple[tuple[str, str], ...]:
    if name in (V.ALREADY_PICKED_UP, V.PARTIALLY_PICKED_UP):
        ev = s.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.type == "order.picked_up", outbox_order_is(view.order_id))
            .order_by(OutboxEvent.seq.desc())
            .limit(1)
        ).first()
        if ev is None:  # picked up elsewhere and synced here: only the order row knows when
            return (("at", _iso(view.picked_up_at)), ("staff", ""), ("device", ""))
        staff = s.get(Staff, str(ev.payload.get("staff_id") or ""))
        return (
            ("at", _iso(ev.occurred_at)),
            ("staff", staff.name if staff else str(ev.payload.get("staff_id") or "")),
            ("device", ev.device_id),
        )
    if name == V.HANDED_OVER:
        leader = s.get(Leader, view.leader_id) if view.leader_id else None
        hand = s.scalars(
            select(Handover)
            .where(Handover.leader_id == (view.leader_id or ""))
            .order_by(Handover.at.desc())
            .limit(20)
        ).all()
        at = next((h.at for h in hand if view.order_id in (h.order_ids or [])), None)
        return (
            ("leader", leader.name if leader else (view.leader_id or "")),
            ("community", leader.community if leader else ""),
            ("at", _iso(at)),
        )
    if name == V.NOT_ARRIVED:
        batch = s.get(Batch, view.batch_id) if view.batch_id else None
        return (("expected_at", _iso(batch.expected_at if batch else None)),)
    return ()


def other_ready_orders(session: Session, view: OrderView) -> list[OrderView]:
    """The same customer's other orders still on the shelf (hand out all at once)."""
    if not view.customer_id:
        return []
    orders = session.scalars(
        select(Order)
        .where(
            Order.customer_id == view.customer_id,
            Order.id != view.order_id,
            Order.status.in_(ON_SHELF),
        )
        .order_by(Order.id)
        .limit(20)
    ).all()
    return _views(session, orders)


def find_by_code(session: Session, code: str) -> list[OrderView]:
    """Orders with this 6-digit pickup code, those still on the shelf first."""
    text = code.strip()
    if not re.fullmatch(r"[0-9]{6}", text):
        return []
    on_shelf_first = case((Order.status.in_(ON_SHELF), 0), else_=1)
    orders = session.scalars(
        select(Order)
        .where(Order.pickup_code == text)
        .order_by(on_shelf_first, Order.placed_at.desc(), Order.id)
        .limit(50)
    ).all()
    return _views(session, orders)


def tail_with_several_orders(session: Session) -> str:
    """A phone tail with more than one order on the shelf ("" if none): demo and screenshots."""
    row = session.execute(
        select(Customer.phone_tail, func.count())
        .join(Order, Order.customer_id == Customer.id)
        .where(Order.status.in_(ON_SHELF))
        .group_by(Customer.phone_tail)
        .having(func.count() > 1)
        .limit(1)
    ).first()
    return str(row[0]) if row else ""


def find_by_phone_tail(session: Session, tail: str) -> list[OrderView]:
    """A customer's orders still on the shelf, by the last 4 digits of their phone."""
    text = tail.strip()
    if not re.fullmatch(r"[0-9]{4}", text):
        return []
    orders = session.scalars(
        select(Order)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Customer.phone_tail == text, Order.status.in_(ON_SHELF))
        .order_by(Order.id)
        .limit(50)
    ).all()
    return _views(session, orders)


def verdict_for_code(session: Session, code: str) -> tuple[Verdict, list[OrderView]]:
    """The verdict of a typed 6-digit code plus the candidate orders behind it.

    Several orders on the shelf sharing one code (rare; codes are per store and reused over
    time) give the first one's verdict and all candidates, so the counter can show a list.
    """
    text = code.strip()
    if not re.fullmatch(r"[0-9]{6}", text):
        return Verdict(V.MALFORMED, None, "A pickup code is 6 digits.", Detail.BAD_CODE), []
    views = find_by_code(session, text)
    if not views:
        return Verdict(
            V.UNKNOWN_ORDER,
            None,
            "No order has this pickup code at this store.",
            Detail.NO_SUCH_CODE,
            (("code", text),),
        ), []
    on_shelf = [v for v in views if v.status in ON_SHELF]
    chosen = on_shelf or views[:1]
    if len(chosen) > 1:
        first = verdict_for_order(chosen[0])
        return Verdict(
            first.verdict,
            None,
            f"{len(chosen)} orders share the code {text}: choose one.",
            Detail.SEVERAL_FOR_CODE,
            (("count", str(len(chosen))), ("code", text)),
        ), chosen
    return verdict_for_order(chosen[0], session), chosen
