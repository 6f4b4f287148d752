"""Score and verdict from the answers (pure: no database, no clock of its own).

- Applicable items: those without a condition, or whose condition item (itself applicable)
  got the named answer. Items that do not apply are neither asked nor scored.
- Score: weighted share of passes among the applicable items answered pass or fail (not
  applicable answers are left out), 0–100.
- Verdict: a failed critical item, or a positive pesticide sample, fails the inspection
  whatever the score. Otherwise no fails and score >= pass_score: pass; score >=
  rectify_score: rectify within N days, one corrective action per failed item with its due
  date; below that: fail.
- Problems that stop a submit are codes with parameters (the UI words them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from kiosk.inspection.template import ChecklistItem, Template

VERDICTS = ("pass", "rectify", "fail")
POSITIVE_READINGS = frozenset({"positive"})


@dataclass(frozen=True, slots=True)
class Answer:
    answer: str | None = None  # pass, fail, na; None: not answered yet
    note: str = ""
    photos: tuple[str, ...] = ()  # sha256 of Media rows
    action: str = ""  # the corrective action the inspector wrote (fails only)


@dataclass(frozen=True, slots=True)
class Sample:
    """An instrument reading attached to the inspection (kiosk.readings row)."""

    reading_id: str
    kind: str
    value: float | None
    unit: str
    verdict: str | None
    verdict_label: str | None
    source: str  # instrument, manual
    product: str | None = None
    code: str | None = None  # its verification code (instrument readings)
    short_code: str | None = None  # the code's short form (kiosk verify-reading takes both)


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # unanswered, evidence_missing, signature_missing
    item_id: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CorrectiveAction:
    item_id: str
    action: str  # empty: the report says "put right: <item>"
    due: date
    critical: bool


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float
    verdict: str
    critical_failed: tuple[str, ...]  # item ids; "reading:<id>" for a positive sample
    failed: tuple[str, ...]
    actions: tuple[CorrectiveAction, ...]
    problems: tuple[Problem, ...]
    applicable: tuple[str, ...]
    answered: int

    @property
    def complete(self) -> bool:
        return not any(p.code in {"unanswered", "evidence_missing"} for p in self.problems)


def applicable_items(template: Template, answers: Mapping[str, Answer]) -> list[ChecklistItem]:
    """The items to ask, in template order; a condition on a not-applicable item fails."""
    shown: set[str] = set()
    out: list[ChecklistItem] = []
    for it in template.items:
        cond = it.condition
        if cond is not None:
            got = answers.get(cond.item_id)
            if cond.item_id not in shown or got is None or got.answer != cond.answer:
                continue
        shown.add(it.id)
        out.append(it)
    return out


def evidence_missing(item: ChecklistItem, ans: Answer) -> str | None:
    """What a fail still lacks: "photo", "note", "photo_or_note", or None."""
    if ans.answer != "fail" or item.evidence_on_fail == "none":
        return None
    has_photo, has_note = bool(ans.photos), bool(ans.note.strip())
    need = item.evidence_on_fail
    if need == "photo" and not has_photo:
        return "photo"
    if need == "note" and not has_note:
        return "note"
    if need == "photo_or_note" and not (has_photo or has_note):
        return "photo_or_note"
    return None


def assess(
    template: Template, answers: Mapping[str, Answer], samples: Sequence[Sample], *, today: date
) -> Assessment:
    items = applicable_items(template, answers)
    problems: list[Problem] = []
    got = passed = 0.0
    failed: list[str] = []
    critical: list[str] = []
    actions: list[CorrectiveAction] = []
    answered = 0
    for it in items:
        ans = answers.get(it.id, Answer())
        if ans.answer is None:
            problems.append(Problem("unanswered", it.id))
            continue
        answered += 1
        missing = evidence_missing(it, ans)
        if missing is not None:
            problems.append(Problem("evidence_missing", it.id, {"need": missing}))
        if ans.answer == "na":
            continue
        got += it.weight
        if ans.answer == "pass":
            passed += it.weight
            continue
        failed.append(it.id)
        if it.critical:
            critical.append(it.id)
        days = it.corrective_days if it.corrective_days is not None else template.rectify_days
        actions.append(
            CorrectiveAction(it.id, ans.action.strip(), today + timedelta(days=days), it.critical)
        )
    for s in samples:
        if s.kind == "pesticide" and s.verdict in POSITIVE_READINGS:
            critical.append(f"reading:{s.reading_id}")
    score = round(100.0 * passed / got, 1) if got else 100.0
    if critical:
        verdict = "fail"
    elif not failed and score >= template.pass_score:
        verdict = "pass"
    elif score >= template.rectify_score:
        verdict = "rectify"
    else:
        verdict = "fail"
    return Assessment(
        score=score,
        verdict=verdict,
        critical_failed=tuple(critical),
        failed=tuple(failed),
        actions=tuple(actions) if verdict == "rectify" or failed else (),
        problems=tuple(problems),
        applicable=tuple(it.id for it in items),
        answered=answered,
    )
