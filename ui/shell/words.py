"""The shell's words: roles, login outcomes, navigation (English source, zh_CN through the
glossary scripts/zh_CN.d/shell.json)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.session import LoginResult
from ui.qt import QCoreApplication

CTX = "shell"


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def role_word(role: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "clerk": lambda: _t("Clerk"),
        "manager": lambda: _t("Manager"),
        "leader": lambda: _t("Group leader"),
        "host": lambda: _t("Host"),
        "inspector": lambda: _t("Inspector"),
    }
    return words.get(role, lambda: _t("Staff"))()


def login_message(result: LoginResult) -> str:
    """A login outcome in plain words (the lockout says how long and what to do)."""
    params = dict(result.params)
    if result.code == "ok":
        return ""
    if result.code == "wrong_pin":
        left = int(params.get("left", 0))
        if left <= 0:
            return _t("Wrong PIN.")
        return _t("Wrong PIN: %1 more tries before a short lock.").replace("%1", str(left))
    if result.code == "locked":
        minutes = int(params.get("minutes", 1))
        return _t("Too many wrong PINs: locked for %1 min. Wait, or ask a manager.").replace(
            "%1", str(minutes))
    if result.code == "unknown_badge":
        return _t("This badge is not known here: log in with your PIN.")
    if result.code == "no_pin":
        return _t("No PIN is set for this person: ask a manager.")
    if result.code == "not_manager":
        return _t("Only a manager can do this.")
    return _t("Unknown staff member or wrong PIN.")
