"""The server's database: SQLite (WAL, busy timeout, BEGIN IMMEDIATE for writes) by default,
PostgreSQL by URL. The reference server creates its tables with `create_all`."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, inspect, make_url, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.errors import UserFacingError
from sync.server.models import ChangeRow, Counter, ServerBase

DEFAULT_DB_FILENAME = "server.sqlite3"


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` as psycopg 3 URLs; a bare path means SQLite."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    return url


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / DEFAULT_DB_FILENAME).resolve()}"


def private_file(path: Path) -> None:
    """Create a secret-holding file readable by its owner only: the server's database holds
    platform private keys and token hashes. SQLite gives its -wal and -shm files the
    database file's mode. A missing folder is left for SQLite to report."""
    if path.parent.is_dir() and not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    mode = "DEFERRED" if conn.get_execution_options().get("server_read") else "IMMEDIATE"
    conn.exec_driver_sql(f"BEGIN {mode}")


class ServerDatabase:
    """Engine + write/read sessions for the reference server."""

    def __init__(self, url: str, *, pool_size: int = 20) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            file = make_url(self.url).database
            if file and file != ":memory:" and not file.startswith("file:"):
                private_file(Path(file))
            self.engine: Engine = create_engine(
                self.url, pool_size=pool_size, max_overflow=40, pool_timeout=60
            )
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = create_engine(
                self.url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True, pool_timeout=60
            )
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock: AbstractContextManager[object] = (
            threading.Lock() if self.is_sqlite else nullcontext()
        )
        self._read = sessionmaker(
            self.engine.execution_options(server_read=True), expire_on_commit=False
        )

    def create_schema(self) -> None:
        ServerBase.metadata.create_all(self.engine)
        self._check_schema()
        try:
            with self.session() as s:
                if s.get(Counter, "changes") is None:
                    s.add(Counter(name="changes", value=0))
        except IntegrityError:
            pass  # another worker made it first

    def _check_schema(self) -> None:
        """create_all never alters a table: a database made by an older reference server
        (events keyed by event_id alone, plain-text enrollment codes) is named, not misused."""
        have = inspect(self.engine)
        for table in ServerBase.metadata.sorted_tables:
            missing = {c.name for c in table.columns} - {
                c["name"] for c in have.get_columns(table.name)
            }
            if missing:
                raise UserFacingError(
                    f"this server database was made by an older version (table {table.name} "
                    f"lacks {', '.join(sorted(missing))}): start the server on a new database"
                )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction. On SQLite, writers of this process queue on a lock first:
        waiting there is FIFO-ish and wakes at once, unlike SQLite's sleeping busy handler."""
        with self._write_lock, self._write() as s, s.begin():
            yield s

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self._read() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()


def allocate_cursors(session: Session, n: int) -> int:
    """Reserve n change cursors; returns the first. Locks the counter row until commit."""
    new_value = session.execute(
        update(Counter)
        .where(Counter.name == "changes")
        .values(value=Counter.value + n)
        .returning(Counter.value)
    ).scalar_one()
    return int(new_value) - n + 1


def append_changes(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append change rows ({store_id, kind, key, op, data, at}) with fresh cursors."""
    if not rows:
        return
    first = allocate_cursors(session, len(rows))
    for i, row in enumerate(rows):
        row["cursor"] = first + i
        row["data"] = json.dumps(row["data"], ensure_ascii=False, separators=(",", ":"))
    session.connection().execute(insert(ChangeRow), rows)


def latest_cursor(session: Session) -> int:
    return int(session.scalar(select(Counter.value).where(Counter.name == "changes")) or 0)
