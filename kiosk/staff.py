"""Staff PINs (argon2), lockout after repeated failures, and the role matrix that gates services.

Role matrix (permission → roles; `system` is the unattended actor of the command line and of
scheduled jobs, never a person at the counter):

| permission      | clerk | manager | leader | host | inspector | system |
|-----------------|:-----:|:-------:|:------:|:----:|:---------:|:------:|
| pickup          |   x   |    x    |        |      |           |   x    |
| reverse_pickup  |  own  |    x    |        |      |           |        |
| check_in        |   x   |    x    |        |      |           |   x    |
| hand_over       |   x   |    x    |        |      |           |        |
| report_issue    |   x   |    x    |        |  x   |     x     |        |
| close_shift     |  own  |    x    |        |      |           |        |
| mark_overdue    |       |    x    |        |      |           |   x    |

"own": a clerk may reverse only a pickup they confirmed themselves and close only their own
shift; a manager may do either for anyone. Reversal is always bounded by the window
(setting `pickup_reverse_window_min`, default 10 minutes) — after it, nobody reverses; record
an issue instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import NotAllowed
from kiosk.ledger.audit import append_audit
from kiosk.models import Staff
from kiosk.platform.identity import get_setting
from kiosk.ports import utcnow

SYSTEM = "system"


class Permission(StrEnum):
    PICKUP = "pickup"
    REVERSE_PICKUP = "reverse_pickup"
    CHECK_IN = "check_in"
    HAND_OVER = "hand_over"
    REPORT_ISSUE = "report_issue"
    CLOSE_SHIFT = "close_shift"
    MARK_OVERDUE = "mark_overdue"


MATRIX: dict[Permission, frozenset[str]] = {
    Permission.PICKUP: frozenset({"clerk", "manager", SYSTEM}),
    Permission.REVERSE_PICKUP: frozenset({"clerk", "manager"}),
    Permission.CHECK_IN: frozenset({"clerk", "manager", SYSTEM}),
    Permission.HAND_OVER: frozenset({"clerk", "manager"}),
    Permission.REPORT_ISSUE: frozenset({"clerk", "manager", "host", "inspector"}),
    Permission.CLOSE_SHIFT: frozenset({"clerk", "manager"}),
    Permission.MARK_OVERDUE: frozenset({"manager", SYSTEM}),
}
OWN_ONLY_FOR_CLERK = frozenset({Permission.REVERSE_PICKUP, Permission.CLOSE_SHIFT})

# OWASP's argon2id minimum (19 MiB, 2 passes): ~0.1 s on a store PC. A 6-digit PIN is guarded
# by the lockout, not by hash cost. LINLI_FAST_PIN_HASH=1 (tests only) makes hashing cheap.
STORE_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
MAX_FAILURES_DEFAULT = 5
LOCKOUT_MINUTES_DEFAULT = 5


def default_hasher() -> PasswordHasher:
    return FAST_HASHER if os.environ.get("LINLI_FAST_PIN_HASH") == "1" else STORE_HASHER


def hash_pin(pin: str, hasher: PasswordHasher | None = None) -> str:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise NotAllowed("A PIN is 4 to 8 digits.")
    return (hasher or default_hasher()).hash(pin)


def pin_matches(pin_hash: str | None, pin: str) -> bool:
    """True when `pin` matches; any broken or missing hash simply does not match."""
    if not pin_hash:
        return False
    try:
        return PasswordHasher().verify(pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is doing something: a staff member or the `system` actor."""

    id: str
    role: str


def role_of(session: Session, staff_id: str | None) -> Actor:
    if staff_id is None or staff_id == SYSTEM:
        return Actor(SYSTEM, SYSTEM)
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise NotAllowed(f"Staff member {staff_id!r} is not known at this store.")
    return Actor(staff.id, staff.role)


def require(
    session: Session, staff_id: str | None, permission: Permission, *, owner: str | None = None
) -> Actor:
    """The actor if the role matrix allows `permission`, else NotAllowed in plain words."""
    actor = role_of(session, staff_id)
    if actor.role not in MATRIX[permission]:
        raise NotAllowed(
            f"A {actor.role} may not {permission.value.replace('_', ' ')}; ask a manager."
        )
    if actor.role == "clerk" and permission in OWN_ONLY_FOR_CLERK and owner not in (None, actor.id):
        raise NotAllowed(
            f"Only the clerk who did it or a manager may {permission.value.replace('_', ' ')}."
        )
    return actor


def authenticate(db: Database, staff_id: str, pin: str, *, now: datetime | None = None) -> Actor:
    """Check a PIN in its own transaction; counts failures and locks out.

    After `staff_max_pin_failures` wrong PINs in a row (default 5) the member is locked for
    `staff_lockout_minutes` (default 5); a right PIN while locked is still refused. The
    failure count is committed before the refusal is raised.
    """
    now = now or utcnow()
    refusal: str | None = None
    with db.session() as session:
        staff = session.get(Staff, staff_id)
        if staff is None or not staff.active:
            raise NotAllowed("Unknown staff member or wrong PIN.")
        if staff.locked_until is not None and staff.locked_until > now:
            minutes = max(1, int((staff.locked_until - now).total_seconds() // 60) + 1)
            raise NotAllowed(f"Too many wrong PINs: try again in {minutes} min or ask a manager.")
        if pin_matches(staff.pin_hash, pin):
            staff.failed_attempts = 0
            staff.locked_until = None
            return Actor(staff.id, staff.role)
        staff.failed_attempts += 1
        refusal = "Unknown staff member or wrong PIN."
        limit = _int_setting(session, "staff_max_pin_failures", MAX_FAILURES_DEFAULT)
        if staff.failed_attempts >= limit:
            minutes = _int_setting(session, "staff_lockout_minutes", LOCKOUT_MINUTES_DEFAULT)
            staff.locked_until = now + timedelta(minutes=minutes)
            staff.failed_attempts = 0
            refusal = f"Too many wrong PINs: locked for {minutes} min."
            append_audit(
                session,
                actor=staff.id,
                action="staff.locked_out",
                entity="staff",
                entity_id=staff.id,
                detail={"minutes": minutes, "failures": limit},
            )
    raise NotAllowed(refusal)


def _int_setting(session: Session, key: str, default: int) -> int:
    value = get_setting(session, key, default)
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default
    )
