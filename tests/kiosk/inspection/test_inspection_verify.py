"""The report's verification code checked against the ledger, each failure with its own
message; and the `kiosk inspection` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inspection_world import add_supplier, fill_all, sign_both
from sqlalchemy import text

from kiosk.cli import run
from kiosk.db import Database
from kiosk.inspection import service
from kiosk.inspection.verify import check_code


def submitted(db: Database, *, pdf: bool = False) -> tuple[str, str]:
    data_dir = db.path.parent
    sid = add_supplier(db)
    with db.session() as s:
        iid = service.start(s, supplier_id=sid, inspector_id="S-001")
    fill_all(db, data_dir, iid, fail=("hyg-handwash",))
    sign_both(db, iid)
    with db.session() as s:
        done = service.submit(
            s,
            data_dir,
            iid,
            actor="S-001",
            render_pdf=service.pdf_renderer(s, data_dir) if pdf else None,
        )
    return iid, f"LKI1.{iid}.{done.record_hash}"


def test_a_good_code_verifies_and_each_bad_one_says_why(db: Database) -> None:
    iid, code = submitted(db)
    with db.reader() as s:
        ok = check_code(s, code)
        assert (ok.valid, ok.reason, ok.verdict) == (True, "valid", "rectify")
        other = code[:-4] + ("0000" if not code.endswith("0000") else "1111")
        assert check_code(s, other).reason == "hash_mismatch"
        assert check_code(s, "LKI1.INS-NOPE." + "a" * 64).reason == "unknown"
        assert check_code(s, "LKR1.abc.def").reason == "malformed"
        assert check_code(s, "hello").reason == "malformed"
        assert len({check_code(s, c).message for c in (code, other, "hello")}) == 3
    with db.session() as s:  # someone edits the ledger by hand: triggers off, score changed
        s.execute(text("DROP TRIGGER inspections_submitted_no_update"))
        s.execute(
            text(
                "UPDATE inspections SET data = json_set(data, '$.record.score', 100) WHERE id = :i"
            ),
            {"i": iid},
        )
    with db.reader() as s:
        assert check_code(s, code).reason == "record_altered"


def test_a_corrected_inspection_still_verifies_and_names_its_correction(db: Database) -> None:
    iid, code = submitted(db)
    with db.session() as s:
        nid = service.correct(s, iid, actor="S-001")
    with db.reader() as s:
        check = check_code(s, code)
    assert (check.valid, check.reason, check.superseded_by) == (True, "valid_superseded", nid)
    assert nid in check.message


def test_the_inspection_commands(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    iid, code = submitted(db, pdf=True)
    base = ["--data-dir", str(db.path.parent), "--json"]
    assert run([*base, "inspection", "verify", code], []) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True
    flipped = code[:-1] + ("1" if code.endswith("0") else "0")
    assert run([*base, "inspection", "verify", flipped], []) == 1
    assert json.loads(capsys.readouterr().out)["reason"] == "hash_mismatch"
    assert run([*base, "inspection", "list"], []) == 0
    (row,) = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    assert (row["inspection_id"], row["status"], row["verdict"]) == (iid, "submitted", "rectify")
    target = tmp_path / "report.pdf"
    assert run([*base, "inspection", "report", iid, "--out", str(target)], []) == 0
    assert target.read_bytes().startswith(b"%PDF")
