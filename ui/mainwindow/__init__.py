"""The main window: the pickup panel, the day's counts and every device's status."""

from ui.mainwindow.window import MainWindow

__all__ = ["MainWindow"]
