"""Restore rules: another store's backup is refused; an older one is refused with what would
be lost unless forced; unpushed events are never dropped; pushed ones are never re-sent."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ops_world import World, file_digest, make_world
from sqlalchemy import select, update

from kiosk.db import DB_FILENAME, Database
from kiosk.ledger.audit import verify_chain
from kiosk.models import Order, OutboxEvent
from kiosk.ops.backup import backup_now, inspect_ledger
from kiosk.ops.restore import RestoreRefused, restore_backup
from kiosk.platform.identity import set_identity
from kiosk.platform.sync_status import TOKEN, put_state
from kiosk.services.pickup import confirm_pickup

ROOT = Path(__file__).resolve().parents[2]


def _outbox(path: Path) -> dict[str, tuple[int, str]]:
    db = Database(path, migrate=False)
    try:
        with db.reader() as s:
            return {e.event_id: (e.seq, e.status) for e in s.scalars(select(OutboxEvent))}
    finally:
        db.close()


def _settle(world: World, *event_ids: str) -> None:
    with world.db.session() as s:
        s.execute(
            update(OutboxEvent).where(OutboxEvent.event_id.in_(event_ids)).values(status="accepted")
        )


def test_a_backup_of_another_store_is_refused_even_forced(
    world: World, db_template: Path, tmp_path: Path
) -> None:
    shutil.copy(db_template, tmp_path / DB_FILENAME)
    other = Database(tmp_path / DB_FILENAME, migrate=False)
    make_world(other)
    with other.session() as s:
        set_identity(s, store_id="ST-OTHER", device_id="DEV-9")
    foreign = backup_now(other.path).file
    other.close()
    world.db.close()
    before = file_digest(world.db.path)
    for force in (False, True):
        with pytest.raises(RestoreRefused, match="belongs to store ST-OTHER"):
            restore_backup(world.db.path, foreign, force=force)
    assert file_digest(world.db.path) == before


def test_an_older_backup_is_refused_saying_what_would_be_lost(world: World) -> None:
    backup = backup_now(world.db.path).file
    sent = confirm_pickup(world.db, "O-READY", staff_id="C1").event_id
    _settle(world, sent)
    confirm_pickup(world.db, "O-READY2", staff_id="C1")  # not pushed yet
    world.db.close()
    before = file_digest(world.db.path)
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(world.db.path, backup)
    text = str(refused.value)
    assert "2 × order.picked_up" in text and "1 of those events have not reached" in text
    assert "Nothing was changed" in text and "--force" in text
    assert file_digest(world.db.path) == before


def test_older_even_with_everything_pushed_is_not_restored_silently(world: World) -> None:
    backup = backup_now(world.db.path).file
    _settle(world, confirm_pickup(world.db, "O-READY", staff_id="C1").event_id)
    world.db.close()
    with pytest.raises(RestoreRefused, match=r"1 × order\.picked_up"):
        restore_backup(world.db.path, backup)


def test_forced_restore_keeps_unpushed_events_and_never_resends_pushed(world: World) -> None:
    backup = backup_now(world.db.path).file
    pushed = confirm_pickup(world.db, "O-READY", staff_id="C1").event_id
    _settle(world, pushed)
    waiting = confirm_pickup(world.db, "O-READY2", staff_id="C1").event_id
    before = _outbox(world.db.path)
    world.db.close()
    result = restore_backup(world.db.path, backup, force=True)
    after = _outbox(world.db.path)
    assert after == before  # same events, same seq, same status: nothing dropped, none re-sent
    assert after[pushed][1] == "accepted" and after[waiting][1] == "pending"
    assert result.carried_events == 2 and result.replaced is not None
    assert result.replaced.exists()  # the replaced ledger is kept, not deleted
    db = Database(world.db.path)  # opens, migrates (nothing to do), works
    try:
        with db.reader() as s:
            assert s.get(Order, "O-READY2").status == "ready"  # the backup's state…
            assert verify_chain(s) == []
        confirm_pickup(db, "O-LEAD1", staff_id="C1")  # …and the next event's seq follows on
        with db.reader() as s:
            seqs = sorted(s.scalars(select(OutboxEvent.seq)))
        assert seqs == [1, 2, 3]
    finally:
        db.close()


def test_events_pushed_after_the_backup_are_marked_sent_in_the_restored_ledger(
    world: World,
) -> None:
    first = confirm_pickup(world.db, "O-READY", staff_id="C1").event_id
    backup = backup_now(world.db.path).file  # holds `first` as pending
    _settle(world, first)  # then sync pushed it
    world.db.close()
    result = restore_backup(world.db.path, backup)  # not older: no force needed
    assert not result.plan.older and result.settled_events == 1
    assert _outbox(world.db.path)[first][1] == "accepted"


def test_enrollment_of_the_ledger_wins_over_the_backup(world: World) -> None:
    backup = backup_now(world.db.path).file
    with world.db.session() as s:  # re-enrolled since the backup
        set_identity(s, store_id="ST1", device_id="DEV-NEW")
        put_state(s, TOKEN, "new-token")
    world.db.close()
    restore_backup(world.db.path, backup)
    info = inspect_ledger(world.db.path)
    assert info.device_id == "DEV-NEW"


def test_a_damaged_ledger_can_be_replaced_and_is_kept(world: World) -> None:
    backup = backup_now(world.db.path).file
    world.db.close()
    path = world.db.path
    raw = bytearray(path.read_bytes())
    raw[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(raw))
    assert not inspect_ledger(path).ok
    result = restore_backup(path, backup)
    assert inspect_ledger(path).ok
    assert result.replaced is not None and result.replaced.read_bytes() == bytes(raw)


def test_a_file_that_is_not_a_good_backup_is_refused(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    world.db.close()
    with pytest.raises(RestoreRefused, match="not a good ledger backup"):
        restore_backup(world.db.path, bad, force=True)


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_cli_backup_and_restore_shapes_and_exit_codes(world: World) -> None:
    data = str(world.db.path.parent)
    world.db.close()
    out = _kiosk("backup", "--data-dir", data, "--json")
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    assert set(made) == {"file", "bytes", "verified"} and made["verified"] is True
    db = Database(world.db.path)
    confirm_pickup(db, "O-READY", staff_id="C1")
    db.close()
    before = file_digest(world.db.path)
    refused = _kiosk("restore", made["file"], "--data-dir", data)
    assert refused.returncode == 1 and "not reached the platform" in refused.stderr
    assert file_digest(world.db.path) == before
    forced = _kiosk("restore", made["file"], "--force", "--data-dir", data, "--json")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(forced.stdout)["unpushed_lost"] == 1
    assert json.loads(forced.stdout)["carried_events"] == 1


def test_a_running_kiosk_is_not_restored_under(world: World) -> None:
    import os
    import socket

    backup = backup_now(world.db.path).file
    world.db.close()
    lock = world.db.path.parent / "kiosk.lock"
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        lock.write_text(f"{child.pid}\npython3.11\n{socket.gethostname()}\nuuid\n")
        with pytest.raises(RestoreRefused, match=f"process {child.pid}"):
            restore_backup(world.db.path, backup)
    finally:
        child.communicate(b"")
    restore_backup(world.db.path, backup)  # its process is gone: a stale lock
    assert os.path.exists(lock)
