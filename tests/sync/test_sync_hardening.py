"""Issue 12, server side: hostile or broken input against the real server process.

Each test names the defect it guards; each fails on the code before the fix (the answer was
a 200 with NaN stored, a 500, a silent `duplicate`, a reusable code, a 422 echoing the body,
or a request read whole into memory).
"""

from __future__ import annotations

import json
import socket
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from sync_helpers import STORE_ID, ServerProc, enrollment_code, fresh_code, ready_orders

from kiosk.ports import utcnow
from sync.server import admin
from sync.server.models import EnrollmentCode, ServerOrder


def _strict(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} in the answer")

    return json.loads(text, parse_constant=refuse)


class Dev:
    """An enrolled device speaking raw HTTP, so the test controls every byte."""

    def __init__(self, server: ServerProc, code: str) -> None:
        r = requests.post(
            server.url + "/api/v1/devices/enroll",
            timeout=10,
            json={"enrollment_code": code, "device_name": "hardening"},
        )
        assert r.status_code == 200, r.text
        body = r.json()
        self.url, self.id, self.store = server.url, body["device_id"], body["store_id"]
        self.auth = {"Authorization": f"Bearer {body['token']}"}

    def event(self, type_: str, payload: dict[str, Any], **over: Any) -> dict[str, Any]:
        return {
            "event_id": str(uuid.uuid4()),
            "type": type_,
            "store_id": self.store,
            "device_id": self.id,
            "seq": 1,
            "occurred_at": utcnow().isoformat(),
            "payload": payload,
            **over,
        }

    def post_raw(self, body: bytes) -> requests.Response:
        return requests.post(
            self.url + "/api/v1/events/batch",
            data=body,
            timeout=30,
            headers={**self.auth, "Content-Type": "application/json"},
        )

    def push(self, *events: dict[str, Any], **extra: Any) -> list[dict[str, Any]]:
        r = self.post_raw(json.dumps({"events": list(events), **extra}).encode())
        assert r.status_code == 200, r.text
        return list(r.json()["results"])

    def changes(self) -> list[dict[str, Any]]:
        r = requests.get(
            self.url + "/api/v1/changes", params={"limit": 5000}, headers=self.auth, timeout=10
        )
        assert r.status_code == 200
        return list(_strict(r.text)["changes"])


def _pickup(dev: Dev, order_id: str, sku: str, qty: Any) -> dict[str, Any]:
    return dev.event(
        "order.picked_up",
        {
            "order_id": order_id,
            "method": "code",
            "staff_id": "S-001",
            "lines": [{"sku": sku, "qty": qty}],
        },
    )


def _first_line(server: ServerProc, order_id: str) -> tuple[str, float]:
    ln = server.admin(lambda s: s.get(ServerOrder, order_id).data["lines"][0])
    return str(ln["sku"]), float(ln["qty"])


def test_non_finite_numbers_are_refused_and_over_picking_stays_refused(
    server: ServerProc, kiosk_dir: Path
) -> None:
    dev = Dev(server, enrollment_code(kiosk_dir))
    oid = ready_orders(kiosk_dir)[0]
    sku, qty = _first_line(server, oid)
    for literal in ("NaN", "Infinity", "-Infinity", "1e999"):
        raw = json.dumps({"events": [_pickup(dev, oid, sku, 0.5)]}).replace("0.5", literal)
        r = dev.post_raw(raw.encode())
        assert r.status_code == 400 and "not valid JSON" in r.json()["detail"], literal
    # nothing of them was held: over-picking is still refused, and /changes is strict JSON
    over = dev.push(_pickup(dev, oid, sku, qty + 1))[0]
    assert over["status"] == "conflict" and "more" in over["reason"]
    assert dev.push(_pickup(dev, oid, sku, qty))[0]["status"] == "accepted"
    mine = [c for c in dev.changes() if c["key"] == oid][-1]["data"]
    assert mine["status"] == "picked_up" and mine["lines"][0]["picked_qty"] == qty
    assert server.stats()["events"] == 2  # the conflict and the pickup; no NaN one


def test_one_bad_event_never_fails_its_batch(server: ServerProc, kiosk_dir: Path) -> None:
    dev = Dev(server, enrollment_code(kiosk_dir))
    good = dev.event(
        "reading.captured", {"reading_id": "R-1", "kind": "weight", "value": 1.5, "unit": "kg"}
    )
    reading = dict(good["payload"])
    bad = {
        "seq as text": dev.event("reading.captured", reading, seq="7"),
        "seq as bool": dev.event("reading.captured", reading, seq=True),
        "seq past 64 bits": dev.event("reading.captured", reading, seq=2**64),
        "seq zero": dev.event("reading.captured", reading, seq=0),
        "event_id object": dev.event("reading.captured", reading, event_id={"a": 1}),
        "store_id object": dev.event("reading.captured", reading, store_id={"x": "y"}),
        "payload list": dev.event("reading.captured", [1, 2]),  # type: ignore[arg-type]
        "method object": dev.event(
            "order.picked_up",
            {
                "order_id": "X",
                "staff_id": "S",
                "method": {"qr": 1},
                "lines": [{"sku": "A", "qty": 1}],
            },
        ),
        "order_ids int": dev.event(
            "order.handed_over",
            {"order_ids": 5, "leader_id": "L", "staff_id": "S", "confirmed_by": "pin"},
        ),
        "order_ids object": dev.event(
            "order.handed_over",
            {"order_ids": {"a": 1}, "leader_id": "L", "staff_id": "S", "confirmed_by": "pin"},
        ),
        "batch line order_id list": dev.event(
            "batch.arrived", {"batch_id": "B", "lines": [{"order_id": ["x"], "sku": "A"}]}
        ),
        "qty past 64 bits": _pickup(dev, ready_orders(kiosk_dir)[1], "A", 2**70),
        "huge int in payload": dev.event("reading.captured", {**reading, "value": 10**30}),
        "naive occurred_at": dev.event(
            "reading.captured", reading, occurred_at="2026-11-30T10:00:00"
        ),
        "occurred_at object": dev.event("reading.captured", reading, occurred_at={"t": 1}),
        "not an object": "just a string",
    }
    results = dev.push(good, *bad.values())
    assert len(results) == 1 + len(bad)
    assert results[0] == {"event_id": good["event_id"], "status": "accepted", "reason": ""}
    for (what, _), answer in zip(bad.items(), results[1:], strict=True):
        assert answer["status"] == "rejected" and answer["reason"], what
    reasons = {what: a["reason"] for what, a in zip(bad, results[1:], strict=True)}
    assert "seq must be a whole number" in reasons["seq as text"]
    assert "timezone" in reasons["naive occurred_at"]
    assert "64 bits" in reasons["huge int in payload"]
    assert server.stats()["events"] == 1


def test_clock_far_off_is_flagged_not_lost(server: ServerProc, kiosk_dir: Path) -> None:
    """A store wants the pickup recorded even when the kiosk's clock is wrong (the goods
    left): accepted, with a `clock:` note the manager sees."""
    dev = Dev(server, enrollment_code(kiosk_dir))
    reading = {"reading_id": "R-1", "kind": "weight", "value": 1.5, "unit": "kg"}
    ahead = dev.event("reading.captured", reading, occurred_at="2099-01-01T00:00:00Z")
    reset = dev.event("reading.captured", reading, occurred_at="2000-01-01T00:00:00+08:00")
    now = dev.event("reading.captured", reading)
    a, b, c = dev.push(ahead, reset, now)
    assert a["status"] == "accepted" and a["reason"].startswith("clock:") and "ahead" in a["reason"]
    assert b["status"] == "accepted" and "clock looks reset" in b["reason"]
    assert c == {"event_id": now["event_id"], "status": "accepted", "reason": ""}


def test_bad_cursor_limit_and_body_are_plain_4xx(server: ServerProc, kiosk_dir: Path) -> None:
    dev = Dev(server, enrollment_code(kiosk_dir))
    for cursor in ("99999999999999999999999", "-1", "1e3", "abc", ""):
        r = requests.get(
            dev.url + "/api/v1/changes", params={"cursor": cursor}, headers=dev.auth, timeout=10
        )
        assert r.status_code == 400 and "next_cursor" in r.json()["detail"], cursor
    r = requests.get(
        dev.url + "/api/v1/changes", params={"limit": 10**30}, headers=dev.auth, timeout=10
    )
    assert r.status_code == 400
    r = dev.post_raw(b'{"events": [{"event_id": "\xff\xfe"}]}')
    assert r.status_code == 400 and "UTF-8" in r.json()["detail"]
    r = dev.post_raw(b"[" * 100_000 + b"]" * 100_000)
    assert r.status_code == 400
    for body in (b'{"events": 3}', b"[]", b'{"events": [], "audit_head": {"position": "1"}}'):
        assert dev.post_raw(body).status_code == 400, body


def test_idempotency_is_keyed_by_device_and_content(server: ServerProc, kiosk_dir: Path) -> None:
    server.admin(admin.create_store, "ST-SQUAT", "other store")
    squatter = Dev(server, server.admin(admin.issue_code, "ST-SQUAT"))
    victim = Dev(server, enrollment_code(kiosk_dir))
    reading = {"reading_id": "R-1", "kind": "weight", "value": 2.0, "unit": "kg"}
    real = victim.event("reading.captured", reading)
    # another store's device takes the victim's event id first
    taken = squatter.event("reading.captured", {**reading, "value": 9.9}, event_id=real["event_id"])
    assert squatter.push(taken)[0]["status"] == "accepted"
    assert victim.push(real)[0]["status"] == "accepted"  # not a silent duplicate
    assert victim.push(real)[0]["status"] == "duplicate"  # a true replay
    changed = {**real, "payload": {**reading, "value": 3.0}}
    again = victim.push(changed)[0]
    assert again["status"] == "rejected" and "different content" in again["reason"]
    # the victim's event replayed by another device (under that device's own identity)
    third = Dev(server, fresh_code(server))
    copied = {**real, "store_id": third.store, "device_id": third.id}
    replay = third.push(copied)[0]
    assert replay["status"] == "rejected" and "already received from device" in replay["reason"]
    assert server.stats()["events"] == 2


def test_enrollment_codes_are_one_use_expire_and_are_throttled(
    server: ServerProc, kiosk_dir: Path
) -> None:
    url = server.url + "/api/v1/devices/enroll"

    def enroll(code: str) -> requests.Response:
        return requests.post(url, json={"enrollment_code": code, "device_name": "t"}, timeout=10)

    code = enrollment_code(kiosk_dir)
    assert enroll(code).status_code == 200
    assert enroll(code).status_code == 403  # one use
    late = fresh_code(server)
    server.admin(
        lambda s: setattr(
            s.get(EnrollmentCode, admin.hash_code(late)), "expires_at", utcnow().replace(year=2020)
        )
    )
    assert enroll(late).status_code == 403
    stored = server.admin(lambda s: [c.code_hash for c in s.query(EnrollmentCode)])
    assert code not in stored and admin.hash_code(code) in stored  # only hashes on disk
    # the same used code tried over and over: throttled per code
    statuses = [enroll(code).status_code for _ in range(5)]
    assert statuses == [403] * 4 + [429]  # 1 + 4 + this = 6 failures of that code
    # many wrong codes from one address: throttled per client, even a good code waits
    good = fresh_code(server)
    statuses = [enroll(f"WRONG-{i:012d}").status_code for i in range(6)]
    assert statuses[-1] == 429
    blocked = enroll(good)
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert server.admin(lambda s: s.get(EnrollmentCode, admin.hash_code(good)).used_at) is None
    assert server.log is not None
    log = server.log.read_text()
    assert "enrollment refused: client 127.0.0.1" in log
    # logged by code id, never the code (the demo banner at start-up shows the demo code)
    assert good not in log and late not in log and "WRONG-" not in log


def _raw_request(port: int, head: str, body: bytes = b"", *, timeout: float = 10) -> str:
    """Send a request head (and part of a body), return the status line the server sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head.encode("latin-1") + body)
        reply = b""
        while b"\r\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    return reply.split(b"\r\n", 1)[0].decode("latin-1")


def test_bodies_are_capped_and_authenticated_before_they_are_read(
    server: ServerProc, kiosk_dir: Path
) -> None:
    dev = Dev(server, enrollment_code(kiosk_dir))
    token = dev.auth["Authorization"]
    huge = 200 * 1024 * 1024
    # a 200 MB upload is refused by its Content-Length: the answer comes while the client has
    # sent 1 KB of it (the old server waited to read all 200 MB first)
    head = (
        f"PUT /api/v1/media/{'a' * 64} HTTP/1.1\r\nHost: x\r\nAuthorization: {token}\r\n"
        f"Content-Type: image/jpeg\r\nContent-Length: {huge}\r\n\r\n"
    )
    assert " 413 " in _raw_request(server.port, head, b"\0" * 1024)
    batch = (
        f"POST /api/v1/events/batch HTTP/1.1\r\nHost: x\r\nAuthorization: {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {huge}\r\n\r\n"
    )
    assert " 413 " in _raw_request(server.port, batch, b"{")
    # no token: 401 before a byte of the body is parsed (not a 422 about the JSON)
    r = requests.post(server.url + "/api/v1/events/batch", data=b"{not json", timeout=10)
    assert r.status_code == 401
    r = requests.put(server.url + f"/api/v1/media/{'a' * 64}", data=b"x" * 1000, timeout=10)
    assert r.status_code == 401
    # a refused request is never echoed back (it may carry a secret)
    secret = "SECRET-" + uuid.uuid4().hex
    r = requests.post(
        server.url + "/api/v1/devices/enroll",
        timeout=10,
        json={"enrollment_code": {"nested": secret}, "device_name": secret},
    )
    assert r.status_code == 400 and secret not in r.text
    r = requests.get(
        server.url + "/api/v1/changes", params={"cursor": secret}, headers=dev.auth, timeout=10
    )
    assert r.status_code == 400 and secret not in r.text


def test_a_streamed_upload_past_the_limit_is_cut_off(server: ServerProc, kiosk_dir: Path) -> None:
    """Chunked (no Content-Length): the server stops at 25 MB and never holds the body in
    memory (its peak RSS barely moves; the old server read it whole, twice over)."""
    import psutil

    from sync.server.app import MAX_MEDIA

    dev = Dev(server, enrollment_code(kiosk_dir))
    assert server.proc is not None
    proc = psutil.Process(server.proc.pid)

    def peak() -> int:
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        raise AssertionError("no VmHWM")

    before = peak()
    chunk = b"\0" * (1 << 20)

    def body() -> Any:
        for _ in range(MAX_MEDIA // len(chunk) + 8):
            yield chunk

    try:
        r = requests.put(
            f"{server.url}/api/v1/media/{'b' * 64}",
            data=body(),
            timeout=60,
            headers={**dev.auth, "Content-Type": "image/jpeg"},
        )
        assert r.status_code == 413 and "larger than 25 MB" in r.json()["detail"]
    except requests.ConnectionError:
        pass  # the server may close the connection while the client is still sending
    grown = peak() - before
    assert grown < 16 * 1024 * 1024, f"server peak RSS grew {grown / 1048576:.0f} MB"
    ok = requests.get(server.url + "/api/v1/health", timeout=10)
    assert ok.status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/keys", "/api/v1/audit/head"])
def test_other_calls_need_the_token(server: ServerProc, path: str) -> None:
    assert requests.get(server.url + path, timeout=10).status_code == 401


def test_the_audit_head_is_kept_per_device_and_never_goes_back(
    server: ServerProc, kiosk_dir: Path
) -> None:
    dev = Dev(server, enrollment_code(kiosk_dir))
    other = Dev(server, fresh_code(server, STORE_ID))
    r = requests.get(dev.url + "/api/v1/audit/head", headers=dev.auth, timeout=10)
    assert r.status_code == 404
    h5, h3, h9 = "5" * 64, "3" * 64, "9" * 64
    r = dev.post_raw(json.dumps({"events": [], "audit_head": {"position": 5, "hash": h5}}).encode())
    assert r.status_code == 200 and r.json()["audit_head"]["position"] == 5
    back = dev.post_raw(
        json.dumps({"events": [], "audit_head": {"position": 3, "hash": h3}}).encode()
    )
    assert back.json()["audit_head"]["hash"] == h5  # never backwards
    same = dev.post_raw(
        json.dumps({"events": [], "audit_head": {"position": 5, "hash": h9}}).encode()
    )
    assert same.json()["audit_head"]["hash"] == h5  # the first hash seen there stays
    head = requests.get(dev.url + "/api/v1/audit/head", headers=dev.auth, timeout=10).json()
    assert head["position"] == 5 and head["hash"] == h5 and head["acknowledged_at"]
    assert (
        requests.get(dev.url + "/api/v1/audit/head", headers=other.auth, timeout=10).status_code
        == 404
    )  # per device


def test_admin_lists_and_revokes_devices(
    server: ServerProc, kiosk_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from main import main

    dev = Dev(server, enrollment_code(kiosk_dir))
    db = ["--db", server.db_url, "--json"]
    assert main(["server", "devices", *db]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["device_id"], d["revoked"]) for d in listed] == [(dev.id, False)]
    assert main(["server", "revoke-device", dev.id, *db]) == 0
    capsys.readouterr()
    r = requests.get(dev.url + "/api/v1/keys", headers=dev.auth, timeout=10)
    assert r.status_code == 401  # at once
    assert main(["server", "codes", *db]) == 0
    states = [json.loads(line)["state"] for line in capsys.readouterr().out.splitlines()]
    assert states == ["revoked"]  # the code it came with cannot bring it back


def test_a_database_of_the_old_schema_is_named_not_misused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from main import main

    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as conn:  # the events table as the old server made it
        conn.execute(
            "CREATE TABLE events (event_id VARCHAR(64) PRIMARY KEY, store_id "
            "VARCHAR(64), device_id VARCHAR(64))"
        )
    assert main(["server", "stats", "--db", f"sqlite:///{old}"]) != 0
    err = capsys.readouterr().err
    assert "older version" in err and "payload_hash" in err and "Traceback" not in err
