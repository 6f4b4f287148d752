"""Inspections in the ledger: start, answer (each answer written at once), photos, samples,
signatures, submit (read-only after, `inspection.submitted` in the outbox with the report
PDF), correct (a new version pointing to the old). Every function takes the caller's
session: the UI runs them through `ui/tasks.run_db`, tests on a real SQLite file."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import UserFacingError
from kiosk.inspection.record import (
    ROLES,
    Cursor,
    InspectionView,
    Signature,
    reassess,
    record_hash,
    record_of,
)
from kiosk.inspection.scoring import Answer, Sample, assess
from kiosk.inspection.template import ANSWERS, DEFAULT, DEFAULT_ID, Template
from kiosk.ledger.audit import append_audit
from kiosk.ledger.outbox import record_change
from kiosk.models import Inspection, Media, Staff, Supplier
from kiosk.models.inspection import InspectionAnswer
from kiosk.models.readings import ReadingRecord
from kiosk.models.sync import ChecklistTemplate
from kiosk.ports import Reading, utcnow
from kiosk.readings.context import ReadingContext
from kiosk.readings.media import store_media
from kiosk.readings.service import save_reading, store_zone

DRAFT, SUBMITTED = "draft", "submitted"
STEPS = ("items", "samples", "sign", "review", "done")
MAX_NOTE = 2000


class InspectionError(UserFacingError):
    """A refused inspection operation; `code` lets the UI word it (ui/words/inspection.py)."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class SupplierInfo:
    id: str
    name: str
    address: str
    local: bool  # added on this kiosk, not (yet) from the platform


@dataclass(frozen=True, slots=True)
class DraftInfo:
    id: str
    supplier_name: str
    started_at: datetime
    answered: int
    total: int


@dataclass(frozen=True, slots=True)
class Submitted:
    inspection_id: str
    event_id: str
    record_hash: str
    pdf_sha: str | None
    score: float
    verdict: str


# --- suppliers and templates ------------------------------------------------------------
def suppliers(session: Session) -> list[SupplierInfo]:
    rows = session.scalars(select(Supplier).order_by(Supplier.name))
    return [SupplierInfo(r.id, r.name, r.address, bool((r.data or {}).get("local"))) for r in rows]


def add_supplier(session: Session, *, name: str, address: str = "", actor: str) -> str:
    """A supplier not on the synced list (met in the field); its name and address travel
    with the inspection event so the platform learns it."""
    name = name.strip()
    if not name:
        raise InspectionError("supplier_name_missing", "Enter the supplier's name.")
    sid = f"SUP-L-{uuid.uuid4().hex[:10].upper()}"
    session.add(
        Supplier(id=sid, name=name[:200], address=address.strip()[:300], data={"local": True})
    )
    session.flush()
    append_audit(
        session,
        actor=actor,
        action="supplier.added_locally",
        entity="supplier",
        entity_id=sid,
        detail={"name": name, "address": address.strip()},
    )
    return sid


def templates(session: Session) -> list[Template]:
    """Synced templates that can be filled in, then the built-in default."""
    out: list[Template] = []
    for row in session.scalars(select(ChecklistTemplate).order_by(ChecklistTemplate.name)):
        try:
            out.append(Template.from_json(row.data or {}, fallback_id=row.id))
        except (UserFacingError, TypeError, ValueError):
            continue  # a template this kiosk cannot use: the default still works
    if all(t.id != DEFAULT_ID for t in out):
        out.append(DEFAULT)
    return out


def template_by_id(session: Session, template_id: str | None) -> Template:
    for t in templates(session):
        if template_id in (None, t.id):
            return t
    raise InspectionError(
        "template_unknown", f"There is no checklist {template_id!r}.", template=str(template_id)
    )


# --- life of an inspection -----------------------------------------------------------------
def start(
    session: Session,
    *,
    supplier_id: str,
    inspector_id: str,
    template_id: str | None = None,
    location_note: str = "",
) -> str:
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise InspectionError("supplier_unknown", "Pick a supplier from the list (or add one).")
    if not inspector_id:
        raise InspectionError("inspector_missing", "Log in to start an inspection.")
    tpl = template_by_id(session, template_id) if template_id else templates(session)[0]
    iid = f"INS-{utcnow():%Y%m%d}-{uuid.uuid4().hex[:8].upper()}"
    session.add(
        Inspection(
            id=iid,
            supplier_id=supplier_id,
            inspector_id=inspector_id,
            status=DRAFT,
            score=None,
            verdict=None,
            started_at=utcnow(),
            submitted_at=None,
            data={
                "template": tpl.to_json(),
                "location_note": location_note.strip()[:500],
                "readings": [],
                "signatures": {},
                "cursor": {"step": "items", "index": 0},
                "version": 1,
                "supersedes": None,
            },
        )
    )
    session.flush()
    append_audit(
        session,
        actor=inspector_id,
        action="inspection.started",
        entity="inspection",
        entity_id=iid,
        detail={"supplier_id": supplier_id, "template": tpl.id},
    )
    return iid


def drafts(session: Session) -> list[DraftInfo]:
    """Inspections not yet submitted, newest first (the screen offers to resume them)."""
    out = []
    stmt = (
        select(Inspection).where(Inspection.status == DRAFT).order_by(Inspection.started_at.desc())
    )
    for row in session.scalars(stmt):
        v = view(session, row.id)
        out.append(
            DraftInfo(
                row.id,
                v.supplier_name,
                row.started_at,
                v.assessment.answered,
                len(v.assessment.applicable),
            )
        )
    return out


def view(session: Session, inspection_id: str) -> InspectionView:
    row = _row(session, inspection_id)
    data: dict[str, Any] = dict(row.data or {})
    tpl = Template.from_json(data.get("template") or DEFAULT.to_json())
    answers = {
        a.item_id: Answer(a.answer, a.note, tuple(a.photos), a.action)
        for a in session.scalars(
            select(InspectionAnswer).where(InspectionAnswer.inspection_id == row.id)
        )
    }
    samples = tuple(_sample(session, rid) for rid in data.get("readings") or [])
    sigs = {role: Signature.from_json(s) for role, s in (data.get("signatures") or {}).items()}
    cur = data.get("cursor") or {}
    supplier = session.get(Supplier, row.supplier_id)
    staff = session.get(Staff, row.inspector_id)
    today = utcnow().astimezone(store_zone(session)).date()
    shas = {sha for a in answers.values() for sha in a.photos}
    mimes = {m.sha256: m.mime for m in session.scalars(select(Media).where(Media.sha256.in_(shas)))}
    later = session.scalar(
        select(Inspection.id).where(Inspection.data["supersedes"].as_string() == row.id).limit(1)
    )
    return InspectionView(
        id=row.id,
        status=row.status,
        version=int(data.get("version") or 1),
        supersedes=data.get("supersedes"),
        superseded_by=later,
        supplier_id=row.supplier_id,
        supplier_name=supplier.name if supplier else row.supplier_id,
        supplier_address=supplier.address if supplier else "",
        inspector_id=row.inspector_id,
        location_note=str(data.get("location_note") or ""),
        template=tpl,
        answers=answers,
        samples=samples,
        signatures=sigs,
        cursor=Cursor(str(cur.get("step") or "items"), int(cur.get("index") or 0)),
        started_at=row.started_at,
        submitted_at=row.submitted_at,
        assessment=assess(tpl, answers, samples, today=today),
        record_hash=data.get("hash"),
        pdf_sha=data.get("pdf"),
        event_id=data.get("event_id"),
        photo_mimes=mimes,
        inspector_name=staff.name if staff is not None else "",
    )


def answer(session: Session, inspection_id: str, item_id: str, value: str | None) -> None:
    if value is not None and value not in ANSWERS:
        raise InspectionError("answer_unknown", f"An answer is pass, fail or n/a (not {value!r}).")
    _row, ans = _answer_row(session, inspection_id, item_id)
    ans.answer = value
    ans.updated_at = utcnow()
    session.flush()


def note(session: Session, inspection_id: str, item_id: str, text: str) -> None:
    _row, ans = _answer_row(session, inspection_id, item_id)
    ans.note = text.strip()[:MAX_NOTE]
    ans.updated_at = utcnow()
    session.flush()


def set_action(session: Session, inspection_id: str, item_id: str, text: str) -> None:
    """The corrective action for a failed item (shown with its due date in the report)."""
    _row, ans = _answer_row(session, inspection_id, item_id)
    ans.action = text.strip()[:MAX_NOTE]
    ans.updated_at = utcnow()
    session.flush()


def add_photo(
    session: Session,
    data_dir: Path,
    inspection_id: str,
    item_id: str,
    data: bytes,
    mime: str = "image/jpeg",
) -> str:
    """A photo (the mark already drawn on it) for one item: stored once by its sha256."""
    _draft(session, inspection_id)
    sha = store_media(session, data_dir, data, mime)
    _row, ans = _answer_row(session, inspection_id, item_id)
    if sha not in ans.photos:
        ans.photos = [*ans.photos, sha]
        ans.updated_at = utcnow()
    session.flush()
    return sha


def remove_photo(session: Session, inspection_id: str, item_id: str, sha: str) -> None:
    _row, ans = _answer_row(session, inspection_id, item_id)
    ans.photos = [p for p in ans.photos if p != sha]
    ans.updated_at = utcnow()
    session.flush()


def attach_reading(session: Session, inspection_id: str, reading_id: str) -> None:
    """An instrument (or manual) reading taken here becomes one of the inspection's samples."""
    row = _draft(session, inspection_id)
    if session.get(ReadingRecord, reading_id) is None:
        raise InspectionError("reading_unknown", "That reading is not in this kiosk's ledger.")
    ids = list((row.data or {}).get("readings") or [])
    if reading_id not in ids:
        _put(row, readings=[*ids, reading_id])


def take_sample(
    session: Session,
    inspection_id: str,
    reading: Reading,
    *,
    operator_id: str,
    product: str | None,
    instrument_model: str,
    instrument_serial: str,
    protocol: str = "",
) -> str:
    """A reading that just arrived from a connected instrument, saved (and signed) as a
    reading of this inspection, and attached as one of its samples."""
    row = _draft(session, inspection_id)
    ctx = ReadingContext(
        operator_id=operator_id,
        context="inspection",
        session_id=row.id,
        supplier_id=row.supplier_id,
        product=product or None,
        instrument_model=instrument_model,
        instrument_serial=instrument_serial,
        protocol=protocol or None,
    )
    saved = save_reading(session, reading, ctx)
    attach_reading(session, inspection_id, saved.reading_id)
    return saved.reading_id


def detach_reading(session: Session, inspection_id: str, reading_id: str) -> None:
    row = _draft(session, inspection_id)
    _put(row, readings=[r for r in (row.data or {}).get("readings") or [] if r != reading_id])


def set_location_note(session: Session, inspection_id: str, text: str) -> None:
    _put(_draft(session, inspection_id), location_note=text.strip()[:500])


def move(session: Session, inspection_id: str, cursor: Cursor) -> None:
    """Remember where the inspector is (the screen calls this on every step)."""
    if cursor.step not in STEPS:
        raise InspectionError("step_unknown", f"Unknown step {cursor.step!r}.")
    row = _row(session, inspection_id)
    if row.status == DRAFT:
        _put(row, cursor={"step": cursor.step, "index": max(0, cursor.index)})


def sign(
    session: Session,
    inspection_id: str,
    *,
    role: str,
    name: str,
    strokes: Sequence[Sequence[tuple[float, float]]],
) -> None:
    """A signature drawn on screen: strokes of points scaled to 0..1 of the pad."""
    if role not in ROLES:
        raise InspectionError("role_unknown", f"Unknown signer {role!r}.")
    points = [
        [(min(1.0, max(0.0, float(x))), min(1.0, max(0.0, float(y)))) for x, y in s]
        for s in strokes
        if len(s) >= 1
    ]
    if sum(len(s) for s in points) < 2:
        raise InspectionError("signature_empty", "Sign in the box first.", role=role)
    if not name.strip():
        raise InspectionError("signer_name_missing", "Enter the signer's name.", role=role)
    row = _draft(session, inspection_id)
    sig = Signature(
        role,
        name.strip()[:100],
        tuple(tuple(p) for p in points),
        utcnow().isoformat().replace("+00:00", "Z"),
    )
    _put(row, signatures={**((row.data or {}).get("signatures") or {}), role: sig.to_json()})


def clear_signature(session: Session, inspection_id: str, role: str) -> None:
    row = _draft(session, inspection_id)
    sigs = dict((row.data or {}).get("signatures") or {})
    sigs.pop(role, None)
    _put(row, signatures=sigs)


def submit_problems(v: InspectionView) -> list[tuple[str, dict[str, str]]]:
    """What still stops a submit: (code, params), in the order the inspector should fix them."""
    out: list[tuple[str, dict[str, str]]] = [
        (p.code, {"item": p.item_id or "", **p.params}) for p in v.assessment.problems
    ]
    for role in ROLES:
        if role not in v.signatures:
            out.append(("signature_missing", {"role": role}))
    return out


def submit(
    session: Session,
    data_dir: Path,
    inspection_id: str,
    *,
    actor: str,
    render_pdf: Callable[[InspectionView], bytes] | None = None,
) -> Submitted:
    """Seal the inspection: score and verdict from the answers, the record's hash, the
    report PDF (stored as media, so it syncs like the photos), `inspection.submitted`."""
    v = view(session, inspection_id)
    if v.read_only:
        raise InspectionError("already_submitted", "This inspection is already submitted.")
    problems = submit_problems(v)
    if problems:
        code, params = problems[0]
        raise InspectionError(code, "The inspection is not complete yet.", **params)
    now = utcnow()
    assessment = reassess(v, now.astimezone(store_zone(session)).date())
    record = record_of(v, submitted_at=now, assessment=assessment)
    digest = record_hash(record)
    sealed = replace(
        v, status=SUBMITTED, submitted_at=now, assessment=assessment, record_hash=digest
    )
    pdf_sha = None
    if render_pdf is not None:
        pdf_sha = store_media(session, data_dir, render_pdf(sealed), "application/pdf")
    payload = {
        **record,
        "hash": digest,
        "report_pdf": pdf_sha,
        "media": [*record["media"], *([pdf_sha] if pdf_sha else [])],
    }
    ev = record_change(
        session,
        actor=actor,
        event_type="inspection.submitted",
        entity="inspection",
        entity_id=v.id,
        payload=payload,
        detail={
            "supplier_id": v.supplier_id,
            "score": assessment.score,
            "verdict": assessment.verdict,
            "hash": digest,
        },
    )
    row = _row(session, inspection_id)
    row.score, row.verdict = assessment.score, assessment.verdict
    row.status, row.submitted_at = SUBMITTED, now
    row.data = {
        **(row.data or {}),
        "hash": digest,
        "pdf": pdf_sha,
        "event_id": ev.event_id,
        "record": record,
        "cursor": {"step": "done", "index": 0},
    }
    session.flush()
    return Submitted(v.id, ev.event_id, digest, pdf_sha, assessment.score, assessment.verdict)


def correct(session: Session, inspection_id: str, *, actor: str) -> str:
    """A correction of a submitted inspection: a new draft (version + 1) that points to the
    old one, with its answers, photos and samples copied and the signatures to be given
    again. The old record stays as it was."""
    old = _row(session, inspection_id)
    if old.status != SUBMITTED:
        raise InspectionError("not_submitted", "Only a submitted inspection can be corrected.")
    later = session.scalar(
        select(Inspection.id).where(Inspection.data["supersedes"].as_string() == old.id).limit(1)
    )
    if later is not None:
        raise InspectionError(
            "already_corrected", "This inspection already has a correction.", correction=later
        )
    data = dict(old.data or {})
    nid = f"{old.id.split('~')[0]}~v{int(data.get('version') or 1) + 1}"
    session.add(
        Inspection(
            id=nid,
            supplier_id=old.supplier_id,
            inspector_id=actor,
            status=DRAFT,
            score=None,
            verdict=None,
            started_at=utcnow(),
            submitted_at=None,
            data={
                "template": data.get("template"),
                "location_note": data.get("location_note", ""),
                "readings": list(data.get("readings") or []),
                "signatures": {},
                "cursor": {"step": "items", "index": 0},
                "version": int(data.get("version") or 1) + 1,
                "supersedes": old.id,
            },
        )
    )
    session.flush()
    for a in session.scalars(
        select(InspectionAnswer).where(InspectionAnswer.inspection_id == old.id)
    ):
        session.add(
            InspectionAnswer(
                inspection_id=nid,
                item_id=a.item_id,
                answer=a.answer,
                note=a.note,
                photos=list(a.photos),
                action=a.action,
                updated_at=utcnow(),
            )
        )
    session.flush()
    append_audit(
        session,
        actor=actor,
        action="inspection.correction_started",
        entity="inspection",
        entity_id=nid,
        detail={"supersedes": old.id},
    )
    return nid


def media_path(session: Session, data_dir: Path, sha: str) -> Path | None:
    m = session.get(Media, sha)
    if m is None:
        return None
    p = Path(m.path)
    return p if p.is_absolute() else data_dir / p


# --- helpers -----------------------------------------------------------------------------
def _row(session: Session, inspection_id: str) -> Inspection:
    row = session.get(Inspection, inspection_id)
    if row is None:
        raise InspectionError("inspection_unknown", f"There is no inspection {inspection_id}.")
    return row


def _draft(session: Session, inspection_id: str) -> Inspection:
    row = _row(session, inspection_id)
    if row.status != DRAFT:
        raise InspectionError(
            "read_only", "This inspection is submitted and read-only; make a correction instead."
        )
    return row


def _put(row: Inspection, **fields: Any) -> None:
    row.data = {**(row.data or {}), **fields}  # a new dict: the JSON column sees the change


def _answer_row(
    session: Session,
    inspection_id: str,
    item_id: str,
) -> tuple[Inspection, InspectionAnswer]:
    row = _draft(session, inspection_id)
    Template.from_json(row.data.get("template") or DEFAULT.to_json()).item(item_id)
    ans = session.get(InspectionAnswer, (inspection_id, item_id))
    if ans is None:
        ans = InspectionAnswer(
            inspection_id=inspection_id,
            item_id=item_id,
            answer=None,
            note="",
            photos=[],
            action="",
            updated_at=utcnow(),
        )
        session.add(ans)
    return row, ans


def _sample(session: Session, reading_id: str) -> Sample:
    r = session.get(ReadingRecord, reading_id)
    if r is None:
        return Sample(reading_id, "unknown", None, "", None, None, "missing")
    sig = (r.data or {}).get("signature") or {}
    signed = isinstance(sig, dict)
    return Sample(
        r.id,
        r.kind,
        r.value,
        r.unit,
        r.verdict,
        r.verdict_label,
        r.source,
        r.product,
        sig.get("code") if signed else None,
        sig.get("short") if signed else None,
    )


def pdf_renderer(
    session: Session,
    data_dir: Path,
    *,
    language: str = "zh_CN",
) -> Callable[[InspectionView], bytes]:
    """`submit(render_pdf=…)`: the report with the photos from the media store and times in
    the store's zone."""
    from kiosk.inspection import report

    zone = store_zone(session)

    def load(sha: str) -> bytes | None:
        path = media_path(session, data_dir, sha)
        try:
            return None if path is None else path.read_bytes()
        except OSError:
            return None

    def local(at: datetime) -> str:
        return at.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    return lambda v: report.render(v, load, language=language, local_time=local)
