"""Per-type payload checks for incoming events (DESIGN.md, Events). Each returns the list of
problems in plain words; an empty list means the payload is acceptable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Problems = list[str]


def _str(p: dict[str, Any], key: str, out: Problems) -> None:
    if not isinstance(p.get(key), str) or not p[key]:
        out.append(f"payload.{key} is missing or not a text")


def _num(p: dict[str, Any], key: str, out: Problems, *, optional: bool = False) -> None:
    v = p.get(key)
    if v is None and optional:
        return
    if isinstance(v, bool) or not isinstance(v, int | float):
        out.append(f"payload.{key} is missing or not a number")


def _one_of(p: dict[str, Any], key: str, allowed: set[str], out: Problems) -> None:
    if p.get(key) not in allowed:
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
            elif isinstance(ln.get("qty"), bool) or not isinstance(ln.get("qty"), int | float) \
                    or ln["qty"] <= 0:
                out.append(f"payload.lines[{i}].qty must be a positive number")
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
    if not isinstance(p.get("lines"), list):
        out.append("payload.lines must be a list")
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
        return [str(i) for i in payload.get("order_ids") or []]
    if event_type == "batch.arrived":
        return sorted({str(ln["order_id"]) for ln in payload.get("lines") or []
                       if isinstance(ln, dict) and ln.get("order_id")})
    oid = payload.get("order_id")
    return [str(oid)] if isinstance(oid, str) else []
