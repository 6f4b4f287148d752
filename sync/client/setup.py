"""Enrollment and building the client from the stored sync state."""

from __future__ import annotations

import os
import socket

from sqlalchemy import update

from kiosk.db import Database
from kiosk.errors import SyncError, SyncErrorKind
from kiosk.models import OutboxEvent
from kiosk.platform.identity import get_setting, set_identity
from kiosk.platform.sync_status import (
    CURSOR,
    NEEDS_REENROLL,
    SERVER_URL,
    TOKEN,
    get_state,
    put_state,
)
from kiosk.ports import Enrollment, StatusBoard
from kiosk.readings.signing import device_key, remember_key
from sync.client.engine import SyncEngine, SyncReport
from sync.client.http import HttpCentralApi, check_transport, timeout_from_env
from sync.client.retry import RetryPolicy


def _verify() -> bool | str:
    return os.environ.get("LINLI_SYNC_CA") or True


def enroll_kiosk(
    db: Database,
    server_url: str,
    code: str,
    device_name: str | None = None,
    *,
    insecure: bool = False,
) -> Enrollment:
    """Trade the code for a token; adopt the platform's store/device identity.

    Events recorded before enrollment carry a local device id; they were made here, so
    they are re-stamped with the enrolled identity (their event_ids stay the same).
    """
    url = server_url.rstrip("/")
    check_transport(url, insecure=insecure)
    api = HttpCentralApi(url, timeout=timeout_from_env(), verify=_verify())
    with db.session() as s:  # made on first use; its public half is registered with the server
        public_key = device_key(s).public_key
    try:
        enrollment = api.enroll(
            code.strip(), device_name or socket.gethostname(), device_public_key=public_key
        )
    finally:
        api.close()
    with db.session() as s:
        previous_store = get_state(s, SERVER_URL), str(get_setting(s, "store_id") or "")
        set_identity(s, store_id=enrollment.store_id, device_id=enrollment.device_id)
        remember_key(s, device_key(s))  # the own key, now under the enrolled device id
        put_state(s, SERVER_URL, url)
        put_state(s, TOKEN, enrollment.token)
        put_state(s, NEEDS_REENROLL, None)
        if previous_store != (url, enrollment.store_id):
            put_state(s, CURSOR, "0")  # another server or store: take in everything
        s.execute(
            update(OutboxEvent)
            .where(OutboxEvent.status.in_(("pending", "rejected")))
            .values(store_id=enrollment.store_id, device_id=enrollment.device_id)
        )
    engine = build_engine(db, insecure=insecure)
    try:
        engine.refresh_keys(SyncReport())
    except SyncError:
        pass  # keys also arrive with the next sync
    finally:
        close_engine(engine)
    return enrollment


def build_engine(
    db: Database,
    *,
    policy: RetryPolicy | None = None,
    batch_size: int = 200,
    page_size: int = 500,
    board: StatusBoard | None = None,
    insecure: bool = False,
) -> SyncEngine:
    """The engine for this kiosk's enrolled server; NOT_ENROLLED if there is none."""
    with db.reader() as s:
        url, token = get_state(s, SERVER_URL), get_state(s, TOKEN)
        reenroll = get_state(s, NEEDS_REENROLL) == "1"
    if not url or not token:
        raise SyncError(
            SyncErrorKind.NOT_ENROLLED,
            "This kiosk is not enrolled yet: run `kiosk enroll --server URL --code CODE`.",
        )
    if reenroll:
        raise SyncError(
            SyncErrorKind.AUTH,
            "The platform refused this kiosk's token earlier: "
            "enroll the kiosk again (`kiosk enroll`).",
        )
    check_transport(url, insecure=insecure)
    api = HttpCentralApi(url, token, timeout=timeout_from_env(), verify=_verify())
    return SyncEngine(
        db,
        api,
        policy=RetryPolicy.from_env(policy),
        batch_size=batch_size,
        page_size=page_size,
        board=board,
    )


def close_engine(engine: SyncEngine) -> None:
    if isinstance(engine.api, HttpCentralApi):
        engine.api.close()
