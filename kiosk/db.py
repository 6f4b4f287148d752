"""The one database session helper: SQLite in WAL mode, foreign keys on, durable commits,
migrations applied at open.

Writes take the database lock up front (BEGIN IMMEDIATE) so two writers never deadlock on a
lock upgrade; reads use a deferred transaction and never block the writer (WAL).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from kiosk.ops.storage import storage_errors  # a full disk: plain words

MIGRATIONS = Path(__file__).with_name("migrations")
DB_FILENAME = "kiosk.sqlite3"


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")  # a confirmed pickup survives power loss
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _on_begin(conn: Any) -> None:
    mode = "DEFERRED" if conn.get_execution_options().get("linli_read") else "IMMEDIATE"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path | str) -> Engine:
    """An engine for the kiosk's SQLite file (`:memory:` is refused: WAL needs a file)."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision` (default: all), after a verified backup of a ledger
    that has data at an older revision (kiosk.ops.backup)."""
    from kiosk.ops.backup import backup_before_migration

    backup_before_migration(engine)
    command.upgrade(alembic_config(engine), revision)


class Database:
    """Owns the engine and hands out sessions; one per data directory."""

    def __init__(self, path: Path | str, *, migrate: bool = True) -> None:
        self.path = Path(path)
        self.engine = make_engine(self.path)
        self._read_engine = self.engine.execution_options(linli_read=True)
        if migrate:
            upgrade(self.engine)
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(self._read_engine, expire_on_commit=False)
        self.write_lock = threading.RLock()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any exception."""
        with self.write_lock, storage_errors(self.path), self._write() as s, s.begin():
            yield s

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only snapshot; never blocks the writer."""
        with self._read() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path | str) -> Database:
    data = Path(data_dir)
    data.mkdir(mode=0o700, parents=True, exist_ok=True)  # the ledger holds the device token
    file = data / DB_FILENAME
    if not file.exists():  # owner-only from creation; SQLite gives -wal/-shm the same mode
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT, 0o600))
    return Database(file)
