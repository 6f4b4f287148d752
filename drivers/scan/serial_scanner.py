"""Serial (RS-232 or USB-CDC) scanners: one code per CR/LF-terminated line.

One worker thread owns the port. It reports each line as a `ScanEvent` (diagnosed like a
wedge scan), keeps a status in plain words, and when the port is missing or unplugged it
retries with capped exponential backoff until stopped. It never raises into its owner.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import serial

from drivers.scan.diagnose import RepeatFilter, diagnose
from kiosk.ports import DeviceState, DeviceStatus, ScanEvent, ScanSource, StatusBoard, utcnow

log = logging.getLogger(__name__)
MAX_LINE = 4096  # longer without CR/LF is noise (wrong baud rate), not a code


def split_lines(buffer: bytes) -> tuple[list[bytes], bytes]:
    """Complete CR, LF or CRLF terminated lines and the unterminated rest."""
    lines: list[bytes] = []
    start = 0
    for i, byte in enumerate(buffer):
        if byte in (0x0D, 0x0A):
            if i > start:
                lines.append(buffer[start:i])
            start = i + 1
    return lines, buffer[start:]


def decode_line(line: bytes) -> str:
    """Scanners send ASCII or UTF-8; Chinese ones sometimes GB18030."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("gb18030", errors="replace")


class SerialScanner:
    """A serial scanner on `port` (a device path or any pyserial URL)."""

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 9600,
        name: str = "Serial scanner",
        duplicate_window_s: float = 2.0,
        backoff_s: tuple[float, float] = (0.5, 10.0),
        open_port: Callable[[str, int], Any] | None = None,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self._board = StatusBoard(name, DeviceState.DISABLED, "Not started")
        self._listeners: list[Callable[[ScanEvent], None]] = []
        self._repeats = RepeatFilter(duplicate_window_s)
        self._backoff = backoff_s
        self._open = open_port or (
            lambda url, baud: serial.serial_for_url(url, baudrate=baud, timeout=0.1)
        )
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def status(self) -> DeviceStatus:
        return self._board.current

    def add_listener(self, listener: Callable[[ScanEvent], None]) -> None:
        self._listeners.append(listener)

    def add_status_listener(self, listener: Callable[[DeviceStatus], None]) -> None:
        self._board.add_listener(listener)

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner:{self.port}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._board.set(DeviceState.DISABLED, "Stopped", code="stopped")

    def _run(self) -> None:
        delay = self._backoff[0]
        while not self._stop.is_set():
            self._board.set(
                DeviceState.CONNECTING,
                f"Opening the scanner on {self.port}…",
                code="scanner_opening",
            )
            try:
                port = self._open(self.port, self.baudrate)
            except (serial.SerialException, OSError, ValueError) as exc:
                self._board.set(
                    DeviceState.OFFLINE,
                    f"No scanner on {self.port}; trying again in {delay:.0f} s",
                    error=str(exc),
                    code="scanner_missing",
                )
                self._stop.wait(delay)
                delay = min(delay * 2, self._backoff[1])
                continue
            delay = self._backoff[0]
            try:
                self._board.set(
                    DeviceState.ONLINE, f"Scanner ready on {self.port}", code="scanner_ready"
                )
                self._read_until_failure(port)
            except (serial.SerialException, OSError) as exc:
                self._board.set(
                    DeviceState.OFFLINE,
                    f"The scanner on {self.port} was disconnected; reconnecting",
                    error=str(exc),
                    code="scanner_unplugged",
                )
                log.info("scanner on %s lost: %s", self.port, exc)
            finally:
                port.close()
            self._stop.wait(delay)

    def _read_until_failure(self, port: Any) -> None:
        pending = b""
        while not self._stop.is_set():
            data: bytes = port.read(256)
            if not data:
                continue
            lines, pending = split_lines(pending + data)
            if len(pending) > MAX_LINE:
                self._board.set(
                    DeviceState.ONLINE,
                    "The scanner sent a very long line with no "
                    f"end: check its baud rate ({self.baudrate}) and suffix (CR)",
                    code="scanner_long_line",
                )
                pending = b""
            for line in lines:
                self._emit(decode_line(line))

    def _emit(self, raw: str) -> None:
        found = diagnose(raw.strip())
        if not found.text or self._repeats.is_repeat(found.text, time.monotonic()):
            return
        event = ScanEvent(
            text=found.text,
            source=ScanSource.SERIAL,
            at=utcnow(),
            problem=found.problem,
            message=found.message,
            raw=raw,
        )
        if found.problem is None:
            self._board.set(
                DeviceState.ONLINE, f"Scanner ready on {self.port}", code="scanner_ready"
            )
        else:  # misconfigured scanner: the status says what to change until a clean scan
            self._board.set(
                DeviceState.ERROR,
                found.message,
                error=found.problem.value,
                code=found.problem.value,
            )
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a listener's bug must not kill the port's thread
                log.exception("scan listener failed")
