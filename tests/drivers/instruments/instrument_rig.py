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
from kiosk.ports import DeviceState, DeviceStatus, Reading

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
        raise AssertionError(
            f"no matching reading within {timeout} s; last seen: {tail}; "
            f"status: {self.worker.status()}"
        )

    def drain(self) -> None:
        """Forget the readings queued so far."""
        while not self.readings.empty():
            self.seen.append(self.readings.get_nowait())

    def wait_connects(self, n: int, timeout: float = 5.0) -> None:
        """Wait until the worker has opened the port `n` times, then forget older readings
        (every reading queued before the n-th open came from an earlier connection)."""
        self.wait_status(lambda _: self.worker.connects >= n, f"{n} connects", timeout)
        self.drain()

    def wait_state(self, state: DeviceState, timeout: float = 5.0) -> None:
        self.wait_status(lambda st: st.state is state, str(state), timeout)

    def wait_status(
        self, pred: Callable[[DeviceStatus], bool], what: str = "the status", timeout: float = 5.0
    ) -> DeviceStatus:
        """Poll the worker's status until `pred` holds (a condition, not a fixed sleep)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.worker.status()
            if pred(status):
                return status
            time.sleep(0.005)
        raise AssertionError(f"worker never reached {what}: {self.worker.status()}")


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
