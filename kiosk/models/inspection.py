"""Inspection answers: one row per checklist item, written the moment it is answered, so a
crash or restart resumes exactly where the inspector was. The inspection itself is the
`inspections` row (kiosk/models/core.py); once it is submitted, SQLite triggers (migration
0006) refuse any change to it or its answers: a correction is a new version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base


class InspectionAnswer(Base):
    __tablename__ = "inspection_answers"
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answer: Mapped[str | None] = mapped_column(String(8))  # pass, fail, na; None: not yet
    note: Mapped[str] = mapped_column(Text, default="")
    photos: Mapped[list[Any]] = mapped_column(default=list)  # sha256 of Media rows, in order
    action: Mapped[str] = mapped_column(Text, default="")  # corrective action (fails)
    updated_at: Mapped[datetime]
