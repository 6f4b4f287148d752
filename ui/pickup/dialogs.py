"""Two small touch dialogs of the pickup screen: why a pickup is undone, and an issue on one
line (missing, damaged, quality, wrong item; quantity; note; a webcam photo)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from kiosk.verification.lookup import LineView, OrderView
from ui.context import UiContext
from ui.pickup.parts import button, demo_photo, font
from ui.qt import (
    QCoreApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


class ReasonDialog(QDialog):
    """Undo needs a reason: one tap on a common one, or type it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("pickup", "Undo the pickup"))
        self.reason = ""
        layout = QVBoxLayout(self)
        title = QLabel(translate("pickup", "Why is the pickup undone?"), self)
        title.setFont(font(24, bold=True))
        layout.addWidget(title)
        for text in (
            translate("pickup", "Wrong bag handed out"),
            translate("pickup", "Customer did not take it"),
            translate("pickup", "Confirmed by mistake"),
        ):
            layout.addWidget(button(text, self, slot=partial(self._pick, text)))
        self.field = QLineEdit(self)
        self.field.setMinimumHeight(56)
        self.field.setFont(font(22))
        self.field.setPlaceholderText(translate("pickup", "Or type the reason"))
        layout.addWidget(self.field)
        row = QHBoxLayout()
        row.addWidget(
            button(
                translate("pickup", "Undo with this reason"),
                self,
                slot=lambda: self._pick(self.field.text()),
            )
        )
        row.addWidget(button(translate("pickup", "Keep the pickup"), self, slot=self.reject))
        layout.addLayout(row)

    def _pick(self, text: str) -> None:
        if text.strip():
            self.reason = text.strip()
            self.accept()


def ask_reason(parent: QWidget | None) -> str | None:
    dialog = ReasonDialog(parent)
    return dialog.reason if dialog.exec() else None


@dataclass(frozen=True, slots=True)
class IssueInput:
    kind: str
    qty: float
    note: str
    photo: bytes | None
    mime: str


KINDS = ("missing", "damaged", "quality", "wrong_item")


def kind_word(kind: str) -> str:
    return {
        "missing": translate("pickup", "Missing"),
        "damaged": translate("pickup", "Damaged"),
        "quality": translate("pickup", "Quality"),
        "wrong_item": translate("pickup", "Wrong item"),
    }.get(kind, kind)


class IssueDialog(QDialog):
    """An issue on one line; the photo comes from the kiosk's camera (or the demo card)."""

    def __init__(
        self, ctx: UiContext, order: OrderView, line: LineView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.order, self.line = ctx, order, line
        self.kind = "damaged"
        self.qty = 1.0 if line is None else min(1.0, line.qty) or line.qty
        self.photo: tuple[bytes, str] | None = None
        self.result_value: IssueInput | None = None
        self.setWindowTitle(translate("pickup", "Report an issue"))
        layout = QVBoxLayout(self)
        title = QLabel((line.name if line else order.order_id), self)
        title.setFont(font(26, bold=True))
        layout.addWidget(title)
        kinds = QGridLayout()
        self.kind_buttons: dict[str, QPushButton] = {}
        for i, kind in enumerate(KINDS):
            b = button(kind_word(kind), self, slot=partial(self.set_kind, kind))
            b.setCheckable(True)
            kinds.addWidget(b, i // 2, i % 2)
            self.kind_buttons[kind] = b
        layout.addLayout(kinds)
        qty_row = QHBoxLayout()
        qty_row.addWidget(button("−", self, slot=lambda: self.step(-1)))
        self.qty_label = QLabel(self)
        self.qty_label.setFont(font(26, bold=True))
        qty_row.addWidget(self.qty_label)
        qty_row.addWidget(button("+", self, slot=lambda: self.step(1)))
        layout.addLayout(qty_row)
        self.note = QLineEdit(self)
        self.note.setMinimumHeight(56)
        self.note.setFont(font(22))
        self.note.setPlaceholderText(translate("pickup", "Note (optional)"))
        layout.addWidget(self.note)
        self.photo_button = button(
            translate("pickup", "Take a photo"), self, name="issuePhoto", slot=self.take_photo
        )
        layout.addWidget(self.photo_button)
        row = QHBoxLayout()
        self.ok_button = button(
            translate("pickup", "Save the issue"), self, name="issueSave", slot=self.save
        )
        row.addWidget(self.ok_button)
        row.addWidget(button(translate("pickup", "Cancel"), self, slot=self.reject))
        layout.addLayout(row)
        self.set_kind(self.kind)
        self.step(0)

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        for k, b in self.kind_buttons.items():
            b.setChecked(k == kind)

    def step(self, delta: int) -> None:
        top = self.line.qty if self.line else 99.0
        self.qty = max(0.0, min(top, self.qty + delta))
        unit = self.line.unit if self.line else ""
        self.qty_label.setText(f"{self.qty:g} {unit}")

    def take_photo(self) -> None:
        """A webcam frame where the kiosk has a camera that takes one; the demo card in the
        demo; else the issue is saved without a photo and the button says so."""
        take = getattr(self.ctx.kiosk, "take_photo", None)
        try:
            if callable(take):
                data, mime = take()
                self.photo = (bytes(data), str(mime))
            elif self.ctx.kiosk.demo:
                self.photo = demo_photo(self.order.order_id, self.note.text())
        except Exception:
            self.photo = None
        self.photo_button.setText(
            translate("pickup", "Photo taken")
            if self.photo
            else translate("pickup", "No camera: saved without a photo")
        )

    def save(self) -> None:
        photo, mime = self.photo if self.photo else (None, "image/jpeg")
        self.result_value = IssueInput(self.kind, self.qty, self.note.text().strip(), photo, mime)
        self.accept()
