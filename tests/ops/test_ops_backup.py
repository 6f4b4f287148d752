"""Online backups: verified, kept N deep, made before migrations, taken while pickups run,
and never mistaken for good when the process is killed in the middle."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from ops_world import World, file_digest
from sqlalchemy import select

from kiosk.db import DB_FILENAME, Database, upgrade
from kiosk.models import Order, OutboxEvent
from kiosk.ops.backup import (
    BackupScheduler,
    backup_dir,
    backup_name,
    backup_now,
    inspect_ledger,
    list_backups,
    newest_good_backup,
    prune,
)
from kiosk.ports import DeviceState
from kiosk.services.pickup import confirm_pickup

ROOT = Path(__file__).resolve().parents[2]


def test_backup_is_verified_self_contained_and_of_this_store(world: World) -> None:
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    result = backup_now(world.db.path)
    assert result.verified and result.bytes == result.file.stat().st_size > 0
    assert result.file.parent == backup_dir(world.db.path)
    assert not Path(f"{result.file}-wal").exists()  # one file, not WAL mode
    info = inspect_ledger(result.file)
    assert (info.ok, info.store_id, info.events, info.pending) == (True, "ST1", 1, 1)
    header = result.file.read_bytes()[18:20]
    assert header == b"\x01\x01"  # rollback journal: opens anywhere, even read-only media


def test_backup_to_a_named_file_and_the_json_shape(world: World, tmp_path: Path) -> None:
    result = backup_now(world.db.path, to=tmp_path / "usb" / "store.sqlite3")
    assert result.as_json() == {
        "file": str(tmp_path / "usb" / "store.sqlite3"),
        "bytes": result.bytes,
        "verified": True,
    }
    assert list_backups(backup_dir(world.db.path)) == []  # --to writes only there


def test_kept_n_deep_and_partials_and_bad_files_are_never_taken(world: World) -> None:
    folder = backup_dir(world.db.path)
    made = [backup_now(world.db.path, keep=3).file for _ in range(5)]
    assert list_backups(folder) == made[:-4:-1]  # the 3 newest, newest first
    partial = folder / f".{backup_name('manual')}.1.2.partial"
    partial.write_bytes(made[-1].read_bytes())
    broken = folder / backup_name("manual")  # newest by name, but not a database
    broken.write_bytes(b"SQLite format 3\0" + os.urandom(8192))
    assert partial not in list_backups(folder)
    good = newest_good_backup(folder, "ST1")
    assert good is not None and good.path == made[-1]
    assert newest_good_backup(folder, "OTHER-STORE") is None
    os.utime(partial, (1, 1))  # an hour-old partial is a leftover of a killed backup
    assert partial in prune(folder, keep=3)


def test_a_backup_is_made_before_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "data" / DB_FILENAME
    path.parent.mkdir()
    old = Database(path, migrate=False)
    upgrade(old.engine, "0004")
    with old.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('store_id', '\"ST9\"')")
    old.close()
    Database(path).close()  # migrates to head
    backups = list_backups(backup_dir(path))
    assert len(backups) == 1 and "before-migration-0004" in backups[0].name
    info = inspect_ledger(backups[0])
    assert (info.ok, info.revision, info.store_id) == (True, "0004", "ST9")
    Database(path).close()  # already at head: no new backup
    assert len(list_backups(backup_dir(path))) == 1


def test_a_fresh_database_needs_no_backup_before_its_first_migration(tmp_path: Path) -> None:
    Database(tmp_path / DB_FILENAME).close()
    assert list_backups(backup_dir(tmp_path / DB_FILENAME)) == []


def test_backups_taken_while_pickups_run_are_consistent_snapshots(world: World) -> None:
    """Pickups on one thread, backups on another: every backup opens, verifies, and is a
    snapshot (its outbox a gap-free prefix, each picked order with its event); no pickup is
    lost. The 100 ms latency bound is measured in bench/ops.py."""
    orders = [f"BK-{i:04d}" for i in range(40)]
    errors: list[BaseException] = []
    done = threading.Event()

    def pickups() -> None:
        try:
            for oid in orders:
                confirm_pickup(world.db, oid, staff_id="C1")
        except BaseException as exc:
            errors.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=pickups)
    worker.start()
    files = []
    while not done.is_set() or len(files) < 3:
        files.append(backup_now(world.db.path, keep=100).file)
    worker.join()
    assert errors == []
    assert len(files) >= 3
    for f in files:
        conn = sqlite3.connect(f"file:{f}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            seqs = [r[0] for r in conn.execute("SELECT seq FROM outbox ORDER BY seq")]
            assert seqs == list(range(1, len(seqs) + 1))
            picked = {
                r[0]
                for r in conn.execute(
                    "SELECT id FROM orders WHERE id LIKE 'BK-%' AND status = 'picked_up'"
                )
            }
            events = {
                r[0] for r in conn.execute("SELECT json_extract(payload, '$.order_id') FROM outbox")
            }
            assert picked == events
        finally:
            conn.close()
    with world.db.reader() as s:
        assert len(s.scalars(select(OutboxEvent)).all()) == 40
        assert set(s.scalars(select(Order.status).where(Order.id.in_(orders)))) == {"picked_up"}


def test_the_scheduler_backs_up_and_shows_its_state(world: World) -> None:
    scheduler = BackupScheduler(world.db.path, interval_s=0.01, first_after_s=0, keep=2)
    assert scheduler.status().state is DeviceState.WAITING
    scheduler.start()
    try:
        assert scheduler.wait_for(3, timeout=60)
    finally:
        scheduler.stop()
    assert scheduler.status().state is DeviceState.ONLINE
    assert "verified" in scheduler.status().message
    assert len(list_backups(backup_dir(world.db.path))) == 2


def test_a_failing_backup_turns_the_scheduler_red(tmp_path: Path) -> None:
    scheduler = BackupScheduler(tmp_path / DB_FILENAME)  # no ledger there
    assert scheduler.run_once() is None
    assert scheduler.status().state is DeviceState.ERROR


CHILD = """
import sys
from pathlib import Path
from kiosk.ops.backup import backup_now
db = Path(sys.argv[1])
for i in range(10_000):
    print("begin", i, flush=True)
    backup_now(db, keep=1000)
    print("done", i, flush=True)
"""


@pytest.mark.slow
def test_sigkill_during_backups_never_leaves_a_bad_backup(world: World) -> None:
    """A child making backups back to back is SIGKILLed at random points in its copy; every
    file that looks like a backup verifies, and the ledger is untouched."""
    with world.db.session() as s:  # a bigger ledger: a copy takes long enough to be hit
        s.execute(
            OutboxEvent.__table__.insert(),
            [
                {
                    "event_id": f"pad-{i}",
                    "seq": 10_000 + i,
                    "type": "shift.closed",
                    "store_id": "ST1",
                    "device_id": "DEV-1",
                    "occurred_at": world_now(),
                    "payload": {"pad": "x" * 2000},
                    "status": "accepted",
                    "attempts": 1,
                    "needs_manager": False,
                }
                for i in range(3000)
            ],
        )
    world.db.close()
    before = file_digest(world.db.path)
    started = time.perf_counter()
    backup_now(world.db.path, to=world.db.path.parent / "timing.sqlite3")
    took = time.perf_counter() - started  # how long one backup takes on this machine
    rng = random.Random(16)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed_mid_copy = 0
    for _round in range(10):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(world.db.path)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        want = rng.randrange(1, 3)
        for line in child.stdout:
            if line.startswith("begin") and int(line.split()[1]) >= want:
                break
        time.sleep(rng.uniform(0, 1.2 * took))  # a random moment inside backup `want`
        child.send_signal(signal.SIGKILL)
        child.wait()
        folder = backup_dir(world.db.path)
        partials = list(folder.glob(".*.partial"))
        killed_mid_copy += bool(partials)
        for f in list_backups(folder):
            assert inspect_ledger(f).ok, f"{f.name} looks like a backup but is not good"
        assert all(p not in list_backups(folder) for p in partials)
    assert killed_mid_copy >= 1, "no kill landed inside a backup; the test proved nothing"
    assert file_digest(world.db.path) == before
    assert inspect_ledger(world.db.path, full=True).ok


def world_now() -> object:
    from kiosk.ports import utcnow

    return utcnow()
