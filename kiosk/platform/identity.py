"""Who this kiosk is: store id and device id, kept in settings.

Before enrollment the device id is a local UUID; enrollment replaces both with the
platform's values (sync writes them through `set_identity`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk.models import Setting


@dataclass(frozen=True, slots=True)
class Identity:
    store_id: str
    device_id: str


def get_setting(session: Session, key: str, default: object = None) -> object:
    row = session.get(Setting, key)
    return default if row is None else row.value


def put_setting(session: Session, key: str, value: object) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def get_identity(session: Session) -> Identity:
    """The current identity; creates a local device id on first use."""
    device_id = get_setting(session, "device_id")
    if not isinstance(device_id, str):
        device_id = f"local-{uuid.uuid4()}"
        put_setting(session, "device_id", device_id)
    store_id = get_setting(session, "store_id", "")
    return Identity(store_id=str(store_id), device_id=device_id)


def set_identity(session: Session, *, store_id: str, device_id: str) -> None:
    put_setting(session, "store_id", store_id)
    put_setting(session, "device_id", device_id)
