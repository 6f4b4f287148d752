"""The audit chain against each way of tampering with it: an edit, an edit whose own hash was
redone, a deletion from the middle (with and without renumbering), a reordering, the newest
entries deleted or rewritten, and the head removed. Each check in `verify_chain` (id gaps,
the prev_hash link, the entry's own hash, the head) is the only one that catches one of them,
so removing any of the checks fails a test here."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.ledger.audit import GENESIS, HEAD_KEY, PROBLEMS, append_audit, entry_hash, verify_chain
from kiosk.models import AuditEntry
from kiosk.platform.identity import get_setting, put_setting


def _chain(db: Database, n: int = 5) -> None:
    with db.session() as s:
        for i in range(1, n + 1):
            append_audit(
                s,
                actor="C1",
                action="order.picked_up",
                entity="order",
                entity_id=f"O{i}",
                detail={"i": i},
            )


def _own_hash(e: AuditEntry) -> str:
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


def _rehash(s: Session, *ids: int) -> None:
    """A forger who redoes the tampered entries' own hashes but not the links after them."""
    for e in s.scalars(select(AuditEntry).where(AuditEntry.id.in_(ids))):
        e.hash = _own_hash(e)


def _problems(db: Database) -> list[tuple[int, str]]:
    with db.reader() as s:
        return [(p.entry_id, p.problem) for p in verify_chain(s)]


def test_an_intact_chain_has_no_problem(db: Database) -> None:
    _chain(db)
    assert _problems(db) == []
    with db.reader() as s:
        last = s.get(AuditEntry, 5)
        assert last is not None and get_setting(s, HEAD_KEY) == {"id": 5, "hash": last.hash}


def test_an_edit_is_caught_by_the_entry_hash(db: Database) -> None:
    _chain(db)
    with db.session() as s:
        s.execute(text("UPDATE audit SET actor='someone-else' WHERE id=3"))
    assert _problems(db) == [(3, "edited")]


def test_an_edit_with_its_hash_redone_is_caught_by_the_next_link(db: Database) -> None:
    _chain(db)
    with db.session() as s:
        s.execute(text("UPDATE audit SET actor='someone-else' WHERE id=3"))
        _rehash(s, 3)
    assert _problems(db) == [(4, "unlinked")]


def test_deleting_from_the_middle_leaves_a_gap(db: Database) -> None:
    _chain(db)
    with db.session() as s:
        s.execute(text("DELETE FROM audit WHERE id=3"))
    assert _problems(db) == [(4, "deleted"), (4, "unlinked")]


def test_deleting_from_the_middle_and_renumbering_breaks_the_link(db: Database) -> None:
    _chain(db)
    with db.session() as s:
        s.execute(text("DELETE FROM audit WHERE id=3"))
        s.execute(text("UPDATE audit SET id = id - 1 WHERE id > 3"))
        _rehash(s, 3, 4)
        last = s.get(AuditEntry, 4)
        assert last is not None
        put_setting(s, HEAD_KEY, {"id": 4, "hash": last.hash})
    # ids, own hashes and head all agree; only the links show it (3 follows the old 3,
    # and 4 follows the hash 3 had before it was redone)
    assert _problems(db) == [(3, "unlinked"), (4, "unlinked")]


def test_reordering_two_entries_breaks_the_links(db: Database) -> None:
    _chain(db)
    with db.session() as s:
        s.execute(text("UPDATE audit SET id = 99 WHERE id = 2"))
        s.execute(text("UPDATE audit SET id = 2 WHERE id = 3"))
        s.execute(text("UPDATE audit SET id = 3 WHERE id = 99"))
    # without their hashes redone both moved entries are also "edited" (the id is hashed)
    assert _problems(db) == [
        (2, "unlinked"),
        (2, "edited"),
        (3, "unlinked"),
        (3, "edited"),
        (4, "unlinked"),
    ]
    with db.session() as s:
        _rehash(s, 2, 3)
    assert _problems(db) == [(2, "unlinked"), (3, "unlinked"), (4, "unlinked")]


def test_deleting_the_newest_entries_is_caught_by_the_head(db: Database) -> None:
    _chain(db)
    with db.session() as s:
        s.execute(text("DELETE FROM audit WHERE id >= 4"))
    assert _problems(db) == [(4, "deleted")]


def test_rewriting_the_newest_entry_is_caught_by_the_head(db: Database) -> None:
    _chain(db)
    with db.session() as s:
        s.execute(text("UPDATE audit SET detail='{\"i\": 50}' WHERE id=5"))
        _rehash(s, 5)
    assert _problems(db) == [(5, "head_mismatch")]


def test_an_entry_added_behind_the_ledgers_back_is_a_head_mismatch(db: Database) -> None:
    _chain(db, 2)
    with db.session() as s:
        last = s.get(AuditEntry, 2)
        assert last is not None
        forged = AuditEntry(
            id=3,
            at=last.at,
            actor="C1",
            action="order.picked_up",
            entity="order",
            entity_id="O9",
            detail={},
            event_id=None,
            prev_hash=last.hash,
            hash="",
        )
        forged.hash = _own_hash(forged)
        s.add(forged)
    assert _problems(db) == [(2, "head_mismatch")]


def test_a_removed_head_is_reported(db: Database) -> None:
    _chain(db, 2)
    with db.session() as s:
        s.execute(text("DELETE FROM settings WHERE key = :k"), {"k": HEAD_KEY})
    assert _problems(db) == [(2, "head_missing")]


def test_a_consistent_rewrite_passes_locally(db: Database) -> None:
    """What the chain does not prove (docs/ledger.md): whoever can write the database can
    recompute every link and the head. Only a head kept elsewhere (the server) catches it."""
    _chain(db)
    with db.session() as s:
        prev = GENESIS
        for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id)):
            if e.id == 2:
                e.actor = "someone-else"
            e.prev_hash = prev
            e.hash = prev = _own_hash(e)
        put_setting(s, HEAD_KEY, {"id": 5, "hash": prev})
    assert _problems(db) == []


def test_every_problem_has_plain_words(db: Database) -> None:
    _chain(db)
    with db.session() as s:
        s.execute(text("DELETE FROM audit WHERE id IN (2, 5)"))
        s.execute(text("UPDATE audit SET actor='x' WHERE id=3"))
    with db.reader() as s:
        found = verify_chain(s)
    assert {p.problem for p in found} == {"deleted", "unlinked", "edited"}
    assert all(p.words == PROBLEMS[p.problem] and " " in p.words for p in found)
