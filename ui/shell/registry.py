"""The screens the shell shows, in navigation order. A screen package adds itself here with
a one-line edit (import + entry). `pickup` is home. A placeholder stands in for a screen id
no package has registered yet (see ui/shell/placeholders.py)."""

from __future__ import annotations

from ui.checkin.screen import CheckinScreen
from ui.devices.screen import DevicesScreen
from ui.handover.screen import HandoverScreen
from ui.inspection.screen import InspectionScreen
from ui.live.screen import LiveScreen
from ui.orders.screen import OrdersScreen
from ui.pickup.screen import PickupScreen
from ui.screen import Screen
from ui.settings.screen import SettingsScreen
from ui.shift.screen import ShiftScreen
from ui.sync.screen import SyncScreen

# One import per screen package, e.g.:
# from ui.pickup.screen import PickupScreen

SCREENS: list[type[Screen]] = [
    PickupScreen,
    CheckinScreen,
    HandoverScreen,
    OrdersScreen,
    ShiftScreen,
    DevicesScreen,
    SyncScreen,
    SettingsScreen,
    LiveScreen,
    InspectionScreen,
]

# The screen ids in navigation order; a placeholder fills any id not in SCREENS.
NAV_ORDER: tuple[str, ...] = (
    "pickup",
    "checkin",
    "handover",
    "orders",
    "shift",
    "devices",
    "sync",
    "settings",
)
HOME = "pickup"
