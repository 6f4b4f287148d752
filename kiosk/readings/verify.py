"""`kiosk verify-reading`: check a reading's verification code offline against the device
keys this kiosk knows and, when the reading is in its ledger, against the stored record."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models.readings import ReadingRecord
from kiosk.readings import signing
from kiosk.readings.service import captured_payload


def find_by_short(session: Session, short: str) -> ReadingRecord | None:
    wanted = signing.normal_short(short)
    stmt = select(ReadingRecord).where(ReadingRecord.source == "instrument")
    for row in session.scalars(stmt.order_by(ReadingRecord.measured_at.desc())):
        sig = (row.data or {}).get("signature")
        if isinstance(sig, dict) and sig.get("short") == wanted:
            return row
    return None


def verify_in_ledger(session: Session, text: str) -> signing.ReadingCheck:
    """A full code (LKR1.…) or a short one (7KQ2-M9XD, looked up in the ledger)."""
    code = text.strip()
    if signing.is_short_code(code) and not code.startswith(signing.PREFIX):
        row = find_by_short(session, code)
        if row is None:
            return signing._result(signing.NOT_FOUND, code=signing.normal_short(code))
        code = str(row.data["signature"]["code"])
    check = signing.check_code(code, signing.known_keys(session))
    if check.reading is None or check.reason in (signing.MALFORMED, signing.UNKNOWN_KEY):
        return check
    row = session.get(ReadingRecord, str(check.reading["reading_id"]))
    if row is None:
        return check  # a reading of another kiosk: the signature alone decides
    return signing.check_code(code, signing.known_keys(session), captured_payload(row))
