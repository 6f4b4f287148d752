"""Inspection commands: `kiosk inspection list`, `kiosk inspection verify CODE` (the report's
QR, checked against this kiosk's ledger; exit 1 when it does not verify) and
`kiosk inspection report ID --out FILE` (a copy of the submitted report PDF)."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from kiosk.cli import add_command, add_group, data_dir, emit, fail


def register(sub: Any) -> None:
    """Add `kiosk inspection …` to the `kiosk` parser."""
    group = add_group(sub, "inspection", "supplier inspections (飞行检查): list, verify, report")
    add_command(group, "list", _list, "inspections in this kiosk's ledger, newest first")
    p = add_command(group, "verify", _verify, "check a report's verification code (LKI1.…)")
    p.add_argument("code")
    p = add_command(group, "report", _report, "write a submitted inspection's PDF report")
    p.add_argument("inspection_id")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")


def _db(args: argparse.Namespace) -> Any:
    from kiosk.db import open_database

    return open_database(data_dir(args))


def _list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from kiosk.models import Inspection, Supplier

    db = _db(args)
    try:
        with db.reader() as s:
            for row in s.scalars(select(Inspection).order_by(Inspection.started_at.desc())):
                supplier = s.get(Supplier, row.supplier_id)
                obj = {
                    "inspection_id": row.id,
                    "supplier_id": row.supplier_id,
                    "supplier": supplier.name if supplier else "",
                    "status": row.status,
                    "score": row.score,
                    "verdict": row.verdict,
                    "version": (row.data or {}).get("version", 1),
                    "started_at": row.started_at.isoformat(),
                }
                emit(
                    args,
                    obj,
                    f"{row.id}  {obj['supplier']}  {row.status}  "
                    f"{row.verdict or '-'}  {row.score if row.score is not None else '-'}",
                )
    finally:
        db.close()
    return 0


def _verify(args: argparse.Namespace) -> int:
    from kiosk.inspection.verify import check_code

    db = _db(args)
    try:
        with db.reader() as s:
            result = check_code(s, args.code)
    finally:
        db.close()
    emit(args, result.to_json(), result.message)
    return 0 if result.valid else 1


def _report(args: argparse.Namespace) -> int:
    from kiosk.inspection import service
    from kiosk.inspection.service import InspectionError

    db = _db(args)
    try:
        with db.reader() as s:
            try:
                v = service.view(s, args.inspection_id)
            except InspectionError as exc:
                return fail(str(exc))
            path = service.media_path(s, data_dir(args), v.pdf_sha) if v.pdf_sha else None
    finally:
        db.close()
    if path is None or not path.is_file():
        return fail(f"Inspection {args.inspection_id} has no report (not submitted yet?).")
    shutil.copyfile(path, args.out)
    emit(
        args,
        {"inspection_id": v.id, "file": str(args.out), "bytes": args.out.stat().st_size},
        f"{args.out} ({args.out.stat().st_size} bytes)",
    )
    return 0
