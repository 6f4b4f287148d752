"""Every Qt import of the UI goes through here (one place to change bindings or versions)."""

from PySide6.QtCore import (  # noqa: F401
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QKeyEvent  # noqa: F401
from PySide6.QtWidgets import (  # noqa: F401
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
