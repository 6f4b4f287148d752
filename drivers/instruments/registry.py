"""Protocol name → Profile. Every module in `protocols/` with a `PROFILE` registers itself,
so adding an instrument protocol is adding one small module."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from functools import cache
from typing import Any

from drivers.instruments import protocols
from drivers.instruments.common import Profile
from kiosk.errors import DeviceError, DeviceErrorKind


@cache
def profiles() -> dict[str, Profile]:
    found: dict[str, Profile] = {}
    for mod in pkgutil.iter_modules(protocols.__path__):
        module = importlib.import_module(f"{protocols.__name__}.{mod.name}")
        profile = getattr(module, "PROFILE", None)
        if isinstance(profile, Profile):
            found[profile.name] = profile
    return dict(sorted(found.items()))


def get_profile(name: str, **overrides: Any) -> Profile:
    """The named protocol, with settings overridden (baudrate=2400, parity="E"...)."""
    try:
        profile = profiles()[name]
    except KeyError:
        known = ", ".join(profiles())
        raise DeviceError(
            DeviceErrorKind.CONFIG,
            f"Unknown instrument protocol {name!r}. Known protocols: {known}.",
        ) from None
    clean = {k: v for k, v in overrides.items() if v is not None}
    return replace(profile, **clean) if clean else profile
