"""The counter as a clerk uses it: the real window on a real X server (Xvfb), real X key
events from xdotool (a handheld scanner types at 5 ms a key plus Enter), real clicks, and the
ledger read back from SQLite. The old app-wide filter doubled every scanned key here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from xreal_kiosk import RealKiosk

from kiosk.db import Database
from kiosk.models import Order, OutboxEvent
from kiosk.models.printing import PrintJob


def ledger(k: RealKiosk, order_id: str) -> tuple[str, int, int]:
    """(status, pickup events, receipt jobs) of an order, read from the kiosk's SQLite."""
    db = Database(k.data_dir / "kiosk.sqlite3", migrate=False)
    try:
        with db.reader() as s:
            order = s.get(Order, order_id)
            events = [
                e
                for e in s.scalars(select(OutboxEvent).where(OutboxEvent.type == "order.picked_up"))
                if e.payload.get("order_id") == order_id
            ]
            jobs = list(s.scalars(select(PrintJob).where(PrintJob.ref == order_id)))
            return (order.status if order else "", len(events), len(jobs))
    finally:
        db.close()


def ready(manifest: dict[str, Any], i: int) -> str:
    return str(manifest["orders"]["ready"][i]["order_id"])


def scan_and_wait(k: RealKiosk, token: str, order_id: str) -> None:
    drawn = k.pickup().get("drawn", 0)
    k.scan(token)
    k.wait(
        lambda d: (
            k.settled(drawn)(d)
            and d["pickup"]["order"] == order_id
            and d["pickup"]["verdict"] == "ready"
        ),
        f"the verdict for {order_id}",
    )


def enter_and_wait_picked(k: RealKiosk, order_id: str) -> None:
    drawn = k.pickup()["drawn"]
    k.key("Return")
    k.wait(lambda d: k.settled(drawn)(d) and d["pickup"]["step"] == "done", "the pickup")
    assert ledger(k, order_id) == ("picked_up", 1, 1)


def test_scan_then_enter_anywhere(
    real: RealKiosk, tokens: dict[str, str], manifest: dict[str, Any]
) -> None:
    """One window, three focus situations, one pickup each; then forged and repeated codes."""
    k = real
    k.wait(lambda d: d["screen"] == "pickup", "the pickup screen (demo clerk logged in)")
    # 1. as it opens: the token typed at 5 ms a key plus Enter, then Enter
    first = ready(manifest, 0)
    token = tokens[first]
    assert len(token) > 150
    fed = k.pickup()["keys_fed"]
    scan_and_wait(k, token, first)
    assert k.pickup()["keys_fed"] - fed == len(token) + 1, "each key counted once"
    enter_and_wait_picked(k, first)
    assert k.actions == ["scan", "key Return"], "a normal pickup is two actions"
    # 2. with the focus in a text field (the clerk tapped the code field)
    k.click("pickupEntry")
    second = ready(manifest, 1)
    scan_and_wait(k, tokens[second], second)
    assert k.text("pickupEntry") == "", "the scan's characters were taken back out of the field"
    enter_and_wait_picked(k, second)
    # 3. after a button was clicked (the pad's Clear key, then the nav's own button)
    k.click("padClear")
    k.click("nav-pickup")
    third = ready(manifest, 2)
    scan_and_wait(k, tokens[third], third)
    enter_and_wait_picked(k, third)
    # a forged code, then Enter: nothing changes
    forged = tokens[ready(manifest, 3)]
    head, payload, sig = forged.split(".")
    middle = len(sig) // 2
    sig = sig[:middle] + ("A" if sig[middle] != "A" else "B") + sig[middle + 1 :]
    drawn = k.pickup()["drawn"]
    k.scan(f"{head}.{payload}.{sig}")
    k.wait(lambda d: k.settled(drawn)(d) and d["pickup"]["verdict"] == "forged", "forged")
    assert not k.widget("confirmButton")["enabled"]
    before = k.pickup()["drawn"]
    k.key("Return")
    k.wait(lambda d: d["pickup"]["pending"] == 0, "nothing in flight")
    assert k.pickup()["verdict"] == "forged" and k.pickup()["drawn"] == before
    assert ledger(k, ready(manifest, 3)) == ("ready", 0, 0)
    # the same (picked up) code again, then Enter: already picked up, no second event
    drawn = k.pickup()["drawn"]
    k.scan(token)
    k.wait(
        lambda d: k.settled(drawn)(d) and d["pickup"]["verdict"] == "already_picked_up",
        "already picked up",
    )
    k.key("Return")
    k.wait(lambda d: d["pickup"]["pending"] == 0, "nothing in flight")
    assert ledger(k, first) == ("picked_up", 1, 1)


def test_a_slow_typist_finds_the_order_by_its_code(
    real: RealKiosk, manifest: dict[str, Any]
) -> None:
    k = real
    k.wait(lambda d: d["screen"] == "pickup", "the pickup screen")
    entry = manifest["orders"]["ready"][4]
    k.click("nav-pickup")  # the focus on a button: typed digits still land in the pad field
    k.type_slowly(entry["pickup_code"], delay_ms=220)
    k.wait(
        lambda d: d["widgets"]["pickupEntry"]["text"] == entry["pickup_code"],
        "the six digits in the pad field",
    )
    drawn = k.pickup()["drawn"]
    k.key("Return")
    k.wait(
        lambda d: k.settled(drawn)(d) and d["pickup"]["order"] == entry["order_id"],
        "the order found by its code",
    )
    assert k.pickup()["verdict"] == "ready" and k.widget("confirmButton")["enabled"]


def test_the_touch_pad_finds_an_order_by_taps(real: RealKiosk, manifest: dict[str, Any]) -> None:
    k = real
    k.wait(lambda d: d["screen"] == "pickup", "the pickup screen")
    entry = manifest["orders"]["ready"][5]
    for digit in entry["pickup_code"]:
        k.click(f"padKey{digit}")
    k.wait(lambda d: d["widgets"]["pickupEntry"]["text"] == entry["pickup_code"], "six taps")
    drawn = k.pickup()["drawn"]
    k.click("padFind")
    k.wait(
        lambda d: k.settled(drawn)(d) and d["pickup"]["order"] == entry["order_id"],
        "the order found by the pad",
    )
    drawn = k.pickup()["drawn"]
    k.click("confirmButton")  # one tap hands it out
    k.wait(lambda d: k.settled(drawn)(d) and d["pickup"]["step"] == "done", "the pickup")
    assert ledger(k, entry["order_id"]) == ("picked_up", 1, 1)
