"""A coloured chip showing one device's (or the sync client's) status in plain words."""

from __future__ import annotations

from kiosk.ports import DeviceState, DeviceStatus
from ui.qt import QLabel, QWidget

COLOURS = {
    DeviceState.ONLINE: "#2e7d32",
    DeviceState.WAITING: "#1565c0",
    DeviceState.CONNECTING: "#f9a825",
    DeviceState.OFFLINE: "#757575",
    DeviceState.ERROR: "#c62828",
    DeviceState.DISABLED: "#9e9e9e",
}


class StatusChip(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def state_text(self, state: DeviceState) -> str:
        words = {
            DeviceState.ONLINE: self.tr("online"),
            DeviceState.WAITING: self.tr("waiting"),
            DeviceState.CONNECTING: self.tr("connecting"),
            DeviceState.OFFLINE: self.tr("offline"),
            DeviceState.ERROR: self.tr("needs attention"),
            DeviceState.DISABLED: self.tr("not configured"),
        }
        return words[state]

    def show_status(self, status: DeviceStatus) -> None:
        colour = COLOURS[status.state]
        self.setStyleSheet(
            f"QLabel {{ border-radius: 8px; padding: 6px 10px; color: white; background: {colour}; }}"
        )
        text = f"{status.name} · {self.state_text(status.state)}"
        if status.message:
            text += f"\n{status.message}"
        self.setText(text)
