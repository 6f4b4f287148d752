"""Saving readings: immutable rows, `reading.captured` outbox event + audit entry, re-tests,
manual entry with a photo, manager flags."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DatabaseError

from kiosk.db import Database
from kiosk.errors import UserFacingError
from kiosk.ledger.audit import verify_chain
from kiosk.models import AuditEntry, Media, OutboxEvent
from kiosk.models.readings import ReadingRecord
from kiosk.platform.identity import put_setting
from kiosk.ports import Reading, ReadingKind, ReadingStatus
from kiosk.readings import service
from kiosk.readings.context import ReadingContext
from kiosk.readings.media import store_media
from kiosk.readings.service import (
    flagged_for_manager,
    retests_of,
    save_brix_sample,
    save_manual,
    save_reading,
)

AT = datetime(2026, 6, 1, 2, 15, 2, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"photo-of-the-display" * 10
CTX = ReadingContext(
    operator_id="staff-7",
    context="livestream",
    session_id="live-1",
    product="草莓",
    batch_id="B1",
    instrument_model="SIM-BAL",
    instrument_serial="SIM0000001",
    protocol="mt-sics",
    calibrated_on="2026-01-10",
    calibration_due="2027-01-10",
)


def weight(
    grams: float = 1250.0, *, stable: bool = True, status: ReadingStatus = ReadingStatus.OK
) -> Reading:
    return Reading(
        ReadingKind.WEIGHT,
        grams if status in (ReadingStatus.OK, ReadingStatus.MOTION) else None,
        "g",
        stable,
        status,
        b"S S     1250.00 g\r\n",
        AT,
        (("display_value", "1250.00"), ("display_unit", "g")),
    )


def brix_reading(value: float = 12.8) -> Reading:
    return Reading(
        ReadingKind.BRIX,
        value,
        "%Brix",
        True,
        ReadingStatus.OK,
        b"BRX,000123,12.8,%Brix,23.4,ATC,1.35203,OK*7A\r\n",
        AT,
        (("temperature_c", "23.4"), ("atc", "ATC"), ("nD", "1.35203")),
    )


def pest_reading(
    da0: str = "0.512", dat: str = "0.230", inhibition: float = 55.1, reader: str = "POS"
) -> Reading:
    return Reading(
        ReadingKind.PESTICIDE,
        inhibition,
        "%",
        True,
        ReadingStatus.OK,
        b"PST,03,S0007,...*00\r\n",
        AT,
        (
            ("record", "result"),
            ("sample_id", "S0007"),
            ("dA0", da0),
            ("dAt", dat),
            ("reader_verdict", reader),
        ),
    )


def counts(db: Database) -> tuple[int, int, int]:
    with db.reader() as s:
        return (
            s.scalar(select(func.count()).select_from(ReadingRecord)) or 0,
            s.scalar(select(func.count()).select_from(OutboxEvent)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_stable_weight_is_saved_with_outbox_event_and_audit(db: Database) -> None:
    with db.session() as s:
        saved = save_reading(s, weight(), CTX)
    with db.reader() as s:
        row = s.get(ReadingRecord, saved.reading_id)
        assert row is not None
        assert (row.kind, row.value, row.unit, row.stable, row.source) == (
            "weight",
            1250.0,
            "g",
            True,
            "instrument",
        )
        assert bytes.fromhex(row.raw_hex) == b"S S     1250.00 g\r\n"
        assert row.measured_at == AT and row.measured_at_local == "2026-06-01T10:15:02+08:00"
        assert row.data["calibration_due"] == "2027-01-10"
        assert row.data["parsed"]["display_unit"] == "g"
        ev = s.scalars(select(OutboxEvent)).one()
        assert ev.type == "reading.captured" and ev.event_id == saved.event_id
        p = ev.payload
        assert p["reading_id"] == row.id and p["kind"] == "weight" and p["value"] == 1250.0
        assert p["instrument"] == {"model": "SIM-BAL", "serial": "SIM0000001"}
        assert p["operator"] == "staff-7" and p["session"] == {
            "context": "livestream",
            "id": "live-1",
        }
        assert p["product"] == "草莓" and p["batch_id"] == "B1" and "verdict" in p
        audit = s.scalars(select(AuditEntry)).one()
        assert audit.event_id == ev.event_id and audit.entity_id == row.id
        assert verify_chain(s) == []


@pytest.mark.parametrize(
    "reading,words",
    [
        (weight(stable=False, status=ReadingStatus.MOTION), "cannot be saved"),
        (weight(stable=False), "still moving"),
        (weight(status=ReadingStatus.OVERLOAD), "overload"),
        (
            Reading(
                ReadingKind.BRIX,
                None,
                "%Brix",
                False,
                ReadingStatus.ERROR,
                b"BRX...E01",
                AT,
                (("error", "no sample on the prism"),),
            ),
            "no sample on the prism",
        ),
    ],
)
def test_unsaveable_readings_are_refused_and_nothing_is_written(
    db: Database, reading: Reading, words: str
) -> None:
    with pytest.raises(UserFacingError, match=words), db.session() as s:
        save_reading(s, reading, CTX)
    assert counts(db) == (0, 0, 0)


def test_brix_reading_is_graded_from_the_table_with_source(db: Database) -> None:
    with db.session() as s:
        saved = save_reading(s, brix_reading(12.8), CTX)
    assert saved.verdict == "extra_sweet" and saved.verdict_label == "特甜 extra sweet"
    with db.reader() as s:
        row = s.get(ReadingRecord, saved.reading_id)
        assert row is not None and row.data["grade"]["variety"] == "strawberry"
        assert row.data["parsed"]["temperature_c"] == "23.4" and row.data["parsed"]["atc"] == "ATC"
        assert row.method_standard.startswith("NY/T 2637")  # type: ignore[union-attr]
    store_table = [
        {
            "variety": "strawberry",
            "names": ["草莓"],
            "normal_from": 10,
            "sweet_from": 12,
            "extra_from": 14,
            "source": "NY/T 444 (store)",
        }
    ]
    with db.session() as s:
        put_setting(s, "brix_grade_table", store_table)
        again = save_reading(s, brix_reading(12.8), CTX)
    assert again.verdict == "sweet"
    with db.reader() as s:
        assert s.get(ReadingRecord, again.reading_id).data["grade"]["source"] == "NY/T 444 (store)"  # type: ignore[union-attr]


def test_pesticide_result_is_recomputed_flagged_and_carries_its_method(db: Database) -> None:
    with db.session() as s:
        saved = save_reading(
            s,
            pest_reading(),
            ReadingContext(
                operator_id="staff-7",
                context="receiving",
                product="菠菜",
                supplier_id="SUP1",
                reagent_lot="EZ-2026-05",
                reagent_expiry="2026-12-31",
            ),
        )
    assert saved.verdict == "positive" and saved.needs_manager
    with db.reader() as s:
        row = s.get(ReadingRecord, saved.reading_id)
        assert row is not None
        assert (row.method_standard, row.threshold_pct, row.control_valid) == (
            "GB/T 5009.199-2003",
            50.0,
            True,
        )
        assert row.sample_id == "S0007" and row.value == 55.1
        assert row.data["pesticide"]["inhibition_pct"] == 55.1
        assert row.data["pesticide"]["disagrees_with_reader"] is False
        assert row.data["reagent_lot"] == "EZ-2026-05"
        assert [r.id for r in flagged_for_manager(s)] == [row.id]
        ev = s.scalars(select(OutboxEvent)).one()
        assert ev.payload["verdict"] == "positive" and ev.payload["needs_manager"] is True
        assert ev.payload["method"] == {"standard": "GB/T 5009.199-2003", "threshold_pct": 50.0}


def test_threshold_setting_is_recorded_with_the_result(db: Database) -> None:
    with db.session() as s:
        put_setting(
            s,
            "pesticide_method",
            {"standard": "NY/T 448 (store)", "positive_pct": 70, "suspect_pct": None},
        )
        saved = save_reading(s, pest_reading(reader="POS"), CTX)
    assert saved.verdict == "negative"  # 55.1 % is under this method's 70 %
    assert saved.needs_manager  # ...and the reader said POS: a disagreement for the manager
    with db.reader() as s:
        row = s.get(ReadingRecord, saved.reading_id)
        assert (
            row is not None
            and row.threshold_pct == 70.0
            and row.method_standard == "NY/T 448 (store)"
        )
        assert row.data["pesticide"]["disagrees_with_reader"] is True


def test_invalid_control_is_never_negative(db: Database) -> None:
    with db.session() as s:
        saved = save_reading(
            s, pest_reading(da0="0.250", dat="0.240", inhibition=4.0, reader="NEG"), CTX
        )
    assert saved.verdict == "invalid"
    with db.reader() as s:
        row = s.get(ReadingRecord, saved.reading_id)
        assert (
            row is not None
            and row.control_valid is False
            and "invalid" in (row.verdict_label or "")
        )


def test_control_line_is_not_a_result(db: Database) -> None:
    ctl = Reading(
        ReadingKind.PESTICIDE,
        None,
        "%",
        True,
        ReadingStatus.OK,
        b"CTL...",
        AT,
        (("record", "control"), ("dA0", "0.5")),
    )
    with pytest.raises(UserFacingError), db.session() as s:
        save_reading(s, ctl, CTX)


def test_retest_links_to_the_original(db: Database) -> None:
    with db.session() as s:
        first = save_reading(s, pest_reading(), CTX)
    retest_ctx = ReadingContext(
        operator_id="staff-8", retest_of=first.reading_id, witness_id="mgr-1"
    )
    with db.session() as s:
        second = save_reading(s, pest_reading(dat="0.240", inhibition=53.1), retest_ctx)
    with db.reader() as s:
        assert [r.id for r in retests_of(s, first.reading_id)] == [second.reading_id]
        payloads = [e.payload for e in s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))]
        assert payloads[1]["retest_of"] == first.reading_id and payloads[1]["witness"] == "mgr-1"
    with pytest.raises(UserFacingError, match="no reading"), db.session() as s:
        save_reading(s, pest_reading(), ReadingContext(operator_id="x", retest_of="nope"))
    with pytest.raises(UserFacingError, match="must be a pesticide"), db.session() as s:
        save_reading(s, weight(), ReadingContext(operator_id="x", retest_of=first.reading_id))


def test_manual_entries_need_a_photo_stored_by_sha256(db: Database) -> None:
    data_dir = db.path.parent
    with pytest.raises(UserFacingError, match="photo"), db.session() as s:
        save_manual(s, CTX, kind="brix", value=11.5)
    with db.session() as s:
        sha = store_media(s, data_dir, PNG, "image/png")
        assert store_media(s, data_dir, PNG, "image/png") == sha  # stored once
    with db.reader() as s:
        media = s.get(Media, sha)
        assert media is not None and (data_dir / media.path).read_bytes() == PNG
    ctx = ReadingContext(operator_id="staff-7", product="西瓜", photos=(sha,))
    with db.session() as s:
        brix_saved = save_manual(s, ctx, kind="brix", value=11.5)
        card_saved = save_manual(
            s,
            ReadingContext(operator_id="staff-7", product="韭菜", photos=(sha,)),
            kind="pesticide",
            card="white",
        )
        da_saved = save_manual(s, ctx, kind="pesticide", da0=0.5, dat=0.48)
    assert brix_saved.verdict == "sweet"
    assert card_saved.verdict == "positive" and card_saved.needs_manager
    assert da_saved.verdict == "negative" and da_saved.verdict_label == "screen negative (快检阴性)"
    with db.reader() as s:
        card = s.get(ReadingRecord, card_saved.reading_id)
        assert card is not None and card.source == "manual" and card.photos == [sha]
        assert card.value is None and card.threshold_pct is None
        assert "whole-vegetable" in card.data["pesticide"]["note"]
    with pytest.raises(UserFacingError, match="missing"), db.session() as s:
        save_manual(s, ReadingContext(operator_id="x", photos=("0" * 64,)), kind="brix", value=10)
    with pytest.raises(UserFacingError, match="JPEG"), db.session() as s:
        store_media(s, data_dir, b"GIF89a", "image/gif")


def test_brix_sample_of_three_fruits_has_n_mean_sd(db: Database) -> None:
    with db.session() as s:
        saved = save_brix_sample(
            s,
            [brix_reading(12.0), brix_reading(13.0), brix_reading(14.0)],
            ReadingContext(operator_id="staff-7", product="芒果"),
        )
    with db.reader() as s:
        row = s.get(ReadingRecord, saved.reading_id)
        assert row is not None and row.value == 13.0 and row.source == "instrument"
        assert row.data["sample"]["n"] == 3 and row.data["sample"]["sd"] == 1.0
        assert row.data["sample"]["within_method"] is True
        assert len(row.raw_hex.split()) == 3
    assert saved.verdict == "normal"  # mango 12–14


def test_readings_are_immutable(db: Database) -> None:
    with db.session() as s:
        saved = save_reading(s, weight(), CTX)
    for stmt in (update(ReadingRecord).values(value=1.0), delete(ReadingRecord)):
        with pytest.raises(DatabaseError, match="immutable"), db.session() as s:
            s.execute(stmt)
    with pytest.raises(DatabaseError, match="immutable"), db.session() as s:
        s.execute(text("UPDATE readings SET verdict='negative'"))
    with db.reader() as s:
        assert s.get(ReadingRecord, saved.reading_id).value == 1250.0  # type: ignore[union-attr]
    public = [n for n in dir(service) if not n.startswith("_")]
    assert not [n for n in public if n.startswith(("update", "delete", "edit", "change"))]


def test_unknown_context_and_missing_operator_are_refused(db: Database) -> None:
    with pytest.raises(UserFacingError, match="context"), db.session() as s:
        save_reading(s, weight(), ReadingContext(operator_id="x", context="party"))
    with pytest.raises(UserFacingError, match="operator"), db.session() as s:
        save_reading(s, weight(), ReadingContext(operator_id=""))
    assert counts(db) == (0, 0, 0)


def test_manager_acknowledges_a_flag_without_touching_the_reading(db: Database) -> None:
    from kiosk.readings.service import acknowledge_flag

    with db.session() as s:
        flagged = save_reading(s, pest_reading(), CTX)
        plain = save_reading(s, weight(), CTX)
    with pytest.raises(UserFacingError, match="no flagged reading"), db.session() as s:
        acknowledge_flag(s, plain.reading_id, manager_id="mgr-1", note="ok")
    with pytest.raises(UserFacingError, match="what was done"), db.session() as s:
        acknowledge_flag(s, flagged.reading_id, manager_id="mgr-1", note=" ")
    with db.session() as s:
        acknowledge_flag(
            s, flagged.reading_id, manager_id="mgr-1", note="batch held; lab sample sent"
        )
    with db.reader() as s:
        assert flagged_for_manager(s) == []
        assert [r.id for r in flagged_for_manager(s, include_acknowledged=True)] == [
            flagged.reading_id
        ]
        assert s.get(ReadingRecord, flagged.reading_id).needs_manager is True  # type: ignore[union-attr]
        assert verify_chain(s) == []
