"""Verdict names of DESIGN.md and the plain English words the CLI and the UI start from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class VerdictName(StrEnum):
    """The verdict names of DESIGN.md; the CLI prints them as they are, the UI words them."""

    READY = "ready"
    PARTIALLY_PICKED_UP = "partially_picked_up"
    ALREADY_PICKED_UP = "already_picked_up"
    NOT_ARRIVED = "not_arrived"
    HANDED_OVER = "handed_over"
    CANCELLED = "cancelled"
    UNKNOWN_ORDER = "unknown_order"
    WRONG_STORE = "wrong_store"
    EXPIRED = "expired"
    FORGED = "forged"
    UNKNOWN_KEY = "unknown_key"
    MALFORMED = "malformed"


V = VerdictName
VERDICTS = tuple(VerdictName)

MESSAGES: dict[VerdictName, str] = {
    V.READY: "Ready: the order can be handed out.",
    V.PARTIALLY_PICKED_UP: "Part of this order was already picked up; the rest can be handed out.",
    V.ALREADY_PICKED_UP: "This order was already picked up. Do not hand it out again.",
    V.NOT_ARRIVED: "This order has not arrived at the store yet.",
    V.HANDED_OVER: "This order was handed over to the customer's team leader.",
    V.CANCELLED: "This order was cancelled or refunded. Do not hand it out.",
    V.UNKNOWN_ORDER: (
        "The code is genuine but this order is not in the kiosk yet (not synced). "
        "It can be served provisionally; sync will reconcile it."
    ),
    V.WRONG_STORE: "This code is for another store. Please send the customer to that store.",
    V.EXPIRED: "This code has expired. Ask the customer to refresh the code in the app.",
    V.FORGED: "This code is not genuine (signature check failed). Do not hand anything out.",
    V.UNKNOWN_KEY: (
        "This code was signed with a key this kiosk does not know or no longer "
        "trusts. Sync the kiosk, or use the 6-digit pickup code."
    ),
    V.MALFORMED: "This is not a pickup code. Scan the customer's pickup QR code again.",
}


class Detail(StrEnum):
    """What else a verdict says, as a code with params: the UI words it (zh_CN / en)."""

    NONE = ""
    OVERDUE = "overdue"  # ready, but past its pickup days
    REFUNDED = "refunded"
    RETURNED = "returned"
    NO_SUCH_CODE = "no_such_code"  # a 6-digit code no order has: params code
    BAD_CODE = "bad_code"  # typed digits that are neither a code nor a phone tail
    NO_PHONE_MATCH = "no_phone_match"  # params tail
    SEVERAL_FOR_PHONE = "several_for_phone"  # params count, tail
    SEVERAL_FOR_CODE = "several_for_code"  # params count, code
    NOTHING_SCANNED = "nothing_scanned"
    CHINESE_INPUT = "chinese_input"  # scanner / keyboard in Chinese input mode
    GARBLED_LAYOUT = "garbled_layout"  # keyboard layout or Caps Lock
    NOT_SYNCED = "not_synced"  # genuine token, order not in the kiosk yet


# verdicts that let the clerk go on to confirm a pickup
CAN_PICK_UP = frozenset({V.READY, V.PARTIALLY_PICKED_UP})


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str
    order_id: str | None
    message: str  # plain English for the CLI and logs; the UI words `verdict` + `detail`
    detail: str = Detail.NONE
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str, default: str = "") -> str:
        return dict(self.params).get(name, default)

    @property
    def can_pick_up(self) -> bool:
        return self.verdict in CAN_PICK_UP

    def as_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "order_id": self.order_id, "message": self.message}
