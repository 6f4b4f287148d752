"""Login on the touch pad, lockout in plain words, switch clerk in two taps, badge login,
idle lock and role-aware navigation, on the real shell and a real demo ledger."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from kiosk.context import KioskContext
from kiosk.platform.identity import put_setting
from kiosk.ports import ScanEvent, ScanSource, utcnow
from kiosk.settings import Settings
from tests.ui.shell.conftest import CLERK, MANAGER, PINS
from ui.app import UiApp
from ui.qt import QPushButton, Qt
from ui.shell.window import ShellWindow

MakeShell = Callable[..., UiApp]


def tap(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tile(window: ShellWindow, staff_id: str) -> QPushButton:
    button = window.findChild(QPushButton, f"staff-{staff_id}")
    assert button is not None
    return button


def type_pin(qtbot: QtBot, window: ShellWindow, pin: str) -> None:
    pad = window.login.panel.pad
    for digit in pin:
        tap(qtbot, pad.keys[digit])
    tap(qtbot, pad.ok)


def wait_tiles(qtbot: QtBot, window: ShellWindow) -> None:
    def shown() -> bool:
        button = window.findChild(QPushButton, f"staff-{CLERK}")
        return button is not None and button.isVisible()

    qtbot.waitUntil(shown, timeout=5000)


def test_locked_shell_logs_in_with_taps_on_the_pad(qtbot: QtBot, make_shell: MakeShell) -> None:
    ui = make_shell()
    window = ui.window
    assert window.current_id is None and window.stack.currentWidget() is window.login
    assert window.nav.buttons == {}, "nothing to navigate to before a login"
    wait_tiles(qtbot, window)
    tap(qtbot, tile(window, CLERK))
    type_pin(qtbot, window, PINS[CLERK])
    qtbot.waitUntil(lambda: window.current_id == "pickup", timeout=5000)
    clerk = ui.ctx.session.clerk
    assert clerk is not None and clerk.staff_id == CLERK
    assert "settings" not in window.nav.buttons, "a clerk does not see the settings"
    assert not window.show_screen("settings")


def test_wrong_pins_lock_out_in_plain_words_and_a_right_pin_then_waits(
    qtbot: QtBot, make_shell: MakeShell
) -> None:
    ui = make_shell(language="zh_CN")
    window = ui.window
    wait_tiles(qtbot, window)
    tap(qtbot, tile(window, CLERK))
    message = window.login.panel.message
    type_pin(qtbot, window, "9999")
    qtbot.waitUntil(lambda: "再错 4 次" in message.text(), timeout=5000)
    for _ in range(4):
        window.login.panel.busy = False
        type_pin(qtbot, window, "9999")
        qtbot.waitUntil(lambda: not window.login.panel.busy, timeout=5000)
    assert "已锁定 5 分钟" in message.text(), message.text()
    type_pin(qtbot, window, PINS[CLERK])
    qtbot.waitUntil(lambda: not window.login.panel.busy, timeout=5000)
    assert ui.ctx.session.clerk is None, "the right PIN is refused while locked out"
    assert "锁定" in message.text()
    assert not any(c.isascii() and c.isalpha() for c in message.text()), message.text()
    window.lock()  # the tiles are drawn again: the locked clerk's says so
    qtbot.waitUntil(lambda: "暂时锁定" in tile(window, CLERK).text(), timeout=5000)


def test_switch_clerk_is_two_taps_then_the_pin(qtbot: QtBot, make_shell: MakeShell) -> None:
    ui = make_shell(login=CLERK)
    window = ui.window
    qtbot.waitUntil(lambda: window.current_id == "pickup", timeout=5000)
    taps = 0
    tap(qtbot, window.nav.clerk)
    taps += 1
    wait_tiles(qtbot, window)
    assert window.login.back.isVisible(), "a clerk who changes their mind goes back"
    tap(qtbot, tile(window, MANAGER))
    taps += 1
    assert taps == 2 and window.login.panel.pad.isEnabled()
    type_pin(qtbot, window, PINS[MANAGER])
    qtbot.waitUntil(
        lambda: ui.ctx.session.staff_id == MANAGER and window.current_id is not None, timeout=5000
    )
    assert "settings" in window.nav.buttons, "a manager sees the settings"
    assert window.show_screen("settings")


def test_a_wrong_pin_while_switching_keeps_the_clerk(qtbot: QtBot, make_shell: MakeShell) -> None:
    ui = make_shell(login=CLERK)
    window = ui.window
    tap(qtbot, window.nav.clerk)
    wait_tiles(qtbot, window)
    tap(qtbot, tile(window, MANAGER))
    type_pin(qtbot, window, "0000")
    qtbot.waitUntil(lambda: window.login.panel.message.text() != "", timeout=5000)
    assert ui.ctx.session.staff_id == CLERK
    tap(qtbot, window.login.back)
    assert window.current_id == "pickup"


def test_a_staff_badge_scan_logs_in(qtbot: QtBot, make_shell: MakeShell) -> None:
    ui = make_shell()
    with ui.ctx.kiosk.db.session() as s:
        put_setting(s, "staff_badges", {"STAFF-BADGE-7": MANAGER})
    window = ui.window
    scan = ScanEvent("STAFF-BADGE-7", ScanSource.WEDGE, utcnow())
    ui.ctx.hooks.scan_did_arrive.emit(scan)
    qtbot.waitUntil(lambda: ui.ctx.session.staff_id == MANAGER, timeout=5000)
    qtbot.waitUntil(lambda: window.current_id == "pickup", timeout=5000)
    ui.window.lock()
    ui.ctx.hooks.scan_did_arrive.emit(ScanEvent("NOT-A-BADGE", ScanSource.WEDGE, utcnow()))
    qtbot.waitUntil(lambda: "badge" in window.login.panel.message.text(), timeout=5000)
    assert ui.ctx.session.clerk is None


def test_idle_time_locks_the_counter(qtbot: QtBot, make_shell: MakeShell) -> None:
    now = [utcnow()]
    ui = make_shell(settings=Settings(idle_lock_min=5), login=CLERK)
    session = ui.ctx.session
    session._clock = lambda: now[0]  # the session's clock, moved by hand
    session.touch()
    window = ui.window
    assert window.idle.isActive() and window.idle.interval() == 5 * 60_000
    now[0] += timedelta(minutes=4)
    window.check_idle()
    assert session.clerk is not None and window.current_id == "pickup"
    now[0] += timedelta(minutes=1, seconds=1)
    window.check_idle()
    assert session.clerk is None and window.current_id is None
    assert window.stack.currentWidget() is window.login


def test_activity_keeps_the_clerk_logged_in(qtbot: QtBot, make_shell: MakeShell) -> None:
    now = [datetime(2026, 1, 1, 12, 0, tzinfo=utcnow().tzinfo)]
    ui = make_shell(settings=Settings(idle_lock_min=5), login=CLERK)
    session = ui.ctx.session
    session._clock = lambda: now[0]
    session.touch()
    now[0] += timedelta(minutes=4)
    qtbot.keyClick(ui.window.windowHandle(), Qt.Key.Key_A)  # a real key at the window
    now[0] += timedelta(minutes=4)
    ui.window.check_idle()
    assert session.clerk is not None, "a key 4 minutes in restarts the idle time"


def test_shortcuts_and_nav_reach_every_screen_the_role_allows(
    qtbot: QtBot, make_shell: MakeShell
) -> None:
    ui = make_shell(login=MANAGER)
    window = ui.window
    ids = list(window.nav.buttons)
    assert ids[0] == "pickup" and {
        "checkin",
        "handover",
        "orders",
        "shift",
        "devices",
        "sync",
        "settings",
    } <= set(ids)
    for sid, button in window.nav.buttons.items():
        tap(qtbot, button)
        assert window.current_id == sid
    for screen in window.screens.values():
        if screen.shortcut and window.allowed(screen):
            window.shortcuts[screen.shortcut].activated.emit()
            assert window.current_id == screen.screen_id


def test_demo_opens_on_pickup_logged_in(qtbot: QtBot, make_shell: MakeShell) -> None:
    ui = make_shell(login=CLERK)
    assert ui.window.current_id == "pickup"
    assert ui.window.nav.clerk.text().startswith("王*芳")


def test_the_demo_code_is_shown_only_when_asked(
    qtbot: QtBot, kiosk: KioskContext, make_shell: MakeShell
) -> None:
    asked: list[int] = []
    kiosk.demo_show_code = lambda: asked.append(1)
    ui = make_shell(login=CLERK)
    window = ui.window
    assert window.nav.demo.isVisible()
    assert asked == []
    tap(qtbot, window.nav.demo)
    qtbot.waitUntil(lambda: asked == [1], timeout=3000)
    window.shortcuts["F12"].activated.emit()
    qtbot.waitUntil(lambda: asked == [1, 1], timeout=3000)
    window.lock()
    assert not window.nav.demo.isVisible(), "no demo button on the locked screen"
