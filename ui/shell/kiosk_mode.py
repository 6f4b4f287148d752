"""Kiosk mode: the window is fullscreen and cannot be closed or left without a manager's
PIN. This dialog asks for it (checked, counted and locked out like any PIN; nobody is
logged in or out by it). With `roles=None` any staff PIN opens it: leaving self-service."""

from __future__ import annotations

from kiosk.session import Clerk
from ui.context import UiContext
from ui.qt import QDialog, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from ui.shell.pinpanel import PinPanel

MANAGERS = frozenset({"manager"})


class ManagerPinDialog(QDialog):
    accepted_clerk = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        roles: frozenset[str] | None = MANAGERS,
        prompt: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managerPin")
        self.setWindowTitle(self.tr("Manager PIN") if roles == MANAGERS else self.tr("Staff PIN"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        title = QLabel(prompt or self.tr("A manager's PIN is needed to leave kiosk mode."), self)
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.panel = PinPanel(ctx, self, check_only=True, roles=roles)
        self.panel.accepted.connect(self._accepted)
        layout.addWidget(self.panel)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("managerPinCancel")
        cancel.setMinimumHeight(56)
        cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.resize(900, 560)
        self.panel.load()

    def _accepted(self, clerk: Clerk) -> None:
        self.accepted_clerk.emit(clerk)
        self.accept()
