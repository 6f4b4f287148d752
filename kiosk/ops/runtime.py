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

from kiosk.db import Database
from kiosk.errors import KioskError
from kiosk.ops.backup import BackupScheduler
from kiosk.ops.clock import ClockOffset, last_known, remember
from kiosk.ops.integrity import DB_FILENAME
from kiosk.ops.logs import ensure_logging, scan_tag
from kiosk.ports import DeviceState, DeviceStatus, HasStatus, ScanEvent

log = logging.getLogger("linli.devices")
scan_log = logging.getLogger("linli.scan")


class _Context(Protocol):
    data_dir: Path
    db: Database
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
                log.log(
                    level,
                    "device %r: %s -> %s (%s)",
                    now.name,
                    was,
                    now.state.value,
                    now.message or "-",
                )
                self._seen[id(device)] = now

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.interval_s)


class ScanLogger:
    """Logs every scan as it arrives, never the code itself: `scan camera LK1…#3f2a9c1e`.

    It runs on the scanner's own path (for a keyboard wedge, the GUI thread), so it only
    names the scan and never reads the ledger; the verdict line comes from the pickup flow
    (`kiosk.flows.pickup`, logger `linli.scan`), with the same fingerprint to join them."""

    def __init__(self, db: Database, store_id: str) -> None:
        self.db, self.store_id = db, store_id

    def __call__(self, scan: ScanEvent) -> None:
        shown = scan_tag(scan.text)
        if scan.problem is not None:
            scan_log.warning(
                "scan %s %s: %s (%s)",
                scan.source.value,
                shown,
                scan.problem.value,
                scan.message or "-",
            )
            return
        scan_log.info("scan %s %s", scan.source.value, shown)


class ClockWatch:
    """The clock as a device: compares with the platform every `interval_s` through `probe`
    (main.py: the `Date` header of /health), keeps the offset, and shows red in words when
    the kiosk's clock is far off. Without a probe, or offline, shows the last offset seen."""

    name = "Clock"

    def __init__(
        self,
        db: Database,
        probe: Callable[[], ClockOffset] | None,
        interval_s: float = 900.0,
        first_after_s: float = 30.0,
    ) -> None:
        self.db, self.probe, self.interval_s = db, probe, interval_s
        self.first_after_s = first_after_s  # not during the cold start
        self._status = DeviceStatus(
            self.name, DeviceState.DISABLED, "Not compared with the platform yet."
        )
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="clock-watch", daemon=True)

    def status(self) -> DeviceStatus:
        return self._status

    def start(self) -> ClockWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def check(self) -> DeviceStatus:
        offset: ClockOffset | None = None
        if self.probe is not None:
            try:
                offset = self.probe()
                with self.db.session() as s:
                    remember(s, offset)
            except KioskError as exc:
                log.debug("clock not compared: %s", exc)
                offset = None
            except Exception:
                log.exception("clock probe failed")
                offset = None
        if offset is None:
            with self.db.reader() as s:
                offset = last_known(s)
        if offset is None:
            return self._status
        words = offset.describe()
        sentence = f"{words[0].upper()}{words[1:]}."
        if offset.far_off:
            self._status = DeviceStatus(
                self.name,
                DeviceState.ERROR,
                f"{sentence} Set this computer's date and time.",
                sentence,
            )
        else:
            self._status = DeviceStatus(self.name, DeviceState.ONLINE, sentence)
        return self._status

    def _run(self) -> None:
        delay = self.first_after_s
        while not self._stop.wait(delay):
            try:
                self.check()
            except Exception:
                log.exception("clock check failed")
            delay = self.interval_s


def start_operations(
    ctx: _Context, *, clock: Callable[[], ClockOffset] | None = None
) -> BackupScheduler:
    """Log files, scheduled backups and the clock (both devices on the devices screen), the
    device logger. `LINLI_BACKUP_INTERVAL_S` overrides the backup interval (tests, busy
    stores)."""
    ensure_logging(ctx.data_dir)
    interval = float(os.environ.get("LINLI_BACKUP_INTERVAL_S") or 0) or None
    scheduler = (
        BackupScheduler(ctx.data_dir / DB_FILENAME, interval_s=interval)
        if interval
        else BackupScheduler(ctx.data_dir / DB_FILENAME)
    )
    scheduler.start()
    ctx.on_close.append(scheduler.stop)
    ctx.devices.append(scheduler)
    watch = ClockWatch(ctx.db, clock).start()
    ctx.on_close.append(watch.stop)
    ctx.devices.append(watch)
    for scanner in getattr(ctx, "scanners", ()):
        scanner.add_listener(ScanLogger(ctx.db, getattr(ctx, "store_id", "")))
    watcher = DeviceLogger(ctx.devices).start()
    ctx.on_close.append(watcher.stop)
    return scheduler
