"""The reference central API v1 (DESIGN.md, Central API) as a FastAPI application.

Every call but enroll and health needs `Authorization: Bearer <device token>`; a device only
ever reads and writes its own store. Handlers are plain functions (run in the thread pool);
each request is one database transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, union_all
from sqlalchemy.exc import DBAPIError, IntegrityError

from kiosk.ports import utcnow
from sync.server import schemas
from sync.server.db import ServerDatabase, latest_cursor
from sync.server.ingest import ingest
from sync.server.models import ChangeRow, Device, EnrollmentCode, MediaBlob, SigningKey

MAX_MEDIA = 25 * 1024 * 1024
_bearer = HTTPBearer(auto_error=False, description="the device token from enrollment")
T = TypeVar("T")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _json(obj: Any, status: int = 200) -> Response:
    body = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return Response(content=body, status_code=status, media_type="application/json")


def _retrying(work: Callable[[], T], attempts: int = 5) -> T:
    """Run a write transaction again when the database says it collided with another one."""
    for n in range(attempts):
        try:
            return work()
        except (IntegrityError, DBAPIError) as exc:
            transient = isinstance(exc, IntegrityError) or "lock" in str(exc).lower() \
                or "serializ" in str(exc).lower() or "deadlock" in str(exc).lower()
            if not transient or n == attempts - 1:
                raise
            time.sleep(0.05 * (n + 1))
    raise AssertionError("unreachable")


def current_device(
    request: Request,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Device:
    """The enrolled, not revoked device whose token came with the request; else 401."""
    if cred is None or cred.scheme.lower() != "bearer":
        raise HTTPException(401, "missing device token: enroll this kiosk",
                            headers={"WWW-Authenticate": "Bearer"})
    db: ServerDatabase = request.app.state.db
    with db.reader() as s:
        dev = s.scalars(select(Device).where(Device.token_hash == hash_token(cred.credentials),
                                             Device.revoked.is_(False))).first()
    if dev is None:
        raise HTTPException(401, "unknown or revoked device token: enroll this kiosk again",
                            headers={"WWW-Authenticate": "Bearer"})
    return dev


DeviceDep = Annotated[Device, Depends(current_device)]


def create_app(db: ServerDatabase, *, threads: int = 64) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        db.close()

    app = FastAPI(title="Linli central API", version="1.0.0", lifespan=lifespan,
                  description="The contract between Linli kiosks and the central platform "
                              "(reference implementation). See docs/sync.md.")
    app.state.db = db
    lock_orders = not db.is_sqlite  # SQLite serialises writers already (BEGIN IMMEDIATE)

    errors: dict[int | str, dict[str, Any]] = {401: {"model": schemas.ErrorResponse}}

    @app.get("/api/v1/health", response_model=schemas.HealthResponse, tags=["system"])
    def health() -> dict[str, str]:
        """Liveness: answers without touching the token."""
        return {"status": "ok", "api": "v1"}

    @app.post("/api/v1/devices/enroll", response_model=schemas.EnrollResponse, tags=["devices"],
              responses={403: {"model": schemas.ErrorResponse}})
    def enroll(body: schemas.EnrollRequest) -> dict[str, str]:
        """Trade an enrollment code for a device id and token (the token is shown only once)."""
        token = secrets.token_urlsafe(32)

        def work() -> dict[str, str]:
            with db.session() as s:
                code = s.get(EnrollmentCode, body.enrollment_code.strip())
                if code is None or (code.expires_at is not None and code.expires_at < utcnow()):
                    raise HTTPException(403, "this enrollment code is unknown or expired")
                code.uses += 1
                dev = Device(id=f"dev-{secrets.token_hex(6)}", store_id=code.store_id,
                             name=body.device_name, token_hash=hash_token(token),
                             enrolled_at=utcnow(), revoked=False)
                s.add(dev)
                return {"device_id": dev.id, "store_id": dev.store_id, "token": token}

        return _retrying(work)

    @app.post("/api/v1/events/batch", response_model=schemas.BatchResponse, tags=["events"],
              responses=errors)
    def events_batch(body: schemas.EventBatch, device: DeviceDep) -> Response:
        """Idempotent by event_id: a replay answers `duplicate` and is counted, never stored twice."""
        events = [e.model_dump() for e in body.events]

        def work() -> list[dict[str, Any]]:
            with db.session() as s:
                return [a.as_dict() for a in ingest(s, device, events, lock_orders=lock_orders)]

        return _json({"results": _retrying(work)})

    @app.get("/api/v1/changes", response_model=schemas.ChangesResponse, tags=["changes"],
             responses={**errors, 400: {"model": schemas.ErrorResponse}})
    def changes(device: DeviceDep, cursor: str = "0",
                limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> Response:
        """This device's store's changes (and the shared ones) after `cursor`, oldest first."""
        try:
            after = int(cursor or "0")
        except ValueError:
            raise HTTPException(400, "cursor must be a value returned as next_cursor") from None
        cols = (ChangeRow.cursor, ChangeRow.kind, ChangeRow.key, ChangeRow.op, ChangeRow.data)
        own = (select(*cols).where(ChangeRow.store_id == device.store_id, ChangeRow.cursor > after)
               .order_by(ChangeRow.cursor).limit(limit + 1))
        shared = (select(*cols).where(ChangeRow.store_id.is_(None), ChangeRow.cursor > after)
                  .order_by(ChangeRow.cursor).limit(limit + 1))
        with db.reader() as s:
            if after > latest_cursor(s):
                # a cursor this server never gave out (its database was restored or replaced):
                # start over; the kiosk's loaders are idempotent
                return changes(device, "0", limit)
            # two index range scans on (store_id, cursor), merged: no scan of other stores' rows
            both = union_all(own.subquery().select(), shared.subquery().select()).subquery()
            rows = s.execute(select(both).order_by(both.c.cursor).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = rows[-1].cursor if rows else after
        dumps = json.dumps
        items = ",".join(f'{{"kind":{dumps(r.kind)},"op":{dumps(r.op)},"key":{dumps(r.key)},'
                         f'"data":{r.data}}}' for r in rows)
        body = (f'{{"changes":[{items}],"next_cursor":{dumps(str(nxt))},'
                f'"has_more":{"true" if more else "false"}}}')
        return Response(content=body, media_type="application/json")

    @app.get("/api/v1/keys", response_model=schemas.KeysResponse, tags=["changes"],
             responses=errors)
    def keys(device: DeviceDep) -> dict[str, Any]:
        """All platform public keys (also sent as `kind: key` changes)."""
        with db.reader() as s:
            rows = s.scalars(select(SigningKey).order_by(SigningKey.key_id)).all()
            return {"keys": [{"key_id": k.key_id, "public_key": k.public_key,
                              "revoked": k.revoked} for k in rows]}

    media_body = {"requestBody": {"required": True, "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
        "application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}

    @app.put("/api/v1/media/{sha256}", response_model=schemas.MediaResponse, tags=["media"],
             responses={**errors, 400: {"model": schemas.ErrorResponse},
                        413: {"model": schemas.ErrorResponse}},
             openapi_extra=media_body)
    async def put_media(sha256: str, request: Request, device: DeviceDep) -> Response:
        """Content-addressed upload: the body's sha256 must equal the path; repeats are no-ops."""
        name = sha256.lower()
        if len(name) != 64 or any(c not in "0123456789abcdef" for c in name):
            raise HTTPException(400, "the path must be the sha256 of the bytes, in hex")
        body = await request.body()
        if len(body) > MAX_MEDIA:
            raise HTTPException(413, f"media larger than {MAX_MEDIA // 1048576} MB")
        if hashlib.sha256(body).hexdigest() != name:
            raise HTTPException(400, "the bytes do not match their sha256: upload them again")
        mime = request.headers.get("content-type", "application/octet-stream")[:100]

        def work() -> bool:
            with db.session() as s:
                if s.get(MediaBlob, name) is not None:
                    return False
                s.add(MediaBlob(sha256=name, size=len(body), mime=mime, store_id=device.store_id,
                                device_id=device.id, body=body, received_at=utcnow()))
                return True

        stored = await run_in_threadpool(_retrying, work)
        return _json({"sha256": name, "size": len(body), "stored": stored},
                     201 if stored else 200)

    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers: the database URL comes from LINLI_SERVER_DB."""
    db = ServerDatabase(os.environ["LINLI_SERVER_DB"])
    return create_app(db)
