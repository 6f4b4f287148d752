"""Request and response bodies of API v1 (they are what sync/openapi.json documents)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

MAX_BATCH = 1000


class EnrollRequest(BaseModel):
    enrollment_code: str = Field(min_length=1, max_length=64)
    device_name: str = Field(default="kiosk", max_length=120)


class EnrollResponse(BaseModel):
    device_id: str
    store_id: str
    token: str


class EventIn(BaseModel):
    event_id: str = Field(min_length=1, max_length=64)
    type: str = Field(max_length=48)
    store_id: str = Field(max_length=64)
    device_id: str = Field(max_length=64)
    seq: int
    occurred_at: str
    payload: dict[str, Any]


class EventBatch(BaseModel):
    events: list[EventIn] = Field(max_length=MAX_BATCH)


class EventResultOut(BaseModel):
    event_id: str
    status: Literal["accepted", "duplicate", "conflict", "rejected"]
    reason: str = ""
    first_status: Literal["accepted", "conflict"] | None = Field(
        default=None, description="on a duplicate: the answer the event got the first time")


class BatchResponse(BaseModel):
    results: list[EventResultOut]


class ChangeOut(BaseModel):
    kind: Literal["order", "key", "staff", "leader", "supplier", "checklist"]
    op: Literal["upsert", "delete"]
    key: str
    data: dict[str, Any]


class ChangesResponse(BaseModel):
    changes: list[ChangeOut]
    next_cursor: str = Field(description="opaque; pass it back as `cursor`")
    has_more: bool


class MediaResponse(BaseModel):
    sha256: str
    size: int
    stored: bool = Field(description="false when the server already had these bytes")


class KeyOut(BaseModel):
    key_id: str
    public_key: str = Field(description="unpadded base64url of the raw Ed25519 public key")
    revoked: bool


class KeysResponse(BaseModel):
    keys: list[KeyOut]


class HealthResponse(BaseModel):
    status: Literal["ok"]
    api: Literal["v1"]


class ErrorResponse(BaseModel):
    detail: str
