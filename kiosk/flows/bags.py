"""What a scanned label at the back door or the handover desk is: a bag, a shelf bin or a
team leader's badge. Pure parsing, no database.

Bag labels are printed by the warehouse: `LKB1.<store_id>.<order_id>` (one bag per order),
and the order number alone is accepted too (typed from the label when it is torn). Shelf
labels are `LKS1.<store_id>.<bin_code>` or the bin code as printed (`A-03`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BAG_PREFIX = "LKB1"
SHELF_PREFIX = "LKS1"
_ORDER_ID = re.compile(r"^[A-Z]{2}\d{6,}$")
_BIN_CODE = re.compile(r"^[A-Z]{1,2}-\d{1,3}$")


@dataclass(frozen=True, slots=True)
class BagLabel:
    order_id: str
    store_id: str | None  # None when only the order number was read


@dataclass(frozen=True, slots=True)
class ShelfLabel:
    bin_code: str
    store_id: str | None


def bag_label(store_id: str, order_id: str) -> str:
    """The text a warehouse prints on an order's bag (also used by tests and the bench)."""
    return f"{BAG_PREFIX}.{store_id}.{order_id}"


def shelf_label(store_id: str, bin_code: str) -> str:
    return f"{SHELF_PREFIX}.{store_id}.{bin_code}"


def parse_bag(text: str) -> BagLabel | None:
    t = text.strip()
    parts = t.split(".")
    if len(parts) == 3 and parts[0] == BAG_PREFIX and parts[1] and parts[2]:
        return BagLabel(parts[2], parts[1])
    if _ORDER_ID.match(t):
        return BagLabel(t, None)
    return None


def parse_shelf(text: str) -> ShelfLabel | None:
    t = text.strip()
    parts = t.split(".")
    if len(parts) == 3 and parts[0] == SHELF_PREFIX and parts[1] and parts[2]:
        return ShelfLabel(parts[2], parts[1])
    if _BIN_CODE.match(t):
        return ShelfLabel(t, None)
    return None
