"""The sync client's persistent state (server URL, device token, cursor, last success or
error) in the `sync_state` table, and the `SyncStatus` the GUI shows, read from it.

Kept in the database (not only in memory) so the GUI, the CLI and a background sync
process all see the same picture.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.models import OutboxEvent, SyncState
from kiosk.ports import SyncStatus, utcnow

SERVER_URL = "server_url"
TOKEN = "device_token"
CURSOR = "cursor"
LAST_SUCCESS = "last_success"
LAST_ERROR = "last_error"
ONLINE = "online"
NEEDS_REENROLL = "needs_reenroll"


def get_state(session: Session, key: str) -> str | None:
    row = session.get(SyncState, key)
    return None if row is None else row.value


def put_state(session: Session, key: str, value: str | None) -> None:
    row = session.get(SyncState, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def note_success(session: Session) -> None:
    put_state(session, LAST_SUCCESS, utcnow().isoformat())
    put_state(session, ONLINE, "1")
    put_state(session, LAST_ERROR, None)


def note_failure(session: Session, message: str, *, reenroll: bool = False) -> None:
    put_state(session, ONLINE, "0")
    put_state(session, LAST_ERROR, message)
    if reenroll:
        put_state(session, NEEDS_REENROLL, "1")


def events_waiting(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status == "pending")
        )
        or 0
    )


def open_conflicts(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.needs_manager.is_(True), OutboxEvent.resolved_at.is_(None))
        )
        or 0
    )


def read_sync_status(session: Session) -> SyncStatus:
    last = get_state(session, LAST_SUCCESS)
    return SyncStatus(
        online=get_state(session, ONLINE) == "1",
        enrolled=get_state(session, TOKEN) is not None,
        last_success=datetime.fromisoformat(last) if last else None,
        events_waiting=events_waiting(session),
        last_error=get_state(session, LAST_ERROR),
        conflicts=open_conflicts(session),
        needs_reenroll=get_state(session, NEEDS_REENROLL) == "1",
        server_url=get_state(session, SERVER_URL),
    )
