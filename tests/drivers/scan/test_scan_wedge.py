"""Keyboard-wedge detection: bursts are scans, people typing are not, field failures explained."""

from __future__ import annotations

import base64
import json

import pytest

from drivers.scan.diagnose import AZERTY_DIGITS, diagnose
from drivers.scan.wedge import MAX_BURST, WedgeConfig, WedgeDetector
from kiosk.ports import ScanEvent, ScanProblem, ScanSource


def _token() -> str:
    payload = (
        base64.urlsafe_b64encode(
            json.dumps(
                {"o": "O123456789", "s": "S017", "c": "482913", "x": 1767225600, "k": "k1"},
                separators=(",", ":"),
            ).encode()
        )
        .rstrip(b"=")
        .decode()
    )
    sig = base64.urlsafe_b64encode(bytes(range(64))).rstrip(b"=").decode()
    return f"LK1.{payload}.{sig}"


TOKEN = _token()


def type_text(
    det: WedgeDetector, text: str, start: float, gap: float, end: str = "Enter"
) -> tuple[list[ScanEvent], float]:
    """Feed `text` one character every `gap` seconds, then the terminator key."""
    t = start
    events = []
    for ch in text:
        ev = det.feed(ch.upper() if ch.isalpha() else ch, ch, t)
        if ev:
            events.append(ev)
        t += gap
    ev = det.feed(end, "\r" if end == "Enter" else "\t", t)
    if ev:
        events.append(ev)
    return events, t


def test_fast_burst_ending_in_enter_is_a_scan() -> None:
    det = WedgeDetector()
    events, _ = type_text(det, TOKEN, 100.0, 0.008)
    assert len(events) == 1
    ev = events[0]
    assert ev.text == TOKEN and ev.source is ScanSource.WEDGE and ev.problem is None
    assert det.held == ""


def test_tab_terminates_a_scan_too_and_short_bag_labels_count() -> None:
    det = WedgeDetector()
    events, _ = type_text(det, "BAG-00731", 5.0, 0.02, end="Tab")
    assert [e.text for e in events] == ["BAG-00731"]


@pytest.mark.parametrize("gap", [0.12, 0.2, 0.3])
def test_person_typing_is_not_a_scan_and_the_enter_goes_to_the_widget(gap: float) -> None:
    det = WedgeDetector()
    events, _ = type_text(det, "482913", 10.0, gap)
    assert events == [] and not det.ended_scan and det.held == ""


def test_fast_typist_short_burst_is_not_a_scan() -> None:
    det = WedgeDetector(WedgeConfig(min_length=6))
    events, _ = type_text(det, "abc", 1.0, 0.03)
    assert events == [] and not det.ended_scan


def test_pause_before_enter_means_typing() -> None:
    det = WedgeDetector()
    for i, ch in enumerate("ABCDEFG"):
        det.feed(ch, ch, 1.0 + i * 0.01)
    assert det.feed("Enter", "\r", 1.5) is None
    assert not det.ended_scan


def test_typing_then_scan_separates_the_two() -> None:
    det = WedgeDetector()
    t = 0.0
    for ch in "hi":
        det.feed(ch, ch, t)
        t += 0.25
    events, _ = type_text(det, TOKEN, t + 0.3, 0.01)
    assert [e.text for e in events] == [TOKEN]
    assert events[0].raw == TOKEN  # the typed "hi" is not part of the scan


def test_a_burst_without_enter_is_held_only_until_the_next_pause() -> None:
    det = WedgeDetector()
    for i, ch in enumerate("SEARCH"):
        det.feed(ch, ch, 3.0 + i * 0.01)
    assert det.held == "SEARCH"  # could still become a scan
    det.feed("X", "x", 3.5)
    assert det.held == "x"


def test_the_detector_keeps_no_growing_copy_of_what_people_type() -> None:
    # issue 12: every key a person typed was appended to a list that nothing drained, so a
    # counter PC's memory grew with every key of the day
    det = WedgeDetector()
    t = 0.0
    for i in range(20_000):
        ch = "abcdefghij"[i % 10]
        if i % 40 == 39:
            det.feed("Enter", "\r", t)
        else:
            det.feed(ch.upper(), ch, t)
        t += 0.15
        assert len(det.held) <= 1
    for _ in range(3 * MAX_BURST):  # a scanner stuck sending without a terminator
        det.feed("A", "A", t)
        t += 0.002
        assert len(det.held) <= MAX_BURST
    events, _ = type_text(det, TOKEN, t + 1, 0.005)
    assert [e.text for e in events] == [TOKEN]


def test_modifier_keys_are_ignored() -> None:
    det = WedgeDetector()
    det.feed("Shift", "", 0.0)
    events, _ = type_text(det, "ABCDEF", 0.001, 0.005)
    assert [e.text for e in events] == ["ABCDEF"]


def test_duplicates_within_window_merged_and_later_repeat_reported() -> None:
    det = WedgeDetector(WedgeConfig(duplicate_window_s=3.0))
    first, t = type_text(det, TOKEN, 0.0, 0.005)
    again, t = type_text(det, TOKEN, t + 1.0, 0.005)
    other, t = type_text(det, "BAG-1234", t + 0.5, 0.005)
    later, t = type_text(det, TOKEN, t + 5.0, 0.005)
    assert len(first) == 1 and again == [] and len(other) == 1 and len(later) == 1


def test_ended_scan_tells_the_gui_whether_to_swallow_the_enter() -> None:
    det = WedgeDetector()
    type_text(det, TOKEN, 0.0, 0.005)
    assert det.ended_scan
    again, t = type_text(det, TOKEN, 1.0, 0.005)
    assert again == [] and det.ended_scan  # merged repeat: still the scanner's Enter
    typed, t = type_text(det, "hello", t + 1, 0.2)
    assert typed == [] and not det.ended_scan


def test_wrong_layout_shifted_digits_recognised_and_explained() -> None:
    det = WedgeDetector()
    events, _ = type_text(det, "LK!" + TOKEN[3:], 0.0, 0.005)
    ev = events[0]
    assert ev.problem is ScanProblem.WRONG_LAYOUT
    assert "keyboard layout" in ev.message and "1 arrives as !" in ev.message
    assert ev.raw.startswith("LK!")


def test_azerty_digits_recognised_not_guessed() -> None:
    azerty = "LK&" + TOKEN[3:]
    d = diagnose(azerty)
    assert d.problem is ScanProblem.WRONG_LAYOUT and "AZERTY" in d.message
    assert d.text == azerty  # no unsafe repair: '-' and '_' are legal token characters
    label = diagnose("&é\"'(-è_çà")
    assert label.problem is ScanProblem.WRONG_LAYOUT
    for digit in AZERTY_DIGITS:  # a label with one French digit character is recognised too
        d = diagnose(f"BAG-{digit}{digit}7")
        assert (d.problem is ScanProblem.WRONG_LAYOUT) is (not digit.isascii()), digit


def test_caps_lock_is_repaired() -> None:
    d = diagnose(TOKEN.swapcase())
    assert d.problem is ScanProblem.WRONG_LAYOUT and d.text == TOKEN and "Caps Lock" in d.message


def test_full_width_from_chinese_ime_is_normalised_and_explained() -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in TOKEN)
    wide = wide.replace("．", "。", 1)  # IME in Chinese punctuation mode
    det = WedgeDetector()
    events, _ = type_text(det, wide, 0.0, 0.006)
    ev = events[0]
    assert ev.problem is ScanProblem.FULL_WIDTH
    assert ev.text == TOKEN and ev.raw == wide
    assert "input method" in ev.message and "IME" in ev.message


def test_cut_short_token_is_reported() -> None:
    for cut in (TOKEN[:60], TOKEN[: len(TOKEN) - 20], TOKEN.rsplit(".", 1)[0]):
        d = diagnose(cut)
        assert d.problem is ScanProblem.TRUNCATED, cut
        assert "Only part" in d.message and str(len(cut)) in d.message


def test_healthy_token_and_plain_codes_have_no_problem() -> None:
    assert diagnose(TOKEN).problem is None
    assert diagnose("482913").problem is None
    assert diagnose("BAG-00731").problem is None


def test_control_characters_are_garbled() -> None:
    d = diagnose("LK1.\x1b[2~abc")
    assert d.problem is ScanProblem.GARBLED and "control characters" in d.message


def test_keyboard_wedge_scanner_status_follows_scan_health() -> None:
    from drivers.scan.wedge import KeyboardWedgeScanner
    from kiosk.ports import DeviceState

    scanner = KeyboardWedgeScanner()
    got: list[ScanEvent] = []
    scanner.add_listener(got.append)
    scanner.start()
    assert scanner.status().state is DeviceState.ONLINE
    t = 0.0
    for ch in "ＬＫ１．ABCDEF":
        scanner.feed(ch, ch, t)
        t += 0.005
    assert scanner.feed("Enter", "\r", t) is got[0]
    assert scanner.status().state is DeviceState.ERROR
    assert "input method" in scanner.status().message
    for ch in "BAG-777":
        scanner.feed(ch, ch, t + 1)
        t += 0.005
    scanner.feed("Enter", "\r", t + 1)
    assert [e.text for e in got][-1] == "BAG-777"
    assert scanner.status().state is DeviceState.ONLINE
    assert scanner.detector.held == ""


def test_pinyin_ime_output_is_recognised_not_repaired() -> None:
    det = WedgeDetector()
    events, _ = type_text(det, "了可1。诶有就", 0.0, 0.01)
    ev = events[0]
    assert ev.problem is ScanProblem.CHINESE_IME and ev.text == "了可1。诶有就"
    assert "Shift" in ev.message and "English" in ev.message
