"""`CentralApi` over HTTP: one requests.Session, (connect, read) timeouts, TLS verification on.

Every failure becomes a `SyncError` whose kind decides what the caller does: NETWORK and
SERVER are retried by the retry policy, AUTH stops sync (enroll again), REJECTED and
PROTOCOL are reported.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

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
from sync.strict_json import strict_json

DEFAULT_TIMEOUT = (5.0, 30.0)


@dataclass(frozen=True, slots=True)
class AuditHead:
    """A position in the kiosk's audit chain and the hash of the entry there."""

    position: int
    hash: str
    acknowledged_at: str | None = None

    def as_wire(self) -> dict[str, Any]:
        return {"position": self.position, "hash": self.hash}


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_transport(url: str, *, insecure: bool = False) -> None:
    """Refuse to send a device token in clear text over a network: plain http is for
    this machine only unless the person says --insecure."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(
            SyncErrorKind.PROTOCOL, "The server address must look like https://host[:port]"
        )
    if parts.scheme == "http" and not insecure and not is_loopback(parts.hostname):
        raise SyncError(
            SyncErrorKind.PROTOCOL,
            f"Refusing plain http:// to {parts.hostname}: "
            "the device token would cross the network unencrypted. Use https://, "
            "or add --insecure if you really mean it.",
        )


def timeout_from_env(default: tuple[float, float] = DEFAULT_TIMEOUT) -> tuple[float, float]:
    """`LINLI_SYNC_TIMEOUT=connect,read` in seconds."""
    raw = os.environ.get("LINLI_SYNC_TIMEOUT")
    if not raw:
        return default
    c, _, r = raw.partition(",")
    return float(c), float(r or c)


class HttpCentralApi:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        verify: bool | str = True,
    ) -> None:
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
            # verify per request: a session-level value loses to REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE
            # from the environment; the configured bundle must win
            r = self.session.request(
                method, self.base_url + path, timeout=self.timeout, verify=self.session.verify, **kw
            )
        except requests.Timeout as exc:
            raise SyncError(
                SyncErrorKind.NETWORK,
                "The central platform did not answer in "
                f"time; will try again. ({type(exc).__name__})",
            ) from exc
        except requests.exceptions.SSLError as exc:
            raise SyncError(
                SyncErrorKind.NETWORK,
                "The platform's security certificate could "
                "not be verified; check the server address.",
            ) from exc
        except requests.RequestException as exc:
            raise SyncError(
                SyncErrorKind.NETWORK,
                "Cannot reach the central platform (no "
                f"network or server down); will try again. ({type(exc).__name__})",
            ) from exc
        if r.status_code == 401:
            raise SyncError(
                SyncErrorKind.AUTH,
                "The platform no longer accepts this kiosk's token: enroll the kiosk again.",
            )
        if r.status_code >= 500 or r.status_code in (408, 429):
            raise SyncError(
                SyncErrorKind.SERVER,
                f"The central platform had a problem (HTTP {r.status_code}); will try again.",
            )
        if r.status_code >= 400:
            raise SyncError(
                SyncErrorKind.REJECTED, f"The platform refused the request: {_detail(r)}"
            )
        try:
            return strict_json(r.content.decode("utf-8"))
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise SyncError(
                SyncErrorKind.PROTOCOL,
                "The platform sent an answer this kiosk cannot read (not standard JSON).",
            ) from exc

    def health(self) -> bool:
        body = self._call("GET", "/api/v1/health")
        return isinstance(body, dict) and body.get("status") == "ok"

    def enroll(
        self, enrollment_code: str, device_name: str, *, device_public_key: str | None = None
    ) -> Enrollment:
        request: dict[str, str] = {"enrollment_code": enrollment_code, "device_name": device_name}
        if device_public_key:  # the reading-signing key (kiosk.readings.signing)
            request["device_public_key"] = device_public_key
        body = self._call("POST", "/api/v1/devices/enroll", json=request)
        try:
            return Enrollment(str(body["device_id"]), str(body["store_id"]), str(body["token"]))
        except (KeyError, TypeError) as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, "Enrollment answer is incomplete.") from exc

    def push_events(self, events: Sequence[Mapping[str, Any]]) -> tuple[EventResult, ...]:
        return self.push_batch(events)[0]

    def push_batch(
        self, events: Sequence[Mapping[str, Any]], audit_head: AuditHead | None = None
    ) -> tuple[tuple[EventResult, ...], AuditHead | None]:
        """Push events (and the audit head); the results and the head the server now holds."""
        body: dict[str, Any] = {"events": list(events)}
        if audit_head is not None:
            body["audit_head"] = audit_head.as_wire()
        answer = self._call("POST", "/api/v1/events/batch", json=body)
        try:
            results = tuple(
                EventResult(
                    str(r["event_id"]),
                    EventStatus(r["status"]),
                    str(r.get("reason") or ""),
                    EventStatus(r["first_status"]) if r.get("first_status") else None,
                )
                for r in answer["results"]
            )
            head = _head(answer.get("audit_head"))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, "Event results are malformed.") from exc
        return results, head

    def audit_head(self) -> AuditHead | None:
        """The audit head the platform acknowledged for this device (None: none yet)."""
        try:
            body = self._call("GET", "/api/v1/audit/head")
        except SyncError as exc:
            if exc.kind is SyncErrorKind.REJECTED and "not reported" in str(exc):
                return None
            raise
        try:
            return _head(body)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, "The audit head answer is malformed.") from exc

    def pull_changes(self, cursor: str, limit: int) -> ChangesPage:
        body = self._call("GET", "/api/v1/changes", params={"cursor": cursor, "limit": limit})
        try:
            changes = []
            for c in body["changes"]:
                if not isinstance(c["data"], dict):
                    raise TypeError("a change's data is not an object")
                changes.append(Change(str(c["kind"]), str(c["op"]), str(c["key"]), c["data"]))
            return ChangesPage(tuple(changes), str(body["next_cursor"]), bool(body["has_more"]))
        except (KeyError, TypeError) as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, "The change list is malformed.") from exc

    def put_media(self, sha256: str, data: bytes, mime: str) -> None:
        self._call(
            "PUT",
            f"/api/v1/media/{sha256}",
            data=data,
            headers={"Content-Type": mime or "application/octet-stream"},
        )

    def keys(self) -> tuple[PlatformKeyInfo, ...]:
        body = self._call("GET", "/api/v1/keys")
        try:
            rows = body["keys"]
            if not isinstance(rows, list):
                raise TypeError("keys is not a list")
            out = []
            for k in rows:
                if (
                    not isinstance(k["key_id"], str)
                    or not isinstance(k["public_key"], str)
                    or not isinstance(k["revoked"], bool)
                ):
                    raise TypeError("a key has fields of the wrong type")
                out.append(PlatformKeyInfo(k["key_id"], k["public_key"], k["revoked"]))
            return tuple(out)
        except (KeyError, TypeError) as exc:
            raise SyncError(
                SyncErrorKind.PROTOCOL,
                "The platform's key list is malformed; keys are kept as they were.",
            ) from exc


def _head(raw: Any) -> AuditHead | None:
    if raw is None:
        return None
    pos, digest = raw["position"], raw["hash"]
    if not isinstance(pos, int) or isinstance(pos, bool) or not isinstance(digest, str):
        raise TypeError("audit head fields of the wrong type")
    at = raw.get("acknowledged_at")
    return AuditHead(pos, digest, str(at) if at is not None else None)


def _detail(r: requests.Response) -> str:
    try:
        body = r.json()
    except ValueError:
        return f"HTTP {r.status_code}"
    detail = body.get("detail") if isinstance(body, dict) else None
    return str(detail) if detail else f"HTTP {r.status_code}"
