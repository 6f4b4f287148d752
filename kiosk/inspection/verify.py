"""Checking an inspection report's verification code (`LKI1.<inspection id>.<sha256>`, the
report's QR) against the ledger: the record is recomputed from what was submitted, so a
report whose figures were edited, a code of another version, or a tampered ledger row each
fail with their own message."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.inspection.record import CODE_PREFIX, record_hash
from kiosk.models import Inspection

_CODE = re.compile(r"LKI1\.([A-Za-z0-9~_-]{1,64})\.([0-9a-f]{64})")

MESSAGES = {
    "valid": "The report matches the submitted inspection record.",
    "valid_superseded": "The report matches its record, but a later correction ({by}) replaces it.",
    "malformed": "This is not an inspection verification code (LKI1.<id>.<hash>).",
    "unknown": "This kiosk has no inspection {id}.",
    "not_submitted": "Inspection {id} is not submitted yet: there is nothing to verify.",
    "hash_mismatch": "The code does not match inspection {id}'s record: the report was changed "
    "or belongs to another version.",
    "record_altered": "Inspection {id}'s stored record no longer matches its hash: the ledger "
    "was changed after it was submitted.",
}


@dataclass(frozen=True, slots=True)
class CodeCheck:
    valid: bool
    reason: str
    inspection_id: str | None = None
    verdict: str | None = None
    score: float | None = None
    supplier_id: str | None = None
    superseded_by: str | None = None

    @property
    def message(self) -> str:
        return MESSAGES[self.reason].format(
            id=self.inspection_id or "", by=self.superseded_by or ""
        )

    def to_json(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "reason": self.reason,
            "inspection_id": self.inspection_id,
            "verdict": self.verdict,
            "score": self.score,
            "supplier_id": self.supplier_id,
            "superseded_by": self.superseded_by,
            "message": self.message,
        }


def check_code(session: Session, code: str) -> CodeCheck:
    m = _CODE.fullmatch(code.strip())
    if not code.strip().startswith(CODE_PREFIX) or m is None:
        return CodeCheck(False, "malformed")
    iid, claimed = m.group(1), m.group(2)
    row = session.get(Inspection, iid)
    if row is None:
        return CodeCheck(False, "unknown", iid)
    data = dict(row.data or {})
    if row.status != "submitted" or not isinstance(data.get("record"), dict):
        return CodeCheck(False, "not_submitted", iid)
    facts = {
        "inspection_id": iid,
        "verdict": row.verdict,
        "score": row.score,
        "supplier_id": row.supplier_id,
    }
    if record_hash(data["record"]) != data.get("hash"):
        return CodeCheck(False, "record_altered", **facts)  # type: ignore[arg-type]
    if claimed != data.get("hash"):
        return CodeCheck(False, "hash_mismatch", **facts)  # type: ignore[arg-type]
    later = session.scalar(
        select(Inspection.id).where(Inspection.data["supersedes"].as_string() == iid).limit(1)
    )
    return CodeCheck(True, "valid_superseded" if later else "valid", superseded_by=later, **facts)  # type: ignore[arg-type]
