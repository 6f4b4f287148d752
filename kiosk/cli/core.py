"""Core commands: demo-data, verify, pickup, audit verify.

Exit codes: 0 when the command did its job — for `verify` and `pickup` that means a verdict
was delivered, whatever it is (a `forged` verdict is a correct answer, not a failure);
1 when it could not (bad arguments, ambiguous code, broken audit chain).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kiosk.cli import add_command, add_group, data_dir, emit, fail
from kiosk.db import Database, open_database
from kiosk.platform.identity import get_identity
from kiosk.verification.verdicts import VerdictName


def register(sub: Any) -> None:
    """Add the core commands to the `kiosk` parser."""
    p = add_command(sub, "demo-data", _demo_data, "build a realistic demo store in the data dir")
    p.add_argument("--orders", type=int, default=60, help="number of orders (default 60)")
    p.add_argument("--seed", type=int, default=None, help="random seed (repeatable data)")
    p = add_command(sub, "verify", _verify, "check a pickup token or code; changes nothing")
    p.add_argument("token", help="LK1 token, 6-digit pickup code or 4-digit phone tail")
    p = add_command(sub, "pickup", _pickup, "confirm a whole pickup when the verdict is ready")
    p.add_argument("token", help="LK1 token or 6-digit pickup code")
    p.add_argument("--staff", default=None, help="staff id confirming (default: system)")
    audit = add_group(sub, "audit", "audit log commands")
    add_command(audit, "verify", _audit_verify, "check the audit hash chain")


def ensure_demo_store(path: Path) -> None:
    """Build the demo store in `path` unless the kiosk database there already has a store."""
    from kiosk.demo import build_demo
    from kiosk.models import Store

    db = open_database(path)
    try:
        with db.reader() as s:
            if s.scalars(select(Store.id)).first() is not None:
                return
        build_demo(db, path)
    finally:
        db.close()


def _demo_data(args: argparse.Namespace) -> int:
    from kiosk.demo import build_demo

    if args.orders < 1:
        return fail("--orders must be at least 1")
    if args.orders < 8:
        print(
            "note: the demo needs at least 8 orders (one of each kind); making 8", file=sys.stderr
        )
    path = data_dir(args)
    db = open_database(path)
    try:
        demo = build_demo(db, path, orders=args.orders, seed=args.seed)
    finally:
        db.close()
    counts = {k: len(v) for k, v in demo.manifest["orders"].items()}
    obj = {
        "store_id": demo.store_id,
        "key_id": demo.key_id,
        "enrollment_code": demo.enrollment_code,
        "manifest": str(demo.directory / "manifest.json"),
        "orders": counts,
        "pins": demo.pins,
    }
    lines = [
        f"Demo store {demo.store_id} written to {path}",
        f"  manifest: {demo.directory / 'manifest.json'}",
        f"  signing key: {demo.directory / 'signing-key.pem'}",
        f"  enrollment code: {demo.enrollment_code}",
        f"  orders: {counts}",
        "  staff and leader PINs (shown only now):",
    ]
    lines += [f"    {who}: {pin}" for who, pin in demo.pins.items()]
    emit(args, obj, "\n".join(lines))
    return 0


def _store_id(db: Database) -> str:
    with db.session() as s:
        return get_identity(s).store_id


def _verify(args: argparse.Namespace) -> int:
    from kiosk.verification.classify import classify_and_verify

    db = open_database(data_dir(args))
    try:
        result = classify_and_verify(db, args.token, _store_id(db))
    finally:
        db.close()
    v = result.verdict
    obj = v.as_dict()
    if len(result.candidates) > 1:
        obj["candidates"] = [c.order_id for c in result.candidates]
    emit(args, obj, f"{v.verdict}  {v.order_id or '-'}  {v.message}")
    return 0


def _pickup(args: argparse.Namespace) -> int:
    from kiosk.services.pickup import confirm_pickup
    from kiosk.verification.classify import classify_and_verify

    db = open_database(data_dir(args))
    try:
        result = classify_and_verify(db, args.token, _store_id(db))
        v = result.verdict
        if result.kind == "phone":
            return fail("a phone tail can match several orders: use `kiosk verify` to list them")
        if len(result.candidates) > 1:
            return fail(
                f"pickup code {args.token} matches {len(result.candidates)} orders on "
                "the shelf; scan the QR code instead"
            )
        event_id: str | None = None
        if v.verdict == VerdictName.READY and v.order_id:
            method = "qr" if result.kind == "token" else "code"
            event_id = confirm_pickup(db, v.order_id, staff_id=args.staff, method=method).event_id
    finally:
        db.close()
    obj = {"verdict": v.verdict, "order_id": v.order_id, "event_id": event_id}
    text = (
        f"picked up {v.order_id} (event {event_id})"
        if event_id
        else f"not confirmed: {v.verdict}  {v.order_id or '-'}  {v.message}"
    )
    emit(args, obj, text)
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from kiosk.ledger.audit import verify_chain
    from kiosk.models import AuditEntry

    db = open_database(data_dir(args))
    try:
        with db.reader() as s:
            problems = verify_chain(s)
            total = len(s.scalars(select(AuditEntry.id)).all())
    finally:
        db.close()
    obj = {
        "ok": not problems,
        "entries": total,
        "problems": [{"entry_id": p.entry_id, "problem": p.problem} for p in problems],
    }
    if problems:
        text = f"audit chain BROKEN ({len(problems)} problem(s)):\n" + "\n".join(
            f"  entry {p.entry_id}: {p.words}" for p in problems
        )
    else:
        text = f"audit chain ok ({total} entries)"
    emit(args, obj, text)
    return 1 if problems else 0
