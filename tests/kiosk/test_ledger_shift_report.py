"""Shift reports and check-in sheets from the ledger: the words and numbers close_shift
stored, queued once in the print queue, and `kiosk shift open/close/report` on a real data
folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ledger_world import World, make_world
from PIL import Image

import main
from kiosk.db import Database
from kiosk.errors import UserFacingError
from kiosk.printing import gather
from kiosk.printing.queue import PrintQueue, SlipQueue
from kiosk.services.checkin import check_in_batch
from kiosk.services.pickup import confirm_pickup
from kiosk.services.shift import close_shift, open_shift


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db)


def test_shift_report_words_match_the_counts_close_shift_stores(world: World) -> None:
    sid = open_shift(world.db, staff_id="C1")
    confirm_pickup(world.db, "O-READY", staff_id="C1")
    confirm_pickup(world.db, "O-READY2", staff_id="C1")
    closed = close_shift(world.db, sid, staff_id="C1")
    with world.db.reader() as s:
        data = gather.shift_data(s, sid)
    labels = dict(data.counts)
    assert labels["自提完成"] == closed.counts["pickups"] == 2
    assert labels["在架订单"] == closed.counts["on_shelf"]
    assert [label for label, _ in data.counts] == list(gather.COUNT_WORDS.values())
    assert (data.store_name, data.clerk, data.closed_at is not None) == ("邻里测试店", "王*", True)


def test_shift_report_is_queued_once_per_state(world: World) -> None:
    sid = open_shift(world.db, staff_id="C1")
    queue = PrintQueue(world.db)
    slips = SlipQueue(queue)
    slips.enqueue_shift_report(sid)  # an interim report of the open shift
    close_shift(world.db, sid, staff_id="C1")
    slips.enqueue_shift_report(sid)
    slips.enqueue_shift_report(sid)  # asked twice: still one closing report
    jobs = queue.jobs_for(sid)
    assert [j.kind for j in jobs] == ["shift", "shift"]
    with pytest.raises(UserFacingError, match="not found"):
        slips.enqueue_shift_report("SH-NOPE")


def test_checkin_sheet_is_queued_from_the_ledger(world: World) -> None:
    check_in_batch(world.db, "B2", staff_id="C1", received=[], temperature_c=4.0)
    queue = PrintQueue(world.db)
    SlipQueue(queue).enqueue_checkin_sheet("B2")
    [job] = queue.jobs_for("B2")
    assert (job.kind, job.status) == ("checkin", "pending")


def _kiosk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main.main([*argv, "--json"])
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines() if x.startswith("{")]
    return code, lines[-1] if lines else {"stderr": captured.err}


def test_kiosk_shift_open_close_report(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path / "data")
    world.db.close()
    code, opened = _kiosk(capsys, "shift", "open", "--staff", "C1", "--data-dir", folder)
    assert code == 0
    sid = opened["shift_id"]
    png = tmp_path / "shift.png"
    code, closed = _kiosk(
        capsys, "shift", "close", sid, "--staff", "C1", "--data-dir", folder, "--preview", str(png)
    )
    assert code == 0, closed
    assert closed["counts"]["pickups"] == 0 and closed["job_status"] == "pending"
    assert Image.open(png).width > 0
    code, again = _kiosk(capsys, "shift", "report", sid, "--data-dir", folder)
    assert (code, again["job_id"]) == (0, closed["job_id"])  # deduplicated
    code, refused = _kiosk(capsys, "shift", "close", sid, "--staff", "C1", "--data-dir", folder)
    assert code == 1 and "already closed" in refused["stderr"]
    code, nobody = _kiosk(capsys, "shift", "open", "--staff", "NOBODY", "--data-dir", folder)
    assert code == 1 and "error" in nobody["stderr"]
