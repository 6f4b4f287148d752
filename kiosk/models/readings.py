"""Saved instrument readings (weight, Brix, pesticide screen): immutable once written.

Explicit columns for what is searched and shown; the rest of INSTRUMENTS.md's "what a saved
reading carries" (parsed values, calibration, reagent lot, notes…) lives in `data`. SQLite
triggers (migration 0002) refuse UPDATE and DELETE: a correction is a re-test (`retest_of`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base


class ReadingRecord(Base):
    __tablename__ = "readings"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # weight, brix, pesticide
    status: Mapped[str] = mapped_column(String(16))  # ok, motion, overload, underload, error
    value: Mapped[float | None]
    unit: Mapped[str] = mapped_column(String(16))
    stable: Mapped[bool]
    verdict: Mapped[str | None] = mapped_column(String(24), index=True)  # grade or verdict code
    verdict_label: Mapped[str | None]  # the words shown and printed ("screen negative (快检阴性)")
    source: Mapped[str] = mapped_column(String(16))  # instrument, manual
    raw_hex: Mapped[str] = mapped_column(Text, default="")
    sample_id: Mapped[str | None] = mapped_column(String(64), index=True)
    product: Mapped[str | None]
    variety: Mapped[str | None]
    batch_id: Mapped[str | None] = mapped_column(String(64), index=True)
    lot: Mapped[str | None]
    supplier_id: Mapped[str | None] = mapped_column(String(64), index=True)
    origin: Mapped[str | None]
    context: Mapped[str] = mapped_column(String(16))  # livestream, receiving, inspection, counter
    session_id: Mapped[str | None] = mapped_column(String(64), index=True)
    operator_id: Mapped[str] = mapped_column(String(64))
    witness_id: Mapped[str | None] = mapped_column(String(64))
    instrument_model: Mapped[str | None]
    instrument_serial: Mapped[str | None]
    protocol: Mapped[str | None] = mapped_column(String(32))
    method_standard: Mapped[str | None]
    threshold_pct: Mapped[float | None]
    control_valid: Mapped[bool | None]
    needs_manager: Mapped[bool] = mapped_column(default=False, index=True)
    retest_of: Mapped[str | None] = mapped_column(ForeignKey("readings.id"), index=True)
    measured_at: Mapped[datetime] = mapped_column(index=True)
    measured_at_local: Mapped[str] = mapped_column(String(40))  # ISO 8601 with the store's offset
    photos: Mapped[list[Any]] = mapped_column(default=list)  # sha256 of Media rows
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
