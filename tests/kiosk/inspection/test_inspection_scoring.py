"""Score and verdict from the answers: conditions, evidence on a fail, critical items,
positive samples, rectify with due dates."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.errors import UserFacingError
from kiosk.inspection.scoring import Answer, Sample, applicable_items, assess
from kiosk.inspection.template import DEFAULT, Template

TODAY = date(2026, 6, 1)


def all_pass() -> dict[str, Answer]:
    return {it.id: Answer("pass") for it in DEFAULT.items}


def test_all_pass_is_a_pass_at_100() -> None:
    a = assess(DEFAULT, all_pass(), [], today=TODAY)
    assert (a.score, a.verdict, a.problems, a.actions) == (100.0, "pass", (), ())


def test_the_default_template_covers_the_fresh_produce_sections() -> None:
    assert {it.section for it in DEFAULT.items} == {
        "hygiene",
        "cold_chain",
        "storage",
        "labelling",
        "pest_control",
        "records",
        "samples",
    }
    assert any(it.critical for it in DEFAULT.items)
    assert any(it.condition for it in DEFAULT.items)


def test_a_conditional_item_applies_only_after_its_condition() -> None:
    answers = all_pass()
    assert "rec-trace-doc" in {it.id for it in applicable_items(DEFAULT, answers)}
    answers["rec-trace"] = Answer("fail", note="no field records")
    assert "rec-trace-doc" not in {it.id for it in applicable_items(DEFAULT, answers)}
    del answers["rec-trace"]
    assert "rec-trace-doc" not in {it.id for it in applicable_items(DEFAULT, answers)}


def test_a_fail_needs_its_evidence() -> None:
    answers = all_pass()
    answers["cold-store"] = Answer("fail", note="7 °C")  # this one needs a photo
    answers["hyg-staff"] = Answer("fail")  # photo or note: neither
    a = assess(DEFAULT, answers, [], today=TODAY)
    missing = {(p.item_id, p.params["need"]) for p in a.problems if p.code == "evidence_missing"}
    assert missing == {("cold-store", "photo"), ("hyg-staff", "photo_or_note")}
    assert not a.complete
    answers["cold-store"] = Answer("fail", note="7 °C", photos=("ab" * 32,))
    answers["hyg-staff"] = Answer("fail", note="no caps")
    assert assess(DEFAULT, answers, [], today=TODAY).complete


def test_a_critical_fail_fails_whatever_the_score() -> None:
    answers = all_pass()
    answers["lab-expired"] = Answer("fail", note="expired bags of spinach")
    a = assess(DEFAULT, answers, [], today=TODAY)
    assert a.score > 90 and a.verdict == "fail" and a.critical_failed == ("lab-expired",)


def test_minor_fails_mean_rectify_with_due_dates() -> None:
    answers = all_pass()
    answers["hyg-handwash"] = Answer("fail", note="no soap", action="put soap and towels")
    answers["pest-contract"] = Answer("fail", note="contract ran out")
    a = assess(DEFAULT, answers, [], today=TODAY)
    assert a.verdict == "rectify"
    assert a.score == round(
        100 * (sum(i.weight for i in DEFAULT.items) - 2) / sum(i.weight for i in DEFAULT.items), 1
    )
    assert [(x.item_id, x.action, x.due) for x in a.actions] == [
        ("hyg-handwash", "put soap and towels", date(2026, 6, 15)),
        ("pest-contract", "", date(2026, 6, 15)),
    ]


def test_many_fails_below_the_rectify_score_fail() -> None:
    answers = {
        it.id: Answer("fail", note="x") if not it.critical else Answer("pass")
        for it in DEFAULT.items
    }
    a = assess(DEFAULT, answers, [], today=TODAY)
    assert a.score < DEFAULT.rectify_score and a.verdict == "fail" and not a.critical_failed


def test_not_applicable_is_left_out_of_the_score() -> None:
    answers = all_pass()
    answers["cold-truck"] = Answer("na")
    answers["hyg-handwash"] = Answer("fail", note="broken")
    a = assess(DEFAULT, answers, [], today=TODAY)
    total = sum(i.weight for i in DEFAULT.items) - 1.5
    assert a.score == round(100 * (total - 1) / total, 1)


def test_a_positive_pesticide_sample_fails_the_inspection() -> None:
    positive = Sample("R1", "pesticide", 62.0, "%", "positive", "阳性", "instrument")
    a = assess(DEFAULT, all_pass(), [positive], today=TODAY)
    assert a.verdict == "fail" and a.critical_failed == ("reading:R1",)
    negative = Sample("R2", "pesticide", 8.0, "%", "negative", "阴性", "instrument")
    assert assess(DEFAULT, all_pass(), [negative], today=TODAY).verdict == "pass"


def test_unanswered_items_are_problems() -> None:
    answers = all_pass()
    del answers["sto-chem"]
    a = assess(DEFAULT, answers, [], today=TODAY)
    assert [(p.code, p.item_id) for p in a.problems] == [("unanswered", "sto-chem")]


def test_a_synced_template_round_trips_and_bad_ones_are_refused() -> None:
    assert Template.from_json(DEFAULT.to_json()) == DEFAULT
    with pytest.raises(UserFacingError):
        Template.from_json({"id": "t", "items": []})
    with pytest.raises(UserFacingError):
        Template.from_json({"id": "t", "items": [{"id": "a"}, {"id": "a"}]})
    with pytest.raises(UserFacingError):
        Template.from_json(
            {"id": "t", "items": [{"id": "a", "condition": {"item_id": "zz", "answer": "pass"}}]}
        )
    simple = Template.from_json(
        {
            "id": "t",
            "name": "冷库专项",
            "items": [{"id": "a", "text": "冷库温度", "critical": True}],
        }
    )
    assert simple.items[0].critical and simple.title("zh_CN") == "冷库专项"


RANK = {"pass": 0, "rectify": 1, "fail": 2}


def test_putting_a_fail_right_never_makes_the_outcome_worse() -> None:
    """Property: turning any one failed item into a pass never lowers the score and never
    moves the verdict towards fail (hypothesis over every answer combination)."""
    from hypothesis import given, strategies as st

    ids = [it.id for it in DEFAULT.items]

    @given(
        st.lists(st.sampled_from(["pass", "fail", "na"]), min_size=len(ids), max_size=len(ids)),
        st.integers(0, len(ids) - 1),
    )
    def check(values: list[str], flip: int) -> None:
        answers = {i: Answer(v, note="seen") for i, v in zip(ids, values, strict=True)}
        if answers[ids[flip]].answer != "fail":
            return
        before = assess(DEFAULT, answers, [], today=TODAY)
        answers[ids[flip]] = Answer("pass")
        after = assess(DEFAULT, answers, [], today=TODAY)
        # a pass can make a conditional item apply (with its own answer): compare like with like
        if ids[flip] in before.applicable and set(after.applicable) == set(before.applicable):
            assert after.score >= before.score
            assert RANK[after.verdict] <= RANK[before.verdict]

    check()
