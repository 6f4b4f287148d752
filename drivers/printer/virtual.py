"""A virtual network receipt printer (raw TCP, 9100-style) on loopback.

It reads ESC/POS like a printer, answers DLE EOT 1/2/3/4 from its simulated state, and saves
each job's bytes (`job-0001.bin`) plus a picture of what it would print (`job-0001.png`).
Tests drive it through its Python API; `kiosk simulate printer` runs it with commands typed
on stdin (`paper out`, `paper low`, `paper ok`, `cover open`, `cover closed`, `offline`,
`online`, `drop N`, `silent`, `answer`, `status`, `quit`).

One connection is one job, handled one at a time like a real printer. A connection that only
asks for status is not a job.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from drivers.printer import status as st
from drivers.printer.interpret import Interpreter, picture_of
from kiosk.ports import PaperStatus, PaperWidth

HOST = "127.0.0.1"


@dataclass
class VirtualJob:
    number: int
    data: bytes
    printed: bool
    reason: str  # why it was not printed ("" when printed)
    lines: list[str]
    overflow: list[str]
    bin_path: Path | None = None
    png_path: Path | None = None


@dataclass
class VirtualState:
    paper: PaperStatus = PaperStatus.ADEQUATE
    cover_open: bool = False
    silent: bool = False  # never answer status queries (like a printer with no back channel)
    drop_after: int | None = None  # one shot: close the connection after this many bytes
    jobs: list[VirtualJob] = field(default_factory=list)


class VirtualPrinter:
    """Start with `start()`; `port` is known after it (pass 0 to pick a free one)."""

    def __init__(
        self, port: int = 0, data_dir: Path | None = None, paper: PaperWidth = PaperWidth.MM80
    ) -> None:
        self.port = port
        self.data_dir = data_dir
        self.paper_width = paper
        self.state = VirtualState()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        if data_dir is not None:
            data_dir.mkdir(parents=True, exist_ok=True)

    @property
    def uri(self) -> str:
        return f"tcp://{HOST}:{self.port}"

    # --- control ----------------------------------------------------------------------

    def start(self) -> VirtualPrinter:
        """Listen (again); also how an 'offline' printer comes back."""
        if self._listener is not None:
            return self
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, self.port))
        listener.listen(4)
        listener.settimeout(0.1)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._serve, name=f"virtual-printer-{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening: the printer is off or unplugged (connections are refused)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._listener is not None:
            self._listener.close()
        self._listener = None
        self._thread = None

    offline = stop
    online = start

    def set_paper(self, paper: PaperStatus) -> None:
        with self._lock:
            self.state.paper = paper

    def set_cover_open(self, is_open: bool) -> None:
        with self._lock:
            self.state.cover_open = is_open

    def set_silent(self, silent: bool) -> None:
        with self._lock:
            self.state.silent = silent

    def drop_next_job_after(self, n_bytes: int) -> None:
        with self._lock:
            self.state.drop_after = n_bytes

    @property
    def jobs(self) -> list[VirtualJob]:
        with self._lock:
            return list(self.state.jobs)

    def printed_jobs(self) -> list[VirtualJob]:
        return [j for j in self.jobs if j.printed]

    def wait_for_jobs(self, count: int, timeout: float = 10.0) -> list[VirtualJob]:
        """Block until at least `count` jobs (printed or not) were received."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.state.jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return list(self.state.jobs)

    # --- serving ----------------------------------------------------------------------

    def _serve(self) -> None:
        assert self._listener is not None
        listener = self._listener
        while not self._stop.is_set():
            try:
                conn, _addr = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        interp = Interpreter()
        received = bytearray()
        with self._lock:
            drop_after = self.state.drop_after
        dropped = False
        while not self._stop.is_set():
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            received += chunk
            if drop_after is not None and len(received) >= drop_after:
                with self._lock:
                    self.state.drop_after = None
                dropped = True
                conn.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                break  # closing with unread data resets the connection
            for n in interp.feed(chunk):
                reply = self._reply(n)
                if reply:
                    try:
                        conn.sendall(reply)
                    except OSError:
                        break
        interp.finish()
        if interp.has_content or dropped:
            self._record(bytes(received), interp, dropped)

    def _reply(self, n: int) -> bytes:
        with self._lock:
            s = self.state
            if s.silent:
                return b""
            out = s.paper is PaperStatus.OUT
            if n == st.QUERY_PRINTER:
                return st.reply_printer(online=not (out or s.cover_open))
            if n == st.QUERY_OFFLINE_CAUSE:
                return st.reply_offline_cause(cover_open=s.cover_open, paper_out=out, error=False)
            if n == st.QUERY_ERROR:
                return st.reply_error(False)
            if n == st.QUERY_PAPER:
                return st.reply_paper(s.paper)
        return b""

    def _record(self, data: bytes, interp: Interpreter, dropped: bool) -> None:
        with self._lock:
            paper_out = self.state.paper is PaperStatus.OUT
            number = len(self.state.jobs) + 1
        reason = (
            "connection dropped mid-job"
            if dropped
            else "paper out"
            if paper_out
            else "cover open"
            if self.state.cover_open
            else ""
        )
        job = VirtualJob(
            number,
            data,
            printed=not reason,
            reason=reason,
            lines=interp.lines(),
            overflow=interp.overflowing(self.paper_width),
        )
        if self.data_dir is not None:
            job.bin_path = self.data_dir / f"job-{number:04d}.bin"
            job.bin_path.write_bytes(data)
            if not dropped:
                job.png_path = self.data_dir / f"job-{number:04d}.png"
                picture_of(interp.printed, self.paper_width).save(job.png_path)
        with self._changed:
            self.state.jobs.append(job)
            self._changed.notify_all()


# --- command line -----------------------------------------------------------------------

COMMANDS = {
    "paper out": lambda v: v.set_paper(PaperStatus.OUT),
    "paper low": lambda v: v.set_paper(PaperStatus.NEAR_END),
    "paper ok": lambda v: v.set_paper(PaperStatus.ADEQUATE),
    "cover open": lambda v: v.set_cover_open(True),
    "cover closed": lambda v: v.set_cover_open(False),
    "offline": lambda v: v.stop(),
    "online": lambda v: v.start(),
    "silent": lambda v: v.set_silent(True),
    "answer": lambda v: v.set_silent(False),
}


def control(printer: VirtualPrinter, line: str) -> str:
    """Apply one typed command; returns a sentence saying what happened."""
    words = line.strip().lower()
    if words in COMMANDS:
        COMMANDS[words](printer)
        return f"ok: {words}"
    if words.startswith("drop "):
        try:
            printer.drop_next_job_after(int(words.split()[1]))
        except ValueError:
            return "error: drop needs a number of bytes, e.g. 'drop 200'"
        return f"ok: next job will be cut off after {words.split()[1]} bytes"
    if words == "status":
        s = printer.state
        return (
            f"paper {s.paper.value}, cover {'open' if s.cover_open else 'closed'}, "
            f"{'silent' if s.silent else 'answering'}, {len(s.jobs)} jobs"
        )
    return "error: unknown command; try: " + ", ".join([*COMMANDS, "drop N", "status", "quit"])


def serve_from_cli(args: Any) -> int:
    """`kiosk simulate printer`: serve until Ctrl-C (or `quit` on stdin)."""
    port = int(getattr(args, "port", None) or 9100)
    base = getattr(args, "data_dir", None) or os.environ.get("LINLI_DATA_DIR")
    jobs_dir = Path(base or user_data_dir("linli-kiosk", "Linli")) / "virtual-printer"
    paper = PaperWidth(int(getattr(args, "paper", None) or 80))
    if not 0 < port < 65536:
        print(f"error: cannot listen on port {port}: a TCP port is 1 to 65535", file=sys.stderr)
        return 2
    printer = VirtualPrinter(port, jobs_dir, paper)
    try:
        printer.start()
    except OSError as exc:
        print(f"error: cannot listen on {HOST}:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    as_json = bool(getattr(args, "json", False))
    info = {"device": "printer", "uri": printer.uri, "jobs_dir": str(jobs_dir)}
    print(
        json.dumps(info)
        if as_json
        else f"virtual printer listening on {printer.uri}; jobs saved in {jobs_dir}\n"
        "type commands (paper out, paper ok, cover open, offline, online, drop N, status, quit)",
        flush=True,
    )
    threading.Thread(target=_announce_jobs, args=(printer, as_json), daemon=True).start()
    try:
        for line in sys.stdin:
            if line.strip().lower() in ("quit", "exit"):
                break
            if line.strip():
                print(control(printer, line), flush=True)
        else:
            while True:  # stdin closed (run in background): serve until interrupted
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        printer.stop()
    return 0


def _announce_jobs(printer: VirtualPrinter, as_json: bool) -> None:
    seen = 0
    while True:
        jobs = printer.wait_for_jobs(seen + 1, timeout=3600)
        for job in jobs[seen:]:
            info = {
                "job": job.number,
                "bytes": len(job.data),
                "printed": job.printed,
                "reason": job.reason,
                "bin": str(job.bin_path),
                "png": str(job.png_path),
            }
            print(
                json.dumps(info)
                if as_json
                else f"job {job.number}: {len(job.data)} bytes, "
                f"{'printed' if job.printed else 'NOT printed: ' + job.reason} → {job.png_path}",
                flush=True,
            )
        seen = len(jobs)
