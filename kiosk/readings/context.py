"""Who, what and where of a reading: everything INSTRUMENTS.md lists besides the value."""

from __future__ import annotations

from dataclasses import asdict, dataclass

CONTEXTS = ("livestream", "receiving", "inspection", "counter")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadingContext:
    operator_id: str
    context: str = "counter"  # livestream, receiving, inspection, counter
    session_id: str | None = None  # the live session or inspection id
    witness_id: str | None = None
    sample_id: str | None = None
    product: str | None = None
    variety: str | None = None  # for the Brix table (falls back to product)
    batch_id: str | None = None
    lot: str | None = None
    supplier_id: str | None = None
    origin: str | None = None
    instrument_model: str | None = None
    instrument_serial: str | None = None
    protocol: str | None = None
    verification_cert: str | None = None  # JJG 539 certificate number for trade scales
    calibrated_on: str | None = None  # verification or calibration date (ISO date)
    calibration_due: str | None = None
    reagent_lot: str | None = None  # enzyme/substrate kit or card lot
    reagent_expiry: str | None = None
    photos: tuple[str, ...] = ()  # sha256 of Media rows (kiosk.readings.media.store_media)
    retest_of: str | None = None
    note: str = ""

    def side_data(self) -> dict[str, object]:
        """The fields without their own column, for the record's JSON."""
        keep = (
            "verification_cert",
            "calibrated_on",
            "calibration_due",
            "reagent_lot",
            "reagent_expiry",
            "note",
        )
        return {k: v for k, v in asdict(self).items() if k in keep and v}
