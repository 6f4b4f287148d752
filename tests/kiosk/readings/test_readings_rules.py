"""Brix grades and the GB/T 5009.199 verdict against INSTRUMENTS.md's tables, edge by edge."""

from __future__ import annotations

import pytest

from kiosk.errors import UserFacingError
from kiosk.readings import brix, pesticide

# INSTRUMENTS.md "Brix grades": variety, below <A, normal A–B, sweet B–C, extra sweet ≥ C
TABLE = [
    ("strawberry", "草莓", 8, 10, 12),
    ("watermelon", "西瓜", 10, 11, 12.5),
    ("mandarin", "柑橘", 10, 12, 14),
    ("table grape", "葡萄", 14, 16, 18),
    ("mango", "芒果", 12, 14, 16),
    ("apple", "苹果", 11, 13, 15),
    ("cherry tomato", "圣女果", 6, 8, 9),
]


@pytest.mark.parametrize("name,zh,a,b,c", TABLE)
def test_every_band_edge_of_the_default_table(
    name: str, zh: str, a: float, b: float, c: float
) -> None:
    table = brix.DEFAULT
    cases = [
        (a - 0.1, "below"),
        (a, "normal"),
        (b - 0.1, "normal"),
        (b, "sweet"),
        (c - 0.1, "sweet"),
        (c, "extra_sweet"),
        (c + 5, "extra_sweet"),
        (0.0, "below"),
    ]
    for value, expected in cases:
        for label in (name, zh):
            grade = table.grade(label, value)
            assert grade is not None and grade.code == expected, (label, value)
            assert grade.source == brix.DEFAULT_SOURCE


def test_grade_labels_and_lookup() -> None:
    grade = brix.DEFAULT.grade("草莓", 12.0)
    assert grade is not None and (grade.label_zh, grade.label_en) == ("特甜", "extra sweet")
    assert brix.DEFAULT.grade("Cherry Tomato", 8.5) == brix.DEFAULT.grade("圣女果", 8.5)
    assert brix.DEFAULT.grade("cherry tomato", 7.0).variety == "cherry_tomato"  # type: ignore[union-attr]
    assert brix.DEFAULT.grade("丹东草莓", 9.0).code == "normal"  # type: ignore[union-attr]
    assert brix.DEFAULT.grade("durian", 20) is None
    assert brix.DEFAULT.grade(None, 20) is None
    assert brix.DEFAULT.grade("strawberry", 9.999999999).code == "sweet"  # type: ignore[union-attr]


def test_a_store_loads_its_own_table_with_its_source() -> None:
    rows = [
        {
            "variety": "strawberry",
            "names": ["草莓"],
            "normal_from": 7,
            "sweet_from": 9,
            "extra_from": 11,
            "source": "NY/T 444 (store copy)",
        }
    ]
    table = brix.BrixTable.from_json(rows)
    grade = table.grade("草莓", 9.0)
    assert grade is not None and grade.code == "sweet" and grade.source == "NY/T 444 (store copy)"
    assert brix.BrixTable.from_json(brix.DEFAULT.to_json()).bands == brix.DEFAULT.bands
    for bad in (
        [],
        "x",
        [{"variety": "a"}],
        [{"variety": "a", "normal_from": 5, "sweet_from": 4, "extra_from": 6}],
        [3],
    ):
        with pytest.raises(UserFacingError):
            brix.BrixTable.from_json(bad)


def test_sample_stats_n_mean_sd() -> None:
    stats = brix.sample_stats([12.0, 13.0, 14.0])
    assert (stats.n, stats.mean, stats.sd, stats.within_method) == (3, 13.0, 1.0, True)
    assert stats.text() == "n=3, 13.0 ± 1.0 °Brix"
    assert brix.sample_stats([11.2]).sd == 0.0 and not brix.sample_stats([11.2]).within_method
    assert not brix.sample_stats([10.0] * 6).within_method
    for bad in ([], [float("nan")], [-1.0]):
        with pytest.raises(UserFacingError):
            brix.sample_stats(bad)


@pytest.mark.parametrize(
    "dat,expected,inhibition",
    [
        (0.250, "positive", 50.0),
        (0.2505, "suspect", 49.9),
        (0.300, "suspect", 40.0),
        (0.3005, "negative", 39.9),
        (0.500, "negative", 0.0),
        (0.550, "negative", -10.0),
        (0.0, "positive", 100.0),
    ],
)
def test_verdict_edges(dat: float, expected: str, inhibition: float) -> None:
    v = pesticide.judge(0.5, dat)
    assert (v.verdict, v.inhibition_pct, v.control_valid) == (expected, inhibition, True)
    assert v.method.standard == "GB/T 5009.199-2003" and v.method.positive_pct == 50.0
    assert v.needs_manager is (expected in ("positive", "suspect"))


@pytest.mark.parametrize(
    "da0,valid",
    [
        (0.3, True),
        (0.8, True),
        (0.299, False),
        (0.801, False),
        (0.0, False),
        (-0.1, False),
        (1.5, False),
    ],
)
def test_control_validity_makes_the_whole_run_invalid_never_negative(
    da0: float, valid: bool
) -> None:
    v = pesticide.judge(da0, da0 * 0.95)  # 5 % inhibition: would be negative
    assert v.control_valid is valid
    assert v.verdict == ("negative" if valid else "invalid")


def test_threshold_belongs_to_the_method() -> None:
    other = pesticide.PesticideMethod.from_json(
        {"standard": "NY/T 448 (store setting)", "positive_pct": 70, "suspect_pct": None}
    )
    assert pesticide.judge(0.5, 0.2, other).verdict == "negative"  # 60 %
    assert pesticide.judge(0.5, 0.15, other).verdict == "positive"  # 70 %
    assert pesticide.judge(0.5, 0.2).verdict == "positive"  # the same numbers under GB/T 5009.199
    for bad in (
        {},
        {"standard": "x", "positive_pct": 40, "suspect_pct": 50},
        "x",
        {"standard": "x", "positive_pct": 50, "control_min": 0.9, "control_max": 0.8},
    ):
        with pytest.raises(UserFacingError):
            pesticide.PesticideMethod.from_json(bad)


def test_recomputed_verdict_flags_disagreement_with_the_reader() -> None:
    agree = pesticide.judge(0.512, 0.471, reader_code="NEG")
    assert (
        agree.verdict == "negative" and agree.reader_verdict == "negative" and not agree.disagrees
    )
    disagree = pesticide.judge(0.512, 0.471, reader_code="POS")
    assert disagree.disagrees and disagree.needs_manager and disagree.verdict == "negative"
    assert pesticide.judge(0.2, 0.19, reader_code="NEG").disagrees  # reader missed the bad control


def test_wording_is_a_screen_never_a_compliance_claim() -> None:
    assert pesticide.judge(0.5, 0.49).label == "screen negative (快检阴性)"
    for verdict in pesticide.VERDICTS:
        words = pesticide.LABELS[verdict] + pesticide.ADVICE[verdict]
        assert "GB 2763" not in words and "meets" not in words and "合格" not in words
    assert "laboratory" in pesticide.judge(0.5, 0.1).advice


@pytest.mark.parametrize(
    "product,noted",
    [
        ("大蒜", True),
        ("韭菜", True),
        ("Spring onion", True),
        ("香菜", True),
        ("shiitake mushroom", True),
        ("番茄", True),
        ("大白菜", False),
        ("spinach", False),
        (None, False),
    ],
)
def test_false_positive_vegetables_get_a_note(product: str | None, noted: bool) -> None:
    note = pesticide.judge(0.5, 0.2, product=product).note
    assert bool(note) is noted
    if noted:
        assert "whole-vegetable" in note


def test_test_card_read_by_eye() -> None:
    assert pesticide.card_verdict("blue").verdict == "negative"
    assert pesticide.card_verdict("faint").verdict == "positive"
    assert pesticide.card_verdict("white", "韭菜").note
    with pytest.raises(UserFacingError, match="blank card"):
        pesticide.card_verdict("green")
