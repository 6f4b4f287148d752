"""Schemathesis against the real server process: the committed contract (sync/openapi.json)
and the server agree, and no generated request — valid or not — makes the server fail.

The run is bounded (examples per operation, a fixed seed, one worker) so it stays well under
two minutes; `LINLI_ST_EXAMPLES` and `LINLI_ST_SEED` widen or vary it when hunting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sync_helpers import REPO, ServerProc, enrollment_code, free_port

HERE = Path(__file__).resolve().parent / "schemathesis"


def test_the_server_honours_its_openapi_contract(
    tmp_path: Path, kiosk_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the fuzzer sends hundreds of reading checks from one address; the throttle (its own
    # test: test_sync_readings_verify.py) would answer most of them 429
    monkeypatch.setenv("LINLI_VERIFY_PER_MINUTE", "1000000")
    srv = ServerProc(
        f"sqlite:///{tmp_path / 'server.sqlite3'}", free_port(), log=tmp_path / "server.log"
    )
    srv.start(demo_from=kiosk_dir)
    try:
        r = requests.post(
            srv.url + "/api/v1/devices/enroll",
            timeout=10,
            json={"enrollment_code": enrollment_code(kiosk_dir), "device_name": "schemathesis"},
        )
        token = r.json()["token"]
        st = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
        assert st, "schemathesis is a dev dependency: pip install -e '.[dev]'"
        env = {
            **os.environ,
            "PYTHONPATH": str(HERE),
            "SCHEMATHESIS_HOOKS": "st_hooks",
            "NO_COLOR": "1",
        }
        done = subprocess.run(
            [
                st,
                "--config-file",
                str(HERE / "schemathesis.toml"),
                "run",
                str(REPO / "sync" / "openapi.json"),
                "--url",
                srv.url,
                "-H",
                f"Authorization: Bearer {token}",
                "--workers",
                "1",
                "--max-examples",
                os.environ.get("LINLI_ST_EXAMPLES", "60"),
                "--seed",
                os.environ.get("LINLI_ST_SEED", "20261201"),
                "--request-timeout",
                "30",
                "--max-failures",
                "20",
            ],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
    finally:
        srv.stop()
    report = done.stdout[-6000:] + done.stderr[-2000:]
    assert done.returncode == 0, report
    assert "0 failures" in done.stdout or " passed" in done.stdout, report
    assert "Traceback" not in srv.log.read_text() if srv.log else True
