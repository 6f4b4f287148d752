"""Shared fixtures. Core tests get a real migrated SQLite database copied from a template."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings

from kiosk.db import DB_FILENAME, Database

# No per-example deadline (a loaded CI box is slow, not wrong). In CI the examples are
# derandomized, so a run's verdict does not depend on the luck of the draw; locally they vary.
settings.register_profile("linli", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "linli")


@pytest.fixture(scope="session")
def db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / DB_FILENAME
    Database(path).close()
    return path


@pytest.fixture
def db(db_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A fresh migrated database for one test (copied from the template: fast)."""
    target = tmp_path / "data" / DB_FILENAME
    target.parent.mkdir()
    shutil.copy(db_template, target)
    database = Database(target, migrate=False)
    yield database
    database.close()
