"""Issue 15's live acceptance with real X input against the real kiosk (`kiosk run --demo`'s
wiring: simulated refractometer, pesticide reader and scale on pseudo-terminals, the OBS
overlay server): the host opens the live screen (F9), types the batch, goes live, opens the
on-air window, and every reading the instruments send shows on the on-air window (each has
its own verification code) and is in the ledger, signed. The overlay page in headless
chromium shows the same reading, "not connected" when the kiosk is killed, and recovers when
the kiosk starts again."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[3]
for helper in (ROOT / "tests" / "ui" / "xreal", ROOT / "tests" / "drivers" / "overlay"):
    if str(helper) not in sys.path:
        sys.path.insert(0, str(helper))

from overlay_chromium import Browser, need_chromium  # noqa: E402
from xreal_kiosk import RealKiosk, real_kiosk  # noqa: E402

from kiosk.db import DB_FILENAME, Database  # noqa: E402
from kiosk.models.readings import ReadingRecord  # noqa: E402
from kiosk.readings.verify import verify_in_ledger  # noqa: E402

OFFLINE = "document.body.classList.contains('offline')"
SHOWN = "document.getElementById('value').textContent"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def go_live(clerk: RealKiosk, batch: str) -> None:
    clerk.key("F9")
    clerk.wait(lambda d: d["screen"] == "live", "the live screen")
    clerk.type_in("live-batch", batch)
    clerk.click("live-start")
    clerk.wait(
        lambda d: (
            "live-" in d["widgets"].get("live-session", {}).get("text", "")
            and d["widgets"]["live-batch"]["enabled"] is False
        ),
        "the session to start",
    )


def watch_onair(clerk: RealKiosk, want: int, timeout: float = 40) -> list[tuple[str, str]]:
    """Every (value, code) the on-air window showed, in order, until `want` readings."""
    seen: list[tuple[str, str]] = []
    deadline = time.monotonic() + timeout
    while len(seen) < want and time.monotonic() < deadline:
        w = clerk.state().get("widgets", {})
        value, code = (
            w.get("onair-value", {}).get("text", ""),
            w.get("onair-code", {}).get("text", ""),
        )
        if value and code and (not seen or seen[-1][1] != code):
            seen.append((value, code))
        time.sleep(0.02)
    return seen


def test_live_session_on_air_and_overlay_with_real_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_chromium()
    port = free_port()
    monkeypatch.setenv("LINLI_OVERLAY_PORT", str(port))
    data = tmp_path / "data"
    for folder in ("k1", "k2"):
        (tmp_path / folder).mkdir()
    with real_kiosk(data, tmp_path / "k1") as clerk:
        go_live(clerk, "B0601")
        clerk.click("live-onair")
        clerk.wait(lambda d: "onair-value" in d["widgets"], "the on-air window")
        shown = watch_onair(clerk, want=3)
        assert len(shown) == 3, shown
        assert all(v.endswith("°Brix") or "%" in v for v, _c in shown), shown
        browser = Browser(f"http://127.0.0.1:{port}/", tmp_path / "chromium")
        try:
            last_code = shown[-1][1].split()[-1]
            browser.wait_for(
                f"document.getElementById('code').textContent.indexOf("
                f"{last_code!r}) >= 0 || document.getElementById('panel')"
                f".getAttribute('data-seq') > 3",
                timeout=15,
            )
            browser.screenshot(tmp_path / "overlay-live.png")
            clerk.proc.kill()  # the kiosk dies (no goodbye to the page)
            clerk.proc.wait(10)
            browser.wait_for(f"{OFFLINE}", timeout=10)
            assert (
                browser.js("getComputedStyle(document.getElementById('reading')).display") == "none"
            )
            with real_kiosk(data, tmp_path / "k2") as again:
                browser.wait_for(f"!{OFFLINE}", timeout=20)  # recovered by itself
                go_live(again, "B0602")
                browser.wait_for(f"{SHOWN}.length > 0 && !{OFFLINE}", timeout=20)
        finally:
            browser.close()
    db = Database(data / DB_FILENAME, migrate=False)
    try:
        with db.session() as s:
            rows = list(s.scalars(select(ReadingRecord).where(ReadingRecord.batch_id == "B0601")))
            codes = {str((r.data.get("signature") or {}).get("short")) for r in rows}
            for _value, code in shown:
                assert code.split()[-1] in codes  # each reading on air is in the ledger
            for r in rows:
                assert r.context == "livestream" and r.instrument_model and r.instrument_serial
                assert verify_in_ledger(s, r.data["signature"]["code"]).valid
    finally:
        db.close()
