"""Standard JSON only, for the client and the server alike: NaN, Infinity and numbers that
overflow to an infinity are refused (json.loads takes them by default, and a NaN quantity
would poison every later comparison)."""

from __future__ import annotations

import json
import math
from typing import Any


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    v = float(text)
    if not math.isfinite(v):
        raise ValueError("a number is too large")
    return v


def strict_json(text: str) -> Any:
    """json.loads, refusing NaN, Infinity and overflowing numbers (ValueError)."""
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
