"""A damaged ledger is detected at start and never overwritten or silently recreated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ops_world import World, file_digest

from kiosk.ops.backup import backup_now, inspect_ledger
from kiosk.ops.integrity import LedgerDamaged, LedgerMissing, check_at_start
from kiosk.ops.restore import restore_backup

ROOT = Path(__file__).resolve().parents[2]


def _damage(path: Path) -> bytes:
    raw = bytearray(path.read_bytes())
    for page in range(2, min(len(raw) // 4096, 12)):  # garbage over a few b-tree pages
        raw[page * 4096 + 8 : page * 4096 + 600] = bytes(range(256)) * 2 + b"\x07" * 80
    path.write_bytes(bytes(raw))
    return bytes(raw)


def test_a_good_ledger_passes_and_a_first_start_has_none(world: World, tmp_path: Path) -> None:
    info = check_at_start(world.db.path.parent)
    assert info is not None and info.ok and info.store_id == "ST1"
    assert check_at_start(tmp_path / "fresh") is None


def test_a_damaged_ledger_is_detected_kept_and_not_touched(world: World) -> None:
    good = backup_now(world.db.path).file
    world.db.close()
    damaged = _damage(world.db.path)
    with pytest.raises(LedgerDamaged) as err:
        check_at_start(world.db.path.parent)
    assert world.db.path.read_bytes() == damaged  # still there, unchanged
    assert err.value.kept is not None and err.value.kept.read_bytes() == damaged
    assert err.value.backup is not None and err.value.backup.path == good
    assert f"kiosk restore {good}" in str(err.value)
    log = (world.db.path.parent / "logs" / "kiosk.log").read_text("utf-8")
    assert "ledger failed its check" in log and good.name in log  # even with no console
    restore_backup(world.db.path, good)  # the advice works
    assert check_at_start(world.db.path.parent) is not None


def test_the_kiosk_does_not_start_on_a_damaged_ledger(world: World) -> None:
    """`kiosk run` stops with the plain message before opening the file; nothing recreated."""
    world.db.close()
    damaged = _damage(world.db.path)
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "run", "--data-dir", str(world.db.path.parent)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 1
    assert "ledger database is damaged" in out.stderr and "No good backup" in out.stderr
    assert world.db.path.read_bytes() == damaged


def test_a_vanished_ledger_is_not_replaced_by_an_empty_one(world: World) -> None:
    backup_now(world.db.path)
    world.db.close()
    for f in world.db.path.parent.glob("kiosk.sqlite3*"):
        f.unlink()
    with pytest.raises(LedgerMissing, match="will not start a new empty one"):
        check_at_start(world.db.path.parent)
    assert not world.db.path.exists()


def test_doctor_finds_the_damage_without_changing_the_file(world: World) -> None:
    from kiosk.ops.doctor import run_doctor

    world.db.close()
    _damage(world.db.path)
    before = file_digest(world.db.path)
    findings = {f.check: f for f in run_doctor(world.db.path.parent)}
    assert not findings["database"].ok and "restore" in findings["database"].action
    assert file_digest(world.db.path) == before
    assert not inspect_ledger(world.db.path).ok
