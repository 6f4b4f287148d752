"""Who is at the counter: the logged-in clerk, PIN and badge login, switch, logout and the
idle lock. Qt-free; PIN checks and lockout go through kiosk/staff.py (argon2 takes ~0.1 s,
so the UI calls `login_pin`/`login_badge`/`switch` through `tasks.run_db`).

Outcomes are codes with parameters (`LoginResult.code`), worded by the UI:
"ok", "wrong_pin" (params: left = tries before the lockout), "locked" (params: minutes),
"unknown_staff", "unknown_badge", "no_pin" (the member has no PIN set).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from kiosk.db import Database
from kiosk.errors import NotAllowed
from kiosk.models import Staff
from kiosk.platform.identity import get_setting
from kiosk.ports import utcnow
from kiosk.staff import (
    LOCKOUT_MINUTES_DEFAULT,
    MATRIX,
    MAX_FAILURES_DEFAULT,
    Permission,
    authenticate,
)

# Screens that are not a core permission but still depend on the role.
MANAGE = "manage"  # settings, devices, sync, leaving kiosk mode: managers only
UI_PERMISSIONS: dict[str, frozenset[str]] = {MANAGE: frozenset({"manager"})}
BADGE_SETTING = "staff_badges"  # kiosk setting: {badge code: staff id}


@dataclass(frozen=True, slots=True)
class Clerk:
    """The staff member logged in at this kiosk."""

    staff_id: str
    name: str
    role: str
    since: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, slots=True)
class StaffCard:
    """One tile on the login screen."""

    staff_id: str
    name: str
    role: str
    locked_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class LoginResult:
    code: str
    clerk: Clerk | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.code == "ok"


class ClerkSession:
    """Thread-safe: login runs on the database worker, reads happen on the GUI thread."""

    def __init__(
        self, db: Database, *, clock: Callable[[], datetime] = utcnow, idle_lock_min: int = 5
    ) -> None:
        self._db = db
        self._clock = clock
        self._lock = threading.Lock()
        self._clerk: Clerk | None = None
        self._last_activity = clock()
        self.idle_lock_min = idle_lock_min
        self._listeners: list[Callable[[Clerk | None], None]] = []

    # --- who --------------------------------------------------------------------------

    @property
    def clerk(self) -> Clerk | None:
        with self._lock:
            return self._clerk

    @property
    def staff_id(self) -> str | None:
        clerk = self.clerk
        return clerk.staff_id if clerk else None

    def can(self, permission: str | None) -> bool:
        """May the logged-in clerk do `permission` (a kiosk.staff.Permission value or MANAGE)?
        None means anyone logged in."""
        clerk = self.clerk
        if clerk is None:
            return False
        if permission is None:
            return True
        if permission in UI_PERMISSIONS:
            return clerk.role in UI_PERMISSIONS[permission]
        try:
            return clerk.role in MATRIX[Permission(permission)]
        except ValueError:
            return False

    def add_listener(self, listener: Callable[[Clerk | None], None]) -> None:
        """Called (on the caller's thread) whenever the clerk changes or the kiosk locks."""
        self._listeners.append(listener)

    def _set(self, clerk: Clerk | None) -> None:
        with self._lock:
            changed = clerk != self._clerk
            self._clerk = clerk
            self._last_activity = self._clock()
        if changed:
            for listener in list(self._listeners):
                listener(clerk)

    # --- login ------------------------------------------------------------------------

    def staff_cards(self) -> list[StaffCard]:
        """Everybody who can log in here (active staff), managers last."""
        with self._db.reader() as s:
            rows = s.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.name)).all()
            cards = [StaffCard(r.id, r.name, r.role, r.locked_until) for r in rows]
        return sorted(cards, key=lambda c: (c.role == "manager", c.name))

    def check_pin(self, staff_id: str, pin: str) -> LoginResult:
        """Check a PIN (counting failures, locking out) without changing who is logged in:
        what kiosk-mode exit and manager overrides use."""
        now = self._clock()
        with self._db.reader() as s:
            staff = s.get(Staff, staff_id)
            if staff is None or not staff.active:
                return LoginResult("unknown_staff")
            if not staff.pin_hash:
                return LoginResult("no_pin")
            name, role = staff.name, staff.role
        try:
            authenticate(self._db, staff_id, pin, now=now)
        except NotAllowed:
            return self._refusal(staff_id, now)
        return LoginResult("ok", Clerk(staff_id, name, role, now))

    def _refusal(self, staff_id: str, now: datetime) -> LoginResult:
        with self._db.reader() as s:
            staff = s.get(Staff, staff_id)
            limit = _int(get_setting(s, "staff_max_pin_failures"), MAX_FAILURES_DEFAULT)
            lock_min = _int(get_setting(s, "staff_lockout_minutes"), LOCKOUT_MINUTES_DEFAULT)
            if staff is None:
                return LoginResult("unknown_staff")
            minutes = _minutes_locked(staff.locked_until, now)
            if minutes:
                return LoginResult("locked", params={"minutes": min(minutes, lock_min)})
            return LoginResult("wrong_pin", params={"left": max(0, limit - staff.failed_attempts)})

    def login_pin(self, staff_id: str, pin: str) -> LoginResult:
        result = self.check_pin(staff_id, pin)
        if result.ok:
            self._set(result.clerk)
        return result

    def switch(self, staff_id: str, pin: str) -> LoginResult:
        """Hand the counter to another clerk; the current one stays until the PIN is right."""
        return self.login_pin(staff_id, pin)

    def login_badge(self, code: str) -> LoginResult:
        """A scanned staff badge: the `staff_badges` setting maps badge codes to staff ids
        (a badge is as good as a PIN, so it is a setting a manager hands out)."""
        code = code.strip()
        with self._db.reader() as s:
            badges = get_setting(s, BADGE_SETTING, {})
            staff_id = badges.get(code) if isinstance(badges, dict) else None
            staff = s.get(Staff, staff_id) if isinstance(staff_id, str) else None
            if staff is None or not staff.active:
                return LoginResult("unknown_badge")
            now = self._clock()
            minutes = _minutes_locked(staff.locked_until, now)
            if minutes:
                return LoginResult("locked", params={"minutes": minutes})
            clerk = Clerk(staff.id, staff.name, staff.role, now)
        self._set(clerk)
        return LoginResult("ok", clerk)

    def login_as(self, staff_id: str) -> LoginResult:
        """Log a member in without a PIN: only for `--demo` (the demo clerk starts logged in)."""
        with self._db.reader() as s:
            staff = s.get(Staff, staff_id)
            if staff is None or not staff.active:
                return LoginResult("unknown_staff")
            clerk = Clerk(staff.id, staff.name, staff.role, self._clock())
        self._set(clerk)
        return LoginResult("ok", clerk)

    def logout(self) -> None:
        self._set(None)

    lock = logout

    # --- idle lock --------------------------------------------------------------------

    def touch(self) -> None:
        """A key or a tap: the clerk is still there."""
        with self._lock:
            self._last_activity = self._clock()

    def idle_for(self) -> timedelta:
        with self._lock:
            return self._clock() - self._last_activity

    def check_idle(self) -> bool:
        """Lock when idle longer than `idle_lock_min` (0: never); True when it just locked."""
        if self.idle_lock_min <= 0 or self.clerk is None:
            return False
        if self.idle_for() >= timedelta(minutes=self.idle_lock_min):
            self.logout()
            return True
        return False


def _minutes_locked(until: datetime | None, now: datetime) -> int:
    """Whole minutes (rounded up) until a lockout ends; 0 when not locked."""
    if until is None:
        return 0
    if until.tzinfo is None:  # SQLite hands back naive UTC
        until = until.replace(tzinfo=now.tzinfo)
    seconds = (until - now).total_seconds()
    return max(1, math.ceil(seconds / 60)) if seconds > 0 else 0


def _int(value: object, default: int) -> int:
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default
    )
