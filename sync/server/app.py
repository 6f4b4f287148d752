"""The reference central API v1 (DESIGN.md, Central API) as a FastAPI application.

Every call but enroll and health needs `Authorization: Bearer <device token>`; a device only
ever reads and writes its own store. Handlers are plain functions (run in the thread pool);
each request is one database transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import secrets
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, union_all
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from kiosk.platform.changes import iso
from kiosk.ports import utcnow
from sync.server import schemas
from sync.server.admin import CODE_ID_LEN, claim_code, hash_code
from sync.server.db import ServerDatabase, latest_cursor
from sync.server.ingest import ingest
from sync.server.models import ChangeRow, Device, MediaBlob, SigningKey
from sync.server.readings import parse_public_key, register_key, verify_code
from sync.server.throttle import FailureThrottle
from sync.server.validate import whole_number
from sync.strict_json import strict_json

MAX_MEDIA = 25 * 1024 * 1024
MAX_BATCH_BYTES = 8 * 1024 * 1024
MAX_SMALL = 16 * 1024
MAX_CODE_TEXT = 4096  # a reading's verification code (schemas.ReadingVerifyRequest)
MAX_VERIFY = 32 * 1024  # room for that code with every character \u-escaped (6 bytes each)
VERIFY_PER_CLIENT = 30  # reading checks a minute per client address (LINLI_VERIFY_PER_MINUTE)
MAX_POSITION = 2**63 - 1
HEX64 = re.compile(r"[0-9a-f]{64}")
ENROLL_FAILS_PER_CLIENT = 10
ENROLL_FAILS_PER_CODE = 5
ENROLL_WINDOW_S = 60
log = logging.getLogger("linli.server")
PARAM_WORDS = {
    "cursor": "cursor must be a value returned as next_cursor (0 to start)",
    "limit": "limit must be a whole number from 1 to 5000",
    "sha256": "the path must be the sha256 of the bytes, in lowercase hex",
}
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
            transient = (
                isinstance(exc, IntegrityError)
                or "lock" in str(exc).lower()
                or "serializ" in str(exc).lower()
                or "deadlock" in str(exc).lower()
            )
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
        raise HTTPException(
            401, "missing device token: enroll this kiosk", headers={"WWW-Authenticate": "Bearer"}
        )
    db: ServerDatabase = request.app.state.db
    with db.reader() as s:
        dev = s.scalars(
            select(Device).where(
                Device.token_hash == hash_token(cred.credentials), Device.revoked.is_(False)
            )
        ).first()
    if dev is None:
        raise HTTPException(
            401,
            "unknown or revoked device token: enroll this kiosk again",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return dev


DeviceDep = Annotated[Device, Depends(current_device)]


def _strict_json(raw: bytes) -> Any:
    """RFC 8259 JSON only: no NaN/Infinity (json.loads takes them by default), no number that
    overflows to an infinity, no nesting that would exhaust the stack; UTF-8 only."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the body is not valid UTF-8 text") from None
    try:
        return strict_json(text)
    except RecursionError:
        raise HTTPException(400, "the body is nested too deeply") from None
    except ValueError as exc:
        raise HTTPException(400, f"the body is not valid JSON ({_plain(exc)})") from None


def _too_many(what: str, wait: float) -> HTTPException:
    """429 with Retry-After: a throttle said to wait `wait` seconds."""
    return HTTPException(
        429,
        f"too many {what}: wait {math.ceil(wait)} s",
        headers={"Retry-After": str(math.ceil(wait))},
    )


def _plain(exc: ValueError) -> str:
    msg = getattr(exc, "msg", None) or str(exc)
    return str(msg)[:80]


def _declared_length(request: Request, limit: int) -> None:
    """Refuse by Content-Length before a byte of the body is read."""
    raw = request.headers.get("content-length")
    if raw is None:
        return
    if not raw.isdigit():
        raise HTTPException(400, "Content-Length is not a number")
    if int(raw) > limit:
        raise HTTPException(413, f"the body is larger than {_size(limit)}")


def _size(n: int) -> str:
    return f"{n // 1048576} MB" if n >= 1048576 else f"{n // 1024} KB"


async def read_capped(request: Request, limit: int, sink: Callable[[bytes], None]) -> int:
    """Stream the body into `sink`, stopping with 413 as soon as it passes `limit` (a client
    may lie about Content-Length or send it chunked)."""
    _declared_length(request, limit)
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise HTTPException(413, f"the body is larger than {_size(limit)}")
        sink(chunk)
    return total


async def read_json(request: Request, limit: int) -> Any:
    parts: list[bytes] = []
    await read_capped(request, limit, parts.append)
    return _strict_json(b"".join(parts))


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _check_head(raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return None
    if (
        not isinstance(raw, dict)
        or set(raw) - {"position", "hash"}
        or whole_number(raw.get("position"), 0, MAX_POSITION) is None
        or not isinstance(raw.get("hash"), str)
        or not HEX64.fullmatch(raw["hash"])
    ):
        raise HTTPException(
            400, "audit_head must be {position: a whole number, hash: 64 hex characters}"
        )
    return {"position": whole_number(raw["position"], 0, MAX_POSITION), "hash": raw["hash"]}


def _acknowledge(s: Session, device_id: str, head: dict[str, Any] | None) -> dict[str, Any] | None:
    """Keep the newest head a device reported; the position never goes backwards, and a
    different hash at an acknowledged position never replaces the one first seen there."""
    dev = s.get(Device, device_id)
    if dev is None:
        return None
    if head is not None and (dev.audit_position is None or head["position"] > dev.audit_position):
        dev.audit_position, dev.audit_hash, dev.audit_at = head["position"], head["hash"], utcnow()
    return _head_out(dev)


def _head_out(dev: Device) -> dict[str, Any] | None:
    if dev.audit_position is None or dev.audit_hash is None or dev.audit_at is None:
        return None
    return {
        "position": dev.audit_position,
        "hash": dev.audit_hash,
        "acknowledged_at": iso(dev.audit_at),
    }


def create_app(db: ServerDatabase, *, threads: int = 64) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        db.close()

    app = FastAPI(
        title="Linli central API",
        version="1.1.0",
        lifespan=lifespan,
        description="The contract between Linli kiosks and the central platform "
        "(reference implementation). See docs/sync.md.",
    )
    app.state.db = db
    lock_orders = not db.is_sqlite  # SQLite serialises writers already (BEGIN IMMEDIATE)
    by_client = FailureThrottle(ENROLL_FAILS_PER_CLIENT, ENROLL_WINDOW_S)
    by_code = FailureThrottle(ENROLL_FAILS_PER_CODE, ENROLL_WINDOW_S)
    app.state.throttles = (by_client, by_code)
    verifies = FailureThrottle(
        int(os.environ.get("LINLI_VERIFY_PER_MINUTE", "0") or 0) or VERIFY_PER_CLIENT, 60.0
    )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> Response:
        """400 in plain words; the request is never echoed back (it may hold a secret)."""
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("query", "path"))
        plain = PARAM_WORDS.get(where) or f"{where or 'request'}: {first.get('msg', 'not valid')}"
        return _json({"detail": plain}, 400)

    err = {"model": schemas.ErrorResponse}
    auth: dict[int | str, dict[str, Any]] = {401: err}

    @app.get("/api/v1/health", response_model=schemas.HealthResponse, tags=["system"])
    def health() -> dict[str, str]:
        """Liveness: answers without touching the token."""
        return {"status": "ok", "api": "v1"}

    @app.post(
        "/api/v1/devices/enroll",
        response_model=schemas.EnrollResponse,
        tags=["devices"],
        responses={400: err, 403: err, 413: err, 429: err},
        openapi_extra=schemas.request_body("EnrollRequest"),
    )
    async def enroll(request: Request) -> Response:
        """Trade a one-use enrollment code for a device id and token (shown only once).

        Failed tries are counted per client address and per code: past the limit the answer
        is 429 with Retry-After, and every refusal is logged."""
        client = _client(request)
        wait = by_client.wait_s(f"ip:{client}")
        if wait:
            raise _too_many("failed enrollments from this address", wait)
        body = await read_json(request, MAX_SMALL)
        code = body.get("enrollment_code") if isinstance(body, dict) else None
        name = body.get("device_name", "kiosk") if isinstance(body, dict) else None
        if (
            not isinstance(code, str)
            or not 1 <= len(code) <= 64
            or not isinstance(name, str)
            or len(name) > 120
        ):
            raise HTTPException(
                400,
                "the body must be {enrollment_code: text (up to 64), "
                "device_name: text (up to 120)}",
            )
        try:  # optional: the kiosk's reading-signing key (kiosk.readings.signing)
            public_key = parse_public_key(body.get("device_public_key"))
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        code_key = f"code:{hash_code(code)[:CODE_ID_LEN]}"
        wait = by_code.wait_s(code_key)
        if wait:
            raise _too_many("failed tries of this code", wait)
        token = secrets.token_urlsafe(32)
        device_id = f"dev-{secrets.token_hex(6)}"

        def work() -> dict[str, str] | None:
            with db.session() as s:
                row = claim_code(s, code, device_id)
                if row is None:
                    return None
                s.add(
                    Device(
                        id=device_id,
                        store_id=row.store_id,
                        name=name or "kiosk",
                        token_hash=hash_token(token),
                        enrolled_at=utcnow(),
                        revoked=False,
                        code_id=row.code_id,
                    )
                )
                if public_key is not None:
                    register_key(s, device_id, public_key)
                return {"device_id": device_id, "store_id": row.store_id, "token": token}

        done = await run_in_threadpool(_retrying, work)
        if done is None:
            n_client = by_client.fail(f"ip:{client}")
            n_code = by_code.fail(code_key)
            log.warning(
                "enrollment refused: client %s, code %s (unknown, used, expired or "
                "revoked); %d failure(s) from this client and %d for this code in the "
                "last %d s",
                client,
                code_key[5:],
                n_client,
                n_code,
                ENROLL_WINDOW_S,
            )
            raise HTTPException(
                403, "this enrollment code is unknown, used, expired or revoked: ask for a new one"
            )
        log.info(
            "device %s enrolled for store %s from %s", done["device_id"], done["store_id"], client
        )
        return _json(done)

    @app.post(
        "/api/v1/readings/verify",
        response_model=schemas.ReadingVerifyResponse,
        tags=["readings"],
        responses={400: err, 413: err, 429: err},
        openapi_extra=schemas.request_body("ReadingVerifyRequest"),
    )
    async def readings_verify(request: Request) -> Response:
        """Check a signed reading's verification code (`LKR1.…`) against the device key it
        names and the `reading.captured` event held here: {valid, reason, reading, message}.
        Public, like the QR on the label it comes from (a customer's phone has no token), so
        it is throttled per client address (30 a minute: past that 429 with Retry-After,
        before the body is read) and its body is capped at 32 KB."""
        wait = verifies.take(f"ip:{_client(request)}")
        if wait:
            raise _too_many("reading checks from this address", wait)
        body = await read_json(request, MAX_VERIFY)
        code = body.get("code") if isinstance(body, dict) else None
        if not isinstance(code, str) or len(code) > MAX_CODE_TEXT:
            raise HTTPException(
                400, f"the body must be {{code: text of up to {MAX_CODE_TEXT} characters}}"
            )

        def work() -> dict[str, Any]:
            with db.session() as s:
                return verify_code(s, code)

        return _json(await run_in_threadpool(work))

    @app.post(
        "/api/v1/events/batch",
        response_model=schemas.BatchResponse,
        tags=["events"],
        responses={**auth, 400: err, 413: err},
        openapi_extra=schemas.request_body("EventBatch"),
    )
    async def events_batch(request: Request, device: DeviceDep) -> Response:
        """Idempotent per (device, event_id). One bad event never fails its batch: it gets its
        own `rejected` with the reason. The whole request is refused (4xx) only when it is not
        a batch at all: not JSON, not UTF-8, too large, or not `{events: [...]}`."""
        body = await read_json(request, MAX_BATCH_BYTES)
        if not isinstance(body, dict) or not isinstance(body.get("events"), list):
            raise HTTPException(400, "the body must be {events: [...]}")
        events: list[Any] = body["events"]
        if len(events) > schemas.MAX_BATCH:
            raise HTTPException(400, f"at most {schemas.MAX_BATCH} events per request")
        head = _check_head(body.get("audit_head"))

        def work() -> dict[str, Any]:
            with db.session() as s:
                results = [a.as_dict() for a in ingest(s, device, events, lock_orders=lock_orders)]
                return {"results": results, "audit_head": _acknowledge(s, device.id, head)}

        return _json(await run_in_threadpool(_retrying, work))

    @app.get(
        "/api/v1/audit/head",
        response_model=schemas.AuditHeadOut,
        tags=["events"],
        responses={**auth, 404: err},
    )
    def audit_head(device: DeviceDep) -> Response:
        """The newest audit chain head this device reported and the server acknowledged."""
        with db.reader() as s:
            dev = s.get(Device, device.id)
            out = _head_out(dev) if dev is not None else None
        if out is None:
            raise HTTPException(404, "this device has not reported an audit head yet: sync")
        return _json(out)

    @app.get(
        "/api/v1/changes",
        response_model=schemas.ChangesResponse,
        tags=["changes"],
        responses={**auth, 400: err},
    )
    def changes(
        device: DeviceDep,
        cursor: Annotated[
            str,
            Query(
                pattern=schemas.CURSOR_PATTERN,
                description="a next_cursor from an earlier page; 0 for the start",
            ),
        ] = "0",
        limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    ) -> Response:
        """This device's store's changes (and the shared ones) after `cursor`, oldest first."""
        after = int(cursor)
        cols = (ChangeRow.cursor, ChangeRow.kind, ChangeRow.key, ChangeRow.op, ChangeRow.data)
        own = (
            select(*cols)
            .where(ChangeRow.store_id == device.store_id, ChangeRow.cursor > after)
            .order_by(ChangeRow.cursor)
            .limit(limit + 1)
        )
        shared = (
            select(*cols)
            .where(ChangeRow.store_id.is_(None), ChangeRow.cursor > after)
            .order_by(ChangeRow.cursor)
            .limit(limit + 1)
        )
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
        items = ",".join(
            f'{{"kind":{dumps(r.kind)},"op":{dumps(r.op)},"key":{dumps(r.key)},"data":{r.data}}}'
            for r in rows
        )
        body = (
            f'{{"changes":[{items}],"next_cursor":{dumps(str(nxt))},'
            f'"has_more":{"true" if more else "false"}}}'
        )
        return Response(content=body, media_type="application/json")

    @app.get("/api/v1/keys", response_model=schemas.KeysResponse, tags=["changes"], responses=auth)
    def keys(device: DeviceDep) -> dict[str, Any]:
        """All platform public keys (also sent as `kind: key` changes)."""
        with db.reader() as s:
            rows = s.scalars(select(SigningKey).order_by(SigningKey.key_id)).all()
            return {
                "keys": [
                    {"key_id": k.key_id, "public_key": k.public_key, "revoked": k.revoked}
                    for k in rows
                ]
            }

    media_body = {
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }

    @app.put(
        "/api/v1/media/{sha256}",
        response_model=schemas.MediaResponse,
        tags=["media"],
        responses={
            **auth,
            201: {"model": schemas.MediaResponse, "description": "stored"},
            400: err,
            413: err,
        },
        openapi_extra=media_body,
    )
    async def put_media(
        sha256: Annotated[
            str, Path(pattern=schemas.SHA256_PATTERN, description="sha256 of the bytes, hex")
        ],
        request: Request,
        device: DeviceDep,
    ) -> Response:
        """Content-addressed upload: the body's sha256 must equal the path; repeats are no-ops.
        The body is streamed (hashed on the way, spooled to disk past 1 MB) and cut off at
        the size limit, so a huge upload never sits in memory."""
        name = sha256.lower()
        digest = hashlib.sha256()
        spool = tempfile.SpooledTemporaryFile(max_size=1 << 20)  # noqa: SIM115 (closed below)
        try:

            def sink(chunk: bytes) -> None:
                digest.update(chunk)
                spool.write(chunk)

            size = await read_capped(request, MAX_MEDIA, sink)
            if digest.hexdigest() != name:
                raise HTTPException(400, "the bytes do not match their sha256: upload them again")
            mime = request.headers.get("content-type", "application/octet-stream")[:100]

            def work() -> bool:
                with db.session() as s:
                    if s.get(MediaBlob, name) is not None:
                        return False
                    spool.seek(0)
                    s.add(
                        MediaBlob(
                            sha256=name,
                            size=size,
                            mime=mime,
                            store_id=device.store_id,
                            device_id=device.id,
                            body=spool.read(),
                            received_at=utcnow(),
                        )
                    )
                    return True

            stored = await run_in_threadpool(_retrying, work)
        finally:
            spool.close()
        return _json({"sha256": name, "size": size, "stored": stored}, 201 if stored else 200)

    app.openapi = lambda: schemas.document(app)  # type: ignore[method-assign]
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers: the database URL comes from LINLI_SERVER_DB."""
    db = ServerDatabase(os.environ["LINLI_SERVER_DB"])
    return create_app(db)
