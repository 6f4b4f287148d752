"""Pick a person, type a PIN on the touch pad: the login screen and the manager PIN dialog
(leaving kiosk mode) are both this panel. The PIN check (argon2, ~0.1 s) runs on the database
worker; the panel only draws."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from kiosk.ports import utcnow
from kiosk.session import Clerk, LoginResult, StaffCard
from ui.context import UiContext
from ui.qt import QGridLayout, QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from ui.shell.words import login_message, role_word
from ui.widgets.numpad import NumPad


class PinPanel(QWidget):
    """`accepted(Clerk)` after a right PIN. With `check_only` the PIN is checked without
    logging anyone in (kiosk-mode exit); `roles` limits who is offered."""

    accepted = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        check_only: bool = False,
        roles: frozenset[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.check_only = check_only
        self.roles = roles
        self.cards: list[StaffCard] = []
        self.selected: StaffCard | None = None
        self.busy = False
        row = QHBoxLayout(self)
        row.setSpacing(24)
        left = QVBoxLayout()
        self.tiles = QGridLayout()
        self.tiles.setSpacing(12)
        left.addLayout(self.tiles)
        left.addStretch(1)
        row.addLayout(left, 3)
        right = QVBoxLayout()
        self.who = QLabel(self)
        self.who.setObjectName("pinWho")
        self.who.setStyleSheet("font-size: 24px;")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.who)
        self.pad = NumPad(self, secret=True, max_length=8, key_px=64)
        self.pad.setMinimumHeight(self.pad.sizeHint().height())  # never squeezed: keys stay whole
        self.pad.submitted.connect(self.submit)
        right.addWidget(self.pad)
        self.message = QLabel(self)
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(48)
        self.message.setStyleSheet("font-size: 20px; color: #c62828;")
        right.addWidget(self.message)
        right.addStretch(1)
        row.addLayout(right, 2)
        self._show_selection()

    # --- people -----------------------------------------------------------------------

    def load(self) -> None:
        """Fetch the staff list on the database worker."""
        self.ctx.tasks.run_db(self.ctx.session.staff_cards, self.show_cards)

    def show_cards(self, cards: list[StaffCard]) -> None:
        self.cards = [c for c in cards if self.roles is None or c.role in self.roles]
        while self.tiles.count():
            item = self.tiles.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setObjectName("")
                widget.deleteLater()
        for i, card in enumerate(self.cards):
            label = f"{card.name}\n{role_word(card.role)}"
            if card.locked_until is not None and _still_locked(card.locked_until):
                label += "\n" + self.tr("locked for now")
            button = QPushButton(label, self)
            button.setObjectName(f"staff-{card.staff_id}")
            button.setMinimumSize(180, 96)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(
                "font-size: 22px; border-radius: 10px; background: #e3f2fd;"
                " border: 1px solid #90caf9;"
            )
            button.clicked.connect(lambda _=False, c=card: self.select(c))
            self.tiles.addWidget(button, i // 3, i % 3)
        if len(self.cards) == 1:
            self.select(self.cards[0])
        elif self.selected is not None:
            again = [c for c in self.cards if c.staff_id == self.selected.staff_id]
            self.selected = again[0] if again else None
            self._show_selection()

    def select(self, card: StaffCard) -> None:
        self.selected = card
        self.message.clear()
        self.pad.clear()
        self._show_selection()
        self.pad.field.setFocus()

    def _show_selection(self) -> None:
        if self.selected is None:
            self.who.setText(self.tr("Tap your name, then type your PIN"))
        else:
            self.who.setText(self.tr("PIN for %1").replace("%1", self.selected.name))
        self.pad.setEnabled(self.selected is not None)

    # --- PIN --------------------------------------------------------------------------

    def submit(self, pin: str) -> None:
        card = self.selected
        if card is None or not pin or self.busy:
            return
        self.busy = True
        session = self.ctx.session
        check: Callable[[], LoginResult] = (
            (lambda: session.check_pin(card.staff_id, pin))
            if self.check_only
            else (lambda: session.switch(card.staff_id, pin))
        )
        self.ctx.tasks.run_db(check, self.show_result, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.ctx.tasks.show_exception(exc)

    def show_result(self, result: LoginResult) -> None:
        self.busy = False
        self.pad.clear()
        if (
            result.ok
            and self.roles is not None
            and result.clerk is not None
            and result.clerk.role not in self.roles
        ):
            result = LoginResult("not_manager")
        self.message.setText(login_message(result))
        if result.ok and result.clerk is not None:
            self.accepted.emit(result.clerk)

    def accept_clerk(self, clerk: Clerk) -> None:
        """A badge logged someone in: the same as a right PIN."""
        self.message.clear()
        self.accepted.emit(clerk)


def _still_locked(until: datetime) -> bool:
    """The ledger keeps naive UTC; compare as UTC."""
    if until.tzinfo is None:
        until = until.replace(tzinfo=UTC)
    return until > utcnow()
