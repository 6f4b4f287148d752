"""The audit chain: every entry carries the hash of the one before it, so an edited,
deleted or reordered entry breaks the chain (`kiosk audit verify`).

The head (last id and hash) is also kept in settings, so deleting the newest entries is
caught too.
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
    prev_hash: str, *, id: int, at: datetime, actor: str, action: str, entity: str,
    entity_id: str, detail: dict[str, Any], event_id: str | None,
) -> str:
    body = json.dumps(
        [id, at.isoformat(), actor, action, entity, entity_id, detail, event_id],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def append_audit(
    session: Session, *, actor: str, action: str, entity: str, entity_id: str,
    detail: dict[str, Any] | None = None, event_id: str | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction."""
    head = get_setting(session, HEAD_KEY)
    last_id, prev = (head["id"], head["hash"]) if isinstance(head, dict) else (0, GENESIS)
    at = utcnow()
    detail = detail or {}
    new_id = int(last_id) + 1
    digest = entry_hash(
        str(prev), id=new_id, at=at, actor=actor, action=action, entity=entity,
        entity_id=entity_id, detail=detail, event_id=event_id,
    )
    entry = AuditEntry(
        id=new_id, at=at, actor=actor, action=action, entity=entity, entity_id=entity_id,
        detail=detail, event_id=event_id, prev_hash=str(prev), hash=digest,
    )
    session.add(entry)
    put_setting(session, HEAD_KEY, {"id": new_id, "hash": digest})
    return entry


@dataclass(frozen=True, slots=True)
class AuditProblem:
    entry_id: int
    problem: str  # edited, deleted, reordered, head_mismatch


def verify_chain(session: Session) -> list[AuditProblem]:
    """Every problem found, in order; empty means the chain is intact."""
    problems: list[AuditProblem] = []
    prev = GENESIS
    expected_id = 1
    for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        if e.id != expected_id:
            problems.append(AuditProblem(expected_id, "deleted" if e.id > expected_id else "reordered"))
            expected_id = e.id
        if e.prev_hash != prev:
            problems.append(AuditProblem(e.id, "reordered" if e.prev_hash != GENESIS else "edited"))
        recomputed = entry_hash(
            e.prev_hash, id=e.id, at=e.at, actor=e.actor, action=e.action, entity=e.entity,
            entity_id=e.entity_id, detail=e.detail, event_id=e.event_id,
        )
        if recomputed != e.hash:
            problems.append(AuditProblem(e.id, "edited"))
        prev = e.hash
        expected_id += 1
    head = get_setting(session, HEAD_KEY)
    if isinstance(head, dict):
        if head.get("id") != expected_id - 1 or head.get("hash") != prev:
            problems.append(AuditProblem(int(head.get("id", 0)), "deleted"))
    elif expected_id != 1:
        problems.append(AuditProblem(0, "head_mismatch"))
    return problems
