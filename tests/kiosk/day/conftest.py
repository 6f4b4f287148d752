"""The day store (a van of bags, a leader with ready orders) built once, copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("LINLI_FAST_PIN_HASH", "1")

from bench.day import DayStore, build_day_store
from kiosk.db import DB_FILENAME, Database


@pytest.fixture(scope="session")
def day_template(tmp_path_factory: pytest.TempPathFactory) -> DayStore:
    return build_day_store(tmp_path_factory.mktemp("day") / "data", bags=100, leader_orders=30)


@pytest.fixture
def day(day_template: DayStore, tmp_path: Path) -> DayStore:
    target = tmp_path / "data"
    shutil.copytree(day_template.data_dir, target)
    return replace(day_template, data_dir=target)


@pytest.fixture
def day_db(day: DayStore) -> Iterator[Database]:
    db = Database(day.data_dir / DB_FILENAME, migrate=False)
    yield db
    db.close()
