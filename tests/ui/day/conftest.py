"""A UiContext on the day store (a van of 100 bags, a leader with 30 ready orders) for the
day screens, shown in a plain window (the shell is not needed to test a screen). The store
itself is tests/kiosk/day/day_fixtures.py, shared with the counter-flow tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.day import DayStore
from kiosk.context import KioskContext
from kiosk.db import DB_FILENAME, Database
from kiosk.session import ClerkSession
from kiosk.settings import Settings
from tests.kiosk.day.day_fixtures import day as day, day_template as day_template
from ui.context import UiContext
from ui.hooks import Hooks
from ui.tasks import TaskManager


class Sheets:
    """Records what would print (the real queue is tested with the printing area)."""

    def __init__(self) -> None:
        self.checkin: list[str] = []
        self.handover: list[str] = []
        self.receipts: list[str] = []
        self.shift: list[str] = []

    def enqueue_checkin_sheet(self, batch_id: str) -> None:
        self.checkin.append(batch_id)

    def enqueue_handover_slip(self, handover_id: str) -> None:
        self.handover.append(handover_id)

    def enqueue_receipt(self, order_id: str) -> None:
        self.receipts.append(order_id)

    def enqueue_shift_report(self, shift_id: str) -> None:
        self.shift.append(shift_id)


@pytest.fixture
def ui_ctx(day: DayStore) -> Iterator[UiContext]:
    db = Database(day.data_dir / DB_FILENAME, migrate=False)
    kiosk = KioskContext(data_dir=day.data_dir, db=db, store_id=day.store_id, demo=True)
    kiosk.receipts = Sheets()
    session = ClerkSession(db)
    assert session.login_as(day.clerk_id).ok
    tasks = TaskManager()
    ctx = UiContext(kiosk=kiosk, tasks=tasks, hooks=Hooks(), settings=Settings(), session=session)
    yield ctx
    tasks.shutdown()
    db.close()
