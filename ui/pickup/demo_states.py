"""Drives a PickupScreen into each state worth a screenshot, with the real flow on the
screen's database: the demo store's manifest names orders in every state."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from kiosk.ports import ScanEvent, ScanSource, utcnow
from ui.context import UiContext
from ui.qt import QApplication


def _wait(screen: Any, drawn: int, timeout_s: float = 5.0) -> None:
    import time

    end = time.monotonic() + timeout_s
    while time.monotonic() < end and (screen.pending_ops or screen.drawn <= drawn):
        QApplication.processEvents()
        time.sleep(0.005)


def _scan(text: str) -> Callable[[Any], None]:
    def setup(screen: Any) -> None:
        drawn = screen.drawn
        screen.on_scan(ScanEvent(text, ScanSource.WEDGE, utcnow()))
        _wait(screen, drawn)
    return setup


def states(ctx: UiContext) -> list[tuple[str, Callable[[Any], None]]]:
    demo = ctx.kiosk.data_dir / "demo"
    try:
        manifest = json.loads((demo / "manifest.json").read_text("utf-8"))
        tokens = json.loads((demo / "tokens.json").read_text("utf-8"))
    except (OSError, ValueError):
        return []
    orders = manifest.get("orders", {})

    def token(group: str, i: int = 0) -> str:
        entries = orders.get(group) or []
        return str(tokens.get(entries[i]["order_id"], "")) if len(entries) > i else ""

    def done(screen: Any) -> None:
        _scan(token("ready", 1))(screen)
        drawn = screen.drawn
        screen.confirm()
        _wait(screen, drawn)

    def idle(screen: Any) -> None:
        drawn = screen.drawn
        screen.reset()
        _wait(screen, drawn)

    out: list[tuple[str, Callable[[Any], None]]] = [("pickup-idle", idle)]
    for name, text in (("pickup-ready", token("ready")),
                       ("pickup-already-picked-up", token("picked_up")),
                       ("pickup-cancelled", token("cancelled")),
                       ("pickup-not-arrived", token("not_arrived")),
                       ("pickup-malformed", "hello world"),
                       ("pickup-no-such-code", "999999")):
        if text:
            out.append((name, _scan(text)))
    out.append(("pickup-done", done))
    return out
