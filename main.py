"""The only module that imports all four packages: builds the real database, drivers and sync
client, hands them to the UI and assembles the one `kiosk` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

import drivers.cli
import sync.cli
from kiosk.cli import add_command, data_dir, run


def _run_gui(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from kiosk.context import KioskContext
    from kiosk.db import open_database
    from kiosk.models import Store
    from ui.app import run_app

    path = data_dir(args)
    db = open_database(path)
    with db.reader() as s:
        has_store = s.scalars(select(Store)).first() is not None
    if not has_store and args.demo:
        from kiosk.cli.core import ensure_demo_store

        db.close()
        ensure_demo_store(path)
        db = open_database(path)
    ctx = KioskContext(data_dir=path, db=db, demo=bool(args.demo))
    return run_app(ctx, language=args.lang)


def register(sub: Any) -> None:
    p = add_command(sub, "run", _run_gui, "start the kiosk GUI")
    p.add_argument("--demo", action="store_true", help="demo data and simulated devices")
    p.add_argument("--lang", default="zh_CN", help="UI language (zh_CN default, en for English)")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        args = ["run", "--demo"]
    return run(args, [drivers.cli.register, sync.cli.register, register])


if __name__ == "__main__":
    sys.exit(main())
