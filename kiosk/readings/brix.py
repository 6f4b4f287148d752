"""Brix grades from an editable table (偏低 / 正常 / 甜 / 特甜), and n, mean ± SD of a sample.

The default table is INSTRUMENTS.md's and says so in every row's `source`; a store loads its
own (e.g. NY/T 444 for strawberries) as JSON in the `brix_grade_table` setting.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from kiosk.errors import UserFacingError

GRADE_LABELS = {
    "below": ("偏低", "below standard"),
    "normal": ("正常", "normal"),
    "sweet": ("甜", "sweet"),
    "extra_sweet": ("特甜", "extra sweet"),
}
DEFAULT_SOURCE = "Linli default (INSTRUMENTS.md); not a national grade standard"
SETTING_KEY = "brix_grade_table"


@dataclass(frozen=True, slots=True)
class BrixBands:
    """One variety: below < normal_from ≤ normal < sweet_from ≤ sweet < extra_from ≤ extra."""

    variety: str
    names: tuple[str, ...]  # what staff type or products are called (English, 中文)
    normal_from: float
    sweet_from: float
    extra_from: float
    source: str = DEFAULT_SOURCE

    def grade(self, brix: float) -> str:
        value = round(brix, 3)  # 9.9999999 from arithmetic is 10.0 on the display
        if value < self.normal_from:
            return "below"
        if value < self.sweet_from:
            return "normal"
        if value < self.extra_from:
            return "sweet"
        return "extra_sweet"


@dataclass(frozen=True, slots=True)
class BrixGrade:
    code: str
    label_zh: str
    label_en: str
    variety: str
    source: str

    @property
    def label(self) -> str:
        return f"{self.label_zh} {self.label_en}"


DEFAULT_TABLE: tuple[BrixBands, ...] = (
    BrixBands("strawberry", ("strawberry", "草莓"), 8, 10, 12),
    BrixBands("watermelon", ("watermelon", "西瓜"), 10, 11, 12.5),
    BrixBands("citrus", ("mandarin", "orange", "citrus", "柑橘", "橘子", "橙子", "柑"), 10, 12, 14),
    BrixBands("table_grape", ("table grape", "grape", "葡萄"), 14, 16, 18),
    BrixBands("mango", ("mango", "芒果"), 12, 14, 16),
    BrixBands("apple", ("apple", "苹果"), 11, 13, 15),
    BrixBands("cherry_tomato", ("cherry tomato", "圣女果", "小番茄"), 6, 8, 9),
)


class BrixTable:
    def __init__(self, bands: Sequence[BrixBands]) -> None:
        self.bands = tuple(bands)

    def find(self, name: str | None) -> BrixBands | None:
        """By variety key or any of its names; longest name first ("cherry tomato" ≠ "tomato")."""
        if not name:
            return None
        wanted = name.strip().lower()
        pairs = sorted(
            ((n.lower(), b) for b in self.bands for n in (b.variety, *b.names)),
            key=lambda p: -len(p[0]),
        )
        for key, bands in pairs:
            if wanted == key:
                return bands
        for key, bands in pairs:
            if key in wanted:
                return bands
        return None

    def grade(self, variety: str | None, brix: float) -> BrixGrade | None:
        bands = self.find(variety)
        if bands is None:
            return None
        code = bands.grade(brix)
        zh, en = GRADE_LABELS[code]
        return BrixGrade(code, zh, en, bands.variety, bands.source)

    def to_json(self) -> list[dict[str, Any]]:
        return [{**asdict(b), "names": list(b.names)} for b in self.bands]

    @classmethod
    def from_json(cls, rows: object) -> BrixTable:
        """A store's table; refuses (in plain words) anything that is not ordered bands."""
        if not isinstance(rows, list) or not rows:
            raise UserFacingError("The Brix table must be a list of varieties.")
        bands = []
        for i, row in enumerate(rows, 1):
            if not isinstance(row, Mapping):
                raise UserFacingError(f"Row {i} of the Brix table is not an object.")
            try:
                b = BrixBands(
                    str(row["variety"]),
                    tuple(str(n) for n in row.get("names", ())),
                    float(row["normal_from"]),
                    float(row["sweet_from"]),
                    float(row["extra_from"]),
                    str(row.get("source") or "store table"),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise UserFacingError(f"Row {i} of the Brix table is incomplete ({exc}).") from None
            if not b.normal_from <= b.sweet_from <= b.extra_from:
                raise UserFacingError(f"Row {i} ({b.variety}): band edges must go up.")
            bands.append(b)
        return cls(bands)


DEFAULT = BrixTable(DEFAULT_TABLE)


@dataclass(frozen=True, slots=True)
class SampleStats:
    """n, mean ± SD (sample SD) over the fruits of one sample; NY/T 2637 asks for 3–5."""

    n: int
    mean: float
    sd: float
    values: tuple[float, ...]

    @property
    def within_method(self) -> bool:
        return 3 <= self.n <= 5

    def text(self) -> str:
        return f"n={self.n}, {self.mean:.1f} ± {self.sd:.1f} °Brix"


def sample_stats(values: Sequence[float]) -> SampleStats:
    clean = [float(v) for v in values]
    if not clean or any(math.isnan(v) or math.isinf(v) or v < 0 for v in clean):
        raise UserFacingError("Enter at least one Brix value (0 or more) per fruit.")
    n = len(clean)
    mean = sum(clean) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in clean) / (n - 1)) if n > 1 else 0.0
    return SampleStats(n, round(mean, 2), round(sd, 2), tuple(clean))
