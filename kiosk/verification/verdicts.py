"""Verdict names of DESIGN.md and the plain English words the CLI and the UI start from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VERDICTS = (
    "ready", "partially_picked_up", "already_picked_up", "not_arrived", "handed_over",
    "cancelled", "unknown_order", "wrong_store", "expired", "forged", "unknown_key", "malformed",
)

MESSAGES: dict[str, str] = {
    "ready": "Ready: the order can be handed out.",
    "partially_picked_up": "Part of this order was already picked up; the rest can be handed out.",
    "already_picked_up": "This order was already picked up. Do not hand it out again.",
    "not_arrived": "This order has not arrived at the store yet.",
    "handed_over": "This order was handed over to the customer's team leader.",
    "cancelled": "This order was cancelled or refunded. Do not hand it out.",
    "unknown_order": ("The code is genuine but this order is not in the kiosk yet (not synced). "
                      "It can be served provisionally; sync will reconcile it."),
    "wrong_store": "This code is for another store. Please send the customer to that store.",
    "expired": "This code has expired. Ask the customer to refresh the code in the app.",
    "forged": "This code is not genuine (signature check failed). Do not hand anything out.",
    "unknown_key": ("This code was signed with a key this kiosk does not know or no longer "
                    "trusts. Sync the kiosk, or use the 6-digit pickup code."),
    "malformed": "This is not a pickup code. Scan the customer's pickup QR code again.",
}

# verdicts that let the clerk go on to confirm a pickup
CAN_PICK_UP = frozenset({"ready", "partially_picked_up"})


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str
    order_id: str | None
    message: str

    @property
    def can_pick_up(self) -> bool:
        return self.verdict in CAN_PICK_UP

    def as_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "order_id": self.order_id, "message": self.message}
