"""Stand-ins for the screens of the next issue while their package is not registered yet."""

from __future__ import annotations

from ui.context import UiContext
from ui.qt import QLabel, Qt, QVBoxLayout, QWidget
from ui.screen import Screen
from ui.words import translate


def placeholder_titles() -> dict[str, str]:
    return {
        "pickup": translate("placeholders", "Pickup"),
        "checkin": translate("placeholders", "Check-in"),
        "handover": translate("placeholders", "Handover"),
        "orders": translate("placeholders", "Orders"),
        "shift": translate("placeholders", "Shift"),
        "devices": translate("placeholders", "Devices"),
        "sync": translate("placeholders", "Sync"),
        "settings": translate("placeholders", "Settings"),
    }


PLACEHOLDER_PERMISSIONS: dict[str, str | None] = {
    "pickup": "pickup",
    "checkin": "check_in",
    "handover": "hand_over",
    "orders": None,
    "shift": None,
    "devices": "manage",
    "sync": "manage",
    "settings": "manage",
}


def make_placeholder(screen_id: str, shortcut: str) -> type[Screen]:
    """A Screen class for `screen_id` that says the screen is coming."""

    class Placeholder(Screen):
        def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
            super().__init__(ctx, parent)
            layout = QVBoxLayout(self)
            label = QLabel(translate("placeholders", "This screen is coming soon."), self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("font-size: 28px; color: #546e7a;")
            layout.addWidget(label)

        def title(self) -> str:
            return placeholder_titles().get(self.screen_id, self.screen_id)

    Placeholder.screen_id = screen_id
    Placeholder.permission = PLACEHOLDER_PERMISSIONS.get(screen_id)
    Placeholder.shortcut = shortcut
    Placeholder.__name__ = f"Placeholder_{screen_id}"
    return Placeholder
