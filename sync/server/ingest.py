"""Event ingestion: idempotent by event_id, validated per type, applied to orders.

A batch is one transaction. Idempotency is keyed by (device, event_id) with a hash of the
event's content: a true replay is `duplicate`, a different event under a used id and a
replay sent by another device are `rejected` with the reason. Each event gets exactly one answer: `accepted`, `duplicate`
(already held; `first_status` says what it got then), `conflict` (held, but the order was
cancelled/refunded or already handled elsewhere) or `rejected` (not held: wrong store,
malformed, unknown order).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from kiosk.platform.changes import iso, parse_time
from kiosk.ports import utcnow
from sync.server.db import append_changes
from sync.server.models import Device, ReceivedEvent, ServerOrder
from sync.server.validate import envelope_problems, order_ids_of, payload_problems, sender_of

CLOCK_AHEAD_S = 10 * 60
CLOCK_BEHIND_S = 30 * 86400
CLOCK_FLOOR = datetime(2020, 1, 1, tzinfo=UTC)
STOPPED = {"cancelled", "refunded"}
DONE = {"picked_up", "handed_over", "returned"}


@dataclass(slots=True)
class Answer:
    event_id: str
    status: str
    reason: str = ""
    first_status: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "event_id": self.event_id,
            "status": self.status,
            "reason": self.reason,
        }
        if self.first_status is not None:
            out["first_status"] = self.first_status
        return out


class _Refused(Exception):
    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _set(order: ServerOrder, **changes: Any) -> None:
    data = dict(order.data)
    data.update(changes)
    order.data = data
    if "status" in changes:
        order.status = str(changes["status"])


def _pickup(order: ServerOrder, device: Device, p: dict[str, Any], at: datetime) -> str:
    oid = order.id
    if order.status in STOPPED:
        raise _Refused(
            "conflict",
            f"Order {oid} was {order.status} on the platform before this "
            "pickup reached it: ask the customer to return the goods or contact support.",
        )
    if order.status in DONE:
        who = f" by device {order.handled_by}" if order.handled_by else ""
        raise _Refused(
            "conflict",
            f"Order {oid} was already {order.status.replace('_', ' ')}"
            f"{who}: check whether the goods went out twice.",
        )
    lines = [dict(ln) for ln in order.data.get("lines") or []]
    by_sku = {str(ln.get("sku")): ln for ln in lines}
    for ln in p["lines"]:
        target = by_sku.get(ln["sku"])
        if target is None:
            raise _Refused("rejected", f"order {oid} has no line {ln['sku']}")
        picked = float(target.get("picked_qty") or 0) + float(ln["qty"])
        if picked > float(target.get("qty") or 0) + 1e-9:
            raise _Refused(
                "conflict",
                f"Order {oid}: more {ln['sku']} handed out than ordered; "
                "count the goods with the customer.",
            )
        target["picked_qty"] = picked
    full = all(float(ln.get("picked_qty") or 0) >= float(ln.get("qty") or 0) for ln in lines)
    status = "picked_up" if full else "partially_picked_up"
    _set(order, lines=lines, status=status, picked_up_at=iso(at) if full else None)
    order.handled_by = device.id
    return ""


def _reverse(order: ServerOrder, device: Device, p: dict[str, Any], at: datetime) -> str:
    if order.status in STOPPED:
        return f"order {order.id} is {order.status}; nothing to undo on the platform"
    if order.status not in {"picked_up", "partially_picked_up"}:
        raise _Refused(
            "conflict", f"Order {order.id} is {order.status}: there is no pickup to reverse."
        )
    lines = [{**ln, "picked_qty": 0} for ln in order.data.get("lines") or []]
    _set(order, lines=lines, status="ready", picked_up_at=None)
    order.handled_by = None
    return ""


def _handover(orders: list[ServerOrder], device: Device, p: dict[str, Any]) -> str:
    bad = [o for o in orders if o.status in STOPPED | DONE]
    for o in orders:
        if o not in bad:
            _set(o, status="handed_over", leader_id=p["leader_id"])
            o.handled_by = device.id
    if bad:
        listed = ", ".join(f"{o.id} ({o.status})" for o in bad)
        raise _Refused(
            "conflict",
            f"Some orders could not go to the team leader: {listed}. "
            "The others were recorded; get these bags back or contact support.",
        )
    return ""


def _arrived(orders: list[ServerOrder], at: datetime) -> str:
    for o in orders:
        if o.status == "dispatched":
            _set(o, status="ready", ready_at=iso(at))
    return ""


def _apply(
    ev: dict[str, Any],
    device: Device,
    orders: dict[str, ServerOrder],
    touched: dict[str, ServerOrder],
    at: datetime,
) -> str:
    etype, p = ev["type"], ev["payload"]
    ids = order_ids_of(etype, p)
    rows: list[ServerOrder] = []
    for oid in ids:
        row = orders.get(oid)
        if row is None or row.store_id != device.store_id:
            # one message for both: another store's device learns nothing about its orders
            raise _Refused("rejected", f"order {oid} is not known to this store")
        rows.append(row)
    try:
        if etype == "order.picked_up":
            return _pickup(rows[0], device, p, at)
        if etype == "order.pickup_reversed":
            return _reverse(rows[0], device, p, at)
        if etype == "order.handed_over":
            return _handover(rows, device, p)
        if etype == "batch.arrived":
            return _arrived(rows, at)
        return ""
    finally:
        for r in rows:
            touched[r.id] = r


def payload_hash(e: dict[str, Any]) -> str:
    """What makes an event this event: a replay has the same hash, another event does not."""
    body = json.dumps(
        [e["type"], e["seq"], e["occurred_at"], e["payload"]],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def clock_note(at: datetime, now: datetime) -> str:
    """A flag, not a refusal: the goods already left, so an event with a wrong clock is still
    the store's fact; the manager is told to look at the kiosk's clock."""
    ahead = (at - now).total_seconds()
    if ahead > CLOCK_AHEAD_S:
        return (
            f"clock: occurred_at is {ahead / 3600:.1f} h ahead of the platform's time; "
            "check the kiosk's clock"
        )
    if at < CLOCK_FLOOR:
        return "clock: occurred_at is before 2020; the kiosk's clock looks reset"
    if -ahead > CLOCK_BEHIND_S:
        return (
            f"clock: occurred_at is {-ahead / 86400:.0f} days in the past; check the "
            "kiosk's clock if the event is not that old"
        )
    return ""


def _eid(e: Any) -> str:
    v = e.get("event_id") if isinstance(e, dict) else None
    return v[:64] if isinstance(v, str) else ""


def ingest(
    session: Session, device: Device, events: list[Any], *, lock_orders: bool
) -> list[Answer]:
    """Answer every event of one batch; the caller commits. Never raises for one event."""
    now = utcnow()
    answers: list[Answer | None] = [None] * len(events)
    todo: list[tuple[int, dict[str, Any], str]] = []
    for i, e in enumerate(events):
        problems = envelope_problems(e)
        if problems:
            answers[i] = Answer(_eid(e), "rejected", "; ".join(problems))
        elif e["store_id"] != device.store_id:
            answers[i] = Answer(
                e["event_id"],
                "rejected",
                f"event is for store "
                f"{e['store_id']!r}; this device belongs to store "
                f"{device.store_id!r}",
            )
        elif e["device_id"] != device.id:
            answers[i] = Answer(
                e["event_id"],
                "rejected",
                f"event was recorded by device {e['device_id']!r}, not by the device sending it",
            )
        else:
            todo.append((i, e, payload_hash(e)))
    ids = sorted({e["event_id"] for _, e, _ in todo})
    held: dict[str, ReceivedEvent] = {}
    elsewhere: dict[str, list[ReceivedEvent]] = {}
    if ids:
        for row in session.scalars(select(ReceivedEvent).where(ReceivedEvent.event_id.in_(ids))):
            if row.device_id == device.id:
                held[row.event_id] = row
            else:
                elsewhere.setdefault(row.event_id, []).append(row)
    wanted: set[str] = set()
    for _, e, _ in todo:
        if e["event_id"] not in held:
            wanted.update(order_ids_of(e["type"], e["payload"]))
    orders: dict[str, ServerOrder] = {}
    if wanted:
        q = select(ServerOrder).where(ServerOrder.id.in_(sorted(wanted)))
        if lock_orders:
            q = q.with_for_update()
        orders = {o.id: o for o in session.scalars(q)}
    as_loaded = {oid: o.data for oid, o in orders.items()}  # _set swaps in a new dict
    touched: dict[str, ServerOrder] = {}
    new_rows: list[dict[str, Any]] = []
    seen: dict[str, tuple[str, str]] = {}
    replayed: dict[str, int] = {}
    for i, e, digest in todo:
        eid = e["event_id"]
        first = (held[eid].status, held[eid].payload_hash) if eid in held else seen.get(eid)
        if first is not None:
            if first[1] != digest:
                answers[i] = Answer(
                    eid,
                    "rejected",
                    f"event id {eid} was already received "
                    "with different content: this is another event under a "
                    "used id, not a replay",
                )
                continue
            if eid in held:
                replayed[eid] = replayed.get(eid, 0) + 1
            answers[i] = Answer(
                eid, "duplicate", f"already received (first answer: {first[0]})", first[0]
            )
            continue
        twin = next((r for r in elsewhere.get(eid, []) if r.payload_hash == digest), None)
        if twin is not None:
            answers[i] = Answer(
                eid,
                "rejected",
                f"this event was already received from "
                f"device {twin.device_id}; a replay from another device is "
                "not taken",
            )
            continue
        answer = _one(e, device, orders, touched, now)
        answers[i] = answer
        if answer.status in {"accepted", "conflict"}:
            seen[eid] = (answer.status, digest)
            new_rows.append(
                {
                    "event_id": eid,
                    "store_id": e["store_id"],
                    "device_id": e["device_id"],
                    "seq": e["seq"],
                    "type": e["type"],
                    "payload_hash": digest,
                    "occurred_at": parse_time(e["occurred_at"]),
                    "received_at": now,
                    "payload": e["payload"],
                    "status": answer.status,
                    "reason": answer.reason,
                    "replays": 0,
                    "sender": sender_of(e),
                    "reading_id": e["payload"].get("reading_id")
                    if e["type"] == "reading.captured"
                    else None,
                }
            )
    by_count: dict[int, list[str]] = {}
    for eid, n in replayed.items():
        by_count.setdefault(n, []).append(eid)
    for n, eids in by_count.items():  # one UPDATE per replay count, not one per event
        session.execute(
            update(ReceivedEvent)
            .where(ReceivedEvent.device_id == device.id, ReceivedEvent.event_id.in_(eids))
            .values(replays=ReceivedEvent.replays + n)
        )
    if new_rows:
        session.connection().execute(insert(ReceivedEvent), new_rows)
    changes = []
    for o in touched.values():
        if o.data is not as_loaded.get(o.id):
            o.version += 1
            o.updated_at = now
            _set(o, version=o.version)
            changes.append(
                {
                    "store_id": o.store_id,
                    "kind": "order",
                    "key": o.id,
                    "op": "upsert",
                    "data": o.data,
                    "at": now,
                }
            )
    session.flush()
    append_changes(session, changes)
    return [a for a in answers if a is not None]


def _one(
    e: dict[str, Any],
    device: Device,
    orders: dict[str, ServerOrder],
    touched: dict[str, ServerOrder],
    now: datetime,
) -> Answer:
    eid = e["event_id"]
    at = parse_time(e["occurred_at"])
    assert at is not None  # envelope_problems checked it
    problems = payload_problems(e["type"], e["payload"])
    if problems:
        return Answer(eid, "rejected", "; ".join(problems))
    try:
        note = _apply(e, device, orders, touched, at)
    except _Refused as refused:
        return Answer(eid, refused.status, refused.reason)
    return Answer(eid, "accepted", "; ".join(n for n in (note, clock_note(at, now)) if n))
