"""The one real-window harness (pickup, login, the day screens, live, inspection use it): Xvfb
on a free display, the real kiosk in a child process (xreal_app.py), xdotool for real X input
(a scanner typing at 5 ms a key, a person at 150-600 ms, mouse clicks at a widget's real
position), every action counted. `screenshot()` uses ImageMagick's `import` when present.
Reads the ledger (SQLite, WAL) from the test process while the kiosk runs.

    with real_kiosk(data_dir, tmp_path) as k:
        k.scan(token); k.key("Return"); k.wait(lambda s: ..., "picked up")

Xvfb and the kiosk are stopped in a `finally` whatever fails on the way (the log file, Xvfb's
start, the window): a leaked X server would hold its display for every later run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pytest

APP = Path(__file__).with_name("xreal_app.py")
ROOT = Path(__file__).resolve().parents[3]

# The shared CI box runs several suites at once: xdotool itself can stall for tens of ms
# between two keys of a scan. The store setting for scanners on a slow USB hub gives the
# wedge room (SCANNER_GAP_MS, what `real_kiosk(scanner_gap_ms=...)` writes); a person's
# typing into a field is slower still (HUMAN_DELAY_MS a key).
SCANNER_GAP_MS = 250
HUMAN_DELAY_MS = 600


def need_tools() -> None:
    missing = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
    if missing:
        pytest.skip(
            f"real-window tests need {', '.join(missing)} (scripts/sysdeps.sh installs them)"
        )


def free_display() -> int:
    n = 200 + os.getpid() % 50
    while Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
        n += 1
    return n


@dataclass
class RealKiosk:
    """The kiosk window on a real X server, and everything a person does to it (counted)."""

    display: str
    state_file: Path
    proc: subprocess.Popen[bytes]
    data_dir: Path
    actions: list[str] = field(default_factory=list)

    @property
    def scans(self) -> int:
        """How many codes the scanner sent."""
        return self.actions.count("scan")

    def xdo(self, *args: str) -> None:
        subprocess.run(
            ["xdotool", *args], check=True, env={**os.environ, "DISPLAY": self.display}, timeout=120
        )

    def state(self) -> dict[str, Any]:
        try:
            doc: dict[str, Any] = json.loads(self.state_file.read_text("utf-8"))
            return doc
        except (OSError, ValueError):
            return {}

    def wait(
        self, cond: Callable[[dict[str, Any]], bool], what: str, timeout: float = 30
    ) -> dict[str, Any]:
        """Wait on what the window shows (a condition, never a fixed sleep)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"the kiosk exited ({self.proc.returncode}) waiting for {what}"
                )
            doc = self.state()
            if doc and cond(doc):
                return doc
            time.sleep(0.02)
        raise AssertionError(
            f"timed out waiting for {what}; last state: "
            f"{json.dumps(self.state(), ensure_ascii=False)[:4000]}"
        )

    def widget(self, name: str) -> dict[str, Any]:
        doc = self.wait(lambda d: name in d.get("widgets", {}), f"widget {name}")
        w: dict[str, Any] = doc["widgets"][name]
        return w

    def text(self, name: str) -> str:
        return str(self.state().get("widgets", {}).get(name, {}).get("text", ""))

    def pickup(self) -> dict[str, Any]:
        p: dict[str, Any] = self.state().get("pickup", {})
        return p

    def settled(self, after: int) -> Callable[[dict[str, Any]], bool]:
        """The pickup screen painted something after `after` and has nothing in flight."""
        return lambda d: (
            d.get("pickup", {}).get("drawn", 0) > after
            and d.get("pickup", {}).get("pending", 1) == 0
        )

    # --- what a person (or a scanner) does ----------------------------------------------
    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: the code typed at 5 ms a key, then Enter."""
        self.actions.append("scan")
        self.xdo("type", "--delay", "5", code)
        self.xdo("key", "Return")

    def type_slowly(self, text: str, delay_ms: int = 200) -> None:
        self.actions.append(f"type {text}")
        self.xdo("type", "--delay", str(delay_ms), text)

    def key(self, keysym: str) -> None:
        self.actions.append(f"key {keysym}")
        self.xdo("key", keysym)

    def click(self, name: str) -> None:
        w = self.widget(name)
        self.actions.append(f"click {name}")
        self.xdo("mousemove", str(w["x"]), str(w["y"]))
        self.xdo("click", "1")

    def type_in(self, name: str, text: str, delay_ms: int = HUMAN_DELAY_MS) -> None:
        """A person taps a field, types into it at a person's pace, then Enter: one action."""
        w = self.widget(name)
        self.actions.append(f"type {name}")
        self.xdo("mousemove", str(w["x"]), str(w["y"]))
        self.xdo("click", "1")
        self.xdo("type", "--delay", str(delay_ms), text)
        self.xdo("key", "Return")

    def screenshot(self, path: Path) -> bool:
        """The whole X screen as a PNG (ImageMagick `import`), False when not installed."""
        if shutil.which("import") is None:
            return False
        subprocess.run(
            ["import", "-window", "root", str(path)],
            check=True,
            env={**os.environ, "DISPLAY": self.display},
            timeout=60,
        )
        return True


def demo_store(path: Path) -> Path:
    """A demo data directory (store, orders, signed tokens in demo/tokens.json)."""
    from kiosk.cli.core import ensure_demo_store

    old = os.environ.get("LINLI_FAST_PIN_HASH")
    os.environ["LINLI_FAST_PIN_HASH"] = "1"
    try:
        ensure_demo_store(path)
    finally:
        if old is None:
            os.environ.pop("LINLI_FAST_PIN_HASH", None)
    return path


def write_scanner_gap(data_dir: Path, gap_ms: int) -> None:
    """The store's settings.toml with only the scanner's gap between keys of one scan."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(f"[scanner]\nmax_gap_ms = {gap_ms}\n", "utf-8")


def stop(proc: subprocess.Popen[bytes] | None, timeout: float) -> None:
    """Terminate a child, kill it when it does not go in `timeout` seconds, and reap it."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def real_kiosk(
    data_dir: Path,
    tmp: Path,
    lang: str = "zh_CN",
    size: tuple[int, int] = (1366, 768),
    scanner_gap_ms: int | None = None,
) -> Iterator[RealKiosk]:
    """The kiosk on `data_dir` (a demo store is made there when it is empty) on its own X
    display; `scanner_gap_ms` writes settings.toml's [scanner] max_gap_ms first (the file
    is replaced). The kiosk's output goes to `tmp`/kiosk.log."""
    need_tools()
    if scanner_gap_ms is not None:
        write_scanner_gap(data_dir, scanner_gap_ms)
    n = free_display()
    display = f":{n}"
    xvfb: subprocess.Popen[bytes] | None = None
    proc: subprocess.Popen[bytes] | None = None
    log: BinaryIO | None = None
    try:
        xvfb = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        log = (tmp / "kiosk.log").open("wb")
        deadline = time.monotonic() + 15
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise AssertionError("Xvfb did not start")
            time.sleep(0.05)
        state = tmp / "xreal-state.json"
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "LINLI_FAST_PIN_HASH": "1",
            "LINLI_DATA_DIR": str(data_dir),
        }
        proc = subprocess.Popen(
            [sys.executable, str(APP), str(data_dir), str(state), lang],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        kiosk = RealKiosk(display, state, proc, data_dir)
        kiosk.wait(lambda d: d.get("ready") and d.get("screen"), "the kiosk window", timeout=90)
        # no window manager: give the kiosk window the keyboard, as a WM would
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
            timeout=30,
        )
        for window_id in found.stdout.split():
            kiosk.xdo("windowfocus", "--sync", window_id)
        kiosk.xdo("mousemove", str(size[0] // 2), "20")
        kiosk.wait(lambda d: d.get("active", True), "the window to be active")
        yield kiosk
    finally:
        try:
            stop(proc, 20)
        finally:
            try:
                stop(xvfb, 10)
            finally:
                if log is not None:
                    log.close()
