from __future__ import annotations

from sqlalchemy import select, text

from kiosk.db import Database
from kiosk.ledger.audit import verify_chain
from kiosk.ledger.outbox import record_change
from kiosk.models import AuditEntry, OutboxEvent, Store


def test_pragmas(db: Database) -> None:
    with db.reader() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_record_change_is_one_event_one_audit_and_rolls_back_together(db: Database) -> None:
    with db.session() as s:
        s.add(Store(id="s1", name="邻里便利店"))
        record_change(
            s,
            actor="u1",
            event_type="shift.closed",
            entity="shift",
            entity_id="sh1",
            payload={"shift_id": "sh1"},
        )
    try:
        with db.session() as s:
            record_change(
                s,
                actor="u1",
                event_type="shift.closed",
                entity="shift",
                entity_id="sh2",
                payload={"shift_id": "sh2"},
            )
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.reader() as s:
        events = s.scalars(select(OutboxEvent)).all()
        audits = s.scalars(select(AuditEntry)).all()
        assert [e.seq for e in events] == [1]
        assert [a.event_id for a in audits] == [events[0].event_id]
        assert verify_chain(s) == []


def test_audit_chain_detects_edit_and_delete(db: Database) -> None:
    with db.session() as s:
        for i in range(3):
            record_change(
                s,
                actor="u",
                event_type="shift.closed",
                entity="shift",
                entity_id=str(i),
                payload={"i": i},
            )
    with db.session() as s:
        s.execute(text("UPDATE audit SET actor='evil' WHERE id=2"))
    with db.reader() as s:
        assert any(p.entry_id == 2 and p.problem == "edited" for p in verify_chain(s))
    with db.session() as s:
        s.execute(text("UPDATE audit SET actor='u' WHERE id=2"))
        s.execute(text("DELETE FROM audit WHERE id=3"))
    with db.reader() as s:
        assert [p.problem for p in verify_chain(s)] == ["deleted"]
