"""Sync test helpers and fixtures (re-exported by conftest.py): the real reference server as a separate process on a loopback port, a demo
kiosk data directory (copied from a template), and helpers to make outbox events."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.db import DB_FILENAME, Database
from kiosk.demo import STORE_ID, build_demo
from kiosk.ledger.outbox import record_change
from sync.client.engine import SyncEngine
from sync.client.http import HttpCentralApi
from sync.client.retry import RetryPolicy
from sync.server import admin
from sync.server.db import ServerDatabase

REPO = Path(__file__).resolve().parents[2]
FAST = RetryPolicy(base_s=0.02, cap_s=0.2, max_attempts=12)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServerProc:
    db_url: str
    port: int
    proc: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, demo_from: Path | None = None, wait: bool = True) -> ServerProc:
        cmd = [
            sys.executable,
            "-m",
            "sync.server",
            "run",
            "--db",
            self.db_url,
            "--port",
            str(self.port),
        ]
        if demo_from is not None:
            cmd += ["--demo-from", str(demo_from)]
        assert self.log is not None
        self.proc = subprocess.Popen(
            cmd, cwd=REPO, stdout=self.log.open("ab"), stderr=subprocess.STDOUT
        )
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text() if self.log else ''}")
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("server did not become healthy")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def stats(self) -> dict[str, Any]:
        db = ServerDatabase(self.db_url, pool_size=1)
        try:
            with db.reader() as s:
                return admin.stats(s)
        finally:
            db.close()

    def admin(self, fn: Any, *args: Any, **kw: Any) -> Any:
        db = ServerDatabase(self.db_url, pool_size=1)
        try:
            with db.session() as s:
                return fn(s, *args, **kw)
        finally:
            db.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo kiosk data dir built once (build_demo hashes PINs: slow-ish)."""
    root = tmp_path_factory.mktemp("demo-kiosk")
    db = Database(root / DB_FILENAME)
    build_demo(db, root, orders=60, seed=7)
    db.close()
    return root


@pytest.fixture
def kiosk_dir(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "kiosk"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def kiosk_db(kiosk_dir: Path) -> Iterator[Database]:
    db = Database(kiosk_dir / DB_FILENAME)
    yield db
    db.close()


PG = os.environ.get("LINLI_TEST_PG")
NO_PG = (
    "LINLI_TEST_PG is not set: no PostgreSQL server could be started (run through "
    "scripts/with-services.sh or `make test`)"
)


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the LINLI_TEST_PG server; dropped afterwards."""
    import psycopg

    assert PG
    name = f"linli_{uuid.uuid4().hex[:10]}"
    plain = PG.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{plain.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(
    request: pytest.FixtureRequest, tmp_path: Path, demo_template: Path
) -> Iterator[ServerProc]:
    """The real server process, on SQLite and (when LINLI_TEST_PG is set) on PostgreSQL."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
        else:
            if not PG:
                pytest.skip(NO_PG)
            url = stack.enter_context(pg_database())
        srv = ServerProc(url, free_port(), log=tmp_path / "server.log")
        srv.start(demo_from=demo_template)
        stack.callback(srv.stop)
        yield srv


def manifest(kiosk_dir: Path) -> dict[str, Any]:
    import json

    return dict(json.loads((kiosk_dir / "demo" / "manifest.json").read_text()))


def enrollment_code(kiosk_dir: Path) -> str:
    return str(manifest(kiosk_dir)["enrollment_code"])


def fresh_code(server: ServerProc, store_id: str = STORE_ID) -> str:
    """A new one-use enrollment code (the demo's code enrolls one kiosk only)."""
    return str(server.admin(admin.issue_code, store_id))


def engine_for(
    db: Database,
    url: str | None = None,
    *,
    timeout: tuple[float, float] = (2, 10),
    policy: RetryPolicy = FAST,
    batch_size: int = 200,
) -> SyncEngine:
    """A client engine for an enrolled kiosk, optionally aimed at another URL (the proxy)."""
    from kiosk.platform.sync_status import SERVER_URL, TOKEN, get_state

    with db.reader() as s:
        base = url or get_state(s, SERVER_URL)
        token = get_state(s, TOKEN)
    assert base and token
    return SyncEngine(
        db, HttpCentralApi(base, token, timeout=timeout), policy=policy, batch_size=batch_size
    )


def ready_orders(kiosk_dir: Path) -> list[str]:
    return [o["order_id"] for o in manifest(kiosk_dir)["orders"]["ready"]]


def pick_up(db: Database, order_ids: list[str]) -> list[str]:
    from kiosk.services.pickup import confirm_pickup

    return [confirm_pickup(db, oid, staff_id="S-001", method="code").event_id for oid in order_ids]


def add_readings(db: Database, n: int, *, bad_every: int = 0) -> list[str]:
    """n reading.captured events; every `bad_every`-th has an invalid payload (no unit)."""
    ids = []
    with db.session() as s:
        for i in range(n):
            payload: dict[str, Any] = {
                "reading_id": f"R-{i}",
                "kind": "weight",
                "value": 1.0 + i,
                "unit": "kg",
                "verdict": None,
                "operator": "S-001",
            }
            if bad_every and i % bad_every == 0:
                del payload["unit"]
            ev = record_change(
                s,
                actor="S-001",
                event_type="reading.captured",
                entity="reading",
                entity_id=f"R-{i}",
                payload=payload,
            )
            ids.append(ev.event_id)
    return ids


def outbox(db: Database) -> dict[str, tuple[str, bool]]:
    from sqlalchemy import select

    from kiosk.models import OutboxEvent

    with db.reader() as s:
        return {e.event_id: (e.status, e.needs_manager) for e in s.scalars(select(OutboxEvent))}


__all__ = [
    "FAST",
    "STORE_ID",
    "ServerProc",
    "add_readings",
    "engine_for",
    "enrollment_code",
    "free_port",
    "fresh_code",
    "manifest",
    "outbox",
    "pick_up",
    "ready_orders",
]
os.environ.setdefault("LINLI_SYNC_RETRY", "0.02,0.2,12")
