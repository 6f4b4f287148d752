"""Speakers for the scale protocols: MT-SICS, Toledo 8217, CAS, ACLAS, continuous lines.

They write their frames with `wire` (from the public formats), never with the parsers' code.
"""

from __future__ import annotations

from drivers.instruments.simulators import wire
from drivers.instruments.simulators.scale_model import ScaleModel, ScaleSpeaker

SERIAL = "SIM0000001"


class MtSicsSpeaker(ScaleSpeaker):
    """A 6200 g balance with 0.01 g division. `error ES|ET|EL|busy|module` sets error replies;
    `echo` answers `SI` as `SI S …` (some compatible balances do)."""

    protocol = "mt-sics"

    def __init__(self, model: ScaleModel | None = None) -> None:
        super().__init__(model or ScaleModel(capacity_g=6200.0, division_g=0.01))
        self._buf = b""
        self.period_s = None
        self._repeat = False
        self.echo_id = False
        self.i2_text: str | None = None  # what I2 says inside the quotes (default: model, capacity)

    def help(self) -> str:
        return f"{super().help()} | echo | noecho | i2 TEXT"

    def control(self, cmd: str, args: list[str]) -> str | None:
        if cmd in ("echo", "noecho"):
            self.echo_id = cmd == "echo"
            return (
                "weight replies carry the command's id" if self.echo_id else "weight replies say S"
            )
        if cmd == "i2":
            self.i2_text = " ".join(args) or None
            return f'I2 now answers "{self.i2_text or "SIM-BAL"}"'
        return super().control(cmd, args)

    def on_bytes(self, data: bytes) -> bytes:
        self._buf += data
        out = b""
        while b"\n" in self._buf:
            line, self._buf = self._buf.split(b"\n", 1)
            out += self._answer(line.strip().decode("ascii", "replace"))
        return out

    def tick(self) -> bytes:
        return self._weight("SIR") if self._repeat else b""

    def _weight(self, cmd: str) -> bytes:
        m = self.model
        rid = cmd if self.echo_id else "S"
        if m.error == "busy":
            return wire.mt_sics_reply(rid, "I")
        if m.error == "module":
            return wire.mt_sics_reply(rid, "S", " Error 3")
        if m.over():
            return wire.mt_sics_reply(rid, "+")
        if m.under():
            return wire.mt_sics_reply(rid, "-")
        if cmd == "S" and m.unstable:
            return wire.mt_sics_reply(rid, "I")  # S waits for stability; ours gives up at once
        decimals = max(0, len(f"{m.division_g:g}".partition(".")[2]))
        return wire.mt_sics_weight(
            "D" if m.unstable else "S", f"{m.net_g():.{decimals}f}", "g", rid
        )

    def _answer(self, cmd: str) -> bytes:
        m = self.model
        if m.error in ("ES", "ET", "EL"):
            return wire.mt_sics_reply(m.error)
        if cmd in ("S", "SI"):
            return self._weight(cmd)
        if cmd == "SIR":
            self._repeat, self.period_s = True, 0.1
            return self._weight(cmd)
        if cmd == "@":
            self._repeat, self.period_s = False, None
            return wire.mt_sics_reply("I4", "A", f'"{SERIAL}"')
        if cmd in ("Z", "ZI", "T", "TI"):
            return self._zero_or_tare(cmd)
        if cmd == "TAC":
            m.tare_g = 0.0
            return wire.mt_sics_reply("TAC", "A")
        if cmd == "I2":
            return wire.mt_sics_reply(
                "I2", "A", f'"{self.i2_text or f"SIM-BAL {m.capacity_g:.2f} g"}"'
            )
        if cmd == "I4":
            return wire.mt_sics_reply("I4", "A", f'"{SERIAL}"')
        return wire.mt_sics_reply("ES")

    def _zero_or_tare(self, cmd: str) -> bytes:
        """`Z`/`T` wait for stability (`I` while moving); `ZI`/`TI` act at once and say `D`
        when the load was moving. Overload, underload and out-of-range loads are refused
        with `+`/`-`, as a real balance does."""
        m = self.model
        moving = m.unstable
        m.unstable = moving and cmd in ("Z", "T")  # ZI/TI ignore motion
        try:
            why = m.zero() if cmd.startswith("Z") else m.tare()
        finally:
            m.unstable = moving
        if why:
            return wire.mt_sics_reply(cmd, why)
        state = "D" if moving else "S"
        if cmd == "Z":
            return wire.mt_sics_reply("Z", "A")
        if cmd == "ZI":
            return wire.mt_sics_reply("ZI", state)
        return wire.mt_sics_weight(state, f"{m.tare_g:.2f}", "g", cmd)


class ToledoSpeaker(ScaleSpeaker):
    """A 15 kg ECR scale, 0.01 kg shown. `error` makes it answer "not ready". Zero and tare
    have no reply: a refused one simply does nothing, as on the real scale."""

    protocol = "toledo-8217"

    def __init__(self, model: ScaleModel | None = None) -> None:
        super().__init__(model or ScaleModel(division_g=10.0))
        self._buf = b""

    def on_bytes(self, data: bytes) -> bytes:
        out = b""
        for byte in data:
            ch = bytes([byte & 0x7F])
            self._buf = (self._buf + ch)[-6:]
            if self._buf.endswith(b"Ehello"):
                out += wire.TOLEDO_PROBE_REPLY
            elif ch == b"W":
                out += self._weight()
            elif ch == b"Z":
                self.model.zero()
            elif ch == b"T":
                self.model.tare()
            elif ch == b"C":
                self.model.tare_g = 0.0
        return out

    def _weight(self) -> bytes:
        m = self.model
        if m.error:
            return wire.toledo_status(wire.TOLEDO_OUT_OF_ZERO)
        net = m.net_g()
        if m.over():
            return wire.toledo_status(wire.TOLEDO_OVER)
        if m.under() or net < 0:
            return wire.toledo_status(wire.TOLEDO_UNDER)
        if m.unstable:
            return wire.toledo_status(wire.TOLEDO_MOTION)
        return wire.toledo_weight(round(net / 1000, 2))


class CasSpeaker(ScaleSpeaker):
    """A 15 kg CAS retail scale, 1 g shown. `error` makes it answer NAK."""

    protocol = "cas"

    def __init__(self, model: ScaleModel | None = None) -> None:
        super().__init__(model)
        self._buf = b""

    def on_bytes(self, data: bytes) -> bytes:
        out = b""
        self._buf += data
        while self._buf:
            if self._buf.startswith(wire.CAS_ENQ):
                out += wire.CAS_NAK if self.model.error else wire.CAS_ACK
                self._buf = self._buf[1:]
            elif self._buf.startswith(wire.CAS_DC1):
                out += b"" if self.model.error else self._frame()
                self._buf = self._buf[1:]
            elif self._buf.startswith((b"<ZK>\t", b"<TK>\t")):
                self.model.zero() if self._buf[1:3] == b"ZK" else self.model.tare()
                self._buf = self._buf[5:]
            elif b"<ZK>\t".startswith(self._buf) or b"<TK>\t".startswith(self._buf):
                break  # wait for the rest of the key code
            else:
                self._buf = self._buf[1:]
        return out

    def _frame(self) -> bytes:
        m = self.model
        net = m.net_g()
        if m.over():
            return wire.cas_weight(not m.unstable, "999.999", sign="F")
        sign = "-" if net < 0 else " "
        return wire.cas_weight(not m.unstable, f"{abs(net) / 1000:07.3f}", sign=sign)


class AclasSpeaker(ScaleSpeaker):
    """ACLAS OS2X active mode, 10 frames a second. `error` corrupts the checksum."""

    protocol = "aclas"
    period_s = 0.1

    def tick(self) -> bytes:
        m = self.model
        net = m.net_g()
        flag = (wire.ACLAS_AT_ZERO if abs(net) < m.division_g / 2 else 0) | (
            wire.ACLAS_TARE if m.tare_g else 0
        )
        if m.over():
            frame = wire.aclas_frame("F", " ", "99.999", flag=flag | wire.ACLAS_OUT_OF_RANGE)
        elif m.under():
            frame = wire.aclas_frame("F", "-", "00.000", flag=flag | wire.ACLAS_OUT_OF_RANGE)
        else:
            frame = wire.aclas_frame(
                "U" if m.unstable else "S",
                "-" if net < 0 else " ",
                f"{abs(net) / 1000:06.3f}",
                flag=flag,
            )
        if m.error:
            frame = frame[:12] + bytes([frame[12] ^ 0xFF]) + frame[13:]
        return frame


class ContinuousSpeaker(ScaleSpeaker):
    """Continuous ST/US/OL lines, 10 a second; `variant 22` adds the CAS id and lamp bytes."""

    protocol = "continuous"
    period_s = 0.1

    def __init__(self, model: ScaleModel | None = None) -> None:
        super().__init__(model)
        self.device_lamp = ""

    def control(self, cmd: str, args: list[str]) -> str | None:
        if cmd == "variant":
            self.device_lamp = "1@" if args and args[0] == "22" else ""
            return f"variant {'22-byte' if self.device_lamp else 'plain'}"
        return super().control(cmd, args)

    def tick(self) -> bytes:
        m = self.model
        if m.error:
            return b"S?,G?,#### garbage\r\n"
        net = m.net_g()
        mode = "NT" if m.tare_g else "GS"
        state = "OL" if m.over() else "UL" if m.under() else "US" if m.unstable else "ST"
        value = f"{'-' if net < 0 else '+'}{abs(net) / 1000:7.3f}"
        return wire.continuous_line(state, value, "kg", mode, self.device_lamp)
