"""The reading label (检测标签) of a saved reading, with its verification code in the QR: a
phone that scans it gets the signed figures, `kiosk verify-reading` or the server checks
them. A manual entry's label says so and carries the plain traceability link instead."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import UserFacingError
from kiosk.models.readings import ReadingRecord
from kiosk.ports import QR, Block, Document, Text
from kiosk.printing import documents
from kiosk.printing.queue import enqueue_in

# the printed conclusion (the same words as the live screen's zh_CN); negative / positive are
# worded by kiosk.printing.documents.VERDICT_WORDS
CONCLUSIONS = {
    "below": "甜度偏低",
    "normal": "甜度正常",
    "sweet": "甜度良",
    "extra_sweet": "甜度优",
    "suspect": "可疑，需复检",
    "invalid": "无效，需重做对照",
}


def label_document(s: Session, reading_id: str) -> Document:
    row = s.get(ReadingRecord, reading_id)
    if row is None:
        raise UserFacingError("There is no reading with that id.")
    data = documents.ReadingLabelData(
        reading_id=row.id,
        product=row.product or "—",
        kind=row.kind,
        value=row.value,
        unit="°Brix" if row.unit == "%Brix" else row.unit,
        verdict=CONCLUSIONS.get(row.verdict or "", row.verdict or ""),
        instrument=" ".join(x for x in (row.instrument_model, row.instrument_serial) if x) or "—",
        operator=row.operator_id,
        at=row.measured_at,
    )
    doc = documents.reading_label(data)
    signature = (row.data or {}).get("signature")
    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, QR) and isinstance(signature, dict):
            blocks.append(
                replace(
                    block,
                    data=str(signature["code"]),
                    module=3,
                    caption=f"验真码 {signature['short']}",
                )
            )
        elif isinstance(block, QR):
            blocks.append(Text("手工录入（未签名）"))
            blocks.append(block)
        else:
            blocks.append(block)
    return replace(doc, blocks=tuple(blocks))


def queue_reading_label(s: Session, reading_id: str) -> str:
    """Queue the label in the caller's transaction; wake the print dispatcher afterwards."""
    return enqueue_in(s, label_document(s, reading_id), ref=reading_id)


def print_label(db: Database, reading_id: str) -> str:
    """Queue the label in its own transaction (the UI's database worker calls this)."""
    with db.session() as s:
        return queue_reading_label(s, reading_id)
