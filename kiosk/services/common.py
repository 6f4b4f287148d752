"""Small helpers shared by the services (each service is one `db.session()` transaction)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kiosk.errors import IllegalTransition
from kiosk.models import Order
from kiosk.platform.identity import get_setting

SETTING_DEFAULTS: dict[str, int] = {
    "pickup_reverse_window_min": 10,  # a mistaken pickup may be reversed this long after
    "overdue_after_days": 3,  # ready orders not collected after this many days are overdue
}


def int_setting(session: Session, key: str) -> int:
    value: Any = get_setting(session, key, SETTING_DEFAULTS[key])
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return SETTING_DEFAULTS[key]
    return value


def load_order(session: Session, order_id: str) -> Order:
    """The order, or IllegalTransition naming it in plain words when it is not here."""
    order = session.get(Order, order_id)
    if order is None:
        raise IllegalTransition(f"There is no order {order_id} at this store.")
    return order


def qty(value: float) -> float | int:
    """Quantities go out as ints when whole (2 not 2.0), so event payloads read naturally."""
    return int(value) if float(value).is_integer() else float(value)
