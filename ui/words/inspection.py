"""Inspections in words: answers, verdicts, what still stops a submit, refusals by code
(kiosk.inspection.service.InspectionError.code). English source text; Chinese comes from
scripts/zh_CN.d/inspection.json. Checklist item texts are data (the template carries zh_CN
and en), not UI words."""

from __future__ import annotations

from collections.abc import Mapping

from ui.qt import QCoreApplication

translate = QCoreApplication.translate


def answer_text(answer: str | None) -> str:
    return {
        "pass": translate("inspection", "Pass"),
        "fail": translate("inspection", "Fail"),
        "na": translate("inspection", "Not applicable"),
    }.get(answer or "", translate("inspection", "Not answered"))


def verdict_text(verdict: str) -> str:
    return {
        "pass": translate("inspection", "PASS"),
        "rectify": translate("inspection", "RECTIFY within the due dates"),
        "fail": translate("inspection", "FAIL"),
    }.get(verdict, verdict)


def role_text(role: str) -> str:
    return {
        "inspector": translate("inspection", "Inspector"),
        "supplier": translate("inspection", "Supplier's representative"),
    }.get(role, role)


def need_text(need: str) -> str:
    return {
        "photo": translate("inspection", "a photo"),
        "note": translate("inspection", "a note"),
        "photo_or_note": translate("inspection", "a photo or a note"),
    }.get(need, need)


def problem_text(code: str, params: Mapping[str, str], item_label: str = "") -> str:
    """What still stops a submit, or why an operation was refused, in plain words."""
    role = role_text(params.get("role", ""))
    if code == "unanswered":
        return translate("inspection", "Not answered yet: {item}").format(item=item_label)
    if code == "evidence_missing":
        return translate("inspection", "A fail needs {need}: {item}").format(
            need=need_text(params.get("need", "")), item=item_label
        )
    if code == "signature_missing":
        return translate("inspection", "Signature missing: {role}").format(role=role)
    if code == "signature_empty":
        return translate("inspection", "Sign in the box first: {role}").format(role=role)
    if code == "signer_name_missing":
        return translate("inspection", "Enter the signer's name: {role}").format(role=role)
    if code == "supplier_name_missing":
        return translate("inspection", "Enter the supplier's name.")
    if code == "supplier_unknown":
        return translate("inspection", "Pick a supplier from the list (or add one).")
    if code == "inspector_missing":
        return translate("inspection", "Log in to start an inspection.")
    if code in ("read_only", "already_submitted"):
        return translate(
            "inspection", "This inspection is submitted and read-only; make a correction instead."
        )
    if code == "already_corrected":
        return translate("inspection", "This inspection already has a correction.")
    if code == "reading_unknown":
        return translate("inspection", "That reading is not in this kiosk's ledger.")
    return translate("inspection", "That did not work: {why}").format(why=code)


def progress_text(index: int, total: int, section: str) -> str:
    return translate("inspection", "Item {n} of {total} · {section}").format(
        n=index + 1, total=total, section=section
    )


def score_text(score: float) -> str:
    return translate("inspection", "Score {score} / 100").format(score=f"{score:.1f}")


def sample_text(
    kind: str,
    value: float | None,
    unit: str,
    verdict: str | None,
    source: str,
    short_code: str | None = None,
) -> str:
    what = {
        "brix": translate("inspection", "Brix"),
        "pesticide": translate("inspection", "Pesticide inhibition"),
        "weight": translate("inspection", "Weight"),
    }.get(kind, kind)
    shown = "—" if value is None else f"{value:g} {unit}"
    judged = {
        "negative": translate("inspection", "negative"),
        "suspect": translate("inspection", "suspect"),
        "positive": translate("inspection", "POSITIVE"),
        "invalid": translate("inspection", "invalid run"),
    }.get(verdict or "", verdict or "")
    how = (
        translate("inspection", "instrument")
        if source == "instrument"
        else translate("inspection", "manual entry")
    )
    text = f"{what} {shown} · {judged} · {how}".replace(" ·  ·", " ·")
    return f"{text} · {short_code}" if short_code else text


def action_text(action: str, item_label: str, due: str) -> str:
    text = action or translate("inspection", "Put right: {item}").format(item=item_label)
    return translate("inspection", "{action} (due {due})").format(action=text, due=due)
