"""The pesticide-residue rapid test (农残快检), enzyme inhibition per GB/T 5009.199-2003.

inhibition % = (ΔA₀ − ΔAₜ) / ΔA₀ × 100; ≥ positive threshold → positive, ≥ suspect threshold
→ suspect, else negative; the run is invalid (never negative) unless control_min ≤ ΔA₀ ≤
control_max. Thresholds belong to the method standard and are recorded with every result.
A rapid test is a screen: it never says "meets GB 2763".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from kiosk.errors import UserFacingError

SETTING_KEY = "pesticide_method"
CARD_STANDARD = "GB/T 5009.199-2003 test card method (速测卡法)"
VERDICTS = ("negative", "suspect", "positive", "invalid")
READER_CODES = {"NEG": "negative", "SUS": "suspect", "POS": "positive", "INV": "invalid"}
LABELS = {
    "negative": "screen negative (快检阴性)",
    "suspect": "suspect — re-test (可疑，需复检)",
    "positive": "screen positive — do not sell (快检阳性，禁止销售)",
    "invalid": "invalid run — control out of range (无效，对照超出范围)",
}
ADVICE = {
    "negative": "No organophosphate/carbamate inhibition found by this screen. It is not a "
    "residue measurement and not a compliance statement.",
    "suspect": "Re-test this sample.",
    "positive": "Do not sell. Re-test at least twice and confirm by a laboratory method.",
    "invalid": "Prepare a new control: the whole run is invalid, nothing is negative.",
}
# Natural compounds in these inhibit the enzyme too (false positives).
FALSE_POSITIVE_PRONE = (
    "scallion",
    "spring onion",
    "onion",
    "garlic",
    "leek",
    "celery",
    "coriander",
    "cilantro",
    "mushroom",
    "tomato",
    "葱",
    "蒜",
    "韭",
    "芹",
    "香菜",
    "芫荽",
    "菇",
    "蘑",
    "番茄",
    "西红柿",
    "圣女果",
)
FALSE_POSITIVE_NOTE = (
    "This vegetable can inhibit the enzyme by itself (false positives are "
    "known): re-test with the whole-vegetable method (整体测定法) before "
    "acting on a positive."
)


@dataclass(frozen=True, slots=True)
class PesticideMethod:
    standard: str = "GB/T 5009.199-2003"
    positive_pct: float = 50.0
    suspect_pct: float | None = 40.0  # None: the method has no suspect band
    control_min: float = 0.3
    control_max: float = 0.8

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> PesticideMethod:
        if not isinstance(data, Mapping):
            raise UserFacingError("The pesticide method setting must be an object.")
        try:
            suspect = data.get("suspect_pct", 40.0)
            method = cls(
                str(data["standard"]),
                float(data["positive_pct"]),
                None if suspect is None else float(suspect),
                float(data.get("control_min", 0.3)),
                float(data.get("control_max", 0.8)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise UserFacingError(f"The pesticide method setting is incomplete ({exc}).") from None
        if method.suspect_pct is not None and method.suspect_pct > method.positive_pct:
            raise UserFacingError("The suspect threshold must not be above the positive one.")
        if not 0 < method.control_min < method.control_max:
            raise UserFacingError("The control range must be 0 < min < max.")
        return method


DEFAULT_METHOD = PesticideMethod()


@dataclass(frozen=True, slots=True)
class PesticideVerdict:
    verdict: str
    inhibition_pct: float | None  # recomputed, rounded to 0.1 as readers display it
    control_valid: bool
    method: PesticideMethod
    reader_verdict: str | None = None
    disagrees: bool = False
    note: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.verdict]

    @property
    def advice(self) -> str:
        return ADVICE[self.verdict]

    @property
    def needs_manager(self) -> bool:
        return self.verdict in ("positive", "suspect") or self.disagrees


def false_positive_note(product: str | None) -> str:
    text = (product or "").lower()
    return FALSE_POSITIVE_NOTE if text and any(k in text for k in FALSE_POSITIVE_PRONE) else ""


def control_valid(da0: float, method: PesticideMethod = DEFAULT_METHOD) -> bool:
    return method.control_min <= round(da0, 4) <= method.control_max


def judge(
    da0: float,
    dat: float,
    method: PesticideMethod = DEFAULT_METHOD,
    *,
    reader_code: str | None = None,
    product: str | None = None,
) -> PesticideVerdict:
    """Recompute inhibition and verdict from ΔA₀ and ΔAₜ; compare with the reader's verdict."""
    valid = control_valid(da0, method)
    inhibition = round((da0 - dat) / da0 * 100, 1) if da0 > 0 else None
    if not valid or inhibition is None:
        verdict = "invalid"
    elif inhibition >= method.positive_pct:
        verdict = "positive"
    elif method.suspect_pct is not None and inhibition >= method.suspect_pct:
        verdict = "suspect"
    else:
        verdict = "negative"
    reader = READER_CODES.get((reader_code or "").upper()) if reader_code else None
    disagrees = reader_code is not None and reader != verdict
    return PesticideVerdict(
        verdict, inhibition, valid, method, reader, disagrees, false_positive_note(product)
    )


def card_verdict(pad: str, product: str | None = None) -> PesticideVerdict:
    """Test card (速测卡) read by eye against a blank card: `blue` like the blank → negative;
    `white` (unchanged) or `faint` blue → positive."""
    colour = pad.strip().lower()
    if colour in ("blue", "blue_like_blank", "蓝"):
        verdict = "negative"
    elif colour in ("white", "faint", "faint_blue", "unchanged", "白", "浅蓝"):
        verdict = "positive"
    else:
        raise UserFacingError(
            "Say how the pad looks next to the blank card: blue (like the "
            "blank), faint blue or white."
        )
    method = PesticideMethod(standard=CARD_STANDARD)
    return PesticideVerdict(verdict, None, True, method, note=false_positive_note(product))
