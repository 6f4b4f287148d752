"""Cold-chain bands (chilled, frozen) and which zone a product belongs to.

The bands come from settings (`cold_chain` in the kiosk settings table, or the UI's
settings.toml passed in by the screen); the defaults are the usual Chinese retail bands:
chilled 0–8 °C (冷藏), frozen −30 to −15 °C (冷冻). A product's zone is looked up by SKU
prefix (`sku_zones`); anything unlisted is ambient and needs no temperature.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Zone(StrEnum):
    AMBIENT = "ambient"
    CHILLED = "chilled"
    FROZEN = "frozen"


_RANK = {Zone.AMBIENT: 0, Zone.CHILLED: 1, Zone.FROZEN: 2}


@dataclass(frozen=True, slots=True)
class Band:
    zone: Zone
    min_c: float
    max_c: float

    def contains(self, celsius: float) -> bool:
        return self.min_c <= celsius <= self.max_c


class TempCheck(StrEnum):
    IN_BAND = "in_band"
    TOO_WARM = "too_warm"
    TOO_COLD = "too_cold"
    IMPLAUSIBLE = "implausible"  # not a reading a probe gives (typo, °F)


DEFAULT_SKU_ZONES: tuple[tuple[str, Zone], ...] = (
    ("FRZ-", Zone.FROZEN),
    ("DAI-", Zone.CHILLED),
    ("MEA-", Zone.CHILLED),
    ("TOF-", Zone.CHILLED),
    ("FRU-002", Zone.CHILLED),
    ("SEA-", Zone.FROZEN),
)


@dataclass(frozen=True, slots=True)
class ColdChain:
    bands: tuple[Band, ...] = (Band(Zone.CHILLED, 0.0, 8.0), Band(Zone.FROZEN, -30.0, -15.0))
    sku_zones: tuple[tuple[str, Zone], ...] = field(default=DEFAULT_SKU_ZONES)

    def zone_of(self, sku: str) -> Zone:
        best: tuple[int, Zone] = (-1, Zone.AMBIENT)
        for prefix, zone in self.sku_zones:
            if sku.startswith(prefix) and len(prefix) > best[0]:
                best = (len(prefix), zone)
        return best[1]

    def zone_of_order(self, skus: Iterable[str]) -> Zone:
        """The coldest zone among the lines: a bag with milk in it goes in the fridge."""
        return max((self.zone_of(s) for s in skus), key=_RANK.__getitem__, default=Zone.AMBIENT)

    def band(self, zone: Zone) -> Band | None:
        return next((b for b in self.bands if b.zone == zone), None)

    def check(self, zone: Zone, celsius: float) -> TempCheck:
        if not -40.0 <= celsius <= 45.0:
            return TempCheck.IMPLAUSIBLE
        band = self.band(zone)
        if band is None or band.contains(celsius):
            return TempCheck.IN_BAND
        return TempCheck.TOO_WARM if celsius > band.max_c else TempCheck.TOO_COLD

    @classmethod
    def from_setting(cls, raw: object) -> ColdChain:
        """From `{"chilled": [min, max], "frozen": [min, max], "sku_zones": {prefix: zone}}`;
        anything malformed keeps its default (validation in words is the settings screen's)."""
        base = cls()
        if not isinstance(raw, Mapping):
            return base
        bands = {b.zone: b for b in base.bands}
        for zone in (Zone.CHILLED, Zone.FROZEN):
            pair: Any = raw.get(zone.value)
            if (
                isinstance(pair, (list, tuple))
                and len(pair) == 2
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pair)
                and pair[0] < pair[1]
            ):
                bands[zone] = Band(zone, float(pair[0]), float(pair[1]))
        zones = base.sku_zones
        given: Any = raw.get("sku_zones")
        if isinstance(given, Mapping):
            parsed = tuple(
                (str(p), Zone(z)) for p, z in given.items() if z in {v.value for v in Zone}
            )
            zones = parsed or zones
        return cls(tuple(bands.values()), zones)
