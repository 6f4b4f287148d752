"""Scan → verdict → confirm, drawn from the Qt-free PickupFlow.

Every flow call touches the database, so it runs on the one database worker (ui.tasks);
the panel redraws when the call returns. Verdicts are worded here, for people, in the UI
language; the flow's English message is the fallback.
"""

from __future__ import annotations

from kiosk.flows.pickup import PickupFlow, PickupStep
from kiosk.ports import ScanEvent
from ui.qt import QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from ui.tasks import TaskManager

GOOD = {"ready", "partially_picked_up"}


class PickupPanel(QWidget):
    order_changed = Signal()  # a pickup was confirmed: screens showing counts redraw
    def __init__(self, flow: PickupFlow, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow, self.tasks = flow, tasks
        layout = QVBoxLayout(self)
        self.headline = QLabel(self.tr("Scan the customer's pickup code"), self)
        self.headline.setObjectName("headline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline, 1)
        self.details = QLabel("", self)
        self.details.setWordWrap(True)
        self.details.setStyleSheet("font-size: 20px;")
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("Hand out and confirm"), self)
        self.confirm_button.setStyleSheet("font-size: 22px; padding: 12px;")
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(self.tr("Next customer"), self)
        self.cancel_button.setStyleSheet("font-size: 22px; padding: 12px;")
        self.cancel_button.clicked.connect(self.reset)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self._style("#90a4ae")
        self.redraw()

    def verdict_text(self, verdict: str) -> str:
        words = {
            "ready": self.tr("Ready — hand it out"),
            "partially_picked_up": self.tr("Partly picked up — hand out the rest"),
            "already_picked_up": self.tr("Already picked up — do not hand out again"),
            "not_arrived": self.tr("Not arrived yet"),
            "handed_over": self.tr("Given to the team leader"),
            "cancelled": self.tr("Cancelled or refunded — do not hand out"),
            "unknown_order": self.tr("Genuine code, order not synced yet"),
            "wrong_store": self.tr("This code is for another store"),
            "expired": self.tr("Code expired — ask the customer to refresh it"),
            "forged": self.tr("Not a genuine code — do not hand out"),
            "unknown_key": self.tr("Unknown signing key — sync the kiosk or use the 6-digit code"),
            "malformed": self.tr("Not a pickup code — scan again"),
        }
        return words.get(verdict, verdict)

    def _style(self, colour: str) -> None:
        self.headline.setStyleSheet(
            f"font-size: 40px; font-weight: bold; padding: 30px; color: white;"
            f" background: {colour}; border-radius: 16px;")

    def on_scan(self, event: ScanEvent) -> None:
        """A scan from any scanner, already on the GUI thread."""
        if event.problem is not None:
            self._style("#ef6c00")
            self.headline.setText(self.tr("Scanner problem"))
            self.details.setText(event.message)
            return
        if self.flow.step not in (PickupStep.CONFIRMING, PickupStep.CONFIRMED, PickupStep.PRINTING):
            self.tasks.run_db(lambda: self.flow.scan(event.text), lambda _s: self.redraw())

    def confirm(self) -> None:
        def work() -> PickupStep:
            self.flow.start_confirm()
            return self.flow.confirm()

        def done(_step: PickupStep) -> None:
            self.redraw()
            self.order_changed.emit()

        self.confirm_button.setEnabled(False)
        self.tasks.run_db(work, done, lambda exc: self._error(str(exc)))

    def reset(self) -> None:
        self.tasks.run_db(self.flow.reset, lambda _s: self.redraw())

    def _error(self, message: str) -> None:
        self._style("#c62828")
        self.details.setText(message)
        self.redraw_buttons()

    def redraw_buttons(self) -> None:
        self.confirm_button.setEnabled(self.flow.can_confirm)

    def redraw(self) -> None:
        flow = self.flow
        self.redraw_buttons()
        if flow.step == PickupStep.IDLE:
            self._style("#90a4ae")
            self.headline.setText(self.tr("Scan the customer's pickup code"))
            self.details.setText("")
            return
        if flow.step == PickupStep.DONE:
            self._style("#2e7d32")
            self.headline.setText(self.tr("Picked up — receipt printing"))
            self.details.setText(flow.print_problem or "")
            return
        if flow.step == PickupStep.ERROR:
            self._error(flow.message)
            return
        verdict = flow.verdict.verdict if flow.verdict else ""
        self._style("#2e7d32" if verdict in GOOD else "#c62828")
        self.headline.setText(self.verdict_text(verdict))
        order = flow.order
        if order is None:
            self.details.setText(flow.message)
            return
        lines = "\n".join(f"· {ln.name} × {ln.qty:g}{ln.unit}" for ln in order.lines)
        self.details.setText(
            self.tr("Bin %1 · %2 %3 · code %4").replace("%1", order.bin_code or "—")
            .replace("%2", order.customer_name).replace("%3", order.customer_phone)
            .replace("%4", order.pickup_code) + "\n" + lines)
