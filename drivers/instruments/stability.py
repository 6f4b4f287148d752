"""The stability gate for scales: a weight counts as stable only when the scale says so AND
the last N readings agree within one display division (no flag: the N readings alone).
Only `stable` is decided here; `status` keeps the frame's own ok/motion."""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from kiosk.ports import Reading, ReadingKind, ReadingStatus


class StabilityGate:
    def __init__(self, n: int = 3, division_g: float | None = None, *, has_flag: bool = True) -> None:
        self._n = max(1, n)
        self._division = division_g
        self._has_flag = has_flag
        self._recent: deque[float] = deque(maxlen=self._n)

    def apply(self, reading: Reading) -> Reading:
        """The reading with `stable`/`status` decided by the gate (non-weights pass through)."""
        if reading.kind is not ReadingKind.WEIGHT:
            return reading
        if reading.status not in (ReadingStatus.OK, ReadingStatus.MOTION) or reading.value is None:
            self._recent.clear()
            return reading
        self._recent.append(reading.value)
        division = self._division or float(dict(reading.extra).get("division_g", "0") or 0)
        settled = len(self._recent) == self._n and max(self._recent) - min(self._recent) <= division + 1e-9
        flag_ok = reading.stable or not self._has_flag
        # `status` stays what the scale said (ok / motion); `stable` is the gate's decision,
        # so a steady scale reads "ok" at once and is offered as stable after N readings.
        return replace(reading, stable=settled and flag_ok)

    def reset(self) -> None:
        self._recent.clear()
