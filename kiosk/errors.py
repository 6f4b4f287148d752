"""The one error hierarchy. The UI decides by type and kind, never by message text."""

from __future__ import annotations

from enum import Enum


class KioskError(Exception):
    """Base of every error the kiosk raises on purpose."""


class UserFacingError(KioskError):
    """Its message is written for a person at the counter and can be shown as it is."""


class Cancelled(KioskError):
    """The person cancelled; show nothing."""


class IllegalTransition(UserFacingError):
    """A service refused a change the order life does not allow; nothing was written."""


class NotAllowed(UserFacingError):
    """The staff member's role or state (locked, wrong PIN) does not allow this."""


class DeviceErrorKind(str, Enum):
    NOT_FOUND = "not_found"
    DISCONNECTED = "disconnected"
    TIMEOUT = "timeout"
    BAD_DATA = "bad_data"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    CONFIG = "config"
    OTHER = "other"


class DeviceError(UserFacingError):
    """A device failed; `kind` tells the UI which picture and advice to show."""

    def __init__(self, kind: DeviceErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class SyncErrorKind(str, Enum):
    NETWORK = "network"
    SERVER = "server"
    AUTH = "auth"
    REJECTED = "rejected"
    NOT_ENROLLED = "not_enrolled"
    PROTOCOL = "protocol"


class SyncError(UserFacingError):
    """Talking to the central API failed; AUTH means re-enroll, NETWORK/SERVER are retried."""

    def __init__(self, kind: SyncErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class RestoreRefusedKind(str, Enum):
    """Why a ledger restore was refused (kiosk.ops.restore); the UI words it with `params`."""

    KIOSK_RUNNING = "kiosk_running"  # params: pid
    NOT_A_BACKUP = "not_a_backup"  # params: backup, problems
    OTHER_STORE = "other_store"  # params: backup_store, this_store
    SEQ_CLASH = "seq_clash"  # the backup and the ledger number different events alike
    OLDER = "older"  # params: events, audit, unpushed (what a restore would undo)
    NOT_VERIFIED = "not_verified"  # the restored file failed its check; params: problems
    STORAGE = "storage"  # params: storage (disk_full | read_only | disk_failed | other)


class RestoreRefused(UserFacingError):
    """The restore was not done; the ledger is untouched. The message (English, for the
    command line) says why; `kind` and `params` let the UI word it."""

    def __init__(self, kind: RestoreRefusedKind, message: str, **params: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.params = params
