"""Speakers for the line instruments: ATAGO PRM-2000α, SIM-BRIX/1, SIM-PEST/1.

They print a line per measurement: on `measure` (or `brix X`, `sample …`) at once, and every
`period_s` for demos (`period 0` stops the automatic lines)."""

from __future__ import annotations

from datetime import UTC, datetime

from drivers.instruments.simulators import wire
from drivers.instruments.simulators.engine import Speaker


class _LineSpeaker(Speaker):
    def __init__(self, period_s: float | None = 1.0) -> None:
        self.period_s = period_s
        self.queued = b""

    def due(self) -> bytes:
        out, self.queued = self.queued, b""
        return out

    def tick(self) -> bytes:
        return self.measure()

    def measure(self) -> bytes:
        return b""

    def _common(self, cmd: str, args: list[str]) -> str | None:
        if cmd == "period":
            seconds = float(args[0]) if args else 0.0
            self.period_s = seconds if seconds > 0 else None
            return f"automatic lines every {seconds:g} s" if seconds > 0 else "automatic lines off"
        if cmd == "measure":
            self.queued += self.measure()
            return "measured"
        return None


class BrixSpeaker(_LineSpeaker):
    """SIM-BRIX/1. `brix 12.8`, `temp 23.4`, `raw` / `atc`, `code E01|E02|HI|LO|OK`, `badsum`."""

    protocol = "brix"

    def __init__(self, period_s: float | None = 1.0) -> None:
        super().__init__(period_s)
        self.seq, self.brix, self.temp, self.atc, self.code = 0, 12.8, 23.4, True, "OK"
        self.bad_checksum = False

    def help(self) -> str:
        return "brix X | temp C | atc | raw | code OK|HI|LO|E01|E02 | badsum | measure | period S"

    def measure(self) -> bytes:
        self.seq += 1
        nd = 1.3330 + self.brix * 0.00148
        line = wire.brix_line(self.seq, self.brix, self.temp, atc=self.atc, nd=nd, code=self.code)
        if self.bad_checksum:
            line = line[:-4] + (b"00" if line[-4:-2] != b"00" else b"FF") + b"\r\n"
        return line

    def control(self, cmd: str, args: list[str]) -> str | None:
        try:
            if cmd == "brix":
                self.brix, self.code = float(args[0]), "OK"
                self.queued += self.measure()
                return f"brix {self.brix:.1f}"
            if cmd == "temp":
                self.temp = float(args[0])
                return f"temperature {self.temp:.1f} °C"
        except (IndexError, ValueError):
            return "give a number, e.g. 'brix 12.8'"
        if cmd in ("atc", "raw"):
            self.atc = cmd == "atc"
            return cmd
        if cmd in ("code", "error"):
            self.code = (args[0] if args else "E01").upper()
            if self.code not in ("OK", "HI", "LO", "E01", "E02"):
                self.code = "E01"
            return f"status {self.code}"
        if cmd in ("badsum", "goodsum"):
            self.bad_checksum = cmd == "badsum"
            return cmd
        return self._common(cmd, args)


class AtagoSpeaker(BrixSpeaker):
    """ATAGO PRM-2000α line; `code HI` prints dashes where the numbers go."""

    protocol = "atago-prm"

    def measure(self) -> bytes:
        nd = 1.3330 + self.brix * 0.00148
        if self.code != "OK":
            return b"-.-----,--.---,--.---,--.---,------,023.40,1\r\n"
        return wire.atago_line(self.brix, self.temp, nd)


def reader_verdict(da0: float, dat: float) -> tuple[float, str]:
    """The reader's own arithmetic (GB/T 5009.199 with the 50 %/40 % thresholds)."""
    if not 0.3 <= da0 <= 0.8:
        return (0.0 if da0 <= 0 else (da0 - dat) / da0 * 100), "INV"
    inhibition = (da0 - dat) / da0 * 100
    return inhibition, "POS" if inhibition >= 50 else "SUS" if inhibition >= 40 else "NEG"


class PestSpeaker(_LineSpeaker):
    """SIM-PEST/1. `control 0.512`, `sample S0007 0.471` (ΔAₜ), `verdict POS` (force the
    reader's verdict, to test disagreement), `badsum`."""

    protocol = "pesticide"

    def __init__(self, period_s: float | None = 1.0) -> None:
        super().__init__(period_s)
        self.da0, self.dat, self.sample, self.channel = 0.512, 0.471, "S0001", 1
        self.forced: str | None = None
        self.bad_checksum = False

    def help(self) -> str:
        return "control DA0 | sample ID DAT | verdict NEG|SUS|POS|INV | badsum | measure | period S"

    def _now(self) -> str:
        return datetime.now(UTC).replace(microsecond=0).isoformat()

    def control_line(self) -> bytes:
        state = "LOWACT" if self.da0 < 0.3 else "HIGHACT" if self.da0 > 0.8 else "OK"
        return wire.pest_control(0, self.da0, state, self._now())

    def measure(self) -> bytes:
        inhibition, verdict = reader_verdict(self.da0, self.dat)
        line = wire.pest_result(
            self.channel,
            self.sample,
            self.da0,
            self.dat,
            inhibition,
            self.forced or verdict,
            self._now(),
        )
        self.channel = self.channel % 8 + 1
        if self.bad_checksum:
            line = line[:-4] + (b"00" if line[-4:-2] != b"00" else b"FF") + b"\r\n"
        return line

    def control(self, cmd: str, args: list[str]) -> str | None:
        try:
            if cmd == "control":
                self.da0 = float(args[0])
                self.queued += self.control_line()
                return f"control ΔA₀ {self.da0:.3f}"
            if cmd == "sample":
                self.sample, self.dat = args[0], float(args[1])
                self.queued += self.measure()
                return f"sample {self.sample} ΔAₜ {self.dat:.3f}"
        except (IndexError, ValueError):
            return "e.g. 'control 0.512' or 'sample S0007 0.471'"
        if cmd == "verdict":
            self.forced = args[0].upper() if args else None
            return f"reader verdict forced to {self.forced}"
        if cmd in ("badsum", "goodsum"):
            self.bad_checksum = cmd == "badsum"
            return cmd
        return self._common(cmd, args)
