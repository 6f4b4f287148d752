"""One kiosk per data directory: a lock file (QLockFile: stale locks of a crashed run are
taken over) so a second start says so instead of fighting for the printer and the ledger."""

from __future__ import annotations

from pathlib import Path

from ui.qt import QLockFile

LOCK_NAME = "kiosk.lock"


def acquire_instance_lock(data_dir: Path) -> QLockFile | None:
    """The held lock (keep a reference for the app's lifetime), or None when another
    kiosk already runs on this data directory."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone
    if lock.tryLock(100):
        return lock
    return None
