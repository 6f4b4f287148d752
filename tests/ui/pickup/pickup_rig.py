"""(Imported by conftest and the tests.) A pickup screen on a real migrated ledger (the ledger tests' small store), with the real
print queue, task manager, hooks, settings and clerk session."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "kiosk"))  # ledger_world

from ledger_world import World, make_world
from sqlalchemy import select

from kiosk.context import KioskContext
from kiosk.db import Database
from kiosk.models import Order, OutboxEvent
from kiosk.models.printing import PrintJob
from kiosk.ports import ScanEvent, ScanSource, utcnow
from kiosk.printing.queue import PrintQueue, SlipQueue
from kiosk.session import ClerkSession
from kiosk.settings import Settings
from ui.context import UiContext
from ui.hooks import Hooks
from ui.pickup.screen import PickupScreen
from ui.tasks import TaskManager


@dataclass
class Counter:
    world: World
    ctx: UiContext
    screen: PickupScreen
    qtbot: QtBot

    @property
    def db(self) -> Database:
        return self.world.db

    def settle(self, drawn: int) -> None:
        self.qtbot.waitUntil(
            lambda: self.screen.pending_ops == 0 and self.screen.drawn > drawn, timeout=5000
        )

    def scan(self, text: str) -> None:
        drawn = self.screen.drawn
        self.screen.on_scan(ScanEvent(text, ScanSource.WEDGE, utcnow()))
        self.settle(drawn)

    def do(self, action: object) -> None:
        drawn = self.screen.drawn
        action()  # type: ignore[operator]
        self.settle(drawn)

    def status(self, oid: str) -> str:
        with self.db.reader() as s:
            o = s.get(Order, oid)
            assert o is not None
            return o.status

    def events(self, kind: str = "order.picked_up") -> list[OutboxEvent]:
        with self.db.reader() as s:
            return list(s.scalars(select(OutboxEvent).where(OutboxEvent.type == kind)))

    def jobs(self) -> list[PrintJob]:
        with self.db.reader() as s:
            return list(s.scalars(select(PrintJob)))


def make_counter(
    qtbot: QtBot, db: Database, settings: Settings | None = None, staff: str = "C1"
) -> Counter:
    world = make_world(db)
    settings = settings or Settings(sounds=False, speech=False)
    kiosk = KioskContext(
        data_dir=db.path.parent,
        db=db,
        store_id="ST1",
        receipts=SlipQueue(PrintQueue(db)),
        settings=settings,
    )
    session = ClerkSession(db)
    assert session.login_as(staff).ok
    ctx = UiContext(
        kiosk=kiosk, tasks=TaskManager(), hooks=Hooks(), settings=settings, session=session
    )
    screen = PickupScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 680)
    screen.show()
    return Counter(world, ctx, screen, qtbot)
