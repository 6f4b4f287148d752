from __future__ import annotations

from datetime import timedelta

import pytest
from ledger_world import PINS, World, make_world
from sqlalchemy import select

from kiosk.db import Database
from kiosk.errors import NotAllowed
from kiosk.models import AuditEntry, Staff
from kiosk.platform.identity import put_setting
from kiosk.ports import utcnow
from kiosk.staff import MATRIX, Permission, authenticate, hash_pin, pin_matches, require


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db)


def test_pin_hash_is_argon2_and_checked() -> None:
    from ledger_world import FAST

    h = hash_pin("2468", FAST)
    assert h.startswith("$argon2id$") and "2468" not in h
    assert pin_matches(h, "2468") and not pin_matches(h, "2469")
    assert not pin_matches(None, "2468") and not pin_matches("garbage", "2468")
    with pytest.raises(NotAllowed, match="4 to 8 digits"):
        hash_pin("12a4", FAST)


def test_login_and_lockout(world: World) -> None:
    with world.db.session() as s:
        put_setting(s, "staff_max_pin_failures", 3)
        put_setting(s, "staff_lockout_minutes", 10)
    assert authenticate(world.db, "C1", PINS["C1"]).role == "clerk"
    now = utcnow()
    for _ in range(2):
        with pytest.raises(NotAllowed, match="wrong PIN"):
            authenticate(world.db, "C1", "0000", now=now)
    with pytest.raises(NotAllowed, match="locked for 10 min"):
        authenticate(world.db, "C1", "0000", now=now)
    with world.db.reader() as s:
        [entry] = s.scalars(select(AuditEntry)).all()
        assert (entry.action, entry.entity_id, entry.event_id) == ("staff.locked_out", "C1", None)
    with pytest.raises(NotAllowed, match="try again in"):  # right PIN, still locked
        authenticate(world.db, "C1", PINS["C1"], now=now + timedelta(minutes=5))
    assert authenticate(world.db, "C1", PINS["C1"], now=now + timedelta(minutes=11)).id == "C1"
    with world.db.reader() as s:
        staff = s.get(Staff, "C1")
        assert staff is not None and staff.failed_attempts == 0 and staff.locked_until is None


def test_failures_are_counted_across_calls(world: World) -> None:
    with pytest.raises(NotAllowed):
        authenticate(world.db, "C2", "0000")
    with world.db.reader() as s:
        staff = s.get(Staff, "C2")
        assert staff is not None and staff.failed_attempts == 1
    with pytest.raises(NotAllowed, match="wrong PIN"):
        authenticate(world.db, "NOBODY", "1234")


def test_role_matrix(world: World) -> None:
    with world.db.reader() as s:
        assert require(s, "C1", Permission.PICKUP).role == "clerk"
        assert require(s, None, Permission.PICKUP).id == "system"
        with pytest.raises(NotAllowed, match="host may not"):
            require(s, "H1", Permission.HAND_OVER)
        with pytest.raises(NotAllowed):
            require(s, None, Permission.REVERSE_PICKUP)
        with pytest.raises(NotAllowed, match="clerk who did it"):
            require(s, "C1", Permission.REVERSE_PICKUP, owner="C2")
        assert require(s, "M1", Permission.REVERSE_PICKUP, owner="C2").role == "manager"
    assert all("manager" in roles for p, roles in MATRIX.items())
