"""The physical state of a simulated scale and the control words every scale simulator takes."""

from __future__ import annotations

import random
from dataclasses import dataclass

from drivers.instruments.simulators.engine import Speaker

SCALE_HELP = ("weight KG | grams G | unstable | stable | overload | underload | normal | zero | "
              "tare | cleartare | error [CODE] | ok")


@dataclass
class ScaleModel:
    gross_g: float = 0.0
    zero_g: float = 0.0
    tare_g: float = 0.0
    capacity_g: float = 15000.0
    division_g: float = 1.0
    unstable: bool = False
    overload: bool = False
    underload: bool = False
    error: str | None = None  # the next replies are this error (protocol-specific code)

    def net_g(self) -> float:
        net = self.gross_g - self.zero_g - self.tare_g
        if self.unstable:
            net += random.choice((-1, 1)) * random.randint(3, 9) * self.division_g
        return net

    def over(self) -> bool:
        return self.overload or self.gross_g - self.zero_g > self.capacity_g + 9 * self.division_g

    def under(self) -> bool:
        return self.underload

    def zero(self) -> None:
        self.zero_g, self.tare_g = self.gross_g, 0.0

    def tare(self) -> None:
        self.tare_g = self.gross_g - self.zero_g


class ScaleSpeaker(Speaker):
    """Control words shared by every scale protocol."""

    def __init__(self, model: ScaleModel | None = None) -> None:
        self.model = model or ScaleModel()

    def help(self) -> str:
        return SCALE_HELP

    def control(self, cmd: str, args: list[str]) -> str | None:
        m = self.model
        if cmd in ("weight", "grams", "place"):
            try:
                value = float(args[0])
            except (IndexError, ValueError):
                return "say how much, e.g. 'weight 1.234' (kg) or 'grams 1234'"
            m.gross_g = value if cmd == "grams" else value * 1000
            m.overload = m.underload = False
            return f"placed {m.gross_g:g} g"
        if cmd in ("overload", "underload"):  # a scale is over or under, never both
            m.overload, m.underload = cmd == "overload", cmd == "underload"
            return f"{cmd} now"
        simple = {"unstable": ("unstable", True), "stable": ("unstable", False)}
        if cmd in simple:
            attr, value_flag = simple[cmd]
            setattr(m, attr, value_flag)
            return f"{cmd} now"
        if cmd in ("normal", "clear"):
            m.overload = m.underload = m.unstable = False
            m.error = None
            return "back to normal"
        if cmd == "zero":
            m.zero()
            return "zeroed"
        if cmd == "tare":
            m.tare()
            return f"tare {m.tare_g:g} g"
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
