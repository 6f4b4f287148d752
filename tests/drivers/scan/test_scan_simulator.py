"""The demo simulators drive the real scanner classes end to end."""

from __future__ import annotations

import queue
import time
from pathlib import Path

import cv2

from drivers.scan.camera import CameraScanner, PresenceTracker
from drivers.scan.corpus import generate
from drivers.scan.serial_scanner import SerialScanner
from drivers.scan.simulator import ImageSource, SerialScannerSimulator
from kiosk.ports import DeviceState, ScanEvent


def test_simulated_camera_from_tokens_reports_each_token() -> None:
    tokens = [f.token for f in generate(2, seed=99, degradations=("clean",))]
    source = ImageSource.from_tokens(tokens, fps=100, repeat=3, blank_between=4)
    scanner = CameraScanner(source, presence=PresenceTracker(absent_frames=3, absent_s=0.0))
    got: queue.Queue[ScanEvent] = queue.Queue()
    scanner.add_listener(got.put)
    scanner.start()
    try:
        assert [got.get(timeout=10).text for _ in range(2)] == tokens
    finally:
        scanner.stop()


def test_simulated_camera_from_files(tmp_path: Path) -> None:
    frame = next(iter(generate(1, seed=7, degradations=("rotation",))))
    path = tmp_path / "code.png"
    cv2.imwrite(str(path), frame.image)
    source = ImageSource.from_files([path], fps=100)
    source.open()
    assert source.read() is not None


def test_serial_simulator_feeds_a_real_serial_scanner() -> None:
    with SerialScannerSimulator() as sim:
        scanner = SerialScanner(sim.path)
        got: queue.Queue[ScanEvent] = queue.Queue()
        scanner.add_listener(got.put)
        scanner.start()
        try:
            end = time.monotonic() + 5
            while scanner.status().state is not DeviceState.ONLINE and time.monotonic() < end:
                time.sleep(0.02)
            sim.scan("482913")
            assert got.get(timeout=3).text == "482913"
        finally:
            scanner.stop()
