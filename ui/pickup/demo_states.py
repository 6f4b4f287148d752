"""Drives a PickupScreen into each state worth a screenshot, with the real flow on the
screen's database: the demo store's manifest names orders in every state."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from kiosk.ports import ScanEvent, ScanSource, utcnow
from ui.context import UiContext
from ui.wait import wait_for


def _wait(screen: Any, drawn: int, timeout_s: float = 5.0) -> None:
    wait_for(lambda: not screen.pending_ops and screen.drawn > drawn, timeout_s)


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

    def partial(screen: Any) -> None:
        _scan(token("ready", 2))(screen)
        rows = screen.panel.rows
        if rows:
            rows[-1].tick.setChecked(False)

    def undone(screen: Any) -> None:
        _scan(token("ready", 3))(screen)
        drawn = screen.drawn
        screen.confirm()
        _wait(screen, drawn)
        drawn = screen.drawn
        screen.undo("Wrong bag handed out")
        _wait(screen, drawn)

    def choosing(screen: Any) -> None:
        tail = _shared_tail(ctx)
        if tail:
            _scan(tail)(screen)

    def idle(screen: Any) -> None:
        drawn = screen.drawn
        screen.reset()
        _wait(screen, drawn)

    out: list[tuple[str, Callable[[Any], None]]] = [("pickup-idle", idle)]
    for name, text in (
        ("pickup-ready", token("ready")),
        ("pickup-already-picked-up", token("picked_up")),
        ("pickup-cancelled", token("cancelled")),
        ("pickup-not-arrived", token("not_arrived")),
        ("pickup-malformed", "hello world"),
        ("pickup-no-such-code", "999999"),
    ):
        if text:
            out.append((name, _scan(text)))
    signed = _signer(demo, str(manifest.get("key_id", "")))
    ready_id = (orders.get("ready") or [{}])[0].get("order_id", "")
    if signed is not None and ready_id:
        out += [
            ("pickup-other-store", _scan(signed(ready_id, "ST-OTHER-9", 0))),
            ("pickup-expired", _scan(signed(ready_id, str(manifest["store_id"]), -3600))),
            ("pickup-not-synced", _scan(signed("LK-NOT-SYNCED-1", str(manifest["store_id"]), 0))),
        ]
    first = token("ready")
    if first:
        head, payload, sig = first.split(".")
        mid = len(sig) // 2
        bad = sig[:mid] + ("A" if sig[mid] != "A" else "B") + sig[mid + 1 :]
        out.append(("pickup-forged", _scan(f"{head}.{payload}.{bad}")))
    if _shared_tail(ctx):
        out.append(("pickup-choosing", choosing))
    out += [("pickup-partial", partial), ("pickup-done", done), ("pickup-undone", undone)]
    return out


def _signer(demo: Any, key_id: str) -> Callable[[str, str, int], str] | None:
    """Tokens signed with the demo platform key (other store, expired, not synced)."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from kiosk.verification.tokens import make_payload, sign_token

        key = serialization.load_pem_private_key((demo / "signing-key.pem").read_bytes(), None)
    except (OSError, ValueError, ImportError):
        return None
    if not isinstance(key, Ed25519PrivateKey):
        return None

    def sign(order_id: str, store_id: str, expiry_offset: int) -> str:
        import time

        expiry = int(time.time()) + (expiry_offset or 86400)
        return sign_token(key, make_payload(order_id, store_id, "123456", expiry, key_id))

    return sign


def _shared_tail(ctx: UiContext) -> str:
    """A phone tail with several orders on the shelf (the touch list)."""
    from kiosk.verification.lookup import tail_with_several_orders

    with ctx.kiosk.db.reader() as s:
        return tail_with_several_orders(s)
