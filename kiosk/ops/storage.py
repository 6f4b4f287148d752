"""A full, read-only or failing disk, in plain words for the clerk.

`kiosk.db` wraps every write transaction in `storage_errors()`: SQLite's "database or disk
is full" / "attempt to write a readonly database" / "disk I/O error" become a `StorageError`
(a UserFacingError) that the counter flows show as they are. SQLite has already rolled the
transaction back: what was committed before is safe, the half-done change is not used.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import OperationalError

from kiosk.errors import UserFacingError

DISK_FULL = (
    "The kiosk's disk is full: this was not saved, and nothing new can be saved. "
    "What was saved before is safe. Free space (old files, the recycle bin) or call "
    "support."
)
READ_ONLY = (
    "The kiosk's disk is read-only: this was not saved. What was saved before is "
    "safe. Restart the computer; if it stays so, call support."
)
DISK_FAILED = (
    "The kiosk's disk failed while saving: this was not saved. What was saved "
    "before is safe. Restart the computer and run `kiosk doctor`; call support if "
    "it happens again."
)


NEARLY_FULL_BYTES = 4 * 1024 * 1024  # below this, an I/O error while writing is "disk full"


class StorageError(UserFacingError):
    """The disk refused a write; nothing of this change was kept."""


def _nearly_full(folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def storage_problem(exc: BaseException, folder: Path | None = None) -> str | None:
    """Plain words for a full, read-only or failing disk, or None when `exc` is not one.
    SQLite in WAL mode often reports a full disk as "disk I/O error": with `folder` (where
    the file lives) such an error on a disk with almost no room left is called full."""
    text = str(exc).lower()
    errno = getattr(exc, "errno", None)
    if "disk is full" in text or "no space" in text or errno == 28:
        return DISK_FULL
    if "readonly" in text or "read-only" in text or errno == 30:
        return READ_ONLY
    if "disk i/o error" in text or errno == 5:
        return DISK_FULL if _nearly_full(folder) else DISK_FAILED
    if "unable to open database file" in text and folder is not None and not _writable(folder):
        return READ_ONLY  # a WAL ledger cannot even be opened on a read-only disk
    return None


def _writable(folder: Path) -> bool:
    if not os.access(folder, os.W_OK):
        return False
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    try:
        return statvfs is None or not statvfs(folder).f_flag & os.ST_RDONLY
    except OSError:
        return False


@contextmanager
def storage_errors(path: Path | str | None = None) -> Iterator[None]:
    """Turn a storage failure inside the block into a StorageError; anything else passes.
    `path`: the database file (tells a full disk from a failing one)."""
    try:
        yield
    except (OperationalError, sqlite3.OperationalError, OSError) as exc:
        folder = Path(path).parent if path is not None else None
        words = storage_problem(getattr(exc, "orig", None) or exc, folder)
        if words is None:
            raise
        raise StorageError(words) from exc
