"""Core errors in words: the UI decides by type and kind (kiosk/errors.py), never by the
English message, so a Chinese screen never shows an English sentence."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.errors import (
    Cancelled,
    DeviceError,
    DeviceErrorKind,
    IllegalTransition,
    NotAllowed,
    RestoreRefused,
    RestoreRefusedKind,
    SyncError,
    SyncErrorKind,
)
from ui.words import translate


def device_error(kind: DeviceErrorKind) -> str:
    words: dict[DeviceErrorKind, Callable[[], str]] = {
        DeviceErrorKind.NOT_FOUND: lambda: translate(
            "errors", "The device was not found: check its cable."
        ),
        DeviceErrorKind.DISCONNECTED: lambda: translate(
            "errors", "The device was disconnected: plug it in again."
        ),
        DeviceErrorKind.TIMEOUT: lambda: translate(
            "errors", "The device did not answer in time: try again."
        ),
        DeviceErrorKind.BAD_DATA: lambda: translate(
            "errors", "The device sent something unreadable: try again."
        ),
        DeviceErrorKind.PAPER_OUT: lambda: translate(
            "errors", "The printer is out of paper: put in a new roll."
        ),
        DeviceErrorKind.COVER_OPEN: lambda: translate(
            "errors", "The printer cover is open: close it."
        ),
        DeviceErrorKind.OFFLINE: lambda: translate(
            "errors", "The device is offline: check its power and cable."
        ),
        DeviceErrorKind.CONFIG: lambda: translate(
            "errors", "The device is not set up right: see the settings screen."
        ),
        DeviceErrorKind.OTHER: lambda: translate(
            "errors", "The device reported a problem: try again."
        ),
    }
    return words[kind]()


def sync_error(kind: SyncErrorKind) -> str:
    words: dict[SyncErrorKind, Callable[[], str]] = {
        SyncErrorKind.NETWORK: lambda: translate(
            "errors", "The platform cannot be reached: check the network."
        ),
        SyncErrorKind.SERVER: lambda: translate(
            "errors", "The platform has a problem: it will be tried again."
        ),
        SyncErrorKind.AUTH: lambda: translate(
            "errors", "The platform refused this kiosk: enroll it again."
        ),
        SyncErrorKind.REJECTED: lambda: translate(
            "errors", "The platform refused that: check the code and try again."
        ),
        SyncErrorKind.NOT_ENROLLED: lambda: translate("errors", "This kiosk is not enrolled yet."),
        SyncErrorKind.PROTOCOL: lambda: translate(
            "errors", "The platform answered something unexpected: check the server address."
        ),
    }
    return words[kind]()


def restore_refused(exc: RestoreRefused) -> str:
    """Why a ledger restore was refused, by kind; only numbers and store ids from params."""
    p = exc.params
    if exc.kind is RestoreRefusedKind.STORAGE:
        storage: dict[str, Callable[[], str]] = {
            "disk_full": lambda: translate("errors", "The disk is full: free some space first."),
            "read_only": lambda: translate(
                "errors", "The disk is read-only: restart the computer first."
            ),
            "disk_failed": lambda: translate(
                "errors", "The disk failed while restoring: restart the computer."
            ),
            "other": lambda: translate("errors", "The backup could not be copied into place."),
        }
        return storage.get(p.get("storage", ""), storage["other"])()
    words: dict[RestoreRefusedKind, Callable[[], str]] = {
        RestoreRefusedKind.KIOSK_RUNNING: lambda: translate(
            "errors", "The kiosk is already running on this ledger (process %1): close it first."
        ).replace("%1", p.get("pid", "?")),
        RestoreRefusedKind.NOT_A_BACKUP: lambda: translate(
            "errors", "The backup file failed its check: it cannot be restored."
        ),
        RestoreRefusedKind.OTHER_STORE: lambda: (
            translate("errors", "This backup belongs to store %1; this kiosk is store %2.")
            .replace("%1", p.get("backup_store", "?"))
            .replace("%2", p.get("this_store", "?"))
        ),
        RestoreRefusedKind.SEQ_CLASH: lambda: translate(
            "errors",
            "The backup and the ledger hold different records under the same numbers "
            "(was the kiosk installed again?).",
        ),
        RestoreRefusedKind.OLDER: lambda: (
            translate(
                "errors",
                "The backup is older than the ledger: %1 event(s) and %2 audit entries "
                "recorded since would be undone (%3 not yet sent to the platform).",
            )
            .replace("%1", p.get("events", "?"))
            .replace("%2", p.get("audit", "?"))
            .replace("%3", p.get("unpushed", "?"))
        ),
        RestoreRefusedKind.NOT_VERIFIED: lambda: translate(
            "errors", "The restored ledger failed its check."
        ),
    }
    return words[exc.kind]()


def error_text(exc: BaseException) -> str:
    """What a person reads for any error: by type and kind, never the English message."""
    if isinstance(exc, Cancelled):
        return ""
    if isinstance(exc, DeviceError):
        return device_error(exc.kind)
    if isinstance(exc, SyncError):
        return sync_error(exc.kind)
    if isinstance(exc, RestoreRefused):
        return restore_refused(exc)
    if isinstance(exc, NotAllowed):
        return translate("errors", "That is not allowed for this clerk: ask a manager.")
    if isinstance(exc, IllegalTransition):
        return translate("errors", "The order changed meanwhile: scan it again.")
    return translate("errors", "Something went wrong; it was written to the log. Try again.")
