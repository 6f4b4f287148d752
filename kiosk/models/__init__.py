"""All tables. Import this package to have every model registered on Base.metadata.

Each area keeps its tables in its own module (readings, printing, sync add theirs).
"""

from __future__ import annotations

import importlib
import pkgutil

from kiosk.models.base import Base
from kiosk.models.core import (
    Batch,
    Bin,
    Customer,
    Handover,
    Inspection,
    IssueReport,
    Leader,
    Media,
    Order,
    OrderLine,
    Shift,
    Staff,
    Store,
    Supplier,
)
from kiosk.models.ledger import AuditEntry, OutboxEvent, PlatformKey, Setting, SyncState

for _mod in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_mod.name}")

__all__ = [
    "AuditEntry",
    "Base",
    "Batch",
    "Bin",
    "Customer",
    "Handover",
    "Inspection",
    "IssueReport",
    "Leader",
    "Media",
    "Order",
    "OrderLine",
    "OutboxEvent",
    "PlatformKey",
    "Setting",
    "Shift",
    "Staff",
    "Store",
    "Supplier",
    "SyncState",
]
