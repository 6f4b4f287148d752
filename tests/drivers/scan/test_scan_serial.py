"""Serial scanners over real pseudo-terminals: framing, diagnosis, disconnect and reconnect."""

from __future__ import annotations

import os
import pty
import queue
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.scan.serial_scanner import SerialScanner, split_lines
from kiosk.ports import DeviceState, ScanEvent, ScanProblem, ScanSource


def wait_for(cond: Callable[[], bool], timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


class Pty:
    """A pseudo-terminal whose slave is reachable through a stable symlink."""

    def __init__(self, link: Path) -> None:
        self.master, self.slave = pty.openpty()
        self.link = link
        if link.is_symlink():
            link.unlink()
        link.symlink_to(os.ttyname(self.slave))

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass


@pytest.fixture
def link(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "ttyScanner"


def test_split_lines_handles_cr_lf_crlf_and_partial() -> None:
    lines, rest = split_lines(b"A1\rB2\nC3\r\n\r\nD4")
    assert lines == [b"A1", b"B2", b"C3"] and rest == b"D4"


def test_lines_become_scan_events_with_diagnosis(link: Path) -> None:
    p = Pty(link)
    got: queue.Queue[ScanEvent] = queue.Queue()
    scanner = SerialScanner(str(link), duplicate_window_s=1.0)
    scanner.add_listener(got.put)
    scanner.start()
    try:
        wait_for(lambda: scanner.status().state is DeviceState.ONLINE)
        p.write(b"BAG-0042\r\n")
        p.write(b"BAG-0042\r\n")  # repeat within the window: merged
        p.write("ＢＡＧ－００４３".encode())  # full-width, split across writes
        p.write(b"\r")
        p.write(b"LK1.eyJv\nPART")
        first, second, third = (got.get(timeout=3) for _ in range(3))
        assert (first.text, first.source, first.problem) == ("BAG-0042", ScanSource.SERIAL, None)
        assert second.text == "BAG-0043" and second.problem is ScanProblem.FULL_WIDTH
        assert third.problem is ScanProblem.TRUNCATED and third.raw == "LK1.eyJv"
        assert scanner.status().state is DeviceState.ERROR
        assert "Only part of the pickup code" in scanner.status().message
        p.write(b"PART2\r")  # the pending fragment completes; a clean scan clears the error
        assert got.get(timeout=3).text == "PARTPART2"
        assert scanner.status().state is DeviceState.ONLINE
    finally:
        scanner.stop()
        p.close()
    assert scanner.status().state is DeviceState.DISABLED


def test_missing_port_is_retried_then_unplug_and_replug(link: Path) -> None:
    got: queue.Queue[ScanEvent] = queue.Queue()
    scanner = SerialScanner(str(link), backoff_s=(0.05, 0.2))
    scanner.add_listener(got.put)
    scanner.start()
    try:
        wait_for(lambda: scanner.status().state is DeviceState.OFFLINE)
        assert "No scanner on" in scanner.status().message
        assert scanner.status().last_error
        p = Pty(link)  # plugged in
        wait_for(lambda: scanner.status().state is DeviceState.ONLINE)
        p.write(b"CODE-1\r")
        assert got.get(timeout=3).text == "CODE-1"
        p.close()  # unplugged
        wait_for(lambda: scanner.status().state in (DeviceState.OFFLINE, DeviceState.CONNECTING))
        p2 = Pty(link)  # plugged back (a new pty behind the same name)
        wait_for(lambda: scanner.status().state is DeviceState.ONLINE)
        p2.write(b"CODE-2\n")
        assert got.get(timeout=3).text == "CODE-2"
        p2.close()
    finally:
        scanner.stop()


def test_listener_error_does_not_kill_the_worker(link: Path) -> None:
    p = Pty(link)
    got: queue.Queue[ScanEvent] = queue.Queue()

    def broken(_e: ScanEvent) -> None:
        raise RuntimeError("listener bug")

    scanner = SerialScanner(str(link))
    scanner.add_listener(broken)
    scanner.add_listener(got.put)
    scanner.start()
    try:
        wait_for(lambda: scanner.status().state is DeviceState.ONLINE)
        p.write(b"ONE-111\rTWO-222\r")
        assert [got.get(timeout=3).text for _ in range(2)] == ["ONE-111", "TWO-222"]
    finally:
        scanner.stop()
        p.close()
