"""The slim status bar, always visible: sync, printer, scanner, camera, scale, each a
coloured dot and a translated word; a tap shows the detail in plain words. It redraws when a
device's StatusBoard reports a change (bridged to `hooks.device_status_did_change`) and when
an operation touched the outbox, never on a timer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from kiosk.changes import Changes
from kiosk.context import SLOT_KINDS, DeviceSlot
from kiosk.platform.sync_status import read_sync_status
from kiosk.ports import DeviceState, SyncStatus
from ui.context import UiContext
from ui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPoint,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.shell.words import version_words
from ui.widgets.status_dot import StatusDot, worst
from ui.words import translate
from ui.words.devices import (
    kind_word,
    state_word,
    status_sentence,
    sync_sentence,
    sync_state,
    sync_word,
)

# Which status-bar slot a device kind shows under.
SLOT_OF = {"print_queue": "printer", "instrument": "scale"}
BAR_PX = 48


def local_time(when: datetime | None) -> str:
    return "" if when is None else when.astimezone().strftime("%H:%M")


class StatusBar(QFrame):
    navigate = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("statusBar")
        self.setFixedHeight(BAR_PX + 4)
        self.setStyleSheet("#statusBar { background: #f5f5f5; border-top: 1px solid #cfd8dc; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        row.setSpacing(4)
        self.dots: dict[str, StatusDot] = {}
        for kind in SLOT_KINDS:
            dot = StatusDot(kind, self)
            dot.clicked.connect(self.show_detail)
            self.dots[kind] = dot
            row.addWidget(dot)
        row.addStretch(1)
        self.version = QLabel(version_words(), self)  # support reads it off a screenshot
        self.version.setObjectName("statusVersion")
        self.version.setStyleSheet("color: #78909c; font-size: 13px;")
        self.version.setToolTip(version_words())
        row.addWidget(self.version)
        self.staff = QPushButton(self)
        self.staff.setObjectName("statusStaff")
        self.staff.setMinimumSize(120, 44)
        self.staff.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff.setStyleSheet("font-size: 17px;")
        self.staff.hide()  # self-service only
        row.addWidget(self.staff)
        self.sync: SyncStatus | None = None
        self.detail = DetailPopup(self)
        self.detail.navigate.connect(self.navigate.emit)
        ctx.hooks.device_status_did_change.connect(self.on_device_status)
        ctx.hooks.sync_status_did_change.connect(self.on_sync_status)
        ctx.hooks.operation_did_execute.connect(self.on_changes)
        self.redraw_devices()
        self.refresh_sync()

    # --- devices ------------------------------------------------------------------------

    def slots_of(self, kind: str) -> list[DeviceSlot]:
        return [s for s in self.ctx.kiosk.slots if SLOT_OF.get(s.kind, s.kind) == kind]

    def on_device_status(self, _status: object) -> None:
        self.redraw_devices()

    def redraw_devices(self) -> None:
        for kind, dot in self.dots.items():
            if kind == "sync":
                continue
            slots = self.slots_of(kind)
            state = worst([s.device.status().state for s in slots])
            dot.show_state(state, f"{kind_word(kind)} {state_word(state)}")

    # --- sync ---------------------------------------------------------------------------

    def on_sync_status(self, status: object) -> None:
        if isinstance(status, SyncStatus):
            self.show_sync(status)
        else:
            self.refresh_sync()

    def on_changes(self, changes: object) -> None:
        if isinstance(changes, Changes) and (changes.outbox or changes.sync):
            self.refresh_sync()
        if isinstance(changes, Changes) and changes.devices:
            self.redraw_devices()

    def refresh_sync(self) -> None:
        """The waiting count is a database read: on the worker, never here."""
        read: Callable[[], SyncStatus] | None = self.ctx.kiosk.sync_status
        if read is None:
            db = self.ctx.kiosk.db

            def read_db() -> SyncStatus:
                with db.reader() as s:
                    return read_sync_status(s)

            read = read_db
        self.ctx.tasks.run_db(read, self.show_sync, lambda _exc: None)

    def show_sync(self, status: SyncStatus) -> None:
        self.sync = status
        state = sync_state(status)
        self.dots["sync"].show_state(state, f"{kind_word('sync')} {sync_word(status)}")
        if self.detail.isVisible() and self.detail.kind == "sync":
            self.show_detail("sync")

    # --- detail -------------------------------------------------------------------------

    def detail_lines(self, kind: str) -> list[str]:
        if kind == "sync":
            if self.sync is None:
                return [state_word(DeviceState.CONNECTING)]
            return [sync_sentence(self.sync, local_time(self.sync.last_success))]
        slots = self.slots_of(kind)
        if not slots:
            return [self.tr("Not set up: a manager can add it on the settings screen.")]
        lines = []
        for slot in slots:
            status = slot.device.status()
            lines.append(
                translate("shell", "%1: %2")
                .replace("%1", kind_word(slot.kind))
                .replace("%2", status_sentence(status))
            )
        return lines

    def show_detail(self, kind: str) -> None:
        dot = self.dots[kind]
        self.detail.show_for(
            kind, kind_word(kind), self.detail_lines(kind), dot.mapToGlobal(dot.rect().topLeft())
        )


class DetailPopup(QFrame):
    """A tap on a dot: what is going on and what to do, in plain words."""

    navigate = Signal(str)
    SCREEN_OF: ClassVar[dict[str, str]] = {
        "sync": "sync",
        "printer": "devices",
        "scanner": "devices",
        "camera": "devices",
        "scale": "devices",
    }

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.kind = ""
        self.setObjectName("statusDetail")
        self.setStyleSheet(
            "#statusDetail { background: white; border: 2px solid #90a4ae; border-radius: 8px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        layout.addWidget(self.title)
        self.body = QLabel(self)
        self.body.setObjectName("statusDetailText")
        self.body.setWordWrap(True)
        self.body.setMinimumWidth(420)
        self.body.setStyleSheet("font-size: 18px;")
        layout.addWidget(self.body)
        self.open = QPushButton(self)
        self.open.setMinimumHeight(48)
        self.open.setStyleSheet("font-size: 18px;")
        self.open.clicked.connect(self._open)
        layout.addWidget(self.open)

    def show_for(self, kind: str, title: str, lines: list[str], anchor: QPoint) -> None:
        self.kind = kind
        self.title.setText(title)
        self.body.setText("\n".join(lines))
        self.open.setText(
            self.tr("Open the sync screen")
            if kind == "sync"
            else self.tr("Open the devices screen")
        )
        self.adjustSize()
        self.move(anchor.x(), max(0, anchor.y() - self.height() - 4))
        self.show()

    def _open(self) -> None:
        self.hide()
        self.navigate.emit(self.SCREEN_OF.get(self.kind, "devices"))
