"""The login screen: who is at the counter (staff tiles + PIN pad), a badge scan logs in
too, the lockout in plain words. With --demo the demo PINs are shown here. "Back" returns to
the counter when a clerk only wanted to switch and changed their mind."""

from __future__ import annotations

from kiosk.changes import Changes
from kiosk.ports import ScanEvent
from kiosk.session import LoginResult, StaffCard
from ui.context import UiContext
from ui.qt import QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from ui.shell.first_setup import FirstSetup
from ui.shell.pinpanel import PinPanel
from ui.shell.words import login_message


class LoginScreen(QWidget):
    back_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("login")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 12)
        top = QHBoxLayout()
        title = QLabel(self.tr("Who is at the counter?"), self)
        title.setStyleSheet("font-size: 32px; font-weight: bold;")
        top.addWidget(title)
        hint = QLabel(self.tr("Tap your name and type your PIN, or scan your staff badge."), self)
        hint.setStyleSheet("font-size: 18px; color: #546e7a; margin-left: 16px;")
        top.addWidget(hint, 1)
        self.back = QPushButton(self.tr("Back to the counter"), self)
        self.back.setObjectName("loginBack")
        self.back.setMinimumSize(200, 56)
        self.back.setStyleSheet("font-size: 20px;")
        self.back.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back.clicked.connect(self.back_requested.emit)
        top.addWidget(self.back)
        layout.addLayout(top)
        self.setup = FirstSetup(ctx, self)
        self.setup.hide()  # only while nobody can log in
        self.setup.enrolled.connect(self.activated)
        layout.addWidget(self.setup)
        self.panel = PinPanel(ctx, self)
        layout.addWidget(self.panel, 1)
        self.demo = QLabel(self)
        self.demo.setObjectName("demoPins")
        self.demo.setWordWrap(True)
        self.demo.setStyleSheet(
            "font-size: 18px; color: #6a1b9a; background: #f3e5f5;"
            " padding: 8px; border-radius: 6px;"
        )
        self.demo.setVisible(bool(ctx.kiosk.demo_pins))
        layout.addWidget(self.demo)
        self._show_demo_pins()
        ctx.hooks.operation_did_execute.connect(self._on_changes)
        ctx.hooks.sync_status_did_change.connect(self._on_sync)

    def _on_sync(self, _status: object) -> None:
        if self.setup.isVisible():  # waiting for the first sync's staff list
            self.ctx.tasks.run_db(self.ctx.session.staff_cards, self._cards)

    def _on_changes(self, changes: object) -> None:
        """The first sync brought the staff list: show their tiles."""
        if isinstance(changes, Changes) and (changes.staff or changes.sync) and self.isVisible():
            self.ctx.tasks.run_db(self.ctx.session.staff_cards, self._cards)

    def _show_demo_pins(self) -> None:
        pins = self.ctx.kiosk.demo_pins
        if not pins:
            return
        names = {c.staff_id: c.name for c in self.panel.cards}
        shown = "   ".join(f"{names.get(sid, sid)}: {pin}" for sid, pin in pins.items())
        self.demo.setText(self.tr("Demo PINs: %1").replace("%1", shown))

    def activated(self) -> None:
        self.back.setVisible(self.ctx.session.clerk is not None)
        self.panel.message.clear()
        self.panel.pad.clear()
        self.ctx.tasks.run_db(self.ctx.session.staff_cards, self._cards)

    def _cards(self, cards: list[StaffCard]) -> None:
        self.setup.setVisible(not cards)
        self.panel.show_cards(cards)
        self._show_demo_pins()
        self.panel.pad.field.setFocus()

    def on_scan(self, scan: ScanEvent) -> bool:
        """A staff badge logs in; anything else is not for this screen."""
        text = scan.text.strip()
        if not text:
            return False
        session = self.ctx.session
        self.ctx.tasks.run_db(lambda: session.login_badge(text), self._badge_result)
        return True

    def _badge_result(self, result: LoginResult) -> None:
        if result.ok and result.clerk is not None:
            self.panel.accept_clerk(result.clerk)
        else:
            self.panel.message.setText(login_message(result))
