"""The audit chain's anchor outside this database.

Anyone who can edit the kiosk's database can also recompute every SHA-256 link of the audit
chain, so a local check alone cannot catch a consistent rewrite. Each push therefore sends
the chain's head (position = newest entry id, its hash); the platform keeps the newest one it
acknowledged per device. `check_anchor` asks for it back and looks whether the local chain
still holds that exact entry at that position.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.models import AuditEntry
from kiosk.platform.sync_status import put_state
from sync.client.http import AuditHead, HttpCentralApi

ANCHOR = "audit_anchor"  # sync_state: "position:hash" the platform last acknowledged


def local_head(session: Session) -> AuditHead | None:
    """The newest entry of the local chain; None while the chain is empty."""
    row = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return None if row is None else AuditHead(int(row.id), str(row.hash))


def remember_anchor(session: Session, head: AuditHead) -> None:
    put_state(session, ANCHOR, f"{head.position}:{head.hash}")


@dataclass(frozen=True, slots=True)
class AnchorCheck:
    ok: bool | None  # None: the platform holds no anchor for this kiosk yet
    position: int | None
    acknowledged_at: str | None
    message: str


def check_anchor(db: Database, api: HttpCentralApi) -> AnchorCheck:
    anchor = api.audit_head()
    if anchor is None:
        return AnchorCheck(
            None,
            None,
            None,
            "The platform holds no audit anchor for this kiosk yet: run `kiosk sync --once` first.",
        )
    with db.reader() as s:
        entry = s.get(AuditEntry, anchor.position)
        held = None if entry is None else entry.hash
    when = anchor.acknowledged_at or "an earlier sync"
    if held == anchor.hash:
        return AnchorCheck(
            True,
            anchor.position,
            anchor.acknowledged_at,
            f"audit chain matches the platform's anchor: entry {anchor.position} "
            f"is the one acknowledged at {when}",
        )
    what = "is gone" if held is None else "is not the one the platform acknowledged"
    return AnchorCheck(
        False,
        anchor.position,
        anchor.acknowledged_at,
        f"the chain was rewritten before position {anchor.position}: entry "
        f"{anchor.position} {what} (anchored at {when}), even if every local "
        "link still checks out",
    )
