"""The day store (a van of 100 bags, a leader with 30 ready orders) built once per session
and copied per test: one definition for the counter-flow tests (tests/kiosk/day) and the
day screens' tests (tests/ui/day), so both test the same store."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("LINLI_FAST_PIN_HASH", "1")

from bench.day import DayStore, build_day_store


@pytest.fixture(scope="session")
def day_template(tmp_path_factory: pytest.TempPathFactory) -> DayStore:
    return build_day_store(tmp_path_factory.mktemp("day") / "data", bags=100, leader_orders=30)


@pytest.fixture
def day(day_template: DayStore, tmp_path: Path) -> DayStore:
    target = tmp_path / "data"
    shutil.copytree(day_template.data_dir, target)
    return replace(day_template, data_dir=target)
