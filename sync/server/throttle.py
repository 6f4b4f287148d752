"""Failed enrollments counted per key (the client's address, the code tried) in a sliding
window. Guessing codes is then slow, and every refusal is logged with who and how often.
The public reading check counts every request per client address the same way (`take`).

In memory, per server process: a restart forgets the counts, which is fine for slowing a
guesser down (codes are long random one-use tokens anyway; this only caps the rate).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class FailureThrottle:
    def __init__(
        self,
        limit: int,
        window_s: float = 60.0,
        *,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_keys = max_keys
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        return hits

    def wait_s(self, key: str) -> float:
        """Seconds until `key` may try again; 0 when it may now."""
        with self._lock:
            now = self._clock()
            hits = self._recent(key, now)
            if len(hits) < self.limit:
                return 0.0
            return max(0.0, hits[0] + self.window_s - now)

    def fail(self, key: str) -> int:
        """Count one failure; returns the failures of `key` in the window."""
        with self._lock:
            now = self._clock()
            hits = self._recent(key, now)
            hits.append(now)
            self._hits[key] = hits
            self._hits.move_to_end(key)
            while len(self._hits) > self.max_keys:  # bounded memory under a flood
                self._hits.popitem(last=False)
            return len(hits)

    def take(self, key: str) -> float:
        """Count one request of `key` if it is within the limit and return 0; else count
        nothing and return the seconds until it may try again."""
        with self._lock:
            now = self._clock()
            hits = self._recent(key, now)
            if len(hits) >= self.limit:
                return max(0.0, hits[0] + self.window_s - now)
        self.fail(key)
        return 0.0
