"""Child process of the crash test: confirms every ready order, one transaction each.

Usage: python ledger_crash_child.py DATA_DIR. Prints READY once the database is open so the
parent kills it while it is writing, not while importing, then one line per committed pickup
so the parent can kill it after a chosen amount of progress whatever the machine's speed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from kiosk.db import DB_FILENAME, Database
from kiosk.models import Order
from kiosk.services.pickup import confirm_pickup


def main(data_dir: str) -> int:
    db = Database(Path(data_dir) / DB_FILENAME)
    with db.reader() as s:
        todo = list(
            s.scalars(
                select(Order.id)
                .where(Order.status == "ready", Order.id.like("CR-%"))
                .order_by(Order.id)
            )
        )
    print("READY", len(todo), flush=True)
    for oid in todo:
        confirm_pickup(db, oid, staff_id="C1", method="qr")
        print("PICKED", oid, flush=True)
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
