"""Restoring a ledger backup without losing what only this kiosk knows.

Rules (issue 16):
- a backup that does not verify, or from another store, is refused (whatever `force` says);
- a backup older than the ledger (the ledger has events or audit entries it lacks) is refused
  with what would be lost, unless forced; that includes every event not yet pushed;
- forced or not, events the ledger has and the backup lacks are carried into the restored
  outbox with their status, so an unpushed event is still pushed and a pushed one is never
  sent again (its seq stays used); an event both hold takes the ledger's settled status;
- the kiosk's enrollment (device id, token, server) is the ledger's, not the backup's;
- the replaced ledger (and its WAL) is moved, never deleted, to `DATA/replaced/`.
The restored file is built beside the ledger, verified, then renamed over it. The sync
cursor stays the backup's, so the next sync brings back what the platform has since then.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import (  # re-exported: callers catch restore's refusal here
    RestoreRefused as RestoreRefused,
    RestoreRefusedKind as RestoreRefusedKind,
)
from kiosk.ops.backup import (
    LedgerInfo,
    _fsync,
    _fsync_dir,
    backup_name,
    copy_ledger,
    inspect_ledger,
    iter_sidecars,
)
from kiosk.ops.storage import DISK_FAILED, DISK_FULL, READ_ONLY, storage_problem
from kiosk.ports import utcnow

log = logging.getLogger("linli.ops.restore")

REPLACED_DIRNAME = "replaced"
# identity and enrollment: always the live ledger's
_IDENTITY_SETTINGS = ("store_id", "device_id")
_SYNC_KEEP = ("server_url", "device_token", "needs_reenroll")
_SETTLED = ("accepted", "duplicate", "conflict", "rejected")


_STORAGE = {DISK_FULL: "disk_full", READ_ONLY: "read_only", DISK_FAILED: "disk_failed"}


@dataclass
class RestorePlan:
    backup: LedgerInfo
    current: LedgerInfo | None  # None: no ledger file; .ok False: a damaged one
    lost_events: list[tuple[str, str, str]] = field(default_factory=list)  # id, type, status
    lost_audit: int = 0
    settle: int = 0  # events pending in the backup but settled in the ledger

    @property
    def unpushed_lost(self) -> list[tuple[str, str, str]]:
        return [e for e in self.lost_events if e[2] == "pending"]

    @property
    def older(self) -> bool:
        return bool(self.lost_events) or self.lost_audit > 0

    def what_is_lost(self) -> str:
        """Plain words for what the restore undoes in this kiosk."""
        if not self.older:
            return "Nothing recorded here since this backup would be lost."
        by_type = Counter(t for _, t, _ in self.lost_events)
        parts = [f"{n} × {t}" for t, n in sorted(by_type.items())]
        text = (
            f"This backup is older than the ledger: {len(self.lost_events)} event(s) "
            f"recorded after it ({', '.join(parts) or 'none'}) and {self.lost_audit} audit "
            "entr(ies) would be undone in this kiosk."
        )
        unpushed = len(self.unpushed_lost)
        if unpushed:
            text += (
                f" {unpushed} of those events have not reached the platform yet; with "
                "--force they are kept in the outbox and still sent."
            )
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "backup": str(self.backup.path),
            "store_id": self.backup.store_id,
            "older": self.older,
            "lost_events": len(self.lost_events),
            "unpushed_lost": len(self.unpushed_lost),
            "lost_audit": self.lost_audit,
            "settled_from_ledger": self.settle,
        }


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: Path
    backup: Path
    replaced: Path | None
    carried_events: int
    settled_events: int
    plan: RestorePlan

    def as_json(self) -> dict[str, Any]:
        return {
            "restored": str(self.restored),
            "backup": str(self.backup),
            "replaced": str(self.replaced) if self.replaced else None,
            "carried_events": self.carried_events,
            "settled_events": self.settled_events,
            **{k: v for k, v in self.plan.as_json().items() if k != "backup"},
        }


def plan_restore(db_path: Path, backup: Path) -> RestorePlan:
    """Compare the backup with the ledger; raises RestoreRefused for the absolute refusals."""
    info = inspect_ledger(Path(backup))
    if not info.ok:
        raise RestoreRefused(
            RestoreRefusedKind.NOT_A_BACKUP,
            f"{backup} is not a good ledger backup "
            f"({'; '.join(info.problems)}). Nothing was changed.",
            backup=str(backup),
            problems="; ".join(info.problems),
        )
    db_path = Path(db_path)
    if not db_path.exists():
        return RestorePlan(info, None)
    current = inspect_ledger(db_path)
    if not current.ok:
        return RestorePlan(info, current)  # damaged: nothing in it can be compared
    if current.store_id and info.store_id and current.store_id != info.store_id:
        raise RestoreRefused(
            RestoreRefusedKind.OTHER_STORE,
            f"This backup belongs to store {info.store_id}; this kiosk is store "
            f"{current.store_id}. Nothing was changed.",
            backup_store=info.store_id,
            this_store=current.store_id,
        )
    plan = RestorePlan(info, current)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        conn.execute("ATTACH DATABASE ? AS b", (f"file:{backup}?mode=ro",))
        plan.lost_events = [
            (str(r[0]), str(r[1]), str(r[2]))
            for r in conn.execute(
                "SELECT event_id, type, status FROM main.outbox WHERE event_id NOT IN "
                "(SELECT event_id FROM b.outbox) ORDER BY seq"
            )
        ]
        plan.lost_audit = int(
            conn.execute(
                "SELECT count(*) FROM main.audit WHERE id NOT IN (SELECT id FROM b.audit)"
            ).fetchone()[0]
        )
        plan.settle = int(
            conn.execute(
                "SELECT count(*) FROM main.outbox m JOIN b.outbox o USING (event_id) "
                "WHERE o.status = 'pending' AND m.status != 'pending'"
            ).fetchone()[0]
        )
        clash = conn.execute(
            "SELECT count(*) FROM b.outbox o JOIN main.outbox m ON m.seq = o.seq "
            "WHERE m.event_id != o.event_id"
        ).fetchone()[0]
    finally:
        conn.close()
    if clash:
        raise RestoreRefused(
            RestoreRefusedKind.SEQ_CLASH,
            "This backup and the ledger hold different events under the same "
            "numbers (was the kiosk re-installed since?). Nothing was changed; "
            "call support.",
        )
    return plan


def _merge(conn: sqlite3.Connection, has_current: bool) -> tuple[int, int]:
    """In the restored file (main), carry the ledger's (cur) extra events and settled states
    and its identity. Returns (events carried, events settled)."""
    if not has_current:
        return 0, 0
    cols = [r[1] for r in conn.execute("PRAGMA main.table_info(outbox)")]
    cur_cols = {r[1] for r in conn.execute("PRAGMA cur.table_info(outbox)")}
    shared = ", ".join(c for c in cols if c in cur_cols)
    settled = conn.execute(
        "UPDATE main.outbox SET status = c.status, reason = c.reason, attempts = c.attempts, "
        "settled_at = c.settled_at, needs_manager = c.needs_manager, "
        "resolved_at = c.resolved_at, store_id = c.store_id, device_id = c.device_id "
        "FROM cur.outbox AS c WHERE main.outbox.event_id = c.event_id "
        "AND (main.outbox.status = 'pending' AND c.status != 'pending' "
        "OR c.resolved_at IS NOT NULL AND main.outbox.resolved_at IS NULL)"
    ).rowcount
    carried = conn.execute(
        f"INSERT INTO main.outbox ({shared}) SELECT {shared} FROM cur.outbox "
        "WHERE event_id NOT IN (SELECT event_id FROM main.outbox)"
    ).rowcount
    for key in _IDENTITY_SETTINGS:
        conn.execute("DELETE FROM main.settings WHERE key = ?", (key,))
        conn.execute(
            "INSERT INTO main.settings (key, value) SELECT key, value FROM cur.settings "
            "WHERE key = ?",
            (key,),
        )
    tables = {r[0] for r in conn.execute("SELECT name FROM cur.sqlite_master WHERE type='table'")}
    if "sync_state" in tables:
        for key in _SYNC_KEEP:
            conn.execute("DELETE FROM main.sync_state WHERE key = ?", (key,))
            conn.execute(
                "INSERT INTO main.sync_state (key, value) SELECT key, value "
                "FROM cur.sync_state WHERE key = ?",
                (key,),
            )
    return carried, settled


LOCK_NAME = "kiosk.lock"  # the GUI's one-kiosk-per-data-dir lock (QLockFile, ui.shell.instance)


def running_kiosk(data_dir: Path) -> int | None:
    """The pid of a kiosk GUI running on `data_dir` on this computer, from its lock file."""
    try:
        pid_line, _app, host, *_ = (data_dir / LOCK_NAME).read_text("utf-8").split("\n")
        pid = int(pid_line)
    except (OSError, ValueError):
        return None
    if (host and host != socket.gethostname()) or pid == os.getpid():
        return None
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl-C there; QLockFile holds the file
        try:
            with open(data_dir / LOCK_NAME, "r+b"):
                return None  # nobody holds it: a stale lock
        except PermissionError:
            return pid
        except OSError:
            return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # a stale lock of a crashed run
    except OSError:
        return pid  # alive, another user's
    return pid


def restore_backup(db_path: Path, backup: Path, *, force: bool = False) -> RestoreResult:
    """Put `backup` in place of the ledger at `db_path` by the module's rules. Stop the kiosk
    first. Raises RestoreRefused (ledger untouched) when a rule says no."""
    db_path, backup = Path(db_path), Path(backup)
    pid = running_kiosk(db_path.parent)
    if pid is not None:
        raise RestoreRefused(
            RestoreRefusedKind.KIOSK_RUNNING,
            f"The kiosk is running on this ledger (process {pid}): close it "
            "first. Nothing was changed.",
            pid=str(pid),
        )
    plan = plan_restore(db_path, backup)
    if plan.older and not force:
        raise RestoreRefused(
            RestoreRefusedKind.OLDER,
            f"{plan.what_is_lost()} Nothing was changed; add --force to restore anyway.",
            events=str(len(plan.lost_events)),
            audit=str(plan.lost_audit),
            unpushed=str(len(plan.unpushed_lost)),
        )
    has_current = plan.current is not None and plan.current.ok
    tmp = db_path.with_name(f".{db_path.name}.restore.partial")
    try:
        for stale in iter_sidecars(tmp):
            stale.unlink()
        copy_ledger(backup, tmp)
        conn = sqlite3.connect(tmp, isolation_level=None, timeout=10)
        try:
            if has_current:
                conn.execute("ATTACH DATABASE ? AS cur", (f"file:{db_path}?mode=ro",))
            conn.execute("BEGIN IMMEDIATE")
            carried, settled = _merge(conn, has_current)
            conn.execute("COMMIT")
            if has_current:
                conn.execute("DETACH DATABASE cur")
        finally:
            conn.close()
        _fsync(tmp)
        check = inspect_ledger(tmp)
        if not check.ok:
            raise RestoreRefused(
                RestoreRefusedKind.NOT_VERIFIED,
                f"The restored ledger did not verify ({'; '.join(check.problems)}"
                "). Nothing was changed.",
                problems="; ".join(check.problems),
            )
        replaced = _set_aside(db_path)
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        problem = storage_problem(exc, db_path.parent)
        raise RestoreRefused(
            RestoreRefusedKind.STORAGE,
            f"The restore could not be done ({problem or exc}). The ledger was not replaced.",
            storage=_STORAGE.get(problem or "", "other"),
            error=str(exc),
        ) from exc
    log.info(
        "restored %s over the ledger: %d events carried, %d settled; old ledger in %s",
        backup.name,
        carried,
        settled,
        replaced,
    )
    return RestoreResult(db_path, backup, replaced, carried, settled, plan)


def _set_aside(db_path: Path) -> Path | None:
    """Move the ledger and its WAL/SHM files (together) into `replaced/`; returns the new
    path of the ledger file."""
    files = list(iter_sidecars(db_path))
    if not files:
        return None
    folder = db_path.parent / REPLACED_DIRNAME
    folder.mkdir(exist_ok=True)
    base = folder / backup_name("before-restore", utcnow())
    for f in files:
        os.replace(f, Path(f"{base}{f.name[len(db_path.name) :]}"))
    _fsync_dir(folder)
    return base
