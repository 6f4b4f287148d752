"""`kiosk server …` admin commands, including the bad-input paths (plain messages, no loss)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from main import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_admin_commands_without_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(tmp_path), "--json"]
    assert _run(capsys, "server", "create-store", "--id", "ST-9", "--name", "九号店", *d)[0] == 0
    code, out, err = _run(capsys, "server", "issue-code", "--store", "ST-9", "--code", "C-9", *d)
    assert code != 0 and "at least 16 characters" in err  # short codes are guessable
    code, out, _ = _run(
        capsys, "server", "issue-code", "--store", "ST-9", "--code", "C-9-LONG-ENOUGH-CODE", *d
    )
    assert code == 0 and json.loads(out)["enrollment_code"] == "C-9-LONG-ENOUGH-CODE"
    code, out, _ = _run(capsys, "server", "issue-code", "--store", "ST-9", *d)
    random_code = json.loads(out)["enrollment_code"]
    assert len(random_code.replace("-", "")) == 24  # 120 random bits
    code, out, _ = _run(capsys, "server", "codes", "--store", "ST-9", *d)
    listed = [json.loads(line) for line in out.splitlines()]
    assert [c["state"] for c in listed] == ["open", "open"]
    assert random_code not in out and "C-9-LONG-ENOUGH-CODE" not in out  # only hashes kept
    code, out, _ = _run(capsys, "server", "revoke-code", random_code, *d)
    assert code == 0 and json.loads(out)["state"] == "revoked"
    code, out, _ = _run(capsys, "server", "codes", *d)
    assert sorted(json.loads(line)["state"] for line in out.splitlines()) == ["open", "revoked"]
    orders = tmp_path / "orders.json"
    orders.write_text(
        json.dumps(
            {
                "orders": [
                    {
                        "id": "O-1",
                        "status": "ready",
                        "pickup_code": "654321",
                        "lines": [{"sku": "A", "name": "苹果", "qty": 2}],
                    }
                ],
                "staff": [{"id": "S-9", "name": "店员", "role": "clerk"}],
                "checklists": [{"id": "CL-1", "name": "冷链检查", "items": ["温度"]}],
            }
        ),
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "server", "load-orders", str(orders), "--store", "ST-9", *d)
    assert code == 0 and json.loads(out) == {"loaded": 1, "staff": 1, "checklists": 1}
    code, out, _ = _run(capsys, "server", "create-key", "--key-id", "k9", *d)
    public = json.loads(out)["public_key"]
    code, out, _ = _run(capsys, "server", "sign-token", "O-1", *d)
    token = json.loads(out)["token"]
    signed, _, signature = token.rpartition(".")
    raw_key = base64.urlsafe_b64decode(public + "=" * (-len(public) % 4))
    Ed25519PublicKey.from_public_bytes(raw_key).verify(
        base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)), signed.encode()
    )
    body = signed.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert claims["o"] == "O-1" and claims["s"] == "ST-9" and claims["c"] == "654321"
    assert claims["k"] == "k9"


def test_bad_input_is_refused_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(tmp_path)]
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    (tmp_path / "shape.json").write_text('{"orders": 3}', encoding="utf-8")
    (tmp_path / "nan.json").write_text(
        '[{"id": "N", "store_id": "S", "lines": [{"sku": "A", "qty": NaN}]}]', encoding="utf-8"
    )
    (tmp_path / "status.json").write_text(
        '[{"id": "Q", "store_id": "S", "status": "flying"}]', encoding="utf-8"
    )
    cases = [
        (["server", "load-orders", str(tmp_path / "missing.json")], "cannot read"),
        (["server", "load-orders", str(tmp_path / "bad.json")], "is not valid JSON"),
        (["server", "load-orders", str(tmp_path / "shape.json")], "must hold a list"),
        (["server", "load-orders", str(tmp_path / "nan.json")], "is not valid JSON"),
        (["server", "load-orders", str(tmp_path / "status.json")], "unknown status 'flying'"),
        (["server", "sign-token", "NOPE"], "no order 'NOPE'"),
        (["server", "issue-code", "--store", "NOPE"], "create it first"),
        (["sync", "--once"], "not enrolled"),
        (["sync", "resolve", "no-such-event"], "no open sync problem"),
    ]
    for argv, words in cases:
        code, _, err = _run(capsys, *argv, *d)
        assert code != 0 and words in err, (argv, err)
    code, out, _ = _run(capsys, "server", "stats", *d, "--json")
    assert code == 0 and json.loads(out) == {
        "events": 0,
        "duplicates_refused": 0,
        "by_type": {},
        "by_device": {},
    }


def test_server_bad_database_port_or_demo_dir_are_plain_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(tmp_path)]
    cases = [
        (["server", "stats", "--db", "bogus://x"], "not understood"),
        (
            ["server", "stats", "--db", f"sqlite:///{tmp_path}/no/such/dir/s.sqlite3"],
            "cannot open the database",
        ),
        (["server", "run", "--db", "bogus://x", "--port", "38999"], "not understood"),
        (["server", "run", "--port", "99999"], "1 to 65535"),
        (
            ["server", "run", "--port", "38999", "--demo-from", str(tmp_path / "none")],
            "no seed.json",
        ),
    ]
    for argv, words in cases:
        code, _, err = _run(capsys, *argv, *d)
        assert code != 0 and words in err and "Traceback" not in err, (argv, err)
