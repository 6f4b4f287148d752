"""Screenshot states of the live screen (scripts/screenshots.py calls `screenshot_states`):
a session with three Brix samples, and a positive pesticide result on air. Each state feeds
readings through the screen's own path (the desk on the database worker)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kiosk.ports import Reading, ReadingKind, ReadingStatus
from kiosk.readings.live import Instrument
from ui.context import UiContext
from ui.wait import wait_for

REFRACTO = Instrument("refractometer", "SIM-BRIX/1", "BRX-0001", "brix")
PEST = Instrument("pesticide", "SIM-PEST/1", "PST-0001", "pesticide")


def brix(value: float) -> Reading:
    return Reading(
        ReadingKind.BRIX, value, "%Brix", True, ReadingStatus.OK, b"BRX", datetime.now(UTC)
    )


def pesticide(da0: str, dat: str, inhibition: float, code: str) -> Reading:
    return Reading(
        ReadingKind.PESTICIDE,
        inhibition,
        "%",
        True,
        ReadingStatus.OK,
        b"PST",
        datetime.now(UTC),
        (("sample_id", "S0007"), ("dA0", da0), ("dAt", dat), ("reader_verdict", code)),
    )


def feed(screen: Any, product: str, batch: str, readings: list[tuple[Reading, Instrument]]) -> None:
    if screen.snap.running:
        screen._toggle_session()
        wait_for(lambda: not screen.snap.running)
    screen.product.setEditText(product)
    screen.batch.setText(batch)
    screen._toggle_session()
    wait_for(lambda: screen.snap.running)
    for n, item in enumerate(readings, start=1):
        screen._take(item)
        wait_for(lambda n=n: bool(len(screen.snap.items) >= n))  # type: ignore[misc]


def screenshot_states(ctx: UiContext) -> list[tuple[str, Callable[[Any], None]]]:
    def brix_session(screen: Any) -> None:
        feed(screen, "草莓", "B-0601", [(brix(v), REFRACTO) for v in (12.2, 12.5, 12.8)])

    def positive(screen: Any) -> None:
        feed(
            screen,
            "小白菜",
            "B-0602",
            [
                (pesticide("0.512", "0.471", 8.0, "NEG"), PEST),
                (pesticide("0.508", "0.226", 55.5, "POS"), PEST),
            ],
        )

    return [("live-brix", brix_session), ("live-positive", positive)]
