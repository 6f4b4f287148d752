"""Helpers and fixtures of the operations tests: a known store (tests/kiosk/ledger_world.py) in a data
dir, and small size-capped filesystems (tmpfs with size=) for disk-full and read-only runs."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kiosk"))

from ledger_world import World, _order, make_world

from kiosk.db import DB_FILENAME, Database

LINES = [{"sku": "MILK", "name": "鲜牛奶", "qty": 1, "unit": "盒", "price_cents": 300}]


def many_orders(n: int, prefix: str = "BK") -> list[dict[str, object]]:
    return [_order(f"{prefix}-{i:04d}", "ready", f"{400000 + i}", lines=LINES) for i in range(n)]


@pytest.fixture(autouse=True)
def restore_root_logging() -> Iterator[None]:
    """check_at_start / start_operations install the data dir's log file on the root logger;
    take it off again so no test writes into another test's folder."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db, extra_orders=many_orders(40))


@pytest.fixture
def data_dir(world: World) -> Path:
    """The world's data dir (its database file is DATA/kiosk.sqlite3)."""
    return world.db.path.parent


def _mount(target: Path, size: str) -> None:
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(target)],
        check=True,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A fresh 6 MB tmpfs. Skipped loudly when mount is impossible; fails under CI=true."""
    target = tmp_path / f"fs-{uuid.uuid4().hex[:6]}"
    target.mkdir()
    try:
        _mount(target, "6m")
    except (OSError, subprocess.CalledProcessError) as exc:
        why = getattr(exc, "stderr", "") or str(exc)
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to mount a small tmpfs (run as root): {why}")
        pytest.skip(
            f"SKIPPED LOUDLY: cannot mount a size-capped tmpfs here ({why.strip()}); "
            "the disk-full and read-only tests did not run"
        )
    try:
        yield target
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(target)], capture_output=True)
        with contextlib.suppress(subprocess.CalledProcessError):
            subprocess.run(["umount", "-l", str(target)], check=True, capture_output=True)


def world_in(folder: Path, template: Path, *, orders: int = 40) -> World:
    """A known store in `folder` (a copy of the migrated template database)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, folder / DB_FILENAME)
    return make_world(
        Database(folder / DB_FILENAME, migrate=False), extra_orders=many_orders(orders)
    )


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Write a filler file until the filesystem has at most `leave` bytes free."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    with open(filler, "ab") as f:
        try:
            while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave + len(chunk):
                f.write(chunk)
                f.flush()
            rest = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize - leave
            if rest > 0:
                f.write(b"\0" * rest)
                f.flush()
        except OSError:
            pass
        with contextlib.suppress(OSError):
            os.fsync(f.fileno())
    return filler


def file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


__all__ = ["World", "file_digest", "fill_disk", "make_world", "many_orders", "world_in"]
