"""The layout pieces the counter screens (check-in, handover, orders, sync, inspection) build
alike: two columns, a chooser with its big counter, touch-sized fields, labels and rows of big
buttons. One definition, so every screen's fields are the same finger size and type sizes.

Words stay at the call sites (`translate("checkin", ...)`), so lupdate still finds them.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.checkin.parts import TOUCH, big_font, touch_button
from ui.qt import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)

BIG = 72  # px: the one button a step ends with (finish, hand over all, sync now)


def two_columns(screen: QWidget, left: int = 1, right: int = 1) -> tuple[QVBoxLayout, QVBoxLayout]:
    """The screen's root: a left and a right column sharing the width `left`:`right`."""
    root = QHBoxLayout(screen)
    columns = QVBoxLayout(), QVBoxLayout()
    root.addLayout(columns[0], left)
    root.addLayout(columns[1], right)
    return columns


def chooser_row(
    parent: QWidget, counter_name: str, on_chosen: Callable[[int], None]
) -> tuple[QHBoxLayout, QComboBox, QLabel]:
    """A touch-sized chooser (the batch, the leader) beside the big `n / total` counter. The
    chooser never takes the keyboard focus: the scanner's keys must not land in it."""
    row = QHBoxLayout()
    box = QComboBox(parent)
    box.setMinimumHeight(TOUCH)
    box.setFont(big_font(20, bold=False))
    box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    box.activated.connect(on_chosen)
    row.addWidget(box, 1)
    counter = QLabel(parent)
    counter.setFont(big_font(30))
    counter.setObjectName(counter_name)
    row.addWidget(counter)
    return row, box, counter


def touch_field(
    parent: QWidget, placeholder: str = "", *, px: int = 17, name: str = ""
) -> QLineEdit:
    """A text field a finger can hit (TOUCH tall), in plain (not bold) type of `px`."""
    edit = QLineEdit(parent)
    if name:
        edit.setObjectName(name)
    edit.setMinimumHeight(TOUCH)
    edit.setFont(big_font(px, bold=False))
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def text_label(
    parent: QWidget,
    px: int,
    *,
    bold: bool = True,
    name: str = "",
    wrap: bool = False,
    text: str = "",
) -> QLabel:
    """A label in `px` type (bold unless told), word-wrapped when asked."""
    label = QLabel(text, parent) if text else QLabel(parent)
    if name:
        label.setObjectName(name)
    label.setFont(big_font(px, bold=bold))
    if wrap:
        label.setWordWrap(True)
    return label


def button_row(*buttons: tuple[QPushButton, Callable[[], object]]) -> QHBoxLayout:
    """A row of big buttons side by side, each wired to what its tap does."""
    row = QHBoxLayout()
    for button, on_tap in buttons:
        button.clicked.connect(on_tap)
        row.addWidget(button)
    return row


def big_button(
    text: str, parent: QWidget, on_tap: Callable[[], object], *, name: str, px: int = 26
) -> QPushButton:
    """The step's main button: taller than the others (BIG), wired to what its tap does."""
    button = touch_button(text, parent, px=px, name=name)
    button.setMinimumHeight(BIG)
    button.clicked.connect(on_tap)
    return button


def tap_list(
    parent: QWidget, px: int, on_tap: Callable[[QListWidgetItem], None], *, name: str = ""
) -> QListWidget:
    """A list of rows a finger taps (each tap ticks or opens a row). It never takes the
    keyboard focus, so the scanner's keys are not eaten by its type-ahead."""
    rows = QListWidget(parent)
    if name:
        rows.setObjectName(name)
    rows.setFont(big_font(px, bold=False))
    rows.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    rows.itemClicked.connect(on_tap)
    return rows
