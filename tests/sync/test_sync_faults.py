"""Fault tests: each ends with the server holding every event exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_fault_proxy import FaultProxy
from sync_helpers import (
    REPO,
    ServerProc,
    add_readings,
    engine_for,
    enrollment_code,
    free_port,
    fresh_code,
    outbox,
    pick_up,
    ready_orders,
)

from kiosk.db import Database
from kiosk.errors import SyncError, SyncErrorKind
from kiosk.platform.conflicts import list_conflicts, retry_rejected
from kiosk.platform.sync_status import read_sync_status
from sync.client.retry import RetryPolicy
from sync.client.setup import enroll_kiosk
from sync.server import admin


@pytest.fixture
def proxy(server: ServerProc) -> Iterator[FaultProxy]:
    p = FaultProxy(server.port)
    yield p
    p.close()


def _enrolled(server: ServerProc, kiosk_dir: Path, db: Database, url: str | None = None) -> None:
    enroll_kiosk(db, url or server.url, enrollment_code(kiosk_dir), "counter-1")


def _exactly_once(server: ServerProc, db: Database, event_ids: list[str]) -> dict[str, object]:
    stats = server.stats()
    assert stats["events"] == len(event_ids)
    box = outbox(db)
    assert all(box[e][0] in {"accepted", "duplicate", "conflict"} for e in event_ids), box
    return stats


def test_server_down_for_the_first_attempts(
    tmp_path: Path, demo_template: Path, kiosk_dir: Path, kiosk_db: Database
) -> None:
    srv = ServerProc(
        f"sqlite:///{tmp_path / 'late.sqlite3'}", free_port(), log=tmp_path / "late.log"
    )
    srv.start(demo_from=demo_template)
    _enrolled(srv, kiosk_dir, kiosk_db)
    srv.stop()  # the network (or the server) goes away
    events = add_readings(kiosk_db, 30)
    engine = engine_for(kiosk_db, policy=RetryPolicy(0.2, 0.5, 60))
    attempts: list[str] = []
    engine.board.add_listener(lambda st: attempts.append(st.state.value))
    outcome: dict[str, object] = {}
    worker = threading.Thread(target=lambda: outcome.update(r=engine.run_once()))
    worker.start()
    deadline = time.monotonic() + 30  # polled, not a fixed sleep: slow CI machines too
    while attempts.count("offline") < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert attempts.count("offline") >= 2  # it has been failing and retrying
    assert "r" not in outcome  # still retrying, not given up, while the server is down
    srv.start()  # same database, back up
    worker.join(60)
    try:
        assert "r" in outcome
        _exactly_once(srv, kiosk_db, events)
        assert srv.stats()["duplicates_refused"] == 0
    finally:
        srv.stop()


def test_5xx_answers_are_retried(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, kiosk_db: Database
) -> None:
    _enrolled(server, kiosk_dir, kiosk_db)
    events = add_readings(kiosk_db, 250)  # two batches
    proxy.script("500", "502", "503", "pass", "503")
    report = engine_for(kiosk_db, proxy.url).run_once()
    assert report.results == {"accepted": 250}
    assert [proxy.taken(a) for a in ("500", "502", "503")] == [1, 1, 2]
    _exactly_once(server, kiosk_db, events)


def test_connection_reset_mid_response(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, kiosk_db: Database
) -> None:
    _enrolled(server, kiosk_dir, kiosk_db)
    events = add_readings(kiosk_db, 40)
    proxy.script("reset_mid")  # the server committed; the answer is cut in half
    report = engine_for(kiosk_db, proxy.url).run_once()
    assert report.results == {"duplicate": 40}
    stats = _exactly_once(server, kiosk_db, events)
    assert stats["duplicates_refused"] == 40


def test_read_timeout_after_commit_comes_back_duplicate(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, kiosk_db: Database
) -> None:
    _enrolled(server, kiosk_dir, kiosk_db)
    events = add_readings(kiosk_db, 10) + pick_up(kiosk_db, ready_orders(kiosk_dir)[:2])
    proxy.hold_s = 3.0
    proxy.script("hang")
    report = engine_for(kiosk_db, proxy.url, timeout=(2, 0.8)).run_once()
    assert report.results == {"duplicate": 12}
    assert proxy.taken("hang") == 1
    stats = _exactly_once(server, kiosk_db, events)
    assert stats["duplicates_refused"] == 12


def test_lost_conflict_answer_still_reaches_the_manager(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, kiosk_db: Database
) -> None:
    _enrolled(server, kiosk_dir, kiosk_db)
    oid = ready_orders(kiosk_dir)[0]
    server.admin(admin.set_order_status, oid, "cancelled")
    ev = pick_up(kiosk_db, [oid])[0]
    proxy.script("reset_mid")
    engine_for(kiosk_db, proxy.url).run_once()
    assert outbox(kiosk_db)[ev] == ("conflict", True)
    with kiosk_db.reader() as s:
        assert [c.event_id for c in list_conflicts(s)] == [ev]
    _exactly_once(server, kiosk_db, [ev])


def test_batch_with_some_events_rejected(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, kiosk_db: Database
) -> None:
    _enrolled(server, kiosk_dir, kiosk_db)
    events = add_readings(kiosk_db, 20, bad_every=5)  # 4 of them lack the unit
    bad = [events[i] for i in range(0, 20, 5)]
    report = engine_for(kiosk_db, proxy.url).run_once()
    assert report.results == {"accepted": 16, "rejected": 4}
    box = outbox(kiosk_db)
    assert all(box[e] == ("rejected", True) for e in bad)
    with kiosk_db.reader() as s:
        items = list_conflicts(s)
        assert read_sync_status(s).events_waiting == 0
    assert {i.event_id for i in items} == set(bad)
    assert all("payload.unit" in i.reason for i in items)
    posts = sum(1 for _, line in proxy.log if line.startswith("POST"))
    report = engine_for(kiosk_db, proxy.url).run_once()  # never re-sent on its own
    assert report.pushed == 0
    assert sum(1 for _, line in proxy.log if line.startswith("POST")) == posts
    stats = _exactly_once(server, kiosk_db, [e for e in events if e not in bad])
    assert stats["by_type"] == {"reading.captured": 16}
    with kiosk_db.session() as s:  # a person chooses to send one again: still rejected
        retry_rejected(s, bad[0], actor="S-002")
    assert engine_for(kiosk_db).run_once().results == {"rejected": 1}
    assert server.stats()["events"] == 16


def test_kiosk_killed_between_send_and_settle(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, kiosk_db: Database
) -> None:
    _enrolled(server, kiosk_dir, kiosk_db, url=proxy.url)
    events = add_readings(kiosk_db, 30) + pick_up(kiosk_db, ready_orders(kiosk_dir)[:3])
    proxy.hold_s = 60.0
    proxy.script("hang")  # the server commits; the answer never comes back in time
    env = {**os.environ, "LINLI_SYNC_TIMEOUT": "2,60"}
    child = subprocess.Popen(
        [sys.executable, "main.py", "sync", "--once", "--data-dir", str(kiosk_dir)],
        cwd=REPO,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while server.stats()["events"] < len(events) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.stats()["events"] == len(events)
        assert child.poll() is None
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert {st for st, _ in outbox(kiosk_db).values()} == {"pending"}  # nothing settled
    done = subprocess.run(
        [sys.executable, "main.py", "sync", "--once", "--json", "--data-dir", str(kiosk_dir)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert '"duplicate": 33' in done.stdout
    stats = _exactly_once(server, kiosk_db, events)
    assert stats["duplicates_refused"] == 33


def test_unreachable_server_exits_non_zero(
    kiosk_dir: Path, kiosk_db: Database, server: ServerProc
) -> None:
    _enrolled(server, kiosk_dir, kiosk_db)
    add_readings(kiosk_db, 2)
    server.stop()
    env = {**os.environ, "LINLI_SYNC_RETRY": "0.01,0.05,3", "LINLI_SYNC_TIMEOUT": "1,2"}
    done = subprocess.run(
        [sys.executable, "main.py", "sync", "--once", "--data-dir", str(kiosk_dir)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Cannot reach the central platform" in done.stderr
    with kiosk_db.reader() as s:
        st = read_sync_status(s)
    assert not st.online and st.events_waiting == 2 and st.last_error


def test_unreachable_server_answers_quickly_with_the_default_policy(
    kiosk_dir: Path, kiosk_db: Database, server: ServerProc
) -> None:
    """`sync --once` with no test overrides: a few retries, then exit 1 (not ~45 s of backoff)."""
    _enrolled(server, kiosk_dir, kiosk_db)
    add_readings(kiosk_db, 1)
    server.stop()
    env = {k: v for k, v in os.environ.items() if k != "LINLI_SYNC_RETRY"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "main.py", "sync", "--once", "--data-dir", str(kiosk_dir)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert time.monotonic() - started < 20


def test_sync_loop_with_json_prints_only_json_lines(
    kiosk_dir: Path, kiosk_db: Database, server: ServerProc
) -> None:
    import json

    _enrolled(server, kiosk_dir, kiosk_db)
    proc = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "sync",
            "--json",
            "--interval",
            "0.3",
            "--data-dir",
            str(kiosk_dir),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(2)]
    finally:
        proc.kill()
        proc.wait(10)
    states = [json.loads(line) for line in lines]
    assert [set(st) for st in states] == [{"state", "message"}] * 2
    assert states[-1]["state"] == "online"


def test_revoked_token_stops_sync_and_asks_to_reenroll(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    from kiosk.platform.identity import get_setting
    from sync.server.models import Device

    _enrolled(server, kiosk_dir, kiosk_db)
    add_readings(kiosk_db, 3)
    with kiosk_db.reader() as s:
        device_id = str(get_setting(s, "device_id"))
    server.admin(admin.revoke_device, device_id)
    assert server.admin(lambda s: s.get(Device, device_id).revoked)
    engine = engine_for(kiosk_db)
    with pytest.raises(SyncError) as err:
        engine.run_once()
    assert err.value.kind is SyncErrorKind.AUTH
    with kiosk_db.reader() as s:
        st = read_sync_status(s)
    assert st.needs_reenroll and "enroll" in st.message and st.events_waiting == 3
    done = subprocess.run(
        [sys.executable, "main.py", "sync", "--once", "--data-dir", str(kiosk_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3 and "enroll" in done.stderr
    with pytest.raises(SyncError) as again:  # the old code cannot bring a revoked device back
        enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    assert "unknown, used, expired or revoked" in str(again.value)
    # a new code enrolls it again and clears the state; the events still go exactly once
    enroll_kiosk(kiosk_db, server.url, fresh_code(server), "counter-1")
    assert engine_for(kiosk_db).run_once().results == {"accepted": 3}
    assert server.stats()["events"] == 3


def test_a_request_refused_as_a_whole_is_split_to_find_the_bad_event(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, kiosk_db: Database
) -> None:
    from kiosk.models import OutboxEvent
    from kiosk.platform.identity import get_setting
    from kiosk.ports import utcnow

    _enrolled(server, kiosk_dir, kiosk_db)
    with kiosk_db.reader() as s:
        dev = str(get_setting(s, "device_id"))
    good = add_readings(kiosk_db, 9)
    with kiosk_db.session() as s:
        # answered on its own inside the batch (type too long): no split needed for it
        s.add(
            OutboxEvent(
                event_id="odd-1",
                seq=100,
                type="x" * 60,
                store_id="ST-SH-0001",
                device_id=dev,
                occurred_at=utcnow(),
                payload={},
                status="pending",
                attempts=0,
            )
        )
        # larger than a whole request may be: the server refuses the request (413) before
        # reading it, the client splits the batch until that event is alone
        s.add(
            OutboxEvent(
                event_id="big-1",
                seq=101,
                type="reading.captured",
                store_id="ST-SH-0001",
                device_id=dev,
                occurred_at=utcnow(),
                payload={
                    "reading_id": "R-big",
                    "kind": "weight",
                    "unit": "kg",
                    "note": "x" * (9 * 1024 * 1024),
                },
                status="pending",
                attempts=0,
            )
        )
    good += add_readings(kiosk_db, 6)
    report = engine_for(kiosk_db, proxy.url).run_once()
    assert report.results == {"accepted": 15, "rejected": 2}
    box = outbox(kiosk_db)
    assert box["odd-1"] == ("rejected", True) and box["big-1"] == ("rejected", True)
    assert all(box[e] == ("accepted", False) for e in good)
    posts = [line for _, line in proxy.log if line.startswith("POST /api/v1/events")]
    assert 2 < len(posts) <= 12  # halving: a handful of requests, not one per event
    _exactly_once(server, kiosk_db, good)


def test_paged_pull_survives_faults_and_lands_every_change(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, tmp_path: Path
) -> None:
    from sqlalchemy import func, select

    from kiosk.models import Order
    from kiosk.platform.sync_status import CURSOR, get_state
    from sync.server.db import latest_cursor

    fresh = Database(tmp_path / "fresh.sqlite3")  # a kiosk that has never seen the store
    try:
        _enrolled(server, kiosk_dir, fresh, url=proxy.url)
        engine = engine_for(fresh, proxy.url)
        engine.page_size = 7
        proxy.script("pass", "503", "pass", "reset_mid", "pass", "pass", "502", "reset_mid")
        report = engine.run_once()
        assert report.pages >= 10 and proxy.taken("reset_mid") == 2
        with fresh.reader() as s:
            assert s.scalar(select(func.count()).select_from(Order)) == 60
            cursor = get_state(s, CURSOR)
        assert cursor == str(server.admin(latest_cursor))
    finally:
        fresh.close()
