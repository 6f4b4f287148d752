"""Pure parsers on exact bytes: each status of each protocol, units, checksums, framing and
the stability gate."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drivers.instruments.framing import Framer
from drivers.instruments.protocols import (
    aclas,
    atago_prm,
    continuous,
    mt_sics,
    sim_brix,
    sim_pest,
    toledo_8217,
)
from drivers.instruments.registry import get_profile, profiles
from drivers.instruments.stability import StabilityGate
from kiosk.errors import DeviceError
from kiosk.ports import Reading, ReadingKind, ReadingStatus, utcnow

S = ReadingStatus


def status(reading: Reading | None) -> tuple[str, float | None]:
    assert reading is not None
    return reading.status.value, reading.value


def test_registry_has_exactly_the_documented_names() -> None:
    assert set(profiles()) == {
        "mt-sics",
        "toledo-8217",
        "cas",
        "aclas",
        "continuous",
        "atago-prm",
        "brix",
        "pesticide",
    }
    assert get_profile("aclas", baudrate=2400).baudrate == 2400
    toledo = get_profile("toledo-8217")
    assert (toledo.bytesize, toledo.parity, toledo.stopbits) == (7, "E", 1)
    assert get_profile("atago-prm").parity == "O"
    with pytest.raises(DeviceError, match="Known protocols"):
        get_profile("dahua")


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b"S S      100.00 g\r\n", ("ok", 100.0)),
        (b"S D      100.02 g\r\n", ("motion", 100.02)),
        (b"S S     -12.34 g\r\n", ("ok", -12.34)),
        (b"S S       1.234 kg\r\n", ("ok", 1234.0)),
        (b"S S     10.000 lb\r\n", ("ok", 4535.9237)),
        (b"S +\r\n", ("overload", None)),
        (b"S -\r\n", ("underload", None)),
        (b"S I\r\n", ("error", None)),
        (b"ES\r\n", ("error", None)),
        (b"ET\r\n", ("error", None)),
        (b"EL\r\n", ("error", None)),
        (b"S S  Error 3\r\n", ("error", None)),
        (b"Z I\r\n", ("error", None)),
        (b"S S      100.00 furlong\r\n", ("error", None)),
    ],
)
def test_mt_sics(raw: bytes, expected: tuple[str, float | None]) -> None:
    assert status(mt_sics.parse(raw)) == expected


def test_mt_sics_acks_are_not_readings() -> None:
    assert mt_sics.parse(b"Z A\r\n") is None
    assert mt_sics.parse(b"T S      120.50 g\r\n") is None
    assert mt_sics.parse(b'I4 A "B021002593"\r\n') is None
    assert mt_sics.parse_identity(b'I4 A "B021002593"\r\n') == ("I4", "B021002593")
    reading = mt_sics.parse(b"S S      100.00 g\r\n")
    assert reading is not None and dict(reading.extra)["division_g"] == "0.01"


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b"\x02001.25\r", ("ok", 1250.0)),
        (b"\x02012.50\r", ("ok", 12500.0)),
        (b"\x02?A\r", ("motion", None)),  # 0x41: bit 0 motion, bit 6 always 1
        (b"\x02?B\r", ("overload", None)),
        (b"\x02?D\r", ("underload", None)),
        (b"\x02?H\r", ("error", None)),  # outside zero-capture range
        (b"\x02?\xc1\r", ("motion", None)),  # parity bit set on the wire: masked away
        (b"\x0200x.25\r", ("error", None)),
    ],
)
def test_toledo(raw: bytes, expected: tuple[str, float | None]) -> None:
    assert status(toledo_8217.parse(raw)) == expected


def test_toledo_probe_reply_is_no_reading() -> None:
    assert toledo_8217.parse(toledo_8217.PROBE_REPLY) is None


def test_aclas_flags() -> None:
    # XOR(01 02 "S 01.234kg") = 0x66; flag 0x20 = tare
    reading = aclas.parse(b"\x01\x02S 01.234kg\x66\x03\x04\x20")
    assert status(reading) == ("ok", 1234.0)
    assert reading is not None and dict(reading.extra)["tare"] == "true"
    assert dict(reading.extra)["at_zero"] == "false"


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b"ST,GS,+  1.234kg\r\n", ("ok", 1234.0)),
        (b"US,GS,+  1.234kg\r\n", ("motion", 1234.0)),
        (b"ST,NT,-  0.120kg\r\n", ("ok", -120.0)),
        (b"ST,GS,+001.234kg\r\n", ("ok", 1234.0)),
        (b"ST,GS,   250.5 g\r\n", ("ok", 250.5)),
        (b"OL,GS,+  9.999kg\r\n", ("overload", None)),
        (b"UL,GS,-  9.999kg\r\n", ("underload", None)),
        (b"ST,GS,1@+  1.234kg\r\n", ("ok", 1234.0)),  # CAS 22-byte variant: id + lamp bytes
        (b"ST,XX,+  1.234kg\r\n", ("error", None)),
        (b"\xff\xfe", ("error", None)),
    ],
)
def test_continuous(raw: bytes, expected: tuple[str, float | None]) -> None:
    assert status(continuous.parse(raw)) == expected


def test_continuous_variant_side_values() -> None:
    reading = continuous.parse(b"ST,NT,1@+  1.234kg\r\n")
    assert reading is not None
    assert dict(reading.extra)["device_id"] == "1" and dict(reading.extra)["mode"] == "net"


def test_atago_prm() -> None:
    line = b"1.35203,12.800,12.800,12.800,012.80,023.40,1\r\n"
    reading = atago_prm.parse(line)
    assert status(reading) == ("ok", 12.8)
    assert reading is not None and dict(reading.extra)["nD"] == "1.35203"
    assert status(atago_prm.parse(b"1.35203,12.800\r\n")) == ("error", None)


# XOR of each body written out: `BRX,000123,12.8,%Brix,23.4,ATC,1.35203,<code>`
BRIX_CODES = {"OK": "14", "HI": "11", "LO": "13", "E01": "54", "E02": "57"}


def test_sim_brix_checksum_and_codes() -> None:
    line = b"BRX,000123,12.8,%Brix,23.4,ATC,1.35203,OK*14\r\n"
    assert status(sim_brix.parse(line)) == ("ok", 12.8)
    assert status(sim_brix.parse(line.replace(b"12.8", b"12.9"))) == ("error", None)
    for code, xx in BRIX_CODES.items():
        frame = f"BRX,000123,12.8,%Brix,23.4,ATC,1.35203,{code}*{xx}\r\n".encode()
        reading = sim_brix.parse(frame)
        assert reading is not None and dict(reading.extra).get("code") == code, reading
        assert status(reading) == (("ok", 12.8) if code == "OK" else ("error", None))
    assert status(sim_brix.parse(line[:-5] + b"\r\n")) == ("error", None)  # no checksum at all


def test_sim_pest_lines() -> None:
    line = b"PST,03,S0007,0.512,0.471,8.0,NEG,2026-06-01T10:15:02+08:00*09\r\n"
    reading = sim_pest.parse(line)
    assert status(reading) == ("ok", 8.0)
    assert reading is not None and dict(reading.extra)["reader_verdict"] == "NEG"
    # XOR("CTL,01,0.250,LOWACT,2026-06-01T10:15:02+08:00") = 0x3A
    ctl = sim_pest.parse(b"CTL,01,0.250,LOWACT,2026-06-01T10:15:02+08:00*3A\r\n")
    assert ctl is not None and dict(ctl.extra)["control"] == "LOWACT" and ctl.value is None
    assert status(sim_pest.parse(line[:-5] + b"00\r\n")) == ("error", None)


def test_framer_noise_partial_frames_and_overflow() -> None:
    framer = Framer(get_profile("toledo-8217").frame_re, max_frame=32)
    assert framer.feed(b"junk\x0200") == []  # noise is only cut off once a frame follows
    assert framer.pending == b"junk\x0200"
    assert framer.feed(b"1.25\r") == [b"junk", b"\x02001.25\r"]
    assert framer.feed(b"\x02E\r") == []  # could still become the probe reply
    assert framer.feed(b"hel") == []
    assert framer.feed(b"lo") == [b"\x02E\rhello"]
    assert framer.feed(b"x" * 40) == [b"x" * 40]
    assert framer.pending == b""


def _weight(value: float, stable: bool = True) -> Reading:
    reading = mt_sics.parse(f"S {'S' if stable else 'D'} {value:>10.2f} g\r\n".encode())
    assert reading is not None
    return reading


def test_stability_gate_needs_flag_and_three_agreeing_readings() -> None:
    gate = StabilityGate(3)
    seq = [gate.apply(_weight(v)) for v in (100.0, 100.01, 100.0)]
    assert [r.stable for r in seq] == [False, False, True]
    jumped = gate.apply(_weight(100.05))  # 0.05 g apart > one division: settling again
    assert jumped.stable is False and jumped.status is S.OK  # the scale itself said stable
    assert gate.apply(_weight(100.05, stable=False)).stable is False  # flag says moving
    gate.reset()
    limit = Reading(ReadingKind.WEIGHT, None, "g", False, S.OVERLOAD, b"S +\r\n", utcnow())
    assert gate.apply(limit) is limit


def test_stability_gate_without_flag_uses_readings_alone() -> None:
    gate = StabilityGate(3, division_g=1.0, has_flag=False)
    unflagged = replace(_weight(5.0), stable=False)
    assert [gate.apply(unflagged).stable for _ in range(3)] == [False, False, True]
    brix = Reading(ReadingKind.BRIX, 12.0, "%Brix", True, S.OK, b"", utcnow())
    assert gate.apply(brix) is brix
