"""Printing figures: render time and bytes per document, preview time, a queued receipt
through the virtual printer over TCP, and how long queueing a slip takes while the printer is
out of paper (a wall-clock figure, so here and not in the tests). Noisy on a shared machine;
read as orders of magnitude."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from drivers.printer.device import EscposPrinter
from drivers.printer.render import render_bytes
from drivers.printer.virtual import VirtualPrinter
from kiosk.db import Database
from kiosk.ports import CjkMode, PaperStatus, PaperWidth, PrintOptions, QrMode
from kiosk.printing.demo import DEMOS
from kiosk.printing.preview import preview_png
from kiosk.printing.queue import PrintDispatcher, PrintQueue


def _ms(fn: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    print(f"{'document':<10}{'paper':>6}{'mode':>8}{'bytes':>9}{'render ms':>11}")
    for kind, build in DEMOS.items():
        doc = build()
        for paper in PaperWidth:
            for cjk in CjkMode:
                opts = PrintOptions(
                    paper, cjk, QrMode.IMAGE if cjk is CjkMode.RASTER else QrMode.NATIVE
                )
                size = len(render_bytes(doc, opts))
                ms = _ms(lambda d=doc, o=opts: render_bytes(d, o))
                print(f"{kind:<10}{paper.value:>6}{cjk.value:>8}{size:>9}{ms:>11.1f}")
    receipt = DEMOS["receipt"]()
    print(
        f"preview PNG of the 80 mm receipt: {_ms(lambda: preview_png(receipt, PaperWidth.MM80)):.1f} ms"
    )

    with tempfile.TemporaryDirectory() as tmp:
        vp = VirtualPrinter(0, None, PaperWidth.MM80).start()
        db = Database(Path(tmp) / "kiosk.sqlite3")
        try:
            queue = PrintQueue(db)
            dispatcher = PrintDispatcher(queue, EscposPrinter(vp.uri, timeout=2.0))
            n = 20
            for _ in range(n):
                queue.enqueue(receipt)
            start = time.perf_counter()
            result = dispatcher.run_once()
            took = time.perf_counter() - start
            print(
                f"queue → virtual printer over TCP: {result.printed} receipts in {took:.2f} s "
                f"({took / max(result.printed, 1) * 1000:.0f} ms each, incl. status round-trips)"
            )
            # the pickup never waits on the printer: queueing while it is out of paper and
            # the dispatcher keeps retrying in the background (target: well under 1 s)
            vp.set_paper(PaperStatus.OUT)
            dispatcher = PrintDispatcher(
                queue, EscposPrinter(vp.uri, timeout=2.0), retry_seconds=0.05, max_retry_seconds=0.1
            )
            dispatcher.start()
            waits = []
            try:
                for _ in range(20):
                    start = time.perf_counter()
                    queue.enqueue(receipt)
                    waits.append((time.perf_counter() - start) * 1000)
            finally:
                dispatcher.stop()
            worst = max(waits)
            print(
                f"queueing a slip while the printer is out of paper: median "
                f"{statistics.median(waits):.1f} ms, max {worst:.1f} ms "
                f"(target < 1000 ms: {'ok' if worst < 1000 else 'MISSED'})"
            )
        finally:
            db.close()
            vp.stop()
