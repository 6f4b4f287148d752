"""The GUI's background sync: a status chip that says what is going on, in plain words."""

from __future__ import annotations

import time
from pathlib import Path

from sync_helpers import ServerProc, add_readings, enrollment_code

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
