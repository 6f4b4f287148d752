"""Child of the receipt-crash test: confirms one pickup through the real flow and the real
print queue, and dies (os._exit, no cleanup, no commit) right after the receipt's row was
written. Usage: python pickup_receipt_crash_child.py DATA_DIR TOKEN STORE_ID"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import kiosk.printing.queue as queue_module
from kiosk.db import DB_FILENAME, Database
from kiosk.flows.pickup import PickupFlow
from kiosk.printing.queue import PrintQueue, SlipQueue

real_enqueue_in = queue_module.enqueue_in


def enqueue_then_die(*args: Any, **kwargs: Any) -> str:
    real_enqueue_in(*args, **kwargs)
    os._exit(9)  # power cut: the receipt row is written, nothing after it runs


def main(data_dir: str, token: str, store_id: str) -> int:
    db = Database(Path(data_dir) / DB_FILENAME)
    queue_module.enqueue_in = enqueue_then_die
    flow = PickupFlow(db, staff_id="C1", store_id=store_id, receipts=SlipQueue(PrintQueue(db)))
    flow.scan(token)
    flow.confirm(flow.ticket)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
