"""UI benchmark (`python -m bench ui`).

SHELL's figure: cold start to the login screen (target ≤ 1.5 s): a fresh Python process
runs what `kiosk run` runs (imports, main.build_context on a configured data dir, the shell)
until the login screen has painted; the clock starts before the process is spawned, so the
interpreter's own start-up is included. Offscreen, no demo devices (a configured kiosk with
no hardware in its settings.toml), repeated to show the spread.

PICKUP adds its figures here as their own functions, listed in FIGURES.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLD_START_TARGET_S = 1.5
COLD_START_RUNS = 5

CHILD = r"""
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
import main
from ui.app import UiApp, qt_app
from ui.qt import QEvent, QObject, QTimer

path = Path({data!r})
kiosk = main.build_context(path, demo=False)
app = qt_app()
ui = UiApp(kiosk, app)
login = ui.window.login

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is login:
            print("PAINTED", time.time(), flush=True)
            QTimer.singleShot(0, app.quit)
        return False

painted = Painted()
login.installEventFilter(painted)
ui.show()
QTimer.singleShot(10000, app.quit)
app.exec()
ui.shutdown()
kiosk.close()
"""


def _data_dir() -> Path:
    """A configured kiosk (demo store, no devices in settings.toml), made once."""
    folder = Path(os.environ.get("LINLI_BENCH_DIR", tempfile.gettempdir())) / "linli-bench-ui"
    if not (folder / "kiosk.sqlite3").is_file():
        from kiosk.cli.core import ensure_demo_store

        ensure_demo_store(folder)
    return folder


def cold_start() -> tuple[list[float], list[float]]:
    """Seconds from spawning the process to the painted login screen, per run, and the CPU
    seconds the process used (less sensitive to a busy machine than the wall clock)."""
    data = _data_dir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    script = CHILD.format(root=str(ROOT), data=str(data))
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(COLD_START_RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        line = next((x for x in out.stdout.splitlines() if x.startswith("PAINTED")), None)
        if line is None:
            raise RuntimeError(f"the login screen never painted:\n{out.stderr[-2000:]}")
        times.append(float(line.split()[1]) - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times, cpu


def report_cold_start() -> None:
    times, cpu = cold_start()
    median, worst = statistics.median(times), max(times)
    verdict = "ok" if median <= COLD_START_TARGET_S else "OVER TARGET"
    load = os.getloadavg()[0]
    print(
        f"cold start to the login screen: median {median:.2f} s, worst {worst:.2f} s "
        f"over {len(times)} runs (target <= {COLD_START_TARGET_S} s): {verdict}; "
        f"CPU {statistics.median(cpu):.2f} s per start; load average {load:.1f} "
        f"on {os.cpu_count()} CPUs"
    )


from bench.ui_pickup import report_event_loop_stall, report_scan_to_paint  # noqa: E402

FIGURES: list[Callable[[], None]] = [
    report_cold_start,
    report_scan_to_paint,
    report_event_loop_stall,
]


def main() -> None:
    for figure in FIGURES:
        figure()


run = main


if __name__ == "__main__":
    main()
