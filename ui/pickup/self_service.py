"""Self-service mode: the customer faces the camera. A full-window view over the kiosk says
"show your pickup code", shows the camera's live picture where the kiosk offers one
(`KioskContext.camera_preview`, a callable returning PNG/JPEG bytes), then the bin in huge
digits and a thank-you; anything else sends the customer to the staff. The pickup screen
behind it does the work (same flow, same ticket rule). There is no way out to other
screens without a staff PIN."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.flows.pickup import PickupSnapshot, PickupStep
from ui.context import UiContext
from ui.pickup.parts import button, font
from ui.qt import (
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QPixmap,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets.numpad import NumPad

translate = QCoreApplication.translate
BACK_TO_PROMPT_MS = 8000


class SelfServiceView(QWidget):
    """Shown full-window while self-service is on; `left` after a staff PIN."""

    left = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("selfService")
        self.setAutoFillBackground(True)
        self.setStyleSheet("QWidget#selfService { background: #102027; } QLabel { color: white; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        top = QHBoxLayout()
        top.addStretch(1)
        self.staff_button = button(
            translate("pickup", "Staff"),
            self,
            px=18,
            name="selfServiceStaff",
            slot=self.ask_pin,
            height=56,
        )
        self.staff_button.setFixedWidth(140)
        top.addWidget(self.staff_button)
        layout.addLayout(top)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("selfServicePrompt")
        self.prompt.setFont(font(54, bold=True))
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.preview = QLabel(self)
        self.preview.setObjectName("selfServicePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(280)
        self.preview.setStyleSheet(
            "QLabel { background: #263238; border-radius: 16px; color: #b0bec5; }"
        )
        self.preview.setFont(font(26))
        layout.addWidget(self.preview, 1)
        self.bin = QLabel(self)
        self.bin.setObjectName("selfServiceBin")
        self.bin.setFont(font(200, bold=True))
        self.bin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.bin, 1)
        self.thanks = QLabel(self)
        self.thanks.setObjectName("selfServiceThanks")
        self.thanks.setFont(font(36, bold=True))
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setWordWrap(True)
        layout.addWidget(self.thanks)
        self.pin = NumPad(self, secret=True, max_length=8)
        self.pin.setObjectName("selfServicePin")
        self.pin.setMaximumWidth(420)
        self.pin.submitted.connect(self.check_pin)
        self.pin.hide()
        layout.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignHCenter)
        self.back = QTimer(self)
        self.back.setSingleShot(True)
        self.back.setInterval(BACK_TO_PROMPT_MS)
        self.back.timeout.connect(self.show_prompt)
        self.frames = QTimer(self)
        self.frames.setInterval(200)
        self.frames.timeout.connect(self._frame)
        self.checking = False
        self.show_prompt()

    def start(self) -> None:
        self.show_prompt()
        self.frames.start()
        self.show()
        self.raise_()

    def stop(self) -> None:
        self.frames.stop()
        self.back.stop()
        self.hide()

    def show_prompt(self) -> None:
        self.prompt.setText(translate("pickup", "Show your pickup code to the camera"))
        self.bin.setText("")
        self.thanks.setText("")
        self.preview.show()
        self.bin.hide()
        if not self._has_preview():
            self.preview.setText(
                translate(
                    "pickup", "Hold the QR code in the app up to the camera, about 20 cm away"
                )
            )

    def _has_preview(self) -> bool:
        return callable(getattr(self.ctx.kiosk, "camera_preview", None))

    def _frame(self) -> None:
        grab: Callable[[], bytes | None] | None = getattr(self.ctx.kiosk, "camera_preview", None)
        if grab is None or not self.preview.isVisible():
            return
        try:
            data = grab()
        except Exception:
            return
        if data:
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                self.preview.setPixmap(
                    pixmap.scaled(
                        self.preview.size(),
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.FastTransformation,
                    )
                )

    def show_snapshot(self, snap: PickupSnapshot) -> None:
        """What the customer reads for the pickup screen's current state."""
        if snap.step is PickupStep.DONE and snap.done is not None and not snap.done.reversed_ids:
            self.preview.hide()
            self.bin.show()
            self.prompt.setText(translate("pickup", "Your order is at shelf"))
            self.bin.setText(" ".join(o.bin_code or "—" for o in snap.done.orders))
            self.thanks.setText(translate("pickup", "Thank you! Take your bag from the shelf."))
            self.back.start()
        elif (
            snap.step in (PickupStep.VERDICT, PickupStep.ERROR, PickupStep.CHOOSING)
            and not snap.can_confirm
        ):
            self.prompt.setText(translate("pickup", "Please see the staff at the counter"))
            self.thanks.setText("")
            self.back.start()

    def ask_pin(self) -> None:
        self.pin.show()
        self.pin.field.setFocus()

    def check_pin(self, pin: str) -> None:
        """Any active clerk's or manager's PIN lets staff out (checked off the GUI thread)."""
        if self.checking:
            return
        self.checking = True
        session = self.ctx.session

        def work() -> bool:
            for card in session.staff_cards():
                if card.role in ("clerk", "manager") and session.check_pin(card.staff_id, pin).ok:
                    return True
            return False

        def done(ok: bool) -> None:
            self.checking = False
            self.pin.field.clear()
            if ok:
                self.pin.hide()
                self.left.emit()
            else:
                self.thanks.setText(translate("pickup", "Wrong PIN."))

        self.ctx.tasks.run(work, done)
