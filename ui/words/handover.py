"""The handover desk's outcomes in words (kiosk.flows.handover_desk codes + params)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.flows.handover_desk import HCode, HOutcome
from ui.qt import QCoreApplication
from ui.words.checkin import fill, status_word

translate = QCoreApplication.translate  # literal contexts below: pyside6-lupdate extracts them


def outcome_text(outcome: HOutcome) -> str:
    p = dict(outcome.params)
    if "status" in p:
        p["status"] = status_word(p["status"])
    words: dict[HCode, Callable[[], str]] = {
        HCode.LEADER_FOUND: lambda: translate(
            "handover",
            "{leader}: {orders} orders to hand over. Scan the bags or tap Hand over all.",
        ),
        HCode.UNKNOWN_BADGE: lambda: translate(
            "handover", "Unknown badge: no team leader of this store has it."
        ),
        HCode.BAG_TICKED: lambda: translate("handover", "Ticked (bin {bin})."),
        HCode.BAG_AGAIN: lambda: translate("handover", "Already ticked (counted once)."),
        HCode.BAG_UNTICKED: lambda: translate("handover", "Unticked."),
        HCode.NOT_THEIRS: lambda: (
            translate(
                "handover", "Not theirs! This bag belongs to team leader {owner}. Put it back."
            )
            if p.get("owner")
            else translate(
                "handover", "Not theirs! This bag is a customer's own order. Put it back."
            )
        ),
        HCode.NOT_HANDABLE: lambda: translate(
            "handover", "This order of theirs cannot go now: it is {status}."
        ),
        HCode.OTHER_STORE: lambda: translate(
            "handover", "Not our store! This bag is for store {store}."
        ),
        HCode.UNKNOWN_BAG: lambda: translate(
            "handover", "Unknown bag: no such order at this store."
        ),
        HCode.NOT_A_LABEL: lambda: translate("handover", "That is not a badge or a bag label."),
        HCode.ALL_TICKED: lambda: translate(
            "handover", "All {count} ticked. The team leader confirms with PIN or badge."
        ),
        HCode.NOTHING_TICKED: lambda: translate("handover", "Tick at least one bag first."),
        HCode.WRONG_CREDENTIAL: lambda: (
            translate("handover", "Wrong PIN: the team leader tries again.")
            if p.get("by") == "pin"
            else translate("handover", "That badge is not this team leader's.")
        ),
        HCode.HANDED_OVER: lambda: translate(
            "handover", "{count} orders handed to {leader}. The slip is printing."
        ),
        HCode.NO_LEADER: lambda: translate(
            "handover", "Scan the team leader's badge first (or pick them below)."
        ),
        HCode.REFUSED: lambda: (
            translate("handover", "You may not hand orders over: ask a manager.")
            if p.get("kind") == "not_allowed"
            else translate("handover", "The handover was refused: nothing was saved.")
        ),
    }
    return fill(words[outcome.code](), p)
