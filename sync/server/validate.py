"""Checks for incoming events (DESIGN.md, Events): the envelope with strict types and
ranges, then the payload per type. Each returns problems in plain words; an empty list
means the event is acceptable. One bad event only ever gets its own `rejected`."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

Problems = list[str]

MAX_SEQ = 2**63 - 1  # a signed 64-bit column on every database
MAX_INT = 2**63 - 1
MAX_QTY = 1_000_000
MAX_DEPTH = 32
EVENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_TEXT_FIELDS = {"event_id": 64, "type": 48, "store_id": 64, "device_id": 64}


def whole_number(v: Any, low: int, high: int) -> int | None:
    """A JSON integer in range, or None. 7.0 counts (JSON and JSON Schema do not tell 7 from
    7.0); "7", true and 7.5 do not."""
    if isinstance(v, bool):
        return None
    if isinstance(v, float):
        if not math.isfinite(v) or not v.is_integer():
            return None
        v = int(v)
    if not isinstance(v, int) or not low <= v <= high:
        return None
    return v


def _is_number(v: Any) -> bool:
    """A finite JSON number (never a bool, NaN or an infinity)."""
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return abs(v) <= MAX_INT
    return isinstance(v, float) and math.isfinite(v)


def value_problem(v: Any, where: str = "payload", depth: int = 0) -> str | None:
    """The first number out of range (beyond 64 bits, not finite) or nesting too deep."""
    if depth > MAX_DEPTH:
        return f"{where} is nested too deeply"
    if isinstance(v, dict):
        for k, item in v.items():
            bad = value_problem(item, f"{where}.{k}", depth + 1)
            if bad:
                return bad
    elif isinstance(v, list):
        for i, item in enumerate(v):
            bad = value_problem(item, f"{where}[{i}]", depth + 1)
            if bad:
                return bad
    elif isinstance(v, int | float) and not isinstance(v, bool) and not _is_number(v):
        return f"{where} is not a finite number within 64 bits"
    return None


def parse_occurred_at(v: Any) -> tuple[datetime | None, str]:
    """An aware UTC time, or None and why not. A time without a timezone is ambiguous (which
    store clock?), so it is refused rather than guessed."""
    if not isinstance(v, str) or not 10 <= len(v) <= 40:
        return None, "occurred_at must be an ISO 8601 time text"
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None, "occurred_at is not an ISO 8601 time"
    if dt.tzinfo is None or dt.utcoffset() is None:
        return None, "occurred_at has no timezone (send it in UTC with a Z)"
    return dt.astimezone(UTC), ""


def envelope_problems(e: Any) -> Problems:
    """Strict types for the envelope: a seq of "7" or true is not a seq."""
    if not isinstance(e, dict):
        return ["an event must be an object"]
    out: Problems = []
    for key, longest in _TEXT_FIELDS.items():
        v = e.get(key)
        if not isinstance(v, str) or not 1 <= len(v) <= longest:
            out.append(f"{key} must be a text of 1 to {longest} characters")
    if isinstance(e.get("event_id"), str) and not out and not EVENT_ID.fullmatch(e["event_id"]):
        out.append("event_id may only hold letters, digits and . _ : -")
    seq = whole_number(e.get("seq"), 1, MAX_SEQ)
    if seq is None:
        out.append(f"seq must be a whole number from 1 to {MAX_SEQ}")
    else:
        e["seq"] = seq  # 7.0 is stored (and hashed) as 7
    if not isinstance(e.get("payload"), dict):
        out.append("payload must be an object")
    else:
        bad = value_problem(e["payload"])
        if bad:
            out.append(bad)
    _, why = parse_occurred_at(e.get("occurred_at"))
    if why:
        out.append(why)
    out.extend(sender_problems(e.get("device")))
    return out


SENDER_FIELDS = {"app_version": 32, "build": 64, "sent_at": 40}


def sender_problems(v: Any) -> Problems:
    """The optional `device` of an envelope: {app_version, build, sent_at}, each a text (keys
    a newer kiosk adds are ignored). Absent or null is fine; any other shape is refused."""
    if v is None:
        return []
    if not isinstance(v, dict):
        return ["device must be an object {app_version, build, sent_at}"]
    out: Problems = []
    for key, longest in SENDER_FIELDS.items():
        x = v.get(key)
        if x is not None and (not isinstance(x, str) or not 1 <= len(x) <= longest):
            out.append(f"device.{key} must be a text of 1 to {longest} characters")
    if isinstance(v.get("sent_at"), str) and not out:
        _, why = parse_occurred_at(v["sent_at"])
        if why:
            out.append(why.replace("occurred_at", "device.sent_at"))
    return out


def sender_of(e: dict[str, Any]) -> dict[str, str] | None:
    """What the server keeps of a checked envelope's `device`: the known fields only."""
    v = e.get("device")
    if not isinstance(v, dict):
        return None
    kept = {k: v[k] for k in SENDER_FIELDS if isinstance(v.get(k), str)}
    return kept or None


def _str(p: dict[str, Any], key: str, out: Problems) -> None:
    if not isinstance(p.get(key), str) or not p[key]:
        out.append(f"payload.{key} is missing or not a text")


def _num(p: dict[str, Any], key: str, out: Problems, *, optional: bool = False) -> None:
    v = p.get(key)
    if v is None and optional:
        return
    if not _is_number(v):
        out.append(f"payload.{key} is missing or not a finite number")


def _one_of(p: dict[str, Any], key: str, allowed: set[str], out: Problems) -> None:
    v = p.get(key)
    if not isinstance(v, str) or v not in allowed:  # a dict would not even hash
        out.append(f"payload.{key} must be one of {', '.join(sorted(allowed))}")


def _picked_up(p: dict[str, Any]) -> Problems:
    out: Problems = []
    _str(p, "order_id", out)
    _str(p, "staff_id", out)
    _one_of(p, "method", {"qr", "code", "phone", "manual"}, out)
    lines = p.get("lines")
    if not isinstance(lines, list) or not lines:
        out.append("payload.lines must list the picked lines")
    else:
        for i, ln in enumerate(lines):
            if not isinstance(ln, dict) or not isinstance(ln.get("sku"), str):
                out.append(f"payload.lines[{i}].sku is missing")
            elif not _is_number(ln.get("qty")) or not 0 < ln["qty"] <= MAX_QTY:
                out.append(f"payload.lines[{i}].qty must be a positive number up to {MAX_QTY}")
    return out


def _reversed(p: dict[str, Any]) -> Problems:
    out: Problems = []
    _str(p, "order_id", out)
    _str(p, "reason", out)
    _str(p, "staff_id", out)
    return out


def _handed_over(p: dict[str, Any]) -> Problems:
    out: Problems = []
    ids = p.get("order_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        out.append("payload.order_ids must list the handed-over orders")
    _str(p, "leader_id", out)
    _str(p, "staff_id", out)
    _one_of(p, "confirmed_by", {"badge", "pin"}, out)
    return out


def _batch(p: dict[str, Any]) -> Problems:
    out: Problems = []
    _str(p, "batch_id", out)
    lines = p.get("lines")
    if not isinstance(lines, list):
        out.append("payload.lines must be a list")
    else:
        for i, ln in enumerate(lines):
            if not isinstance(ln, dict) or not isinstance(ln.get("order_id"), str):
                out.append(f"payload.lines[{i}].order_id is missing or not a text")
    _num(p, "temperature_c", out, optional=True)
    return out


def _issue(p: dict[str, Any]) -> Problems:
    out: Problems = []
    _str(p, "order_id", out)
    _one_of(p, "kind", {"missing", "damaged", "quality", "wrong_item"}, out)
    _num(p, "qty", out, optional=True)
    return out


def _reading(p: dict[str, Any]) -> Problems:
    out: Problems = []
    _str(p, "reading_id", out)
    if isinstance(p.get("reading_id"), str) and len(p["reading_id"]) > 64:
        out.append("payload.reading_id must be at most 64 characters")
    _one_of(p, "kind", {"weight", "brix", "pesticide"}, out)
    _num(p, "value", out, optional=True)
    if not isinstance(p.get("unit"), str):
        out.append("payload.unit is missing")
    return out


def _inspection(p: dict[str, Any]) -> Problems:
    out: Problems = []
    _str(p, "inspection_id", out)
    _str(p, "supplier_id", out)
    if not isinstance(p.get("items"), list):
        out.append("payload.items must be a list")
    return out


def _shift(p: dict[str, Any]) -> Problems:
    out: Problems = []
    _str(p, "shift_id", out)
    _str(p, "staff_id", out)
    if not isinstance(p.get("counts"), dict):
        out.append("payload.counts must be an object")
    return out


VALIDATORS: dict[str, Callable[[dict[str, Any]], Problems]] = {
    "order.picked_up": _picked_up,
    "order.pickup_reversed": _reversed,
    "order.handed_over": _handed_over,
    "batch.arrived": _batch,
    "order.issue_reported": _issue,
    "reading.captured": _reading,
    "inspection.submitted": _inspection,
    "shift.closed": _shift,
}


def payload_problems(event_type: str, payload: Any) -> Problems:
    check = VALIDATORS.get(event_type)
    if check is None:
        return [f"unknown event type {event_type!r}"]
    if not isinstance(payload, dict):
        return ["payload must be an object"]
    return check(payload)


def order_ids_of(event_type: str, payload: dict[str, Any]) -> list[str]:
    """The orders an event is about (for store checks and locking)."""
    if event_type == "order.handed_over":
        ids = payload.get("order_ids")
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []
    if event_type == "batch.arrived":
        lines = payload.get("lines")
        return (
            sorted(
                {
                    ln["order_id"]
                    for ln in lines
                    if isinstance(ln, dict)
                    and isinstance(ln.get("order_id"), str)
                    and ln["order_id"]
                }
            )
            if isinstance(lines, list)
            else []
        )
    oid = payload.get("order_id")
    return [str(oid)] if isinstance(oid, str) else []
