"""Saving readings: one immutable `readings` row + its `reading.captured` outbox event and
audit entry, in the caller's transaction. No update or delete exists (the table refuses them
too); a correction or a confirmation is a re-test linked by `retest_of`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import UserFacingError
from kiosk.ledger.audit import append_audit
from kiosk.ledger.outbox import record_change
from kiosk.models import AuditEntry, Media
from kiosk.models.readings import ReadingRecord
from kiosk.platform.identity import get_setting
from kiosk.ports import Reading, ReadingKind, ReadingStatus, utcnow
from kiosk.readings import brix, pesticide, signing
from kiosk.readings.context import CONTEXTS, ReadingContext

ACK_ACTION = "reading.flag_acknowledged"


@dataclass(frozen=True, slots=True)
class SavedReading:
    reading_id: str
    verdict: str | None
    verdict_label: str | None
    needs_manager: bool
    event_id: str
    code: str | None = None  # the verification code (LKR1.…), instrument readings only
    short_code: str | None = None  # its short form for the overlay (7KQ2-M9XD)


def brix_table(session: Session) -> brix.BrixTable:
    stored = get_setting(session, brix.SETTING_KEY)
    return brix.DEFAULT if stored is None else brix.BrixTable.from_json(stored)


def pesticide_method(session: Session) -> pesticide.PesticideMethod:
    stored = get_setting(session, pesticide.SETTING_KEY)
    return (
        pesticide.DEFAULT_METHOD if stored is None else pesticide.PesticideMethod.from_json(stored)
    )


def store_zone(session: Session) -> timezone | ZoneInfo:
    name = get_setting(session, "store_timezone", "Asia/Shanghai")
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return timezone(timedelta(hours=8))


def save_reading(session: Session, reading: Reading, ctx: ReadingContext) -> SavedReading:
    """An instrument reading. Only stable weights and good frames are saved."""
    if reading.status is not ReadingStatus.OK or reading.value is None:
        why = dict(reading.extra).get("error") or reading.status.value
        raise UserFacingError(f"This reading cannot be saved ({why}); nothing was written.")
    if reading.kind is ReadingKind.WEIGHT and not reading.stable:
        raise UserFacingError("The weight is still moving; wait for the scale to settle.")
    extra = dict(reading.extra)
    row = _row(
        session,
        ctx,
        kind=reading.kind.value,
        value=reading.value,
        unit=reading.unit,
        source="instrument",
        raw_hex=reading.raw.hex(),
        measured_at=reading.at,
        parsed=extra,
    )
    if reading.kind is ReadingKind.BRIX:
        _grade_brix(session, row, ctx)
    elif reading.kind is ReadingKind.PESTICIDE:
        if "dA0" not in extra or "dAt" not in extra:
            raise UserFacingError("This line is not a sample result (a control?); nothing saved.")
        row.sample_id = row.sample_id or extra.get("sample_id")
        verdict = pesticide.judge(
            float(extra["dA0"]),
            float(extra["dAt"]),
            pesticide_method(session),
            reader_code=extra.get("reader_verdict"),
            product=ctx.product,
        )
        _apply_pesticide(row, verdict, reader_inhibition=reading.value)
    else:
        row.data["stable"] = reading.stable
    return _commit(session, row, ctx)


def save_brix_sample(
    session: Session,
    fruits: Sequence[Reading | float],
    ctx: ReadingContext,
) -> SavedReading:
    """One sample of 3–5 fruits: value = mean, with n, mean ± SD; floats are manual entries
    (pocket refractometers) and need a photo of the display."""
    values: list[float] = []
    raws: list[str] = []
    manual = False
    for fruit in fruits:
        if isinstance(fruit, Reading):
            if (
                fruit.kind is not ReadingKind.BRIX
                or fruit.status is not ReadingStatus.OK
                or fruit.value is None
            ):
                raise UserFacingError(
                    "Every fruit needs a good Brix reading; re-measure the bad one."
                )
            values.append(fruit.value)
            raws.append(fruit.raw.hex())
        else:
            manual = True
            values.append(float(fruit))
    if manual and not ctx.photos:
        raise UserFacingError("A hand-entered Brix value needs a photo of the display.")
    stats = brix.sample_stats(values)
    row = _row(
        session,
        ctx,
        kind="brix",
        value=stats.mean,
        unit="%Brix",
        source="manual" if manual else "instrument",
        raw_hex=" ".join(raws),
        measured_at=utcnow(),
        parsed={},
    )
    row.data["sample"] = {
        "n": stats.n,
        "mean": stats.mean,
        "sd": stats.sd,
        "values": list(stats.values),
        "within_method": stats.within_method,
        "method": "NY/T 2637-2014 (refractometer)",
    }
    _grade_brix(session, row, ctx)
    return _commit(session, row, ctx)


def save_manual(
    session: Session,
    ctx: ReadingContext,
    *,
    kind: str,
    value: float | None = None,
    unit: str = "",
    card: str | None = None,
    da0: float | None = None,
    dat: float | None = None,
) -> SavedReading:
    """Manual entry with a photo: a pocket refractometer's Brix, a test card read by eye
    (`card` = blue / faint / white), or ΔA values copied from a reader with no data port."""
    if not ctx.photos:
        raise UserFacingError("A hand-entered reading needs a photo (display or test card).")
    if kind == "brix":
        if value is None:
            raise UserFacingError("Enter the Brix value shown on the refractometer.")
        return save_brix_sample(session, [value], ctx)
    if kind == "weight":
        if value is None or value < 0:
            raise UserFacingError("Enter the weight shown on the scale.")
        row = _row(
            session,
            ctx,
            kind="weight",
            value=value,
            unit=unit or "g",
            source="manual",
            raw_hex="",
            measured_at=utcnow(),
            parsed={},
        )
        return _commit(session, row, ctx)
    if kind != "pesticide":
        raise UserFacingError(f"Unknown reading kind {kind!r}.")
    if card is not None:
        verdict = pesticide.card_verdict(card, ctx.product)
        row = _row(
            session,
            ctx,
            kind="pesticide",
            value=None,
            unit="",
            source="manual",
            raw_hex="",
            measured_at=utcnow(),
            parsed={"card": card},
        )
        _apply_pesticide(row, verdict, reader_inhibition=None)
        row.threshold_pct = None
        return _commit(session, row, ctx)
    if da0 is None or dat is None:
        raise UserFacingError("Enter ΔA₀ (control) and ΔAₜ (sample), or the test card colour.")
    verdict = pesticide.judge(da0, dat, pesticide_method(session), product=ctx.product)
    row = _row(
        session,
        ctx,
        kind="pesticide",
        value=verdict.inhibition_pct,
        unit="%",
        source="manual",
        raw_hex="",
        measured_at=utcnow(),
        parsed={"dA0": f"{da0:.3f}", "dAt": f"{dat:.3f}"},
    )
    _apply_pesticide(row, verdict, reader_inhibition=None)
    return _commit(session, row, ctx)


def flagged_for_manager(
    session: Session, *, include_acknowledged: bool = False
) -> list[ReadingRecord]:
    """Positive, suspect or disputed results, newest first; by default only those no manager
    has acknowledged yet."""
    stmt = select(ReadingRecord).where(ReadingRecord.needs_manager.is_(True))
    if not include_acknowledged:
        seen = select(AuditEntry.entity_id).where(
            AuditEntry.action == ACK_ACTION, AuditEntry.entity == "reading"
        )
        stmt = stmt.where(ReadingRecord.id.not_in(seen))
    return list(session.scalars(stmt.order_by(ReadingRecord.measured_at.desc())))


def acknowledge_flag(session: Session, reading_id: str, *, manager_id: str, note: str) -> None:
    """A manager has seen a flagged result and says what was done (held the batch, sent a
    sample to the lab...). Recorded in the audit chain; the reading itself never changes."""
    row = session.get(ReadingRecord, reading_id)
    if row is None or not row.needs_manager:
        raise UserFacingError("There is no flagged reading with that id.")
    if not note.strip():
        raise UserFacingError("Say what was done about this result.")
    append_audit(
        session,
        actor=manager_id,
        action=ACK_ACTION,
        entity="reading",
        entity_id=reading_id,
        detail={"note": note.strip(), "verdict": row.verdict},
    )


def retests_of(session: Session, reading_id: str) -> list[ReadingRecord]:
    stmt = select(ReadingRecord).where(ReadingRecord.retest_of == reading_id)
    return list(session.scalars(stmt.order_by(ReadingRecord.measured_at)))


# --- helpers ---------------------------------------------------------------------------------
def _row(
    session: Session,
    ctx: ReadingContext,
    *,
    kind: str,
    value: float | None,
    unit: str,
    source: str,
    raw_hex: str,
    measured_at: datetime,
    parsed: dict[str, Any],
) -> ReadingRecord:
    if ctx.context not in CONTEXTS:
        raise UserFacingError(
            f"Unknown reading context {ctx.context!r}; use one of {', '.join(CONTEXTS)}."
        )
    if not ctx.operator_id:
        raise UserFacingError("Say who took the reading (operator).")
    if ctx.retest_of is not None:
        original = session.get(ReadingRecord, ctx.retest_of)
        if original is None:
            raise UserFacingError(f"There is no reading {ctx.retest_of} to re-test.")
        if original.kind != kind:
            raise UserFacingError(
                f"A re-test of a {original.kind} reading must be a {original.kind} reading."
            )
    for sha in ctx.photos:
        if session.get(Media, sha) is None:
            raise UserFacingError(
                "A photo of this reading is missing from the store; take it again."
            )
    now = utcnow()
    return ReadingRecord(
        id=str(uuid.uuid4()),
        kind=kind,
        status="ok",
        value=value,
        unit=unit,
        stable=True,
        verdict=None,
        verdict_label=None,
        source=source,
        raw_hex=raw_hex,
        sample_id=ctx.sample_id,
        product=ctx.product,
        variety=ctx.variety,
        batch_id=ctx.batch_id,
        lot=ctx.lot,
        supplier_id=ctx.supplier_id,
        origin=ctx.origin,
        context=ctx.context,
        session_id=ctx.session_id,
        operator_id=ctx.operator_id,
        witness_id=ctx.witness_id,
        instrument_model=ctx.instrument_model,
        instrument_serial=ctx.instrument_serial,
        protocol=ctx.protocol,
        method_standard=None,
        threshold_pct=None,
        control_valid=None,
        needs_manager=False,
        retest_of=ctx.retest_of,
        measured_at=measured_at,
        measured_at_local=measured_at.astimezone(store_zone(session)).isoformat(),
        photos=list(ctx.photos),
        data={"parsed": parsed, **ctx.side_data()},
        created_at=now,
    )


def _grade_brix(session: Session, row: ReadingRecord, ctx: ReadingContext) -> None:
    assert row.value is not None
    grade = brix_table(session).grade(ctx.variety or ctx.product, row.value)
    row.method_standard = "NY/T 2637-2014 (refractometer)"
    if grade is not None:
        row.verdict, row.verdict_label = grade.code, grade.label
        row.data["grade"] = {"variety": grade.variety, "source": grade.source}


def _apply_pesticide(
    row: ReadingRecord, verdict: pesticide.PesticideVerdict, reader_inhibition: float | None
) -> None:
    row.verdict, row.verdict_label = verdict.verdict, verdict.label
    row.method_standard = verdict.method.standard
    row.threshold_pct = verdict.method.positive_pct
    row.control_valid = verdict.control_valid
    row.needs_manager = verdict.needs_manager
    row.data["pesticide"] = {
        "inhibition_pct": verdict.inhibition_pct,
        "reader_inhibition_pct": reader_inhibition,
        "reader_verdict": verdict.reader_verdict,
        "disagrees_with_reader": verdict.disagrees,
        "method": verdict.method.to_json(),
        "advice": verdict.advice,
        "note": verdict.note,
    }
    if verdict.inhibition_pct is not None:
        row.value = verdict.inhibition_pct if reader_inhibition is None else reader_inhibition


def captured_payload(row: ReadingRecord) -> dict[str, Any]:
    """The `reading.captured` payload of a row (also what its signature covers)."""
    return {
        "reading_id": row.id,
        "kind": row.kind,
        "value": row.value,
        "unit": row.unit,
        "verdict": row.verdict,
        "verdict_label": row.verdict_label,
        "product": row.product,
        "variety": row.variety,
        "batch_id": row.batch_id,
        "lot": row.lot,
        "sample_id": row.sample_id,
        "supplier_id": row.supplier_id,
        "instrument": {"model": row.instrument_model, "serial": row.instrument_serial},
        "operator": row.operator_id,
        "witness": row.witness_id,
        "session": {"context": row.context, "id": row.session_id},
        "method": {"standard": row.method_standard, "threshold_pct": row.threshold_pct},
        "control_valid": row.control_valid,
        "needs_manager": row.needs_manager,
        "retest_of": row.retest_of,
        "source": row.source,
        "photos": list(row.photos),
        "measured_at": row.measured_at.isoformat().replace("+00:00", "Z"),
    }


def _commit(session: Session, row: ReadingRecord, ctx: ReadingContext) -> SavedReading:
    signature = (
        signing.sign_reading(session, captured_payload(row)) if row.source == "instrument" else None
    )
    row.data = {**row.data, "signature": signature}  # set before the insert: rows never change
    session.add(row)
    session.flush()
    payload = {**captured_payload(row), "signature": signature}
    ev = record_change(
        session,
        actor=ctx.operator_id,
        event_type="reading.captured",
        entity="reading",
        entity_id=row.id,
        payload=payload,
    )
    return SavedReading(
        row.id,
        row.verdict,
        row.verdict_label,
        row.needs_manager,
        ev.event_id,
        signature["code"] if signature else None,
        signature["short"] if signature else None,
    )
