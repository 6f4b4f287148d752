"""The physical state of a simulated scale and the control words every scale simulator takes.

Like a real balance it refuses to zero or tare when it cannot: in overload or underload, and
for zero outside the zero-setting range (±2 % of capacity around the power-on zero, the
OIML R76 / JJG 539 limit of 4 % in all).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from drivers.instruments.simulators.engine import Speaker

SCALE_HELP = (
    "weight KG | grams G | unstable | stable | flicker N | division G | overload | "
    "underload | normal | zero | tare | cleartare | error [CODE] | ok"
)
Refusal = Literal["", "+", "-", "I"]  # "" done; "+"/"-" above/below the range; "I" not now
REFUSAL_WORDS = {"+": "above the range", "-": "below the range", "I": "the scale is moving"}


@dataclass
class ScaleModel:
    gross_g: float = 0.0
    zero_g: float = 0.0
    tare_g: float = 0.0
    capacity_g: float = 15000.0
    division_g: float = 1.0
    zero_range_pct: float = 2.0  # each side of the power-on zero
    unstable: bool = False
    flicker_steps: int = 0  # the display toggles this many divisions up and back, flag stable
    overload: bool = False
    underload: bool = False
    error: str | None = None  # the next replies are this error (protocol-specific code)
    _flick: bool = False

    def net_g(self) -> float:
        net = self.gross_g - self.zero_g - self.tare_g
        if self.unstable:
            net += random.choice((-1, 1)) * random.randint(3, 9) * self.division_g
        if self.flicker_steps:
            self._flick = not self._flick
            net += self.flicker_steps * self.division_g if self._flick else 0.0
        return round(net / self.division_g) * self.division_g  # the display shows whole divisions

    def over(self) -> bool:
        return self.overload or self.gross_g - self.zero_g > self.capacity_g + 9 * self.division_g

    def under(self) -> bool:
        return self.underload

    def zero_refusal(self) -> Refusal:
        """Why zero cannot be set now ("" when it can)."""
        if self.over():
            return "+"
        if self.under():
            return "-"
        if self.unstable:
            return "I"
        limit = self.capacity_g * self.zero_range_pct / 100
        if self.gross_g > limit:
            return "+"
        if self.gross_g < -limit:
            return "-"
        return ""

    def tare_refusal(self) -> Refusal:
        """Why tare cannot be taken now ("" when it can): a negative gross is below range."""
        if self.over():
            return "+"
        if self.under() or self.gross_g - self.zero_g < 0:
            return "-"
        if self.unstable:
            return "I"
        return ""

    def zero(self) -> Refusal:
        why = self.zero_refusal()
        if not why:
            self.zero_g, self.tare_g = self.gross_g, 0.0
        return why

    def tare(self) -> Refusal:
        why = self.tare_refusal()
        if not why:
            self.tare_g = self.gross_g - self.zero_g
        return why


class ScaleSpeaker(Speaker):
    """Control words shared by every scale protocol."""

    def __init__(self, model: ScaleModel | None = None) -> None:
        self.model = model or ScaleModel()

    def help(self) -> str:
        return SCALE_HELP

    def control(self, cmd: str, args: list[str]) -> str | None:
        m = self.model
        if cmd in ("weight", "grams", "place", "flicker", "division"):
            try:
                value = float(args[0])
            except (IndexError, ValueError):
                return "say how much, e.g. 'weight 1.234' (kg), 'grams 1234', 'flicker 1', 'division 50'"
            if cmd == "flicker":
                m.flicker_steps = int(value)
                return f"display flickers {m.flicker_steps} division(s)"
            if cmd == "division":
                if value <= 0:
                    return "a division is a positive number of grams"
                m.division_g = value
                return f"division {value:g} g"
            m.gross_g = value if cmd == "grams" else value * 1000
            m.overload = m.underload = False
            return f"placed {m.gross_g:g} g"
        if cmd in ("overload", "underload"):  # a scale is over or under, never both
            m.overload, m.underload = cmd == "overload", cmd == "underload"
            return f"{cmd} now"
        if cmd in ("unstable", "stable"):
            m.unstable = cmd == "unstable"
            return f"{cmd} now"
        if cmd in ("normal", "clear"):
            m.overload = m.underload = m.unstable = False
            m.flicker_steps = 0
            m.error = None
            return "back to normal"
        if cmd == "zero":
            why = m.zero()
            return f"zero refused: {REFUSAL_WORDS[why]}" if why else "zeroed"
        if cmd == "tare":
            why = m.tare()
            return f"tare refused: {REFUSAL_WORDS[why]}" if why else f"tare {m.tare_g:g} g"
        if cmd == "cleartare":
            m.tare_g = 0.0
            return "tare cleared"
        if cmd == "error":
            m.error = args[0] if args else "error"
            return f"replies are now errors ({m.error})"
        if cmd == "ok":
            m.error = None
            return "replies are normal again"
        return None
