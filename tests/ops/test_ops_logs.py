"""Log files: a secret never reaches them, they roll over by size and by day, a week (and at
most N files) is kept, every line carries time, level, logger and version; the version and
build are in every event's envelope."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.ops.logs import (
    KioskLogHandler,
    LineFormatter,
    RedactingFilter,
    redact,
    setup_logging,
)
from kiosk.version import __version__, build_id, device_info, version_line

TOKEN = (
    "LK1.eyJvIjoiTy0wMDAxIiwicyI6IlNULTEiLCJjIjoiMTIzNDU2IiwieCI6MTcwMDAwMDAwMCwiayI6ImsxIn0"
    ".qT0m4Z2F7c2lnbmF0dXJlLWJ5dGVzLWJhc2U2NHVybC1lbmNvZGVk"
)
DEVICE_TOKEN = "Zq8v0N1Hc3k5pQeR7tYuIo2Lm4Ns6Dw9Xa1Bb3Cc5Ee7"  # secrets.token_urlsafe(32)


@pytest.mark.parametrize(
    "line, secret",
    [
        (f"scan {TOKEN} verdict=ready", TOKEN),
        (f"Authorization: Bearer {DEVICE_TOKEN}", DEVICE_TOKEN),
        ("pin=4321 staff C1 locked", "4321"),
        ('{"pin": "9876", "staff": "C1"}', "9876"),
        (f"{{'device_token': '{DEVICE_TOKEN}'}}", DEVICE_TOKEN),
        ("enrollment_code=ENR-7F3K-22 accepted", "ENR-7F3K-22"),
        ("password: hunter2!", "hunter2!"),
        (
            "key -----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+abc\n-----END PRIVATE KEY-----",
            "MC4CAQAwBQYDK2VwBCIEIJ+abc",
        ),
        (f"sync failed for {DEVICE_TOKEN}", DEVICE_TOKEN),
    ],
)
def test_secrets_never_reach_a_log_line(line: str, secret: str) -> None:
    assert secret not in redact(line)
    assert redact(redact(line)) == redact(line)  # idempotent: a second pass changes nothing


def test_what_support_needs_is_kept() -> None:
    line = (
        "scan verdict=ready order O-0001 key_id=k1 event 0f8fad5b-d9cb-469f-a165-70867728950e"
        " seq=12 printer tcp://192.168.1.40:9100 offline"
    )
    assert redact(line) == line
    scan = redact(f"scan {TOKEN} verdict=ready")
    assert scan.startswith("scan LK1…#") and scan.endswith("verdict=ready")
    assert redact(f"x {TOKEN}") == redact(f"y {TOKEN}").replace("y", "x", 1)  # same tag


@pytest.fixture
def root_logging() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    before = list(root.handlers), root.level
    yield root
    for h in list(root.handlers):
        if h not in before[0]:
            root.removeHandler(h)
            h.close()
    root.setLevel(before[1])


def test_setup_logging_writes_redacted_greppable_lines(
    tmp_path: Path, root_logging: logging.Logger
) -> None:
    handler = setup_logging(tmp_path)
    assert handler is not None
    log = logging.getLogger("linli.scan")
    log.info("scanned %s -> %s", TOKEN, "ready")
    try:
        raise ValueError(f"bad token {DEVICE_TOKEN}")
    except ValueError:
        log.exception("sync with pin=%s failed", "5555")
    handler.flush()
    text = (tmp_path / "logs" / "kiosk.log").read_text("utf-8")
    assert TOKEN not in text and DEVICE_TOKEN not in text and "5555" not in text
    first = text.splitlines()[0]
    assert version_line() in first
    for line in (ln for ln in text.splitlines() if not ln.startswith("    ")):
        stamp, level, name, ver, bar, *_ = line.split(" ")
        assert stamp.endswith("Z") and "T" in stamp and level in ("INFO", "ERROR")
        assert name.startswith("linli") and ver == f"v{__version__}+{build_id()}" and bar == "|"
    assert "scanned LK1…#" in text and "-> ready" in text
    assert "    Traceback" in text  # traceback lines indented under their record


def test_rolls_over_by_size_and_keeps_at_most_n_files(tmp_path: Path) -> None:
    handler = KioskLogHandler(tmp_path, max_bytes=2000, max_files=3)
    handler.setFormatter(LineFormatter())
    handler.addFilter(RedactingFilter())
    log = logging.getLogger("linli.test.roll")
    log.propagate = False
    log.addHandler(handler)
    try:
        for i in range(200):
            log.warning("line %d %s", i, "x" * 60)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(tmp_path.iterdir())
    rotated = [p for p in files if p.name != "kiosk.log"]
    assert len(rotated) == 3
    assert all(p.stat().st_size <= 2000 for p in files)
    assert "line 199" in (tmp_path / "kiosk.log").read_text("utf-8")


def test_a_week_is_kept(tmp_path: Path) -> None:
    old = tmp_path / "kiosk-20200101T000000.log"
    recent = tmp_path / "kiosk-20200108T000000.log"
    for p in (old, recent):
        p.write_text("x\n")
    eight_days = time.time() - 8 * 86400
    os.utime(old, (eight_days, eight_days))
    KioskLogHandler(tmp_path).close()
    assert not old.exists() and recent.exists()


def test_a_new_day_starts_a_new_file(tmp_path: Path) -> None:
    handler = KioskLogHandler(tmp_path)
    handler.setFormatter(LineFormatter())
    record = logging.LogRecord("linli", logging.INFO, __file__, 1, "yesterday", None, None)
    handler.handle(record)
    handler.flush()
    yesterday = time.time() - 86400
    os.utime(tmp_path / "kiosk.log", (yesterday, yesterday))
    handler._day = time.strftime("%Y%m%d", time.gmtime(yesterday))
    handler.handle(logging.LogRecord("linli", logging.INFO, __file__, 1, "today", None, None))
    handler.close()
    assert (tmp_path / "kiosk.log").read_text("utf-8").count("\n") == 1
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("kiosk-")]) == 1


def test_an_unwritable_log_folder_does_not_stop_the_kiosk(
    tmp_path: Path, root_logging: logging.Logger
) -> None:
    (tmp_path / "logs").write_text("a file where the folder should be")
    assert setup_logging(tmp_path) is None


def test_every_event_says_which_program_sent_it(world: object) -> None:
    from ops_world import World
    from sqlalchemy import select

    from kiosk.ledger.outbox import event_envelope
    from kiosk.models import OutboxEvent
    from kiosk.services.pickup import confirm_pickup

    assert isinstance(world, World)
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    with world.db.reader() as s:
        env = event_envelope(s.scalars(select(OutboxEvent)).one())
    assert env["device"]["app_version"] == __version__ == device_info()["app_version"]
    assert env["device"]["build"] == build_id() and env["device"]["sent_at"].endswith("Z")


def test_scans_are_logged_with_their_verdict_never_the_code(
    world: object, caplog: pytest.LogCaptureFixture
) -> None:
    from ops_world import World

    from kiosk.flows.pickup import PickupFlow
    from kiosk.ops.runtime import ScanLogger
    from kiosk.ports import ScanEvent, ScanProblem, ScanSource, utcnow

    assert isinstance(world, World)
    token = world.token("O-READY", code="100001")

    class NoLedger:
        """The scan listener runs on the scanner's path (the GUI thread for a wedge): it must
        never read the ledger; any attribute use of the database fails this test."""

        def __getattr__(self, name: str) -> object:
            raise AssertionError(f"ScanLogger touched the ledger ({name})")

    log = ScanLogger(NoLedger(), "ST1")  # type: ignore[arg-type]
    flow = PickupFlow(world.db, staff_id="C1", store_id="ST1")
    with caplog.at_level(logging.INFO, logger="linli.scan"):
        log(ScanEvent(token, ScanSource.CAMERA, utcnow()))
        flow.scan(token)
        log(ScanEvent("100002", ScanSource.WEDGE, utcnow()))
        flow.scan("100002")
        log(ScanEvent("ＬＫ１", ScanSource.WEDGE, utcnow(), ScanProblem.FULL_WIDTH, "IME on"))
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0].startswith("scan camera LK1…#") and token not in lines[0]
    assert "(token) -> ready order O-READY" in lines[1] and token not in lines[1]
    tag = lines[0].split(" ", 2)[2]
    assert lines[1].startswith(f"scan {tag} (token)"), "the two lines share the scan's tag"
    assert lines[2].startswith("scan wedge #") and "100002" not in lines[2]
    assert "(code) -> ready order O-READY2" in lines[3] and "100002" not in lines[3]
    assert "full_width" in lines[4]
