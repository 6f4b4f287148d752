"""Restore end to end against the real central server process: after an older backup is
restored, events already pushed are not sent again, the one not yet pushed is sent, and sync
brings back what the platform has (the orders picked up after the backup)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import (
    ServerProc,
    demo_template,
    engine_for,
    enrollment_code,
    kiosk_db,
    kiosk_dir,
    outbox,
    pick_up,
    ready_orders,
    server,
)

from kiosk.db import Database
from kiosk.models import Order
from kiosk.ops.backup import backup_now
from kiosk.ops.restore import RestoreRefused, restore_backup
from sync.client.setup import enroll_kiosk

__all__ = ["demo_template", "kiosk_db", "kiosk_dir", "server"]


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_restore_then_sync_sends_only_the_unsent_and_brings_back_the_rest(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    engine_for(kiosk_db).run_once()  # the store's orders are here
    backup = backup_now(kiosk_db.path).file
    a, b, c = ready_orders(kiosk_dir)[:3]
    sent = pick_up(kiosk_db, [a, b])
    assert engine_for(kiosk_db).run_once().pushed == 2
    (waiting,) = pick_up(kiosk_db, [c])  # power cut before it was sent
    kiosk_db.close()

    with pytest.raises(RestoreRefused, match="1 of those events have not reached"):
        restore_backup(kiosk_db.path, backup)
    restore_backup(kiosk_db.path, backup, force=True)

    db = Database(kiosk_db.path)
    try:
        box = outbox(db)
        assert box[sent[0]][0] == box[sent[1]][0] == "accepted" and box[waiting][0] == "pending"
        with db.reader() as s:  # the backup's state: the three are ready again, here
            assert {s.get(Order, o).status for o in (a, b, c)} == {"ready"}  # type: ignore[union-attr]
        report = engine_for(db).run_once()
        assert report.pushed == 1 and report.results == {"accepted": 1}  # only the unsent one
        assert server.stats()["events"] == 3 and server.stats()["duplicates_refused"] == 0
        with db.reader() as s:  # and the platform's copy brings the pickups back
            assert {s.get(Order, o).status for o in (a, b, c)} == {"picked_up"}  # type: ignore[union-attr]
    finally:
        db.close()
