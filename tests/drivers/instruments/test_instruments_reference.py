"""Parsers and simulators against the literal reference frames (reference_frames.py), not
against each other: a misread format can no longer agree with itself."""

from __future__ import annotations

import pytest
from reference_frames import BY_PROTOCOL, MT_SICS, TOLEDO_STATUS_WORDS, Row

from drivers.instruments.framing import Framer
from drivers.instruments.protocols import mt_sics
from drivers.instruments.registry import get_profile
from drivers.instruments.simulators import make_simulator
from drivers.instruments.simulators.scale_model import ScaleModel
from drivers.instruments.simulators.sim_lines import AtagoSpeaker, BrixSpeaker, PestSpeaker
from drivers.instruments.simulators.sim_scales import (
    AclasSpeaker,
    CasSpeaker,
    ContinuousSpeaker,
    MtSicsSpeaker,
    ToledoSpeaker,
)

CASES = [(name, row) for name, rows in BY_PROTOCOL.items() for row in rows]


def case_id(case: tuple[str, Row]) -> str:
    name, (frame, _, _, note) = case
    return f"{name}:{note or frame!r}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_reference_frame_parses_as_documented(case: tuple[str, Row]) -> None:
    name, (frame, status, value, note) = case
    reading = get_profile(name).parse(frame, None)
    if status is None:
        assert reading is None, (note, reading)
        return
    assert reading is not None, note
    assert (reading.status.value, reading.value) == (status, value), (note, dict(reading.extra))
    assert reading.raw == frame


@pytest.mark.parametrize("name", sorted(BY_PROTOCOL))
def test_reference_frames_come_out_of_the_framer_whole(name: str) -> None:
    """Whatever the parser accepts, the framer must deliver in one piece, byte by byte."""
    profile = get_profile(name)
    frames = [
        row[0] for row in BY_PROTOCOL[name] if row[1] != "error" or row[0].startswith(b"\x02")
    ]
    framer = Framer(profile.frame_re, profile.max_frame)
    out: list[bytes] = []
    for frame in frames:
        for i in range(len(frame)):
            out += framer.feed(frame[i : i + 1])
    assert out == frames


def test_toledo_not_ready_names_the_bits_actually_set() -> None:
    parse = get_profile("toledo-8217").parse
    for frame, words in TOLEDO_STATUS_WORDS.items():
        reading = parse(frame, None)
        assert reading is not None
        why = dict(reading.extra)["error"]
        assert "zero-capture" not in why and words in why, why
    only_bit3 = parse(b"\x02?H\r", None)
    assert only_bit3 is not None and "outside zero-capture range" in dict(only_bit3.extra)["error"]


def test_toledo_net_suffix_is_reported_as_net() -> None:
    reading = get_profile("toledo-8217").parse(b"\x021.25N\r", None)
    assert reading is not None and dict(reading.extra)["mode"] == "net"


@pytest.mark.parametrize(
    "frame,words",
    [
        (b"Z +\r\n", "zero refused: the load is above the zero-setting range"),
        (b"Z -\r\n", "zero refused: the load is below the zero-setting range"),
        (b"ZI +\r\n", "zero refused: the load is above the zero-setting range"),
        (b"T -\r\n", "tare refused: the load is below the taring range"),
        (b"Z I\r\n", "Z refused: not executable now"),
    ],
)
def test_mt_sics_refusals_in_words(frame: bytes, words: str) -> None:
    reading = mt_sics.parse(frame)
    assert reading is not None and dict(reading.extra)["error"] == words


def test_mt_sics_i2_gives_the_display_division() -> None:
    assert mt_sics.division_from_i2(b'I2 A "SIM-BAL 6200.00 g"\r\n') == pytest.approx(0.01)
    assert mt_sics.division_from_i2(b'I2 A "IND560 60.000 kg"\r\n') == pytest.approx(1.0)
    assert mt_sics.division_from_i2(b'I2 A "PB3002 3100 g"\r\n') == pytest.approx(1.0)
    assert mt_sics.division_from_i2(b'I4 A "B021002593"\r\n') is None
    assert mt_sics.division_from_i2(b"S S     100.00 g\r\n") is None


# --- the simulators write the reference bytes ------------------------------------------------
def ref(rows: list[Row], note: str) -> bytes:
    return next(row[0] for row in rows if row[3] == note)


def test_mt_sics_simulator_writes_reference_bytes() -> None:
    sim = MtSicsSpeaker()
    sim.control("weight", ["0.1"])
    assert sim.on_bytes(b"SI\r\n") == ref(MT_SICS, "manual example, value in 10 columns")
    assert sim.on_bytes(b"I2\r\n") == ref(MT_SICS, "balance data")
    sim.control("echo", [])
    assert sim.on_bytes(b"SI\r\n") == b"SI S     100.00 g\r\n"
    sim.control("overload", [])
    assert sim.on_bytes(b"SI\r\n") == ref(MT_SICS, "echo, overload")


def test_scale_simulators_write_reference_bytes() -> None:
    toledo = ToledoSpeaker()
    toledo.control("weight", ["1.25"])
    assert toledo.on_bytes(b"W") == ref(BY_PROTOCOL["toledo-8217"], "6 characters, leading zeros")
    toledo.control("unstable", [])
    assert toledo.on_bytes(b"W") == b"\x02?A\r"
    assert toledo.on_bytes(b"Ehello") == b"\x02E\rhello"

    cas = CasSpeaker()
    cas.control("weight", ["1.234"])
    assert cas.on_bytes(b"\x05\x11") == b"\x06" + ref(BY_PROTOCOL["cas"], "")
    cas.control("grams", ["-120"])
    assert cas.on_bytes(b"\x11") == b"\x01\x02S-000.120kg\x5f\x03\x04"

    aclas = AclasSpeaker()
    aclas.control("weight", ["1.234"])
    assert aclas.tick() == b"\x01\x02S 01.234kg\x66\x03\x04\x00"

    cont = ContinuousSpeaker()
    cont.control("weight", ["1.234"])
    assert cont.tick() == b"ST,GS,+  1.234kg\r\n"


def test_line_simulators_write_reference_bytes() -> None:
    brix = BrixSpeaker()
    brix.control("brix", ["12.8"])
    # nD follows the Brix (1.3330 + 0.00148 × 12.8 = 1.35194); XOR of the body = 0x18
    assert brix.due() == b"BRX,000001,12.8,%Brix,23.4,ATC,1.35194,OK*18\r\n"
    atago = AtagoSpeaker()
    atago.control("brix", ["12.8"])
    assert atago.measure() == b"1.35194,12.800,12.800,12.800,012.80,023.40,1\r\n"
    pest = PestSpeaker()
    line = pest.control_line()
    assert line.startswith(b"CTL,00,0.512,OK,") and line.endswith(b"\r\n")
    assert get_profile("pesticide").parse(line, None) is not None


# --- the simulators refuse what a real balance refuses ---------------------------------------
@pytest.mark.parametrize(
    "state,command,reply",
    [
        ("overload", b"Z\r\n", b"Z +\r\n"),
        ("underload", b"Z\r\n", b"Z -\r\n"),
        ("overload", b"T\r\n", b"T +\r\n"),
        ("underload", b"T\r\n", b"T -\r\n"),
        ("overload", b"ZI\r\n", b"ZI +\r\n"),
        ("underload", b"TI\r\n", b"TI -\r\n"),
    ],
)
def test_mt_sics_simulator_refuses_zero_and_tare_out_of_range(
    state: str, command: bytes, reply: bytes
) -> None:
    sim = MtSicsSpeaker()
    sim.control("weight", ["0.05"])
    sim.control(state, [])
    before = (sim.model.zero_g, sim.model.tare_g)
    assert sim.on_bytes(command) == reply
    assert (sim.model.zero_g, sim.model.tare_g) == before


def test_mt_sics_simulator_zeroes_only_inside_the_zero_range() -> None:
    sim = MtSicsSpeaker()  # 6200 g: ±2 % = ±124 g around the power-on zero
    sim.control("grams", ["120"])
    assert sim.on_bytes(b"Z\r\n") == b"Z A\r\n"
    sim.control("grams", ["1000"])
    assert sim.on_bytes(b"Z\r\n") == b"Z +\r\n"
    assert sim.on_bytes(b"SI\r\n") == b"S S     880.00 g\r\n"  # the earlier zero (120 g) stands
    sim.control("grams", ["-200"])
    assert sim.on_bytes(b"Z\r\n") == b"Z -\r\n"
    sim.control("grams", ["500"])
    assert sim.on_bytes(b"T\r\n") == b"T S     380.00 g\r\n"
    sim.control("unstable", [])
    assert sim.on_bytes(b"Z\r\n") == b"Z I\r\n"
    assert sim.on_bytes(b"ZI\r\n") == b"ZI +\r\n"  # ZI ignores motion, not the range


@pytest.mark.parametrize("protocol,zero", [("toledo-8217", b"Z"), ("cas", b"<ZK>\t")])
def test_reply_less_scales_ignore_a_refused_zero(protocol: str, zero: bytes) -> None:
    speaker = make_simulator(protocol).speaker
    assert isinstance(speaker, (ToledoSpeaker, CasSpeaker))
    speaker.model = ScaleModel(division_g=10.0)
    speaker.control("weight", ["1"])  # 1 kg on 15 kg: outside ±300 g
    speaker.on_bytes(zero)
    assert speaker.model.zero_g == 0.0
    speaker.control("overload", [])
    speaker.on_bytes(b"T" if protocol == "toledo-8217" else b"<TK>\t")
    assert speaker.model.tare_g == 0.0
    assert speaker.control("zero", []) == "zero refused: above the range"
