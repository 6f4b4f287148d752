"""The same server against a real PostgreSQL (LINLI_TEST_PG, set by scripts/with-services.sh)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_fault_proxy import FaultProxy
from sync_helpers import (
    NO_PG,
    PG,
    ServerProc,
    add_readings,
    engine_for,
    enrollment_code,
    free_port,
    outbox,
    pg_database,
    pick_up,
    ready_orders,
)

from kiosk.db import Database
from sync.client.setup import enroll_kiosk
from sync.server import admin

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not PG, reason=NO_PG)]


@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg_database() as url:
        yield url


def test_postgres_server_roundtrip_and_replay(
    pg_url: str, tmp_path: Path, demo_template: Path, kiosk_dir: Path, kiosk_db: Database
) -> None:
    srv = ServerProc(pg_url, free_port(), log=tmp_path / "pg-server.log")
    srv.start(demo_from=demo_template)
    proxy = FaultProxy(srv.port)
    try:
        enroll_kiosk(kiosk_db, srv.url, enrollment_code(kiosk_dir), "counter-pg")
        target = ready_orders(kiosk_dir)[1]
        srv.admin(admin.set_order_status, target, "refunded")
        events = add_readings(kiosk_db, 50) + pick_up(kiosk_db, ready_orders(kiosk_dir)[:2])
        proxy.script("503", "reset_mid")
        report = engine_for(kiosk_db, proxy.url).run_once()
        assert report.results == {"duplicate": 52}
        assert outbox(kiosk_db)[events[-1]] == ("conflict", True)  # the refunded one
        stats = srv.stats()
        assert stats["events"] == 52 and stats["duplicates_refused"] == 52
        assert report.pulled >= 60
    finally:
        proxy.close()
        srv.stop()
