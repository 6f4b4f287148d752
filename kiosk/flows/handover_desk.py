"""The handover desk (团长交接): the leader's badge is scanned (or picked from the list), their
ready orders appear with bins, bags are scanned one by one (each ticks; a bag that is not
theirs is refused with whose it is) or all are ticked at once, the leader confirms with PIN
or by scanning the badge again, one `order.handed_over` goes out and the slip is queued.

Qt-free and in memory between the badge and the confirm; the screen calls it through the
UI's one database worker. Outcomes are codes with parameters; the UI words them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import ClassVar, Protocol, runtime_checkable

from sqlalchemy import func, select

from kiosk.db import Database
from kiosk.errors import KioskError, NotAllowed
from kiosk.flows.bags import parse_bag
from kiosk.flows.desk import DeskOutcome, queued, refusal_params
from kiosk.ledger.order_state import OrderStatus
from kiosk.models import Leader, Order
from kiosk.ports import utcnow
from kiosk.services.handover import confirm_leader, hand_over, leader_by_badge

HANDABLE = (OrderStatus.READY, OrderStatus.OVERDUE)


class HCode(StrEnum):
    LEADER_FOUND = "leader_found"  # params: leader, orders
    UNKNOWN_BADGE = "unknown_badge"
    BAG_TICKED = "bag_ticked"  # params: order, bin
    BAG_AGAIN = "bag_again"
    BAG_UNTICKED = "bag_unticked"
    NOT_THEIRS = "not_theirs"  # params: order, owner (leader name or "")
    NOT_HANDABLE = "not_handable"  # one of theirs that cannot go now (params: status)
    OTHER_STORE = "other_store"  # params: store
    UNKNOWN_BAG = "unknown_bag"
    NOT_A_LABEL = "not_a_label"
    ALL_TICKED = "all_ticked"  # params: count
    NOTHING_TICKED = "nothing_ticked"
    WRONG_CREDENTIAL = "wrong_credential"  # params: by (pin | badge)
    HANDED_OVER = "handed_over"  # params: count, leader
    NO_LEADER = "no_leader"
    REFUSED = "refused"  # params: kind, message


REFUSALS = frozenset(
    {
        HCode.UNKNOWN_BADGE,
        HCode.NOT_THEIRS,
        HCode.NOT_HANDABLE,
        HCode.OTHER_STORE,
        HCode.UNKNOWN_BAG,
        HCode.NOT_A_LABEL,
        HCode.NOTHING_TICKED,
        HCode.WRONG_CREDENTIAL,
        HCode.NO_LEADER,
        HCode.REFUSED,
    }
)


@dataclass(frozen=True, slots=True)
class HOutcome(DeskOutcome[HCode]):
    REFUSALS: ClassVar[frozenset[str]] = REFUSALS


@dataclass(frozen=True, slots=True)
class LeaderChoice:
    leader_id: str
    name: str
    community: str
    ready: int


@dataclass(frozen=True, slots=True)
class HandOrder:
    order_id: str
    bin_code: str | None
    items: int
    ticked: bool


@dataclass(frozen=True, slots=True)
class HandedOver:
    handover_id: str
    event_id: str
    count: int
    confirmed_by: str
    slip_queued: bool


@dataclass(frozen=True, slots=True)
class HandoverSnapshot:
    leader_id: str | None
    leader_name: str
    community: str
    orders: tuple[HandOrder, ...]
    ticked: int
    current: str | None
    outcome: HOutcome | None
    done: HandedOver | None = None


@runtime_checkable
class SlipSink(Protocol):
    def enqueue_handover_slip(self, handover_id: str) -> None: ...


def list_leaders(db: Database) -> list[LeaderChoice]:
    """Leaders of the store with how many of their orders can be handed over now."""
    with db.reader() as s:
        counts = dict(
            s.execute(
                select(Order.leader_id, func.count())
                .where(Order.status.in_(HANDABLE), Order.leader_id.is_not(None))
                .group_by(Order.leader_id)
            ).all()
        )
        return [
            LeaderChoice(ld.id, ld.name, ld.community, int(counts.get(ld.id, 0)))
            for ld in s.scalars(select(Leader).order_by(Leader.id))
        ]


class HandoverDesk:
    def __init__(self, db: Database, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.db, self.clock = db, clock
        self._clear()

    def _clear(self) -> None:
        self.leader_id: str | None = None
        self.leader_name = ""
        self.community = ""
        self.badge: str | None = None
        self.store_id = ""
        self._orders: dict[str, tuple[str | None, int]] = {}
        self._ticked: dict[str, None] = {}
        self._current: str | None = None
        self._done: HandedOver | None = None

    def identify(self, badge_or_id: str) -> HandoverSnapshot:
        """A scanned badge, or a leader id picked from the list."""
        key = badge_or_id.strip()
        with self.db.reader() as s:
            leader = leader_by_badge(s, key) or s.get(Leader, key)
            if leader is None:
                return self._snapshot(HOutcome(HCode.UNKNOWN_BADGE))
            self._clear()
            self.leader_id, self.leader_name, self.community = (
                leader.id,
                leader.name,
                leader.community,
            )
            self.badge, self.store_id = leader.badge_code, leader.store_id
            for o in s.scalars(
                select(Order)
                .where(Order.leader_id == leader.id, Order.status.in_(HANDABLE))
                .order_by(Order.bin_code, Order.id)
            ):
                self._orders[o.id] = (o.bin_code, len(o.lines))
        return self._snapshot(
            HOutcome(
                HCode.LEADER_FOUND,
                (("leader", self.leader_name), ("orders", str(len(self._orders)))),
            )
        )

    def scan(
        self, text: str, *, staff_id: str | None = None, slips: object | None = None
    ) -> HandoverSnapshot:
        """A bag ticks; with bags ticked, the leader's own badge (or a PIN typed so fast it
        arrives as a scan) confirms; another badge starts over with that leader."""
        bag = parse_bag(text)
        if bag is not None:
            if self.leader_id is None or self._done is not None:
                return self._snapshot(HOutcome(HCode.NO_LEADER))
            if bag.store_id is not None and bag.store_id != self.store_id:
                return self._snapshot(HOutcome(HCode.OTHER_STORE, (("store", bag.store_id),)))
            return self._tick_bag(bag.order_id)
        t = text.strip()
        if self.leader_id is not None and self._done is None and self._ticked:
            if self.badge and t == self.badge:
                return self.confirm(
                    confirmed_by="badge", credential=t, staff_id=staff_id, slips=slips
                )
            if t.isdigit() and 4 <= len(t) <= 8:  # a PIN typed fast on a keyboard
                return self.confirm(
                    confirmed_by="pin", credential=t, staff_id=staff_id, slips=slips
                )
        with self.db.reader() as s:
            known = leader_by_badge(s, t) is not None
        if known:
            return self.identify(t)
        return self._snapshot(HOutcome(HCode.NOT_A_LABEL))

    def _tick_bag(self, order_id: str) -> HandoverSnapshot:
        if order_id in self._orders:
            self._current = order_id
            if order_id in self._ticked:
                return self._snapshot(HOutcome(HCode.BAG_AGAIN, (("order", order_id),)))
            self._ticked[order_id] = None
            return self._snapshot(
                HOutcome(
                    HCode.BAG_TICKED,
                    (("order", order_id), ("bin", self._orders[order_id][0] or "")),
                )
            )
        with self.db.reader() as s:
            order = s.get(Order, order_id)
            if order is None:
                return self._snapshot(HOutcome(HCode.UNKNOWN_BAG, (("order", order_id),)))
            if order.store_id != self.store_id:
                return self._snapshot(HOutcome(HCode.OTHER_STORE, (("store", order.store_id),)))
            if order.leader_id == self.leader_id:
                return self._snapshot(
                    HOutcome(HCode.NOT_HANDABLE, (("order", order_id), ("status", order.status)))
                )
            owner = s.get(Leader, order.leader_id) if order.leader_id else None
            return self._snapshot(
                HOutcome(
                    HCode.NOT_THEIRS, (("order", order_id), ("owner", owner.name if owner else ""))
                )
            )

    def toggle(self, order_id: str) -> HandoverSnapshot:
        """Touch: tick or untick one of the leader's orders."""
        if order_id not in self._orders or self._done is not None:
            return self._snapshot(HOutcome(HCode.UNKNOWN_BAG, (("order", order_id),)))
        if order_id in self._ticked:
            del self._ticked[order_id]
            return self._snapshot(HOutcome(HCode.BAG_UNTICKED, (("order", order_id),)))
        return self._tick_bag(order_id)

    def tick_all(self) -> HandoverSnapshot:
        if self.leader_id is None or self._done is not None:
            return self._snapshot(HOutcome(HCode.NO_LEADER))
        for oid in self._orders:
            self._ticked.setdefault(oid, None)
        return self._snapshot(HOutcome(HCode.ALL_TICKED, (("count", str(len(self._ticked))),)))

    def confirm(
        self,
        *,
        confirmed_by: str,
        credential: str,
        staff_id: str | None,
        slips: object | None = None,
    ) -> HandoverSnapshot:
        if self.leader_id is None or self._done is not None:
            return self._snapshot(HOutcome(HCode.NO_LEADER))
        if not self._ticked:
            return self._snapshot(HOutcome(HCode.NOTHING_TICKED))
        ids = [oid for oid in self._orders if oid in self._ticked]
        with self.db.reader() as s:
            leader = s.get(Leader, self.leader_id)
            try:
                if leader is None:
                    raise NotAllowed("no such leader")
                confirm_leader(leader, confirmed_by, credential)
            except NotAllowed:
                return self._snapshot(HOutcome(HCode.WRONG_CREDENTIAL, (("by", confirmed_by),)))
        try:
            result = hand_over(
                self.db,
                self.leader_id,
                ids,
                staff_id=staff_id,
                confirmed_by=confirmed_by,
                credential=credential,
                bag_count=len(ids),
                now=self.clock(),
            )
        except KioskError as exc:
            return self._snapshot(HOutcome(HCode.REFUSED, refusal_params(exc)))
        slip = isinstance(slips, SlipSink) and queued(
            lambda: slips.enqueue_handover_slip(result.handover_id)
        )
        self._done = HandedOver(result.handover_id, result.event_id, len(ids), confirmed_by, slip)
        return self._snapshot(
            HOutcome(HCode.HANDED_OVER, (("count", str(len(ids))), ("leader", self.leader_name)))
        )

    def reset(self) -> HandoverSnapshot:
        self._clear()
        return self._snapshot(None)

    def snapshot(self) -> HandoverSnapshot:
        return self._snapshot(None)

    def _snapshot(self, outcome: HOutcome | None) -> HandoverSnapshot:
        orders = tuple(
            HandOrder(oid, b, n, oid in self._ticked) for oid, (b, n) in self._orders.items()
        )
        return HandoverSnapshot(
            self.leader_id,
            self.leader_name,
            self.community,
            orders,
            len(self._ticked),
            self._current,
            outcome,
            self._done,
        )
