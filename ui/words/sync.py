"""The sync page in words: status, event kinds, and what to do with each problem. Advice is
worded here by event type and status (never the core's English sentence)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.platform.conflicts import ConflictItem
from kiosk.ports import SyncStatus
from ui.qt import QCoreApplication

translate = QCoreApplication.translate


def event_kind(kind: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "batch.arrived": lambda: translate("sync", "deliveries checked in"),
        "order.picked_up": lambda: translate("sync", "pickups"),
        "order.pickup_reversed": lambda: translate("sync", "reversed pickups"),
        "order.handed_over": lambda: translate("sync", "handovers"),
        "order.issue_reported": lambda: translate("sync", "issue reports"),
        "reading.captured": lambda: translate("sync", "instrument readings"),
        "inspection.submitted": lambda: translate("sync", "inspections"),
        "shift.closed": lambda: translate("sync", "shift reports"),
    }
    return words.get(kind, lambda: translate("sync", "other records"))()


def status_lines(st: SyncStatus) -> list[str]:
    if not st.enrolled:
        first = translate(
            "sync",
            "This kiosk is not enrolled yet: type the server address and "
            "the enrollment code below.",
        )
    elif st.needs_reenroll:
        first = translate(
            "sync",
            "The platform no longer accepts this kiosk: enroll it again with a new code below.",
        )
    elif st.online:
        first = translate("sync", "Online: records go to the platform as they happen.")
    else:
        first = translate(
            "sync", "Offline: records are kept here and sent when the network is back."
        )
    last = (
        translate("sync", "Last sync: {time}").replace(
            "{time}", st.last_success.astimezone().strftime("%m-%d %H:%M:%S")
        )
        if st.last_success
        else translate("sync", "Never synced yet.")
    )
    waiting = translate("sync", "{n} records waiting to be sent.").replace(
        "{n}", str(st.events_waiting)
    )
    lines = [first, last, waiting]
    if st.conflicts:
        lines.append(
            translate("sync", "{n} problems need a manager (below).").replace(
                "{n}", str(st.conflicts)
            )
        )
    return lines


def advice(item: ConflictItem) -> str:
    if item.status == "rejected":
        return translate(
            "sync",
            "The platform refused this record. If it was a temporary "
            "problem, send it again; otherwise call platform support and mark it "
            "settled.",
        )
    words: dict[str, Callable[[], str]] = {
        "order.picked_up": lambda: translate(
            "sync",
            "The goods already left the store but the "
            "platform had cancelled or refunded the order. Ask "
            "the customer to bring them back or call platform "
            "support, then mark it settled.",
        ),
        "order.handed_over": lambda: translate(
            "sync",
            "Get the bags back from the team leader "
            "or call platform support, then mark it settled.",
        ),
        "order.pickup_reversed": lambda: translate(
            "sync", "Check the order with platform support, then mark it settled."
        ),
    }
    return words.get(
        item.type,
        lambda: translate("sync", "Check this record with platform support, then mark it settled."),
    )()


def problem_title(item: ConflictItem) -> str:
    kind = (
        translate("sync", "Conflict") if item.status == "conflict" else translate("sync", "Refused")
    )
    return (
        translate("sync", "{kind}: {what} · {orders} · {when}")
        .replace("{kind}", kind)
        .replace("{what}", event_kind(item.type))
        .replace("{orders}", ", ".join(item.order_ids))
        .replace("{when}", item.occurred_at.astimezone().strftime("%m-%d %H:%M"))
    )


def enroll_done(store: str) -> str:
    return translate("sync", "Enrolled for store {store}. Sync starts now.").replace(
        "{store}", store
    )


def sync_started() -> str:
    return translate("sync", "Sync is running now.")


def no_sync() -> str:
    return translate("sync", "Sync is not available on this kiosk.")


def need_server_and_code() -> str:
    return translate("sync", "Type the server address (http:// or https://) and the code.")
