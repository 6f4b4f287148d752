"""Every scanner into one signal: `hooks.scan_did_arrive(ScanEvent)`, on the GUI thread.

The keyboard-wedge part is an app-wide event filter. Qt shows an application filter the same
key press several times: once at its QWindow, then at the focus widget and at every parent
the press propagates to. The old filter fed every one of those to the wedge detector, so a
198-character token arrived doubled and never verified. Here a press is fed exactly once: at
its QWindow, where every real key (X11, Wayland, QTest on a window) enters the widget tree.

Keys still pass through to the focused widget (a person typing is never delayed); the
Enter/Tab that ends a scan is swallowed, and the scan's characters are taken back out of a
text field they landed in. Typing that does not reach a text field (focus on a button or
nowhere) is moved into the screen's key sink (a QLineEdit with the `linliKeySink` property,
e.g. the pickup pad's field), so slowly typed digits never vanish. Scanners that send no
Enter: with `end_pause_ms > 0` a pause after a fast burst ends the scan.
Serial and camera scanners call their listeners on their own threads; the queued signal
brings them to the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from kiosk.ports import KeyFeed, ScanEvent, Scanner, ScanSource
from ui.hooks import Hooks
from ui.qt import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QEvent,
    QKeyEvent,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    Qt,
    QTextEdit,
    QTimer,
    QWidget,
    Signal,
)

NAMED = {Qt.Key.Key_Return: "Enter", Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Tab: "Tab"}
SINK_PROPERTY = "linliKeySink"


def mark_key_sink(field: QLineEdit) -> None:
    """Typing that reaches no text field goes into `field` while it is visible."""
    field.setProperty(SINK_PROPERTY, True)


def accepts_text(widget: QWidget | None) -> bool:
    """Whether typed characters already have a home in `widget`."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


class ScanRouter(QObject):
    """Feeds each key press once to the wedge detector and forwards every scanner's events."""

    _arrived = Signal(object)  # from any thread; delivered on the GUI thread

    def __init__(
        self,
        hooks: Hooks,
        feed: KeyFeed | None = None,
        scanners: Iterable[Scanner] = (),
        *,
        end_pause_ms: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hooks, self.feed = hooks, feed
        self._arrived.connect(self._deliver)
        self._last_t = 0.0
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.timeout.connect(self._pause_ended)
        self.set_end_pause(end_pause_ms)
        self.keys_fed = 0  # for tests and the bench: typing presses fed to the detector
        for scanner in scanners:
            self.attach(scanner)

    def attach(self, scanner: Scanner) -> None:
        """Every event of `scanner` (wedge, serial, camera) becomes one `scan_did_arrive`."""
        scanner.add_listener(self._arrived.emit)

    def set_end_pause(self, ms: int) -> None:
        """0: a scan ends with Enter/Tab; > 0: also after this pause (scanners without Enter)."""
        self._pause.setInterval(max(0, int(ms)))
        self._pause_enabled = ms > 0

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not watched.isWindowType() or event.type() != QEvent.Type.KeyPress:
            return False  # the same press seen again at a widget on its way up: already fed
        # (the cheap test first: this filter sees every event of the application)
        if not isinstance(event, QKeyEvent) or event.isAutoRepeat():
            return False
        key = NAMED.get(Qt.Key(event.key()), "")
        text = "" if key else event.text()
        self._steer_typing(key, text)
        if self.feed is None:
            return False
        stamp = event.timestamp()  # when the key was pressed (X server / platform clock)
        t = stamp / 1000.0 if stamp else time.monotonic()  # a synthetic event has none
        self._last_t = t
        self.keys_fed += bool(key or text)  # presses that type something (not Shift)
        self.feed.feed(key, text, t)  # a scan reaches us through the wedge's listener
        if key:
            self._pause.stop()
            return self.feed.ended_scan
        if text and self._pause_enabled:
            self._pause.start()
        return False

    def _pause_ended(self) -> None:
        """A scanner that sends no Enter went quiet: end the burst as if Enter came."""
        if self.feed is not None:
            self.feed.feed("Enter", "", self._last_t)

    def _steer_typing(self, key: str, text: str) -> None:
        """Typing with the focus on a button (or nowhere) goes into the visible key sink."""
        if not (key == "Enter" or (text and text.isprintable() and text != " ")):
            return
        focus = QApplication.focusWidget()
        if accepts_text(focus):
            return
        sink = self._visible_sink()
        if sink is not None and sink is not focus:
            sink.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _visible_sink() -> QLineEdit | None:
        window = QApplication.activeWindow()
        roots = [window] if window is not None else list(QApplication.topLevelWidgets())
        for root in roots:
            if root is None or not root.isVisible():
                continue
            for field in root.findChildren(QLineEdit):
                if field.property(SINK_PROPERTY) and field.isVisible() and field.isEnabled():
                    return field
        return None

    def _deliver(self, event: object) -> None:
        if not isinstance(event, ScanEvent):
            return
        if event.source == ScanSource.WEDGE:
            self._take_back(event)
        self.hooks.scan_did_arrive.emit(event)

    @staticmethod
    def _take_back(event: ScanEvent) -> None:
        """The scan's characters went into the focused text field too: remove them."""
        focus = QApplication.focusWidget()
        if not isinstance(focus, QLineEdit) or not event.raw:
            return
        text = focus.text()
        if text.endswith(event.raw):
            focus.setText(text[: -len(event.raw)])
        elif focus.property(SINK_PROPERTY):
            focus.clear()
