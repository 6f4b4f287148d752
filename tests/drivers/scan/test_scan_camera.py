"""Camera scanning on fake frame sources (no camera needed): presence, bounded queue,
missing and unplugged cameras."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

import cv2
import numpy as np
import pytest

from drivers.scan.camera import CameraScanner, OpenCvSource, PresenceTracker, sharpness
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
    finally:
        scanner.stop()  # joins the decode thread: every event of the script has been sent
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
        return DecodeResult((), 2.0, "none")


@pytest.mark.parametrize("burst", [True, False])
def test_repairs_are_rate_limited_while_nothing_is_in_view(burst: bool) -> None:
    decoder = RecordingDecoder()
    scanner = CameraScanner(
        FloodSource(BLANK), decoder=decoder, repair_fps=4, sharpest_of_burst=burst
    )
    for i in range(40):  # 2.5 s of a 16 fps camera, on a clock the test owns
        assert scanner.decode_frame(BLANK, i * 0.0625) == []
    assert decoder.budgets[0] is None  # the first frame gets the full treatment
    assert decoder.budgets.count(None) == 10  # then one repair round every 0.25 s
    assert decoder.budgets.count(0.0) >= 30


def test_the_decode_thread_uses_the_clock_it_is_given() -> None:
    decoder = RecordingDecoder()
    ticks = iter(i * 1.0 for i in range(10**6))  # a slow clock: every frame a second later
    scanner = CameraScanner(
        FloodSource(BLANK), decoder=decoder, repair_fps=5, clock=lambda: next(ticks)
    )
    scanner.start()
    try:
        wait_for(lambda: len(decoder.budgets) >= 20)
    finally:
        scanner.stop()
    assert set(decoder.budgets) == {None}  # a second apart: every frame is due for repairs


@pytest.fixture(scope="module")
def repairable() -> tuple[np.ndarray, str]:
    """A frame the quick pass cannot read and the repairs can."""
    decoder = PipelineDecoder(budget_ms=10_000)
    for frame in generate(60, 808, degradations=("blur", "defocus", "moire", "strong_motion")):
        if (
            not decoder.decode(frame.image, 0.0).texts
            and frame.token in decoder.decode(frame.image).texts
        ):
            return frame.image, frame.token
    raise AssertionError("no repairable frame in the corpus")


def test_a_repair_round_works_on_the_sharpest_frame_of_the_burst(
    repairable: tuple[np.ndarray, str],
) -> None:
    sharp, token = repairable
    smeared = cv2.GaussianBlur(sharp, (0, 0), 9)  # the hand still moving: unreadable
    script = [(0.0, smeared), (0.0625, sharp), (0.125, smeared), (0.1875, smeared), (0.25, smeared)]
    for burst, expected in ((True, [token]), (False, [])):
        scanner = CameraScanner(
            FloodSource(BLANK),
            decoder=PipelineDecoder(budget_ms=10_000),
            repair_fps=4,
            sharpest_of_burst=burst,
        )
        reported = [text for t, frame in script for text in scanner.decode_frame(frame, t)]
        # round 1 at 0 s on a smeared frame; round 2 at 0.25 s: on the sharp frame seen at
        # 0.0625 s with the burst rule, on the smeared frame in hand without it
        assert reported == expected, burst


def test_sharpness_ranks_a_smeared_frame_below_a_sharp_one(
    repairable: tuple[np.ndarray, str],
) -> None:
    sharp, _ = repairable
    assert sharpness(sharp) > sharpness(cv2.GaussianBlur(sharp, (0, 0), 3))
    assert sharpness(np.zeros((1, 1), np.uint8)) == 0.0
