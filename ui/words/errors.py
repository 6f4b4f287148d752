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


def error_text(exc: BaseException) -> str:
    """What a person reads for any error: by type and kind, never the English message."""
    if isinstance(exc, Cancelled):
        return ""
    if isinstance(exc, DeviceError):
        return device_error(exc.kind)
    if isinstance(exc, SyncError):
        return sync_error(exc.kind)
    if isinstance(exc, NotAllowed):
        return translate("errors", "That is not allowed for this clerk: ask a manager.")
    if isinstance(exc, IllegalTransition):
        return translate("errors", "The order changed meanwhile: scan it again.")
    return translate("errors", "Something went wrong; it was written to the log. Try again.")
