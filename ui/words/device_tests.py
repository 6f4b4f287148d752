"""The devices screen's own words: what a test scan read and what is wrong with a scanner
that is set up wrong (kiosk.ports.ScanProblem), readings, and device actions."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.ports import Reading, ReadingStatus, ScanProblem, ScanSource
from ui.qt import QCoreApplication

translate = QCoreApplication.translate


def source_word(source: ScanSource) -> str:
    words: dict[ScanSource, Callable[[], str]] = {
        ScanSource.WEDGE: lambda: translate("device_tests", "handheld scanner (keyboard)"),
        ScanSource.SERIAL: lambda: translate("device_tests", "serial scanner"),
        ScanSource.CAMERA: lambda: translate("device_tests", "camera"),
    }
    return words.get(source, lambda: translate("device_tests", "scanner"))()


def diagnosis(problem: ScanProblem | None) -> str:
    if problem is None:
        return translate("device_tests", "The scanner reads correctly.")
    words: dict[ScanProblem, Callable[[], str]] = {
        ScanProblem.WRONG_LAYOUT: lambda: translate(
            "device_tests",
            "The scanner types with another keyboard layout (e.g. French "
            "AZERTY): set it to US English with the setup code in its manual.",
        ),
        ScanProblem.FULL_WIDTH: lambda: translate(
            "device_tests",
            "A Chinese input method turned the letters full-width: switch the "
            "input method to English (Shift or Ctrl+Space) before scanning.",
        ),
        ScanProblem.CHINESE_IME: lambda: translate(
            "device_tests",
            "A Chinese input method caught the scan (pinyin): switch the input "
            "method to English before scanning.",
        ),
        ScanProblem.TRUNCATED: lambda: translate(
            "device_tests",
            "The code arrived cut short: the scanner may be set to a maximum "
            "length or a slow keyboard speed; check its setup.",
        ),
        ScanProblem.GARBLED: lambda: translate(
            "device_tests",
            "Strange control characters arrived: the scanner sends a prefix or "
            "suffix; remove it with its setup codes.",
        ),
    }
    return words[problem]()


def read_text(text: str, source: ScanSource) -> str:
    shown = text if len(text) <= 60 else text[:57] + "…"
    return (
        translate("device_tests", "Read from the {source}: {text} ({n} characters)")
        .replace("{source}", source_word(source))
        .replace("{text}", shown)
        .replace("{n}", str(len(text)))
    )


def reading_text(r: Reading) -> str:
    if r.status is ReadingStatus.OVERLOAD:
        return translate("device_tests", "Over the maximum")
    if r.status is ReadingStatus.UNDERLOAD:
        return translate("device_tests", "Under zero: zero the scale")
    if r.value is None or r.status is ReadingStatus.ERROR:
        return translate("device_tests", "No value")
    steady = "" if r.stable else " " + translate("device_tests", "(moving)")
    return f"{r.value:g} {r.unit}{steady}"


def done(what: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "tare": lambda: translate("device_tests", "Tare sent."),
        "zero": lambda: translate("device_tests", "Zero sent."),
        "reconnect": lambda: translate("device_tests", "Reconnected: see its status."),
        "print": lambda: translate("device_tests", "Test page queued: it prints in a moment."),
        "no_printer": lambda: translate("device_tests", "There is no printer set up."),
        "cannot": lambda: translate("device_tests", "This device cannot do that."),
    }
    return words.get(what, words["cannot"])()


def hint() -> str:
    return translate("device_tests", "Test scan: scan any code now and see what the kiosk read.")
