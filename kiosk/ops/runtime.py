"""What the running kiosk starts for its own upkeep (main.py calls `start_operations`):
log files in the data dir, the backup schedule, and a watcher that logs every device's
state changes, so a support person can read what happened at the counter last Tuesday.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from kiosk.ops.backup import BackupScheduler
from kiosk.ops.integrity import DB_FILENAME
from kiosk.ops.logs import setup_logging
from kiosk.ports import DeviceStatus, HasStatus

log = logging.getLogger("linli.devices")


class _Context(Protocol):
    data_dir: Path
    devices: list[HasStatus]
    on_close: list[Callable[[], None]]


class DeviceLogger:
    """Polls each device's status every `interval_s` and logs it when it changes (state or
    message), one line per change: `printer 'Receipt printer': online -> offline (...)`."""

    def __init__(self, devices: Sequence[HasStatus], interval_s: float = 2.0) -> None:
        self.devices = devices
        self.interval_s = interval_s
        self._seen: dict[int, DeviceStatus] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="device-log", daemon=True)

    def start(self) -> DeviceLogger:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def poll(self) -> None:
        for device in list(self.devices):
            try:
                now = device.status()
            except Exception as exc:
                log.warning("%r: status could not be read (%s)", device, exc)
                continue
            before = self._seen.get(id(device))
            if before is None or (before.state, before.message) != (now.state, now.message):
                was = before.state.value if before else "start"
                level = logging.WARNING if now.state.value in ("offline", "error") else logging.INFO
                log.log(level, "device %r: %s -> %s (%s)", now.name, was, now.state.value,
                        now.message or "-")
                self._seen[id(device)] = now

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.interval_s)


def start_operations(ctx: _Context) -> BackupScheduler:
    """Log files, scheduled backups (a device on the devices screen), the device logger.
    `LINLI_BACKUP_INTERVAL_S` overrides the backup interval (tests, busy stores)."""
    setup_logging(ctx.data_dir)
    interval = float(os.environ.get("LINLI_BACKUP_INTERVAL_S") or 0) or None
    scheduler = (BackupScheduler(ctx.data_dir / DB_FILENAME, interval_s=interval)
                 if interval else BackupScheduler(ctx.data_dir / DB_FILENAME))
    scheduler.start()
    ctx.on_close.append(scheduler.stop)
    ctx.devices.append(scheduler)
    watcher = DeviceLogger(ctx.devices).start()
    ctx.on_close.append(watcher.stop)
    return scheduler
