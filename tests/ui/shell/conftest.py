"""A real demo store (real SQLite, real argon2 PINs with the cheap test hasher) and the real
shell (`ui.app.UiApp`: hooks, session, scan router, window) for the shell's tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("LINLI_FAST_PIN_HASH", "1")

from kiosk.cli.core import ensure_demo_store
from kiosk.context import KioskContext
from kiosk.db import DB_FILENAME, Database
from kiosk.settings import Settings
from ui.app import UiApp, install_translator, qt_app

PINS = {"S-001": "1111", "S-002": "2222", "S-003": "3333", "S-004": "4444"}
CLERK, MANAGER = "S-001", "S-002"


@pytest.fixture(scope="session")
def shell_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kiosk.db import open_database
    from kiosk.models import Staff
    from kiosk.staff import hash_pin

    path = tmp_path_factory.mktemp("shell") / "data"
    ensure_demo_store(path)
    db = open_database(path)
    with db.session() as s:
        for staff_id, pin in PINS.items():
            staff = s.get(Staff, staff_id)
            assert staff is not None
            staff.pin_hash = hash_pin(pin)
    db.close()
    return path


@pytest.fixture
def kiosk(shell_template: Path, tmp_path: Path) -> Iterator[KioskContext]:
    target = tmp_path / "data"
    shutil.copytree(shell_template, target)
    db = Database(target / DB_FILENAME, migrate=False)
    ctx = KioskContext(data_dir=target, db=db, store_id="")
    yield ctx
    db.close()


@pytest.fixture
def make_shell(qtbot: QtBot, kiosk: KioskContext) -> Iterator[Callable[..., UiApp]]:
    """`make_shell(settings=..., language="en", login=None)` → a shown UiApp."""
    made: list[UiApp] = []

    def make(
        settings: Settings | None = None,
        language: str = "en",
        login: str | None = None,
        screens: list[type] | None = None,
    ) -> UiApp:
        if login is not None:
            kiosk.demo, kiosk.staff_id = True, login
        ui = UiApp(
            kiosk, qt_app(), settings=settings or Settings(), language=language, screens=screens
        )
        made.append(ui)
        qtbot.addWidget(ui.window)
        ui.window.resize(1366, 768)
        ui.show()
        return ui

    yield make
    for ui in made:
        ui.window.allow_close = True
        ui.shutdown()
    install_translator(qt_app(), "en")
