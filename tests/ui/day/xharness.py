"""Real X input against the real kiosk for the day screens: Xvfb on a free display, the app
in a child process (xreal_child.py), xdotool for the scanner (fast typing + Enter) and the
finger (mouse clicks at a widget's real position), a count of every action the clerk took.
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
from typing import Any

import pytest

CHILD = Path(__file__).with_name("xreal_child.py")

# The shared CI box runs several suites at once: xdotool itself can stall for tens of ms
# between two keys of a scan. The store setting for scanners on a slow USB hub gives the
# wedge room (250 ms); a person's typing here is slower still (HUMAN_DELAY_MS a key).
SCANNER_GAP_MS = 250
HUMAN_DELAY_MS = 600


def need_tools() -> None:
    missing = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
    if missing:
        pytest.skip(f"real-window tests need {', '.join(missing)} (scripts/sysdeps.sh installs them)")


def free_display() -> int:
    n = 140 + os.getpid() % 50
    while Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
        n += 1
    return n


@dataclass
class Clerk:
    """The scripted clerk: every scan and every other action goes through here and is counted."""

    display: str
    state_file: Path
    proc: subprocess.Popen[bytes]
    scans: int = 0
    actions: list[str] = field(default_factory=list)

    def _xdo(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, env={**os.environ, "DISPLAY": self.display},
                       timeout=60)

    def state(self) -> dict[str, Any]:
        try:
            doc: dict[str, Any] = json.loads(self.state_file.read_text("utf-8"))
            return doc
        except (OSError, ValueError):
            return {}

    def wait(self, cond: Callable[[dict[str, Any]], bool], what: str, timeout: float = 20) -> dict[str, Any]:
        """Wait on what the screen shows (never a fixed sleep)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the kiosk exited ({self.proc.returncode}) waiting for {what}")
            doc = self.state()
            if doc and cond(doc):
                return doc
            time.sleep(0.02)
        raise AssertionError(f"timed out waiting for {what}; last state: "
                             f"{json.dumps(self.state(), ensure_ascii=False)[:6000]}")

    def text(self, name: str) -> str:
        return str(self.state().get("widgets", {}).get(name, {}).get("text", ""))

    def widget(self, name: str) -> dict[str, Any]:
        doc = self.wait(lambda d: name in d.get("widgets", {}), f"widget {name}")
        w: dict[str, Any] = doc["widgets"][name]
        return w

    # --- what the clerk does ---------------------------------------------------------------

    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: the code typed at 5 ms a key, then Enter."""
        self.scans += 1
        self._xdo("type", "--delay", "5", code)
        self._xdo("key", "Return")

    def tap(self, name: str) -> None:
        w = self.widget(name)
        self.actions.append(f"tap {name}")
        self._xdo("mousemove", str(w["x"]), str(w["y"]))
        self._xdo("click", "1")

    def type_in(self, name: str, text: str) -> None:
        """A person types into a field (tapped first), at a person's pace, then Enter."""
        w = self.widget(name)
        self.actions.append(f"type {name}")
        self._xdo("mousemove", str(w["x"]), str(w["y"]))
        self._xdo("click", "1")
        self._xdo("type", "--delay", str(HUMAN_DELAY_MS), text)
        self._xdo("key", "Return")

    def key(self, keysym: str) -> None:
        """A key the clerk presses (e.g. F2 to open a screen): counted as navigation."""
        self._xdo("key", keysym)


@contextmanager
def real_kiosk(data_dir: Path, tmp: Path, lang: str = "zh_CN") -> Iterator[Clerk]:
    need_tools()
    (data_dir / "settings.toml").write_text(
        f"[scanner]\nmax_gap_ms = {SCANNER_GAP_MS}\n", "utf-8")
    n = free_display()
    display = f":{n}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc: subprocess.Popen[bytes] | None = None
    log = (tmp / "kiosk.log").open("wb")
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise AssertionError("Xvfb did not start")
            time.sleep(0.05)
        state = tmp / "state.json"
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "LINLI_FAST_PIN_HASH": "1", "LINLI_DATA_DIR": str(data_dir)}
        proc = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), str(state), lang],
                                env=env, stdout=log, stderr=subprocess.STDOUT)
        clerk = Clerk(display, state, proc)
        clerk.wait(lambda d: d.get("ready") and d.get("screen"), "the kiosk window", timeout=60)
        # no window manager: give the kiosk window the keyboard as a WM would
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)],
                               env={**os.environ, "DISPLAY": display}, capture_output=True,
                               text=True, timeout=30)
        for window_id in found.stdout.split():
            clerk._xdo("windowfocus", "--sync", window_id)
        clerk._xdo("mousemove", "683", "300")
        clerk.wait(lambda d: d.get("active", True), "the window to be active")
        yield clerk
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        xvfb.terminate()
        xvfb.wait(timeout=10)
        log.close()
