"""Keyboard-wedge scanners: tell a scan from a person typing, from timed key events alone.

A handheld scanner "types" its code a few milliseconds per character and presses Enter (or
Tab). A person types 120–300 ms apart. The GUI installs one app-wide key filter that calls
`WedgeDetector.feed(key, text, t)` for every key press, wherever the focus is; a returned
`ScanEvent` is a scan. Keys pass through to the focused widget untouched (a person typing is
never delayed, nothing typed is lost); only the Enter/Tab that ends a scan is swallowed
(`ended_scan`). So the detector keeps no copy of what people type: it holds at most the
burst in progress (`held`), never more than `MAX_BURST` characters. Pure logic, no Qt, no
clock of its own: tests feed times.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from drivers.scan.diagnose import RepeatFilter, diagnose
from kiosk.ports import DeviceState, DeviceStatus, ScanEvent, ScanSource, StatusBoard, utcnow

TERMINATOR_KEYS = frozenset({"Enter", "Return", "KP_Enter", "Tab"})
TERMINATOR_TEXT = frozenset({"\r", "\n", "\t"})
MAX_BURST = 4096  # far longer than any code (a pickup token is ~180): beyond it, not a scan


@dataclass(frozen=True, slots=True)
class WedgeConfig:
    """Timing rules; a scanner in a slow "USB compatibility" mode may need a larger gap."""

    max_gap_ms: float = 80.0  # longest pause between characters of one scan
    min_length: int = 4  # shorter bursts are keyboard shortcuts or typing
    duplicate_window_s: float = 3.0  # the same code again within this is the same scan


class WedgeDetector:
    """Feed it every key press; it returns a ScanEvent when a burst ends in Enter/Tab."""

    def __init__(
        self, config: WedgeConfig | None = None, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.config = config or WedgeConfig()
        self._clock = clock
        self._burst: list[str] = []
        self._last_t: float | None = None
        self._repeats = RepeatFilter(self.config.duplicate_window_s)
        self.ended_scan = False  # did the last Enter/Tab close a scan (new or repeated)?

    def feed(self, key: str, text: str, t: float) -> ScanEvent | None:
        """One key press: `key` its name ("Enter", "Tab", "A"…), `text` the character it
        produced ("" for none), `t` a monotonic time in seconds."""
        gap_ok = self._last_t is not None and (t - self._last_t) * 1000 <= self.config.max_gap_ms
        if key in TERMINATOR_KEYS or (text and text in TERMINATOR_TEXT):
            self.ended_scan = False
            event = self._finish(t, gap_ok)
            self._last_t = None
            return event
        if not text or not text.isprintable():
            return None  # modifiers, arrows, function keys
        if (self._burst and not gap_ok) or len(self._burst) >= MAX_BURST:
            self._burst = []  # a pause (a person typing) or a run no scanner sends: not a scan
        self._burst.append(text)
        self._last_t = t
        return None

    @property
    def held(self) -> str:
        """The burst in progress (it may still become a scan); all the detector remembers."""
        return "".join(self._burst)

    def _finish(self, t: float, gap_ok: bool) -> ScanEvent | None:
        burst, self._burst = "".join(self._burst), []
        if not burst:
            return None
        if not gap_ok or len(burst) < self.config.min_length:
            return None  # typing that ended in Enter: the widget already has the keys
        found = diagnose(burst)
        self.ended_scan = True
        if self._repeats.is_repeat(found.text, t):
            return None  # the same code again: one scan
        return ScanEvent(
            text=found.text,
            source=ScanSource.WEDGE,
            at=self._clock(),
            problem=found.problem,
            message=found.message,
            raw=burst,
        )


class KeyboardWedgeScanner:
    """The wedge detector as a `Scanner` for the GUI: its app-wide key filter calls `feed`
    (swallowing the keys of a scan when it returns an event); listeners get every scan.
    A misconfigured scanner (layout, IME) turns the status to ERROR with advice until a
    clean scan arrives."""

    def __init__(self, config: WedgeConfig | None = None, name: str = "Keyboard scanner") -> None:
        self.detector = WedgeDetector(config)
        self._board = StatusBoard(name, DeviceState.DISABLED, "Not started")
        self._listeners: list[Callable[[ScanEvent], None]] = []

    def status(self) -> DeviceStatus:
        return self._board.current

    def add_listener(self, listener: Callable[[ScanEvent], None]) -> None:
        self._listeners.append(listener)

    def start(self) -> None:
        self._board.set(
            DeviceState.ONLINE,
            "Scan anywhere: the handheld scanner is listened to on every screen",
            code="listening",
        )

    def stop(self) -> None:
        self._board.set(DeviceState.DISABLED, "Stopped", code="stopped")

    def feed(self, key: str, text: str, t: float) -> ScanEvent | None:
        event = self.detector.feed(key, text, t)
        if event is None:
            return None
        if event.problem is None:
            self.start()
        else:
            self._board.set(
                DeviceState.ERROR,
                event.message,
                error=event.problem.value,
                code=event.problem.value,
            )
        for listener in list(self._listeners):
            listener(event)
        return event

    @property
    def ended_scan(self) -> bool:
        return self.detector.ended_scan
