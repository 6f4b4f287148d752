"""PICKUP's UI figures (listed in bench/ui.py FIGURES).

1. Scan's last key → verdict painted, p50/p99 over 500 scans on the 1 M-order database of
   bench/ledger.py (built once, cached): each token goes in as real key events on the
   window (QTest on the QWindow, the path X11 keys take), through the scan router and the
   real wedge detector, to the pickup screen; the clock stops at the verdict band's paint.
   Target p99 ≤ 50 ms.
2. The GUI event loop's longest stall while the camera decodes (a real CameraScanner on
   simulated frames), sync runs (the reference server in a subprocess, the kiosk's real
   BackgroundSync pulling 20 000 orders and pushing pickups) and a scale streams (an MT-SICS
   simulator on a pty, a real PortWorker): a 5 ms timer measures how late each tick is.
   60 s; `LINLI_BENCH_SHORT=1` (or `python -m bench.ui_pickup --short`) runs 20 s and says so.
   Target ≤ 50 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCANS = 500
SCAN_TARGET_MS = 50.0
STALL_TARGET_MS = 50.0
PULL_ORDERS = 20_000


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import qt_app

    return qt_app()


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _counter(db: Any, store_id: str, staff: str, data_dir: Path, **kiosk: Any) -> Any:
    """A pickup screen in a window, with the real router and wedge detector."""
    from drivers.scan.wedge import KeyboardWedgeScanner
    from kiosk.context import KioskContext
    from kiosk.session import ClerkSession
    from kiosk.settings import Settings
    from ui.context import UiContext
    from ui.hooks import Hooks
    from ui.pickup.screen import PickupScreen
    from ui.qt import QMainWindow
    from ui.scan_input import ScanRouter
    from ui.tasks import TaskManager

    app = _app()
    settings = Settings(sounds=False, speech=False)
    ctx = KioskContext(data_dir=data_dir, db=db, store_id=store_id, settings=settings, **kiosk)
    session = ClerkSession(db)
    session.login_as(staff)
    ui = UiContext(
        kiosk=ctx, tasks=TaskManager(), hooks=Hooks(), settings=settings, session=session
    )
    wedge = KeyboardWedgeScanner()
    wedge.start()
    router = ScanRouter(ui.hooks, wedge, [wedge, *ctx.scanners])
    router.install(app)
    screen = PickupScreen(ui)
    ui.hooks.scan_did_arrive.connect(screen.on_scan)
    window = QMainWindow()
    window.setCentralWidget(screen)
    window.resize(1366, 700)
    window.show()
    window.activateWindow()
    screen.activated()
    return app, window, screen, ui, router


def scan_to_paint() -> tuple[list[float], int]:
    """Milliseconds from the scan's last key (its Enter) to the painted verdict, per scan."""
    from cryptography.hazmat.primitives import serialization

    from bench.ledger import KID, ORDERS, STORE, bench_dir, build
    from kiosk.db import DB_FILENAME, Database
    from kiosk.platform.identity import get_setting
    from kiosk.verification.tokens import make_payload, sign_token
    from ui.qt import QApplication, QEvent, QKeyEvent, QObject, Qt

    folder = bench_dir()
    db = Database(folder / DB_FILENAME) if (folder / DB_FILENAME).is_file() else None
    if db is not None:
        with db.reader() as s:
            built = get_setting(s, "bench_orders", 0) == ORDERS
        if not built:
            db.close()
            db = None
    if db is None:
        build(folder)
        db = Database(folder / DB_FILENAME)
    key: Any = serialization.load_pem_private_key((folder / "bench-key.pem").read_bytes(), None)
    rng = random.Random(7)
    expiry = int(time.time()) + 86400
    tokens = [
        sign_token(key, make_payload(f"O{rng.randrange(ORDERS):08d}", STORE, "000000", expiry, KID))
        for _ in range(SCANS)
    ]
    app, window, screen, ui, router = _counter(db, STORE, "C1", folder)
    painted: list[tuple[float, int]] = []  # (when, how many verdicts were drawn by then)

    class PaintClock(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append((time.perf_counter(), screen.drawn))
            return False

    clock = PaintClock()
    # the verdict is painted when its band, bin or customer line repaints (a label whose
    # text did not change, e.g. the same verdict twice, is not repainted at all)
    for label in (screen.panel.band, screen.panel.bin, screen.panel.who):
        label.installEventFilter(clock)
    handle = window.windowHandle()

    def key(code: Qt.Key, text: str) -> None:
        """A key as the platform delivers it (to the QWindow, stamped 5 ms after the last);
        not QTest, whose PySide binding drops a reference to None on every call."""
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(stamp[0])
            QApplication.sendEvent(handle, event)
        stamp[0] += 5

    stamp = [1_000_000]
    samples: list[float] = []
    deadline_s = 5.0
    for token in tokens:
        for ch in token:
            key(Qt.Key(ord(ch.upper())) if ch.isalnum() else Qt.Key.Key_Period, ch)
        before = screen.drawn
        painted.clear()
        t0 = time.perf_counter()
        key(Qt.Key.Key_Return, "\r")
        end = t0 + deadline_s
        while time.perf_counter() < end:
            app.processEvents()
            if any(n > before for _t, n in painted):
                break
        hit = [t for t, n in painted if n > before]  # painted after the new verdict was drawn
        samples.append(((hit[0] if hit else end) - t0) * 1000)
    ui.tasks.shutdown()
    router.uninstall(app)
    window.close()
    db.close()
    return samples, SCANS


def report_scan_to_paint() -> None:
    samples, n = scan_to_paint()
    p50, p99 = statistics.median(samples), _pct(samples, 0.99)
    verdict = "ok" if p99 <= SCAN_TARGET_MS else "OVER TARGET"
    print(
        f"scan's last key -> verdict painted, {n} scans, 1,000,000 orders: p50 {p50:.1f} ms, "
        f"p99 {p99:.1f} ms, max {max(samples):.1f} ms (target p99 <= {SCAN_TARGET_MS:g} ms): "
        f"{verdict}",
        flush=True,
    )


def event_loop_stall(
    seconds: float, *, with_sync: bool = True, with_camera: bool = True, with_scale: bool = True
) -> dict[str, float]:
    """The longest lateness of a 5 ms GUI timer while camera, sync and scale all work."""
    from bench.sync import _kiosk, _Server, _store
    from drivers.instruments.registry import get_profile
    from drivers.instruments.simulators import make_simulator
    from drivers.instruments.worker import PortWorker
    from drivers.scan.camera import CameraScanner
    from drivers.scan.simulator import ImageSource
    from kiosk.db import open_database
    from kiosk.platform.identity import get_identity
    from sync.client.background import BackgroundSync
    from ui.qt import QTimer

    tmp = Path(tempfile.mkdtemp(prefix="linli-bench-stall."))
    srv = _Server(f"sqlite:///{tmp / 'server.sqlite3'}", tmp / "server.log")
    stoppers: list[Any] = [srv.stop]
    try:
        (code,) = _store(srv, "STALL", PULL_ORDERS)
        _kiosk(tmp / "kiosk", srv, code).close()
        db = open_database(tmp / "kiosk")
        with db.reader() as s:
            store_id = get_identity(s).store_id or "STALL"
        from kiosk.models import Staff
        from kiosk.platform.changes import ensure_store
        from kiosk.staff import FAST_HASHER, hash_pin

        with db.session() as s:
            ensure_store(s, store_id)
            if s.get(Staff, "BENCH-C") is None:
                s.add(
                    Staff(
                        id="BENCH-C",
                        store_id=store_id,
                        name="压*测",
                        role="clerk",
                        pin_hash=hash_pin("1234", FAST_HASHER),
                    )
                )
        codes = [f"LK1.bench-{i}" for i in range(4)] + ["100001", "100002"]
        camera = CameraScanner(ImageSource.from_tokens(codes, fps=10, repeat=3, blank_between=5))
        sim = make_simulator("mt-sics", tmp / "scale.port")
        sim.start()
        sim.control("weight 0.536")
        scale = PortWorker(get_profile("mt-sics"), str(tmp / "scale.port"), name="scale")
        scale.start()
        sync = BackgroundSync(db, interval_s=1.0)
        app, window, screen, ui, router = _counter(
            db, store_id, "BENCH-C", tmp / "kiosk", scanners=[camera]
        )
        stoppers += [sim.stop, scale.stop, camera.stop, sync.stop]
        if with_camera:
            camera.start()
        if with_sync:
            sync.start()
        if not with_scale:
            scale.stop()
        late: list[float] = []
        last = [time.perf_counter()]
        interval_ms = 5

        def tick() -> None:
            now = time.perf_counter()
            late.append(max(0.0, (now - last[0]) * 1000 - interval_ms))
            last[0] = now

        timer = QTimer()
        timer.setInterval(interval_ms)
        timer.timeout.connect(tick)
        timer.start()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)
        timer.stop()
        drawn = screen.drawn
        with db.reader() as s:
            from sqlalchemy import func, select

            from kiosk.models import Order

            pulled = s.scalar(select(func.count()).select_from(Order)) or 0
        ui.tasks.shutdown()
        router.uninstall(app)
        window.close()
        return {
            "max": max(late),
            "p99": _pct(late, 0.99),
            "ticks": len(late),
            "scans_drawn": drawn,
            "orders_pulled": pulled,
        }
    finally:
        for stop in reversed(stoppers):
            try:
                stop()
            except Exception:
                pass


def report_event_loop_stall() -> None:
    short = os.environ.get("LINLI_BENCH_SHORT") == "1" or "--short" in sys.argv
    seconds = 20.0 if short else 60.0
    r = event_loop_stall(seconds)
    verdict = "ok" if r["max"] <= STALL_TARGET_MS else "OVER TARGET"
    print(
        f"GUI event loop while the camera decodes, sync runs and a scale streams "
        f"({seconds:.0f} s{', SHORT run' if short else ''}): longest stall {r['max']:.1f} ms, "
        f"p99 {r['p99']:.1f} ms over {r['ticks']:.0f} ticks; {r['scans_drawn']:.0f} verdicts "
        f"painted, {r['orders_pulled']:.0f} orders pulled (target <= {STALL_TARGET_MS:g} ms): "
        f"{verdict}",
        flush=True,
    )


def main() -> None:
    report_scan_to_paint()
    report_event_loop_stall()


if __name__ == "__main__":
    main()
