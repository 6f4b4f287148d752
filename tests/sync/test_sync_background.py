"""The GUI's background sync: a status chip that says what is going on, in plain words."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from sync_helpers import REPO, ServerProc, add_readings, enrollment_code

from kiosk.db import Database
from kiosk.ports import DeviceState
from sync.client.background import BackgroundSync
from sync.client.setup import enroll_kiosk


def test_background_sync_status(server: ServerProc, kiosk_dir: Path, kiosk_db: Database) -> None:
    bg = BackgroundSync(kiosk_db, interval_s=0.2)
    assert bg.start() is False
    assert bg.status().state is DeviceState.DISABLED and "not enrolled" in bg.status().message
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "gui")
    add_readings(kiosk_db, 4)
    seen: list[DeviceState] = []
    bg.board.add_listener(lambda st: seen.append(st.state))
    assert bg.start() is True
    try:
        deadline = time.monotonic() + 20
        while server.stats()["events"] < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.stats()["events"] == 4
        while DeviceState.ONLINE not in seen and time.monotonic() < deadline:
            time.sleep(0.1)
        assert DeviceState.ONLINE in seen and bg.sync_status().events_waiting == 0
        time.sleep(1.0)  # several more runs of the loop (interval 0.2 s) while healthy
        assert bg.status().state is DeviceState.ONLINE and "in sync" in bg.status().message
        online_from = seen.index(DeviceState.ONLINE)
        assert DeviceState.CONNECTING not in seen[online_from:], "the chip flickers"
        server.stop()  # the platform goes away: the chip says offline, in words
        while bg.status().state is not DeviceState.OFFLINE and time.monotonic() < deadline:
            time.sleep(0.1)
        assert bg.status().state is DeviceState.OFFLINE
        assert "Cannot reach the central platform" in bg.status().message
        while bg.sync_status().online and time.monotonic() < deadline:
            time.sleep(0.1)  # retries used up: the failure is recorded for every reader
        st = bg.sync_status()
        assert not st.online and st.last_error and "Cannot reach" in st.last_error
    finally:
        bg.stop()


def test_background_sync_freezes_the_startup_heap(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    """The GUI stall fix (sync/client/background.py): the collector's full collections,
    which hold the GIL, stop walking the GUI process's startup heap once background sync
    starts. In a fresh interpreter, as the GUI would be; the timing is `bench.sync gil`."""
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "gui")
    script = f"""
import gc
from kiosk.db import Database, DB_FILENAME
from sync.client.background import BackgroundSync
from pathlib import Path
db = Database(Path({str(kiosk_dir)!r}) / DB_FILENAME)
before = gc.get_freeze_count()
bg = BackgroundSync(db, interval_s=5)
assert bg.start() is True
frozen = gc.get_freeze_count()
again = BackgroundSync(db, interval_s=5)
again.start()
print(before, frozen, gc.get_freeze_count() - frozen)
again.stop(); bg.stop(); db.close()
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    before, frozen, added = (int(x) for x in done.stdout.split()[-3:])
    assert before == 0
    assert frozen > 10_000  # modules, SQLAlchemy, the engine: the heap as it was at start
    assert added < frozen // 10  # once per process: a second start adds next to nothing
