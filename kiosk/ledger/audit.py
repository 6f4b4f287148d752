"""The audit chain: every entry carries the hash of the one before it, so an edited,
deleted or reordered entry breaks the chain (`kiosk audit verify`).

The head (last id and hash) is also kept in settings, so deleting or rewriting the newest
entries is caught too. What the chain does not prove: someone who can write the database can
recompute every link and the head; only a head kept outside the database (the server's
acknowledged head, see docs/ledger.md) catches that.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import AuditEntry
from kiosk.platform.identity import get_setting, put_setting
from kiosk.ports import utcnow

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def entry_hash(
    prev_hash: str,
    *,
    id: int,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    detail: dict[str, Any],
    event_id: str | None,
) -> str:
    body = json.dumps(
        [id, at.isoformat(), actor, action, entity, entity_id, detail, event_id],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def _hash_of(e: AuditEntry) -> str:
    """The hash `e` should carry: its content chained to its prev_hash."""
    return entry_hash(
        e.prev_hash,
        id=e.id,
        at=e.at,
        actor=e.actor,
        action=e.action,
        entity=e.entity,
        entity_id=e.entity_id,
        detail=e.detail,
        event_id=e.event_id,
    )


def append_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    detail: dict[str, Any] | None = None,
    event_id: str | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction."""
    head = get_setting(session, HEAD_KEY)
    last_id, prev = (head["id"], head["hash"]) if isinstance(head, dict) else (0, GENESIS)
    at = utcnow()
    detail = detail or {}
    new_id = int(last_id) + 1
    entry = AuditEntry(
        id=new_id,
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail,
        event_id=event_id,
        prev_hash=str(prev),
    )
    entry.hash = _hash_of(entry)
    session.add(entry)
    put_setting(session, HEAD_KEY, {"id": new_id, "hash": entry.hash})
    return entry


# problem codes (JSON, tests) and the plain words `kiosk audit verify` prints for them
PROBLEMS: dict[str, str] = {
    "edited": "its content no longer matches its hash (edited)",
    "deleted": "entries before it are missing (deleted)",
    "unlinked": "it does not follow the entry before it (that one was rewritten, removed or moved)",
    "head_mismatch": "the chain's end does not match the head kept in settings "
    "(newest entries rewritten, or added behind the ledger's back)",
    "head_missing": "the chain has entries but its head is missing from settings",
}


@dataclass(frozen=True, slots=True)
class AuditProblem:
    entry_id: int
    problem: str  # a key of PROBLEMS

    @property
    def words(self) -> str:
        return PROBLEMS[self.problem]


def verify_chain(session: Session) -> list[AuditProblem]:
    """Every problem found, in order; empty means the chain is intact."""
    problems: list[AuditProblem] = []
    prev = GENESIS
    expected_id = 1
    for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        if e.id != expected_id:  # ordered by id, so a gap: entries were removed
            problems.append(AuditProblem(e.id, "deleted"))
            expected_id = e.id
        if e.prev_hash != prev:  # the link: catches an entry rewritten with its own hash redone
            problems.append(AuditProblem(e.id, "unlinked"))
        if _hash_of(e) != e.hash:
            problems.append(AuditProblem(e.id, "edited"))
        prev = e.hash
        expected_id += 1
    last_id = expected_id - 1
    head = get_setting(session, HEAD_KEY)
    if isinstance(head, dict):
        head_id = int(head.get("id", 0))
        if head_id > last_id:  # the newest entries are gone
            problems.append(AuditProblem(last_id + 1, "deleted"))
        elif head_id != last_id or head.get("hash") != prev:
            problems.append(AuditProblem(head_id, "head_mismatch"))
    elif last_id:
        problems.append(AuditProblem(last_id, "head_missing"))
    return problems
