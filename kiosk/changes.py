"""What an operation changed, so each screen redraws only what concerns it (after Anki's
OpChanges). Every UI operation returns `(snapshot, Changes)`; the shell then fires one
`Hooks.operation_did_execute(changes)` and every screen's `on_changes` looks at the flags.
Qt-free: the core may build these too.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Changes:
    """Which areas an operation touched; all False means "nothing to redraw"."""

    orders: bool = False  # order status, lines, bins, counts
    outbox: bool = False  # events waiting to be sent
    printing: bool = False  # receipts queued / printed / failed
    staff: bool = False  # staff list, PINs, lockouts
    settings: bool = False  # settings.toml saved
    devices: bool = False  # device configuration or status
    sync: bool = False  # sync status, conflicts, enrollment
    readings: bool = False  # instrument readings (scale, brix, pesticide)
    session: bool = False  # who is logged in, lock state

    @classmethod
    def all(cls) -> Changes:
        """Every flag set: after a language switch or a restore, redraw everything."""
        return cls(**{f.name: True for f in fields(cls)})

    @classmethod
    def none(cls) -> Changes:
        return cls()

    def __or__(self, other: Changes) -> Changes:
        """Merge two change sets (an operation made of two steps)."""
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))
