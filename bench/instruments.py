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
from drivers.instruments.registry import get_profile, profiles
from drivers.instruments.simulators import make_simulator
from drivers.instruments.worker import Backoff, PortWorker
from kiosk.ports import Reading

# literal frames (as in tests/drivers/instruments/reference_frames.py)
SAMPLES = {
    "mt-sics": b"S S     100.00 g\r\n",
    "toledo-8217": b"\x02001.25\r",
    "cas": b"\x01\x02S 001.234kg\x55\x03\x04",
    "aclas": b"\x01\x02S 01.234kg\x66\x03\x04\x20",
    "continuous": b"ST,GS,+  1.234kg\r\n",
    "atago-prm": b"1.35203,12.800,12.800,12.800,012.80,023.40,1\r\n",
    "brix": b"BRX,000123,12.8,%Brix,23.4,ATC,1.35203,OK*14\r\n",
    "pesticide": b"PST,03,S0007,0.512,0.471,8.0,NEG,2026-06-01T10:15:02+08:00*09\r\n",
}


def throughput(name: str, frames: int = 20000) -> float:
    profile = profiles()[name]
    stream = SAMPLES[name] * frames
    framer = Framer(profile.frame_re, profile.max_frame)
    started = time.perf_counter()
    count = 0
    for i in range(0, len(stream), 64):  # 64-byte reads, like a busy UART
        for frame in framer.feed(stream[i : i + 64]):
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


def replug_to_reading_ms(samples: int = 5) -> list[float]:
    """Wall-clock from a replug to the first reading on the new pty (backoff 0.05 → 0.2 s):
    the figure the reconnect tests used to sleep for, measured here instead."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        sim = make_simulator("continuous", Path(tmp) / "scale")
        sim.start()
        got: queue.Queue[Reading] = queue.Queue()
        worker = PortWorker(get_profile("continuous"), sim.port_name, backoff=Backoff(0.05, 0.2))
        worker.add_listener(got.put)
        worker.start()
        try:
            got.get(timeout=5)
            for _ in range(samples):
                sim.unplug()
                connects = worker.connects
                while not worker.status().message.startswith("Cannot open"):
                    time.sleep(0.005)
                started = time.perf_counter()
                sim.replug()
                while worker.connects == connects:
                    time.sleep(0.001)
                while not got.empty():
                    got.get_nowait()
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
    print(
        f"pty frame→reading latency: median {statistics.median(lat):.1f} ms, "
        f"max {max(lat):.1f} ms over {len(lat)} lines"
    )
    rep = replug_to_reading_ms()
    print(
        f"replug→first reading: median {statistics.median(rep):.0f} ms, "
        f"max {max(rep):.0f} ms over {len(rep)} replugs (backoff 0.05→0.2 s)"
    )


if __name__ == "__main__":
    main()
