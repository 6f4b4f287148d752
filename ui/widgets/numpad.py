"""A touch number pad (PIN login, manager PIN, fallback code entry): large keys, a display
field, backspace and OK. Digits typed on a keyboard land in the same field (it is a real
QLineEdit), so slow typing never vanishes."""

from __future__ import annotations

from ui.qt import (
    QGridLayout,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

KEY_PX = 72  # touch targets well above 48 px


class NumPad(QWidget):
    """Emits `submitted(text)` on OK / Enter (the field's own textChanged for edits)."""

    submitted = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        secret: bool = False,
        max_length: int = 8,
        key_px: int = KEY_PX,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("numpad")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.field = QLineEdit(self)
        self.field.setObjectName("numpadField")
        self.field.setMaxLength(max_length)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMinimumHeight(key_px)
        if secret:
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setStyleSheet(f"font-size: {key_px // 2}px; letter-spacing: 6px;")
        self.field.textChanged.connect(self._filter)
        self.field.returnPressed.connect(self.submit)
        layout.addWidget(self.field)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for i, label in enumerate("123456789"):
            self._key(grid, label, i // 3, i % 3, key_px)
        self.back = self._key(grid, "⌫", 3, 0, key_px)
        self._key(grid, "0", 3, 1, key_px)
        self.ok = self._key(grid, self.tr("OK"), 3, 2, key_px)
        self.ok.setObjectName("numpadOk")
        self.ok.setStyleSheet(
            f"font-size: {key_px // 3}px; background: #2e7d32; color: white; border-radius: 8px;"
        )
        layout.addLayout(grid)

    def _key(self, grid: QGridLayout, label: str, row: int, col: int, px: int) -> QPushButton:
        button = QPushButton(label, self)
        button.setMinimumSize(px, px)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard
        button.setStyleSheet(
            f"font-size: {px * 2 // 5}px; border-radius: 8px;"
            " background: #eceff1; border: 1px solid #b0bec5;"
        )
        button.setObjectName(f"numpadKey{label}" if label.isdigit() else "numpadKey")
        button.clicked.connect(lambda _=False, k=label: self.press(k))
        grid.addWidget(button, row, col)
        self.keys[label] = button
        return button

    def press(self, key: str) -> None:
        if key == "⌫":
            self.field.backspace()
        elif key.isdigit():
            self.field.insert(key)
        else:
            self.submit()

    def _filter(self, text: str) -> None:
        digits = "".join(c for c in text if c.isdigit())
        if digits != text:
            self.field.setText(digits)

    def text(self) -> str:
        return self.field.text()

    def clear(self) -> None:
        self.field.clear()

    def submit(self) -> None:
        self.submitted.emit(self.field.text())
