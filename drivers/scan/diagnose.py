"""Recognise the usual field failures of a scanned string and say them in plain words.

Shared by the keyboard-wedge and serial scanners. Only repairs that cannot change a correct
code are applied (full-width → ASCII via NFKC, Caps Lock case swap); a wrong keyboard
layout is explained but not guessed back, because AZERTY's `-`/`_` and the token alphabet
overlap and a wrong guess would later look like a forged code.
"""

from __future__ import annotations

import base64
import binascii
import json
import unicodedata
from dataclasses import dataclass

from kiosk.ports import ScanProblem

TOKEN_PREFIX = "LK1."
SIGNATURE_CHARS = 86  # 64 bytes in base64url without padding
US_SHIFTED_DIGITS = "!@#$%^&*()"  # what 1234567890 become when the scanner adds Shift
AZERTY_DIGITS = "&é\"'(-è_çà"  # what 1234567890 become on a French keyboard without Shift
# the AZERTY digit characters that no token or label contains (the others, & " ' ( - _, are
# ASCII punctuation a code may carry), so any of them gives the layout away
AZERTY_ONLY = frozenset(ch for ch in AZERTY_DIGITS if not ch.isascii())
IME_PUNCTUATION = {
    "。": ".",
    "、": "/",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "—": "-",
    "·": "`",
    "…": "...",
    "《": "<",
    "》": ">",
    "【": "[",
    "】": "]",
    "￥": "$",
}


@dataclass(frozen=True, slots=True)
class Diagnosis:
    text: str  # the repaired text, or the raw text when no safe repair exists
    problem: ScanProblem | None = None
    message: str = ""


def _is_full_width(ch: str) -> bool:
    return "\uff01" <= ch <= "\uff5e" or ch == "\u3000" or ch in IME_PUNCTUATION


def _from_ime(text: str) -> str:
    text = "".join(IME_PUNCTUATION.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFKC", text)


def _layout(text: str) -> Diagnosis | None:
    head = text[:4]
    if head.startswith(("LK!", "lk!")) or (
        sum(ch in US_SHIFTED_DIGITS for ch in text) >= 3 and not any(ch.isdigit() for ch in text)
    ):
        return Diagnosis(
            text,
            ScanProblem.WRONG_LAYOUT,
            "The scanner types digits as symbols (1 arrives as !): it is set to a "
            "different keyboard layout than this computer. Set the scanner to the "
            "US keyboard layout (see its manual's setup codes) and scan again.",
        )
    if head.startswith(("LK" + AZERTY_DIGITS[0], "lk" + AZERTY_DIGITS[0])) or any(
        ch in AZERTY_ONLY for ch in text
    ):
        return Diagnosis(
            text,
            ScanProblem.WRONG_LAYOUT,
            "The scanner's digits arrive as French keyboard characters (1 as &, 2 "
            "as é): this computer uses an AZERTY layout the scanner does not expect. "
            "Switch Windows to the US layout or set the scanner to AZERTY, then "
            "scan again.",
        )
    if head == "lk1.":
        return Diagnosis(
            text.swapcase(),
            ScanProblem.WRONG_LAYOUT,
            "Caps Lock is on, so the scanner's letters arrive in the wrong case. "
            "The code was corrected; turn Caps Lock off.",
        )
    return None


def _b64json(part: str) -> dict[str, object] | None:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _truncated(text: str) -> Diagnosis | None:
    if not text.startswith(TOKEN_PREFIX):
        return None
    parts = text.split(".")
    payload_ok = len(parts) >= 2 and _b64json(parts[1]) is not None
    if len(parts) == 3 and payload_ok and len(parts[2]) >= SIGNATURE_CHARS:
        return None
    return Diagnosis(
        text,
        ScanProblem.TRUNCATED,
        f"Only part of the pickup code arrived ({len(text)} characters; a whole "
        "one has about 160). "
        "Scan again and hold still until the beep; if it keeps happening, raise "
        "the scanner's maximum code length.",
    )


def diagnose(raw: str) -> Diagnosis:
    """What is wrong with a scanned string, if anything, with the safest repair."""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in raw):
        return Diagnosis(
            raw,
            ScanProblem.GARBLED,
            "The scan contains control characters: the scanner's interface "
            "settings do not match this computer. Scan again; if it repeats, reset "
            "the scanner to its factory USB keyboard mode.",
        )
    if any("\u4e00" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff" for ch in raw):
        return Diagnosis(
            raw,
            ScanProblem.CHINESE_IME,
            "The scan arrived as Chinese characters: a Chinese input method (IME) "
            "is in Chinese mode and turned the scanner's letters into words. "
            "Switch it to English (press Shift once) and scan again.",
        )
    if any(_is_full_width(ch) for ch in raw):
        fixed = _from_ime(raw)
        return Diagnosis(
            fixed,
            ScanProblem.FULL_WIDTH,
            "The scan arrived as full-width characters: a Chinese input method "
            "(IME) is switched on. The code was corrected; switch the input method "
            "to English (Shift or Ctrl+Space) to avoid this.",
        )
    layout = _layout(raw)
    if layout is not None:
        return layout
    return _truncated(raw) or Diagnosis(raw)


class RepeatFilter:
    """Drops the same code seen again within `window_s` (a scanner in continuous mode, a
    nervous double press). The window slides while the code keeps coming."""

    def __init__(self, window_s: float) -> None:
        self.window_s = window_s
        self._last: tuple[str, float] | None = None

    def is_repeat(self, text: str, t: float) -> bool:
        last, self._last = self._last, (text, t)
        return last is not None and last[0] == text and t - last[1] <= self.window_s
