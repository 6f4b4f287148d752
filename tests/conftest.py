"""Shared fixtures and run hygiene. Core tests get a real migrated SQLite database copied
from a template.

Run hygiene: the run gets one scratch folder, removed at the end. python-escpos caches its
printer capabilities as a 70 KB pickle in a fresh `mkdtemp()` folder of every process that
imports it (hundreds per run, never removed); pointing its cache into the scratch folder
makes that one shared pickle, and the child processes' temporary folder (TMPDIR) is in there
too. PostgreSQL tests that skip are failures under CI=true and a loud section otherwise.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings

from kiosk.db import DB_FILENAME, Database

# (nothing imported above imports escpos, so its cache setting below is in time)
RUN_DIR = Path(tempfile.mkdtemp(prefix="linli-test-run."))  # pins this process's own TMPDIR
ESCPOS_CACHE_ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"
os.environ.setdefault(ESCPOS_CACHE_ENV, str(RUN_DIR / "escpos"))
Path(os.environ[ESCPOS_CACHE_ENV]).mkdir(parents=True, exist_ok=True)
(RUN_DIR / "tmp").mkdir()
os.environ["TMPDIR"] = str(RUN_DIR / "tmp")  # children's mkdtemp() (escpos makes one each)

# No per-example deadline (a loaded CI box is slow, not wrong). In CI the examples are
# derandomized, so a run's verdict does not depend on the luck of the draw; locally they vary.
settings.register_profile("linli", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)


def in_ci() -> bool:
    """CI sets CI=true; there a test that could not run is a failure, not a skip."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


settings.load_profile("ci" if in_ci() else "linli")


@pytest.fixture(scope="session")
def db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / DB_FILENAME
    Database(path).close()
    return path


@pytest.fixture
def db(db_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A fresh migrated database for one test (copied from the template: fast)."""
    target = tmp_path / "data" / DB_FILENAME
    target.parent.mkdir()
    shutil.copy(db_template, target)
    database = Database(target, migrate=False)
    yield database
    database.close()


SERVICE_MARKERS = ("postgres",)  # tests that need a service scripts/with-services.sh starts


def _service_of(item_or_report: pytest.Item | pytest.TestReport) -> str | None:
    keywords = item_or_report.keywords
    return next((m for m in SERVICE_MARKERS if m in keywords), None)


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    """Under CI a skipped service test fails the run (a CI box without PostgreSQL would
    otherwise pass without ever testing it)."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    service = _service_of(item)
    if report.skipped and service and not hasattr(report, "wasxfail") and in_ci():
        report.outcome = "failed"
        report.longrepr = (
            f"CI=true: this {service} test was skipped ({_skip_reason(report)}). "
            f"CI must run it: start {service} (scripts/with-services.sh)."
        )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly which service tests did not run and why (a plain `make test`)."""
    skipped = [
        r
        for r in terminalreporter.stats.get("skipped", [])
        if isinstance(r, pytest.TestReport) and _service_of(r)
    ]
    if not skipped:
        return
    terminalreporter.section(
        f"NOT TESTED: {len(skipped)} service test(s) skipped", sep="!", red=True, bold=True
    )
    reasons = sorted({_skip_reason(r) for r in skipped})
    for reason in reasons:
        terminalreporter.write_line(f"why: {reason}", red=True, bold=True)
    for r in skipped:
        terminalreporter.write_line(f"  skipped: {r.nodeid}", red=True)
    terminalreporter.write_line("Under CI=true these are failures.", red=True, bold=True)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(RUN_DIR, ignore_errors=True)
