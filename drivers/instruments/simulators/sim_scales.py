"""Speakers for the scale protocols: MT-SICS, Toledo 8217, CAS, ACLAS, continuous lines."""

from __future__ import annotations

from drivers.instruments.protocols import aclas, cas, continuous, mt_sics, toledo_8217
from drivers.instruments.simulators.scale_model import ScaleModel, ScaleSpeaker

SERIAL = "SIM0000001"


class MtSicsSpeaker(ScaleSpeaker):
    """A 6200 g balance with 0.01 g division. `error ES|ET|EL|busy|module` sets error replies."""

    protocol = "mt-sics"

    def __init__(self, model: ScaleModel | None = None) -> None:
        super().__init__(model or ScaleModel(capacity_g=6200.0, division_g=0.01))
        self._buf = b""
        self.period_s = None
        self._repeat = False

    def on_bytes(self, data: bytes) -> bytes:
        self._buf += data
        out = b""
        while b"\n" in self._buf:
            line, self._buf = self._buf.split(b"\n", 1)
            out += self._answer(line.strip().decode("ascii", "replace"))
        return out

    def tick(self) -> bytes:
        return self._weight("S") if self._repeat else b""

    def _weight(self, cmd: str) -> bytes:
        m = self.model
        if m.error == "busy":
            return b"S I\r\n"
        if m.error == "module":
            return b"S S  Error 3\r\n"
        if m.over():
            return b"S +\r\n"
        if m.under():
            return b"S -\r\n"
        if cmd == "S" and m.unstable:
            return b"S I\r\n"  # S waits for stability; our balance gives up at once
        return mt_sics.encode_weight("D" if m.unstable else "S", f"{m.net_g():.2f}", "g")

    def _answer(self, cmd: str) -> bytes:
        m = self.model
        if m.error in ("ES", "ET", "EL"):
            return f"{m.error}\r\n".encode()
        if cmd in ("S", "SI"):
            return self._weight(cmd)
        if cmd == "SIR":
            self._repeat, self.period_s = True, 0.1
            return self._weight("S")
        if cmd == "@":
            self._repeat, self.period_s = False, None
            return f'I4 A "{SERIAL}"\r\n'.encode()
        if cmd in ("Z", "T") and m.unstable:
            return f"{cmd} I\r\n".encode()
        if cmd == "Z":
            m.zero()
            return b"Z A\r\n"
        if cmd == "T":
            m.tare()
            return mt_sics.encode_weight("S", f"{m.tare_g:.2f}", "g", cmd="T")
        if cmd == "TAC":
            m.tare_g = 0.0
            return b"TAC A\r\n"
        if cmd == "I2":
            return b'I2 A "SIM-BAL 6200.00 g"\r\n'
        if cmd == "I4":
            return f'I4 A "{SERIAL}"\r\n'.encode()
        return b"ES\r\n"


class ToledoSpeaker(ScaleSpeaker):
    """A 15 kg ECR scale, 0.01 kg shown. `error` makes it answer "not ready"."""

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
                out += toledo_8217.PROBE_REPLY
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
            return toledo_8217.encode_status(toledo_8217.OUT_OF_ZERO)
        net = m.net_g()
        if m.over():
            return toledo_8217.encode_status(toledo_8217.OVER)
        if m.under() or net < 0:
            return toledo_8217.encode_status(toledo_8217.UNDER)
        if m.unstable:
            return toledo_8217.encode_status(toledo_8217.MOTION)
        return toledo_8217.encode_weight(round(net / 1000, 2))


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
            if self._buf.startswith(cas.ENQ):
                out += cas.NAK if self.model.error else cas.ACK
                self._buf = self._buf[1:]
            elif self._buf.startswith(cas.DC1):
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
            return cas.encode_weight(not m.unstable, "999.999", sign="F")
        sign = "-" if net < 0 else " "
        return cas.encode_weight(not m.unstable, f"{abs(net) / 1000:07.3f}", sign=sign)


class AclasSpeaker(ScaleSpeaker):
    """ACLAS OS2X active mode, 10 frames a second. `error` corrupts the checksum."""

    protocol = "aclas"
    period_s = 0.1

    def tick(self) -> bytes:
        m = self.model
        net = m.net_g()
        flag = (aclas.AT_ZERO if abs(net) < m.division_g / 2 else 0) | (aclas.TARE if m.tare_g else 0)
        if m.over():
            frame = aclas.encode_frame("F", " ", "99.999", flag=flag | aclas.OUT_OF_RANGE)
        elif m.under():
            frame = aclas.encode_frame("F", "-", "00.000", flag=flag | aclas.OUT_OF_RANGE)
        else:
            frame = aclas.encode_frame("U" if m.unstable else "S", "-" if net < 0 else " ",
                                       f"{abs(net) / 1000:06.3f}", flag=flag)
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
        return continuous.encode_line(state, value, "kg", mode, self.device_lamp)
