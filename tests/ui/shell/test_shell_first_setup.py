"""A new kiosk with nobody to log in offers enrollment by code on the login screen; once
the first sync brings the staff, their tiles appear."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk import settings as core_settings
from kiosk.context import KioskContext
from kiosk.db import Database
from kiosk.models import Staff, Store
from kiosk.ports import DeviceState, DeviceStatus, Enrollment
from kiosk.settings import Settings
from tests.ui.shell.test_shell_login import tap
from ui.app import UiApp, qt_app
from ui.qt import QPushButton


def test_enroll_from_the_login_screen_then_the_staff_appear(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    kiosk = KioskContext(data_dir=tmp_path, db=db)
    calls: list[tuple[str, str]] = []

    def enroll(server: str, code: str) -> Enrollment:
        calls.append((server, code))
        with db.session() as s:  # what the first sync brings
            s.add(Store(id="S1", name="幸福里"))
            s.flush()
            s.add(Staff(id="C1", store_id="S1", name="李*", role="clerk"))
        return Enrollment("D1", "S1", "token")

    kiosk.enroll = enroll
    ui = UiApp(kiosk, qt_app(), settings=Settings(), language="en")
    qtbot.addWidget(ui.window)
    ui.show()
    login = ui.window.login
    qtbot.waitUntil(login.setup.isVisible, timeout=5000)
    tap(qtbot, login.setup.button)
    assert login.setup.result.text() == "Enter the platform address first."
    login.setup.server.setText("https://platform.example")
    login.setup.code.setText("JOIN-42")
    tap(qtbot, login.setup.button)
    qtbot.waitUntil(lambda: "S1" in login.setup.result.text(), timeout=5000)
    assert calls == [("https://platform.example", "JOIN-42")]
    assert core_settings.load(tmp_path)[0].server_url == "https://platform.example"
    ui.ctx.hooks.sync_status_did_change.emit(DeviceStatus("sync", DeviceState.ONLINE))
    qtbot.waitUntil(
        lambda: (
            ui.window.findChild(QPushButton, "staff-C1") is not None and not login.setup.isVisible()
        ),
        timeout=5000,
    )
    ui.window.allow_close = True
    ui.shutdown()
