"""The day store (tests/kiosk/day/day_fixtures.py), copied per test, and its database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.day import DayStore
from kiosk.db import DB_FILENAME, Database
from tests.kiosk.day.day_fixtures import day as day, day_template as day_template


@pytest.fixture
def day_db(day: DayStore) -> Iterator[Database]:
    db = Database(day.data_dir / DB_FILENAME, migrate=False)
    yield db
    db.close()
