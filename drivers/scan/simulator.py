"""Simulated scanners for the demo mode and for trying things without hardware.

- `ImageSource`: a `FrameSource` that plays frames (image files, or camera-like frames of
  given tokens rendered by the corpus generator) like a webcam at a steady rate.
- `SerialScannerSimulator`: a pseudo-terminal whose other end a real `SerialScanner` opens;
  `scan(text)` sends the bytes a serial scanner would (text + CR LF).
"""

from __future__ import annotations

import os
import pty
import threading
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from drivers.scan.corpus import render
from drivers.scan.decoder import load_image


class ImageSource:
    """Frames played in a loop at `fps`; `blank_between` grey frames separate codes so each
    is reported as a new presence."""

    description = "simulated camera"

    def __init__(
        self,
        frames: Sequence[np.ndarray],
        fps: float = 15.0,
        repeat: int = 10,
        blank_between: int = 15,
    ) -> None:
        blank = np.full((720, 1280), 110, np.uint8)
        self._script: list[np.ndarray] = []
        for frame in frames:
            self._script += [frame] * repeat + [blank] * blank_between
        self._period = 1.0 / fps
        self._i = 0

    @classmethod
    def from_files(cls, paths: Sequence[Path], **kwargs: Any) -> ImageSource:
        return cls([load_image(p) for p in paths], **kwargs)

    @classmethod
    def from_tokens(
        cls, tokens: Sequence[str], seed: int = 1, degradation: str = "clean", **kwargs: Any
    ) -> ImageSource:
        rng = np.random.default_rng(seed)
        return cls([render(rng, t, degradation) for t in tokens], **kwargs)

    def open(self) -> None:
        self._i = 0

    def read(self) -> np.ndarray | None:
        if not self._script:
            return None
        time.sleep(self._period)
        frame = self._script[self._i % len(self._script)]
        self._i += 1
        return frame

    def close(self) -> None:
        pass


class SerialScannerSimulator:
    """A pseudo-terminal standing in for a serial scanner; open `path` with SerialScanner."""

    def __init__(self) -> None:
        self._master, self._slave = pty.openpty()
        self.path = os.ttyname(self._slave)

    def scan(self, text: str, terminator: bytes = b"\r\n") -> None:
        os.write(self._master, text.encode("utf-8") + terminator)

    def unplug(self) -> None:
        for fd in (self._master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass

    def __enter__(self) -> SerialScannerSimulator:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.unplug()


class OnDemandSource:
    """The demo camera: it shows a code only when asked. `show_next()` plays the next
    token's frames once; otherwise it sends grey frames with nothing to decode, so it never
    replaces what the clerk has on screen by itself."""

    description = "demo camera"

    def __init__(
        self, tokens: Sequence[str], fps: float = 10.0, repeat: int = 6, seed: int = 1
    ) -> None:
        self._tokens = list(tokens)
        self._rng = np.random.default_rng(seed)
        self._blank = np.full((720, 1280), 110, np.uint8)
        self._queue: deque[np.ndarray] = deque()
        self._lock = threading.Lock()
        self._next = 0
        self._repeat = repeat
        self._period = 1.0 / fps

    def show_next(self) -> None:
        """Queue the next demo code (frames rendered here, on the caller's thread)."""
        if not self._tokens:
            return
        token = self._tokens[self._next % len(self._tokens)]
        self._next += 1
        frame = render(self._rng, token, "clean")
        with self._lock:
            self._queue.extend([frame] * self._repeat + [self._blank] * self._repeat)

    def open(self) -> None:
        pass

    def read(self) -> np.ndarray | None:
        time.sleep(self._period)
        with self._lock:
            return self._queue.popleft() if self._queue else self._blank

    def close(self) -> None:
        pass
