"""What main.py hands to the UI: the database and the devices, typed by their ports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.db import Database
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.flows.pickup import ReceiptSink
from kiosk.ports import (
    DeviceStatus,
    Enroller,
    HasStatus,
    KeyFeed,
    PhotoCamera,
    Scanner,
    SyncStatus,
)
from kiosk.settings import Settings

# The status bar's slots, in order (a device of another kind shows under "devices").
SLOT_KINDS = ("sync", "printer", "scanner", "camera", "scale")


@dataclass
class DeviceSlot:
    """One device as the status bar sees it: its kind (SLOT_KINDS, or "instrument",
    "print_queue"), the device, and how to hear about changes (a StatusBoard's
    add_listener; None: the UI reads `device.status()` when it draws)."""

    kind: str
    device: HasStatus
    subscribe: Callable[[Callable[[DeviceStatus], None]], None] | None = None


@dataclass
class KioskContext:
    data_dir: Path
    db: Database
    store_id: str = ""
    devices: list[HasStatus] = field(default_factory=list)
    slots: list[DeviceSlot] = field(default_factory=list)
    scanners: list[Scanner] = field(default_factory=list)
    key_feed: KeyFeed | None = None
    receipts: ReceiptSink | None = None
    staff_id: str | None = None  # --demo: the demo clerk, logged in at start
    demo: bool = False
    demo_pins: dict[str, str] = field(default_factory=dict)  # staff id -> PIN (demo only)
    demo_show_code: Callable[[], None] | None = None  # demo camera: show the next code once
    settings: Settings = field(default_factory=Settings)
    # the webcam's still photo as (JPEG bytes, mime) for issue, damage and inspection photos
    # (raises DeviceError while the camera has no picture); None: no camera, the screens say so
    take_photo: Callable[[], tuple[bytes, str]] | None = None
    camera_preview: Callable[[], bytes | None] | None = None  # self-service: a small JPEG
    enroll: Enroller | None = None  # enrollment by code (backed by sync/, wired in main.py)
    sync_status: Callable[[], SyncStatus] | None = None  # the sync client's current status
    sync_now: Callable[[], None] | None = None  # ask the sync client to run now
    # started in the background once the first screen is up (the sync client): cold start
    after_start: list[Callable[[], None]] = field(default_factory=list)
    on_close: list[Callable[[], None]] = field(default_factory=list)

    def attach_camera(self, camera: PhotoCamera, *, preview: bool = True) -> None:
        """The screens' photos (and, with `preview`, the self-service picture) from `camera`."""

        def take() -> tuple[bytes, str]:
            data = camera.take_photo()
            if data is None:
                raise DeviceError(
                    DeviceErrorKind.OFFLINE,
                    "The camera has no picture right now: is it plugged in?",
                )
            return data, "image/jpeg"

        self.take_photo = take
        self.camera_preview = camera.preview_frame if preview else None

    def close(self) -> None:
        """Stop devices and workers in reverse order of start; never raises."""
        for stop in reversed(self.on_close):
            try:
                stop()
            except Exception:
                pass
        self.db.close()
