"""Touch-sized pieces of the pickup screen: fonts, buttons that never steal the focus (so a
scanner's keys and the clerk's Enter keep landing where they should), and a photo helper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ui.qt import (
    QBuffer,
    QColor,
    QFont,
    QImage,
    QIODevice,
    QPainter,
    QPushButton,
    QSizePolicy,
    Qt,
    QWidget,
)

TOUCH = 60  # px: every target a finger presses (>= 48 required)


def font(px: int, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def button(
    text: str,
    parent: QWidget,
    *,
    px: int = 22,
    name: str = "",
    slot: Callable[[], None] | None = None,
    height: int = TOUCH,
) -> QPushButton:
    b = QPushButton(text, parent)
    b.setMinimumHeight(height)
    b.setFont(font(px, bold=True))
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if name:
        b.setObjectName(name)
    if slot is not None:
        b.clicked.connect(slot)
    return b


def png_bytes(image: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, PySide str
    return bytes(buf.data().data())


def demo_photo(order_id: str, note: str) -> tuple[bytes, str]:
    """The demo camera's picture (no webcam in the demo): a dated card naming the order."""
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#d9cbb0"))
    painter = QPainter(image)
    painter.setPen(QColor("#3b2f1e"))
    painter.setFont(font(30, bold=True))
    painter.drawText(30, 80, "DEMO CAMERA")
    painter.setFont(font(24))
    painter.drawText(30, 160, order_id)
    painter.drawText(30, 210, datetime.now().strftime("%Y-%m-%d %H:%M:%S"))
    painter.drawText(30, 260, note[:40])
    painter.end()
    return png_bytes(image), "image/png"
