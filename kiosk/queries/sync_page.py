"""What the manager's sync page shows: the sync status, the events waiting by kind, and the
conflicts and rejected records with what to do (kiosk.platform.conflicts)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from kiosk.db import Database
from kiosk.models import OutboxEvent
from kiosk.platform.conflicts import ConflictItem, list_conflicts
from kiosk.platform.sync_status import read_sync_status
from kiosk.ports import SyncStatus


@dataclass(frozen=True, slots=True)
class SyncPage:
    status: SyncStatus
    waiting_by_type: tuple[tuple[str, int], ...]
    problems: tuple[ConflictItem, ...]


def sync_page(db: Database) -> SyncPage:
    with db.reader() as s:
        status = read_sync_status(s)
        waiting = tuple(
            (str(t), int(n))
            for t, n in s.execute(
                select(OutboxEvent.type, func.count())
                .where(OutboxEvent.status == "pending")
                .group_by(OutboxEvent.type)
                .order_by(OutboxEvent.type)
            )
        )
        return SyncPage(status, waiting, tuple(list_conflicts(s)))
