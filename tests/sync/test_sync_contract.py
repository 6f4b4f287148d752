"""The committed contract matches the server; the retry policy; atomic pages."""

from __future__ import annotations

import json

import pytest

from kiosk.db import Database
from kiosk.errors import SyncError, SyncErrorKind
from kiosk.models import Order
from kiosk.platform.inbound import apply_page
from kiosk.platform.sync_status import CURSOR, get_state
from kiosk.ports import Change
from sync.client.retry import RetryPolicy, call_with_retry
from sync.server.openapi import OPENAPI_FILE, generate, render


def test_openapi_file_matches_the_server() -> None:
    committed = OPENAPI_FILE.read_text(encoding="utf-8")
    assert committed == render(generate()), (
        "sync/openapi.json drifted from the server: run `python -m sync.server.openapi`"
    )
    doc = json.loads(committed)
    assert set(doc["paths"]) >= {
        "/api/v1/devices/enroll",
        "/api/v1/events/batch",
        "/api/v1/changes",
        "/api/v1/media/{sha256}",
        "/api/v1/health",
    }
    statuses = doc["components"]["schemas"]["EventResultOut"]["properties"]["status"]["enum"]
    assert statuses == ["accepted", "duplicate", "conflict", "rejected"]


def test_backoff_is_capped_exponential_with_jitter() -> None:
    p = RetryPolicy(base_s=1.0, cap_s=8.0, max_attempts=None)
    assert [p.delay(n, rng=lambda: 0.0) for n in range(6)] == [0.5, 1, 2, 4, 4, 4]
    assert [p.delay(n, rng=lambda: 1.0) for n in range(6)] == [1, 2, 4, 8, 8, 8]
    assert p.delay(40, rng=lambda: 0.5) == 6.0


def test_only_transport_and_server_errors_are_retried() -> None:
    slept: list[float] = []
    calls = {"n": 0}

    def flaky() -> str:
        calls["n"] += 1
        if calls["n"] < 3:
            raise SyncError(
                SyncErrorKind.SERVER if calls["n"] == 1 else SyncErrorKind.NETWORK, "down"
            )
        return "ok"

    policy = RetryPolicy(0.1, 1.0, 5)
    assert call_with_retry(flaky, policy, sleep=slept.append) == "ok" and len(slept) == 2
    for kind in (SyncErrorKind.AUTH, SyncErrorKind.REJECTED, SyncErrorKind.PROTOCOL):

        def refused(k: SyncErrorKind = kind) -> None:
            raise SyncError(k, "no")

        slept.clear()
        with pytest.raises(SyncError):
            call_with_retry(refused, policy, sleep=slept.append)
        assert slept == []

    def always() -> None:
        raise SyncError(SyncErrorKind.NETWORK, "down")

    slept.clear()
    with pytest.raises(SyncError):
        call_with_retry(always, policy, sleep=slept.append)
    assert len(slept) == 4  # 5 attempts


def _order(oid: str, status: str = "ready") -> Change:
    return Change(
        "order",
        "upsert",
        oid,
        {
            "id": oid,
            "store_id": "ST1",
            "pickup_code": "123456",
            "status": status,
            "lines": [{"sku": "A", "name": "a", "qty": 1, "unit": "份", "price_cents": 100}],
        },
    )


def test_a_page_and_its_cursor_land_together(db: Database) -> None:
    apply_page(db, [_order("O1"), _order("O2")], "2")
    broken = Change("key", "upsert", "k-bad", {"public_key": "c2hvcnQ"})  # not 32 bytes
    with pytest.raises(ValueError):
        apply_page(db, [_order("O3"), broken], "4")
    with db.reader() as s:
        assert get_state(s, CURSOR) == "2"
        assert s.get(Order, "O3") is None  # nothing of the failed page stayed
        assert s.get(Order, "O1") is not None
    apply_page(db, [_order("O1", "refunded")], "5")
    with db.reader() as s:
        assert s.get(Order, "O1").status == "refunded"  # type: ignore[union-attr]
        assert get_state(s, CURSOR) == "5"
