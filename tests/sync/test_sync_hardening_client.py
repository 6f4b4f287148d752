"""Issue 12, kiosk side: transport rules, a hostile or broken platform, the inbound path,
secrets on disk and the audit anchor. Each test fails on the code before the fix."""

from __future__ import annotations

import datetime as dt
import json
import logging
import ssl
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import ServerProc, enrollment_code, pick_up, ready_orders

from kiosk.db import DB_FILENAME, Database
from kiosk.errors import SyncError, SyncErrorKind
from kiosk.models import Order
from kiosk.platform.inbound import apply_page
from kiosk.platform.sync_status import SERVER_URL, TOKEN, put_state
from kiosk.ports import Change
from main import main
from sync.client.http import HttpCentralApi, check_transport
from sync.client.setup import enroll_kiosk

Answer = tuple[int, str]


@contextmanager
def fake_platform(routes: dict[str, Answer], *, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """A scripted platform on loopback: each path answers a fixed status and raw body."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            status, body = routes.get(self.path.split("?")[0], (404, '{"detail": "no"}'))
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, *_a: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


ENROLLED = (200, '{"device_id": "dev-1", "store_id": "ST-1", "token": "t0k3n"}')
EMPTY_PUSH = (200, '{"results": []}')
NO_CHANGES = (200, '{"changes": [], "next_cursor": "0", "has_more": false}')


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to connect fails the test: the refusals must come before the network."""
    import requests

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the client tried to reach the network")

    monkeypatch.setattr(requests.Session, "request", refuse)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- transport ---------------------------------------------------------------------------


def test_plain_http_beyond_loopback_is_refused_unless_insecure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: None
) -> None:
    d = ["--data-dir", str(tmp_path)]
    code, _, err = _run(
        capsys, "enroll", "--server", "http://192.0.2.10:8765", "--code", "C" * 20, *d
    )
    assert code != 0 and "Refusing plain http://" in err and "--insecure" in err
    db = Database(tmp_path / DB_FILENAME)
    with db.session() as s:  # an enrolled kiosk whose stored server is plain http elsewhere
        put_state(s, SERVER_URL, "http://kiosk-server.example:8765")
        put_state(s, TOKEN, "secret-token")
    db.close()
    code, _, err = _run(capsys, "sync", "--once", *d)
    assert code != 0 and "Refusing plain http://" in err
    for ok in (
        "http://127.0.0.1:8765",
        "http://127.5.6.7",
        "http://localhost:1",
        "http://[::1]:8765",
        "https://platform.example",
    ):
        check_transport(ok)
    check_transport("http://192.0.2.10:8765", insecure=True)  # the person said so
    with pytest.raises(SyncError):
        check_transport("ftp://x")


def _tls_pair(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """A throwaway CA and a server certificate for 127.0.0.1 signed by it."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Linli test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = folder / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "srv.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "srv.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(folder / "srv.pem", folder / "srv.key")
    return ca_file, ctx


def test_the_configured_ca_bundle_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import certifi

    ca_file, ctx = _tls_pair(tmp_path)
    # a bundle from the environment that does not hold our CA (as a proxy setup might set)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    monkeypatch.setenv("CURL_CA_BUNDLE", certifi.where())
    with fake_platform({"/api/v1/health": (200, '{"status": "ok", "api": "v1"}')}, tls=ctx) as url:
        assert HttpCentralApi(url, verify=str(ca_file)).health()
        with pytest.raises(SyncError) as err:  # and TLS is really checked
            HttpCentralApi(url, verify=True).health()
        assert err.value.kind is SyncErrorKind.NETWORK and "certificate" in str(err.value)


# --- a broken platform ---------------------------------------------------------------------


def test_keys_of_the_wrong_shape_are_a_plain_protocol_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(tmp_path)]
    for keys in (
        '{"keys": {"k1": "x"}}',
        '{"keys": [{"key_id": 7}]}',
        '["k1"]',
        '{"keys": [{"key_id": "k", "public_key": "c2hvcnQ", "revoked": false}]}',
    ):
        routes = {
            "/api/v1/devices/enroll": ENROLLED,
            "/api/v1/keys": (200, keys),
            "/api/v1/events/batch": EMPTY_PUSH,
            "/api/v1/changes": NO_CHANGES,
        }
        with fake_platform(routes) as url:
            code, _, err = _run(capsys, "enroll", "--server", url, "--code", "C" * 20, *d)
            assert code == 0 and "Traceback" not in err, (keys, err)  # keys come later
            code, _, err = _run(capsys, "sync", "--once", *d)
            assert code == 1 and "Traceback" not in err, (keys, err)
            assert "key" in err and ("malformed" in err or "cannot use" in err), err


def test_a_non_finite_number_from_the_platform_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(tmp_path)]
    order = (
        '{"id": "O-NAN", "store_id": "ST-1", "status": "ready", "pickup_code": "1", '
        '"lines": [{"sku": "A", "name": "a", "qty": NaN}]}'
    )
    routes = {
        "/api/v1/devices/enroll": ENROLLED,
        "/api/v1/keys": (200, '{"keys": []}'),
        "/api/v1/events/batch": EMPTY_PUSH,
        "/api/v1/changes": (
            200,
            '{"changes": [{"kind": "order", "op": "upsert", '
            f'"key": "O-NAN", "data": {order}}}], '
            '"next_cursor": "1", "has_more": false}',
        ),
    }
    with fake_platform(routes) as url:
        assert _run(capsys, "enroll", "--server", url, "--code", "C" * 20, *d)[0] == 0
        code, _, err = _run(capsys, "sync", "--once", *d)
    assert code == 1 and "not standard JSON" in err
    db = Database(tmp_path / DB_FILENAME)
    with db.reader() as s:
        assert s.get(Order, "O-NAN") is None
    db.close()


# --- the inbound path ----------------------------------------------------------------------


def _order(oid: str, status: Any = "ready", qty: Any = 1) -> Change:
    return Change(
        "order",
        "upsert",
        oid,
        {
            "id": oid,
            "store_id": "ST1",
            "pickup_code": "123456",
            "status": status,
            "lines": [{"sku": "A", "name": "a", "qty": qty, "unit": "份", "price_cents": 100}],
        },
    )


@pytest.mark.parametrize("many", [False, True], ids=["loaders", "bulk"])
def test_an_order_change_the_kiosk_cannot_trust_is_refused_alone(
    db: Database, caplog: pytest.LogCaptureFixture, many: bool
) -> None:
    fillers = [_order(f"F{i}") for i in range(25)] if many else []  # 20+ new: the bulk path
    bad = [
        _order("O-ODD", "teleported"),
        _order("O-NAN", qty=float("nan")),
        _order("O-INF", qty=float("inf")),
        _order("O-NEG", qty=-1),
        _order("O-DICT", {"s": "ready"}),
        _order("O-BIG", qty=10**40),
    ]
    with caplog.at_level(logging.WARNING, logger="linli.sync.inbound"):
        counts = apply_page(db, [_order("O-OK"), *bad, *fillers], "9")
    assert counts["refused"] == len(bad)
    with db.reader() as s:
        assert s.get(Order, "O-OK") is not None
        for ch in bad:
            assert s.get(Order, ch.key) is None, ch.key
    assert "unknown status 'teleported'" in caplog.text
    assert "O-NAN" in caplog.text


# --- secrets on disk -----------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_secrets_are_private_from_creation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk = tmp_path / "kiosk"
    assert _run(capsys, "demo-data", "--orders", "5", "--data-dir", str(kiosk))[0] == 0
    assert _mode(kiosk) == 0o700
    assert _mode(kiosk / DB_FILENAME) == 0o600  # holds the device token
    assert _mode(kiosk / "demo" / "signing-key.pem") == 0o600
    srv = tmp_path / "srv"
    assert _run(capsys, "server", "stats", "--data-dir", str(srv))[0] == 0
    assert _mode(srv) == 0o700
    assert _mode(srv / "server.sqlite3") == 0o600  # platform private keys, token hashes
    for extra in srv.glob("server.sqlite3-*"):
        assert _mode(extra) == 0o600, extra


# --- the audit anchor ----------------------------------------------------------------------


def _rewrite_chain(db: Database, change: Callable[[Any], None]) -> None:
    """What someone with write access to the database can do: edit an early entry and
    recompute every later link and the stored head, so the local check still passes."""
    from sqlalchemy import select

    from kiosk.ledger.audit import HEAD_KEY, entry_hash
    from kiosk.models import AuditEntry
    from kiosk.platform.identity import put_setting

    with db.session() as s:
        prev = "0" * 64
        for i, e in enumerate(s.scalars(select(AuditEntry).order_by(AuditEntry.id))):
            if i == 0:
                change(e)
            e.prev_hash = prev
            e.hash = entry_hash(
                prev,
                id=e.id,
                at=e.at,
                actor=e.actor,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                detail=dict(e.detail),
                event_id=e.event_id,
            )
            prev = e.hash
            last = e.id
        put_setting(s, HEAD_KEY, {"id": last, "hash": prev})


def test_a_consistently_rewritten_chain_fails_the_server_anchor(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.ledger.audit import verify_chain

    d = ["--data-dir", str(kiosk_dir), "--json"]
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    code, out, _ = _run(capsys, "sync", "audit", *d)
    assert code == 2 and json.loads(out)["anchored"] is None  # nothing anchored yet
    pick_up(kiosk_db, ready_orders(kiosk_dir)[:2])
    assert _run(capsys, "sync", "--once", *d)[0] == 0
    code, out, _ = _run(capsys, "sync", "audit", *d)
    first = json.loads(out)
    assert code == 0 and first["anchored"] is True and first["position"] >= 2
    _rewrite_chain(kiosk_db, lambda e: setattr(e, "actor", "someone-else"))
    with kiosk_db.reader() as s:
        assert verify_chain(s) == []  # the local check cannot see it
    code, out, _ = _run(capsys, "sync", "audit", *d)
    after = json.loads(out)
    assert code == 1 and after["anchored"] is False
    assert f"the chain was rewritten before position {first['position']}" in after["message"]
