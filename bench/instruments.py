"""Instrument figures: parse throughput per protocol (framer + parser on a byte stream), and
the latency from a simulator's frame to the worker's reading over a real pseudo-terminal.
Figures only; noisy on a shared machine."""

from __future__ import annotations

import queue
import statistics
import tempfile
import time
from pathlib import Path

from drivers.instruments.framing import Framer
from drivers.instruments.protocols import (
    aclas,
    atago_prm,
    cas,
    continuous,
    mt_sics,
    sim_brix,
    sim_pest,
    toledo_8217,
)
from drivers.instruments.registry import get_profile, profiles
from drivers.instruments.simulators import make_simulator
from drivers.instruments.worker import Backoff, PortWorker
from kiosk.ports import Reading

SAMPLES = {
    "mt-sics": mt_sics.encode_weight("S", "100.00", "g"),
    "toledo-8217": toledo_8217.encode_weight(1.25),
    "cas": cas.encode_weight(True, "001.234"),
    "aclas": aclas.encode_frame("S", " ", "01.234"),
    "continuous": continuous.encode_line("ST", "+  1.234"),
    "atago-prm": atago_prm.encode_line(12.8, 23.4, 1.35203),
    "brix": sim_brix.encode_line(1, 12.8, 23.4),
    "pesticide": sim_pest.encode_result(3, "S0007", 0.512, 0.471, 8.0, "NEG", "2026-06-01T10:15:02Z"),
}


def throughput(name: str, frames: int = 20000) -> float:
    profile = profiles()[name]
    stream = SAMPLES[name] * frames
    framer = Framer(profile.frame_re, profile.max_frame)
    started = time.perf_counter()
    count = 0
    for i in range(0, len(stream), 64):  # 64-byte reads, like a busy UART
        for frame in framer.feed(stream[i:i + 64]):
            if profile.parse(frame, None) is not None:
                count += 1
    elapsed = time.perf_counter() - started
    assert count == frames, (name, count)
    return frames / elapsed


def pty_latency_ms(samples: int = 30) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        sim = make_simulator("brix", Path(tmp) / "refr")
        sim.speaker.period_s = None
        sim.start()
        got: queue.Queue[Reading] = queue.Queue()
        worker = PortWorker(get_profile("brix"), sim.port_name, backoff=Backoff(0.05, 0.2))
        worker.add_listener(got.put)
        worker.start()
        time.sleep(0.3)
        out = []
        try:
            for i in range(samples):
                started = time.perf_counter()
                sim.control(f"brix {10 + i % 5}.1")
                got.get(timeout=5)
                out.append((time.perf_counter() - started) * 1000)
        finally:
            worker.stop()
            sim.stop()
        return out


def main() -> None:
    for name in profiles():
        print(f"parse {name:12s} {throughput(name):>10,.0f} frames/s")
    lat = pty_latency_ms()
    print(f"pty frame→reading latency: median {statistics.median(lat):.1f} ms, "
          f"max {max(lat):.1f} ms over {len(lat)} lines")


if __name__ == "__main__":
    main()
