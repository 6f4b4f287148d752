"""The shell's words: roles, login outcomes, navigation (English source, zh_CN through the
glossary scripts/zh_CN.d/shell.json)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.session import LoginResult
from ui.words import translate


def role_word(role: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "clerk": lambda: translate("shell", "Clerk"),
        "manager": lambda: translate("shell", "Manager"),
        "leader": lambda: translate("shell", "Group leader"),
        "host": lambda: translate("shell", "Host"),
        "inspector": lambda: translate("shell", "Inspector"),
    }
    return words.get(role, lambda: translate("shell", "Staff"))()


def login_message(result: LoginResult) -> str:
    """A login outcome in plain words (the lockout says how long and what to do)."""
    params = dict(result.params)
    if result.code == "ok":
        return ""
    if result.code == "wrong_pin":
        left = int(params.get("left", 0))
        if left <= 0:
            return translate("shell", "Wrong PIN.")
        return translate("shell", "Wrong PIN: %1 more tries before a short lock.").replace(
            "%1", str(left)
        )
    if result.code == "locked":
        minutes = int(params.get("minutes", 1))
        return translate(
            "shell", "Too many wrong PINs: locked for %1 min. Wait, or ask a manager."
        ).replace("%1", str(minutes))
    if result.code == "unknown_badge":
        return translate("shell", "This badge is not known here: log in with your PIN.")
    if result.code == "no_pin":
        return translate("shell", "No PIN is set for this person: ask a manager.")
    if result.code == "not_manager":
        return translate("shell", "Only a manager can do this.")
    return translate("shell", "Unknown staff member or wrong PIN.")


def version_words() -> str:
    """The program's version and build (kiosk.version), for support reading a screenshot."""
    from kiosk import __version__
    from kiosk.version import build_id

    return (
        translate("shell", "Version %1, build %2")
        .replace("%1", __version__)
        .replace("%2", build_id())
    )
