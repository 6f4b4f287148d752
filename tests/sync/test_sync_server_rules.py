"""How the server applies events to orders (over real HTTP), and `kiosk sync` in a loop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from sync_helpers import REPO, ServerProc, add_readings, enrollment_code, manifest, ready_orders

from kiosk.db import Database
from kiosk.ports import EventStatus, utcnow
from sync.client.http import HttpCentralApi
from sync.client.setup import enroll_kiosk


def _api(server: ServerProc, kiosk_dir: Path) -> tuple[HttpCentralApi, str, str]:
    e = HttpCentralApi(server.url).enroll(enrollment_code(kiosk_dir), "rules")
    return HttpCentralApi(server.url, e.token), e.device_id, e.store_id


def _ev(dev: str, store: str, type_: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "type": type_,
        "store_id": store,
        "device_id": dev,
        "seq": 1,
        "occurred_at": utcnow().isoformat(),
        "payload": payload,
    }


def _order_status(api: HttpCentralApi, order_id: str) -> str:
    cursor, status, more = "0", "", True
    while more:
        page = api.pull_changes(cursor, 1000)
        for c in page.changes:
            if c.kind == "order" and c.key == order_id:
                status = str(c.data["status"])
        cursor, more = page.next_cursor, page.has_more
    return status


def test_handover_reversal_arrival_and_validation(server: ServerProc, kiosk_dir: Path) -> None:
    api, dev, store = _api(server, kiosk_dir)
    a, b, c = ready_orders(kiosk_dir)[:3]
    not_arrived = manifest(kiosk_dir)["orders"]["not_arrived"][0]["order_id"]
    hand = _ev(
        dev,
        store,
        "order.handed_over",
        {"order_ids": [a, b], "leader_id": "L-001", "confirmed_by": "badge", "staff_id": "S-001"},
    )
    pick_c = _ev(
        dev,
        store,
        "order.picked_up",
        {"order_id": c, "method": "qr", "lines": [], "staff_id": "S-001"},
    )
    results = api.push_events([hand, pick_c])
    assert results[0].status is EventStatus.ACCEPTED
    assert results[1].status is EventStatus.REJECTED and "payload.lines" in results[1].reason
    assert _order_status(api, a) == "handed_over"
    # picking up a handed-over order, reversing a pickup that never happened: conflicts
    late = _ev(
        dev,
        store,
        "order.picked_up",
        {"order_id": a, "method": "code", "lines": [{"sku": "X", "qty": 1}], "staff_id": "S-001"},
    )
    undo = _ev(
        dev,
        store,
        "order.pickup_reversed",
        {"order_id": c, "reason": "mistake", "staff_id": "S-001"},
    )
    arrive = _ev(
        dev,
        store,
        "batch.arrived",
        {
            "batch_id": "B-1",
            "temperature_c": 3.5,
            "lines": [
                {
                    "order_id": not_arrived,
                    "sku": "x",
                    "expected": 1,
                    "received": 1,
                    "condition": "ok",
                }
            ],
        },
    )
    bad = _ev(dev, store, "shift.closed", {"shift_id": "SH-1"})
    unknown = _ev(dev, store, "order.teleported", {"order_id": a})
    r = api.push_events([late, undo, arrive, bad, unknown])
    assert [x.status for x in r] == [
        EventStatus.CONFLICT,
        EventStatus.CONFLICT,
        EventStatus.ACCEPTED,
        EventStatus.REJECTED,
        EventStatus.REJECTED,
    ]
    assert "already handed over" in r[0].reason
    assert "no pickup to reverse" in r[1].reason
    assert "payload.staff_id" in r[3].reason and "payload.counts" in r[3].reason
    assert "unknown event type" in r[4].reason
    assert _order_status(api, not_arrived) == "ready"
    # a partial pickup, then the rest; then a reversal puts it back to ready
    lines = _lines(server, c)
    first = _ev(
        dev,
        store,
        "order.picked_up",
        {
            "order_id": c,
            "method": "code",
            "staff_id": "S",
            "lines": [{"sku": lines[0][0], "qty": lines[0][1]}],
        },
    )
    assert api.push_events([first])[0].status is EventStatus.ACCEPTED
    assert len(lines) > 1, "the demo order must have several lines for a partial pickup"
    assert _order_status(api, c) == "partially_picked_up"
    back = _ev(
        dev,
        store,
        "order.pickup_reversed",
        {"order_id": c, "reason": "wrong bag", "staff_id": "S-001"},
    )
    assert api.push_events([back])[0].status is EventStatus.ACCEPTED
    assert _order_status(api, c) == "ready"
    assert server.stats()["events"] == 6  # conflicts are held too; rejected ones are not


def _lines(server: ServerProc, order_id: str) -> list[tuple[str, float]]:
    from sync.server.models import ServerOrder

    data = server.admin(lambda s: dict(s.get(ServerOrder, order_id).data))
    return [(str(ln["sku"]), float(ln["qty"])) for ln in data["lines"]]


def test_sync_loop_delivers_and_stops_on_interrupt(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "loop")
    # A shell starts background jobs with SIGINT ignored and Python keeps an inherited
    # SIG_IGN, so a suite launched with `make test &` or nohup would never see the Ctrl-C:
    # give the child the terminal's default, as an operator's Ctrl-C would find it.
    proc = subprocess.Popen(
        [sys.executable, "main.py", "sync", "--interval", "0.3", "--data-dir", str(kiosk_dir)],
        cwd=REPO,
        env={**os.environ},
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        add_readings(kiosk_db, 7)
        deadline = time.monotonic() + 30
        while server.stats()["events"] < 7 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert server.stats()["events"] == 7
        add_readings(kiosk_db, 3)  # recorded while the loop runs
        while server.stats()["events"] < 10 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert server.stats()["events"] == 10
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert "[sync] online" in out
