"""Cut a byte stream into frames with the profile's pattern.

Bytes before a frame are noise and come out as their own chunk (the parser turns them into
`status: error` with the raw bytes); a partial frame waits for the rest; a buffer that grows
past `max_frame` without a frame is flushed as noise so wrong-baud garbage cannot pile up.
"""

from __future__ import annotations

import re


class Framer:
    def __init__(self, pattern: re.Pattern[bytes], max_frame: int = 256) -> None:
        self._pattern = pattern
        self._max = max_frame
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        out: list[bytes] = []
        while self._buf:
            m = self._pattern.search(self._buf)
            if m is None or m.end() == 0:
                break
            if m.start() > 0:
                out.append(bytes(self._buf[: m.start()]))
            out.append(bytes(m.group(0)))
            del self._buf[: m.end()]
        if len(self._buf) > self._max:
            out.append(bytes(self._buf))
            self._buf.clear()
        return out

    def reset(self) -> None:
        self._buf.clear()

    @property
    def pending(self) -> bytes:
        return bytes(self._buf)
