"""A receipt printer reached by URI, implementing kiosk.ports.Printer.

URIs: `file:PATH`, `tcp://HOST:PORT`, `serial:DEV?baud=N`, `usb:VID:PID` (hex), `dummy`, and
`win32:NAME` (Windows spooler, raw). Where the transport can read (network, serial, USB) the
printer is asked for its state before a job (offline, cover open, paper out → DeviceError with
a sentence for the clerk) and once more after it: a reply proves the connection survived the
job. A transport that never answers is printed to blind and its paper state stays unknown.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from escpos import printer as escpos_printers
from escpos.escpos import Escpos

from drivers.printer import status as st
from drivers.printer.render import render_bytes
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.ports import (
    DeviceState,
    DeviceStatus,
    Document,
    PaperStatus,
    PrintOptions,
    StatusBoard,
)

CHUNK = 4096
MSG_PAPER_OUT = "Printer out of paper — load a new roll"
MSG_COVER = "Printer cover is open — close it"
MSG_OFFLINE = "Printer is off or unreachable — check its power and cable"
MSG_DROPPED = "Printer connection dropped during printing — the slip will be printed again"
MSG_ERROR = "Printer reports an error — switch it off and on"
MSG_PAPER_LOW = "Paper is running low — have a new roll ready"


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str  # file, tcp, serial, usb, dummy, win32
    path: str = ""
    host: str = ""
    port: int = 0
    baud: int = 9600
    vid: int = 0
    pid: int = 0

    @property
    def readable(self) -> bool:
        return self.scheme in ("tcp", "serial", "usb")


def parse_uri(uri: str) -> Target:
    """Parse a printer URI; a bad one raises DeviceError(CONFIG) saying what is expected."""
    bad = DeviceError(
        DeviceErrorKind.CONFIG,
        f"printer address {uri!r} not understood: use "
        "file:PATH, tcp://HOST:PORT, serial:DEV?baud=N, usb:VID:PID or dummy",
    )
    if uri == "dummy":
        return Target("dummy")
    scheme, _, rest = uri.partition(":")
    try:
        if scheme == "file" and rest:
            return Target("file", path=rest)
        if scheme == "win32" and rest:
            return Target("win32", path=rest)
        if scheme == "tcp":
            parts = urlsplit(uri)
            if not parts.hostname:
                raise bad
            return Target("tcp", host=parts.hostname, port=parts.port or 9100)
        if scheme == "serial" and rest:
            dev, _, query = rest.partition("?")
            baud = int(parse_qs(query).get("baud", ["9600"])[0])
            return Target("serial", path=dev, baud=baud)
        if scheme == "usb":
            vid, pid = rest.split(":")
            return Target("usb", vid=int(vid, 16), pid=int(pid, 16))
    except ValueError as exc:
        raise bad from exc
    raise bad


def open_transport(target: Target, timeout: float) -> Escpos:
    """The python-escpos printer object for a target (not yet connected)."""
    classes: dict[str, Any] = {
        "dummy": lambda: escpos_printers.Dummy(),
        "file": lambda: escpos_printers.File(target.path),
        "tcp": lambda: escpos_printers.Network(target.host, target.port, timeout=timeout),
        "serial": lambda: escpos_printers.Serial(
            target.path, baudrate=target.baud, timeout=timeout, dsrdtr=False
        ),
        "usb": lambda: escpos_printers.Usb(target.vid, target.pid, timeout=int(timeout * 1000)),
        "win32": lambda: escpos_printers.Win32Raw(target.path),
    }
    if target.scheme == "usb" and not escpos_printers.Usb.is_usable():
        # python-escpos would build the object anyway and fail later, even in its __del__
        raise DeviceError(
            DeviceErrorKind.CONFIG,
            "cannot use printer usb: the pyusb library is "
            "not installed; install pyusb or use tcp://, serial: or file:",
        )
    try:
        made: Escpos = classes[target.scheme]()
        return made
    except Exception as exc:  # missing pyusb / pywin32, bad arguments
        raise DeviceError(
            DeviceErrorKind.CONFIG, f"cannot use printer {target.scheme}: {exc}"
        ) from exc


class EscposPrinter:
    """One physical printer. Thread-safe: one job or status query at a time."""

    def __init__(
        self,
        uri: str,
        options: PrintOptions | None = None,
        *,
        name: str = "printer",
        timeout: float = 3.0,
    ) -> None:
        self.target = parse_uri(uri)
        self.options = options or PrintOptions()
        self.timeout = timeout
        self.board = StatusBoard(name, DeviceState.WAITING, "Printer ready")
        self._lock = threading.Lock()
        self.last_bytes = b""  # the last job sent (for tests and support)
        self._last_paper = PaperStatus.UNKNOWN

    def status(self) -> DeviceStatus:
        return self.board.current

    def query_paper(self) -> PaperStatus:
        if not self.target.readable:
            return PaperStatus.UNKNOWN
        with self._lock:
            conn = self._connect()
            try:
                paper = st.paper_from_reply(self._ask(conn, st.QUERY_PAPER))
            finally:
                _close(conn)
        self._show_paper(paper)
        return paper

    def _show_paper(self, paper: PaperStatus) -> None:
        self._last_paper = paper
        if paper is PaperStatus.OUT:
            self.board.set(DeviceState.ERROR, MSG_PAPER_OUT, error=MSG_PAPER_OUT, code="paper_out")
        elif paper is PaperStatus.NEAR_END:
            self.board.set(DeviceState.ONLINE, MSG_PAPER_LOW, code="paper_low")

    def print_document(self, doc: Document, options: PrintOptions | None = None) -> None:
        data = render_bytes(doc, options or self.options)
        with self._lock:
            try:
                self._send_job(data)
            except DeviceError as exc:
                state = (
                    DeviceState.OFFLINE
                    if exc.kind is DeviceErrorKind.OFFLINE
                    else DeviceState.ERROR
                )
                self.board.set(state, str(exc), error=str(exc), code=f"printer_{exc.kind.value}")
                raise
            low = self._last_paper is PaperStatus.NEAR_END
            self.board.set(
                DeviceState.ONLINE,
                MSG_PAPER_LOW if low else "Printer ready",
                code="paper_low" if low else "printer_ready",
            )

    def _send_job(self, data: bytes) -> None:
        conn = self._connect()
        try:
            answered = self._check_ready(conn)
            try:
                for start in range(0, len(data), CHUNK):
                    conn._raw(data[start : start + CHUNK])
            except OSError as exc:
                raise DeviceError(DeviceErrorKind.DISCONNECTED, MSG_DROPPED) from exc
            self.last_bytes = data
            if answered and not st.valid(self._ask(conn, st.QUERY_PRINTER)):
                raise DeviceError(DeviceErrorKind.DISCONNECTED, MSG_DROPPED)
            if isinstance(conn, escpos_printers.Dummy):
                self.last_bytes = bytes(conn.output)
        finally:
            _close(conn)

    def _check_ready(self, conn: Escpos) -> bool:
        """Refuse to send into a printer that says it cannot print; True if it answered."""
        if not self.target.readable:
            return False
        first = self._ask(conn, st.QUERY_PRINTER)
        if not st.valid(first):
            return False  # no back channel (or garbage): print blind, paper stays unknown
        offline = first is not None and bool(first[-1] & 0x08)
        state = st.printer_state(
            first, self._ask(conn, st.QUERY_OFFLINE_CAUSE) if offline else None
        )
        paper = st.paper_from_reply(self._ask(conn, st.QUERY_PAPER))
        self._show_paper(paper)
        if paper is PaperStatus.OUT or state.paper_out:
            raise DeviceError(DeviceErrorKind.PAPER_OUT, MSG_PAPER_OUT)
        if state.cover_open:
            raise DeviceError(DeviceErrorKind.COVER_OPEN, MSG_COVER)
        if state.error:
            raise DeviceError(DeviceErrorKind.OTHER, MSG_ERROR)
        if not state.online:
            raise DeviceError(DeviceErrorKind.OFFLINE, MSG_OFFLINE)
        return state.known

    def _connect(self) -> Escpos:
        conn = open_transport(self.target, self.timeout)
        try:
            conn.open()
        except Exception as exc:
            raise DeviceError(DeviceErrorKind.OFFLINE, MSG_OFFLINE) from exc
        return conn

    def _ask(self, conn: Escpos, n: int) -> bytes | None:
        """Send DLE EOT n and wait for one byte; None when nothing (valid or not) came back."""
        try:
            conn._raw(st.query(n))
            return _read_reply(conn, self.timeout)
        except OSError as exc:
            raise DeviceError(DeviceErrorKind.DISCONNECTED, MSG_DROPPED) from exc


def _read_reply(conn: Escpos, timeout: float) -> bytes | None:
    device: Any = conn.device
    if isinstance(device, socket.socket):
        device.settimeout(timeout)
        try:
            reply = device.recv(1)
        except TimeoutError:
            return None
        if reply == b"":
            raise DeviceError(DeviceErrorKind.DISCONNECTED, MSG_DROPPED)
        return reply
    if hasattr(device, "read"):
        if hasattr(device, "timeout"):
            device.timeout = timeout
        try:
            reply = conn._read()
        except Exception:
            return None
        return bytes(reply[-1:]) if reply else None
    return None


def _close(conn: Escpos) -> None:
    try:
        conn.close()
    except Exception:  # a dead socket may fail to shut down; nothing left to do
        pass
