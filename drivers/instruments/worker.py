"""The one generic port worker: owns the serial port in its own thread, polls or listens,
frames and parses bytes, gates scale stability, reports typed readings, and reconnects with
capped backoff when the port disappears (unplugged cable, simulator closed) — by itself.

The port URL goes to pyserial's `serial_for_url`, so `/dev/ttyUSB0`, `/dev/pts/N`, a
simulator's stable symlink, `loop://` and `socket://` all work.
"""

from __future__ import annotations

import errno
import logging
import os
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import serial

from drivers.instruments.common import Profile
from drivers.instruments.framing import Framer
from drivers.instruments.stability import StabilityGate
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.ports import DeviceState, DeviceStatus, Reading, ReadingStatus, StatusBoard

log = logging.getLogger(__name__)
# termios.error is what pyserial lets through when the line settings are refused
PORT_ERRORS = (serial.SerialException, OSError, ValueError, termios.error)


@dataclass(frozen=True, slots=True)
class Backoff:
    first_s: float = 0.5
    cap_s: float = 10.0
    factor: float = 2.0

    def next(self, delay_s: float) -> float:
        """The wait after `delay_s`: `factor` times longer, never past `cap_s`."""
        return min(delay_s * self.factor, self.cap_s)


DEFAULT_BACKOFF = Backoff()


def open_port(profile: Profile, url: str, timeout_s: float | None = None) -> serial.SerialBase:
    """Open `url` with the profile's serial settings (raises the pyserial/OS error).

    A pseudo-terminal carries no parity, and Linux sometimes refuses (EINVAL) to set 7E1/8O1
    on one a second time; for a pty only, such a refusal is retried as 8N1 — the bytes are
    the same (simulators keep 7-bit protocols 7-bit). Real UARTs always get the profile's.
    """
    timeout = profile.read_timeout_s if timeout_s is None else timeout_s
    try:
        return serial.serial_for_url(
            url,
            baudrate=profile.baudrate,
            bytesize=profile.bytesize,
            parity=profile.parity,
            stopbits=profile.stopbits,
            timeout=timeout,
            write_timeout=1.0,
        )
    except PORT_ERRORS as exc:
        plain_line = (profile.bytesize, profile.parity) == (8, "N")
        if plain_line or _errno(exc) != errno.EINVAL or not _is_pty(url):
            raise
        return serial.serial_for_url(
            url, baudrate=profile.baudrate, timeout=timeout, write_timeout=1.0
        )


def _is_pty(url: str) -> bool:
    return os.path.realpath(url).startswith("/dev/pts/")


def _errno(exc: BaseException) -> int | None:
    code = getattr(exc, "errno", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]  # termios.error carries (errno, message) as plain args
    return code if isinstance(code, int) else None


def probe_port(profile: Profile, url: str, timeout_s: float = 1.0) -> bool:
    """Ask "are you there?" with the profile's probe bytes (Toledo `Ehello`, MT-SICS `I4`);
    True when the expected reply comes back. Tells which device sits on a port."""
    if profile.probe is None or not profile.probe_reply:
        return False
    port = open_port(profile, url, timeout_s=0.05)
    try:
        port.reset_input_buffer()
        port.write(profile.probe)
        seen = b""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            seen += port.read(port.in_waiting or 1)
            if profile.probe_reply in seen:
                return True
        return False
    finally:
        port.close()


class PortWorker:
    """An `Instrument` (kiosk.ports): start(), stop(), status(), add_listener(), command()."""

    def __init__(
        self,
        profile: Profile,
        url: str,
        *,
        name: str | None = None,
        backoff: Backoff = DEFAULT_BACKOFF,
        gate_n: int = 3,
        division_g: float | None = None,
        poll_interval_s: float | None = None,
    ) -> None:
        self.profile = profile
        self.url = url
        self.board = StatusBoard(name or profile.name, DeviceState.DISABLED, "Not started.")
        self._backoff = backoff
        self._gate = StabilityGate(gate_n, division_g, has_flag=profile.stable_flag)
        self._poll_every = (
            poll_interval_s if poll_interval_s is not None else profile.poll_interval_s
        )
        self._listeners: list[Callable[[Reading], None]] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._outgoing: list[bytes] = []
        self._thread: threading.Thread | None = None
        self.connects = 0  # successful opens, for status pages and tests

    # --- the Instrument port -------------------------------------------------------------
    def status(self) -> DeviceStatus:
        return self.board.current

    def add_listener(self, listener: Callable[[Reading], None]) -> None:
        self._listeners.append(listener)

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self.board.set(
            DeviceState.CONNECTING,
            f"Opening {self.profile.label} on {self.url}…",
            code="instrument_opening",
        )
        self._thread = threading.Thread(
            target=self._run, name=f"instrument-{self.profile.name}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
        self.board.set(DeviceState.DISABLED, "Stopped.", code="stopped")

    def command(self, name: str) -> None:
        """Queue a protocol command (zero, tare, clear…); sent by the worker thread."""
        data = self.profile.command_bytes(name)
        if data is None:
            known = ", ".join(n for n, _ in self.profile.commands) or "none"
            raise DeviceError(
                DeviceErrorKind.CONFIG,
                f"{self.profile.label} has no '{name}' command (it has: {known}).",
            )
        with self._lock:
            self._outgoing.append(data)

    # --- the thread ----------------------------------------------------------------------
    def _run(self) -> None:
        delay = self._backoff.first_s
        while not self._stop.is_set():
            try:
                port = open_port(self.profile, self.url)
            except PORT_ERRORS as exc:
                self.board.set(
                    DeviceState.OFFLINE,
                    f"Cannot open {self.url}: {plain_port_error(exc)}. Retrying in {delay:g} s.",
                    error=str(exc),
                    code="instrument_missing",
                )
                self._stop.wait(delay)
                delay = self._backoff.next(delay)
                continue
            self.connects += 1
            self.board.set(
                DeviceState.WAITING,
                f"Connected to {self.url}; waiting for the first reading.",
                code="instrument_waiting",
            )
            try:
                if self._talk(port):
                    delay = self._backoff.first_s
            except Exception as exc:  # port errors, and any surprise: reconnect, never die
                if not isinstance(exc, PORT_ERRORS):
                    log.exception("instrument worker %s failed; reconnecting", self.profile.name)
                self.board.set(
                    DeviceState.OFFLINE,
                    f"Lost {self.profile.label} on {self.url} ({plain_port_error(exc)}); "
                    f"reconnecting in {delay:g} s.",
                    error=str(exc),
                    code="instrument_missing",
                )
                self._stop.wait(delay)
                delay = self._backoff.next(delay)
            finally:
                try:
                    port.close()
                except PORT_ERRORS:
                    pass

    def _talk(self, port: serial.SerialBase) -> bool:
        """Exchange bytes until stopped or the port fails (raises); True once a frame came."""
        framer = Framer(self.profile.frame_re, self.profile.max_frame)
        self._gate.reset()
        self._gate.set_device_division(None)  # a replug may be another device: ask again
        for data in self.profile.on_connect:
            port.write(data)
        scheduled: list[tuple[float, bytes]] = []
        next_poll = time.monotonic()
        last_frame = time.monotonic()
        got_any = False
        bad_run = 0
        while not self._stop.is_set():
            now = time.monotonic()
            with self._lock:
                commands, self._outgoing = self._outgoing, []
            for data in commands:
                port.write(data)
            if self.profile.mode == "poll" and now >= next_poll and not scheduled:
                gap = self.profile.poll_gap_s
                scheduled = [(now + i * gap, part) for i, part in enumerate(self.profile.poll)]
                next_poll = now + self._poll_every
            while scheduled and scheduled[0][0] <= now:
                port.write(scheduled.pop(0)[1])
            data = port.read(port.in_waiting or 1)
            if not data:
                if time.monotonic() - last_frame > self.profile.silence_s:
                    self.board.set(
                        DeviceState.WAITING,
                        f"No data from {self.profile.label} on {self.url}; is it on?",
                        code="instrument_silent",
                    )
                continue
            for frame in framer.feed(data):
                self._learn_division(frame)
                reading = self.profile.parse(frame, None)
                if reading is None:
                    continue
                last_frame = time.monotonic()
                got_any = True
                bad_run = bad_run + 1 if reading.status is ReadingStatus.ERROR else 0
                if bad_run >= 5:
                    self.board.set(
                        DeviceState.ONLINE,
                        "Receiving frames it cannot read; check the "
                        "protocol, baud rate and parity settings.",
                        code="instrument_unreadable",
                    )
                elif bad_run == 0:
                    self.board.set(
                        DeviceState.ONLINE,
                        f"Reading from {self.profile.label}.",
                        code="instrument_reading",
                    )
                self._emit(self._gate.apply(reading))
        return got_any

    def _learn_division(self, frame: bytes) -> None:
        """A device reply that tells the display division (MT-SICS I2) goes to the gate."""
        if self.profile.division_from is None:
            return
        try:
            division = self.profile.division_from(frame)
        except Exception:  # a protocol helper must not take the worker down
            log.exception("division parser of %s failed", self.profile.name)
            return
        if division is not None:
            self._gate.set_device_division(division)

    def division_g(self, reading: Reading) -> float:
        """The division the stability gate judges this reading by (for status pages, tests)."""
        return self._gate.division(reading)

    def _emit(self, reading: Reading) -> None:
        for listener in list(self._listeners):
            try:
                listener(reading)
            except Exception:  # a listener's bug must not stop the instrument
                log.exception("instrument listener failed")


def plain_port_error(exc: BaseException) -> str:
    """A port failure in words a clerk can act on."""
    code = _errno(exc)
    words = {
        2: "there is no such device (unplugged?)",
        13: "permission denied (the kiosk user needs the dialout group)",
        16: "the port is busy (another program has it open)",
        5: "the device stopped answering (unplugged?)",
        22: "the port refused these line settings (baud rate, data bits, parity)",
    }
    if code in words:
        return words[code]
    text = str(exc) or type(exc).__name__
    if "No such file" in text:
        return words[2]
    if "readiness to read but returned no data" in text or "Input/output error" in text:
        return words[5]
    return text
