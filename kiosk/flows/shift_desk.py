"""Shift close as the clerk sees it: the running summary of their open shift (opened on
first look), a warning when something has not left the kiosk yet (events waiting for the
platform, print jobs still queued), then close: `shift.closed` goes out and the report
prints. Outcomes are codes with parameters; the UI words them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from kiosk.changes import Changes
from kiosk.db import Database
from kiosk.errors import KioskError, NotAllowed
from kiosk.models import Shift
from kiosk.ports import utcnow
from kiosk.services.shift import close_shift, open_shift, shift_counts

SUMMARY_KEYS = (
    "pickups",
    "partials",
    "issues",
    "handovers",
    "reversals",
    "batches",
    "overdue",
    "on_shelf",
    "events_waiting",
    "print_queued",
)


class ShiftCode(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    NOT_ALLOWED = "not_allowed"
    NO_CLERK = "no_clerk"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class ShiftView:
    code: ShiftCode
    shift_id: str = ""
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    counts: tuple[tuple[str, int], ...] = ()
    report_queued: bool = False
    changes: Changes = field(default_factory=Changes)

    @property
    def unsent(self) -> int:
        c = dict(self.counts)
        return c.get("events_waiting", 0) + c.get("print_queued", 0)


def _view(code: ShiftCode, shift: Shift, counts: dict[str, Any], **kw: Any) -> ShiftView:
    return ShiftView(
        code,
        shift.id,
        shift.opened_at,
        shift.closed_at,
        tuple((k, int(counts.get(k, 0))) for k in SUMMARY_KEYS),
        **kw,
    )


def current(db: Database, staff_id: str | None, *, now: datetime | None = None) -> ShiftView:
    """The clerk's open shift with its counts so far (a shift is opened when there is none)."""
    now = now or utcnow()
    if staff_id is None:
        return ShiftView(ShiftCode.NO_CLERK)
    with db.reader() as s:
        shift = s.scalars(
            select(Shift)
            .where(Shift.staff_id == staff_id, Shift.closed_at.is_(None))
            .order_by(Shift.opened_at.desc())
        ).first()
    if shift is None:
        try:
            open_shift(db, staff_id=staff_id, now=now)
        except NotAllowed:
            return ShiftView(ShiftCode.NOT_ALLOWED)
        return current(db, staff_id, now=now)
    with db.reader() as s:
        shift = s.get(Shift, shift.id)
        assert shift is not None
        return _view(ShiftCode.OPEN, shift, shift_counts(s, shift.opened_at, now))


def close(
    db: Database,
    shift_id: str,
    *,
    staff_id: str | None,
    reports: object | None = None,
    now: datetime | None = None,
) -> ShiftView:
    now = now or utcnow()
    if staff_id is None:
        return ShiftView(ShiftCode.NO_CLERK)
    try:
        closed = close_shift(db, shift_id, staff_id=staff_id, now=now)
    except NotAllowed:
        return ShiftView(ShiftCode.NOT_ALLOWED)
    except KioskError:
        return ShiftView(ShiftCode.REFUSED)
    queued = False
    enqueue = getattr(reports, "enqueue_shift_report", None)
    if callable(enqueue):
        try:
            enqueue(shift_id)
            queued = True
        except Exception:  # the close stands whatever the printer queue does
            queued = False
    with db.reader() as s:
        shift = s.get(Shift, shift_id)
        assert shift is not None
        return _view(
            ShiftCode.CLOSED,
            shift,
            closed.counts,
            report_queued=queued,
            changes=Changes(outbox=True, printing=queued, session=True),
        )
