"""An instrument as configuration: which protocol on which port, with any serial setting or
the frame pattern overridden, so a real device's variant is configuration, not code.

main.py reads these (e.g. a JSON list in the kiosk settings) and builds one worker each.

`division` is the scale's display division for the stability gate: `"0.05 kg"`, `"5 g"`,
or a bare number in the protocol's display unit (kg for Toledo/CAS/ACLAS/continuous, g for
MT-SICS). A 0.05 kg graduation cannot be read from the digits, so say it here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from drivers.instruments.common import GRAMS_PER_UNIT, Profile
from drivers.instruments.registry import get_profile
from drivers.instruments.worker import DEFAULT_BACKOFF, Backoff, PortWorker
from kiosk.errors import DeviceError, DeviceErrorKind

SETTINGS = {
    "baudrate": int,
    "bytesize": int,
    "parity": str,
    "stopbits": float,
    "poll_interval_s": float,
    "read_timeout_s": float,
    "silence_s": float,
}


@dataclass(frozen=True, slots=True)
class InstrumentConfig:
    name: str  # what the status chip says: "scale", "refractometer"...
    protocol: str
    port: str
    overrides: tuple[tuple[str, Any], ...] = ()
    frame: str | None = None  # regex over the bytes (latin-1 text), replaces the protocol's
    model: str | None = None
    serial: str | None = None
    division: str | None = None  # "0.05 kg", "5 g", or a number in the display unit

    @classmethod
    def from_json(cls, data: object) -> InstrumentConfig:
        if not isinstance(data, Mapping):
            raise DeviceError(DeviceErrorKind.CONFIG, "An instrument setting must be an object.")
        try:
            name, protocol, port = str(data["name"]), str(data["protocol"]), str(data["port"])
        except KeyError as exc:
            raise DeviceError(
                DeviceErrorKind.CONFIG, f"An instrument setting lacks {exc.args[0]!r}."
            ) from None
        overrides = []
        for key, kind in SETTINGS.items():
            if data.get(key) is not None:
                try:
                    overrides.append((key, kind(data[key])))
                except (TypeError, ValueError):
                    raise DeviceError(
                        DeviceErrorKind.CONFIG, f"{name}: {key} must be a {kind.__name__}."
                    ) from None
        frame, division = data.get("frame"), data.get("division")
        config = cls(
            name,
            protocol,
            port,
            tuple(overrides),
            None if frame is None else str(frame),
            data.get("model"),
            data.get("serial"),
            None if division is None else str(division),
        )
        config.division_g()  # refuse a bad division now, in words
        return config

    def division_g(self) -> float | None:
        """The `division` setting in grams (None when not set)."""
        if self.division is None:
            return None
        m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([a-zA-Z]*)\s*", self.division)
        unit = (m.group(2) if m and m.group(2) else get_profile(self.protocol).unit or "g").lower()
        factor = GRAMS_PER_UNIT.get(unit)
        try:
            number = Decimal(m.group(1)) if m else Decimal(0)
        except InvalidOperation:
            number = Decimal(0)
        if factor is None or number <= 0:
            raise DeviceError(
                DeviceErrorKind.CONFIG,
                f"{self.name}: division must be a positive weight such as "
                f'"0.05 kg" or "5 g" (got {self.division!r}).',
            )
        return float(number * factor)

    def profile(self) -> Profile:
        overrides: dict[str, Any] = dict(self.overrides)
        if self.frame is not None:
            overrides["frame"] = self.frame.encode("latin-1")
        profile = get_profile(self.protocol, **overrides)
        if profile.parity not in ("N", "E", "O") or profile.bytesize not in (5, 6, 7, 8):
            raise DeviceError(DeviceErrorKind.CONFIG, f"{self.name}: bad parity or data bits.")
        try:
            profile.frame_re  # noqa: B018 - compile now so a bad pattern is caught here
        except Exception as exc:
            raise DeviceError(
                DeviceErrorKind.CONFIG,
                f"{self.name}: the frame pattern is not a valid regex ({exc}).",
            ) from None
        return profile


def build_worker(config: InstrumentConfig, backoff: Backoff = DEFAULT_BACKOFF) -> PortWorker:
    return PortWorker(
        config.profile(),
        config.port,
        name=config.name,
        backoff=backoff,
        division_g=config.division_g(),
    )
