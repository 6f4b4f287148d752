"""Issue 14's acceptance with real X input against the real kiosk window (Xvfb + xdotool):
a 100-bag van checked in by scanning (one shortage, one damaged bag with a photo, the
temperature), and a 30-order handover by badge + bag scans + the leader's PIN with a foreign
bag refused. The scripted clerk counts every action."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "xreal"))  # the one harness

from xreal_kiosk import SCANNER_GAP_MS, RealKiosk, real_kiosk

from bench.day import DayStore
from kiosk.db import DB_FILENAME, Database
from kiosk.flows.bags import bag_label
from kiosk.models import IssueReport, Order, OrderLine, OutboxEvent
from kiosk.models.printing import PrintJob


def _by_hand(clerk: RealKiosk) -> list[str]:
    """What the clerk did besides scanning and the function key that opened the screen."""
    return [a for a in clerk.actions if a != "scan" and not a.startswith("key F")]


def _db(day: DayStore) -> Database:
    return Database(day.data_dir / DB_FILENAME, migrate=False)


def _events(day: DayStore, kind: str) -> list[OutboxEvent]:
    db = _db(day)
    try:
        with db.reader() as s:
            return list(s.scalars(select(OutboxEvent).where(OutboxEvent.type == kind)))
    finally:
        db.close()


def _jobs(day: DayStore, kind: str) -> list[str]:
    db = _db(day)
    try:
        with db.reader() as s:
            return [j.ref for j in s.scalars(select(PrintJob).where(PrintJob.kind == kind))]
    finally:
        db.close()


def test_a_100_bag_van_by_scanning_with_shortage_damage_photo_temperature(
    day: DayStore, tmp_path: Path
) -> None:
    db = _db(day)
    with db.reader() as s:  # two bags that keep something in them after one unit is short
        several = [
            oid
            for oid, n in s.execute(
                select(OrderLine.order_id, func.count())
                .where(OrderLine.order_id.in_(day.van_orders))
                .group_by(OrderLine.order_id)
            )
            if n > 1
        ]
    db.close()
    short_bag, damaged_bag = several[0], several[1]
    with real_kiosk(day.data_dir, tmp_path, scanner_gap_ms=SCANNER_GAP_MS) as clerk:
        clerk.key("F2")
        clerk.wait(lambda d: d["screen"] == "checkin", "the check-in screen")
        for i, order_id in enumerate(day.van_orders):
            clerk.scan(bag_label(day.store_id, order_id))
            clerk.wait(
                lambda d, n=i + 1: f"{n} / 100" in d["widgets"]["checkin-counter"]["text"],
                f"bag {i + 1} counted",
            )
            if order_id in (short_bag, damaged_bag):
                before = clerk.text("checkin-banner")
                clerk.click("short-0" if order_id == short_bag else "damage-0")
                clerk.wait(
                    lambda d, b=before: d["widgets"]["checkin-banner"]["text"] != b,
                    "the problem noted",
                )
        assert clerk.text("checkin-bin"), "the bin of the last bag is on screen"
        clerk.type_in("checkin-temp", "4.5")
        clerk.wait(lambda d: "4.5" in d["widgets"]["checkin-banner"]["text"], "the temperature")
        clerk.click("finish")
        clerk.wait(lambda d: not d["widgets"]["finish"]["enabled"], "the check-in finished")
        assert clerk.scans == 100
        assert len(_by_hand(clerk)) <= 4, clerk.actions
    [arrived] = _events(day, "batch.arrived")
    assert arrived.payload["temperature_c"] == 4.5
    db = _db(day)
    try:
        with db.reader() as s:
            van = s.scalars(select(Order).where(Order.batch_id == day.batch_id)).all()
            assert len(van) == 100 and all(o.status == "ready" and o.bin_code for o in van)
            issues = {i.order_id: i for i in s.scalars(select(IssueReport))}
            assert issues[short_bag].kind == "missing"
            assert issues[damaged_bag].kind == "damaged" and issues[damaged_bag].media
            sheets = s.scalars(select(PrintJob).where(PrintJob.kind == "checkin")).all()
            assert [j.ref for j in sheets] == [day.batch_id]  # the check-in sheet was queued
    finally:
        db.close()


def test_a_30_order_handover_by_badge_scans_and_pin_with_a_foreign_bag_refused(
    day: DayStore, tmp_path: Path
) -> None:
    with real_kiosk(day.data_dir, tmp_path, scanner_gap_ms=SCANNER_GAP_MS) as clerk:
        clerk.key("F3")
        clerk.wait(lambda d: d["screen"] == "handover", "the handover screen")
        clerk.scan(day.badge)
        clerk.wait(
            lambda d: "0 / 30" in d["widgets"].get("handover-counter", {}).get("text", ""),
            "the leader's 30 orders",
        )
        for i, order_id in enumerate(day.leader_orders):
            clerk.scan(bag_label(day.store_id, order_id))
            clerk.wait(
                lambda d, n=i + 1: f"{n} / 30" in d["widgets"]["handover-counter"]["text"],
                f"bag {i + 1} ticked",
            )
            if i == 14:
                before = clerk.text("handover-banner")
                clerk.scan(bag_label(day.store_id, day.foreign_leader_order))
                doc = clerk.wait(
                    lambda d, b=before: d["widgets"]["handover-banner"]["text"] != b,
                    "the foreign bag refused",
                )
                assert "周*敏" in doc["widgets"]["handover-banner"]["text"]
                assert "15 / 30" in doc["widgets"]["handover-counter"]["text"]
        clerk.type_in("handover-pin", day.leader_pin)
        clerk.wait(lambda d: bool(_events(day, "order.handed_over")), "order.handed_over")
        clerk.wait(lambda d: bool(_jobs(day, "handover")), "the handover slip queued")
        assert clerk.scans == 1 + 30 + 1  # badge, 30 bags, the refused foreign bag
        assert _by_hand(clerk) == ["type handover-pin"], clerk.actions
    [event] = _events(day, "order.handed_over")
    assert sorted(event.payload["order_ids"]) == sorted(day.leader_orders)
    assert event.payload["confirmed_by"] == "pin"
    assert _jobs(day, "handover") == [event.payload["handover_id"]]
