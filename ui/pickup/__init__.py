"""The pickup screen: draws kiosk.flows.pickup.PickupFlow; all decisions live in the flow."""

from ui.pickup.panel import PickupPanel

__all__ = ["PickupPanel"]
