"""Drawing by finger: the signature pad (strokes kept as points in 0..1 of the pad, what the
core stores and the PDF redraws as vector lines), and the same pad over a photo to draw a
mark on it (a circle round the mould, an arrow to the thermometer) before it is saved."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from ui.checkin.parts import TOUCH, big_font, touch_button
from ui.qt import (
    QBuffer,
    QByteArray,
    QColor,
    QCoreApplication,
    QHBoxLayout,
    QImage,
    QIODevice,
    QLabel,
    QPainter,
    QPoint,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

translate = QCoreApplication.translate
Stroke = list[tuple[float, float]]
MARK = "#e53935"


class DrawPad(QWidget):
    """Strokes drawn with the mouse or a finger; `drawn` fires at the end of each stroke."""

    drawn = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        name: str = "",
        background: QImage | None = None,
        ink: str = "#111111",
    ) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.strokes: list[Stroke] = []
        self.background = background
        self.ink = QColor(ink)
        self.setMinimumSize(320, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("background: white; border: 2px solid #9e9e9e; border-radius: 6px;")

    def clear(self) -> None:
        self.strokes = []
        self.update()

    def set_strokes(self, strokes: list[Stroke]) -> None:
        self.strokes = [list(s) for s in strokes]
        self.update()

    def points(self) -> int:
        return sum(len(s) for s in self.strokes)

    def _norm(self, pos: QPoint) -> tuple[float, float]:
        w, h = max(1, self.width()), max(1, self.height())
        return (min(1.0, max(0.0, pos.x() / w)), min(1.0, max(0.0, pos.y() / h)))

    def mousePressEvent(self, event: Any) -> None:
        self.strokes.append([self._norm(event.position().toPoint())])
        self.update()

    def mouseMoveEvent(self, event: Any) -> None:
        if self.strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self.strokes[-1].append(self._norm(event.position().toPoint()))
            self.update()

    def mouseReleaseEvent(self, event: Any) -> None:
        if self.strokes:
            self.strokes[-1].append(self._norm(event.position().toPoint()))
        self.update()
        self.drawn.emit()

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.background is not None:
            painter.drawImage(self.rect(), self.background)
        paint_strokes(
            painter,
            self.strokes,
            self.width(),
            self.height(),
            self.ink,
            max(3, self.width() // 150),
        )
        painter.end()


def paint_strokes(
    painter: QPainter,
    strokes: list[Stroke],
    width: int,
    height: int,
    colour: QColor,
    pen_width: int,
) -> None:
    pen = painter.pen()
    pen.setColor(colour)
    pen.setWidth(pen_width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    for stroke in strokes:
        pts = [QPoint(round(x * width), round(y * height)) for x, y in stroke]
        if len(pts) == 1:
            painter.drawPoint(pts[0])
        for a, b in pairwise(pts):
            painter.drawLine(a, b)


def marked_jpeg(image: QImage, strokes: list[Stroke], quality: int = 85) -> bytes:
    """The photo with the mark drawn into its pixels, as JPEG bytes (what is stored)."""
    out = image.convertToFormat(QImage.Format.Format_RGB32)
    if strokes:
        painter = QPainter(out)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_strokes(
            painter, strokes, out.width(), out.height(), QColor(MARK), max(4, out.width() // 120)
        )
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    out.save(buffer, "JPEG", quality)  # type: ignore[call-overload]  # the stubs want bytes, PySide str
    buffer.close()
    return bytes(data.data())


class MarkPage(QWidget):
    """The photo just taken, full size: draw a mark on it, then keep it (or cancel). A page
    of the inspection screen rather than a dialog: a touch kiosk has no window manager."""

    kept = Signal(bytes)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        root = QVBoxLayout(self)
        hint = QLabel(
            translate("inspection", "Draw on the photo to mark the problem, then keep it."), self
        )
        hint.setFont(big_font(20, bold=False))
        hint.setWordWrap(True)
        root.addWidget(hint)
        self.pad = DrawPad(self, name="insp-mark-pad", ink=MARK)
        self.pad.setMinimumSize(480, 300)
        root.addWidget(self.pad, 1)
        row = QHBoxLayout()
        root.addLayout(row)
        clear = touch_button(
            translate("inspection", "Clear the mark"), self, name="insp-mark-clear"
        )
        clear.clicked.connect(self.pad.clear)
        cancel = touch_button(translate("inspection", "Cancel"), self, name="insp-mark-cancel")
        cancel.clicked.connect(self.cancelled.emit)
        keep = touch_button(
            translate("inspection", "Keep the photo"), self, px=24, name="insp-mark-keep"
        )
        keep.setMinimumHeight(TOUCH + 8)
        keep.clicked.connect(self._keep)
        for b in (clear, cancel, keep):
            row.addWidget(b)

    def show_photo(self, image: QImage) -> None:
        self.image = image
        self.pad.background = image
        self.pad.clear()

    def _keep(self) -> None:
        self.kept.emit(marked_jpeg(self.image, self.pad.strokes))
