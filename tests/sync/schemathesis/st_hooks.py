"""Schemathesis hooks (SCHEMATHESIS_HOOKS=st_hooks): a check of the per-event contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import schemathesis

_DOC = json.loads((Path(__file__).resolve().parents[3] / "sync" / "openapi.json").read_text())
_EVENT = {**_DOC["components"]["schemas"]["EventIn"], "components": _DOC["components"]}
_VALID = jsonschema_rs.validator_for(_EVENT)


@schemathesis.check
def bad_events_are_rejected(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 200 to a batch answers every event, in order, and every event that breaks the
    documented EventIn schema is `rejected` (never accepted, duplicate or conflict)."""
    if (
        case.path != "/api/v1/events/batch"
        or case.method.upper() != "POST"
        or response.status_code != 200
    ):
        return None
    events = case.body["events"]
    results = json.loads(response.content)["results"]
    if len(results) != len(events):
        raise AssertionError(f"{len(events)} events but {len(results)} answers")
    for i, (event, answer) in enumerate(zip(events, results, strict=True)):
        if not _VALID.is_valid(event) and answer["status"] != "rejected":
            raise AssertionError(f"event {i} breaks the schema but was {answer['status']}")
    return True
