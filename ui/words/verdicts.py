"""The pickup counter in words: verdict names, detail codes with params and pickup errors
from the core (kiosk.verification, kiosk.flows.pickup) become translated sentences.

English is the source text; Simplified Chinese comes from scripts/zh_CN.d/pickup.json.
Every string is a literal inside `translate("pickup", ...)` so pyside6-lupdate finds it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

from kiosk.errors import IllegalTransition, KioskError, NotAllowed
from kiosk.flows.pickup import NotShown, PickupSnapshot, PickupStep
from kiosk.services.pickup import OrderChanged
from kiosk.verification.verdicts import Detail, Verdict, VerdictName as V
from ui.qt import QCoreApplication

translate = QCoreApplication.translate


class Tone(StrEnum):
    """The colour and sound class of what the screen shows."""

    IDLE = "idle"
    GO = "go"  # green: hand it out
    DANGER = "danger"  # red: forged, other store, cancelled / refunded
    WAIT = "wait"  # amber: not arrived, expired, a code that finds nothing
    DONE = "done"  # purple: already picked up / handed over: do not hand out again
    SUCCESS = "success"  # after a pickup: what went out


COLOURS = {
    Tone.IDLE: "#546e7a",
    Tone.GO: "#2e7d32",
    Tone.DANGER: "#c62828",
    Tone.WAIT: "#ef8f00",
    Tone.DONE: "#6a1b9a",
    Tone.SUCCESS: "#00695c",
}
_TONE = {
    V.READY: Tone.GO,
    V.PARTIALLY_PICKED_UP: Tone.GO,
    V.ALREADY_PICKED_UP: Tone.DONE,
    V.HANDED_OVER: Tone.DONE,
    V.CANCELLED: Tone.DANGER,
    V.WRONG_STORE: Tone.DANGER,
    V.FORGED: Tone.DANGER,
    V.NOT_ARRIVED: Tone.WAIT,
    V.EXPIRED: Tone.WAIT,
    V.UNKNOWN_ORDER: Tone.WAIT,
    V.UNKNOWN_KEY: Tone.WAIT,
    V.MALFORMED: Tone.WAIT,
}


def fill(text: str, **params: str) -> str:
    for key, value in params.items():
        text = text.replace("{" + key + "}", value)
    return text


def when(iso: str) -> str:
    """An ISO time as the clerk reads it: local HH:MM, with the date when not today."""
    if not iso:
        return translate("pickup", "unknown time")
    try:
        at = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    if at.date() == datetime.now().astimezone().date():
        return at.strftime("%H:%M")
    return at.strftime("%m-%d %H:%M")


def tone_of(snap: PickupSnapshot) -> Tone:
    if snap.step is PickupStep.DONE:
        return Tone.SUCCESS
    if snap.step is PickupStep.CHOOSING:
        return Tone.GO
    if snap.step is PickupStep.ERROR:
        return Tone.DANGER
    v = snap.verdict
    if v is None:
        return Tone.IDLE
    if v.verdict == V.UNKNOWN_ORDER and snap.genuine_unsynced:
        return Tone.GO if snap.provisional else Tone.WAIT
    return _TONE.get(V(v.verdict), Tone.WAIT) if v.verdict in set(V) else Tone.WAIT


def headline(snap: PickupSnapshot) -> str:
    """The one big sentence at the top of the screen."""
    if snap.step in (PickupStep.IDLE, PickupStep.CANCELLED):
        return translate("pickup", "Scan the customer's pickup code")
    if snap.step is PickupStep.SCANNED:
        return translate("pickup", "Checking…")
    if snap.step is PickupStep.DONE:
        if snap.done is not None and snap.done.reversed_ids:
            return translate("pickup", "Pickup undone: put the goods back on the shelf")
        if snap.done is not None and len(snap.done.results) > 1:
            return fill(
                translate("pickup", "Handed out: {n} orders"), n=str(len(snap.done.results))
            )
        return translate("pickup", "Picked up: hand over the bag")
    if snap.step is PickupStep.ERROR:
        return translate("pickup", "Not handed out")
    if snap.step is PickupStep.CHOOSING:
        return translate("pickup", "Several orders match: choose one")
    v = snap.verdict
    return verdict_headline(v, snap.genuine_unsynced) if v else ""


def verdict_headline(v: Verdict, genuine: bool = False) -> str:
    if v.verdict == V.UNKNOWN_ORDER:
        if v.detail == Detail.NO_SUCH_CODE:
            return translate("pickup", "No such code")
        if v.detail == Detail.NO_PHONE_MATCH:
            return translate("pickup", "No order for this phone number")
        if genuine:
            return translate("pickup", "Genuine code, order not synced yet")
        return translate("pickup", "Order not found")
    words: dict[str, Callable[[], str]] = {
        V.READY: lambda: translate("pickup", "Ready: hand it out"),
        V.PARTIALLY_PICKED_UP: lambda: translate("pickup", "Partly picked up: hand out the rest"),
        V.ALREADY_PICKED_UP: lambda: translate(
            "pickup", "ALREADY PICKED UP: do not hand out again"
        ),
        V.NOT_ARRIVED: lambda: translate("pickup", "Not arrived yet"),
        V.HANDED_OVER: lambda: translate("pickup", "Given to the team leader"),
        V.CANCELLED: lambda: translate("pickup", "Cancelled or refunded: do not hand out"),
        V.WRONG_STORE: lambda: translate("pickup", "Not an order of this store"),
        V.EXPIRED: lambda: translate("pickup", "Code expired"),
        V.FORGED: lambda: translate("pickup", "NOT A GENUINE CODE: do not hand out"),
        V.UNKNOWN_KEY: lambda: translate("pickup", "Code from an unknown key"),
        V.MALFORMED: lambda: translate("pickup", "Not a pickup code"),
    }
    return words.get(v.verdict, lambda: translate("pickup", "Not a pickup code"))()


def details(snap: PickupSnapshot, provisional_allowed: bool) -> list[str]:
    """The lines under the verdict: facts and what to tell the customer."""
    v = snap.verdict
    if snap.step is PickupStep.ERROR:
        return [error_text(snap.error) if snap.error else snap.message]
    if snap.step is PickupStep.DONE and snap.done is not None:
        return done_lines(snap)
    if v is None:
        return []
    p = dict(v.params)
    out: list[str] = []
    if v.detail == Detail.OVERDUE:
        out.append(
            translate(
                "pickup",
                "Overdue on the shelf: hand it out and remind the customer to come earlier.",
            )
        )
    if v.detail == Detail.REFUNDED:
        out.append(translate("pickup", "It was refunded."))
    if v.detail == Detail.RETURNED:
        out.append(translate("pickup", "It was returned to the warehouse."))
    name = v.verdict
    if name == V.ALREADY_PICKED_UP:
        if p.get("staff") or p.get("device"):
            out.append(
                fill(
                    translate("pickup", "Picked up at {at} by {staff} on device {device}."),
                    at=when(p.get("at", "")),
                    staff=p.get("staff") or "—",
                    device=p.get("device") or "—",
                )
            )
        else:
            out.append(
                fill(
                    translate(
                        "pickup", "Picked up at {at} (on another kiosk; the record came by sync)."
                    ),
                    at=when(p.get("at", "")),
                )
            )
        out.append(
            translate(
                "pickup",
                "Ask the customer whether someone else collected it; do not hand out anything.",
            )
        )
    elif name == V.PARTIALLY_PICKED_UP and p.get("at"):
        out.append(
            fill(
                translate("pickup", "The first part went out at {at} ({staff})."),
                at=when(p.get("at", "")),
                staff=p.get("staff") or "—",
            )
        )
    elif name == V.HANDED_OVER:
        out.append(
            fill(
                translate("pickup", "Handed to team leader {leader} ({community}) at {at}."),
                leader=p.get("leader") or "—",
                community=p.get("community") or "—",
                at=when(p.get("at", "")),
            )
        )
        out.append(translate("pickup", "Tell the customer to collect it from their team leader."))
    elif name == V.WRONG_STORE:
        store = p.get("store_name") or p.get("store_id") or "—"
        out.append(fill(translate("pickup", "This order belongs to store {store}."), store=store))
        out.append(translate("pickup", "Send the customer to that store; hand out nothing here."))
    elif name == V.CANCELLED:
        out.append(translate("pickup", "The customer can check the refund in the app."))
    elif name == V.NOT_ARRIVED:
        expected = p.get("expected_at", "")
        out.append(
            fill(translate("pickup", "Expected: {at}."), at=when(expected))
            if expected
            else translate("pickup", "The delivery has not been checked in yet.")
        )
        out.append(
            translate(
                "pickup",
                "Tell the customer: the order is on its way; the app says when it is ready.",
            )
        )
    elif name == V.EXPIRED:
        out.append(
            translate(
                "pickup",
                "Tell the customer to refresh the pickup code in the app, "
                "or type the 6-digit code.",
            )
        )
    elif name == V.FORGED:
        out.append(
            translate(
                "pickup",
                "The signature check failed. Ask for the 6-digit code and "
                "check the customer's app.",
            )
        )
    elif name == V.UNKNOWN_KEY:
        out.append(translate("pickup", "Sync the kiosk, or type the customer's 6-digit code."))
    elif name == V.MALFORMED:
        out.append(_malformed_hint(v.detail))
    elif name == V.UNKNOWN_ORDER:
        out += _unknown_lines(snap, v, provisional_allowed)
    if snap.step is PickupStep.CHOOSING:
        if v.detail == Detail.SEVERAL_FOR_PHONE:
            out.append(
                fill(
                    translate(
                        "pickup",
                        "{count} orders for a phone ending in {tail}: tap the customer's order.",
                    ),
                    count=p.get("count", ""),
                    tail=p.get("tail", ""),
                )
            )
        else:
            out.append(translate("pickup", "Tap the customer's order in the list."))
    return out


def _malformed_hint(detail: str) -> str:
    words: dict[str, Callable[[], str]] = {
        Detail.CHINESE_INPUT: lambda: translate(
            "pickup",
            "The scan came in as Chinese characters: switch the scanner or keyboard "
            "to English input and scan again.",
        ),
        Detail.GARBLED_LAYOUT: lambda: translate(
            "pickup",
            "The scan looks garbled (keyboard layout or Caps Lock): check the "
            "scanner's keyboard setting and scan again.",
        ),
        Detail.NOTHING_SCANNED: lambda: translate("pickup", "Nothing was scanned: scan again."),
        Detail.BAD_CODE: lambda: translate(
            "pickup", "Type the 6-digit pickup code or the last 4 digits of the phone."
        ),
    }
    return words.get(
        detail,
        lambda: translate(
            "pickup", "Scan the customer's pickup QR code again, or type the 6-digit code."
        ),
    )()


def _unknown_lines(snap: PickupSnapshot, v: Verdict, allowed: bool) -> list[str]:
    p = dict(v.params)
    if v.detail == Detail.NO_SUCH_CODE:
        return [
            fill(
                translate(
                    "pickup",
                    "No order at this store has the code {code}. Check the "
                    "digits with the customer.",
                ),
                code=p.get("code", ""),
            )
        ]
    if v.detail == Detail.NO_PHONE_MATCH:
        return [
            fill(
                translate("pickup", "No order waits on the shelf for a phone ending in {tail}."),
                tail=p.get("tail", ""),
            )
        ]
    if not snap.genuine_unsynced:
        return [translate("pickup", "Ask for the 6-digit code.")]
    out = [
        translate(
            "pickup",
            "The code is genuine, but this kiosk has not received the order yet (not synced).",
        )
    ]
    if allowed:
        out.append(
            translate(
                "pickup",
                "You may serve it provisionally: the items are unknown "
                "here, so check the bag label and the customer's app before "
                "handing out.",
            )
        )
    else:
        out.append(
            translate(
                "pickup",
                "Store policy: do not serve it now. Ask the customer to "
                "come back after the next sync, or call the manager.",
            )
        )
    return out


def done_lines(snap: PickupSnapshot) -> list[str]:
    done = snap.done
    if done is None:
        return []
    out = []
    picked = {r.order_id: dict(r.lines) for r in done.results}
    for view in done.orders:
        names = {ln.sku: (ln.name, ln.unit) for ln in view.lines}
        went = picked.get(view.order_id, {})
        items = ", ".join(
            f"{names.get(sku, (sku, ''))[0]} ×{q:g}{names.get(sku, ('', ''))[1]}"
            for sku, q in went.items()
        )
        out.append(
            fill(
                translate("pickup", "Bin {bin}: {items}"),
                bin=view.bin_code or "—",
                items=items or "—",
            )
        )
    receipt = {
        "queued": translate("pickup", "Receipt: printing."),
        "failed": translate(
            "pickup", "Receipt: could not be queued; the pickup is saved. Use Reprint."
        ),
        "ask": translate("pickup", "Receipt: tap Reprint if the customer wants one."),
        "none": translate("pickup", "Receipt: not printed (store setting)."),
    }
    out.append(receipt.get(done.receipt, ""))
    return out


def error_text(exc: BaseException | None) -> str:
    """A pickup error from the core, in words (by type, never by message text)."""
    if isinstance(exc, OrderChanged):
        return translate(
            "pickup",
            "The order changed since it was shown (another scan, sync or "
            "kiosk). Nothing was handed out: scan it again.",
        )
    if isinstance(exc, NotShown):
        return translate("pickup", "The screen shows another order now. Nothing was handed out.")
    if isinstance(exc, NotAllowed):
        return translate(
            "pickup", "You may not do this (role or login). Log in as a clerk or ask the manager."
        )
    if isinstance(exc, IllegalTransition):
        return translate(
            "pickup",
            "This order cannot be handed out in its current state. Scan it again to see why.",
        )
    if isinstance(exc, KioskError):
        return translate("pickup", "That did not work. Scan again or ask the manager.")
    return translate("pickup", "Something went wrong. Scan again.")


def spoken(snap: PickupSnapshot) -> str:
    """The short prompt spoken aloud (语音播报)."""
    if snap.step is PickupStep.DONE:
        return (
            "" if snap.done and snap.done.reversed_ids else translate("pickup", "Pickup complete")
        )
    v = snap.verdict
    if v is None or snap.step not in (PickupStep.VERDICT, PickupStep.CHOOSING):
        return ""
    if snap.step is PickupStep.CHOOSING:
        return translate("pickup", "Please choose the order")
    if v.verdict in (V.READY, V.PARTIALLY_PICKED_UP) and snap.order is not None:
        return fill(translate("pickup", "Shelf {bin}"), bin=snap.order.bin_code or "")
    words: dict[str, Callable[[], str]] = {
        V.ALREADY_PICKED_UP: lambda: translate("pickup", "Already picked up"),
        V.WRONG_STORE: lambda: translate("pickup", "Not an order of this store"),
        V.FORGED: lambda: translate("pickup", "Invalid code"),
        V.CANCELLED: lambda: translate("pickup", "Order cancelled"),
        V.NOT_ARRIVED: lambda: translate("pickup", "Not arrived yet"),
        V.EXPIRED: lambda: translate("pickup", "Code expired"),
        V.HANDED_OVER: lambda: translate("pickup", "Given to the team leader"),
    }
    return words.get(v.verdict, lambda: translate("pickup", "Please scan again"))()


def scan_problem_text(problem: str) -> str:
    """A scanner set up wrong (kiosk.ports.ScanProblem), with what to do about it."""
    words: dict[str, Callable[[], str]] = {
        "wrong_layout": lambda: translate(
            "pickup",
            "Scanner problem: it types with another keyboard layout. Set the scanner "
            "to US keyboard.",
        ),
        "full_width": lambda: translate(
            "pickup",
            "Scanner problem: a Chinese input method changed the characters. Switch "
            "the input to English.",
        ),
        "chinese_ime": lambda: translate(
            "pickup", "Scanner problem: Chinese input mode is on. Switch the input to English."
        ),
        "truncated": lambda: translate(
            "pickup", "Scanner problem: the code arrived cut short. Scan again, a little slower."
        ),
        "garbled": lambda: translate(
            "pickup",
            "Scanner problem: unreadable characters arrived. Check the scanner's settings.",
        ),
    }
    return words.get(problem, lambda: translate("pickup", "Scanner problem: scan again."))()
