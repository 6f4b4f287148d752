"""An inspection filled offline syncs later against the real server process: the
`inspection.submitted` event once, and each photo and the report PDF as its own
content-addressed upload; a weak network sends what it can, the rest goes next time, and
the server holds each file once."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from sync_fault_proxy import FaultProxy
from sync_helpers import FAST, ServerProc, engine_for, enrollment_code

from kiosk.db import Database
from kiosk.errors import SyncError
from kiosk.inspection import service
from kiosk.inspection.template import DEFAULT
from kiosk.models import Media
from sync.client.retry import RetryPolicy
from sync.client.setup import enroll_kiosk
from sync.server.db import ServerDatabase
from sync.server.models import MediaBlob, ReceivedEvent

FAILS = ("hyg-staff", "cold-store", "pest-signs", "lab-labels")
SIG = [[(0.1, 0.2), (0.4, 0.8), (0.9, 0.3)]]


@pytest.fixture
def proxy(server: ServerProc) -> Iterator[FaultProxy]:
    p = FaultProxy(server.port)
    yield p
    p.close()


def photo(n: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (40 * n % 255, 120, 200)).save(out, "JPEG", quality=85)
    return out.getvalue()


def inspect_offline(db: Database, data_dir: Path) -> tuple[str, list[str], str]:
    """A whole inspection of the demo supplier with four photos, submitted with its PDF."""
    with db.session() as s:
        iid = service.start(s, supplier_id="SUP-001", inspector_id="S-001")
        for it in DEFAULT.items:
            service.answer(s, iid, it.id, "fail" if it.id in FAILS else "pass")
        shas = [service.add_photo(s, data_dir, iid, item, photo(n)) for n, item in enumerate(FAILS)]
        service.sign(s, iid, role="inspector", name="王检查", strokes=SIG)
        service.sign(s, iid, role="supplier", name="李代表", strokes=SIG)
        done = service.submit(
            s, data_dir, iid, actor="S-001", render_pdf=service.pdf_renderer(s, data_dir)
        )
    assert done.pdf_sha is not None
    return iid, shas, done.pdf_sha


def server_blobs(server: ServerProc) -> dict[str, int]:
    db = ServerDatabase(server.db_url, pool_size=1)
    try:
        with db.reader() as s:
            return {b.sha256: b.size for b in s.scalars(select(MediaBlob))}
    finally:
        db.close()


def server_inspections(server: ServerProc) -> list[dict[str, object]]:
    db = ServerDatabase(server.db_url, pool_size=1)
    try:
        with db.reader() as s:
            return [
                e.payload
                for e in s.scalars(
                    select(ReceivedEvent).where(ReceivedEvent.type == "inspection.submitted")
                )
            ]
    finally:
        db.close()


def uploaded(db: Database) -> set[str]:
    with db.reader() as s:
        return {m.sha256 for m in s.scalars(select(Media).where(Media.uploaded_at.is_not(None)))}


def test_an_offline_inspection_syncs_later_with_every_photo_once(
    server: ServerProc, proxy: FaultProxy, kiosk_dir: Path, kiosk_db: Database
) -> None:
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "field-1")
    iid, shas, pdf = inspect_offline(kiosk_db, kiosk_dir)
    files = {*shas, pdf}
    assert len(files) == 5
    few = RetryPolicy(base_s=0.01, cap_s=0.05, max_attempts=3)
    # days offline: nothing gets through, nothing is lost
    proxy.script(*["refuse"] * 30)
    with pytest.raises(SyncError):
        engine_for(kiosk_db, proxy.url, policy=few).run_once()
    proxy.actions.clear()
    assert server_blobs(server) == {} and server_inspections(server) == []
    # a weak network: the event and two uploads get through, then the line drops
    proxy.script("pass", "pass", "pass", *["refuse"] * 30)
    with pytest.raises(SyncError):
        engine_for(kiosk_db, proxy.url, policy=few).run_once()
    proxy.actions.clear()
    first = uploaded(kiosk_db)
    assert len(first) == 2 and first <= files and set(server_blobs(server)) == first
    assert [p["inspection_id"] for p in server_inspections(server)] == [iid]
    # back online, one answer cut mid-way (the server stored it; the kiosk sends it again)
    proxy.script("reset_mid")
    report = engine_for(kiosk_db, proxy.url, policy=FAST).run_once()
    assert report.media == 3 and report.media_skipped == 0
    blobs = server_blobs(server)
    assert set(blobs) == files and uploaded(kiosk_db) >= files
    with kiosk_db.reader() as s:
        paths = {sha: service.media_path(s, kiosk_dir, sha) for sha in files}
    for sha, path in paths.items():
        assert path is not None and hashlib.sha256(path.read_bytes()).hexdigest() == sha
        assert blobs[sha] == path.stat().st_size
    puts = [line for _a, line in proxy.log if line.startswith("PUT /api/v1/media/")]
    sent = {sha: sum(sha in line for line in puts) for sha in files}
    assert sorted(sent.values()) == [1, 1, 1, 1, 2]  # only the cut answer was sent again
    # the server's record names every photo and the report
    (payload,) = server_inspections(server)
    assert set(payload["media"]) == files and payload["report_pdf"] == pdf  # type: ignore[arg-type]
    assert server.stats()["by_type"].get("inspection.submitted") == 1
    # a later sync sends nothing again
    again = engine_for(kiosk_db, proxy.url, policy=FAST).run_once()
    assert again.media == 0 and again.pushed == 0
    assert len(server_blobs(server)) == 5
