"""The pickup counter screen (ui/pickup/screen.py): draws kiosk.flows.pickup.PickupFlow
snapshots; all decisions live in the flow and the core."""

from ui.pickup.shots import screenshot_states

__all__ = ["screenshot_states"]
