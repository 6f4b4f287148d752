"""The simulator engine: a thread that owns a `PtyPort`, answers the host through a protocol
`Speaker`, emits active frames at the speaker's rate, and takes text control commands
(`weight 1.234`, `unstable`, `overload`, `unplug`, `noise`...) from tests, the CLI or a person.
"""

from __future__ import annotations

import os
import select
import threading
import time
from pathlib import Path

from drivers.instruments.simulators.pty_port import PtyPort

COMMON_HELP = "unplug | replug | noise [N] | send HEX | help"


class Speaker:
    """One protocol's voice. Subclasses override what they speak."""

    protocol = ""
    period_s: float | None = None  # active frames every period (None: only answers)

    def on_bytes(self, data: bytes) -> bytes:
        """Host bytes in → reply bytes out."""
        return b""

    def tick(self) -> bytes:
        """The next active frame (when period_s is set)."""
        return b""

    def due(self) -> bytes:
        """Bytes to send now whatever the period (a measurement someone just asked for)."""
        return b""

    def control(self, cmd: str, args: list[str]) -> str | None:
        """Handle a control command; a sentence for the person, or None when unknown."""
        return None

    def help(self) -> str:
        return ""


class Simulator:
    def __init__(self, speaker: Speaker, link: Path | None = None) -> None:
        self.speaker = speaker
        self.port = PtyPort(link)
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.received = bytearray()  # every byte the host sent, for tests

    def start(self) -> str:
        with self._lock:
            self.port.plug()
        self._thread = threading.Thread(
            target=self._run, name=f"sim-{self.speaker.protocol}", daemon=True
        )
        self._thread.start()
        return self.port.port_name

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
        with self._lock:
            self.port.unplug()

    def __enter__(self) -> Simulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port_name(self) -> str:
        return self.port.port_name

    @property
    def pty_path(self) -> str | None:
        return self.port.path

    def unplug(self) -> None:
        with self._lock:
            self.port.unplug()

    def replug(self) -> str:
        with self._lock:
            return self.port.plug()

    def send(self, data: bytes) -> None:
        with self._lock:
            self.port.write(data)

    def noise(self, n: int = 24) -> None:
        self.send(os.urandom(n))

    def control(self, line: str) -> str:
        """One text command → a sentence saying what happened."""
        words = line.strip().split()
        if not words:
            return ""
        cmd, args = words[0].lower(), words[1:]
        if cmd == "unplug":
            self.unplug()
            return "unplugged (the port is gone)"
        if cmd == "replug":
            return f"replugged at {self.replug()}"
        if cmd == "noise":
            self.noise(int(args[0]) if args else 24)
            return "sent noise"
        if cmd == "send":
            self.send(bytes.fromhex("".join(args)))
            return "sent bytes"
        if cmd == "help":
            return f"{self.speaker.help()} | {COMMON_HELP}"
        with self._lock:
            answer = self.speaker.control(cmd, args)
        return answer if answer is not None else f"unknown command {cmd!r}; try: help"

    def _run(self) -> None:
        next_tick = time.monotonic()
        while not self._stop.is_set():
            master = self.port.master
            if master is None:
                time.sleep(0.02)
                continue
            try:
                ready, _, _ = select.select([master], [], [], 0.01)
            except (OSError, ValueError):
                ready = []
            with self._lock:
                if ready:
                    data = self.port.read()
                    if data:
                        self.received += data
                        self.port.write(self.speaker.on_bytes(data))
                urgent = self.speaker.due()
                if urgent:
                    self.port.write(urgent)
                period = self.speaker.period_s
                if period is not None and time.monotonic() >= next_tick:
                    next_tick = time.monotonic() + period
                    if self.port.plugged:
                        self.port.write(self.speaker.tick())
