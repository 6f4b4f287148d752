"""Every Qt import of the UI goes through here (one place to change bindings or versions)."""

from PySide6.QtCore import (  # noqa: F401
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QLibraryInfo,
    QLocale,
    QLockFile,
    QObject,
    QPoint,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (  # noqa: F401
    QCloseEvent,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (  # noqa: F401
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


def _pin_bools_if_emit_leaks() -> None:
    """PySide6 6.12.0: `SignalInstance.emit()` returns a borrowed `True` that Python then
    releases, one reference per emit; after enough emits the interpreter aborts
    ("bool_dealloc: deallocating True or False"), usually at exit, failing the test run.
    If this binding has the bug, give True and False a reference count no run can use up
    (what Python 3.12 does for them as immortal objects). Checked, not assumed: a fixed
    binding leaves the counts alone."""
    import ctypes
    import sys

    class _Probe(QObject):
        emitted = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    probe.emitted.emit()
    if sys.getrefcount(True) < before:
        for value in (True, False):
            ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40


_pin_bools_if_emit_leaks()
