"""Acceptance, with real X input on Xvfb against the real kiosk (`kiosk run --demo`): an
inspection is started and half filled by clicks and typing (a fail with a photo and a mark
drawn by mouse drag), the kiosk is killed with SIGKILL mid-way, restarted, resumes at the
same item, is finished, signed by two mouse-drawn signatures and submitted; its PDF is
readable (page count, the supplier and every item in the text); then it syncs to the real
reference server, which holds the photo and the report once each."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "ui" / "xreal"))
sys.path.insert(0, str(ROOT / "tests" / "sync"))

from sync_helpers import FAST, ServerProc, enrollment_code, free_port  # noqa: E402
from xreal_kiosk import RealKiosk, demo_store, real_kiosk  # noqa: E402

from kiosk.db import DB_FILENAME, Database  # noqa: E402
from kiosk.inspection import service  # noqa: E402
from kiosk.inspection.template import DEFAULT  # noqa: E402
from kiosk.models import Inspection  # noqa: E402
from kiosk.models.inspection import InspectionAnswer  # noqa: E402

EN = {it.id: it.text["en"] for it in DEFAULT.items}


def drag(k: RealKiosk, name: str, path: list[tuple[float, float]]) -> None:
    """A finger drawn across a widget: points in 0..1 of its box."""
    w = k.widget(name)
    x0, y0 = w["x"] - w["w"] // 2, w["y"] - w["h"] // 2
    pts = [(str(int(x0 + fx * w["w"])), str(int(y0 + fy * w["h"]))) for fx, fy in path]
    k.xdo("mousemove", *pts[0])
    k.xdo("mousedown", "1")
    for x, y in pts[1:]:
        k.xdo("mousemove", x, y)
    k.xdo("mouseup", "1")


def progress(n: int) -> object:
    return lambda d: (
        d.get("widgets", {}).get("insp-progress", {}).get("text", "").startswith(f"Item {n} of")
    )


def ledger(data_dir: Path) -> tuple[list[Inspection], dict[str, InspectionAnswer]]:
    db = Database(data_dir / DB_FILENAME, migrate=False)
    try:
        with db.reader() as s:
            rows = list(s.scalars(select(Inspection)))
            answers = {a.item_id: a for a in s.scalars(select(InspectionAnswer))}
            return rows, answers
    finally:
        db.close()


def wait_ledger(
    data_dir: Path,
    cond: Callable[[dict[str, InspectionAnswer]], bool],
    what: str,
    timeout: float = 20,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _rows, answers = ledger(data_dir)
        try:
            if cond(answers):
                return
        except KeyError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what} in the ledger")


@pytest.mark.slow
def test_inspection_survives_sigkill_and_syncs_later(tmp_path: Path) -> None:
    data = demo_store(tmp_path / "data")
    (tmp_path / "run1").mkdir()
    with real_kiosk(data, tmp_path / "run1", lang="en") as k:
        k.key("F10")
        k.wait(lambda d: d.get("screen") == "inspection", "the inspection screen")
        k.click("insp-supplier-SUP-001")
        k.click("insp-location")
        k.type_slowly("Gate 2")  # a person's pace: faster typing + Enter would be a scan
        k.click("insp-start")
        k.wait(progress(1), "item 1")
        assert k.text("insp-item-text") == EN["hyg-surfaces"]
        for n in (1, 2, 3):
            k.click("insp-pass")
            k.wait(progress(n + 1), f"item {n + 1}")
        assert k.text("insp-item-text") == EN["cold-store"]
        k.click("insp-fail")
        k.wait(
            lambda d: "photo" in d["widgets"].get("insp-hint", {}).get("text", ""),
            "the fail to ask for a photo",
        )
        k.click("insp-photo")
        drag(k, "insp-mark-pad", [(0.3, 0.3), (0.5, 0.2), (0.7, 0.4), (0.5, 0.6), (0.3, 0.3)])
        k.click("insp-mark-keep")
        k.wait(
            lambda d: (
                "insp-thumb-0" in d["widgets"] and not d["widgets"].get("insp-hint", {}).get("text")
            ),
            "the photo on the item",
        )
        k.click("insp-note")
        k.type_slowly("7.5 C")
        wait_ledger(data, lambda answers: answers["cold-store"].note == "7.5 C", "the note saved")
        k.click("insp-next")
        k.wait(progress(5), "item 5")
        for n in (5, 6):
            k.click("insp-pass")
            k.wait(progress(n + 1), f"item {n + 1}")
        rows, answers = ledger(data)
        (row,) = rows
        assert row.data["cursor"] == {"step": "items", "index": 6}  # saved before the kill
        assert answers["cold-store"].note == "7.5 C"
        assert len(answers["cold-store"].photos) == 1
        k.proc.send_signal(signal.SIGKILL)  # no shutdown, no flush: the power cord
        k.proc.wait(10)
    photo = answers["cold-store"].photos[0]

    (tmp_path / "run2").mkdir()
    with real_kiosk(data, tmp_path / "run2", lang="en") as k:
        k.key("F10")
        k.wait(lambda d: d.get("screen") == "inspection" and progress(7)(d), "resumed at item 7")
        assert k.text("insp-item-text") == EN["sto-floor"]
        assert "Resumed" in k.text("insp-banner")
        for n in range(7, 40):
            if "insp-samples-title" in k.state().get("widgets", {}):
                break
            before = k.text("insp-progress")
            k.click("insp-pass")
            k.wait(
                lambda d, b=before: (
                    d["widgets"].get("insp-progress", {}).get("text") != b
                    or "insp-samples-title" in d["widgets"]
                ),
                f"after item {n}",
            )
        k.wait(lambda d: "insp-samples-title" in d["widgets"], "the samples step")
        k.click("insp-samples-next")
        for role, name in (("inspector", "Wang"), ("supplier", "Li")):
            drag(k, f"insp-pad-{role}", [(0.1, 0.6), (0.3, 0.3), (0.5, 0.7), (0.8, 0.35)])
            k.click(f"insp-name-{role}")
            k.type_slowly(name)
            k.click(f"insp-sign-{role}")
            k.wait(
                lambda d, r=role: d["widgets"].get(f"insp-signed-{r}", {}).get("text") == "Signed",
                f"the {role}'s signature",
            )
        k.click("insp-sign-next")
        k.wait(lambda d: d["widgets"].get("insp-submit", {}).get("enabled"), "submit enabled")
        k.click("insp-submit")
        k.wait(
            lambda d: "page" in d["widgets"].get("insp-pdf-state", {}).get("text", ""),
            "the report shown",
            timeout=60,
        )
        assert "FAIL" in k.text("insp-done-verdict")  # the cold store is a critical item

    rows, answers = ledger(data)
    (row,) = rows
    assert row.status == "submitted" and row.verdict == "fail"
    assert set(answers) == set(EN)
    db = Database(data / DB_FILENAME, migrate=False)
    try:
        with db.reader() as s:
            v = service.view(s, row.id)
            pdf = service.media_path(s, data, v.pdf_sha or "")
        assert v.answers["cold-store"].photos == (photo,)
        assert v.location_note == "Gate 2"
        assert pdf is not None
        if shutil.which("pdftotext") and shutil.which("pdfinfo"):
            info = subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout
            assert (
                int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))
                >= 1
            )
            text = "".join(
                subprocess.run(
                    ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
                ).stdout.split()
            )
            assert "崇明绿源蔬菜合作社" in text
            for it in DEFAULT.items:  # the report is in the language the kiosk ran in
                assert "".join(it.text["en"].split())[:20] in text, it.id
        # back at the office: it syncs, the server holds the photo and the report once each
        server = ServerProc(
            f"sqlite:///{tmp_path / 'server.sqlite3'}", free_port(), log=tmp_path / "server.log"
        )
        server.start(demo_from=data)
        try:
            from sync_helpers import engine_for

            from sync.client.setup import enroll_kiosk

            enroll_kiosk(db, server.url, enrollment_code(data), "field-1")
            engine_for(db, policy=FAST).run_once()
            engine_for(db, policy=FAST).run_once()
            stats = server.stats()
            assert stats["by_type"].get("inspection.submitted") == 1
            from sync.server.db import ServerDatabase
            from sync.server.models import MediaBlob

            sdb = ServerDatabase(server.db_url, pool_size=1)
            try:
                with sdb.reader() as s:
                    blobs = [b.sha256 for b in s.scalars(select(MediaBlob))]
            finally:
                sdb.close()
            assert sorted(blobs) == sorted({photo, v.pdf_sha})
        finally:
            server.stop()
    finally:
        db.close()
