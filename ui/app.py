"""Starts the Qt application: translations (Simplified Chinese by default), the one task
manager, the one exception dialog, and the main window."""

from __future__ import annotations

import sys
from importlib.resources import files

from kiosk.context import KioskContext
from kiosk.errors import Cancelled, UserFacingError
from ui.keyfilter import WedgeKeyFilter
from ui.mainwindow import MainWindow
from ui.qt import QApplication, QMessageBox, QTranslator
from ui.tasks import TaskManager


def install_translator(app: QApplication, language: str = "zh_CN") -> QTranslator | None:
    """Load assets/translations/linli_<language>.qm; English source strings otherwise."""
    if language.startswith("en"):
        return None
    qm = files("assets").joinpath("translations", f"linli_{language}.qm")
    translator = QTranslator(app)
    if qm.is_file() and translator.load(str(qm)):
        app.installTranslator(translator)
        return translator
    return None


def show_exception(exc: BaseException) -> None:
    """The one place an unexpected error reaches a person."""
    if isinstance(exc, Cancelled):
        return
    text = str(exc) if isinstance(exc, UserFacingError) else QApplication.translate(
        "show_exception", "Something went wrong: %1").replace("%1", repr(exc))
    QMessageBox.warning(None, QApplication.translate("show_exception", "Linli Kiosk"), text)


def build_window(ctx: KioskContext, language: str = "zh_CN") -> tuple[QApplication, MainWindow, TaskManager]:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    install_translator(app, language)
    tasks = TaskManager(show_exception)
    window = MainWindow(ctx, tasks)
    if ctx.key_feed is not None:
        window.key_filter = WedgeKeyFilter(ctx.key_feed, window)
        app.installEventFilter(window.key_filter)
    return app, window, tasks


def run_app(ctx: KioskContext, *, language: str = "zh_CN") -> int:
    app, window, tasks = build_window(ctx, language)
    window.show()
    try:
        return app.exec()
    finally:
        tasks.shutdown()
