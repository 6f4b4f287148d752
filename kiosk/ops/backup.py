"""Online backups of the SQLite ledger, kept N deep in `DATA/backups/`, each verified.

SQLite's backup API copies a consistent snapshot from a read transaction; in WAL mode a
reader never blocks the writer, so pickups go on while a backup runs (bench/ops.py measures
it). A backup is written to a hidden `.partial` file, switched to a self-contained
rollback-journal file, fsynced, verified (quick_check, the store it belongs to, its outbox)
and only then renamed to `kiosk-<UTC time>-<reason>.sqlite3`: a power cut or SIGKILL at
any moment leaves either a verified backup or a `.partial` that is never taken for one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kiosk.errors import UserFacingError
from kiosk.ops.storage import storage_problem
from kiosk.ports import DeviceState, DeviceStatus, utcnow

log = logging.getLogger("linli.ops.backup")

BACKUP_DIRNAME = "backups"
KEEP = 10
INTERVAL_S = 4 * 3600.0
_NAME = re.compile(r"^kiosk-(\d{8}T\d{6}\d{6})Z-([a-z0-9-]+)\.sqlite3$")


class BackupError(UserFacingError):
    """A backup could not be written or does not verify; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class LedgerInfo:
    """What a ledger file (live or backup) holds, read without changing it."""

    path: Path
    ok: bool
    problems: tuple[str, ...]
    store_id: str = ""
    device_id: str = ""
    revision: str | None = None
    events: int = 0
    max_seq: int = 0
    pending: int = 0
    audit_max: int = 0


@dataclass(frozen=True, slots=True)
class BackupResult:
    file: Path
    bytes: int
    verified: bool

    def as_json(self) -> dict[str, Any]:
        return {"file": str(self.file), "bytes": self.bytes, "verified": self.verified}


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIRNAME


def _connect_ro(path: Path) -> sqlite3.Connection:
    """Open an existing ledger file without creating or changing it."""
    if not path.is_file():
        raise BackupError(f"There is no ledger file at {path}.")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


def _setting(conn: sqlite3.Connection, key: str) -> str:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
    except sqlite3.Error:
        return ""
    if row is None or row[0] is None:
        return ""
    try:
        value = json.loads(row[0])
    except (TypeError, ValueError):
        value = row[0]
    return str(value)


def inspect_ledger(path: Path, *, full: bool = False) -> LedgerInfo:
    """Check a ledger file (quick_check, or integrity_check with `full`) and read who it
    belongs to and how far its outbox goes. Never raises for a damaged file: `ok` says."""
    path = Path(path)
    try:
        conn = _connect_ro(path)
    except (BackupError, sqlite3.Error) as exc:
        return LedgerInfo(path, False, (str(exc),))
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        problems = tuple(str(r[0]) for r in rows if r and r[0] != "ok")
        if problems:
            return LedgerInfo(path, False, problems[:20])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "outbox" not in tables or "settings" not in tables:
            return LedgerInfo(path, False, ("this file is not a kiosk ledger (no outbox)",))
        revision = None
        if "alembic_version" in tables:
            got = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = got[0] if got else None
        events, max_seq, pending = conn.execute(
            "SELECT count(*), coalesce(max(seq), 0), "
            "coalesce(sum(status = 'pending'), 0) FROM outbox"
        ).fetchone()
        audit_max = 0
        if "audit" in tables:
            audit_max = conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]
        return LedgerInfo(
            path,
            True,
            (),
            _setting(conn, "store_id"),
            _setting(conn, "device_id"),
            revision,
            int(events),
            int(max_seq),
            int(pending),
            int(audit_max),
        )
    except sqlite3.Error as exc:
        return LedgerInfo(path, False, (str(exc),))
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    # a file opened for writing (Windows cannot flush a read-only handle); a folder read-only
    fd = os.open(path, os.O_RDWR if Path(path).is_file() else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # Windows cannot open a directory; NTFS journals it
        _fsync(path)


def copy_ledger(source: Path, target: Path, *, pages: int = -1) -> None:
    """Copy a consistent snapshot of `source` into a new file `target` (rollback-journal mode,
    fsynced). `target` must not exist yet."""
    src = _connect_ro(source)
    try:
        dst = sqlite3.connect(target)
        try:
            dst.execute("PRAGMA synchronous=OFF")  # one fsync at the end (ours), not several
            src.backup(dst, pages=pages)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    _paced_flush(target)
    _fsync(target)


def _paced_flush(path: Path, step: int = 4 * 1024 * 1024, pause_s: float = 0.03) -> None:
    """Start writing the new file to disk a few MB at a time with pauses in between, so the
    final fsync has little left and a pickup's own fsync never queues behind the whole
    backup (bench/ops.py: fewer pickups over 100 ms). Linux/macOS; elsewhere a no-op."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        for offset in range(0, os.fstat(fd).st_size, step):
            advise(fd, offset, step, os.POSIX_FADV_DONTNEED)  # starts writeback, no wait
            time.sleep(pause_s)
    finally:
        os.close(fd)


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")


def backup_name(reason: str, now: datetime | None = None) -> str:
    clean = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    return f"kiosk-{_stamp(now or utcnow())}Z-{clean}.sqlite3"


def _live_store(db_path: Path) -> str | None:
    """The ledger's store id, cheaply (no integrity check of the live file: the copy is
    checked); None when it cannot be read."""
    try:
        conn = _connect_ro(db_path)
    except (BackupError, sqlite3.Error):
        return None
    try:
        return _setting(conn, "store_id")
    finally:
        conn.close()


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL that grew while the snapshot was held back into the ledger, here on the
    backup's thread, so the counter's next commit does not pay for it (PASSIVE: never waits
    for, nor blocks, the writer)."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=rw", uri=True, timeout=0.1)
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            conn.close()
    except sqlite3.Error as exc:  # busy or read-only: the writer's auto-checkpoint does it
        log.debug("checkpoint after backup skipped: %s", exc)


def lower_thread_priority() -> None:
    """Make the calling thread yield the CPU to the counter (Linux: nice +10 for this thread
    only); a backup may take longer, a pickup must not."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):  # Windows, or not allowed: run at normal priority
        pass


def write_backup(db_path: Path, dest: Path) -> BackupResult:
    """Back the ledger up into `dest`: temp file, verify, rename. Raises BackupError."""
    db_path, dest = Path(db_path), Path(dest)
    live_store = _live_store(db_path)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        copy_ledger(db_path, tmp)
        _checkpoint(db_path)
        info = inspect_ledger(tmp)
        if not info.ok:
            raise BackupError(
                f"The backup did not verify ({'; '.join(info.problems)}); the "
                "ledger may be damaged: run `kiosk doctor`."
            )
        if live_store is not None and info.store_id != live_store:
            raise BackupError("The backup does not hold this store's ledger.")
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except (OSError, sqlite3.Error) as exc:
        why = storage_problem(exc, dest.parent) or f"({exc})"
        raise BackupError(f"The ledger backup to {dest} failed: {why}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return BackupResult(dest, dest.stat().st_size, True)


def list_backups(directory: Path) -> list[Path]:
    """Finished backups (never `.partial` files), newest first."""
    if not directory.is_dir():
        return []
    return sorted(
        (p for p in directory.iterdir() if _NAME.match(p.name)),
        key=lambda p: p.name.split("-")[1],
        reverse=True,
    )


def backup_time(path: Path) -> datetime | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    return datetime.strptime(m.group(1), "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)


def newest_good_backup(directory: Path, store_id: str | None = None) -> LedgerInfo | None:
    """The newest backup that verifies (and belongs to `store_id` when given)."""
    for path in list_backups(directory):
        info = inspect_ledger(path)
        if info.ok and (not store_id or not info.store_id or info.store_id == store_id):
            return info
    return None


def prune(directory: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the `keep` newest backups, and leftover `.partial` files; returns what
    was deleted. The newest backup made before a migration is always kept."""
    removed: list[Path] = []
    backups = list_backups(directory)
    keep_also = next((p for p in backups if "before-migration" in p.name), None)
    for path in backups[keep:]:
        if path != keep_also:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    for path in directory.glob(".*.partial") if directory.is_dir() else ():
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > 3600:  # not one being written now
                path.unlink()
                removed.append(path)
    return removed


def backup_now(
    db_path: Path, *, reason: str = "manual", to: Path | None = None, keep: int = KEEP
) -> BackupResult:
    """One verified backup into `to` or the backups folder (then pruned to `keep`)."""
    directory = backup_dir(db_path)
    result = write_backup(db_path, to if to is not None else directory / backup_name(reason))
    if to is None:
        prune(directory, keep)
    log.info("backup %s: %s (%d bytes, verified)", reason, result.file.name, result.bytes)
    return result


def backup_before_migration(engine: Engine) -> BackupResult | None:
    """Called by kiosk.db before it migrates: a verified backup when the file holds a ledger
    at an older revision. Raises BackupError (and so stops the migration) when it cannot."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from kiosk.db import alembic_config

    name = engine.url.database
    if not name or name == ":memory:" or not Path(name).is_file() or not Path(name).stat().st_size:
        return None
    with engine.execution_options(linli_read=True).connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    if current is None:
        return None
    heads = ScriptDirectory.from_config(alembic_config(engine)).get_heads()
    if current in heads:
        return None
    return backup_now(Path(name), reason=f"before-migration-{current}")


# --- the schedule -----------------------------------------------------------------------------


class BackupScheduler:
    """A background thread that backs the ledger up every `interval_s` (first one at start);
    a device on the devices screen, so a failing backup is seen, not just logged."""

    name = "Ledger backups"

    def __init__(
        self,
        db_path: Path,
        *,
        interval_s: float = INTERVAL_S,
        keep: int = KEEP,
        first_after_s: float = 60.0,
    ) -> None:
        self.db_path = Path(db_path)
        self.interval_s, self.keep, self.first_after_s = interval_s, keep, first_after_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = DeviceStatus(self.name, DeviceState.WAITING, "No backup made yet.")
        self.done = 0  # backups made by this scheduler (tests wait on it)
        self._cond = threading.Condition()

    def status(self) -> DeviceStatus:
        return self._status

    def start(self) -> BackupScheduler:
        self._thread = threading.Thread(target=self._run, name="ledger-backup", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def wait_for(self, count: int, timeout: float) -> bool:
        """Block until `count` backups are done (tests and the smoke test use it)."""
        with self._cond:
            return self._cond.wait_for(lambda: self.done >= count, timeout)

    def run_once(self) -> BackupResult | None:
        try:
            result = backup_now(self.db_path, reason="scheduled", keep=self.keep)
        except BackupError as exc:
            log.error("scheduled backup failed: %s", exc)
            self._status = DeviceStatus(self.name, DeviceState.ERROR, str(exc), str(exc))
            return None
        at = datetime.now().strftime("%H:%M")
        self._status = DeviceStatus(
            self.name, DeviceState.ONLINE, f"Last backup at {at}, verified."
        )
        with self._cond:
            self.done += 1
            self._cond.notify_all()
        return result

    def _run(self) -> None:
        lower_thread_priority()
        delay = self.first_after_s
        while not self._stop.wait(delay):
            self.run_once()
            delay = self.interval_s


def iter_sidecars(db_path: Path) -> Iterator[Path]:
    """The ledger file and its WAL / shared-memory files, those that exist."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(f"{db_path}{suffix}")
        if p.exists():
            yield p
