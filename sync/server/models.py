"""The reference server's own schema (separate metadata from the kiosk's tables).

Orders keep their seed-format dict in `data` (lines included, with `picked_qty` per line):
the server hands that dict out unchanged as the `data` of an `order` change. The change log
`cursor` is allocated from a locked counter row inside the writing transaction, so cursors
are committed in increasing order even on PostgreSQL and a pull never skips a change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Index, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.models.base import NAMING, UTCDateTime


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON}


class ServerStore(ServerBase):
    __tablename__ = "stores"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str]
    address: Mapped[str] = mapped_column(default="")
    timezone: Mapped[str] = mapped_column(default="Asia/Shanghai")


class Device(ServerBase):
    """An enrolled kiosk. Only the sha256 of its (random, 256-bit) token is kept.

    `audit_*` is the newest head of the kiosk's audit chain the server acknowledged: kept
    outside the kiosk's database, so a consistently rewritten local chain is still caught.
    """

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)
    code_id: Mapped[str | None] = mapped_column(String(16))  # the enrollment code it used
    audit_position: Mapped[int | None] = mapped_column(BigInteger)
    audit_hash: Mapped[str | None] = mapped_column(String(64))
    audit_at: Mapped[datetime | None]


class DevicePublicKey(ServerBase):
    """A kiosk's reading-signing public key (Ed25519), sent with its enroll request: the
    server checks readings' verification codes with it (`POST /api/v1/readings/verify`)."""

    __tablename__ = "device_keys"
    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # unpadded base64url, 32 bytes
    registered_at: Mapped[datetime]


class EnrollmentCode(ServerBase):
    """A one-use enrollment code. Only its sha256 is kept; `code_id` (the start of that
    hash) names it in listings and revocations without revealing it."""

    __tablename__ = "enrollment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    code_id: Mapped[str] = mapped_column(String(16), unique=True)
    store_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]
    used_by: Mapped[str | None] = mapped_column(String(64))  # device id
    revoked: Mapped[bool] = mapped_column(default=False)


class ServerOrder(ServerBase):
    __tablename__ = "orders"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(24))
    data: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(default=1)
    handled_by: Mapped[str | None]  # device that picked up / handed over
    updated_at: Mapped[datetime]


class SigningKey(ServerBase):
    """Platform Ed25519 keys; the private half is kept when the server made or was given it."""

    __tablename__ = "signing_keys"
    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    private_pem: Mapped[str | None] = mapped_column(Text)
    revoked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class Entity(ServerBase):
    """Staff, leaders, suppliers and checklist templates: seed-format dicts by kind and id.

    `store_id` NULL means every store sees it (suppliers, shared checklist templates).
    """

    __tablename__ = "entities"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str | None] = mapped_column(String(64), index=True)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class ReceivedEvent(ServerBase):
    """Each event exactly once per device (primary key device_id + event_id, so no device
    can take another's event id); `replays` counts refused duplicates; `payload_hash` tells
    a true replay from a different event sent under the same id (it never covers `sender`,
    whose `sent_at` changes with every resend)."""

    __tablename__ = "events"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    store_id: Mapped[str] = mapped_column(String(64), index=True)
    payload_hash: Mapped[str] = mapped_column(String(64), default="")
    seq: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(48))
    occurred_at: Mapped[datetime]
    received_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))  # accepted or conflict
    reason: Mapped[str] = mapped_column(default="")
    replays: Mapped[int] = mapped_column(default=0)
    # a reading.captured event's payload.reading_id: `POST /api/v1/readings/verify` finds the
    # record of a reading by this index instead of reading every event
    reading_id: Mapped[str | None] = mapped_column(String(64))
    # the envelope's optional `device` {app_version, build, sent_at} as first received
    # (support: which program sent it, and the kiosk's clock when it did)
    sender: Mapped[dict[str, Any] | None]

    __table_args__ = (Index("ix_events_reading_device", "reading_id", "device_id"),)


class MediaBlob(ServerBase):
    __tablename__ = "media"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    mime: Mapped[str] = mapped_column(default="application/octet-stream")
    store_id: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime]


class ChangeRow(ServerBase):
    """The change log pulled by kiosks; `store_id` NULL = for every store. `data` is kept as
    JSON text so a pull never decodes and re-encodes it."""

    __tablename__ = "changes"
    cursor: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    store_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(8))
    data: Mapped[str] = mapped_column(Text)  # the JSON text, spliced into answers as it is
    at: Mapped[datetime]

    __table_args__ = (Index("ix_changes_store_cursor", "store_id", "cursor"),)


class Counter(ServerBase):
    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
