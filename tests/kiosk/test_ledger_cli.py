from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import main
from kiosk.demo import load_signing_key
from kiosk.ports import utcnow
from kiosk.verification.tokens import make_payload, sign_token

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    code = main.main(list(argv))
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@pytest.fixture(autouse=True)
def _cheap_pins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINLI_FAST_PIN_HASH", "1")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LINLI_FAST_PIN_HASH", "1")
        assert (
            main.main(
                ["demo-data", "--data-dir", str(path), "--orders", "30", "--seed", "3", "--json"]
            )
            == 0
        )
    yield path


def test_demo_files_match_design(demo_dir: Path) -> None:
    manifest = json.loads((demo_dir / "demo" / "manifest.json").read_text("utf-8"))
    assert set(manifest) == {"store_id", "key_id", "enrollment_code", "orders"}
    assert set(manifest["orders"]) == {"ready", "picked_up", "not_arrived", "cancelled"}
    for entries in manifest["orders"].values():
        assert entries and all(set(e) == {"order_id", "pickup_code"} for e in entries)
        assert all(len(e["pickup_code"]) == 6 and e["pickup_code"].isdigit() for e in entries)
    pem = (demo_dir / "demo" / "signing-key.pem").read_text()
    assert pem.startswith("-----BEGIN PRIVATE KEY-----")
    load_signing_key(demo_dir / "demo" / "signing-key.pem")
    seed = json.loads((demo_dir / "demo" / "seed.json").read_text("utf-8"))
    assert {
        "store",
        "keys",
        "enrollment_code",
        "staff",
        "leaders",
        "customers",
        "bins",
        "batches",
        "suppliers",
        "orders",
    } <= set(seed)
    assert seed["enrollment_code"] == manifest["enrollment_code"]
    assert all(s["pin_hash"].startswith("$argon2") for s in seed["staff"])
    assert any("*" in c["name_masked"] and "****" in c["phone_masked"] for c in seed["customers"])
    assert {s["role"] for s in seed["staff"]} >= {"clerk", "manager"}
    assert len(list((demo_dir / "demo" / "qr").glob("*.png"))) >= 4


def _token(demo_dir: Path, order_id: str, **over: Any) -> str:
    manifest = json.loads((demo_dir / "demo" / "manifest.json").read_text("utf-8"))
    key = over.pop("key", None) or load_signing_key(demo_dir / "demo" / "signing-key.pem")
    payload = make_payload(
        order_id,
        manifest["store_id"],
        "123456",
        int((utcnow() + timedelta(hours=1)).timestamp()),
        manifest["key_id"],
    )
    payload.update(over)
    return sign_token(key, payload)


def test_verify_and_pickup_give_design_verdicts(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = json.loads((demo_dir / "demo" / "manifest.json").read_text("utf-8"))
    d = ["--data-dir", str(demo_dir), "--json"]
    ready = manifest["orders"]["ready"][0]["order_id"]
    cases = {
        _token(demo_dir, ready): "ready",
        _token(demo_dir, manifest["orders"]["picked_up"][0]["order_id"]): "already_picked_up",
        _token(demo_dir, manifest["orders"]["not_arrived"][0]["order_id"]): "not_arrived",
        _token(demo_dir, manifest["orders"]["cancelled"][0]["order_id"]): "cancelled",
        _token(demo_dir, ready, key=Ed25519PrivateKey.generate()): "forged",
        _token(demo_dir, ready, x=int((utcnow() - timedelta(hours=1)).timestamp())): "expired",
        _token(demo_dir, ready, s="ST-OTHER-STORE"): "wrong_store",
        _token(demo_dir, ready, k="retired-key"): "unknown_key",
        "LK1.not-a-token": "malformed",
    }
    for token, expected in cases.items():
        code, [obj] = run(capsys, "verify", token, *d)
        assert code == 0 and obj["verdict"] == expected, (expected, obj)
        assert set(obj) == {"verdict", "order_id", "message"} and obj["message"]
    code, [obj] = run(capsys, "pickup", _token(demo_dir, ready), *d)
    assert code == 0 and obj["verdict"] == "ready" and obj["order_id"] == ready
    assert isinstance(obj["event_id"], str) and len(obj["event_id"]) == 36
    code, [obj] = run(capsys, "pickup", _token(demo_dir, ready), *d)
    assert (code, obj["verdict"], obj["event_id"]) == (0, "already_picked_up", None)
    code, [obj] = run(
        capsys, "pickup", _token(demo_dir, ready, key=Ed25519PrivateKey.generate()), *d
    )
    assert (obj["verdict"], obj["event_id"]) == ("forged", None)
    by_code = manifest["orders"]["ready"][1]
    code, [obj] = run(capsys, "pickup", by_code["pickup_code"], "--staff", "S-001", *d)
    assert (code, obj["verdict"], obj["order_id"]) == (0, "ready", by_code["order_id"])
    assert obj["event_id"]
    code = main.main(
        ["pickup", manifest["orders"]["ready"][2]["pickup_code"], "--staff", "NOBODY", *d]
    )
    assert code == 1 and "not known" in capsys.readouterr().err
    code, [obj] = run(capsys, "audit", "verify", *d)
    assert code == 0 and obj["ok"] is True and obj["entries"] == 2


def test_audit_verify_fails_on_tampering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(tmp_path), "--json"]
    assert main.main(["demo-data", "--orders", "10", *d]) == 0
    manifest = json.loads((tmp_path / "demo" / "manifest.json").read_text("utf-8"))
    for entry in manifest["orders"]["ready"][:3]:
        run(capsys, "pickup", entry["pickup_code"], *d)
    capsys.readouterr()
    con = sqlite3.connect(tmp_path / "kiosk.sqlite3")
    con.execute("UPDATE audit SET actor='someone-else' WHERE id=2")
    con.commit()
    con.close()
    code, [obj] = run(capsys, "audit", "verify", *d)
    assert code == 1 and obj["ok"] is False
    assert {"entry_id": 2, "problem": "edited"} in obj["problems"]
    code = main.main(["audit", "verify", "--data-dir", str(tmp_path)])
    assert code == 1 and "BROKEN" in capsys.readouterr().out


def test_real_subprocess(demo_dir: Path) -> None:
    manifest = json.loads((demo_dir / "demo" / "manifest.json").read_text("utf-8"))
    exe = ROOT / ".venv" / "bin" / "kiosk"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "kiosk"]
    token = _token(demo_dir, manifest["orders"]["not_arrived"][0]["order_id"])
    out = subprocess.run(
        [*cmd, "verify", token, "--data-dir", str(demo_dir), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    obj = json.loads(out.stdout.strip().splitlines()[-1])
    assert obj["verdict"] == "not_arrived"
    assert obj["order_id"] == manifest["orders"]["not_arrived"][0]["order_id"]


def test_ensure_demo_store_is_idempotent(tmp_path: Path) -> None:
    from kiosk.cli.core import ensure_demo_store

    ensure_demo_store(tmp_path)
    first = (tmp_path / "demo" / "manifest.json").read_text("utf-8")
    ensure_demo_store(tmp_path)  # a store exists: nothing is rebuilt
    assert (tmp_path / "demo" / "manifest.json").read_text("utf-8") == first


def test_bad_arguments_are_plain_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["demo-data", "--orders", "0", "--data-dir", str(tmp_path)]) == 1
    assert "at least 1" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["demo-data"], ["verify", "123456"], ["pickup", "123456"]])
def test_unusable_data_dir_is_a_plain_error(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a directory")
    assert main.main([*command, "--data-dir", str(in_the_way), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot use") and str(in_the_way) in err
    assert "Traceback" not in err


def test_a_damaged_database_file_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kiosk.sqlite3").write_bytes(b"this is not sqlite" * 100)
    assert main.main(["verify", "123456", "--data-dir", str(tmp_path), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the database could not be used (file is not a database)")
