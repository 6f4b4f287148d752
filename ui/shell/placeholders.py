"""Stand-ins for the screens of the next issue while their package is not registered yet."""

from __future__ import annotations

from ui.context import UiContext
from ui.qt import QCoreApplication, QLabel, Qt, QVBoxLayout, QWidget
from ui.screen import Screen


def _t(text: str) -> str:
    return QCoreApplication.translate("placeholders", text)


def placeholder_titles() -> dict[str, str]:
    return {
        "pickup": _t("Pickup"),
        "checkin": _t("Check-in"),
        "handover": _t("Handover"),
        "orders": _t("Orders"),
        "shift": _t("Shift"),
        "devices": _t("Devices"),
        "sync": _t("Sync"),
        "settings": _t("Settings"),
    }


PLACEHOLDER_PERMISSIONS: dict[str, str | None] = {
    "pickup": "pickup", "checkin": "check_in", "handover": "hand_over", "orders": None,
    "shift": None, "devices": "manage", "sync": "manage", "settings": "manage",
}


def make_placeholder(screen_id: str, shortcut: str) -> type[Screen]:
    """A Screen class for `screen_id` that says the screen is coming."""

    class Placeholder(Screen):
        def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
            super().__init__(ctx, parent)
            layout = QVBoxLayout(self)
            label = QLabel(_t("This screen is coming soon."), self)
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
