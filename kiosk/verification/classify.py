"""What the counter does with one typed or scanned text: token, 6-digit code or phone tail.

`classify_and_verify` is the one entry point the pickup flow and the CLI share. It never
raises on bad input; everything becomes a verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.db import Database
from kiosk.verification.lookup import (
    OrderView,
    find_by_phone_tail,
    verdict_for_code,
    verdict_for_order,
)
from kiosk.verification.tokens import (
    MAX_TOKEN_CHARS,
    PREFIX,
    Claims,
    garbage_detail,
    garbage_hint,
    verify_token,
)
from kiosk.verification.verdicts import Detail, Verdict, VerdictName as V


@dataclass(frozen=True, slots=True)
class ScanResult:
    kind: str  # token, code, phone, unknown
    verdict: Verdict
    candidates: tuple[OrderView, ...] = field(default=())
    claims: Claims | None = None
    signature_ok: bool = False

    @property
    def order(self) -> OrderView | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def classify(text: object) -> str:
    if not isinstance(text, str) or len(text) > MAX_TOKEN_CHARS:
        return "unknown"
    t = text.strip()
    if t.startswith(PREFIX):
        return "token"
    if re.fullmatch(r"[0-9]{6}", t):
        return "code"
    if re.fullmatch(r"[0-9]{4}", t):
        return "phone"
    return "unknown"


def classify_and_verify(
    db: Database, text: object, store_id: str, now: datetime | None = None
) -> ScanResult:
    kind = classify(text)
    with db.reader() as s:
        if kind == "token":
            r = verify_token(s, text, store_id, now)
            return ScanResult(
                kind, r.verdict, (r.order,) if r.order else (), r.claims, r.signature_ok
            )
        assert isinstance(text, str) or kind == "unknown"
        if kind == "code":
            verdict, views = verdict_for_code(s, str(text))
            return ScanResult(kind, verdict, tuple(views))
        if kind == "phone":
            views = find_by_phone_tail(s, str(text))
            tail = str(text).strip()
            if not views:
                return ScanResult(
                    kind,
                    Verdict(
                        V.UNKNOWN_ORDER,
                        None,
                        f"No order waiting on the shelf for a phone number ending in {tail}.",
                        Detail.NO_PHONE_MATCH,
                        (("tail", tail),),
                    ),
                )
            if len(views) == 1:
                return ScanResult(kind, verdict_for_order(views[0], s), tuple(views))
            return ScanResult(
                kind,
                Verdict(
                    V.READY,
                    None,
                    f"{len(views)} orders are waiting for a phone number ending in {tail}: "
                    "choose one.",
                    Detail.SEVERAL_FOR_PHONE,
                    (("count", str(len(views))), ("tail", tail)),
                ),
                tuple(views),
            )
        if isinstance(text, bytes | bytearray):
            r = verify_token(s, text, store_id, now)
            return ScanResult(
                "token" if r.claims else kind, r.verdict, (), r.claims, r.signature_ok
            )
    if isinstance(text, str) and len(text) <= MAX_TOKEN_CHARS:
        t = text.strip()
        detail = Detail.BAD_CODE if t.isdigit() else garbage_detail(t)
        return ScanResult(kind, Verdict(V.MALFORMED, None, garbage_hint(t), detail))
    return ScanResult(kind, Verdict(V.MALFORMED, None, garbage_hint("x")))
