"""A child confirming 1 000 pickups is SIGKILLed at random moments, several times over the
same database; after each kill the database opens, passes integrity_check, every picked-up
order has exactly one order.picked_up event (none has two, none is missing), the audit chain
verifies and the outbox seq has no gap. The last run is left to finish."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from ledger_world import _order, make_world
from sqlalchemy import select, text

from kiosk.db import DB_FILENAME, Database
from kiosk.ledger.audit import verify_chain
from kiosk.models import Order, OutboxEvent

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("ledger_crash_child.py")
N = 1000


def check_books(path: Path) -> tuple[int, int]:
    db = Database(path)
    try:
        with db.reader() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            picked = set(
                s.scalars(
                    select(Order.id).where(Order.status == "picked_up", Order.id.like("CR-%"))
                )
            )
            per_order = Counter(
                p["order_id"]
                for p in s.scalars(
                    select(OutboxEvent.payload).where(OutboxEvent.type == "order.picked_up")
                )
            )
            assert all(n == 1 for n in per_order.values()), "an order has two pickup events"
            assert set(per_order) == picked, "pickup without its event, or event without pickup"
            seqs = list(s.scalars(select(OutboxEvent.seq).order_by(OutboxEvent.seq)))
            assert seqs == list(range(1, len(seqs) + 1))
            assert verify_chain(s) == []
            ready = len(
                s.scalars(
                    select(Order.id).where(Order.status == "ready", Order.id.like("CR-%"))
                ).all()
            )
        return len(picked), ready
    finally:
        db.close()


@pytest.mark.slow
def test_sigkill_never_loses_or_doubles_a_pickup(db: Database) -> None:
    lines = [{"sku": "MILK", "name": "鲜牛奶", "qty": 1, "unit": "盒", "price_cents": 300}]
    make_world(
        db,
        extra_orders=[
            _order(f"CR-{i:04d}", "ready", f"{300000 + i}", lines=lines) for i in range(N)
        ],
    )
    path = db.path
    db.close()
    rng = random.Random(20261125)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    picked_before = 0
    kills = 0
    for run in range(6):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path.parent)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().startswith("READY")
        last = run == 5
        if not last:
            # Kill after a random number of commits (plus a little jitter so the kill lands
            # anywhere inside the next transaction), not after a wall-clock delay: on a fast
            # machine a delay could let the child finish, on a slow one it could kill at READY.
            # 5 runs x at most 150 commits < N, so every one of these runs is killed mid-write.
            target = rng.randint(1, 150)
            for _ in range(target):
                assert child.stdout.readline().startswith("PICKED")
            time.sleep(rng.uniform(0, 0.02))
            assert child.poll() is None
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.communicate(timeout=120)
        picked, ready = check_books(path)
        assert picked >= picked_before and picked + ready == N
        picked_before = picked
        print(f"run {run}: {picked} picked up, {ready} ready")
    assert kills == 5
    assert picked_before == N and path.name == DB_FILENAME
