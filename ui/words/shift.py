"""Shift close words (kiosk.flows.shift_desk)."""

from __future__ import annotations

from collections.abc import Callable

from ui.qt import QCoreApplication

translate = QCoreApplication.translate


def count_label(key: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "pickups": lambda: translate("shift", "Pickups"),
        "partials": lambda: translate("shift", "Partial pickups"),
        "issues": lambda: translate("shift", "Issues"),
        "handovers": lambda: translate("shift", "Handovers"),
        "reversals": lambda: translate("shift", "Reversals"),
        "batches": lambda: translate("shift", "Deliveries checked in"),
        "overdue": lambda: translate("shift", "Overdue"),
        "on_shelf": lambda: translate("shift", "On the shelf"),
        "events_waiting": lambda: translate("shift", "Records not sent yet"),
        "print_queued": lambda: translate("shift", "Print jobs waiting"),
    }
    return words.get(key, lambda: key)()


def unsent_warning(events: int, prints: int) -> str:
    return (
        translate(
            "shift",
            "Not everything has left the kiosk: {events} records still wait for "
            "the platform and {prints} print jobs for the printer. They are kept and go "
            "out by themselves; leave the kiosk switched on.",
        )
        .replace("{events}", str(events))
        .replace("{prints}", str(prints))
    )


def all_sent() -> str:
    return translate("shift", "Everything was sent and printed.")


def closed_text(queued: bool) -> str:
    return (
        translate("shift", "Shift closed. The report is printing.")
        if queued
        else translate("shift", "Shift closed. No printer: no report printed.")
    )


def refusal(code: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "not_allowed": lambda: translate("shift", "You may not close this shift: ask a manager."),
        "no_clerk": lambda: translate("shift", "Log in first."),
        "refused": lambda: translate("shift", "This shift was already closed."),
    }
    return words.get(code, words["refused"])()
