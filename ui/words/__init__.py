"""Codes to words: one module per area turns the core's and the drivers' codes with
parameters into translated text (zh_CN default). No English reaches a Chinese screen: every
word a person reads goes through here or tr().

Write `translate("<context>", "English source")` with both as literals: pyside6-lupdate finds
exactly that call shape (a helper like `_t("...")` hides the string from it, and the
translation test then cannot see it either)."""

from __future__ import annotations

from ui.qt import QCoreApplication


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
