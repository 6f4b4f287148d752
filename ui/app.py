"""Starts the Qt application: translations (Simplified Chinese by default), the one task
manager, the one exception dialog, the UiContext and the shell window.

`UiApp` owns what outlives a language switch (task manager, clerk session, the bridges from
worker threads, the scan router); the window and the hooks are rebuilt when the language
changes, so every screen draws its words anew."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from kiosk.context import KioskContext
from kiosk.errors import Cancelled
from kiosk.ports import DeviceStatus
from kiosk.session import Clerk, ClerkSession
from kiosk.settings import Settings
from ui.context import UiContext
from ui.hooks import Hooks
from ui.qt import QApplication, QMessageBox, QObject, QTimer, QTranslator, Signal
from ui.scan_input import ScanRouter
from ui.screen import Screen
from ui.shell.instance import acquire_instance_lock
from ui.shell.window import ShellWindow
from ui.tasks import TaskManager
from ui.words.errors import error_text

AFTER_START_MS = 500
_translators: list[QTranslator] = []


def install_translator(app: QApplication, language: str = "zh_CN") -> QTranslator | None:
    """Load assets/translations/linli_<language>.qm (replacing the one loaded before);
    English source strings for "en"."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language.startswith("en"):
        return None
    qm = files("assets").joinpath("translations", f"linli_{language}.qm")
    translator = QTranslator(app)
    if qm.is_file() and translator.load(str(qm)):
        app.installTranslator(translator)
        _translators.append(translator)
        return translator
    return None


def show_exception(exc: BaseException) -> None:
    """The one place an unexpected error reaches a person: worded by type and kind."""
    if isinstance(exc, Cancelled):
        return
    QMessageBox.warning(
        None, QApplication.translate("show_exception", "Linli Kiosk"), error_text(exc)
    )


class Bridges(QObject):
    """Worker threads (device boards, the clerk session's login worker) call in here; the
    queued signals land on the GUI thread and are re-emitted on the current hooks."""

    _device = Signal(object)
    _clerk = Signal(object)

    def __init__(self, owner: UiApp) -> None:
        super().__init__()
        self.owner = owner
        self._device.connect(self._on_device)
        self._clerk.connect(self._on_clerk)

    def device_changed(self, status: DeviceStatus) -> None:  # any thread
        self._device.emit(status)

    def clerk_changed(self, clerk: Clerk | None) -> None:  # any thread
        self._clerk.emit(clerk)

    def _on_device(self, status: object) -> None:
        hooks = self.owner.ctx.hooks
        hooks.device_status_did_change.emit(status)
        if isinstance(status, DeviceStatus) and status.name == "sync":
            hooks.sync_status_did_change.emit(status)

    def _on_clerk(self, clerk: object) -> None:
        self.owner.ctx.hooks.clerk_did_change.emit(clerk)


class UiApp(QObject):
    def __init__(
        self,
        kiosk: KioskContext,
        app: QApplication,
        *,
        settings: Settings | None = None,
        language: str | None = None,
        screens: list[type[Screen]] | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        self.screens = screens
        settings = settings or kiosk.settings
        if language and language != settings.language:
            settings = settings.with_changes(language=language)
        self.language = settings.language
        install_translator(app, self.language)
        tasks = TaskManager(show_exception)
        session = ClerkSession(kiosk.db, idle_lock_min=settings.idle_lock_min)
        if kiosk.demo and kiosk.staff_id:
            session.login_as(kiosk.staff_id)  # --demo opens on the pickup screen, logged in
        self.ctx = UiContext(
            kiosk=kiosk, tasks=tasks, hooks=Hooks(), settings=settings, session=session
        )
        self.bridges = Bridges(self)
        session.add_listener(self.bridges.clerk_changed)
        for slot in kiosk.slots:
            if slot.subscribe is not None:
                slot.subscribe(self.bridges.device_changed)
        self.router = ScanRouter(
            self.ctx.hooks,
            kiosk.key_feed,
            kiosk.scanners,
            end_pause_ms=settings.scanner_end_pause_ms,
        )
        self.router.install(app)
        self.window = self._build_window()
        QTimer.singleShot(AFTER_START_MS, self._after_start)

    def _after_start(self) -> None:
        """Work that can wait until the first screen is up (the sync client's start)."""
        for start in self.ctx.kiosk.after_start:
            self.ctx.tasks.run(start, on_error=lambda _exc: None)
        self.ctx.kiosk.after_start.clear()

    def _build_window(self) -> ShellWindow:
        window = ShellWindow(self.ctx, self.screens)
        self.app.installEventFilter(window.activity)
        self.ctx.hooks.settings_did_change.connect(self.on_settings)
        return window

    def on_settings(self, settings: object) -> None:
        if not isinstance(settings, Settings):
            return
        self.router.set_end_pause(settings.scanner_end_pause_ms)
        if settings.language != self.language:
            self.switch_language(settings.language)

    def switch_language(self, language: str) -> None:
        """Rebuild the window and its screens in `language` (the clerk stays logged in)."""
        self.language = language
        install_translator(self.app, language)
        old, old_hooks = self.window, self.ctx.hooks
        geometry, full = old.saveGeometry(), old.isFullScreen()
        self.app.removeEventFilter(old.activity)
        self.ctx.hooks = Hooks()
        self.router.hooks = self.ctx.hooks
        self.window = self._build_window()
        self.window.restoreGeometry(geometry)
        old.allow_close = True
        old.close()
        old.deleteLater()
        old_hooks.deleteLater()
        if full:
            self.window.showFullScreen()
        else:
            self.window.show()

    def show(self) -> None:
        """Fullscreen in kiosk mode, else a normal window."""
        if self.window.kiosk_locked:
            self.window.showFullScreen()
        else:
            self.window.show()

    def shutdown(self) -> None:
        self.router.uninstall(self.app)
        self.ctx.tasks.shutdown()


def qt_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    return app


def build_ui(
    kiosk: KioskContext, *, language: str | None = None, screens: list[type[Screen]] | None = None
) -> UiApp:
    return UiApp(kiosk, qt_app(), language=language, screens=screens)


def already_running(language: str) -> int:
    app = qt_app()
    install_translator(app, language)
    text = QApplication.translate(
        "run_app", "Linli Kiosk is already running on this computer: use the open window."
    )
    print(text, file=sys.stderr)
    QMessageBox.information(None, QApplication.translate("show_exception", "Linli Kiosk"), text)
    return 1


def run_app(kiosk: KioskContext, *, language: str | None = None) -> int:
    """Show the shell and run the event loop until the window closes."""
    app = qt_app()
    ui = build_ui(kiosk, language=language)
    ui.show()
    try:
        return app.exec()
    finally:
        ui.shutdown()


def run_single(
    data_dir: Path, build: Callable[[], KioskContext], *, language: str | None = None
) -> int:
    """One kiosk per data directory: the lock is taken before any device is opened."""
    lock = acquire_instance_lock(data_dir)
    if lock is None:
        return already_running(language or "zh_CN")
    try:
        kiosk = build()
        try:
            return run_app(kiosk, language=language)
        finally:
            kiosk.close()
    finally:
        lock.unlock()
