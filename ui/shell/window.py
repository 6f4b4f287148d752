"""The main window: navigation bar, the current screen (or the login screen) and the status
bar. It routes scans (login screen when locked, else the shown screen, else home), runs the
idle lock, the keyboard shortcuts and kiosk mode. Screens never call each other: they emit
`ctx.hooks.navigate` and the shell shows the screen."""

from __future__ import annotations

from kiosk.changes import Changes
from kiosk.ports import ScanEvent
from kiosk.session import Clerk
from kiosk.settings import Settings
from ui.context import UiContext
from ui.qt import (
    QCloseEvent,
    QEvent,
    QKeySequence,
    QMainWindow,
    QObject,
    QShortcut,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.screen import Screen
from ui.shell.kiosk_mode import ManagerPinDialog
from ui.shell.login import LoginScreen
from ui.shell.nav import NavBar
from ui.shell.placeholders import make_placeholder
from ui.shell.registry import HOME, NAV_ORDER, SCREENS
from ui.shell.statusbar import StatusBar
from ui.shell.words import version_words

SHORTCUTS = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9")
WARM_UP_MS = 150
ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


def screen_classes(registered: list[type[Screen]] | None = None) -> list[type[Screen]]:
    """Registered screens in navigation order; a placeholder for each id nobody registered."""
    registered = list(SCREENS if registered is None else registered)
    by_id = {cls.screen_id: cls for cls in registered}
    ordered: list[type[Screen]] = []
    for i, sid in enumerate(NAV_ORDER):
        cls = by_id.pop(sid, None)
        ordered.append(cls if cls is not None else make_placeholder(sid, SHORTCUTS[i]))
    return ordered + list(by_id.values())


class ActivityFilter(QObject):
    """Any key or tap (counted once, at its window) keeps the clerk logged in."""

    def __init__(self, shell: ShellWindow) -> None:
        super().__init__(shell)
        self.shell = shell

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and watched.isWindowType():
            self.shell.user_active()
        return False


class ShellWindow(QMainWindow):
    def __init__(self, ctx: UiContext, screens: list[type[Screen]] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.kiosk_locked = False  # True while kiosk mode holds the window
        self.staff_override = False  # a staff PIN opened the counter out of self-service
        self.allow_close = False
        self.setWindowTitle(self.tr("Linli Kiosk"))
        self.setToolTip(version_words())  # the version and build, wherever nothing else tips
        self.setMinimumSize(1024, 640)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = NavBar(body)
        layout.addWidget(self.nav)
        self.stack = QStackedWidget(body)
        layout.addWidget(self.stack, 1)
        self.status_bar = StatusBar(ctx, body)
        layout.addWidget(self.status_bar)
        self.setCentralWidget(body)

        self.login = LoginScreen(ctx, self.stack)
        self.stack.addWidget(self.login)
        self._classes = screen_classes(screens)
        self._screens: dict[str, Screen] | None = None
        self.current_id: str | None = None
        self.last_id = HOME

        hooks = ctx.hooks
        hooks.operation_did_execute.connect(self.on_operation)
        hooks.scan_did_arrive.connect(self.route_scan)
        hooks.navigate.connect(self.show_screen)
        hooks.clerk_did_change.connect(self.on_clerk)
        hooks.lock_requested.connect(self.lock)
        hooks.settings_did_change.connect(self.apply_settings)
        self.nav.screen_chosen.connect(self.show_screen)
        self.nav.switch_clicked.connect(self.switch_clerk)
        self.nav.lock_clicked.connect(self.lock)
        self.nav.demo_code_clicked.connect(self.show_demo_code)
        self.nav.leave_kiosk_clicked.connect(self.leave_kiosk_mode)
        self.status_bar.navigate.connect(self.show_screen)
        self.status_bar.staff.clicked.connect(self.staff_clicked)
        self.login.back_requested.connect(self.back_to_counter)
        self.login.panel.accepted.connect(self._logged_in)
        self.nav.demo_enabled = ctx.kiosk.demo_show_code is not None

        self.shortcuts: dict[str, QShortcut] = {}
        for cls in self._classes:
            if cls.shortcut:
                self._shortcut(cls.shortcut, lambda sid=cls.screen_id: self.show_screen(sid))
        self._shortcut("Ctrl+L", self.lock)
        if ctx.kiosk.demo_show_code is not None:
            self._shortcut("F12", self.show_demo_code)

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.check_idle)
        self.activity = ActivityFilter(self)
        self.apply_settings(ctx.settings)
        self.on_clerk(ctx.session.clerk)
        if self._screens is None:  # locked at start: the login screen paints first
            QTimer.singleShot(WARM_UP_MS, self._build_screens)

    @property
    def screens(self) -> dict[str, Screen]:
        """Every screen, built on first need (after the login screen's first paint when the
        kiosk starts locked: part of the cold-start budget)."""
        return self._build_screens()

    def _build_screens(self) -> dict[str, Screen]:
        if self._screens is None:
            self._screens = {}
            for cls in self._classes:
                screen = cls(self.ctx)
                self._screens[cls.screen_id] = screen
                self.stack.addWidget(screen)
        return self._screens

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(slot)
        self.shortcuts[keys] = shortcut

    # --- screens ------------------------------------------------------------------------

    def allowed(self, screen: Screen) -> bool:
        return self.ctx.session.can(screen.permission)

    def visible_screens(self) -> list[Screen]:
        return [s for s in self.screens.values() if self.allowed(s)]

    def current_screen(self) -> Screen | None:
        if self.current_id is None or self._screens is None:
            return None
        return self._screens.get(self.current_id)

    def show_screen(self, screen_id: str) -> bool:
        """Show `screen_id` if the logged-in clerk may use it; False otherwise."""
        screen = self.screens.get(screen_id)
        if screen is None or self.ctx.session.clerk is None or not self.allowed(screen):
            return False
        if self.self_service_active() and screen_id != HOME:
            return False  # the customer's screen: no way out without a staff PIN
        old = self.current_screen()
        if old is not None and old is not screen:
            old.deactivated()
        self.current_id = screen_id
        self.last_id = screen_id
        self.stack.setCurrentWidget(screen)
        self.nav.set_current(screen_id)
        screen.activated()
        return True

    def show_login(self) -> None:
        old = self.current_screen()
        if old is not None:
            old.deactivated()
        self.current_id = None
        self.nav.set_current(None)
        self.stack.setCurrentWidget(self.login)
        self.login.activated()

    def on_operation(self, changes: object) -> None:
        if not isinstance(changes, Changes) or self._screens is None:
            return  # screens not built yet draw fresh when they are
        for screen in self._screens.values():
            screen.on_changes(changes)

    # --- scans --------------------------------------------------------------------------

    def route_scan(self, scan: object) -> None:
        """Locked: a badge logs in. Else the shown screen; if it does not use the scan,
        home takes it (a pickup code scanned on another screen still works)."""
        if not isinstance(scan, ScanEvent):
            return
        self.user_active()
        if self.current_id is None:
            self.login.on_scan(scan)
            return
        screen = self.current_screen()
        if screen is not None and screen.on_scan(scan):
            return
        home = self.screens.get(HOME)
        if home is not None and home is not screen and self.allowed(home):
            self.show_screen(HOME)
            home.on_scan(scan)

    # --- who is logged in ---------------------------------------------------------------

    def _logged_in(self, clerk: Clerk) -> None:
        """The login panel accepted a PIN or badge; the session already changed."""
        self.on_clerk(clerk)

    def on_clerk(self, clerk: object) -> None:
        clerk = clerk if isinstance(clerk, Clerk) else self.ctx.session.clerk
        self.nav.set_clerk(clerk.name if clerk else None)
        self.nav.set_screens(self.visible_screens() if clerk else [])
        self.restart_idle()
        if clerk is None:
            self.show_login()
            return
        target = self.last_id if self.last_id in self.screens else HOME
        if not self.show_screen(target) and not self.show_screen(HOME):
            visible = self.visible_screens()
            if visible:
                self.show_screen(visible[0].screen_id)

    def switch_clerk(self) -> None:
        """Tap 1: the login screen with everyone's tile; tap 2: your name; then your PIN."""
        self.show_login()

    def back_to_counter(self) -> None:
        if self.ctx.session.clerk is not None:
            self.on_clerk(self.ctx.session.clerk)

    def lock(self) -> None:
        self.staff_override = False
        self.ctx.session.logout()
        self.ctx.hooks.operation_did_execute.emit(Changes(session=True))
        self.on_clerk(None)

    # --- idle lock ----------------------------------------------------------------------

    def user_active(self) -> None:
        self.ctx.session.touch()
        self.restart_idle()
        self.ctx.hooks.user_activity.emit()

    def restart_idle(self) -> None:
        minutes = self.ctx.session.idle_lock_min
        if self.ctx.settings.self_service and not self.staff_override:
            self.idle.stop()  # the customer's screen never falls back to the staff login
        elif minutes > 0 and self.ctx.session.clerk is not None:
            self.idle.start(minutes * 60_000)
        else:
            self.idle.stop()

    def check_idle(self) -> None:
        if self.ctx.session.check_idle():
            self.on_clerk(None)
        else:
            self.restart_idle()

    # --- settings, kiosk mode -----------------------------------------------------------

    def apply_settings(self, settings: object) -> None:
        if not isinstance(settings, Settings):
            return
        self.ctx.settings = settings
        self.ctx.session.idle_lock_min = settings.idle_lock_min
        self.restart_idle()
        if settings.kiosk_mode and not self.kiosk_locked:
            self.enter_kiosk_mode()
        elif not settings.kiosk_mode and self.kiosk_locked:
            self.kiosk_locked = False
            self.nav.leave_kiosk.hide()
            self.showNormal()

        self.apply_self_service()

    # --- self-service: the customer faces the camera ------------------------------------

    def self_service_active(self) -> bool:
        return self.ctx.settings.self_service and not self.staff_override

    def apply_self_service(self) -> None:
        """Self-service hides the navigation; a staff PIN (the bar's staff button) opens it
        until the staff member taps "back to self-service" or the counter locks."""
        active = self.self_service_active()
        self.nav.setVisible(not active)
        bar = self.status_bar
        bar.staff.setVisible(self.ctx.settings.self_service)
        bar.staff.setText(
            self.tr("Back to self-service") if self.staff_override else self.tr("Staff")
        )
        if active and self.current_id not in (None, HOME):
            self.show_screen(HOME)
        self.restart_idle()

    def staff_clicked(self) -> None:
        if self.staff_override:
            self.staff_override = False
            self.apply_self_service()
            return
        dialog = ManagerPinDialog(
            self.ctx,
            self,
            roles=None,
            prompt=self.tr("Staff only: type your PIN to open the counter."),
        )
        dialog.accepted_clerk.connect(self._staff_opened)
        dialog.open()
        self.pin_dialog = dialog

    def _staff_opened(self, _clerk: object) -> None:
        self.staff_override = True
        self.apply_self_service()

    def enter_kiosk_mode(self) -> None:
        self.kiosk_locked = True
        self.nav.leave_kiosk.show()
        self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)

    def leave_kiosk_mode(self) -> None:
        """Only a manager's PIN leaves kiosk mode (until the next start)."""
        dialog = ManagerPinDialog(self.ctx, self)
        dialog.accepted_clerk.connect(self._kiosk_released)
        dialog.open()
        self.pin_dialog = dialog

    def _kiosk_released(self, _clerk: object) -> None:
        self.kiosk_locked = False
        self.nav.leave_kiosk.hide()
        self.showNormal()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_locked and not self.allow_close:
            event.ignore()
            self.leave_kiosk_mode()
            return
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        """In kiosk mode the window stays fullscreen (no minimising past the PIN)."""
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.WindowStateChange
            and self.kiosk_locked
            and not self.isFullScreen()
        ):
            QTimer.singleShot(0, self.enter_kiosk_mode)

    # --- demo ---------------------------------------------------------------------------

    def show_demo_code(self) -> None:
        """The demo camera shows the next code once, only when asked."""
        show = self.ctx.kiosk.demo_show_code
        if show is not None:
            self.ctx.tasks.run(show)
