"""Sync benchmark: 10 000 events pushed, 100 000 orders pulled (peak RSS measured in a child
process), and 100 simulated kiosks syncing at once — against the real server process, on
SQLite and (when LINLI_TEST_PG is set) PostgreSQL. Figures are printed, never asserted.

Targets: 10k events ≤ 5 s; 100k orders ≤ 20 s under 200 MB; no errors at 100 kiosks.
`python -m bench.sync gil`: the longest GIL hold a probe thread sees while the background
sync pulls 20 000 orders (it stands in for the GUI thread), ≤ 50 ms.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

REPO = Path(__file__).resolve().parent.parent
PUSH_EVENTS = 10_000
PULL_ORDERS = 100_000
KIOSKS = 100


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Server:
    def __init__(self, db_url: str, log: Path, workers: int = 1) -> None:
        self.db_url, self.port = db_url, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            sys.executable,
            "-m",
            "sync.server",
            "run",
            "--db",
            db_url,
            "--port",
            str(self.port),
            "--threads",
            "64",
            "--workers",
            str(workers),
        ]
        self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=log.open("ab"), stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start; see {log}")

    def admin(self, fn: Any, *args: Any) -> Any:
        from sync.server.db import ServerDatabase

        db = ServerDatabase(self.db_url, pool_size=1)
        try:
            with db.session() as s:
                return fn(s, *args)
        finally:
            db.close()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _store(srv: _Server, store_id: str, orders: int, codes: int = 1) -> list[str]:
    """The store, its orders and `codes` one-use enrollment codes (one per kiosk)."""
    from sync.server import admin

    def setup(s: Any) -> list[str]:
        admin.create_store(s, store_id, f"bench {store_id}")
        admin.bulk_add_orders(s, [_order(store_id, i) for i in range(orders)])
        return [admin.issue_code(s, store_id) for _ in range(codes)]

    return list(srv.admin(setup))


def _order(store_id: str, i: int) -> dict[str, Any]:
    return {
        "id": f"{store_id}-O{i:06d}",
        "store_id": store_id,
        "customer_id": None,
        "customer": {
            "id": f"C{i % 5000:05d}",
            "name_masked": "张*",
            "phone_masked": f"138****{i % 10000:04d}",
            "phone_tail": f"{i % 10000:04d}",
        },
        "leader_id": None,
        "batch_id": None,
        "pickup_code": f"{i % 1000000:06d}",
        "status": "ready",
        "bin_code": f"A-{i % 40:02d}",
        "total_cents": 1990,
        "placed_at": "2026-11-24T02:00:00Z",
        "ready_at": "2026-11-25T01:00:00Z",
        "picked_up_at": None,
        "lines": [
            {
                "sku": f"SKU-{i % 97}",
                "name": "鲜鸡蛋 10枚",
                "qty": 1,
                "unit": "盒",
                "price_cents": 1290,
            },
            {"sku": "MILK-1", "name": "鲜奶 1L", "qty": 1, "unit": "瓶", "price_cents": 700},
        ],
    }


def _kiosk(folder: Path, srv: _Server, code: str) -> Any:
    from kiosk.db import open_database
    from sync.client.setup import enroll_kiosk

    db = open_database(folder)
    enroll_kiosk(db, srv.url, code, folder.name)
    return db


def bench_push(srv: _Server, tmp: Path) -> None:
    from kiosk.ledger.outbox import record_change
    from sync.client.engine import SyncReport
    from sync.client.setup import build_engine, close_engine

    (code,) = _store(srv, "PUSH", 2000)
    db = _kiosk(tmp / "push-kiosk", srv, code)
    with db.session() as s:
        for i in range(PUSH_EVENTS):
            if i % 5 == 0 and i // 5 < 2000:
                payload: dict[str, Any] = {
                    "order_id": f"PUSH-O{i // 5:06d}",
                    "method": "qr",
                    "lines": [
                        {"sku": f"SKU-{(i // 5) % 97}", "qty": 1},
                        {"sku": "MILK-1", "qty": 1},
                    ],
                    "staff_id": "S-1",
                }
                kind = "order.picked_up"
            else:
                payload = {
                    "reading_id": f"R{i}",
                    "kind": "weight",
                    "value": i / 10,
                    "unit": "kg",
                    "operator": "S-1",
                }
                kind = "reading.captured"
            record_change(
                s, actor="S-1", event_type=kind, entity="bench", entity_id=str(i), payload=payload
            )
    engine = build_engine(db, batch_size=200)
    started = time.perf_counter()
    report = SyncReport()
    engine.push(report)
    took = time.perf_counter() - started
    requests_made = getattr(engine.api, "requests_made", -1)
    close_engine(engine)
    db.close()
    print(
        f"  push: {report.pushed} events in {took:.2f} s ({report.pushed / took:.0f}/s), "
        f"{requests_made} requests, results {report.results}  [target ≤ 5 s]",
        flush=True,
    )


def _pull_child(folder: str) -> None:
    """Runs in a fresh process so its peak RSS is the client's own."""
    from kiosk.db import open_database
    from sync.client.engine import SyncReport
    from sync.client.setup import build_engine

    db = open_database(folder)
    engine = build_engine(db, page_size=1000)
    started = time.perf_counter()
    report = SyncReport()
    engine.pull(report)
    took = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": took,
                "changes": report.pulled,
                "pages": report.pages,
                "peak_rss_mb": _peak_rss_mb(),
            }
        )
    )


def _peak_rss_mb() -> float:
    """This process's own high-water RSS. VmHWM, not ru_maxrss: on Linux ru_maxrss carries
    the parent's size over fork+exec, which would charge the benchmark's memory to the client."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_pull(srv: _Server, tmp: Path) -> None:
    t0 = time.perf_counter()
    (code,) = _store(srv, "PULL", PULL_ORDERS)
    loaded = time.perf_counter() - t0
    folder = tmp / "pull-kiosk"
    _kiosk(folder, srv, code).close()
    out = subprocess.run(
        [sys.executable, "-m", "bench.sync", "pull-child", str(folder)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        print(f"  pull: FAILED {out.stderr[-2000:]}")
        return
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"  pull: {r['changes']} changes ({PULL_ORDERS} orders) in {r['seconds']:.1f} s, "
        f"{r['pages']} pages, peak RSS {r['peak_rss_mb']:.0f} MB  [target ≤ 20 s, < 200 MB]"
        f"  (server load {loaded:.1f} s)",
        flush=True,
    )


def _one_kiosk(
    url: str, code: str, latencies: list[tuple[str, float]], errors: list[str], lock: threading.Lock
) -> None:
    from kiosk.ports import utcnow
    from sync.client.http import HttpCentralApi

    def timed(fn: Any, *args: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args)
        except Exception as exc:
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
            return None
        finally:
            with lock:
                latencies.append((getattr(fn, "__name__", "?"), time.perf_counter() - t))

    e = timed(HttpCentralApi(url).enroll, code, "sim")
    if e is None:
        return
    api = HttpCentralApi(url, e.token)
    seq = 0
    for _ in range(3):
        batch = []
        for _ in range(20):
            seq += 1
            batch.append(
                {
                    "event_id": str(uuid.uuid4()),
                    "type": "reading.captured",
                    "store_id": e.store_id,
                    "device_id": e.device_id,
                    "seq": seq,
                    "occurred_at": utcnow().isoformat(),
                    "payload": {
                        "reading_id": f"{e.device_id}-{seq}",
                        "kind": "brix",
                        "value": 12.5,
                        "unit": "°Bx",
                    },
                }
            )
        results = timed(api.push_events, batch)
        if results is not None and any(r.status.value != "accepted" for r in results):
            with lock:
                errors.append("an event was not accepted")
    cursor, more = "0", True
    while more:
        page = timed(api.pull_changes, cursor, 200)
        if page is None:
            return
        cursor, more = page.next_cursor, page.has_more
    api.close()


def _percentiles(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 0.0
    lat = sorted(values)
    return statistics.median(lat) * 1000, lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000


def bench_many(srv: _Server) -> None:
    codes = _store(srv, "MANY", 500, codes=KIOSKS)
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(KIOSKS)

    def run(code: str) -> None:
        barrier.wait()
        _one_kiosk(srv.url, code, latencies, errors, lock)

    threads = [threading.Thread(target=run, args=(c,)) for c in codes]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - started
    p50, p99 = _percentiles([t for _, t in latencies])
    print(
        f"  {KIOSKS} kiosks at once: {len(latencies)} requests in {took:.1f} s, p50 {p50:.0f} "
        f"ms, p99 {p99:.0f} ms, errors {len(errors)}  [target: no errors]",
        flush=True,
    )
    for kind in ("enroll", "push_events", "pull_changes"):
        k50, k99 = _percentiles([t for name, t in latencies if name == kind])
        print(f"    {kind:<12} p50 {k50:.0f} ms, p99 {k99:.0f} ms", flush=True)
    for err in sorted(set(errors))[:5]:
        print(f"    error: {err}")


GIL_PROBE_ORDERS = 20_000


def _gil_probe(stop: threading.Event, late_ms: list[float], interval_s: float = 0.001) -> None:
    """Stands in for the GUI thread: how late a 1 ms sleep wakes up is how long some other
    thread of this process held the GIL."""
    last = time.perf_counter()
    while not stop.is_set():
        time.sleep(interval_s)
        now = time.perf_counter()
        late_ms.append(max(0.0, (now - last - interval_s) * 1000))
        last = now


def bench_gil(
    srv: _Server, tmp: Path, *, page_size: int | None = None, freeze: bool = True
) -> dict[str, float]:
    """The longest GIL hold of the background sync's pull (its page size unless given) of
    20 000 orders, seen by a probe thread in the same process. `freeze` does what
    BackgroundSync.start does first (sync/client/background.py); once per process, so a
    run without it must come first."""
    from sync.client.background import freeze_startup_heap
    from sync.client.engine import SyncReport
    from sync.client.setup import build_engine, close_engine

    name = f"GIL{page_size or 0}{'F' if freeze else ''}"
    (code,) = _store(srv, name, GIL_PROBE_ORDERS)
    db = _kiosk(tmp / f"gil-kiosk-{name}", srv, code)
    engine = build_engine(db) if page_size is None else build_engine(db, page_size=page_size)
    if freeze:
        freeze_startup_heap()
    late: list[float] = []
    stop = threading.Event()
    probe = threading.Thread(target=_gil_probe, args=(stop, late), daemon=True)
    probe.start()
    started = time.perf_counter()
    report = SyncReport()
    try:
        engine.pull(report)
    finally:
        took = time.perf_counter() - started
        stop.set()
        probe.join()
        close_engine(engine)
        db.close()
    late.sort()
    return {
        "max": late[-1],
        "p99": late[int(len(late) * 0.99)],
        "seconds": took,
        "pulled": report.pulled,
        "pages": report.pages,
        "page_size": engine.page_size,
    }


def report_gil(label: str, db_url: str, tmp: Path) -> None:
    tmp = tmp / f"gil-{label}"
    tmp.mkdir()
    srv = _Server(db_url, tmp / "server.log")
    try:
        for freeze in (False, True):  # without the freeze first: it is once per process
            r = bench_gil(srv, tmp, freeze=freeze)
            how = (
                "as the GUI's background sync (heap frozen)"
                if freeze
                else "without the startup-heap freeze"
            )
            print(
                f"  pull {how}: {r['pulled']:.0f} changes, pages of {r['page_size']:.0f}, "
                f"{r['seconds']:.1f} s; longest GIL hold seen by a probe thread "
                f"{r['max']:.1f} ms, p99 {r['p99']:.1f} ms  [target <= 50 ms]",
                flush=True,
            )
    finally:
        srv.stop()


def run_all(label: str, db_url: str, tmp: Path) -> None:
    print(f"-- {label}", flush=True)
    tmp = tmp / label
    tmp.mkdir()
    srv = _Server(db_url, tmp / f"{label}.log")
    try:
        bench_push(srv, tmp)
        bench_pull(srv, tmp)
        bench_many(srv)
    finally:
        srv.stop()
    if label == "sqlite":  # in a child: the freeze is process-wide and once per process
        out = subprocess.run(
            [sys.executable, "-m", "bench.sync", "gil"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        print(out.stdout.rstrip() or f"  gil: FAILED {out.stderr[-2000:]}", flush=True)


def _pg_database(base: str) -> str:
    import psycopg

    name = f"linli_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(
        base.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base.rpartition('/')[0]}/{name}"


def main() -> None:
    os.environ.setdefault("LINLI_SYNC_RETRY", "0.05,1,8")
    print("(figures are noisy on a shared machine; the server runs as a separate process)")
    with tempfile.TemporaryDirectory(prefix="linli-bench-sync-") as tmp:
        root = Path(tmp)
        run_all("sqlite", f"sqlite:///{root / 'server.sqlite3'}", root)
        pg = os.environ.get("LINLI_TEST_PG")
        if pg:
            run_all("postgresql", _pg_database(pg), root)
        else:
            print(
                "-- postgresql: skipped (LINLI_TEST_PG not set; `make bench` sets it when it "
                "can start a PostgreSQL server)"
            )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "pull-child":
        _pull_child(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "gil":
        with tempfile.TemporaryDirectory(prefix="linli-bench-gil-") as tmp:
            report_gil("sqlite", f"sqlite:///{Path(tmp) / 'server.sqlite3'}", Path(tmp))
    else:
        main()
