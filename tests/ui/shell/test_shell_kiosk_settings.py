"""Kiosk mode (only a manager PIN leaves it), one instance per data dir, the settings screen
(validation in plain words, settings.toml written and read back), the language switch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk import settings as core_settings
from kiosk.platform.identity import get_setting
from kiosk.settings import Settings
from tests.ui.shell.conftest import CLERK, MANAGER, PINS
from tests.ui.shell.test_shell_login import tap
from ui.app import UiApp
from ui.qt import QApplication, QCheckBox, QComboBox, QLineEdit, QPushButton
from ui.settings.screen import SettingsScreen
from ui.shell.instance import acquire_instance_lock
from ui.shell.kiosk_mode import ManagerPinDialog

MakeShell = Callable[..., UiApp]


def pin_dialog(qtbot: QtBot, ui: UiApp) -> ManagerPinDialog:
    qtbot.waitUntil(
        lambda: (
            isinstance(getattr(ui.window, "pin_dialog", None), ManagerPinDialog)
            and ui.window.pin_dialog.isVisible()
        ),
        timeout=5000,
    )
    dialog: ManagerPinDialog = ui.window.pin_dialog
    return dialog


def enter(qtbot: QtBot, dialog: ManagerPinDialog, staff_id: str, pin: str) -> None:
    panel = dialog.panel
    button = dialog.findChild(QPushButton, f"staff-{staff_id}")
    if button is not None:
        qtbot.waitUntil(button.isVisible, timeout=5000)
        tap(qtbot, button)
    for digit in pin:
        tap(qtbot, panel.pad.keys[digit])
    panel.busy = False
    tap(qtbot, panel.pad.ok)
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)


def test_kiosk_mode_is_fullscreen_and_only_a_manager_pin_leaves_it(
    qtbot: QtBot, make_shell: MakeShell
) -> None:
    ui = make_shell(settings=Settings(kiosk_mode=True), login=CLERK)
    window = ui.window
    assert window.kiosk_locked and window.isFullScreen()
    assert window.nav.leave_kiosk.isVisible()
    window.close()
    assert window.isVisible(), "closing is refused in kiosk mode"
    dialog = pin_dialog(qtbot, ui)
    cards = {c.staff_id for c in dialog.panel.cards}
    qtbot.waitUntil(lambda: bool(dialog.panel.cards), timeout=5000)
    assert {c.role for c in dialog.panel.cards} == {"manager"}, cards
    enter(qtbot, dialog, MANAGER, "0000")
    assert window.kiosk_locked and "PIN" in dialog.panel.message.text()
    assert ui.ctx.session.staff_id == CLERK, "checking a PIN logs nobody in or out"
    enter(qtbot, dialog, MANAGER, PINS[MANAGER])
    qtbot.waitUntil(lambda: not window.kiosk_locked, timeout=5000)
    assert not window.isFullScreen()
    assert ui.ctx.session.staff_id == CLERK
    window.close()
    assert not window.isVisible()


def test_a_clerk_pin_does_not_leave_kiosk_mode(qtbot: QtBot, make_shell: MakeShell) -> None:
    ui = make_shell(settings=Settings(kiosk_mode=True), login=CLERK)
    tap(qtbot, ui.window.nav.leave_kiosk)
    dialog = pin_dialog(qtbot, ui)
    qtbot.waitUntil(lambda: bool(dialog.panel.cards), timeout=5000)
    dialog.panel.select(type(dialog.panel.cards[0])(CLERK, "王*芳", "clerk"))
    enter(qtbot, dialog, CLERK, PINS[CLERK])
    assert ui.window.kiosk_locked
    assert dialog.panel.message.text() == "Only a manager can do this."


def test_one_kiosk_per_data_dir(tmp_path: Path) -> None:
    first = acquire_instance_lock(tmp_path)
    assert first is not None
    assert acquire_instance_lock(tmp_path) is None, "a second kiosk on the same data dir"
    first.unlock()
    again = acquire_instance_lock(tmp_path)
    assert again is not None
    again.unlock()


def settings_screen(ui: UiApp) -> SettingsScreen:
    assert ui.window.show_screen("settings")
    screen = ui.window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    return screen


def test_settings_refuse_bad_values_in_plain_words_and_write_nothing(
    qtbot: QtBot, make_shell: MakeShell
) -> None:
    ui = make_shell(login=MANAGER, language="zh_CN")
    screen = settings_screen(ui)
    editors = screen.editors
    line = editors["idle_lock_min"]
    assert isinstance(line, QLineEdit)
    line.setText("abc")
    uri = editors["printer_uri"]
    assert isinstance(uri, QLineEdit)
    uri.setText("lpt1")
    gap = editors["scanner_end_pause_ms"]
    assert isinstance(gap, QLineEdit)
    gap.setText("99999")
    tap(qtbot, screen.save_button)
    shown = {
        name: label.text() for name, label in screen.problem_labels.items() if not label.isHidden()
    }
    assert set(shown) == {"idle_lock_min", "printer_uri", "scanner_end_pause_ms"}
    assert "0 到 2000" in shown["scanner_end_pause_ms"]
    assert "tcp://" in shown["printer_uri"]
    for text in shown.values():
        assert "range" not in text and "type" not in text
    assert not core_settings.path_in(ui.ctx.kiosk.data_dir).exists()


def test_settings_save_to_toml_apply_and_read_back(qtbot: QtBot, make_shell: MakeShell) -> None:
    ui = make_shell(login=MANAGER)
    screen = settings_screen(ui)
    seen: list[object] = []
    ui.ctx.hooks.settings_did_change.connect(seen.append)
    editors = screen.editors
    idle = editors["idle_lock_min"]
    policy = editors["receipt_policy"]
    speech = editors["speech"]
    assert isinstance(idle, QLineEdit) and isinstance(policy, QComboBox)
    assert isinstance(speech, QCheckBox)
    idle.setText("12")
    undo = editors["reversal_window_min"]
    assert isinstance(undo, QLineEdit)
    undo.setText("15")
    policy.setCurrentIndex(policy.findData("ask"))
    speech.setChecked(False)
    tap(qtbot, screen.save_button)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    loaded, problems = core_settings.load(ui.ctx.kiosk.data_dir)
    assert problems == []
    assert (loaded.idle_lock_min, loaded.receipt_policy, loaded.speech) == (12, "ask", False)
    assert seen[0] == loaded and ui.ctx.settings == loaded
    assert ui.ctx.session.idle_lock_min == 12 and ui.window.idle.interval() == 12 * 60_000
    with ui.ctx.kiosk.db.reader() as s:
        assert get_setting(s, "pickup_reverse_window_min") == 15, "the core's undo window too"


def test_enrollment_by_code_on_screen(qtbot: QtBot, make_shell: MakeShell) -> None:
    calls: list[tuple[str, str]] = []

    def enroll(server: str, code: str) -> object:
        from kiosk.ports import Enrollment

        calls.append((server, code))
        return Enrollment("DEV-1", "STORE-9", "token")

    ui = make_shell(login=MANAGER)
    ui.ctx.kiosk.enroll = enroll
    screen = settings_screen(ui)
    tap(qtbot, screen.enroll_button)
    assert screen.enroll_result.text() == "Enter the platform address first."
    server = screen.editors["server_url"]
    assert isinstance(server, QLineEdit)
    server.setText("https://platform.example")
    screen.enroll_code.setText("ABCD-1234")
    tap(qtbot, screen.enroll_button)
    qtbot.waitUntil(lambda: "STORE-9" in screen.enroll_result.text(), timeout=5000)
    assert calls == [("https://platform.example", "ABCD-1234")]
    assert "kiosk enroll" not in screen.enroll_result.text()


def test_language_switch_redraws_every_screen(qtbot: QtBot, make_shell: MakeShell) -> None:
    ui = make_shell(login=MANAGER, language="zh_CN")
    assert ui.window.nav.buttons["pickup"].text().startswith("取货")
    old = ui.window
    ui.ctx.hooks.settings_did_change.emit(ui.ctx.settings.with_changes(language="en"))
    assert ui.window is not old
    qtbot.addWidget(ui.window)
    assert ui.window.nav.buttons["pickup"].text().startswith("Pickup")
    assert ui.ctx.session.staff_id == MANAGER, "the clerk stays logged in"
    assert ui.window.current_id is not None
    assert QApplication.translate("shell", "Lock") == "Lock"


def test_self_service_has_no_way_out_without_a_staff_pin(
    qtbot: QtBot, make_shell: MakeShell
) -> None:
    ui = make_shell(settings=Settings(self_service=True, idle_lock_min=1), login=CLERK)
    window = ui.window
    assert window.current_id == "pickup"
    assert window.nav.isHidden(), "no navigation on the customer's screen"
    assert not window.show_screen("checkin")
    window.shortcuts["F2"].activated.emit()
    assert window.current_id == "pickup", "no shortcut out either"
    assert not window.idle.isActive(), "the customer's screen never drops to the login"
    staff = window.status_bar.staff
    tap(qtbot, staff)
    dialog = pin_dialog(qtbot, ui)
    qtbot.waitUntil(lambda: len(dialog.panel.cards) == 4, timeout=5000)
    enter(qtbot, dialog, CLERK, "0000")
    assert window.nav.isHidden()
    enter(qtbot, dialog, CLERK, PINS[CLERK])
    qtbot.waitUntil(lambda: not window.nav.isHidden(), timeout=5000)
    assert window.show_screen("checkin")
    tap(qtbot, staff)  # back to self-service
    assert window.nav.isHidden() and window.current_id == "pickup"
