"""One slim status-bar item: a coloured dot and a translated word, one line, 48 px high (a
touch target); a tap emits `clicked` and the bar shows the detail. Replaces the old chip
that took a third of the screen."""

from __future__ import annotations

from kiosk.ports import DeviceState
from ui.qt import QHBoxLayout, QLabel, QMouseEvent, Qt, QWidget, Signal

COLOURS = {
    DeviceState.ONLINE: "#2e7d32",
    DeviceState.WAITING: "#1565c0",
    DeviceState.CONNECTING: "#f9a825",
    DeviceState.OFFLINE: "#757575",
    DeviceState.ERROR: "#c62828",
    DeviceState.DISABLED: "#b0bec5",
}
# worst first: a slot with several devices (printer + receipt queue) shows the worst one
SEVERITY = (
    DeviceState.ERROR,
    DeviceState.OFFLINE,
    DeviceState.CONNECTING,
    DeviceState.WAITING,
    DeviceState.ONLINE,
    DeviceState.DISABLED,
)


def worst(states: list[DeviceState]) -> DeviceState:
    return min(states, key=SEVERITY.index) if states else DeviceState.DISABLED


class StatusDot(QWidget):
    clicked = Signal(str)  # the slot kind

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.state = DeviceState.DISABLED
        self.setObjectName(f"status-{kind}")
        self.setMinimumHeight(48)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 0)
        layout.setSpacing(8)
        self.dot = QLabel(self)
        self.dot.setFixedSize(16, 16)
        self.label = QLabel(self)
        self.label.setStyleSheet("font-size: 17px; color: #263238;")
        layout.addWidget(self.dot)
        layout.addWidget(self.label)

    def show_state(self, state: DeviceState, text: str) -> None:
        self.state = state
        self.dot.setStyleSheet(f"background: {COLOURS[state]}; border-radius: 8px;")
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.kind)
        event.accept()
