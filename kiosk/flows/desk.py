"""What the counter desks (check-in, handover) share: an outcome as a code with parameters
(the UI words it), the refusal a core error becomes, and queueing a printout that must not
undo the committed work when the printer queue fails."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Generic, TypeVar

from kiosk.errors import KioskError, NotAllowed

CodeT = TypeVar("CodeT", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class DeskOutcome(Generic[CodeT]):
    """One desk step's outcome; a subclass names which of its codes are refusals."""

    code: CodeT
    params: tuple[tuple[str, str], ...] = ()
    REFUSALS: ClassVar[frozenset[str]] = frozenset()

    @property
    def refused(self) -> bool:
        return self.code in self.REFUSALS

    def param(self, key: str, default: str = "") -> str:
        return dict(self.params).get(key, default)


def refusal_params(exc: KioskError) -> tuple[tuple[str, str], ...]:
    """The parameters of a REFUSED outcome: the kind (not allowed, or an illegal move) and
    the core's message."""
    kind = "not_allowed" if isinstance(exc, NotAllowed) else "illegal"
    return (("kind", kind), ("message", str(exc)))


def queued(enqueue: Callable[[], object]) -> bool:
    """Queue a printout after the work is committed: whether it was queued; the work stands
    whatever the printer queue does."""
    try:
        enqueue()
    except Exception:
        return False
    return True
