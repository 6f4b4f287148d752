"""Shared bits for the inspection tests: a supplier, a filled inspection, a tiny JPEG."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from kiosk.db import Database
from kiosk.inspection import service
from kiosk.inspection.template import DEFAULT
from kiosk.models import Supplier
from kiosk.ports import Reading, ReadingKind, ReadingStatus
from kiosk.readings.context import ReadingContext
from kiosk.readings.service import save_reading

AT = datetime(2026, 6, 1, 2, 15, 2, tzinfo=UTC)
SIGNATURE = [[(0.1, 0.5), (0.3, 0.2), (0.5, 0.8), (0.9, 0.4)]]


def jpeg(colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def add_supplier(db: Database, sid: str = "SUP-T1", name: str = "崇明绿源蔬菜合作社") -> str:
    with db.session() as s:
        s.add(Supplier(id=sid, name=name, address="上海市崇明区", data={}))
    return sid


def pesticide(db: Database, iid: str, *, positive: bool = False) -> str:
    reading = Reading(
        ReadingKind.PESTICIDE,
        62.0 if positive else 8.0,
        "%",
        True,
        ReadingStatus.OK,
        b"PST,03,S0007,...*00\r\n",
        AT,
        (
            ("record", "result"),
            ("sample_id", "S0007"),
            ("dA0", "0.512"),
            ("dAt", "0.195" if positive else "0.471"),
        ),
    )
    ctx = ReadingContext(
        operator_id="S-001",
        context="inspection",
        session_id=iid,
        product="小白菜",
        instrument_model="SIM-PST",
        instrument_serial="P1",
    )
    with db.session() as s:
        rid = save_reading(s, reading, ctx).reading_id
        service.attach_reading(s, iid, rid)
    return rid


def fill_all(db: Database, data_dir: Path, iid: str, *, fail: tuple[str, ...] = ()) -> None:
    """Answer every applicable item (pass, or fail with a photo and a note)."""
    with db.session() as s:
        for it in DEFAULT.items:
            if it.id in fail:
                service.answer(s, iid, it.id, "fail")
                service.note(s, iid, it.id, f"problem at {it.id}")
                service.add_photo(s, data_dir, iid, it.id, jpeg((hash(it.id) % 255, 80, 80)))
            else:
                service.answer(s, iid, it.id, "pass")


def sign_both(db: Database, iid: str) -> None:
    with db.session() as s:
        service.sign(s, iid, role="inspector", name="王检查", strokes=SIGNATURE)
        service.sign(s, iid, role="supplier", name="李代表", strokes=SIGNATURE)
