"""Scan benchmark: decode rate and ms/frame of each QR library alone and of the default
pipeline, on the same freshly generated camera-like frames, on one core.

The frames come from `drivers.scan.corpus` with the bench seed (the tests use another), so
the pipeline is measured on frames it was not tuned on. Run: `python -m bench scan`.
"""

from __future__ import annotations

import os
import time
from collections import Counter

import cv2
import numpy as np

from drivers.scan.corpus import BENCH_SEED, DEGRADATIONS, Frame, generate
from drivers.scan.decoder import BACKENDS, make_decoder

FRAMES = 264  # 24 per degradation


def _pin_to_one_core() -> set[int] | None:
    """Like `taskset -c N`: the figures are per core. Returns the old affinity to restore."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    return before


def _run(name: str, frames: list[Frame]) -> tuple[list[float], list[float], Counter[str]]:
    """Wall-clock and CPU milliseconds per frame, and decoded frames per degradation."""
    decoder = make_decoder(name)
    decoder.decode(frames[0].image)  # warm-up (first-call allocations)
    wall: list[float] = []
    cpu: list[float] = []
    hits: Counter[str] = Counter()
    for frame in frames:
        started, cpu_started = time.perf_counter(), time.thread_time()
        result = decoder.decode(frame.image)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - cpu_started) * 1000)
        if frame.token in result.texts:
            hits[frame.degradation] += 1
    return wall, cpu, hits


def main(count: int = FRAMES, seed: int | None = None) -> None:
    """`SCAN_BENCH_SEED` / `SCAN_BENCH_FRAMES` in the environment pick another corpus."""
    seed = seed if seed is not None else int(os.environ.get("SCAN_BENCH_SEED", BENCH_SEED))
    count = int(os.environ.get("SCAN_BENCH_FRAMES", count))
    cv2.setNumThreads(1)
    before = _pin_to_one_core()
    try:
        started = time.perf_counter()
        frames = list(generate(count, seed))
        print(f"{len(frames)} frames 1280x720 (seed {seed}) generated in "
              f"{time.perf_counter() - started:.1f} s; one core, cv2 threads=1; "
              f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
        per: dict[str, Counter[str]] = {}
        print("\nms = wall clock per frame; cpu = this thread's CPU time (less sensitive to "
              "the machine's load)")
        print(f"{'backend':<12}{'decoded':>9}{'rate':>8}{'median ms':>11}{'p90 ms':>9}"
              f"{'max ms':>9}{'median cpu':>12}{'p90 cpu':>9}")
        for name in ("zxing-cpp", "pyzbar", "opencv", "pipeline"):
            assert name in BACKENDS
            wall, cpu, hits = _run(name, frames)
            per[name] = hits
            rate = sum(hits.values()) / len(frames)
            print(f"{name:<12}{sum(hits.values()):>5}/{len(frames):<3}{rate:>8.1%}"
                  f"{float(np.median(wall)):>11.1f}{float(np.percentile(wall, 90)):>9.1f}"
                  f"{max(wall):>9.1f}{float(np.median(cpu)):>12.1f}"
                  f"{float(np.percentile(cpu, 90)):>9.1f}", flush=True)
        totals = Counter(f.degradation for f in frames)
        names = list(per)
        print("\nper degradation (decoded/frames):")
        print(f"{'degradation':<14}" + "".join(f"{n:>11}" for n in names))
        for d in DEGRADATIONS:
            print(f"{d:<14}" + "".join(f"{per[n][d]:>8}/{totals[d]:<2}" for n in names))
    finally:
        if before is not None:
            os.sched_setaffinity(0, before)


if __name__ == "__main__":
    main()
