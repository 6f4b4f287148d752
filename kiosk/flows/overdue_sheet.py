"""The printed overdue (滞留) list: what a clerk takes to the shelves to pull the bags that
go back. Printed documents are worded in Chinese like every slip of kiosk.printing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from kiosk.printing.layout import Align, Block, Columns, Cut, Document, Rule, Text
from kiosk.queries.orders import OrderRow


class DocumentQueue(Protocol):
    def enqueue(self, doc: Document, *, ref: str = "", dedupe_key: str | None = None) -> str: ...


def overdue_document(rows: Sequence[OrderRow], *, store: str, days: int, at: datetime) -> Document:
    blocks: list[Block] = [
        Text("滞留订单清单", bold=True, width=2, height=2, align=Align.CENTER),
        Text(store, align=Align.CENTER),
        Text(f"超过 {days} 天未取 · {at:%Y-%m-%d %H:%M}", align=Align.CENTER),
        Rule(),
        Columns("货位  订单号", "尾号 天数", bold=True),
    ]
    for r in rows:
        blocks.append(
            Columns(
                f"{r.bin_code or '—'}  {r.order_id}", f"{r.phone_tail or '----'} {r.days_waiting}天"
            )
        )
    blocks += [Rule(), Columns("合计", f"{len(rows)} 单", bold=True), Cut()]
    return Document("overdue", "滞留订单清单", tuple(blocks))


def print_overdue(
    printer: object | None, rows: Sequence[OrderRow], *, store: str, days: int, at: datetime
) -> bool:
    """Queue the list on the print queue behind `printer` (the SlipQueue's `.queue`)."""
    queue = getattr(printer, "queue", None)
    enqueue = getattr(queue, "enqueue", None)
    if not callable(enqueue):
        return False
    enqueue(overdue_document(rows, store=store, days=days, at=at), ref="overdue")
    return True
