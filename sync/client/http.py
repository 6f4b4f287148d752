"""`CentralApi` over HTTP: one requests.Session, (connect, read) timeouts, TLS verification on.

Every failure becomes a `SyncError` whose kind decides what the caller does: NETWORK and
SERVER are retried by the retry policy, AUTH stops sync (enroll again), REJECTED and
PROTOCOL are reported.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import requests

from kiosk.errors import SyncError, SyncErrorKind
from kiosk.ports import (
    Change,
    ChangesPage,
    Enrollment,
    EventResult,
    EventStatus,
    PlatformKeyInfo,
)

DEFAULT_TIMEOUT = (5.0, 30.0)


def timeout_from_env(default: tuple[float, float] = DEFAULT_TIMEOUT) -> tuple[float, float]:
    """`LINLI_SYNC_TIMEOUT=connect,read` in seconds."""
    raw = os.environ.get("LINLI_SYNC_TIMEOUT")
    if not raw:
        return default
    c, _, r = raw.partition(",")
    return float(c), float(r or c)


class HttpCentralApi:
    def __init__(self, base_url: str, token: str | None = None, *,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 verify: bool | str = True) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.verify = verify  # True, or a CA bundle path (LINLI_SYNC_CA); never False
        self.session.headers["User-Agent"] = "linli-kiosk/1"
        self.requests_made = 0
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def _call(self, method: str, path: str, **kw: Any) -> Any:
        self.requests_made += 1
        try:
            r = self.session.request(method, self.base_url + path, timeout=self.timeout, **kw)
        except requests.Timeout as exc:
            raise SyncError(SyncErrorKind.NETWORK, "The central platform did not answer in "
                            f"time; will try again. ({type(exc).__name__})") from exc
        except requests.exceptions.SSLError as exc:
            raise SyncError(SyncErrorKind.NETWORK, "The platform's security certificate could "
                            "not be verified; check the server address.") from exc
        except requests.RequestException as exc:
            raise SyncError(SyncErrorKind.NETWORK, "Cannot reach the central platform (no "
                            f"network or server down); will try again. ({type(exc).__name__})"
                            ) from exc
        if r.status_code == 401:
            raise SyncError(SyncErrorKind.AUTH, "The platform no longer accepts this kiosk's "
                            "token: enroll the kiosk again.")
        if r.status_code >= 500 or r.status_code in (408, 429):
            raise SyncError(SyncErrorKind.SERVER, f"The central platform had a problem (HTTP "
                            f"{r.status_code}); will try again.")
        if r.status_code >= 400:
            raise SyncError(SyncErrorKind.REJECTED, f"The platform refused the request: "
                            f"{_detail(r)}")
        try:
            return r.json()
        except ValueError as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, "The platform sent an answer this kiosk "
                            "cannot read.") from exc

    def health(self) -> bool:
        body = self._call("GET", "/api/v1/health")
        return isinstance(body, dict) and body.get("status") == "ok"

    def enroll(self, enrollment_code: str, device_name: str) -> Enrollment:
        body = self._call("POST", "/api/v1/devices/enroll",
                          json={"enrollment_code": enrollment_code, "device_name": device_name})
        try:
            return Enrollment(str(body["device_id"]), str(body["store_id"]), str(body["token"]))
        except (KeyError, TypeError) as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, "Enrollment answer is incomplete.") from exc

    def push_events(self, events: Sequence[Mapping[str, Any]]) -> tuple[EventResult, ...]:
        body = self._call("POST", "/api/v1/events/batch", json={"events": list(events)})
        try:
            return tuple(
                EventResult(str(r["event_id"]), EventStatus(r["status"]), str(r.get("reason") or ""),
                            EventStatus(r["first_status"]) if r.get("first_status") else None)
                for r in body["results"])
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, "Event results are malformed.") from exc

    def pull_changes(self, cursor: str, limit: int) -> ChangesPage:
        body = self._call("GET", "/api/v1/changes", params={"cursor": cursor, "limit": limit})
        try:
            changes = tuple(Change(str(c["kind"]), str(c["op"]), str(c["key"]), c["data"])
                            for c in body["changes"])
            return ChangesPage(changes, str(body["next_cursor"]), bool(body["has_more"]))
        except (KeyError, TypeError) as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, "The change list is malformed.") from exc

    def put_media(self, sha256: str, data: bytes, mime: str) -> None:
        self._call("PUT", f"/api/v1/media/{sha256}", data=data,
                   headers={"Content-Type": mime or "application/octet-stream"})

    def keys(self) -> tuple[PlatformKeyInfo, ...]:
        body = self._call("GET", "/api/v1/keys")
        return tuple(PlatformKeyInfo(str(k["key_id"]), str(k["public_key"]), bool(k["revoked"]))
                     for k in body["keys"])


def _detail(r: requests.Response) -> str:
    try:
        body = r.json()
    except ValueError:
        return f"HTTP {r.status_code}"
    detail = body.get("detail") if isinstance(body, dict) else None
    return str(detail) if detail else f"HTTP {r.status_code}"
