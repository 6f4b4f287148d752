"""The main window (placeholder until the counter GUI milestone)."""

from ui.mainwindow.window import MainWindow

__all__ = ["MainWindow"]
