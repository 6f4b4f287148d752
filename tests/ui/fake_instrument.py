"""An instrument as a screen sees it (kiosk.ports.Instrument: status, serial, listeners) that
emits each reading from its own thread, as a real driver's worker does: the live and the
inspection screens' tests feed readings through it."""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.ports import DeviceState, DeviceStatus, Reading, StatusBoard


class FakeInstrument:
    def __init__(self, name: str) -> None:
        self.board = StatusBoard(name, DeviceState.ONLINE)
        self.listeners: list[Callable[[Reading], None]] = []
        self.serial = f"SN-{name}"

    def status(self) -> DeviceStatus:
        return self.board.current

    def add_listener(self, listener: Callable[[Reading], None]) -> None:
        self.listeners.append(listener)

    def emit(self, reading: Reading) -> None:
        t = threading.Thread(target=lambda: [f(reading) for f in self.listeners])
        t.start()
        t.join()
