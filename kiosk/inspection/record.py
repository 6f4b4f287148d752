"""The inspection as the UI and the report see it: one frozen snapshot built from the
`inspections` row, its answer rows and its attached readings; and the record's hash.

The hash covers what the inspection says (supplier, template, every applicable answer with
note and photo hashes, samples, score, verdict, corrective actions, signatures, version,
times), as canonical JSON; the verification code `LKI1.<id>.<hash>` in the report's QR lets
anyone holding the synced record recompute it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kiosk.inspection.scoring import Answer, Assessment, Sample, assess
from kiosk.inspection.template import ChecklistItem, Template

CODE_PREFIX = "LKI1."
ROLES = ("inspector", "supplier")


@dataclass(frozen=True, slots=True)
class Signature:
    role: str  # inspector, supplier
    name: str
    strokes: tuple[tuple[tuple[float, float], ...], ...]  # each stroke: points in 0..1 of the pad
    at: str  # ISO 8601 UTC

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "at": self.at,
            "strokes": [[[round(x, 4), round(y, 4)] for x, y in s] for s in self.strokes],
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Signature:
        strokes = tuple(
            tuple((float(p[0]), float(p[1])) for p in s) for s in raw.get("strokes") or []
        )
        return cls(
            str(raw.get("role") or ""),
            str(raw.get("name") or ""),
            strokes,
            str(raw.get("at") or ""),
        )


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the inspector is: a step (supplier, items, samples, sign, review, done) and the
    item index on the items step. Saved on every move, so a restart opens the same place."""

    step: str = "items"
    index: int = 0


@dataclass(frozen=True, slots=True)
class InspectionView:
    id: str
    status: str  # draft, submitted
    version: int
    supersedes: str | None
    superseded_by: str | None
    supplier_id: str
    supplier_name: str
    supplier_address: str
    inspector_id: str
    location_note: str
    template: Template
    answers: Mapping[str, Answer]
    samples: tuple[Sample, ...]
    signatures: Mapping[str, Signature]
    cursor: Cursor
    started_at: datetime
    submitted_at: datetime | None
    assessment: Assessment
    record_hash: str | None = None
    pdf_sha: str | None = None
    event_id: str | None = None
    photo_mimes: Mapping[str, str] = field(default_factory=dict)
    inspector_name: str = ""

    @property
    def read_only(self) -> bool:
        return self.status == "submitted"

    @property
    def items(self) -> list[ChecklistItem]:
        """The items to ask now (conditions applied), in order."""
        ids = set(self.assessment.applicable)
        return [it for it in self.template.items if it.id in ids]

    @property
    def code(self) -> str | None:
        return None if self.record_hash is None else f"{CODE_PREFIX}{self.id}.{self.record_hash}"

    @property
    def photos(self) -> list[str]:
        """Every photo of an applicable item, once, in item order."""
        seen: dict[str, None] = {}
        for it in self.items:
            for sha in self.answers.get(it.id, Answer()).photos:
                seen.setdefault(sha, None)
        return list(seen)


def record_of(
    view: InspectionView,
    *,
    submitted_at: datetime,
    assessment: Assessment,
) -> dict[str, Any]:
    """The submitted record (the event payload without its hash and PDF)."""
    items = []
    for it in view.items:
        ans = view.answers.get(it.id, Answer())
        items.append(
            {
                "item_id": it.id,
                "section": it.section,
                "text": dict(it.text),
                "critical": it.critical,
                "weight": it.weight,
                "answer": ans.answer,
                "note": ans.note,
                "photos": list(ans.photos),
            }
        )
    return {
        "inspection_id": view.id,
        "version": view.version,
        "supersedes": view.supersedes,
        "supplier_id": view.supplier_id,
        "supplier": {"name": view.supplier_name, "address": view.supplier_address},
        "inspector_id": view.inspector_id,
        "location_note": view.location_note,
        "template": {"id": view.template.id, "version": view.template.version},
        "items": items,
        "readings": [
            {
                "reading_id": s.reading_id,
                "kind": s.kind,
                "value": s.value,
                "unit": s.unit,
                "verdict": s.verdict,
                "source": s.source,
                "code": s.code,
            }
            for s in view.samples
        ],
        "media": view.photos,
        "score": assessment.score,
        "verdict": assessment.verdict,
        "critical_failed": list(assessment.critical_failed),
        "corrective_actions": [
            {
                "item_id": a.item_id,
                "action": a.action,
                "due": a.due.isoformat(),
                "critical": a.critical,
            }
            for a in assessment.actions
        ],
        "signatures": {role: sig.to_json() for role, sig in sorted(view.signatures.items())},
        "started_at": _iso(view.started_at),
        "submitted_at": _iso(submitted_at),
    }


def record_hash(record: Mapping[str, Any]) -> str:
    canonical = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def reassess(view: InspectionView, today: date) -> Assessment:
    return assess(view.template, view.answers, view.samples, today=today)


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")
