"""The on-air window: frameless, 1920×1080, chroma-key green (or transparent for a capture
that keeps alpha), with the latest reading big in the lower third so a camera or OBS window
capture puts it over the picture. It draws LiveFrames, the same ones the overlay page gets."""

from __future__ import annotations

from kiosk.ports import LiveFrame
from ui.qt import QFrame, QHBoxLayout, QLabel, Qt, QVBoxLayout, QWidget

SIZE = (1920, 1080)
CHROMA = "#00b140"  # broadcast chroma-key green
TONE_COLOURS = {"good": "#1f9d55", "warn": "#d69e2e", "bad": "#d7263d", "neutral": "#4a5568"}


def _label(parent: QWidget, name: str, px: int, *, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    weight = "700" if bold else "400"
    label.setStyleSheet(
        f"color: white; font-size: {px}px; font-weight: {weight}; background: transparent;"
    )
    return label


class OnAirWindow(QWidget):
    def __init__(self, *, transparent: bool = False) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("onair-window")
        self.setWindowTitle("Linli on air")
        self.setFixedSize(*SIZE)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # never keeps the app alive
        self.transparent = transparent
        if transparent:
            self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
            self.setStyleSheet("#onair-window { background: transparent; }")
        else:
            self.setStyleSheet(f"#onair-window {{ background: {CHROMA}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        root = QVBoxLayout(self)
        root.setContentsMargins(64, 64, 64, 72)
        root.addStretch(1)
        row = QHBoxLayout()
        root.addLayout(row)
        self.panel = QFrame(self)
        self.panel.setObjectName("onair-panel")
        self.panel.setStyleSheet(
            "#onair-panel { background: rgba(12, 18, 28, 225); border-radius: 28px; }"
        )
        row.addWidget(self.panel)
        row.addStretch(1)
        box = QVBoxLayout(self.panel)
        box.setContentsMargins(48, 32, 48, 32)
        self.title = _label(self.panel, "onair-title", 44)
        box.addWidget(self.title)
        line = QHBoxLayout()
        line.setSpacing(40)
        self.value = _label(self.panel, "onair-value", 150, bold=True)
        line.addWidget(self.value)
        self.verdict = _label(self.panel, "onair-verdict", 64, bold=True)
        line.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignVCenter)
        line.addStretch(1)
        box.addLayout(line)
        self.stats = _label(self.panel, "onair-stats", 40)
        box.addWidget(self.stats)
        self.code = _label(self.panel, "onair-code", 34)
        box.addWidget(self.code)
        self.seq = 0
        self.show_frame(LiveFrame(seq=0))

    def show_frame(self, frame: LiveFrame) -> None:
        self.seq = frame.seq
        self.title.setText(frame.title)
        self.value.setText(frame.value)
        self.verdict.setText(f" {frame.verdict} " if frame.verdict else "")
        colour = TONE_COLOURS.get(frame.tone, TONE_COLOURS["neutral"])
        self.verdict.setStyleSheet(
            f"color: {'#111' if frame.tone == 'warn' else 'white'}; "
            f"font-size: 64px; font-weight: 700; background: {colour}; "
            "border-radius: 16px; padding: 4px 18px;"
        )
        self.stats.setText(frame.stats)
        self.code.setText(f"{frame.code_label} {frame.code}".strip())
        self.panel.setVisible(not frame.empty or bool(frame.title))
