"""Request and response bodies of API v1 (they are what sync/openapi.json documents)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import models_json_schema

if TYPE_CHECKING:
    from fastapi import FastAPI

MAX_BATCH = 1000
MAX_SEQ = 2**63 - 1
CURSOR_PATTERN = r"^[0-9]{1,18}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
EVENT_TYPES = (
    "order.picked_up",
    "order.pickup_reversed",
    "order.handed_over",
    "batch.arrived",
    "order.issue_reported",
    "reading.captured",
    "inspection.submitted",
    "shift.closed",
)


class EnrollRequest(BaseModel):
    model_config = ConfigDict(strict=True)
    enrollment_code: str = Field(
        min_length=1, max_length=64, description="a one-use code from `kiosk server issue-code`"
    )
    device_name: str = Field(default="kiosk", max_length=120)
    device_public_key: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$",
        description="optional: the kiosk's reading-signing Ed25519 public key (unpadded "
        "base64url of 32 bytes)",
    )


class ReadingVerifyRequest(BaseModel):
    model_config = ConfigDict(strict=True)
    code: str = Field(max_length=4096, description="a reading's verification code, `LKR1.…`")


class ReadingVerifyResponse(BaseModel):
    valid: bool
    reason: Literal[
        "valid", "malformed", "manual", "unknown_key", "wrong_key", "tampered", "not_found"
    ]
    reading: dict[str, Any] | None = Field(
        description="the signed reading as the code states it; null when the code is malformed"
    )
    message: str


class EnrollResponse(BaseModel):
    device_id: str
    store_id: str
    token: str


class DeviceInfoIn(BaseModel):
    """What the sending program says about itself (kiosk.version.device_info). Kept with the
    event as first received; not part of its identity (a resend has a new `sent_at`, and is
    still a `duplicate`). Keys a newer kiosk adds are ignored."""

    model_config = ConfigDict(strict=True)
    app_version: str | None = Field(
        default=None, min_length=1, max_length=32, description="the kiosk program's version"
    )
    build: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="its build id (`dev` from a source checkout)",
    )
    sent_at: str | None = Field(
        default=None,
        min_length=10,
        max_length=40,
        json_schema_extra={"format": "date-time"},
        description="the kiosk's clock when it sent the event (ISO 8601 with a timezone)",
    )


class EventIn(BaseModel):
    """One event. Read strictly: a seq of "7" or true is not a seq. An event that breaks
    these rules is answered `rejected` with the reason; the rest of its batch still counts."""

    model_config = ConfigDict(strict=True)
    event_id: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9._:-]{1,64}$",
        description="fixed when recorded (a UUID); idempotency key with the sending device",
    )
    type: str = Field(min_length=1, max_length=48, description="one of " + ", ".join(EVENT_TYPES))
    store_id: str = Field(min_length=1, max_length=64)
    device_id: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1, le=MAX_SEQ, description="per device, gap-free, within 64 bits")
    occurred_at: str = Field(
        json_schema_extra={"format": "date-time"},
        description="ISO 8601 with a timezone (UTC, `Z`); a time far from "
        "the platform's is accepted with a `clock:` note",
    )
    payload: dict[str, Any] = Field(
        description="per type (DESIGN.md, Events); numbers finite and within 64 bits"
    )
    device: DeviceInfoIn | None = Field(
        default=None, description="optional: the sending program and its clock at sending"
    )


class AuditHeadIn(BaseModel):
    """The head of the kiosk's audit chain (kiosk/ledger/audit.py)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    position: int = Field(ge=0, le=MAX_SEQ, description="id of the newest audit entry")
    hash: str = Field(pattern=SHA256_PATTERN, description="its hash, 64 hex characters")


class AuditHeadOut(BaseModel):
    position: int = Field(ge=0, le=MAX_SEQ)
    hash: str = Field(pattern=SHA256_PATTERN)
    acknowledged_at: str = Field(json_schema_extra={"format": "date-time"})


class EventBatch(BaseModel):
    events: list[EventIn] = Field(max_length=MAX_BATCH)
    audit_head: AuditHeadIn | None = Field(
        default=None,
        description="optional: the kiosk's audit head; the server keeps the "
        "newest per device (never backwards) and echoes it",
    )


class EventResultOut(BaseModel):
    event_id: str
    status: Literal["accepted", "duplicate", "conflict", "rejected"]
    reason: str = ""
    first_status: Literal["accepted", "conflict"] | None = Field(
        default=None, description="on a duplicate: the answer the event got the first time"
    )


class BatchResponse(BaseModel):
    results: list[EventResultOut]
    audit_head: AuditHeadOut | None = Field(
        default=None, description="the newest head acknowledged for this device"
    )


class ChangeOut(BaseModel):
    kind: Literal["order", "key", "staff", "leader", "supplier", "checklist"]
    op: Literal["upsert", "delete"]
    key: str
    data: dict[str, Any]


class ChangesResponse(BaseModel):
    changes: list[ChangeOut]
    next_cursor: str = Field(pattern=CURSOR_PATTERN, description="opaque; pass it back as `cursor`")
    has_more: bool


class MediaResponse(BaseModel):
    sha256: str = Field(pattern=SHA256_PATTERN)
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


REQUEST_MODELS: tuple[type[BaseModel], ...] = (EnrollRequest, EventBatch, ReadingVerifyRequest)


def request_body(name: str) -> dict[str, Any]:
    """The documented JSON body of a handler that reads (and checks) its body itself."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    }


def document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document: FastAPI's, plus the request models the handlers parse by hand,
    with validation errors as the plain 400 the server really answers."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    doc = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    comps = doc.setdefault("components", {}).setdefault("schemas", {})
    _, defs = models_json_schema(
        [(m, "validation") for m in REQUEST_MODELS], ref_template="#/components/schemas/{model}"
    )
    comps.update(defs.get("$defs", {}))
    for name in ("HTTPValidationError", "ValidationError"):
        comps.pop(name, None)
    for path in doc.get("paths", {}).values():
        for op in path.values():
            responses = op.get("responses", {})
            if responses.pop("422", None) is not None and "400" not in responses:
                responses["400"] = {
                    "description": "Bad Request",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ErrorResponse"}
                        }
                    },
                }
    app.openapi_schema = doc
    return doc
