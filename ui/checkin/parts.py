"""Small pieces the day screens share: the banner that says what just happened (loud red on
a refusal), touch-sized buttons, big labels, and the photo for a damage report."""

from __future__ import annotations

from kiosk.flows.batch_desk import Photo
from ui.pickup.parts import demo_photo as pickup_demo_photo, font
from ui.qt import (
    QApplication,
    QFont,
    QLabel,
    QPushButton,
    QSizePolicy,
    Qt,
    QWidget,
)

TOUCH = 56  # px: every button a finger presses is at least this tall (>= 48 required)
GO, DANGER, WAIT, INFO = "#1b7f3b", "#c62828", "#b26a00", "#1f4e79"


def big_font(px: int, *, bold: bool = True) -> QFont:
    """The pickup screen's font (ui.pickup.parts.font), bold unless told."""
    return font(px, bold=bold)


def touch_button(text: str, parent: QWidget, *, px: int = 22, name: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    button.setMinimumHeight(TOUCH)
    button.setFont(big_font(px, bold=False))
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap never steals the scanner's focus
    if name:
        button.setObjectName(name)
    return button


class Banner(QLabel):
    """One line of what just happened: green when it went well, red and loud when refused."""

    def __init__(self, parent: QWidget, *, px: int = 26, name: str = "") -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setWordWrap(True)
        self.setFont(big_font(px))
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.kind = INFO
        self.say("", INFO)

    def say(self, text: str, colour: str) -> None:
        self.kind = colour
        self.setText(text)
        background = colour if text else "transparent"  # nothing to say: no empty coloured bar
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: white; padding: 10px 16px;"
            " border-radius: 8px; }"
        )
        if colour == DANGER:
            QApplication.beep()


def demo_photo(order_id: str, note: str) -> Photo:
    """The demo camera's picture of a damaged bag (no webcam in the demo): the pickup
    screen's dated card naming the order."""
    return Photo(*pickup_demo_photo(order_id, note))
