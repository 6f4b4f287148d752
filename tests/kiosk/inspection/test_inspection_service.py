"""Inspections in the real ledger: every answer saved at once, submit seals the record
(hash, PDF, `inspection.submitted`), submitted rows are refused by the database itself, a
correction is a new version pointing to the old."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from inspection_world import add_supplier, fill_all, jpeg, pesticide, sign_both
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from kiosk.db import Database
from kiosk.inspection import service
from kiosk.inspection.record import Cursor, record_hash
from kiosk.inspection.service import InspectionError
from kiosk.inspection.template import DEFAULT
from kiosk.models import AuditEntry, Inspection, Media, OutboxEvent


@pytest.fixture
def data_dir(db: Database) -> Path:
    return db.path.parent


def start(db: Database) -> str:
    sid = add_supplier(db)
    with db.session() as s:
        return service.start(s, supplier_id=sid, inspector_id="S-001", location_note="仓库 2 号门")


def test_every_answer_is_in_the_ledger_at_once(db: Database, data_dir: Path) -> None:
    iid = start(db)
    with db.session() as s:
        service.answer(s, iid, "hyg-surfaces", "pass")
    with db.session() as s:
        service.answer(s, iid, "cold-store", "fail")
        service.note(s, iid, "cold-store", "冷库 7.5 °C")
        sha = service.add_photo(s, data_dir, iid, "cold-store", jpeg())
        service.move(s, iid, Cursor("items", 4))
    reopened = Database(db.path, migrate=False)  # as after a restart
    try:
        with reopened.reader() as s:
            v = service.view(s, iid)
    finally:
        reopened.close()
    assert v.answers["hyg-surfaces"].answer == "pass"
    assert v.answers["cold-store"].note == "冷库 7.5 °C"
    assert v.answers["cold-store"].photos == (sha,)
    assert v.cursor == Cursor("items", 4)
    assert (data_dir / "media" / sha[:2] / f"{sha}.jpg").read_bytes() == jpeg()


def test_the_same_photo_twice_is_stored_once(db: Database, data_dir: Path) -> None:
    iid = start(db)
    with db.session() as s:
        a = service.add_photo(s, data_dir, iid, "cold-store", jpeg())
        b = service.add_photo(s, data_dir, iid, "cold-store", jpeg())
        c = service.add_photo(s, data_dir, iid, "hyg-staff", jpeg())
    assert a == b == c
    with db.reader() as s:
        assert service.view(s, iid).photos == [a]
        assert len(list(s.scalars(select(Media)))) == 1


def test_submit_needs_every_answer_its_evidence_and_both_signatures(
    db: Database, data_dir: Path
) -> None:
    iid = start(db)
    with db.session() as s:
        service.answer(s, iid, "hyg-surfaces", "pass")
    with pytest.raises(InspectionError) as err, db.session() as s:
        service.submit(s, data_dir, iid, actor="S-001")
    assert err.value.code == "unanswered"
    fill_all(db, data_dir, iid)
    with db.session() as s:
        service.answer(s, iid, "cold-store", "fail")  # needs a photo: none yet
    with pytest.raises(InspectionError) as err, db.session() as s:
        service.submit(s, data_dir, iid, actor="S-001")
    assert (err.value.code, err.value.params["item"]) == ("evidence_missing", "cold-store")
    with db.session() as s:
        service.answer(s, iid, "cold-store", "pass")
    with pytest.raises(InspectionError) as err, db.session() as s:
        service.submit(s, data_dir, iid, actor="S-001")
    assert (err.value.code, err.value.params["role"]) == ("signature_missing", "inspector")
    with pytest.raises(InspectionError) as err, db.session() as s:
        service.sign(s, iid, role="supplier", name="李", strokes=[[(0.5, 0.5)]])
    assert err.value.code == "signature_empty"


def test_submit_seals_the_record(db: Database, data_dir: Path) -> None:
    iid = start(db)
    fill_all(db, data_dir, iid, fail=("hyg-handwash", "pest-contract"))
    rid = pesticide(db, iid)
    sign_both(db, iid)
    with db.session() as s:
        service.set_action(s, iid, "hyg-handwash", "装洗手液和擦手纸")
        done = service.submit(
            s, data_dir, iid, actor="S-001", render_pdf=service.pdf_renderer(s, data_dir)
        )
    assert done.verdict == "rectify" and 80 < done.score < 100
    with db.reader() as s:
        ev = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "inspection.submitted")).one()
        v = service.view(s, iid)
        audit = s.scalars(select(AuditEntry).where(AuditEntry.event_id == ev.event_id)).one()
    p = ev.payload
    assert p["inspection_id"] == iid and p["supplier_id"] == "SUP-T1"
    assert [i["item_id"] for i in p["items"]] == [it.id for it in DEFAULT.items]
    assert [r["reading_id"] for r in p["readings"]] == [rid]
    assert p["readings"][0]["code"].startswith("LKR1.")  # the sample's own verification code
    assert len(p["media"]) == 3 and p["report_pdf"] == p["media"][-1] == done.pdf_sha
    assert set(p["signatures"]) == {"inspector", "supplier"}
    assert [a["item_id"] for a in p["corrective_actions"]] == ["hyg-handwash", "pest-contract"]
    record = {k: v for k, v in p.items() if k not in {"hash", "report_pdf", "media"}}
    record["media"] = p["media"][:-1]
    assert record_hash(record) == p["hash"] == done.record_hash == v.record_hash
    assert v.read_only and v.code == f"LKI1.{iid}.{p['hash']}"
    assert audit.action == "inspection.submitted"


def test_the_pdf_is_readable_and_names_the_supplier_and_every_item(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("pdftotext/pdfinfo (poppler-utils, scripts/sysdeps.sh) are not installed")
    iid = start(db)
    fill_all(db, data_dir, iid, fail=("cold-store",))
    pesticide(db, iid)
    sign_both(db, iid)
    with db.session() as s:
        service.set_location_note(s, iid, "仓库 2 号门 · 冷库")  # a · has no glyph in STSong
        done = service.submit(
            s, data_dir, iid, actor="S-001", render_pdf=service.pdf_renderer(s, data_dir)
        )
        path = service.media_path(s, data_dir, done.pdf_sha or "")
    assert path is not None and path.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(next(ln.split()[-1] for ln in info.stdout.splitlines() if ln.startswith("Pages:")))
    assert pages >= 1
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(out.split())
    assert "崇明绿源蔬菜合作社" in flat and "仓库2号门|冷库" in flat
    for it in DEFAULT.items:
        assert "".join(it.text["zh_CN"].split())[:12] in flat, it.id
    assert done.record_hash in flat and "不合格" in flat  # a critical item failed
    assert "阴性" in flat  # the sample's verdict, with its short verification code
    with db.reader() as s:
        (sample,) = service.view(s, iid).samples
    assert sample.short_code and sample.short_code.replace("-", "") in flat.replace("-", "")


def test_a_submitted_inspection_is_refused_by_the_database(db: Database, data_dir: Path) -> None:
    iid = start(db)
    fill_all(db, data_dir, iid)
    sign_both(db, iid)
    with db.session() as s:
        service.submit(s, data_dir, iid, actor="S-001")
    with pytest.raises(InspectionError) as err, db.session() as s:
        service.answer(s, iid, "hyg-surfaces", "fail")
    assert err.value.code == "read_only"
    for sql in (
        "UPDATE inspections SET score = 1 WHERE id = :i",
        "DELETE FROM inspections WHERE id = :i",
        "UPDATE inspection_answers SET answer = 'fail' WHERE inspection_id = :i",
        "DELETE FROM inspection_answers WHERE inspection_id = :i",
        "INSERT INTO inspection_answers VALUES (:i, 'x', 'pass', '', '[]', '', "
        "'2026-01-01 00:00:00')",
    ):
        with pytest.raises(DatabaseError, match="read-only"), db.session() as s:
            s.execute(text(sql), {"i": iid})


def test_a_correction_is_a_new_version_pointing_to_the_old(db: Database, data_dir: Path) -> None:
    iid = start(db)
    fill_all(db, data_dir, iid, fail=("hyg-handwash",))
    sign_both(db, iid)
    with db.session() as s:
        first = service.submit(s, data_dir, iid, actor="S-001")
        nid = service.correct(s, iid, actor="S-001")
    with pytest.raises(InspectionError) as err, db.session() as s:
        service.correct(s, iid, actor="S-001")
    assert err.value.code == "already_corrected"
    with db.session() as s:
        v = service.view(s, nid)
        assert (v.version, v.supersedes, v.status, dict(v.signatures)) == (2, iid, "draft", {})
        assert v.answers["hyg-handwash"].answer == "fail"
        service.answer(s, nid, "hyg-handwash", "pass")
    sign_both(db, nid)
    with db.session() as s:
        second = service.submit(s, data_dir, nid, actor="S-001")
        old = service.view(s, iid)
    assert (second.verdict, first.verdict) == ("pass", "rectify")
    assert old.superseded_by == nid and old.answers["hyg-handwash"].answer == "fail"
    with db.reader() as s:
        payloads = [
            e.payload
            for e in s.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.type == "inspection.submitted")
                .order_by(OutboxEvent.seq)
            )
        ]
    assert [(p["inspection_id"], p["version"], p["supersedes"]) for p in payloads] == [
        (iid, 1, None),
        (nid, 2, iid),
    ]


def test_a_new_supplier_in_the_field(db: Database) -> None:
    with db.session() as s:
        sid = service.add_supplier(s, name=" 南汇桃园 ", address="浦东新区", actor="S-001")
        iid = service.start(s, supplier_id=sid, inspector_id="S-001")
        v = service.view(s, iid)
    assert (v.supplier_name, v.supplier_address) == ("南汇桃园", "浦东新区")
    with db.reader() as s:
        assert any(x.id == sid and x.local for x in service.suppliers(s))
    with pytest.raises(InspectionError), db.session() as s:
        service.add_supplier(s, name="  ", actor="S-001")


def test_synced_templates_are_offered_and_a_broken_one_is_skipped(db: Database) -> None:
    from kiosk.platform.inbound import apply_changes  # the real inbound path
    from kiosk.ports import Change

    with db.session() as s:
        apply_changes(
            s,
            [
                Change(
                    kind="checklist",
                    key="cold-only",
                    op="upsert",
                    data={
                        "id": "cold-only",
                        "name": "冷链专项",
                        "items": [
                            {
                                "id": "c1",
                                "section": "cold_chain",
                                "text": "冷库温度达标",
                                "critical": True,
                            }
                        ],
                    },
                ),
                Change(
                    kind="checklist", key="broken", op="upsert", data={"name": "坏的", "items": []}
                ),
            ],
        )
    with db.reader() as s:
        ids = [t.id for t in service.templates(s)]
    assert ids == ["cold-only", DEFAULT.id]
    sid = add_supplier(db)
    with db.session() as s:
        iid = service.start(s, supplier_id=sid, inspector_id="S-001", template_id="cold-only")
        assert [it.id for it in service.view(s, iid).items] == ["c1"]
        row = s.get(Inspection, iid)
        assert row is not None and row.data["template"]["id"] == "cold-only"


def test_an_instrument_reading_becomes_a_signed_sample(db: Database) -> None:
    from inspection_world import AT

    from kiosk.ports import Reading, ReadingKind, ReadingStatus

    iid = start(db)
    brix = Reading(ReadingKind.BRIX, 12.8, "%Brix", True, ReadingStatus.OK, b"BRX,12.8\r\n", AT)
    with db.session() as s:
        rid = service.take_sample(
            s,
            iid,
            brix,
            operator_id="S-001",
            product="草莓",
            instrument_model="SIM-BRIX/1",
            instrument_serial="BRX-1",
        )
        v = service.view(s, iid)
    (sample,) = v.samples
    assert (sample.reading_id, sample.kind, sample.value, sample.source) == (
        rid,
        "brix",
        12.8,
        "instrument",
    )
    assert sample.code is not None and sample.code.startswith("LKR1.")
    with db.session() as s:
        service.detach_reading(s, iid, rid)
        assert service.view(s, iid).samples == ()
