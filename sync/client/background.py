"""Sync on its own thread, for the GUI: `BackgroundSync(db).start()`; `status()` feeds the
sync chip (DeviceStatus), `sync_status()` the manager's page (SyncStatus)."""

from __future__ import annotations

import threading

from kiosk.db import Database
from kiosk.errors import SyncError, SyncErrorKind
from kiosk.platform.sync_status import read_sync_status
from kiosk.ports import DeviceState, DeviceStatus, StatusBoard, SyncStatus
from sync.client.engine import SyncEngine
from sync.client.setup import build_engine, close_engine


class BackgroundSync:
    def __init__(self, db: Database, *, interval_s: float = 15.0) -> None:
        self.db = db
        self.interval_s = interval_s
        self.board = StatusBoard("sync", DeviceState.DISABLED, "not started")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._engine: SyncEngine | None = None

    def status(self) -> DeviceStatus:
        return self.board.current

    def sync_status(self) -> SyncStatus:
        with self.db.reader() as s:
            return read_sync_status(s)

    def start(self) -> bool:
        """Start the loop; False (and a status saying why) when the kiosk is not enrolled."""
        try:
            self._engine = build_engine(self.db, board=self.board)
        except SyncError as exc:
            state = DeviceState.DISABLED if exc.kind is SyncErrorKind.NOT_ENROLLED \
                else DeviceState.ERROR
            self.board.set(state, str(exc), error=str(exc))
            return False
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self._thread.start()
        return True

    def _run(self) -> None:
        assert self._engine is not None
        try:
            self._engine.run_forever(self._stop, interval_s=self.interval_s)
        finally:
            close_engine(self._engine)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
