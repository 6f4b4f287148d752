"""Main window: store name, today's order counts, and every device's status.

The counter screens (pickup, check-in, handover) arrive with the GUI milestone and will
draw the Qt-free flows of kiosk/flows; this window already shows what a manager needs to
see at a glance and loads its numbers off the GUI thread.
"""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk.context import KioskContext
from kiosk.flows.pickup import PickupFlow
from kiosk.models import Order, Store
from ui.pickup import PickupPanel
from ui.qt import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QObject,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.tasks import TaskManager
from ui.widgets.status_chip import StatusChip

ORDER_STATES = ("ready", "dispatched", "picked_up", "partially_picked_up", "handed_over", "overdue", "cancelled")


def load_summary(ctx: KioskContext) -> tuple[str, dict[str, int]]:
    """Runs on the database worker."""
    with ctx.db.reader() as s:
        store = s.scalars(select(Store)).first()
        counts = {st: n for st, n in s.execute(select(Order.status, func.count()).group_by(Order.status))}
    return (store.name if store else ""), counts


class ScanBridge(QObject):
    """Scanners call listeners on their own threads; the signal delivers on the GUI thread."""

    scanned = Signal(object)


class MainWindow(QMainWindow):
    def __init__(self, ctx: KioskContext, tasks: TaskManager) -> None:
        super().__init__()
        self.ctx = ctx
        self.key_filter: QObject | None = None
        self.tasks = tasks
        self.setWindowTitle(self.tr("Linli Kiosk"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.store_label = QLabel(self.tr("Loading…"), body)
        self.store_label.setObjectName("storeName")
        self.store_label.setStyleSheet("font-size: 28px; font-weight: bold;")
        layout.addWidget(self.store_label)
        self.flow = PickupFlow(ctx.db, staff_id=ctx.staff_id, store_id=ctx.store_id,
                               receipts=ctx.receipts)
        self.pickup = PickupPanel(self.flow, tasks, body)
        self.pickup.order_changed.connect(self.refresh_summary)
        layout.addWidget(self.pickup, 1)
        self.bridge = ScanBridge(self)
        self.bridge.scanned.connect(self.pickup.on_scan)
        for scanner in ctx.scanners:
            scanner.add_listener(self.bridge.scanned.emit)
        tiles = QHBoxLayout()
        self.count_labels: dict[str, QLabel] = {}
        for state in ORDER_STATES:
            tile = QLabel(body)
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tile.setStyleSheet("font-size: 16px; padding: 10px; background: #eceff1; border-radius: 8px;")
            self.count_labels[state] = tile
            tiles.addWidget(tile)
        layout.addLayout(tiles)
        chips = QHBoxLayout()
        self.chips: list[StatusChip] = []
        for _device in ctx.devices:
            chip = StatusChip(body)
            self.chips.append(chip)
            chips.addWidget(chip)
        layout.addLayout(chips)
        self.setCentralWidget(body)
        self.resize(1024, 700)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_devices)
        self._timer.start(1000)
        self.refresh_devices()
        self.refresh_summary()

    def state_name(self, state: str) -> str:
        names = {
            "ready": self.tr("Ready"),
            "dispatched": self.tr("On the way"),
            "picked_up": self.tr("Picked up"),
            "partially_picked_up": self.tr("Partly picked up"),
            "handed_over": self.tr("Handed to leader"),
            "overdue": self.tr("Overdue"),
            "cancelled": self.tr("Cancelled"),
        }
        return names.get(state, state)

    def refresh_summary(self) -> None:
        self.tasks.run_db(lambda: load_summary(self.ctx), self.show_summary)

    def show_summary(self, result: tuple[str, dict[str, int]]) -> None:
        store_name, counts = result
        self.store_label.setText(store_name or self.tr("No store set up yet"))
        for state, label in self.count_labels.items():
            label.setText(f"{self.state_name(state)}\n{counts.get(state, 0)}")

    def refresh_devices(self) -> None:
        for chip, device in zip(self.chips, self.ctx.devices, strict=True):
            chip.show_status(device.status())
