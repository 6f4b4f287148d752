"""The top bar: one button per screen the logged-in role may use (pickup first, it is home),
each with its keyboard shortcut; on the right who is logged in (tap: switch clerk), lock,
and in demo mode "show a demo code"; in kiosk mode "leave kiosk mode" (manager PIN)."""

from __future__ import annotations

from ui.qt import QFrame, QHBoxLayout, QPushButton, Qt, QWidget, Signal
from ui.screen import Screen

NAV_PX = 60


def _button(text: str, parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setMinimumHeight(NAV_PX - 8)
    button.setMinimumWidth(72)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap never steals the scanner's focus
    return button


class NavBar(QFrame):
    screen_chosen = Signal(str)
    switch_clicked = Signal()
    lock_clicked = Signal()
    demo_code_clicked = Signal()
    leave_kiosk_clicked = Signal()

    STYLE = (
        "#navBar { background: #263238; }"
        " #navBar QPushButton { color: white; background: #37474f; border: none;"
        " border-radius: 6px; font-size: 16px; padding: 0 10px; }"
        " #navBar QPushButton:checked { background: #0288d1; }"
        " #navBar QPushButton#navClerk { background: #455a64; }"
        " #navBar QPushButton#navDemo { background: #6a1b9a; }"
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navBar")
        self.setFixedHeight(NAV_PX)
        self.setStyleSheet(self.STYLE)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 4, 8, 4)
        self.row.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        self.screens_box = QHBoxLayout()
        self.screens_box.setSpacing(6)
        self.row.addLayout(self.screens_box)
        self.row.addStretch(1)
        self.demo = _button(self.tr("Demo code") + "\nF12", self, "navDemo")
        self.demo.clicked.connect(self.demo_code_clicked.emit)
        self.demo.hide()
        self.demo_enabled = False  # the shell turns it on when a demo camera exists
        self.row.addWidget(self.demo)
        self.leave_kiosk = _button(self.tr("Leave kiosk mode"), self, "navLeaveKiosk")
        self.leave_kiosk.clicked.connect(self.leave_kiosk_clicked.emit)
        self.leave_kiosk.hide()
        self.row.addWidget(self.leave_kiosk)
        self.clerk = _button("", self, "navClerk")
        self.clerk.clicked.connect(self.switch_clicked.emit)
        self.row.addWidget(self.clerk)
        self.lock = _button(self.tr("Lock") + "\nCtrl+L", self, "navLock")
        self.lock.clicked.connect(self.lock_clicked.emit)
        self.row.addWidget(self.lock)

    def set_screens(self, screens: list[Screen]) -> None:
        """The screens this clerk may open, in navigation order."""
        for button in self.buttons.values():
            button.hide()
            self.screens_box.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for screen in screens:
            label = screen.title()
            if screen.shortcut:  # two short lines: nine screens fit a 1366 px wide screen
                label = f"{label}\n{screen.shortcut}"
            button = _button(label, self, f"nav-{screen.screen_id}")
            button.setCheckable(True)
            button.clicked.connect(
                lambda _=False, sid=screen.screen_id: self.screen_chosen.emit(sid)
            )
            self.screens_box.addWidget(button)
            self.buttons[screen.screen_id] = button

    def set_current(self, screen_id: str | None) -> None:
        for sid, button in self.buttons.items():
            button.setChecked(sid == screen_id)

    def set_clerk(self, name: str | None) -> None:
        switch = self.tr("switch clerk")
        self.clerk.setText(f"{name}\n{switch}" if name else self.tr("Log in"))
        self.lock.setVisible(name is not None)
        self.demo.setVisible(self.demo_enabled and name is not None)
