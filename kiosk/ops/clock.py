"""The kiosk's clock against the platform's.

Token expiry, overdue days and event times all read the local clock; a counter PC whose
CMOS battery died wakes up in 2009. The platform's clock is read off the `Date` header of an
answer (`GET /api/v1/health`), halfway through the round trip; the last offset is kept in
settings (`clock_offset`) so the devices screen and `kiosk doctor` can show it offline.
Events keep both times: `occurred_at` (kiosk clock) and the server's receive time, plus the
kiosk's `device.sent_at` in each envelope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from sqlalchemy.orm import Session

from kiosk.platform.identity import get_setting, put_setting

SETTING = "clock_offset"
TOLERANCE_S = 120.0  # Date has 1 s resolution; tokens and overdue days tolerate minutes


@dataclass(frozen=True, slots=True)
class ClockOffset:
    """server time − kiosk time, in seconds, measured at `at` (kiosk clock)."""

    offset_s: float
    at: datetime
    uncertainty_s: float = 1.0

    @property
    def far_off(self) -> bool:
        return abs(self.offset_s) > TOLERANCE_S + self.uncertainty_s

    def describe(self) -> str:
        """Plain words: "the kiosk's clock is 2 h 5 min behind the platform's"."""
        size = abs(self.offset_s)
        if size < 1.5:
            return "the kiosk's clock agrees with the platform's"
        step = 3600 if size >= 86400 else 60 if size >= 3600 else 1  # two parts, rounded
        hours, rest = divmod(round(size / step) * step, 3600)
        minutes, seconds = divmod(rest, 60)
        days, hours = divmod(hours, 24)
        parts = [
            f"{n} {u}"
            for n, u in ((days, "d"), (hours, "h"), (minutes, "min"), (seconds, "s"))
            if n
        ][:2]
        side = "behind" if self.offset_s > 0 else "ahead of"
        return f"the kiosk's clock is {' '.join(parts)} {side} the platform's"

    def as_json(self) -> dict[str, Any]:
        return {
            "offset_s": round(self.offset_s, 1),
            "at": self.at.isoformat(),
            "uncertainty_s": round(self.uncertainty_s, 1),
        }


def offset_from_date(date_header: str, sent: datetime, received: datetime) -> ClockOffset:
    """The offset from an HTTP `Date` header seen between `sent` and `received` (kiosk
    clock, aware UTC). Raises ValueError for a header that is not a date."""
    server = parsedate_to_datetime(date_header)
    if server.tzinfo is None:
        server = server.replace(tzinfo=UTC)
    middle = sent + (received - sent) / 2
    half_trip = max((received - sent).total_seconds() / 2, 0.0)
    return ClockOffset((server - middle).total_seconds(), received, half_trip + 1.0)


def remember(session: Session, offset: ClockOffset) -> None:
    put_setting(session, SETTING, offset.as_json())


def last_known(session: Session) -> ClockOffset | None:
    raw = get_setting(session, SETTING)
    if not isinstance(raw, dict):
        return None
    try:
        return ClockOffset(
            float(raw["offset_s"]),
            datetime.fromisoformat(str(raw["at"])),
            float(raw.get("uncertainty_s", 1.0)),
        )
    except (KeyError, TypeError, ValueError):
        return None
