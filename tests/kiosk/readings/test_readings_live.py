"""Live test mode's desk (Qt-free): results saved and signed as they come, positives kept
as positive, weights saved only when captured stable, n / mean / spread per kind, and the
reading label's QR carries the verification code."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from kiosk.db import Database
from kiosk.models import OutboxEvent
from kiosk.models.readings import ReadingRecord
from kiosk.ports import QR, Reading, ReadingKind, ReadingStatus
from kiosk.readings import signing
from kiosk.readings.label import label_document, queue_reading_label
from kiosk.readings.live import Instrument, LiveDesk, instrument_of
from kiosk.readings.verify import verify_in_ledger

AT = datetime(2026, 6, 1, 2, 15, 2, tzinfo=UTC)
REFRACTO = Instrument("refractometer", "SIM-BRIX/1", "BRX-0001", "brix")
PEST = Instrument("pesticide", "SIM-PEST/1", "PST-0001", "pesticide")
SCALE = Instrument("scale", "SIM-BAL", "BAL-1", "mt-sics")


def brix(value: float) -> Reading:
    return Reading(ReadingKind.BRIX, value, "%Brix", True, ReadingStatus.OK, b"BRX", AT)


def pest(da0: str, dat: str, inhibition: float, code: str) -> Reading:
    return Reading(
        ReadingKind.PESTICIDE,
        inhibition,
        "%",
        True,
        ReadingStatus.OK,
        b"PST",
        AT,
        (("sample_id", "S1"), ("dA0", da0), ("dAt", dat), ("reader_verdict", code)),
    )


def weight(kg: float, stable: bool) -> Reading:
    return Reading(
        ReadingKind.WEIGHT,
        kg,
        "kg",
        stable,
        ReadingStatus.OK if stable else ReadingStatus.MOTION,
        b"S",
        AT,
    )


def saved(db: Database) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(ReadingRecord)) or 0)


def test_nothing_is_saved_before_the_session_starts(db: Database) -> None:
    desk = LiveDesk(db)
    desk.take(brix(12.8), REFRACTO)
    assert saved(db) == 0
    assert desk.start(product=" ", batch_id="", operator_id="S-1").error == "no_product"
    assert desk.start(product="草莓", batch_id="", operator_id=None).error == "no_operator"
    assert not desk.snap.running


def test_brix_samples_build_mean_and_spread_and_each_is_signed(db: Database) -> None:
    desk = LiveDesk(db)
    desk.start(product="草莓", batch_id="B-0601", operator_id="S-1")
    for v in (12.8, 12.2, 12.5):
        snap = desk.take(brix(v), REFRACTO)
    assert saved(db) == 3
    spread = snap.spreads["brix"]
    assert (spread.n, spread.mean, spread.sd, spread.low, spread.high) == (3, 12.5, 0.3, 12.2, 12.8)
    latest = snap.latest
    assert latest is not None and latest.verdict == "extra_sweet" and latest.tone == "good"
    assert latest.code is not None and latest.short_code is not None
    with db.session() as s:
        check = verify_in_ledger(s, latest.code)
        row = s.get(ReadingRecord, latest.reading_id)
    assert check.valid and row is not None
    assert (row.context, row.session_id, row.product, row.batch_id) == (
        "livestream",
        snap.session_id,
        "草莓",
        "B-0601",
    )
    assert (row.instrument_model, row.instrument_serial) == ("SIM-BRIX/1", "BRX-0001")


def test_a_positive_is_saved_and_shown_as_positive(db: Database) -> None:
    desk = LiveDesk(db)
    desk.start(product="小白菜", batch_id="", operator_id="S-1")
    snap = desk.take(pest("0.512", "0.230", 55.1, "POS"), PEST)
    latest = snap.latest
    assert latest is not None and latest.verdict == "positive" and latest.tone == "bad"
    assert latest.value == 55.1 and latest.unit == "%"
    with db.reader() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(OutboxEvent)
                .where(OutboxEvent.type == "reading.captured")
            )
            == 1
        )


def test_a_control_line_is_not_a_sample(db: Database) -> None:
    desk = LiveDesk(db)
    desk.start(product="小白菜", batch_id="", operator_id="S-1")
    control = Reading(
        ReadingKind.PESTICIDE, None, "%", True, ReadingStatus.OK, b"CTL", AT, (("dA0", "0.5"),)
    )
    desk.take(control, PEST)
    assert saved(db) == 0


def test_weight_is_live_and_saved_only_when_captured_stable(db: Database) -> None:
    desk = LiveDesk(db)
    desk.start(product="西瓜", batch_id="", operator_id="S-1")
    snap = desk.take(weight(5.2, stable=False), SCALE)
    assert snap.weight == 5.2 and not snap.weight_stable and saved(db) == 0
    assert desk.capture_weight(operator_id="S-1").error
    desk.take(weight(5.25, stable=True), SCALE)
    snap = desk.capture_weight(operator_id="S-1")
    assert saved(db) == 1 and snap.latest is not None and snap.latest.value == 5.25


def test_label_qr_carries_the_verification_code(db: Database) -> None:
    desk = LiveDesk(db)
    desk.start(product="草莓", batch_id="B1", operator_id="S-1")
    latest = desk.take(brix(12.8), REFRACTO).latest
    assert latest is not None and latest.code is not None
    with db.session() as s:
        doc = label_document(s, latest.reading_id)
        queue_reading_label(s, latest.reading_id)
    qr = next(b for b in doc.blocks if isinstance(b, QR))
    assert qr.data == latest.code and signing.check_code(qr.data, {}).reason == "unknown_key"
    assert latest.short_code is not None and latest.short_code in qr.caption
    assert any("甜度优" in str(getattr(b, "right", "")) for b in doc.blocks)  # not "extra_sweet"


def test_instrument_identity_from_setting_or_driver() -> None:
    class Status:
        name = "refractometer"

    class Profile:
        label = "SIM-BRIX/1 refractometer"
        name = "brix"

    class Device:
        profile = Profile()
        url = "/dev/pts/7"

        def status(self) -> Status:
            return Status()

    assert instrument_of(Device()) == Instrument(
        "refractometer", "SIM-BRIX/1 refractometer", "port 7", "brix"
    )
    configured = [{"name": "refractometer", "model": "PAL-1", "serial": "A123"}]
    got = instrument_of(Device(), configured)
    assert (got.model, got.serial) == ("PAL-1", "A123")
