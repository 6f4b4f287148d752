"""The stability gate for scales: a weight counts as stable only when the scale says so AND
the last N readings agree within one display division (no flag: the N readings alone).
Only `stable` is decided here; `status` keeps the frame's own ok/motion.

The division is, in this order: the instrument's `division` setting (a 0.05 kg graduation
cannot be seen in the digits), what the device itself reports (MT-SICS `I2`), and last the
frame's decimals (`1.25 kg` → 10 g).
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from kiosk.ports import Reading, ReadingKind, ReadingStatus


class StabilityGate:
    def __init__(
        self, n: int = 3, division_g: float | None = None, *, has_flag: bool = True
    ) -> None:
        self._n = max(1, n)
        self._configured = division_g
        self._device: float | None = None
        self._has_flag = has_flag
        self._recent: deque[float] = deque(maxlen=self._n)

    def set_device_division(self, division_g: float | None) -> None:
        """The division the device reported (kept until the next report; a setting wins)."""
        self._device = division_g if division_g and division_g > 0 else None

    def division(self, reading: Reading) -> float:
        """The division this reading is judged by (grams): setting, device, then decimals."""
        if self._configured:
            return self._configured
        if self._device:
            return self._device
        return float(dict(reading.extra).get("division_g", "0") or 0)

    def apply(self, reading: Reading) -> Reading:
        """The reading with `stable` decided by the gate (non-weights pass through)."""
        if reading.kind is not ReadingKind.WEIGHT:
            return reading
        if reading.status not in (ReadingStatus.OK, ReadingStatus.MOTION) or reading.value is None:
            self._recent.clear()
            return reading
        self._recent.append(reading.value)
        division = self.division(reading)
        settled = (
            len(self._recent) == self._n
            and max(self._recent) - min(self._recent) <= division + 1e-9
        )
        flag_ok = reading.stable or not self._has_flag
        # `status` stays what the scale said (ok / motion); `stable` is the gate's decision,
        # so a steady scale reads "ok" at once and is offered as stable after N readings.
        return replace(reading, stable=settled and flag_ok)

    def reset(self) -> None:
        self._recent.clear()
