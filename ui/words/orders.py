"""Orders, history and order actions in words (kiosk.queries.orders, kiosk.flows.orders)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.flows.orders import ActionResult, Done
from kiosk.queries.orders import Filter, HistoryEntry
from ui.qt import QCoreApplication
from ui.words.checkin import fill

translate = QCoreApplication.translate


def status_name(status: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "dispatched": lambda: translate("orders", "not arrived"),
        "ready": lambda: translate("orders", "ready"),
        "partially_picked_up": lambda: translate("orders", "partly picked up"),
        "picked_up": lambda: translate("orders", "picked up"),
        "handed_over": lambda: translate("orders", "handed over"),
        "overdue": lambda: translate("orders", "overdue"),
        "returned": lambda: translate("orders", "returned"),
        "cancelled": lambda: translate("orders", "cancelled"),
        "refunded": lambda: translate("orders", "refunded"),
    }
    return words.get(status, lambda: translate("orders", "unknown"))()


def filter_name(f: Filter) -> str:
    words: dict[Filter, Callable[[], str]] = {
        Filter.ALL: lambda: translate("orders", "All"),
        Filter.READY: lambda: translate("orders", "Ready"),
        Filter.OVERDUE: lambda: translate("orders", "Overdue"),
        Filter.PICKED_UP_TODAY: lambda: translate("orders", "Picked up today"),
        Filter.HANDED_OVER: lambda: translate("orders", "Handed over"),
        Filter.ISSUES: lambda: translate("orders", "Issues"),
        Filter.CONFLICTS: lambda: translate("orders", "Conflicts"),
    }
    return words[f]()


def history_text(h: HistoryEntry) -> str:
    p = dict(h.params)
    if "to" in p:
        p["to"] = status_name(p["to"])
    if "from" in p:
        p["from"] = status_name(p["from"])
    words: dict[str, Callable[[], str]] = {
        "batch.arrived": lambda: (
            translate("orders", "Checked in with delivery {batch}, bin {bin}")
            if p.get("arrived") == "yes"
            else translate("orders", "Missing from delivery {batch}")
        ),
        "order.picked_up": lambda: translate("orders", "Picked up"),
        "order.pickup_reversed": lambda: translate("orders", "Pickup reversed: {reason}"),
        "order.handed_over": lambda: translate("orders", "Handed to team leader {leader} ({by})"),
        "order.issue_reported": lambda: translate("orders", "Issue reported: {kind} {qty} {note}"),
        "order.marked_overdue": lambda: translate("orders", "Marked overdue after {days} days"),
        "order.returned": lambda: translate("orders", "Returned to the warehouse {reason}"),
        "sync.conflict_resolved": lambda: translate("orders", "Sync conflict settled"),
    }
    what = words.get(h.action, lambda: translate("orders", "Recorded: {action}"))()
    p["action"] = h.action
    if "kind" in p:
        p["kind"] = issue_kind(p["kind"])
    p.setdefault("reason", "")
    p.setdefault("note", "")
    return fill(what, p).strip()


def issue_kind(kind: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "missing": lambda: translate("orders", "missing"),
        "damaged": lambda: translate("orders", "damaged"),
        "quality": lambda: translate("orders", "quality"),
        "wrong_item": lambda: translate("orders", "wrong item"),
    }
    return words.get(kind, lambda: kind)()


def action_text(r: ActionResult) -> str:
    p = dict(r.params)
    if "status" in p:
        p["status"] = status_name(p["status"])
    words: dict[Done, Callable[[], str]] = {
        Done.OK: lambda: translate("orders", "Done."),
        Done.NOT_ALLOWED: lambda: translate("orders", "You may not do this: ask a manager."),
        Done.NO_ORDER: lambda: translate("orders", "There is no such order at this store."),
        Done.NEEDS_REASON: lambda: translate("orders", "Type the reason first."),
        Done.NOTHING_TO_REVERSE: lambda: translate(
            "orders", "There is no pickup to reverse: the order is {status}."
        ),
        Done.WINDOW_PASSED: lambda: translate(
            "orders",
            "Too late to reverse: a pickup can only "
            "be reversed within {minutes} minutes. Report an "
            "issue instead.",
        ),
        Done.NOT_OVERDUE: lambda: translate(
            "orders", "Order {order} is not overdue (it is {status}): it stays on the shelf."
        ),
        Done.NO_PRINTER: lambda: translate("orders", "There is no printer set up."),
        Done.NOT_PICKED_UP: lambda: translate("orders", "No receipt: the order is {status}."),
        Done.BAD_ISSUE: lambda: translate("orders", "Choose what is wrong and a quantity."),
        Done.NO_CONFLICT: lambda: translate("orders", "That sync problem was already settled."),
        Done.CANNOT_RETRY: lambda: translate(
            "orders", "A conflict is already on the platform: settle it, do not send it again."
        ),
        Done.REFUSED: lambda: translate("orders", "The kiosk refused this: nothing was changed."),
    }
    return fill(words[r.code](), p)
