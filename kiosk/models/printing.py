"""The persistent print queue: one row per slip to print, kept until it is printed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base


class PrintJob(Base):
    """A document waiting for (or done with) the printer.

    `document` is the printer-neutral layout as JSON, fixed when the job was queued, so a
    reprint after a restart shows what was true at the counter. `dedupe_key` makes queueing
    the same slip twice (e.g. a retried flow step) a no-op. `last_error` is the sentence the
    clerk sees while the job waits.
    """

    __tablename__ = "print_jobs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))  # receipt, handover, checkin, label, shift
    ref: Mapped[str] = mapped_column(String(64), default="")  # order / handover / batch id
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    document: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(
        String(16), default="pending"
    )  # pending, printed, cancelled
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None]
    last_error_kind: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[datetime]
    last_attempt_at: Mapped[datetime | None]
    printed_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_print_jobs_status_created_at", "status", "created_at"),)
