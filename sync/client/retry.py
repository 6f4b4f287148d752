"""The one retry policy of the sync client: capped exponential backoff with jitter.

Transport failures and 5xx (SyncErrorKind NETWORK / SERVER) are retried; everything else
(401 AUTH, 4xx REJECTED, PROTOCOL) is raised at once — retrying cannot fix it.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kiosk.errors import SyncError, SyncErrorKind

T = TypeVar("T")
RETRYABLE = frozenset({SyncErrorKind.NETWORK, SyncErrorKind.SERVER})


def is_retryable(exc: SyncError) -> bool:
    return exc.kind in RETRYABLE


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    base_s: float = 0.5
    cap_s: float = 60.0
    max_attempts: int | None = 8  # None: keep trying (the background loop)

    def delay(self, attempt: int, rng: Callable[[], float] = random.random) -> float:
        """Equal jitter: half the capped exponential step, plus up to the other half at random."""
        step = min(self.cap_s, self.base_s * float(2 ** min(attempt, 30)))
        return float(step / 2 + rng() * step / 2)

    @classmethod
    def interactive(cls) -> RetryPolicy:
        """For a person or script waiting on `kiosk sync --once`: a few quick retries (about
        7.5 s of backoff at most) instead of the background loop's patience."""
        return cls(0.5, 4.0, 5)

    @classmethod
    def from_env(cls, default: RetryPolicy | None = None) -> RetryPolicy:
        """`LINLI_SYNC_RETRY=base,cap,attempts` (seconds; used by tests and the benchmark)."""
        base = default or cls()
        raw = os.environ.get("LINLI_SYNC_RETRY")
        if not raw:
            return base
        parts = [p.strip() for p in raw.split(",")]
        attempts = int(parts[2]) if len(parts) > 2 and parts[2] else base.max_attempts
        return cls(float(parts[0]), float(parts[1]) if len(parts) > 1 else base.cap_s, attempts)


def call_with_retry(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[SyncError, int, float], None] | None = None,
) -> T:
    """Call fn until it succeeds, a non-retryable error comes, or the attempts run out."""
    attempt = 0
    while True:
        try:
            return fn()
        except SyncError as exc:
            attempt += 1
            if not is_retryable(exc) or (
                policy.max_attempts is not None and attempt >= policy.max_attempts
            ):
                raise
            pause = policy.delay(attempt - 1)
            if on_retry is not None:
                on_retry(exc, attempt, pause)
            sleep(pause)
