"""The small machinery every counter flow shares: a current step, its history, listeners."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Generic, TypeVar

from kiosk.errors import IllegalTransition

StepT = TypeVar("StepT", bound=StrEnum)


class Flow(Generic[StepT]):
    """Holds the step; `_move` records history and tells listeners (the screen redraws)."""

    def __init__(self, first: StepT) -> None:
        self.step: StepT = first
        self.history: list[StepT] = [first]
        self.message = ""
        self._listeners: list[Callable[[Flow[StepT]], None]] = []

    def subscribe(self, listener: Callable[[Flow[StepT]], None]) -> None:
        self._listeners.append(listener)

    def _require(self, allowed: Iterable[StepT], doing: str) -> None:
        if self.step not in set(allowed):
            raise IllegalTransition(f"Cannot {doing} now (screen is at {self.step.value}).")

    def _move(self, step: StepT, message: str | None = None) -> None:
        self.step = step
        self.history.append(step)
        if message is not None:
            self.message = message
        for listener in list(self._listeners):
            listener(self)
