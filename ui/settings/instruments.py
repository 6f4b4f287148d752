"""The instruments setting: a list of (name, protocol, port) with add and remove, big enough
to use by touch. Extra keys of an entry (baud rate, frame…) are kept as they were."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ui.qt import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)

ROLE = Qt.ItemDataRole.UserRole


class InstrumentList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(120)
        self.list.setStyleSheet("font-size: 18px;")
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Name (scale)"))
        self.protocol = QLineEdit(self)
        self.protocol.setPlaceholderText(self.tr("Protocol (toledo_8217)"))
        self.port = QLineEdit(self)
        self.port.setPlaceholderText(self.tr("Port (/dev/ttyUSB0)"))
        for field in (self.name, self.protocol, self.port):
            field.setMinimumHeight(48)
            field.setStyleSheet("font-size: 18px;")
            row.addWidget(field)
        self.add = QPushButton(self.tr("Add"), self)
        self.add.setMinimumSize(96, 48)
        self.add.clicked.connect(self.add_current)
        row.addWidget(self.add)
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setMinimumSize(96, 48)
        self.remove.clicked.connect(self.remove_selected)
        row.addWidget(self.remove)
        layout.addLayout(row)

    def set_items(self, items: tuple[Mapping[str, Any], ...]) -> None:
        self.list.clear()
        for item in items:
            self._append(dict(item))

    def _append(self, data: dict[str, Any]) -> None:
        text = " · ".join(str(data.get(k, "")) for k in ("name", "protocol", "port"))
        entry = QListWidgetItem(text)
        entry.setData(ROLE, data)
        self.list.addItem(entry)

    def items(self) -> list[dict[str, Any]]:
        out = []
        for i in range(self.list.count()):
            entry = self.list.item(i)
            data = entry.data(ROLE) if entry is not None else None
            if isinstance(data, dict):
                out.append(data)
        return out

    def add_current(self) -> None:
        """Added even when incomplete: Save names what is missing in plain words."""
        self._append(
            {
                "name": self.name.text().strip(),
                "protocol": self.protocol.text().strip(),
                "port": self.port.text().strip(),
            }
        )
        for field in (self.name, self.protocol, self.port):
            field.clear()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
