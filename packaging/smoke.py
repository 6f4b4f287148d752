"""Smoke test of the frozen program (dist/linli-kiosk/): `--version`, `demo-data`, `verify`,
`backup`, `doctor`, then `run --demo` until its window is up.

How "the window is up" is seen: on a virtual X screen (Xvfb, when installed) the test waits
for a visible window of the program titled "邻里自提点" ("Linli Kiosk" in English; xdotool),
the shell whose first screen is the login (with --demo, the logged-in pickup screen). Without Xvfb it runs
offscreen and waits for the kiosk's own log line "… starting; data dir" plus 15 s alive
without a traceback (weaker; says so). Usage: smoke.py DIST_DIR [BUILD_STAMP].
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLES = ("邻里自提点", "Linli Kiosk")  # the shell's title in zh_CN (default) and en


def _run(
    exe: Path, *args: str, env: dict[str, str], ok: tuple[int, ...] = (0,)
) -> subprocess.CompletedProcess[str]:
    started = time.perf_counter()
    out = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300, env=env)
    print(
        f"  kiosk {args[0]}: exit {out.returncode} ({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    if out.returncode not in ok:
        raise SystemExit(f"FAILED: kiosk {' '.join(args)}\n{out.stdout}\n{out.stderr}")
    return out


def _wait(predicate: object, timeout: float, proc: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.5)
    return False


def gui(exe: Path, data: Path, env: dict[str, str]) -> str:
    """Start `kiosk run --demo`, wait for its window, stop it; returns how it was seen."""
    xvfb = shutil.which("Xvfb")
    xdotool = shutil.which("xdotool")
    server = None
    genv = dict(env)
    if xvfb and xdotool:
        n = 120
        while Path(f"/tmp/.X{n}-lock").exists():
            n += 1
        server = subprocess.Popen(
            [xvfb, f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        genv.update(DISPLAY=f":{n}", QT_QPA_PLATFORM="xcb")
    else:
        genv["QT_QPA_PLATFORM"] = "offscreen"
    log = data / "logs" / "kiosk.log"
    proc = subprocess.Popen(
        [str(exe), "run", "--demo", "--data-dir", str(data)],
        env=genv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        if server is not None:

            def window() -> bool:
                found = subprocess.run(
                    [xdotool, "search", "--onlyvisible", "--classname", "kiosk"],
                    env=genv,
                    capture_output=True,
                    text=True,
                )
                for wid in found.stdout.split():
                    name = subprocess.run(
                        [xdotool, "getwindowname", wid], env=genv, capture_output=True, text=True
                    ).stdout.strip()
                    if name in TITLES:
                        return True
                return False

            seen = _wait(window, 120, proc)
            how = f"window titled {' or '.join(TITLES)} visible on Xvfb"
        else:
            seen = (
                _wait(lambda: log.exists() and "starting; data dir" in log.read_text(), 120, proc)
                and not _wait(lambda: False, 15, proc)
                and proc.poll() is None
            )
            how = "offscreen: log line 'starting' and 15 s alive (no window check)"
        if not seen:
            proc.kill()
            out, err = proc.communicate(timeout=30)
            raise SystemExit(
                f"FAILED: the GUI did not come up ({how})\n{out.decode()[-3000:]}"
                f"\n{err.decode()[-3000:]}"
            )
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return how
    finally:
        if proc.poll() is None:
            proc.kill()
        if server is not None:
            server.terminate()
            server.wait()


def main(dist: Path, build: str | None) -> int:
    exe = dist / ("kiosk.exe" if os.name == "nt" else "kiosk")
    data = Path(tempfile.mkdtemp(prefix="linli-smoke-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LINLI_", "PYTHON"))}
    env["LINLI_DATA_DIR"] = str(data)
    try:
        version = _run(exe, "--version", env=env).stdout.strip()
        print(f"  {version}")
        if build and build not in version:
            raise SystemExit(f"FAILED: --version says {version!r}, expected build {build}")
        _run(exe, "demo-data", "--orders", "20", "--json", env=env)
        manifest = json.loads((data / "demo" / "manifest.json").read_text("utf-8"))
        tokens = json.loads((data / "demo" / "tokens.json").read_text("utf-8"))
        ready = manifest["orders"]["ready"][0]["order_id"]
        verdict = json.loads(_run(exe, "verify", tokens[ready], "--json", env=env).stdout)
        if verdict.get("verdict") != "ready":
            raise SystemExit(f"FAILED: verify gave {verdict}")
        backup = json.loads(_run(exe, "backup", "--json", env=env).stdout)
        if not backup.get("verified"):
            raise SystemExit(f"FAILED: backup {backup}")
        doctor = _run(exe, "doctor", "--json", env=env, ok=(0, 1)).stdout.splitlines()
        checks = [json.loads(line)["check"] for line in doctor]
        if "database" not in checks or "migrations" not in checks:
            raise SystemExit(f"FAILED: doctor said {doctor}")
        how = gui(exe, data, env)
        print(f"  run --demo: {how}")
        log = (data / "logs" / "kiosk.log").read_text("utf-8")
        if version.split(" (")[0] not in log:
            raise SystemExit("FAILED: the log does not name the version")
        print("smoke test: ok")
        return 0
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None))
