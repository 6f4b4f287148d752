"""The ledger check at start: a damaged or vanished ledger is never silently recreated.

`check_at_start` runs `PRAGMA quick_check` before the kiosk opens its database. A damaged
file stays where it is (so nothing opens a new empty one over it), a copy is kept in
`DATA/damaged/`, and the error names the newest good backup and the command that restores
it; after the restore the next sync brings back what the platform has. A ledger that is
missing while backups exist is refused the same way (a fresh empty ledger would start the
event numbers again).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
from pathlib import Path

from kiosk.errors import UserFacingError
from kiosk.ops.backup import (
    LedgerInfo,
    backup_dir,
    backup_name,
    inspect_ledger,
    iter_sidecars,
    list_backups,
    newest_good_backup,
)
from kiosk.ops.logs import ensure_logging
from kiosk.ops.restore import REPLACED_DIRNAME
from kiosk.ops.storage import StorageError, storage_problem
from kiosk.ports import utcnow

log = logging.getLogger("linli.ops.integrity")

DAMAGED_DIRNAME = "damaged"
DB_FILENAME = "kiosk.sqlite3"  # same as kiosk.db.DB_FILENAME (kept here: no import cycle)


class LedgerDamaged(UserFacingError):
    """The ledger failed its check; the kiosk must not start on it. The message says what to do."""

    def __init__(
        self,
        message: str,
        *,
        path: Path,
        kept: Path | None,
        backup: LedgerInfo | None,
        problems: tuple[str, ...],
    ) -> None:
        super().__init__(message)
        self.path, self.kept, self.backup, self.problems = path, kept, backup, problems


class LedgerMissing(LedgerDamaged):
    """There is no ledger file, but this data dir had one (backups or a replaced copy exist)."""


def keep_copy(db_path: Path) -> Path | None:
    """Copy the damaged ledger (with its WAL) into `damaged/`, once per start; the original
    stays in place."""
    folder = db_path.parent / DAMAGED_DIRNAME
    try:
        folder.mkdir(exist_ok=True)
        base = folder / backup_name("damaged", utcnow())
        for f in iter_sidecars(db_path):
            if f.name.endswith("-shm"):
                continue
            shutil.copy2(f, Path(f"{base}{f.name[len(db_path.name) :]}"))
        return base
    except OSError as exc:  # a full disk: the original is still there, untouched
        log.error("could not keep a copy of the damaged ledger: %s", exc)
        return None


def _restore_advice(data_dir: Path, store_id: str | None) -> tuple[str, LedgerInfo | None]:
    good = newest_good_backup(backup_dir(data_dir / DB_FILENAME), store_id)
    if good is None:
        return (
            "No good backup was found: call support. If the kiosk must work now, move the "
            "file away and enroll the kiosk again; the platform sends back its orders.",
            None,
        )
    return (
        f"Restore the newest good backup: kiosk restore {good.path} — events in it that "
        "did not reach the platform will still be sent, and the next sync brings back "
        "what the platform has.",
        good,
    )


def check_at_start(data_dir: Path) -> LedgerInfo | None:
    """Quick-check the ledger of `data_dir` before it is opened. Returns what it found (None:
    no ledger yet, a first start); raises LedgerDamaged / LedgerMissing."""
    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILENAME
    if data_dir.is_dir():
        ensure_logging(data_dir)  # what this finds lands in the log file, even with no console
    if not db_path.exists():
        had_one = list_backups(backup_dir(db_path)) or any(
            (data_dir / REPLACED_DIRNAME).glob("kiosk-*.sqlite3")
        )
        if had_one:
            advice, good = _restore_advice(data_dir, None)
            log.error("ledger missing while backups exist: %s", db_path)
            raise LedgerMissing(
                f"The ledger file {db_path} is missing, but this kiosk had one. "
                f"The kiosk will not start a new empty one. {advice}",
                path=db_path,
                kept=None,
                backup=good,
                problems=("missing",),
            )
        return None
    info = inspect_ledger(db_path)
    if info.ok:
        return info
    words = storage_problem(sqlite3.OperationalError("; ".join(info.problems)), data_dir)
    if words is not None:  # a read-only or failing disk is not a damaged ledger
        raise StorageError(words)
    kept = keep_copy(db_path)
    advice, good = _restore_advice(data_dir, None)
    why = "; ".join(info.problems)[:300]
    where = f" A copy is kept in {kept}." if kept else ""
    log.error(
        "ledger failed its check: %s; kept %s; newest good backup %s",
        why,
        kept,
        good.path if good else None,
    )
    raise LedgerDamaged(
        f"The ledger database is damaged ({why}). The kiosk did not change it "
        f"and will not start on it.{where} {advice}",
        path=db_path,
        kept=kept,
        backup=good,
        problems=info.problems,
    )


def is_writable(folder: Path) -> bool:
    """Can a file be created (and removed) in `folder` right now?"""
    probe = folder / f".write-test-{utcnow().timestamp():.0f}"
    try:
        probe.write_bytes(b"x")
    except OSError:
        return False
    with contextlib.suppress(OSError):
        probe.unlink()
    return True
