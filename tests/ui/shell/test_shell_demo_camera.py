"""The demo camera shows a code only when asked: grey frames with nothing to decode until
`show_next()` (the shell's F12 / demo button), then the next demo code, then grey again.
Decoded with the real QR pipeline."""

from __future__ import annotations

from drivers.scan.decoder import make_decoder
from drivers.scan.simulator import OnDemandSource


def decoded(source: OnDemandSource, frames: int) -> list[str]:
    decoder = make_decoder()
    seen: list[str] = []
    for _ in range(frames):
        frame = source.read()
        assert frame is not None
        seen += decoder.decode(frame, 0).texts
    return seen


def test_nothing_is_shown_until_asked_then_each_code_once() -> None:
    source = OnDemandSource(["LK1.first-demo-code", "LK1.second-demo-code"], fps=1000, repeat=3)
    assert decoded(source, 10) == [], "never a code by itself"
    source.show_next()
    first = decoded(source, 12)
    assert set(first) == {"LK1.first-demo-code"}
    assert decoded(source, 10) == [], "back to grey after showing it"
    source.show_next()
    assert set(decoded(source, 12)) == {"LK1.second-demo-code"}
