"""The fallback entry: a field for the 6-digit pickup code or the last 4 digits of the
phone, and a touch number pad beside it. The field is the screen's key sink: digits typed
slowly on a keyboard land here whatever had the focus, so they never vanish."""

from __future__ import annotations

from functools import partial

from ui.pickup.parts import TOUCH, button, font
from ui.qt import QCoreApplication, QGridLayout, QLineEdit, Qt, QVBoxLayout, QWidget, Signal
from ui.scan_input import mark_key_sink

translate = QCoreApplication.translate


class CodePad(QWidget):
    """`submitted(text)` when 查找 is tapped (Enter is handled by the screen)."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupPad")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.field = QLineEdit(self)
        self.field.setObjectName("pickupEntry")
        self.field.setPlaceholderText(translate("pickup", "Code or phone tail"))
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMinimumHeight(TOUCH)
        self.field.setFont(font(30, bold=True))
        mark_key_sink(self.field)
        layout.addWidget(self.field)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.keys: dict[str, object] = {}
        for i, digit in enumerate("123456789"):
            b = button(
                digit,
                self,
                px=30,
                name=f"padKey{digit}",
                slot=partial(self.press, digit),
                height=64,
            )
            grid.addWidget(b, i // 3, i % 3)
            self.keys[digit] = b
        back = button("⌫", self, px=28, name="padBack", slot=self.field.backspace, height=64)
        zero = button("0", self, px=30, name="padKey0", slot=lambda: self.press("0"), height=64)
        clear = button(
            translate("pickup", "Clear"),
            self,
            px=22,
            name="padClear",
            slot=self.field.clear,
            height=64,
        )
        grid.addWidget(back, 3, 0)
        grid.addWidget(zero, 3, 1)
        grid.addWidget(clear, 3, 2)
        self.keys.update({"0": zero, "back": back, "clear": clear})
        layout.addLayout(grid)
        self.find_button = button(
            translate("pickup", "Find"), self, px=24, name="padFind", slot=self.submit, height=64
        )
        layout.addWidget(self.find_button)

    def press(self, digit: str) -> None:
        self.field.insert(digit)

    def text(self) -> str:
        return self.field.text().strip()

    def submit(self) -> None:
        text = self.text()
        if text:
            self.submitted.emit(text)
