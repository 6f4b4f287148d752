"""Fixtures of the pickup screen tests (the rig lives in pickup_rig.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pickup_rig import Counter, make_counter
from pytestqt.qtbot import QtBot

from kiosk.db import Database


@pytest.fixture
def counter(qtbot: QtBot, db: Database) -> Iterator[Counter]:
    c = make_counter(qtbot, db)
    yield c
    c.ctx.tasks.shutdown()
