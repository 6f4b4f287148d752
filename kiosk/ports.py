"""The small typed interfaces (Protocols) and value types that devices and the central API
are seen through. Plain frozen data crosses layers, never dicts or Qt types.

Each area owns one section below; add to your own section only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import Any, Protocol, runtime_checkable


def utcnow() -> datetime:
    """The one clock: timezone-aware UTC."""
    return datetime.now(UTC)


# --- device status (every device and the sync client has one) -----------------------------


class DeviceState(str, Enum):
    ONLINE = "online"  # connected and working
    CONNECTING = "connecting"  # opening / reconnecting (with backoff)
    WAITING = "waiting"  # connected, waiting for input or for the other side
    OFFLINE = "offline"  # not reachable; will retry
    ERROR = "error"  # needs a person (paper out, misconfigured, auth failed)
    DISABLED = "disabled"  # not configured / switched off


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """What the GUI shows on a device's status chip: state plus a sentence in plain words."""

    name: str
    state: DeviceState
    message: str = ""
    last_error: str | None = None
    since: datetime = field(default_factory=utcnow)
    # What the UI words (ui/words/devices.py): a code such as "paper_out", "unreachable",
    # "listening" with its parameters; "" means "word the state only" (message is English).
    code: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)


class StatusBoard:
    """Thread-safe holder of one device's current status with change listeners.

    Workers call `set(...)`; the GUI subscribes with `add_listener` (its callback must hop to
    the GUI thread itself).
    """

    def __init__(
        self, name: str, state: DeviceState = DeviceState.DISABLED, message: str = ""
    ) -> None:
        self._lock = threading.Lock()
        self._status = DeviceStatus(name=name, state=state, message=message)
        self._listeners: list[Callable[[DeviceStatus], None]] = []

    @property
    def current(self) -> DeviceStatus:
        with self._lock:
            return self._status

    def set(
        self,
        state: DeviceState,
        message: str = "",
        *,
        error: str | None = None,
        code: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> DeviceStatus:
        params = dict(params or {})
        with self._lock:
            last_error = error if error is not None else self._status.last_error
            if (
                state == self._status.state
                and message == self._status.message
                and error is None
                and code == self._status.code
                and params == dict(self._status.params)
            ):
                return self._status
            self._status = DeviceStatus(
                self._status.name, state, message, last_error, code=code, params=params
            )
            status = self._status
            listeners = list(self._listeners)
        for listener in listeners:
            listener(status)
        return status

    def add_listener(self, listener: Callable[[DeviceStatus], None]) -> None:
        with self._lock:
            self._listeners.append(listener)


@runtime_checkable
class HasStatus(Protocol):
    def status(self) -> DeviceStatus: ...


# --- instruments (scale, refractometer, pesticide reader) --------------------------------


class ReadingKind(str, Enum):
    WEIGHT = "weight"
    BRIX = "brix"
    PESTICIDE = "pesticide"


class ReadingStatus(str, Enum):
    OK = "ok"
    MOTION = "motion"
    OVERLOAD = "overload"
    UNDERLOAD = "underload"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Reading:
    """One parsed instrument frame. Overload/underload/error never carry a value."""

    kind: ReadingKind
    value: float | None
    unit: str
    stable: bool
    status: ReadingStatus
    raw: bytes
    at: datetime
    extra: tuple[tuple[str, str], ...] = ()  # parsed side values (temperature, ΔA₀, sample id…)


class Instrument(HasStatus, Protocol):
    """A serial instrument run by its own worker thread."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def add_listener(self, listener: Callable[[Reading], None]) -> None: ...
    def command(self, name: str) -> None:
        """Send a protocol command ("zero", "tare", "clear"); DeviceError(CONFIG) if it has none."""
        ...


# --- scanning (wedge, serial scanner, camera) ---------------------------------------------


class ScanSource(str, Enum):
    WEDGE = "wedge"  # keyboard-wedge handheld scanner (typed keys + Enter)
    SERIAL = "serial"  # serial / USB-CDC scanner (CR/LF framed lines)
    CAMERA = "camera"  # camera frames through the QR decoder


class ScanProblem(str, Enum):
    """Why a scan looks wrong; the UI words it, `ScanEvent.message` says it plainly."""

    WRONG_LAYOUT = "wrong_layout"  # scanner set to another keyboard layout (LK! / AZERTY)
    FULL_WIDTH = "full_width"  # a Chinese IME turned ASCII into full-width characters
    CHINESE_IME = "chinese_ime"  # a Chinese IME in pinyin mode turned letters into hanzi
    TRUNCATED = "truncated"  # a token cut short (missing parts, too short)
    GARBLED = "garbled"  # control or unprintable characters


@dataclass(frozen=True, slots=True)
class ScanEvent:
    """One scanned code. With `problem` set, `text` is the best-effort repair (or the raw
    text when no safe repair exists), `raw` what arrived, and `message` a sentence for people."""

    text: str
    source: ScanSource
    at: datetime
    problem: ScanProblem | None = None
    message: str = ""
    raw: str = ""


@dataclass(frozen=True, slots=True)
class DecodeResult:
    """What a decoder found in one frame: decoded texts (deduplicated, in order), the time it
    took and which step found them (e.g. "zxing", "zxing+clahe", "pyzbar")."""

    texts: tuple[str, ...]
    ms: float
    method: str = ""


class QrDecoder(Protocol):
    """Takes a plain 8-bit grayscale buffer (height × width, row-major), never a Qt image.
    `budget_ms` caps the time spent on repairs of a hard frame (None: the decoder's own
    default, 0: a quick pass only)."""

    def decode(self, gray: object, budget_ms: float | None = None) -> DecodeResult: ...


class Scanner(HasStatus, Protocol):
    """A wedge, serial or camera scanner: started/stopped by its owner, reports ScanEvents to
    listeners from its own thread (the GUI hops to its thread itself)."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def add_listener(self, listener: Callable[[ScanEvent], None]) -> None: ...


class PhotoCamera(Protocol):
    """A camera that also hands out still pictures (issue photos, damaged bags, inspection
    items) and a small live picture (the self-service screen): both JPEG bytes of the newest
    frame, or None while the camera has no picture (missing, unplugged, not started)."""

    def take_photo(self) -> bytes | None: ...
    def preview_frame(self) -> bytes | None: ...


class KeyFeed(Protocol):
    """The keyboard-wedge detector as the GUI sees it: its app-wide key filter feeds every
    key press; `ended_scan` says the last Enter/Tab closed a scan (so the key is swallowed)."""

    def feed(self, key: str, text: str, t: float) -> ScanEvent | None: ...

    @property
    def ended_scan(self) -> bool: ...


# --- printing -----------------------------------------------------------------------------
# The layout model lives in kiosk.printing.layout (a pure value module); it is re-exported
# here so a driver sees documents through the ports.
from kiosk.printing.layout import (  # noqa: E402
    QR as QR,
    Align as Align,
    Barcode as Barcode,
    Block as Block,
    Columns as Columns,
    Cut as Cut,
    Document as Document,
    Feed as Feed,
    Image as Image,
    Rule as Rule,
    Text as Text,
)


class PaperWidth(int, Enum):
    """Roll width in mm; font A (12×24 dots) gives the column count."""

    MM58 = 58
    MM80 = 80

    @property
    def columns(self) -> int:
        return 32 if self is PaperWidth.MM58 else 48

    @property
    def dots(self) -> int:
        return 384 if self is PaperWidth.MM58 else 576


class CjkMode(str, Enum):
    NATIVE = "native"  # GB18030 in the printer's Chinese mode (FS & … FS .)
    RASTER = "raster"  # text drawn with a CJK font and sent as an image


class QrMode(str, Enum):
    NATIVE = "native"  # GS ( k: the printer draws the code
    IMAGE = "image"  # drawn here and sent as a raster image


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """A printer profile: what the paper and the printer's firmware can do."""

    paper: PaperWidth = PaperWidth.MM80
    cjk: CjkMode = CjkMode.NATIVE
    qr: QrMode = QrMode.NATIVE
    cutter: bool = True


class PaperStatus(str, Enum):
    ADEQUATE = "adequate"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"  # no reply or an invalid one: never taken as "fine"


class Printer(HasStatus, Protocol):
    """A receipt printer. `print_document` blocks until the job is handed over (and, where
    the transport can read, acknowledged); it raises kiosk.errors.DeviceError with a
    sentence a clerk can act on when the printer is offline, out of paper or unplugged."""

    def print_document(self, doc: Document, options: PrintOptions | None = None) -> None: ...
    def query_paper(self) -> PaperStatus: ...


# --- central API ----------------------------------------------------------------------------


class EventStatus(str, Enum):
    """The server's answer for one event (DESIGN.md, Central API)."""

    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class EventResult:
    """One per-event result of `POST /api/v1/events/batch`.

    `first_status` is set on a `duplicate`: what the server answered the first time, so a
    conflict whose answer was lost in transit still reaches the manager.
    """

    event_id: str
    status: EventStatus
    reason: str = ""
    first_status: EventStatus | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of `GET /api/v1/changes`: kind (order, key, staff, leader, supplier,
    checklist), op (upsert or delete), key and the seed-format data dict."""

    kind: str
    op: str
    key: str
    data: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ChangesPage:
    changes: tuple[Change, ...]
    next_cursor: str
    has_more: bool


@dataclass(frozen=True, slots=True)
class Enrollment:
    device_id: str
    store_id: str
    token: str


@dataclass(frozen=True, slots=True)
class PlatformKeyInfo:
    key_id: str
    public_key: str  # unpadded base64url of the raw 32-byte Ed25519 public key
    revoked: bool = False


class CentralApi(Protocol):
    """The central platform as the kiosk sees it. Raises kiosk.errors.SyncError."""

    def enroll(self, enrollment_code: str, device_name: str) -> Enrollment: ...
    def push_events(self, events: Sequence[Mapping[str, Any]]) -> tuple[EventResult, ...]: ...
    def pull_changes(self, cursor: str, limit: int) -> ChangesPage: ...
    def put_media(self, sha256: str, data: bytes, mime: str) -> None: ...
    def keys(self) -> tuple[PlatformKeyInfo, ...]: ...
    def health(self) -> bool: ...


class Enroller(Protocol):
    """Enrollment by a code typed on the settings screen: main.py puts one (backed by sync/)
    into KioskContext.enroll, so ui/ never imports sync/. Raises kiosk.errors.SyncError."""

    def __call__(self, server_url: str, code: str) -> Enrollment: ...


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the GUI's sync chip and the manager's sync page show."""

    online: bool
    enrolled: bool
    last_success: datetime | None
    events_waiting: int
    last_error: str | None  # plain words
    conflicts: int  # events needing a manager (conflicts and rejected, unresolved)
    needs_reenroll: bool = False
    server_url: str | None = None

    @property
    def message(self) -> str:
        if not self.enrolled:
            return "This kiosk is not enrolled with the central platform yet."
        if self.needs_reenroll:
            return "The platform no longer accepts this kiosk: ask the manager to enroll it again."
        if self.online:
            parts = ["online"]
        elif self.last_success is None and not self.last_error:
            parts = ["not synced yet"]
        else:
            parts = ["offline"]
        parts.append(f"{self.events_waiting} event(s) waiting to be sent")
        if self.conflicts:
            parts.append(f"{self.conflicts} need(s) a manager")
        return ", ".join(parts)


# --- live test mode: the on-air overlay (an output device, like the printer) ---------------


@dataclass(frozen=True, slots=True)
class LiveFrame:
    """What the on-air overlay shows now, in words the UI already chose (translated): the
    product line, the figure, the grade or verdict and its tone (good, warn, bad, neutral),
    the sample's mean and spread, and the reading's short verification code ("manual" for a
    hand entry). `seq` goes up with every new frame; `empty` says nothing was measured yet."""

    seq: int
    title: str = ""
    value: str = ""
    verdict: str = ""
    tone: str = "neutral"
    stats: str = ""
    code: str = ""
    code_label: str = ""
    empty: bool = True
    labels: Mapping[str, str] = field(default_factory=dict)  # the page's own words, translated


@runtime_checkable
class LiveOutput(HasStatus, Protocol):
    """Where live readings go on air (drivers/overlay): started/stopped by main.py, fed by
    the live screen from the GUI thread (publish never blocks)."""

    def publish(self, frame: LiveFrame) -> None: ...
    @property
    def url(self) -> str: ...
