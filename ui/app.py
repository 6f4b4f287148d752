"""Starts the Qt application: translations (Simplified Chinese by default) and the main window.

The counter screens come with the GUI milestone; until then the window shows the store,
today's order counts and each device's status.
"""

from __future__ import annotations

import sys
from importlib.resources import files

from kiosk.context import KioskContext
from kiosk.ports import DeviceStatus
from ui.qt import QApplication, QLabel, QMainWindow, QTimer, QTranslator, QVBoxLayout, QWidget


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


class MainWindow(QMainWindow):
    def __init__(self, ctx: KioskContext, summary: dict[str, int], store_name: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("Linli Kiosk"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.title = QLabel(self.tr("Store: %1").replace("%1", store_name), body)
        self.title.setObjectName("title")
        layout.addWidget(self.title)
        for status, count in sorted(summary.items()):
            layout.addWidget(QLabel(self.tr("%1 orders: %2").replace("%1", status).replace("%2", str(count)), body))
        self.device_labels: list[QLabel] = []
        for device in ctx.devices:
            label = QLabel(self.describe(device.status()), body)
            self.device_labels.append(label)
            layout.addWidget(label)
        self.setCentralWidget(body)
        self.resize(800, 600)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_devices)
        self._timer.start(1000)

    def describe(self, status: DeviceStatus) -> str:
        return self.tr("%1: %2 %3").replace("%1", status.name).replace("%2", status.state.value).replace("%3", status.message)

    def refresh_devices(self) -> None:
        for label, device in zip(self.device_labels, self.ctx.devices, strict=True):
            label.setText(self.describe(device.status()))


def run_app(ctx: KioskContext, *, summary: dict[str, int], store_name: str, language: str = "zh_CN") -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    install_translator(app, language)
    window = MainWindow(ctx, summary, store_name)
    window.show()
    return app.exec()
