"""The test run's own rules (tests/conftest.py, scripts/with-services.sh): a PostgreSQL test
that skips fails the run under CI=true and is reported loudly otherwise; python-escpos's
capabilities cache and the children's temporary folders stay inside the run's scratch
folder, which is gone when the run ends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INNER_TESTS = """
import subprocess, sys
import pytest

@pytest.mark.postgres
def test_needs_pg():
    pytest.skip("LINLI_TEST_PG is not set")

@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_both_backends(backend):
    if backend == "postgresql":
        pytest.skip("no PostgreSQL here")

def test_plain_skip_stays_a_skip():
    pytest.skip("not a service test")

def test_a_child_imports_escpos():
    subprocess.run([sys.executable, "-c", "import escpos.printer"], check=True)
"""


def _inner_run(tmp_path: Path, ci: str | None) -> tuple[subprocess.CompletedProcess[str], Path]:
    """A real pytest run in a folder holding a copy of tests/conftest.py."""
    (tmp_path / "conftest.py").write_text((ROOT / "tests" / "conftest.py").read_text())
    (tmp_path / "test_inner.py").write_text(INNER_TESTS)
    scratch_parent = tmp_path / "tmpdir"
    scratch_parent.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CI", "ESCPOS_CAPABILITIES_PICKLE_DIR", "LINLI_TEST_PG")
    }
    env["TMPDIR"] = str(scratch_parent)
    if ci is not None:
        env["CI"] = ci
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore::pytest.PytestUnknownMarkWarning",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc, scratch_parent


def test_a_skipped_postgres_test_fails_the_run_under_ci(tmp_path: Path) -> None:
    proc, _ = _inner_run(tmp_path, "true")
    assert proc.returncode == 1, proc.stdout
    assert "2 failed, 2 passed, 1 skipped" in proc.stdout, proc.stdout
    assert "CI=true: this postgres test was skipped (LINLI_TEST_PG is not set)" in proc.stdout


@pytest.mark.parametrize("ci", [None, "false"])
def test_a_plain_run_says_loudly_what_it_did_not_test(tmp_path: Path, ci: str | None) -> None:
    proc, scratch_parent = _inner_run(tmp_path, ci)
    assert proc.returncode == 0, proc.stdout
    out = proc.stdout
    assert "NOT TESTED: 2 service test(s) skipped" in out, out
    assert "why: LINLI_TEST_PG is not set" in out and "why: no PostgreSQL here" in out
    assert "skipped: test_inner.py::test_needs_pg" in out
    assert "skipped: test_inner.py::test_both_backends[postgresql]" in out
    assert "test_plain_skip_stays_a_skip" not in out.split("NOT TESTED")[1]
    # the run left nothing behind: escpos cache and the children's mkdtemp() folders are gone
    assert list(scratch_parent.iterdir()) == []


def test_a_child_process_keeps_escpos_cache_in_the_run_folder() -> None:
    probe = (
        "import json, tempfile, escpos.capabilities as c;"
        "print(json.dumps([c.pickle_path, tempfile.gettempdir()]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    pickle_path, child_tmp = map(Path, json.loads(out))
    run_dir = Path(os.environ["TMPDIR"]).parent  # tests/conftest.py's RUN_DIR
    assert run_dir.name.startswith("linli-test-run.")
    assert pickle_path.parent == Path(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"])
    assert pickle_path.is_file() and pickle_path.stat().st_size > 10_000
    assert child_tmp.is_relative_to(run_dir)  # the empty mkdtemp() escpos makes lands here


def test_with_services_points_escpos_into_a_folder_it_removes() -> None:
    env = {**os.environ, "LINLI_TEST_PG": "postgresql+psycopg://unused@127.0.0.1:1/x"}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    probe = "import os; print(os.environ['ESCPOS_CAPABILITIES_PICKLE_DIR'])"
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "with-services.sh"), sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    cache = Path(out.stdout.strip())
    assert cache.name == "escpos" and cache.parent.name.startswith("linli-services.")
    assert not cache.parent.exists()
