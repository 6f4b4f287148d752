"""The bookkeeping tables: outbox, audit chain, settings, sync state, platform keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base


class OutboxEvent(Base):
    """An event waiting for (or settled by) the central API. seq is per device, gap-free."""

    __tablename__ = "outbox"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    type: Mapped[str] = mapped_column(String(48), index=True)
    store_id: Mapped[str]
    device_id: Mapped[str]
    occurred_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]]
    # pending until settled; then accepted, duplicate, conflict or rejected
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    reason: Mapped[str | None]
    attempts: Mapped[int] = mapped_column(default=0)
    settled_at: Mapped[datetime | None]
    needs_manager: Mapped[bool] = mapped_column(default=False)
    resolved_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Append-only; each entry carries the hash of the previous one (see kiosk.ledger.audit)."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str]
    action: Mapped[str]
    entity: Mapped[str]
    entity_id: Mapped[str]
    detail: Mapped[dict[str, Any]]
    event_id: Mapped[str | None]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class SyncState(Base):
    """Key/value state of the sync client (cursor, device token, server URL...)."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str]


class PlatformKey(Base):
    """Ed25519 public keys of the central platform, by key id `k` of the QR token."""

    __tablename__ = "platform_keys"
    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    added_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)
