"""Fills the document dataclasses from the database (read-only; caller's session)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.errors import UserFacingError
from kiosk.ledger.order_state import OrderStatus
from kiosk.models import Batch, Customer, Handover, Leader, Order, OutboxEvent, Shift, Staff, Store
from kiosk.platform.identity import get_setting
from kiosk.ports import utcnow
from kiosk.printing import documents as d


def _store(s: Session, store_id: str) -> Store:
    store = s.get(Store, store_id)
    if store is None:
        raise UserFacingError(f"store {store_id} is not known on this kiosk")
    return store


def _staff_name(s: Session, staff_id: str | None) -> str:
    if not staff_id:
        return ""
    staff = s.get(Staff, staff_id)
    return staff.name if staff else staff_id


def _last_event_staff(s: Session, event_type: str, key: str, value: str) -> str | None:
    row = s.scalars(
        select(OutboxEvent)
        .where(
            OutboxEvent.type == event_type,
            func.json_extract(OutboxEvent.payload, f"$.{key}") == value,
        )
        .order_by(OutboxEvent.seq.desc())
        .limit(1)
    ).first()
    staff = row.payload.get("staff_id") if row else None
    return str(staff) if staff else None


def receipt_data(s: Session, order_id: str, *, clerk: str | None = None) -> d.ReceiptData:
    """The receipt of an order as it stands now (after its pickup was recorded)."""
    order = s.get(Order, order_id)
    if order is None:
        raise UserFacingError(f"order {order_id} not found: no receipt to print")
    store = _store(s, order.store_id)
    if clerk is None:
        clerk = _staff_name(s, _last_event_staff(s, "order.picked_up", "order_id", order_id))
    lines = tuple(  # price_cents of a receipt line is its total: quantity × unit price
        d.ReceiptLine(
            line.name,
            line.picked_qty or line.qty,
            line.unit,
            round((line.picked_qty or line.qty) * line.price_cents),
        )
        for line in order.lines
    )
    partial = order.status == OrderStatus.PARTIALLY_PICKED_UP
    return d.ReceiptData(
        store_name=store.name,
        store_address=store.address,
        order_id=order.id,
        pickup_code=order.pickup_code,
        lines=lines,
        total_cents=sum(line.price_cents for line in lines),  # the printed lines add up
        bin_code=order.bin_code or "—",
        clerk=clerk,
        at=order.picked_up_at or order.updated_at or utcnow(),
        tz=store.timezone,
        partial=partial,
        provisional=order.provisional and not order.lines,
    )


def receipt_dedupe_key(s: Session, order_id: str) -> str:
    """Same order state → same key, so a repeated request queues one receipt; a further
    partial pickup changes the picked quantities and gets its own receipt."""
    order = s.get(Order, order_id)
    picked = sum(line.picked_qty for line in order.lines) if order else 0
    status = order.status if order else "unknown"
    return f"receipt:{order_id}:{status}:{picked:g}"


def handover_data(s: Session, handover_id: str) -> d.HandoverData:
    h = s.get(Handover, handover_id)
    if h is None:
        raise UserFacingError(f"handover {handover_id} not found: no slip to print")
    store = _store(s, h.store_id)
    leader = s.get(Leader, h.leader_id)
    orders: list[d.HandoverOrder] = []
    for order_id in h.order_ids:
        order = s.get(Order, str(order_id))
        customer = s.get(Customer, order.customer_id) if order and order.customer_id else None
        items = len(order.lines) if order else 0
        orders.append(
            d.HandoverOrder(str(order_id), customer.name_masked if customer else "", items)
        )
    return d.HandoverData(
        store_name=store.name,
        handover_id=h.id,
        leader=leader.name if leader else h.leader_id,
        community=leader.community if leader else "",
        orders=tuple(orders),
        bag_count=h.bag_count,
        clerk=_staff_name(s, h.staff_id),
        confirmed_by=h.confirmed_by,
        at=h.at,
        tz=store.timezone,
    )


def checkin_data(s: Session, batch_id: str) -> d.CheckinData:
    batch = s.get(Batch, batch_id)
    if batch is None:
        raise UserFacingError(f"batch {batch_id} not found: no check-in sheet to print")
    store = _store(s, batch.store_id)
    orders = list(s.scalars(select(Order).where(Order.batch_id == batch_id).order_by(Order.id)))
    problems = tuple(
        d.CheckinProblem(
            order.id,
            line.name,
            line.qty,
            line.received_qty if line.received_qty is not None else 0,
            line.condition,
        )
        for order in orders
        for line in order.lines
        if line.condition != "ok"
    )
    return d.CheckinData(
        store_name=store.name,
        batch_id=batch.id,
        orders=len(orders),
        lines=sum(len(o.lines) for o in orders),
        problems=problems,
        temperature_c=batch.temperature_c,
        clerk=_staff_name(s, batch.checked_in_by),
        at=batch.arrived_at or utcnow(),
        tz=store.timezone,
    )


# close_shift's counts (kiosk.services.shift) in print order, with the words on the slip
COUNT_WORDS: dict[str, str] = {
    "pickups": "自提完成",
    "reversals": "撤销核销",
    "handovers": "团长交接",
    "issues": "问题登记",
    "batches": "到货批次",
    "on_shelf": "在架订单",
    "overdue": "滞留订单",
    "partials": "部分提货",
    "events_waiting": "未上传记录",
    "print_queued": "待打印",
}


def shift_data(s: Session, shift_id: str) -> d.ShiftReportData:
    """The shift report (交班报表) of this kiosk's store, from the counts close_shift stored;
    an open shift prints as 未结束 with no counts yet."""
    shift = s.get(Shift, shift_id)
    if shift is None:
        raise UserFacingError(f"shift {shift_id} not found: no report to print")
    store = _store(s, str(get_setting(s, "store_id", "")))
    counts = [
        (COUNT_WORDS[k], int(shift.counts[k]))
        for k in COUNT_WORDS
        if isinstance(shift.counts.get(k), int | float)
    ]
    counts += [
        (k, int(v))
        for k, v in shift.counts.items()
        if k not in COUNT_WORDS and isinstance(v, int | float)
    ]
    return d.ShiftReportData(
        store_name=store.name,
        shift_id=shift.id,
        clerk=_staff_name(s, shift.staff_id),
        opened_at=shift.opened_at,
        closed_at=shift.closed_at,
        counts=tuple(counts),
        tz=store.timezone,
    )
