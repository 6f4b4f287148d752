"""The check-in desk's outcomes in words (kiosk.flows.batch_desk codes + params)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.flows.batch_desk import Code, Outcome
from kiosk.flows.coldchain import TempCheck, Zone
from kiosk.ledger.order_state import OrderStatus
from ui.qt import QCoreApplication

translate = QCoreApplication.translate  # literal contexts below: pyside6-lupdate extracts them


def fill(text: str, params: dict[str, str]) -> str:
    for key, value in params.items():
        text = text.replace("{" + key + "}", value)
    return text


def zone_word(zone: Zone | str) -> str:
    words: dict[str, Callable[[], str]] = {
        Zone.AMBIENT: lambda: translate("checkin", "ambient"),
        Zone.CHILLED: lambda: translate("checkin", "chilled"),
        Zone.FROZEN: lambda: translate("checkin", "frozen"),
    }
    return words.get(str(zone), lambda: str(zone))()


def status_word(status: str) -> str:
    words: dict[str, Callable[[], str]] = {
        OrderStatus.DISPATCHED: lambda: translate("checkin", "on its way"),
        OrderStatus.READY: lambda: translate("checkin", "already on the shelf"),
        OrderStatus.PARTIALLY_PICKED_UP: lambda: translate("checkin", "partly picked up"),
        OrderStatus.PICKED_UP: lambda: translate("checkin", "already picked up"),
        OrderStatus.HANDED_OVER: lambda: translate("checkin", "handed to its team leader"),
        OrderStatus.OVERDUE: lambda: translate("checkin", "overdue on the shelf"),
        OrderStatus.RETURNED: lambda: translate("checkin", "returned to the warehouse"),
        OrderStatus.CANCELLED: lambda: translate("checkin", "cancelled"),
        OrderStatus.REFUNDED: lambda: translate("checkin", "refunded"),
    }
    return words.get(status, lambda: translate("checkin", "in another state"))()


def temp_word(check: str, zone: str, celsius: str, band: tuple[float, float] | None) -> str:
    low, high = (f"{band[0]:g}", f"{band[1]:g}") if band else ("", "")
    p = {"zone": zone_word(zone), "c": celsius, "min": low, "max": high}
    words: dict[str, Callable[[], str]] = {
        TempCheck.IN_BAND: lambda: translate(
            "checkin", "{zone}: {c} °C, within {min} to {max} °C."
        ),
        TempCheck.TOO_WARM: lambda: translate(
            "checkin",
            "Too warm! {zone} goods must be {min} to {max} °C, "
            "the van is at {c} °C. Tell the driver and note it.",
        ),
        TempCheck.TOO_COLD: lambda: translate(
            "checkin",
            "Too cold! {zone} goods must be {min} to {max} °C, "
            "the van is at {c} °C. Check for frozen damage.",
        ),
        TempCheck.IMPLAUSIBLE: lambda: translate(
            "checkin", "{c} °C cannot be right: measure again."
        ),
    }
    return fill(words.get(check, words[TempCheck.IMPLAUSIBLE])(), p)


def outcome_text(outcome: Outcome) -> str:
    p = dict(outcome.params)
    if outcome.code is Code.TEMP_RECORDED:
        return temp_word(p.get("check", ""), p.get("zone", ""), p.get("celsius", ""), None)
    if "zone" in p:
        p["zone"] = zone_word(p["zone"])
    if "wanted" in p:
        p["wanted"] = zone_word(p["wanted"])
    if "status" in p:
        p["status"] = status_word(p["status"])
    if "kind" in p and outcome.code is Code.PROBLEM_NOTED:
        p["kind"] = (
            translate("checkin", "short")
            if p["kind"] == "short"
            else translate("checkin", "damaged")
        )
    words: dict[Code, Callable[[], str]] = {
        Code.OPENED: lambda: translate(
            "checkin", "Delivery {batch}: {orders} bags expected. Scan the bags."
        ),
        Code.BAG_RECEIVED: lambda: translate("checkin", "Received. Put it in bin {bin}."),
        Code.BAG_AGAIN: lambda: translate(
            "checkin", "Already scanned (counted once). Its bin is {bin}."
        ),
        Code.BAG_UNTICKED: lambda: translate("checkin", "Unticked: this bag is not counted."),
        Code.OTHER_BATCH: lambda: translate(
            "checkin", "Not this delivery! This bag belongs to delivery {batch}. Put it aside."
        ),
        Code.OTHER_STORE: lambda: translate(
            "checkin", "Not our store! This bag is for store {store}. Give it back to the driver."
        ),
        Code.ALREADY_IN: lambda: translate(
            "checkin", "This order is not in this delivery: it is {status}."
        ),
        Code.UNKNOWN_BAG: lambda: translate(
            "checkin",
            "Unknown bag: no such order at this store. Put it aside and call the platform.",
        ),
        Code.NOT_A_LABEL: lambda: translate(
            "checkin", "That is not a bag or shelf label. Scan the label on the bag."
        ),
        Code.BIN_CHANGED: lambda: translate("checkin", "Bin changed to {bin}."),
        Code.BIN_OTHER_ZONE: lambda: translate(
            "checkin", "Bin changed to {bin}, but it is a {zone} bin and this bag needs {wanted}."
        ),
        Code.BIN_UNKNOWN: lambda: translate("checkin", "There is no bin {bin} at this store."),
        Code.NO_BAG_FOR_BIN: lambda: translate(
            "checkin", "Scan a bag first, then its shelf label."
        ),
        Code.PROBLEM_NOTED: lambda: translate("checkin", "{name}: {qty} {kind}."),
        Code.NO_BATCH: lambda: translate(
            "checkin", "Choose the delivery first (or scan one of its bags)."
        ),
        Code.FINISHED: lambda: translate("checkin", "Delivery {batch} checked in."),
        Code.REFUSED: lambda: (
            translate("checkin", "You may not check in a delivery: ask a manager.")
            if p.get("kind") == "not_allowed"
            else translate("checkin", "The check-in was refused: nothing was saved.")
        ),
    }
    return fill(words[outcome.code](), p)
