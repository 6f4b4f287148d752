"""The Qt-free halves of the shell: settings.toml (defaults, round trip, broken files,
validation codes) and the clerk session (PIN, lockout, badge, switch, idle lock, roles)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kiosk import settings as S
from kiosk.context import KioskContext
from kiosk.platform.identity import put_setting
from kiosk.ports import utcnow
from kiosk.session import MANAGE, ClerkSession
from tests.ui.shell.conftest import CLERK, MANAGER, PINS


def test_no_file_means_every_default(tmp_path: Path) -> None:
    settings, problems = S.load(tmp_path)
    assert settings == S.Settings() and problems == []
    assert settings.language == "zh_CN" and settings.receipt_policy == "always"
    assert settings.provisional_pickup == "refuse" and settings.idle_lock_min == 5


def test_round_trip_through_toml_keeps_every_field(tmp_path: Path) -> None:
    changed = S.Settings(
        language="en",
        kiosk_mode=True,
        printer_uri="tcp://10.0.0.5:9100",
        printer_paper=58,
        receipt_policy="ask",
        scanner_end_pause_ms=120,
        scanner_duplicate_window_s=2.5,
        camera="rtsp://cam/1",
        instruments=(
            {"name": "scale", "protocol": "toledo_8217", "port": "/dev/ttyUSB0", "baudrate": 9600},
        ),
        server_url="https://platform.example",
        reversal_window_min=15,
        provisional_pickup="allow",
        overdue_days=5,
        sounds=False,
    )
    S.save(tmp_path, changed)
    text = S.path_in(tmp_path).read_text("utf-8")
    assert '[printer]\nuri = "tcp://10.0.0.5:9100"' in text and "[[instruments]]" in text
    loaded, problems = S.load(tmp_path)
    assert problems == [] and loaded == changed


def test_quotes_and_backslashes_survive(tmp_path: Path) -> None:
    odd = S.Settings(serial_scanner_port='COM3 "front" \\ back')
    S.save(tmp_path, odd)
    assert S.load(tmp_path)[0] == odd


def test_a_broken_file_is_reported_and_the_defaults_used(tmp_path: Path) -> None:
    S.path_in(tmp_path).write_text("[printer\nuri = ", "utf-8")
    settings, problems = S.load(tmp_path)
    assert settings == S.Settings()
    assert [p.code for p in problems] == ["file"]


def test_bad_values_keep_their_default_and_are_named(tmp_path: Path) -> None:
    S.path_in(tmp_path).write_text(
        '[printer]\npaper = 57\nuri = "lpt1"\n[ui]\nidle_lock_min = -3\nspeech = "yes"\n'
        "[pickup]\noverdue_days = 4\n[mystery]\nx = 1\n",
        "utf-8",
    )
    settings, problems = S.load(tmp_path)
    assert {(p.code, p.field) for p in problems} == {
        ("choice", "printer_paper"),
        ("uri", "printer_uri"),
        ("range", "idle_lock_min"),
        ("type", "speech"),
        ("unknown", "mystery.x"),
    }
    assert settings.printer_paper == 80 and settings.idle_lock_min == 5 and settings.speech
    assert settings.overdue_days == 4, "the good values are still taken"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ({"receipt_policy": "sometimes"}, "choice"),
        ({"scanner_end_pause_ms": "abc"}, "type"),
        ({"scanner_end_pause_ms": 2001}, "range"),
        ({"server_url": "platform.example"}, "url"),
        ({"camera": "front"}, "camera"),
        ({"instruments": [{"name": "scale", "port": "/dev/ttyUSB0"}]}, "instrument"),
    ],
)
def test_validate_names_the_problem(raw: dict[str, object], code: str) -> None:
    problems = S.validate(raw)
    assert [p.code for p in problems] == [code]
    assert problems[0].field == next(iter(raw))


def test_typed_text_from_the_screen_is_converted() -> None:
    raw = {"idle_lock_min": " 12 ", "scanner_duplicate_window_s": "1.5", "camera": "0"}
    assert S.validate(raw) == []
    s = S.from_raw(raw)
    assert (s.idle_lock_min, s.scanner_duplicate_window_s, s.camera) == (12, 1.5, "0")


def test_pin_login_switch_and_roles(kiosk: KioskContext) -> None:
    session = ClerkSession(kiosk.db)
    assert session.clerk is None and not session.can("pickup")
    assert session.login_pin(CLERK, PINS[CLERK]).ok
    assert session.can("pickup") and not session.can(MANAGE) and not session.can("mark_overdue")
    refused = session.switch(MANAGER, "0000")
    assert refused.code == "wrong_pin" and refused.params["left"] == 4
    assert session.staff_id == CLERK, "a wrong PIN while switching keeps the clerk"
    assert session.switch(MANAGER, PINS[MANAGER]).ok and session.can(MANAGE)
    checked = session.check_pin(CLERK, PINS[CLERK])
    assert checked.ok and session.staff_id == MANAGER, "a PIN check logs nobody in"


def test_lockout_counts_and_reports_minutes(kiosk: KioskContext) -> None:
    session = ClerkSession(kiosk.db)
    results = [session.login_pin(CLERK, "0000") for _ in range(5)]
    assert [r.code for r in results] == ["wrong_pin"] * 4 + ["locked"]
    assert results[-1].params["minutes"] == 5
    assert session.login_pin(CLERK, PINS[CLERK]).code == "locked"
    later = ClerkSession(kiosk.db, clock=lambda: utcnow() + timedelta(minutes=6))
    assert later.login_pin(CLERK, PINS[CLERK]).ok, "the lock ends by itself"


def test_badges_log_in_unless_locked(kiosk: KioskContext) -> None:
    with kiosk.db.session() as s:
        put_setting(s, "staff_badges", {"B-1": CLERK})
    session = ClerkSession(kiosk.db)
    assert session.login_badge("nope").code == "unknown_badge"
    for _ in range(5):
        session.login_pin(CLERK, "0000")
    assert session.login_badge("B-1").code == "locked"
    assert session.clerk is None


def test_idle_lock_by_the_session_clock(kiosk: KioskContext) -> None:
    now = [utcnow()]
    session = ClerkSession(kiosk.db, clock=lambda: now[0], idle_lock_min=3)
    assert session.login_as(CLERK).ok
    heard: list[object] = []
    session.add_listener(heard.append)
    now[0] += timedelta(minutes=2)
    session.touch()
    now[0] += timedelta(minutes=2, seconds=59)
    assert not session.check_idle()
    now[0] += timedelta(seconds=1)
    assert session.check_idle() and session.clerk is None and heard == [None]
    session.idle_lock_min = 0
    assert session.login_as(CLERK).ok
    now[0] += timedelta(days=1)
    assert not session.check_idle(), "0 means never"
