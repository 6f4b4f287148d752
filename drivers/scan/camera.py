"""Camera scanning: capture on one thread, decode on another, report each code once per
presence.

The capture thread keeps only the newest frames (a queue of `queue_size`, the oldest dropped
when full), so a slow decode never builds a backlog and what is decoded is always recent.
The decode thread runs the shared `QrDecoder` on a grayscale copy: the quick pass on every
frame, the repairs of hard frames at most `repair_fps` times a second (a camera looking at an
empty counter would otherwise spend a whole repair budget on every frame). A live camera sees
the same code in several frames while a hand brings the phone up and steadies it, so a
repair round works on the sharpest frame seen since the last round (`sharpness`), not on
whichever frame happens to be current: the steadiest moment of the burst. A code is reported when
first seen (or after `confirm_frames` sightings) and not again until it has been out of view
for `absent_frames` decoded frames and `absent_s` seconds. A missing or unplugged camera sets
a plain-words status and is retried with capped backoff; nothing here raises to its owner.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from drivers.scan.decoder import PipelineDecoder, as_gray
from drivers.scan.diagnose import diagnose
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.ports import (
    DeviceState,
    DeviceStatus,
    QrDecoder,
    ScanEvent,
    ScanSource,
    StatusBoard,
    utcnow,
)

log = logging.getLogger(__name__)

PREVIEW_WIDTH = 640  # px: the self-service preview (a full 1280×720 JPEG is ~4× the work)


class FrameSource(Protocol):
    """Where frames come from: a real camera, or frames from the corpus in tests."""

    description: str

    def open(self) -> None:
        """Start delivering frames; raise DeviceError(NOT_FOUND) when there is no camera."""

    def read(self) -> np.ndarray | None:
        """The next frame (gray or BGR), or None when the camera has gone away."""

    def close(self) -> None: ...


class OpenCvSource:
    """A camera through OpenCV: an index (0 = first camera), a device path or a stream URL."""

    def __init__(self, device: int | str = 0, width: int = 1280, height: int = 720) -> None:
        self.device = device
        self.description = f"camera {device}"
        self._size = (width, height)
        self._cap: cv2.VideoCapture | None = None

    def open(self) -> None:
        cap = cv2.VideoCapture(self.device)
        if not cap.isOpened():
            cap.release()
            raise DeviceError(DeviceErrorKind.NOT_FOUND, f"No {self.description} found")
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self._size[0])
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self._size[1])
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # our queue is the buffer; keep the driver's short
        self._cap = cap

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            return None
        ok, frame = self._cap.read()
        return frame if ok and frame is not None else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


@dataclass(frozen=True, slots=True)
class CameraStats:
    captured: int
    dropped: int
    decoded: int
    max_queued: int


class PresenceTracker:
    """Decides when a decoded code is news: once per continuous presence in view."""

    def __init__(
        self, confirm_frames: int = 1, absent_frames: int = 8, absent_s: float = 1.0
    ) -> None:
        self.confirm_frames = confirm_frames
        self.absent_frames = absent_frames
        self.absent_s = absent_s
        self._seen: dict[str, int] = {}  # text -> consecutive-ish sightings
        self._last: dict[str, tuple[int, float]] = {}  # text -> (frame no, time) last seen
        self._reported: set[str] = set()
        self._frame = 0

    def update(self, texts: tuple[str, ...], t: float) -> list[str]:
        """Texts decoded in one frame at time t → the ones to report now."""
        self._frame += 1
        news: list[str] = []
        for text in texts:
            self._seen[text] = self._seen.get(text, 0) + 1
            self._last[text] = (self._frame, t)
            if text not in self._reported and self._seen[text] >= self.confirm_frames:
                self._reported.add(text)
                news.append(text)
        for text, (frame, seen_t) in list(self._last.items()):
            if self._frame - frame >= self.absent_frames and t - seen_t >= self.absent_s:
                del self._last[text]
                self._seen.pop(text, None)
                self._reported.discard(text)  # gone long enough: next sighting is a new scan
        return news


def sharpness(gray: np.ndarray) -> float:
    """How sharp a frame is, cheaply (variance of the Laplacian at quarter size, ~0.3 ms at
    1280×720): only compared between frames of one burst, where the counter behind the phone
    stays the same and only the code's smear changes."""
    h, w = gray.shape[:2]
    small = cv2.resize(gray, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(small, cv2.CV_32F).var())


class CameraScanner:
    """A camera as a `Scanner`: start(), stop(), status(), add_listener(). `clock` is the
    monotonic time the repair rate and the presence rules use (tests pass their own)."""

    def __init__(
        self,
        source: FrameSource,
        *,
        decoder: QrDecoder | None = None,
        name: str = "Camera",
        queue_size: int = 2,
        presence: PresenceTracker | None = None,
        repair_fps: float = 10.0,
        backoff_s: tuple[float, float] = (0.5, 10.0),
        sharpest_of_burst: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = source
        self.decoder: QrDecoder = decoder or PipelineDecoder()
        self._board = StatusBoard(name, DeviceState.DISABLED, "Not started")
        self._frames: queue.Queue[np.ndarray] = queue.Queue(maxsize=queue_size)
        self._presence = presence or PresenceTracker()
        self._backoff = backoff_s
        self._repair_interval = 1.0 / repair_fps if repair_fps > 0 else 0.0
        self._last_repair = float("-inf")
        self._burst = sharpest_of_burst
        self._best: tuple[float, np.ndarray] | None = None  # sharpest unread frame this round
        self._clock = clock
        self._listeners: list[Callable[[ScanEvent], None]] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._captured = self._dropped = self._decoded = self._max_queued = 0
        self._newest: np.ndarray | None = None  # the last frame read (photos, preview)

    def status(self) -> DeviceStatus:
        return self._board.current

    def add_listener(self, listener: Callable[[ScanEvent], None]) -> None:
        self._listeners.append(listener)

    def add_status_listener(self, listener: Callable[[DeviceStatus], None]) -> None:
        self._board.add_listener(listener)

    def stats(self) -> CameraStats:
        with self._lock:
            return CameraStats(self._captured, self._dropped, self._decoded, self._max_queued)

    # photos (kiosk.ports.PhotoCamera) -----------------------------------------------------
    def take_photo(self, quality: int = 90) -> bytes | None:
        """The newest frame as a full-size JPEG; None while the camera has no picture."""
        return self._jpeg(None, quality)

    def preview_frame(self, width: int = PREVIEW_WIDTH, quality: int = 70) -> bytes | None:
        """The newest frame as a small JPEG (the self-service screen redraws it often)."""
        return self._jpeg(width, quality)

    def _jpeg(self, width: int | None, quality: int) -> bytes | None:
        with self._lock:
            frame = self._newest
        if frame is None:
            return None
        if width is not None and frame.shape[1] > width:
            height = max(1, round(frame.shape[0] * width / frame.shape[1]))
            frame = cv2.resize(frame, (width, height), interpolation=cv2.INTER_AREA)
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
        return bytes(buf.tobytes()) if ok else None

    def start(self) -> None:
        if any(t.is_alive() for t in self._threads):
            return
        self._stop.clear()
        self._threads = [
            threading.Thread(target=self._capture_loop, name="camera-capture", daemon=True),
            threading.Thread(target=self._decode_loop, name="camera-decode", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)
        self._board.set(DeviceState.DISABLED, "Stopped", code="stopped")

    # capture thread --------------------------------------------------------------------
    def _capture_loop(self) -> None:
        delay = self._backoff[0]
        desc = self.source.description
        while not self._stop.is_set():
            self._board.set(DeviceState.CONNECTING, f"Opening the {desc}…", code="camera_opening")
            try:
                self.source.open()
            except Exception as exc:  # any driver failure: report, wait, retry
                self._board.set(
                    DeviceState.OFFLINE,
                    f"No {desc} found; is it plugged in? Trying again in {delay:.0f} s",
                    error=str(exc),
                    code="camera_missing",
                )
                self._stop.wait(delay)
                delay = min(delay * 2, self._backoff[1])
                continue
            try:
                self._board.set(
                    DeviceState.ONLINE, f"The {desc} is on: show a code to it", code="camera_on"
                )
                lost = self._pump()
            except Exception as exc:
                lost = True
                log.warning("%s failed: %s", desc, exc)
            finally:
                self.source.close()
                with self._lock:
                    self._newest = None  # no picture from a closed camera
            if lost:
                self._board.set(
                    DeviceState.OFFLINE,
                    f"The {desc} stopped sending pictures (unplugged?); reconnecting",
                    code="camera_stalled",
                )
                self._stop.wait(delay)
                delay = min(delay * 2, self._backoff[1])
            else:
                delay = self._backoff[0]

    def _pump(self) -> bool:
        """Move frames into the queue until stopped (False) or the camera is lost (True)."""
        while not self._stop.is_set():
            frame = self.source.read()
            if frame is None:
                return True
            with self._lock:
                self._captured += 1
                self._newest = frame
                while True:
                    try:
                        self._frames.put_nowait(frame)
                        break
                    except queue.Full:
                        try:
                            self._frames.get_nowait()  # drop the oldest, keep the newest
                            self._dropped += 1
                        except queue.Empty:
                            pass
                self._max_queued = max(self._max_queued, self._frames.qsize())
        return False

    # decode thread -----------------------------------------------------------------------
    def _decode_loop(self) -> None:
        while not self._stop.is_set():
            try:
                frame = self._frames.get(timeout=0.1)
            except queue.Empty:
                continue
            try:
                self.decode_frame(frame, self._clock())
            except Exception:
                log.exception("decoding a camera frame failed")

    def decode_frame(self, frame: np.ndarray, now: float) -> list[str]:
        """One step of the decode thread (tests and the benchmark drive it directly): the
        quick pass on this frame; when a repair round is due, the repairs on the sharpest
        frame not read since the last round. Returns the texts reported as new."""
        gray = as_gray(frame)
        due = now - self._last_repair >= self._repair_interval
        if not self._burst:
            if due:
                self._last_repair = now
            result = self.decoder.decode(gray, None if due else 0.0)
        else:
            score = sharpness(gray)
            if due and (self._best is None or score >= self._best[0]):
                self._last_repair, self._best = now, None
                result = self.decoder.decode(gray, None)  # this frame is the sharpest
            else:
                result = self.decoder.decode(gray, 0.0)
                if not result.texts:
                    if self._best is None or score > self._best[0]:
                        self._best = (score, gray.copy())  # the source may reuse it
                    if due and self._best is not None:
                        self._last_repair = now
                        _, best = self._best
                        self._best = None
                        result = self.decoder.decode(best, None)
                else:
                    self._best = None  # read: the burst is over
        with self._lock:
            self._decoded += 1
        news = self._presence.update(result.texts, now)
        for text in news:
            self._emit(text)
        return news

    def _emit(self, text: str) -> None:
        found = diagnose(text)
        event = ScanEvent(
            text=found.text,
            source=ScanSource.CAMERA,
            at=utcnow(),
            problem=found.problem,
            message=found.message,
            raw=text,
        )
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("scan listener failed")
