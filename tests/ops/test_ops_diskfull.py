"""A full or read-only disk during a pickup (a real size-capped tmpfs): the clerk gets plain
words, nothing committed is lost, nothing half-written is used, and the kiosk goes on once
there is room again."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from ops_world import fill_disk, world_in
from sqlalchemy import select, text

from kiosk.db import Database
from kiosk.flows.pickup import PickupFlow, PickupStep
from kiosk.ledger.audit import verify_chain
from kiosk.models import Order, OutboxEvent
from kiosk.ops.backup import BackupError, backup_dir, backup_now, list_backups
from kiosk.ops.doctor import run_doctor
from kiosk.ops.integrity import check_at_start
from kiosk.ops.storage import DISK_FULL, READ_ONLY, StorageError
from kiosk.services.pickup import confirm_pickup


def _books(db: Database) -> tuple[list[tuple[str, int, str]], dict[str, str]]:
    with db.reader() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert verify_chain(s) == []
        events = [
            (e.event_id, e.seq, e.status)
            for e in s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))
        ]
        orders = {o.id: o.status for o in s.scalars(select(Order))}
    return events, orders


def _truncate_wal(db: Database) -> None:
    db.engine.dispose()
    conn = sqlite3.connect(db.path, isolation_level=None)
    try:
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    finally:
        conn.close()


def test_disk_full_during_a_pickup(small_fs: Path, db_template: Path) -> None:
    world = world_in(small_fs / "data", db_template)
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    before = _books(world.db)
    _truncate_wal(world.db)  # no WAL space left over to write into
    filler = fill_disk(small_fs)
    with pytest.raises(StorageError) as err:
        confirm_pickup(world.db, "O-READY2", staff_id="C1")
    assert str(err.value) == DISK_FULL
    with pytest.raises(BackupError, match="disk is full"):
        backup_now(world.db.path)
    assert list_backups(backup_dir(world.db.path)) == []
    assert list(backup_dir(world.db.path).glob(".*.partial")) == []  # no half backup left
    findings = {f.check: f for f in run_doctor(small_fs / "data")}
    assert not findings["disk"].ok and "Free space" in findings["disk"].action
    world.db.close()
    filler.unlink()
    db = Database(world.db.path)
    try:
        assert _books(db) == before  # nothing committed lost, nothing half-written used
        confirm_pickup(db, "O-READY2", staff_id="C1")  # room again: the counter goes on
        events, orders = _books(db)
        assert len(events) == len(before[0]) + 1 and orders["O-READY2"] == "picked_up"
    finally:
        db.close()


def test_the_counter_flow_shows_the_clerk_the_disk_full_message(
    small_fs: Path, db_template: Path
) -> None:
    world = world_in(small_fs / "data", db_template)
    flow = PickupFlow(world.db, staff_id="C1", store_id=world.store_id)
    flow.scan(world.token("O-READY", code="100001"))
    _truncate_wal(world.db)
    filler = fill_disk(small_fs)
    step = flow.confirm()
    assert step is PickupStep.ERROR and flow.message == DISK_FULL
    filler.unlink()
    with world.db.reader() as s:
        assert s.get(Order, "O-READY").status == "ready"
    world.db.close()


def test_read_only_disk(small_fs: Path, db_template: Path) -> None:
    world = world_in(small_fs / "data", db_template)
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    before = _books(world.db)
    world.db.close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    db = Database(world.db.path, migrate=False)
    try:
        with pytest.raises(StorageError) as err:
            confirm_pickup(db, "O-READY2", staff_id="C1")
        assert str(err.value) == READ_ONLY
    finally:
        db.close()
    with pytest.raises(StorageError, match="read-only"):  # not called a damaged ledger
        check_at_start(small_fs / "data")
    assert not (small_fs / "data" / "damaged").exists()
    findings = {f.check: f for f in run_doctor(small_fs / "data")}
    assert not findings["writable"].ok
    assert "read-only" in findings["database"].message  # not "damaged"
    subprocess.run(["mount", "-o", "remount,rw", str(small_fs)], check=True)
    db = Database(world.db.path)
    try:
        assert _books(db) == before
    finally:
        db.close()
