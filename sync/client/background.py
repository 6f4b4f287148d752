"""Sync on its own thread, for the GUI: `BackgroundSync(db).start()`; `status()` feeds the
sync chip (DeviceStatus), `sync_status()` the manager's page (SyncStatus).

GUI stalls: the cyclic garbage collector's full collection runs on whichever thread
allocates and holds the GIL for all of it. A pull allocates a lot (pages of orders, ORM rows),
so full collections come often, and each one walked the whole heap of the GUI process
(modules, Qt wrappers, SQLAlchemy's metadata: ~100 000 objects) while the GUI thread waited
(bench: longest GIL hold 49-155 ms). `start()` therefore moves the heap that exists by then
into the collector's permanent generation once (`gc.freeze()`, O(1)): later collections walk
only objects made afterwards (bench: 18-41 ms). Those startup objects live as long as the
program anyway; a cycle among them that dies later is not reclaimed (bounded, once).
"""

from __future__ import annotations

import gc
import threading

from kiosk.db import Database
from kiosk.errors import SyncError, SyncErrorKind
from kiosk.platform.sync_status import read_sync_status
from kiosk.ports import DeviceState, DeviceStatus, StatusBoard, SyncStatus
from sync.client.engine import SyncEngine
from sync.client.setup import build_engine, close_engine

_FROZE = threading.Event()


def freeze_startup_heap() -> bool:
    """gc.freeze() once per process (see the module docstring); True the first time."""
    if _FROZE.is_set():
        return False
    _FROZE.set()
    gc.freeze()
    return True


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
            state = (
                DeviceState.DISABLED
                if exc.kind is SyncErrorKind.NOT_ENROLLED
                else DeviceState.ERROR
            )
            self.board.set(state, str(exc), error=str(exc))
            return False
        freeze_startup_heap()
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
