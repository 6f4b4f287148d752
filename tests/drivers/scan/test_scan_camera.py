"""Camera scanning on fake frame sources (no camera needed): presence, bounded queue,
missing and unplugged cameras."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

import numpy as np
import pytest

from drivers.scan.camera import CameraScanner, OpenCvSource, PresenceTracker
from drivers.scan.corpus import generate
from drivers.scan.decoder import PipelineDecoder
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.ports import DecodeResult, DeviceState, ScanEvent, ScanSource

BLANK = np.full((720, 1280), 128, np.uint8)


def wait_for(cond: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.01)
    raise AssertionError("condition not met in time")


class LockstepSource:
    """Plays a script of frames, handing out the next only after the previous was decoded,
    so no frame is dropped and the test is deterministic; then reports the camera lost."""

    description = "test camera"

    def __init__(self, script: list[np.ndarray]) -> None:
        self.script = list(script)
        self.decoded = threading.Semaphore(1)
        self.opened = 0

    def open(self) -> None:
        self.opened += 1

    def read(self) -> np.ndarray | None:
        if not self.script:
            time.sleep(0.05)
            return BLANK
        if not self.decoded.acquire(timeout=5):
            return None
        return self.script.pop(0)

    def close(self) -> None:
        pass


class SignallingDecoder:
    def __init__(self, inner: PipelineDecoder, source: LockstepSource) -> None:
        self.inner, self.source = inner, source

    def decode(self, gray: object, budget_ms: float | None = None) -> DecodeResult:
        try:
            return self.inner.decode(gray, budget_ms)
        finally:
            self.source.decoded.release()


@pytest.fixture(scope="module")
def two_codes() -> list[tuple[np.ndarray, str]]:
    frames = list(generate(2, seed=4242, degradations=("clean",)))
    return [(f.image, f.token) for f in frames]


def test_each_code_reported_once_per_presence(two_codes: list[tuple[np.ndarray, str]]) -> None:
    (a, token_a), (b, token_b) = two_codes
    script = [a] * 6 + [BLANK] * 4 + [a] * 3 + [b, a, b] + [np.dstack([b, b, b])] * 2
    source = LockstepSource(script)
    scanner = CameraScanner(source, presence=PresenceTracker(absent_frames=3, absent_s=0.0))
    scanner.decoder = SignallingDecoder(PipelineDecoder(), source)
    got: queue.Queue[ScanEvent] = queue.Queue()
    scanner.add_listener(got.put)
    scanner.start()
    try:
        wait_for(lambda: not source.script and scanner.stats().decoded >= len(script))
        time.sleep(0.1)
    finally:
        scanner.stop()
    events = []
    while not got.empty():
        events.append(got.get())
    assert [e.text for e in events] == [token_a, token_a, token_b]
    assert all(e.source is ScanSource.CAMERA and e.problem is None for e in events)
    assert scanner.stats().dropped == 0


def test_presence_tracker_confirmation_and_absence_time() -> None:
    tracker = PresenceTracker(confirm_frames=2, absent_frames=2, absent_s=1.0)
    assert tracker.update(("X",), 0.0) == []
    assert tracker.update(("X",), 0.1) == ["X"]
    assert tracker.update((), 0.2) == [] and tracker.update((), 0.3) == []
    assert tracker.update(("X",), 0.4) == []  # out of view too briefly: same presence
    for t in (0.5, 0.6, 1.6):
        tracker.update((), t)
    assert tracker.update(("X",), 1.7) == [] and tracker.update(("X",), 1.8) == ["X"]


class FloodSource:
    description = "fast camera"

    def __init__(self, frame: np.ndarray) -> None:
        self.frame = frame

    def open(self) -> None:
        pass

    def read(self) -> np.ndarray | None:
        time.sleep(0.001)
        return self.frame

    def close(self) -> None:
        pass


class SlowDecoder:
    def decode(self, gray: object, budget_ms: float | None = None) -> DecodeResult:
        time.sleep(0.03)
        return DecodeResult((), 30.0, "slow")


def test_queue_stays_bounded_when_decoding_is_slow() -> None:
    scanner = CameraScanner(FloodSource(BLANK), decoder=SlowDecoder(), queue_size=2)
    scanner.start()
    try:
        wait_for(lambda: scanner.stats().decoded >= 10)
    finally:
        scanner.stop()
    stats = scanner.stats()
    assert stats.max_queued <= 2
    assert stats.dropped > 0
    # every captured frame was decoded, dropped, or is among the <= 2 still queued (+1 in hand)
    assert 0 <= stats.captured - stats.dropped - stats.decoded <= 3


class DyingSource:
    """Missing at first, then sends frames, dies (unplugged), then comes back."""

    description = "USB camera"

    def __init__(self, code: np.ndarray) -> None:
        self.code = code
        self.opens = 0
        self.sent = 0

    def open(self) -> None:
        self.opens += 1
        if self.opens <= 2:
            raise DeviceError(DeviceErrorKind.NOT_FOUND, "no /dev/video0")
        self.sent = 0

    def read(self) -> np.ndarray | None:
        time.sleep(0.02)
        self.sent += 1
        if self.opens == 3 and self.sent > 5:
            return None  # unplugged
        return BLANK if self.opens == 3 else self.code

    def close(self) -> None:
        pass


def test_camera_missing_then_unplugged_then_back(two_codes: list[tuple[np.ndarray, str]]) -> None:
    code, token = two_codes[0]
    source = DyingSource(code)
    states: list[tuple[DeviceState, str]] = []
    scanner = CameraScanner(source, backoff_s=(0.05, 0.1))
    scanner.add_status_listener(lambda s: states.append((s.state, s.message)))
    got: queue.Queue[ScanEvent] = queue.Queue()
    scanner.add_listener(got.put)
    scanner.start()
    try:
        assert got.get(timeout=10).text == token
    finally:
        scanner.stop()
    messages = [m for s, m in states if s is DeviceState.OFFLINE]
    assert any("No USB camera found" in m for m in messages)
    assert any("stopped sending pictures" in m for m in messages)
    assert source.opens == 4
    assert scanner.status().state is DeviceState.DISABLED


def test_real_opencv_source_without_a_camera_reports_not_found() -> None:
    source = OpenCvSource("/nonexistent/video-device")
    with pytest.raises(DeviceError) as err:
        source.open()
    assert err.value.kind is DeviceErrorKind.NOT_FOUND
    scanner = CameraScanner(source, backoff_s=(0.05, 0.1))
    scanner.start()
    try:
        wait_for(lambda: scanner.status().state is DeviceState.OFFLINE)
        assert "No camera /nonexistent/video-device found" in scanner.status().message
    finally:
        scanner.stop()


class RecordingDecoder:
    def __init__(self) -> None:
        self.budgets: list[float | None] = []

    def decode(self, gray: object, budget_ms: float | None = None) -> DecodeResult:
        self.budgets.append(budget_ms)
        time.sleep(0.002)
        return DecodeResult((), 2.0, "none")


def test_repairs_are_rate_limited_while_nothing_is_in_view() -> None:
    decoder = RecordingDecoder()
    scanner = CameraScanner(FloodSource(BLANK), decoder=decoder, repair_fps=5)
    started = time.monotonic()
    scanner.start()
    try:
        wait_for(lambda: len(decoder.budgets) >= 60)
    finally:
        scanner.stop()
    elapsed = time.monotonic() - started
    full = decoder.budgets.count(None)
    assert decoder.budgets[0] is None  # the first frame gets the full treatment
    assert 1 <= full <= 5 * elapsed + 2
    assert decoder.budgets.count(0.0) >= len(decoder.budgets) - full - 1
