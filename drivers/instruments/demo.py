"""Simulated instruments for `kiosk run --demo`: a scale, a refractometer and a pesticide
reader on pseudo-terminals, each read by a real port worker. main.py starts it and hands the
workers to the UI as `Instrument`s."""

from __future__ import annotations

import tempfile
from pathlib import Path

from drivers.instruments.registry import get_profile
from drivers.instruments.simulators import Simulator, make_simulator
from drivers.instruments.worker import PortWorker

DEMO = (("scale", "mt-sics"), ("refractometer", "brix"), ("pesticide", "pesticide"))


class DemoInstruments:
    def __init__(self, directory: Path | None = None) -> None:
        self._tmp = None if directory else tempfile.TemporaryDirectory(prefix="linli-demo-")
        base = directory or Path(self._tmp.name if self._tmp else ".")
        self.simulators: dict[str, Simulator] = {}
        self.workers: dict[str, PortWorker] = {}
        for device, protocol in DEMO:
            sim = make_simulator(protocol, base / f"{device}.port")
            self.simulators[device] = sim
            self.workers[device] = PortWorker(
                get_profile(protocol), str(base / f"{device}.port"), name=device
            )
        self.simulators["scale"].control("weight 0.536")
        self.simulators["refractometer"].control("period 3")
        self.simulators["pesticide"].control("period 5")

    def start(self) -> dict[str, PortWorker]:
        for sim in self.simulators.values():
            sim.start()
        for worker in self.workers.values():
            worker.start()
        return self.workers

    def stop(self) -> None:
        for worker in self.workers.values():
            worker.stop()
        for sim in self.simulators.values():
            sim.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
