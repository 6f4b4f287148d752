"""Hypothesis: no parser raises on any bytes; valid frames cut at random places come out of
the framer whole and parse the same."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings, strategies as st
from reference_frames import BY_PROTOCOL

from drivers.instruments.framing import Framer
from drivers.instruments.registry import profiles
from kiosk.ports import Reading, ReadingStatus

NAMES = sorted(profiles())
# the literal reference frames that are whole frames (garbage rows are for the parsers only)
VALID = {
    name: [row[0] for row in rows if row[1] != "error" or row[0].startswith(b"\x02?")]
    for name, rows in BY_PROTOCOL.items()
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
    assert [(r.status, r.value) if r else None for r in got] == [
        (r.status, r.value) if r else None for r in expected
    ]


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=100, deadline=None)
@given(noise=st.binary(max_size=40), data=st.data())
def test_framer_with_noise_never_raises_and_recovers(
    name: str, noise: bytes, data: st.DataObject
) -> None:
    profile = profiles()[name]
    frame = data.draw(st.sampled_from(VALID[name]))
    framer = Framer(profile.frame_re, profile.max_frame)
    chunks = framer.feed(noise) + framer.feed(frame) + framer.feed(frame)
    for chunk in chunks:
        check(profile.parse(chunk, None))
    assert frame in chunks  # the second copy always comes through whole
