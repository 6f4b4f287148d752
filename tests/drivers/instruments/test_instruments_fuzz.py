"""Hypothesis: no parser raises on any bytes; valid frames cut at random places come out of
the framer whole and parse the same."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings, strategies as st

from drivers.instruments.framing import Framer
from drivers.instruments.protocols import (
    aclas,
    atago_prm as atago,
    cas,
    continuous,
    sim_brix,
    sim_pest,
    toledo_8217 as toledo,
)
from drivers.instruments.registry import profiles
from kiosk.ports import Reading, ReadingStatus

NAMES = sorted(profiles())
VALID = {
    "mt-sics": [b"S S      100.00 g\r\n", b"S D       1.234 kg\r\n", b"S +\r\n", b"ES\r\n", b"Z A\r\n"],
    "toledo-8217": [toledo.encode_weight(1.25), toledo.encode_status(toledo.MOTION),
                    toledo.PROBE_REPLY],
    "cas": [b"\x06", cas.encode_weight(True, "001.234"), cas.encode_weight(False, "003.000", sign="-")],
    "aclas": [aclas.encode_frame("S", " ", "01.234"), aclas.encode_frame("U", "-", "00.100", flag=0x33)],
    "continuous": [continuous.encode_line("ST", "+  1.234"), continuous.encode_line("US", "-  0.010")],
    "atago-prm": [atago.encode_line(12.8, 23.4, 1.35203)],
    "brix": [sim_brix.encode_line(5, 12.8, 23.4), sim_brix.encode_line(6, 3.1, 30.0, code="E02")],
    "pesticide": [sim_pest.encode_control(0, 0.5, "OK", "2026-06-01T10:15:02+08:00"),
                  sim_pest.encode_result(3, "S0007", 0.512, 0.471, 8.0, "NEG", "2026-06-01T10:15:02Z")],
}


def bare(name: str) -> Callable[[bytes, None], Reading | None]:
    """The parser without its never-raise safety net, so the fuzz finds real parser bugs."""
    parse = profiles()[name].parse
    inner: Callable[[bytes, None], Reading | None] = getattr(parse, "__wrapped__", parse)
    return inner


def check(reading: Reading | None) -> None:
    if reading is None:
        return
    assert isinstance(reading, Reading)
    if reading.status in (ReadingStatus.OVERLOAD, ReadingStatus.UNDERLOAD, ReadingStatus.ERROR):
        assert reading.value is None


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=64))
def test_parsers_never_raise_on_random_bytes(name: str, data: bytes) -> None:
    check(profiles()[name].parse(data, None))
    check(bare(name)(data, None))


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_parsers_never_raise_on_mutated_frames(name: str, data: st.DataObject) -> None:
    frame = bytearray(data.draw(st.sampled_from(VALID[name])))
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(frame) - 1))
        frame[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(frame)))
    check(profiles()[name].parse(bytes(frame[:cut]), None))
    check(profiles()[name].parse(bytes(frame), None))
    check(bare(name)(bytes(frame[:cut]), None))
    check(bare(name)(bytes(frame), None))


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_random_chunking_through_the_framer(name: str, data: st.DataObject) -> None:
    profile = profiles()[name]
    frames = data.draw(st.lists(st.sampled_from(VALID[name]), min_size=1, max_size=6))
    stream = b"".join(frames)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    framer = Framer(profile.frame_re, profile.max_frame)
    out: list[bytes] = []
    last = 0
    for cut in [*cuts, len(stream)]:
        out += framer.feed(stream[last:cut])
        last = cut
    assert out == frames
    expected = [profile.parse(f, None) for f in frames]
    got = [profile.parse(f, None) for f in out]
    assert [(r.status, r.value) if r else None for r in got] == \
        [(r.status, r.value) if r else None for r in expected]


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=100, deadline=None)
@given(noise=st.binary(max_size=40), data=st.data())
def test_framer_with_noise_never_raises_and_recovers(name: str, noise: bytes, data: st.DataObject) -> None:
    profile = profiles()[name]
    frame = data.draw(st.sampled_from(VALID[name]))
    framer = Framer(profile.frame_re, profile.max_frame)
    chunks = framer.feed(noise) + framer.feed(frame) + framer.feed(frame)
    for chunk in chunks:
        check(profile.parse(chunk, None))
    assert frame in chunks  # the second copy always comes through whole
