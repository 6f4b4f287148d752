"""Test rig: a protocol's simulator on a real pseudo-terminal, the real port worker (pyserial)
on the other end, and a queue of the readings it reports."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from drivers.instruments.registry import get_profile
from drivers.instruments.simulators import Simulator, make_simulator
from drivers.instruments.worker import Backoff, PortWorker
from kiosk.ports import DeviceState, Reading

SCALES = ("mt-sics", "toledo-8217", "cas", "aclas", "continuous")


@dataclass
class Rig:
    sim: Simulator
    worker: PortWorker
    readings: queue.Queue[Reading]
    seen: list[Reading] = field(default_factory=list)

    def wait_for(self, pred: Callable[[Reading], bool], timeout: float = 5.0) -> Reading:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                reading = self.readings.get(timeout=0.05)
            except queue.Empty:
                continue
            self.seen.append(reading)
            if pred(reading):
                return reading
        tail = [(r.status.value, r.value, r.stable, r.raw) for r in self.seen[-5:]]
        raise AssertionError(f"no matching reading within {timeout} s; last seen: {tail}; "
                             f"status: {self.worker.status()}")

    def settle(self) -> None:
        """Forget readings taken before a control change."""
        time.sleep(0.15)
        while not self.readings.empty():
            self.seen.append(self.readings.get_nowait())

    def wait_state(self, state: DeviceState, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.worker.status().state is state:
                return
            time.sleep(0.01)
        raise AssertionError(f"worker never reached {state}: {self.worker.status()}")


@contextmanager
def rig(protocol: str, tmp_path: Path, *, line_period: float = 0.05) -> Iterator[Rig]:
    sim = make_simulator(protocol, tmp_path / f"{protocol}.port")
    if protocol not in SCALES:
        sim.speaker.period_s = line_period
    sim.start()
    profile = get_profile(protocol, poll_interval_s=0.03)
    worker = PortWorker(profile, sim.port_name, backoff=Backoff(0.05, 0.3))
    got: queue.Queue[Reading] = queue.Queue()
    worker.add_listener(got.put)
    worker.start()
    try:
        yield Rig(sim, worker, got)
    finally:
        worker.stop()
        sim.stop()
