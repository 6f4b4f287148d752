"""DLE EOT real-time status: the queries and strict reading of the replies.

Every DLE EOT reply byte has fixed bits (bit 1 = 1, bit 4 = 1, bit 0 = 0, bit 7 = 0). A reply
that breaks them, or no reply at all, is "unknown" — never "paper adequate" as python-escpos
3.1 assumes for an empty reply.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.ports import PaperStatus

DLE_EOT = b"\x10\x04"
QUERY_PRINTER, QUERY_OFFLINE_CAUSE, QUERY_ERROR, QUERY_PAPER = 1, 2, 3, 4
FIXED_MASK, FIXED_VALUE = 0x93, 0x12


def query(n: int) -> bytes:
    return DLE_EOT + bytes((n,))


def valid(reply: bytes | None) -> bool:
    return reply is not None and len(reply) >= 1 and reply[-1] & FIXED_MASK == FIXED_VALUE


def paper_from_reply(reply: bytes | None) -> PaperStatus:
    """DLE EOT 4: bits 5–6 paper end, bits 2–3 near end."""
    if not valid(reply):
        return PaperStatus.UNKNOWN
    assert reply is not None
    byte = reply[-1]
    if byte & 0x60:
        return PaperStatus.OUT
    if byte & 0x0C:
        return PaperStatus.NEAR_END
    return PaperStatus.ADEQUATE


@dataclass(frozen=True, slots=True)
class PrinterState:
    """What DLE EOT 1 and 2 say; `known` is False when the printer did not answer properly."""

    known: bool
    online: bool = True
    cover_open: bool = False
    paper_out: bool = False
    error: bool = False


def printer_state(status1: bytes | None, status2: bytes | None) -> PrinterState:
    if not valid(status1):
        return PrinterState(known=False)
    assert status1 is not None
    online = not status1[-1] & 0x08
    if online or not valid(status2):
        return PrinterState(known=True, online=online)
    assert status2 is not None
    cause = status2[-1]
    return PrinterState(
        known=True,
        online=False,
        cover_open=bool(cause & 0x04),
        paper_out=bool(cause & 0x20),
        error=bool(cause & 0x40),
    )


# Reply bytes a printer (or the virtual one) sends, built from the same bit meanings.
def reply_printer(online: bool) -> bytes:
    return bytes((FIXED_VALUE | (0 if online else 0x08),))


def reply_offline_cause(*, cover_open: bool, paper_out: bool, error: bool) -> bytes:
    return bytes(
        (
            FIXED_VALUE
            | (0x04 if cover_open else 0)
            | (0x20 if paper_out else 0)
            | (0x40 if error else 0),
        )
    )


def reply_error(error: bool) -> bytes:
    return bytes((FIXED_VALUE | (0x40 if error else 0),))


def reply_paper(paper: PaperStatus) -> bytes:
    bits = {PaperStatus.OUT: 0x6C, PaperStatus.NEAR_END: 0x0C}.get(paper, 0)
    return bytes((FIXED_VALUE | bits,))
