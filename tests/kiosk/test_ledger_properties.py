"""Random sequences of services never leave the order life, and every change is accounted
for: event-bearing services add exactly one outbox event and one audit entry (linked by
event_id) naming every order they changed; overdue marking and returns (no DESIGN event
type) add one audit entry per order and no event; refused calls change nothing; the audit
chain verifies and outbox seq stays 1..n without gaps."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from ledger_world import PINS, World, _order, make_world
from sqlalchemy import select

from kiosk.db import DB_FILENAME, Database
from kiosk.errors import IllegalTransition, NotAllowed
from kiosk.ledger.audit import verify_chain
from kiosk.ledger.order_state import EDGES
from kiosk.models import AuditEntry, Order, OutboxEvent
from kiosk.ports import utcnow
from kiosk.services.checkin import LineReceipt, check_in_batch
from kiosk.services.handover import hand_over
from kiosk.services.issues import report_issue
from kiosk.services.overdue import mark_overdue, return_overdue
from kiosk.services.pickup import confirm_pickup, reverse_pickup

_TEMPLATE: list[Path] = []
ORDERS = [
    "O-READY",
    "O-READY2",
    "O-DISP",
    "O-DISP2",
    "O-PICKED",
    "O-CANC",
    "O-LEAD1",
    "O-LEAD2",
    "O-OLD",
    "O-X1",
    "O-X2",
]
STAFF = st.sampled_from(["C1", "C2", "M1", "H1", None])
ORDER = st.sampled_from(ORDERS)


def _template() -> Path:
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="ledger-prop-template-"))
        atexit.register(shutil.rmtree, folder, True)  # no template left behind in /tmp
        Database(folder / DB_FILENAME).close()
        _TEMPLATE.append(folder / DB_FILENAME)
    return _TEMPLATE[0]


def _names(payload: dict[str, Any]) -> set[str]:
    ids = {payload["order_id"]} if isinstance(payload.get("order_id"), str) else set()
    ids |= set(payload.get("order_ids") or [])
    ids |= {ln["order_id"] for ln in payload.get("lines") or [] if "order_id" in ln}
    return ids


class Ledger(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="ledger-prop-"))
        shutil.copy(_template(), self.dir / DB_FILENAME)
        self.db = Database(self.dir / DB_FILENAME, migrate=False)
        extra = [
            _order("O-X1", "dispatched", "200001", batch="B2", leader="L1"),
            _order("O-X2", "ready", "200002", leader="L1", ready_at=utcnow() - timedelta(days=9)),
        ]
        self.world: World = make_world(self.db, extra_orders=extra)
        self.now = utcnow()

    def teardown(self) -> None:
        if hasattr(self, "db"):
            self.db.close()
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------
    def _state(self) -> tuple[dict[str, str], int, int]:
        with self.db.reader() as s:
            statuses = {o.id: o.status for o in s.scalars(select(Order))}
            n_ev = len(s.scalars(select(OutboxEvent.event_id)).all())
            n_au = len(s.scalars(select(AuditEntry.id)).all())
        return statuses, n_ev, n_au

    def _apply(self, call: Any, *, event: bool = True) -> None:
        before, ev0, au0 = self._state()
        try:
            call()
        except (IllegalTransition, NotAllowed):
            assert self._state() == (before, ev0, au0), "a refused call changed something"
            return
        after, ev1, au1 = self._state()
        changed = {oid for oid in after if before.get(oid) != after[oid]}
        for oid in changed:
            if oid in before:
                assert (before[oid], after[oid]) in EDGES, (oid, before[oid], after[oid])
        with self.db.reader() as s:
            new_audit = s.scalars(select(AuditEntry).where(AuditEntry.id > au0)).all()
            new_events = s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq)).all()[ev0:]
        if event:
            assert ev1 == ev0 + 1 and au1 == au0 + 1
            assert new_audit[0].event_id == new_events[0].event_id
            assert changed <= _names(new_events[0].payload) | {
                new_events[0].payload.get("order_id")
            }
        else:
            assert ev1 == ev0 and au1 == au0 + len(changed)
            assert {a.entity_id for a in new_audit} == changed
            assert all(a.event_id is None for a in new_audit)

    # -- rules --------------------------------------------------------------------------
    @rule(minutes=st.integers(min_value=0, max_value=60 * 24 * 4))
    def tick(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)

    @rule(
        oid=ORDER,
        staff=STAFF,
        partial=st.booleans(),
        method=st.sampled_from(["qr", "code", "phone"]),
    )
    def pickup(self, oid: str, staff: str | None, partial: bool, method: str) -> None:
        lines = {"MILK": 1.0} if partial else None
        self._apply(
            lambda: confirm_pickup(
                self.db, oid, staff_id=staff, method=method, lines=lines, now=self.now
            )
        )

    @rule(oid=ORDER, staff=STAFF)
    def reverse(self, oid: str, staff: str | None) -> None:
        self._apply(
            lambda: reverse_pickup(self.db, oid, staff_id=staff, reason="mistake", now=self.now)
        )

    @rule(staff=STAFF, short=st.booleans())
    def checkin(self, staff: str | None, short: bool) -> None:
        got = [LineReceipt("O-DISP", "MILK", 0), LineReceipt("O-DISP", "EGG", 0)] if short else []
        self._apply(
            lambda: check_in_batch(
                self.db, "B2", staff_id=staff, received=got, temperature_c=4.0, now=self.now
            )
        )

    @rule(
        staff=STAFF,
        ids=st.lists(
            st.sampled_from(["O-LEAD1", "O-LEAD2", "O-X1", "O-X2", "O-READY"]),
            min_size=1,
            max_size=3,
            unique=True,
        ),
        by=st.sampled_from(["badge", "pin"]),
        right=st.booleans(),
    )
    def handover(self, staff: str | None, ids: list[str], by: str, right: bool) -> None:
        cred = ("BADGE-L1" if by == "badge" else PINS["L1"]) if right else "nope"
        self._apply(
            lambda: hand_over(
                self.db, "L1", ids, staff_id=staff, confirmed_by=by, credential=cred, now=self.now
            )
        )

    @rule(oid=ORDER, staff=STAFF, kind=st.sampled_from(["missing", "damaged", "bogus"]))
    def issue(self, oid: str, staff: str | None, kind: str) -> None:
        self._apply(
            lambda: report_issue(
                self.db, oid, staff_id=staff, kind=kind, sku="EGG", quantity=1, now=self.now
            )
        )

    @rule(staff=st.sampled_from(["M1", None, "C1"]), days=st.integers(min_value=0, max_value=6))
    def overdue(self, staff: str | None, days: int) -> None:
        self._apply(
            lambda: mark_overdue(self.db, staff_id=staff, days=days, now=self.now), event=False
        )

    @rule(oid=ORDER)
    def give_back(self, oid: str) -> None:
        self._apply(
            lambda: return_overdue(self.db, [oid], staff_id="M1", now=self.now), event=False
        )

    # -- invariants ---------------------------------------------------------------------
    @invariant()
    def books_balance(self) -> None:
        if not hasattr(self, "db"):
            return
        with self.db.reader() as s:
            assert verify_chain(s) == []
            seqs = s.scalars(select(OutboxEvent.seq).order_by(OutboxEvent.seq)).all()
            assert list(seqs) == list(range(1, len(seqs) + 1))
            linked = s.scalars(
                select(AuditEntry.event_id).where(AuditEntry.event_id.is_not(None))
            ).all()
            events = s.scalars(select(OutboxEvent.event_id)).all()
            assert sorted(e for e in linked if e) == sorted(events)  # one audit entry per event
            for o in s.scalars(select(Order)):
                assert o.status in {
                    "dispatched",
                    "ready",
                    "partially_picked_up",
                    "picked_up",
                    "handed_over",
                    "overdue",
                    "returned",
                    "cancelled",
                    "refunded",
                }
                for ln in o.lines:
                    assert 0 <= ln.picked_qty <= ln.qty
                if o.status == "picked_up":
                    assert all(ln.picked_qty == ln.qty for ln in o.lines)
                if o.status == "ready":
                    assert all(ln.picked_qty == 0 for ln in o.lines)


Ledger.TestCase.settings = settings(
    max_examples=30, stateful_step_count=25, deadline=None, derandomize=True
)
TestLedgerProperties = Ledger.TestCase
