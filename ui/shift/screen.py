"""Shift close (交班): the running summary of the clerk's shift, a warning in plain words when
anything has not been sent or printed, then close (one `shift.closed`, the report prints)."""

from __future__ import annotations

from typing import ClassVar

from kiosk.changes import Changes
from kiosk.flows import shift_desk
from kiosk.flows.shift_desk import SUMMARY_KEYS, ShiftCode, ShiftView
from ui.checkin.parts import DANGER, GO, WAIT, Banner, big_font, touch_button
from ui.context import UiContext
from ui.qt import QCoreApplication, QGridLayout, QLabel, Qt, QVBoxLayout, QWidget, Signal
from ui.screen import Screen
from ui.words.shift import all_sent, closed_text, count_label, refusal, unsent_warning

translate = QCoreApplication.translate


class ShiftScreen(Screen):
    screen_id: ClassVar[str] = "shift"
    permission: ClassVar[str | None] = "close_shift"
    shortcut: ClassVar[str] = "F5"
    view_shown = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: ShiftView | None = None
        root = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setFont(big_font(26))
        root.addWidget(self.heading)
        self.banner = Banner(self, px=22, name="shift-banner")
        root.addWidget(self.banner)
        grid = QGridLayout()
        self.tiles: dict[str, QLabel] = {}
        for i, key in enumerate(SUMMARY_KEYS):
            tile = QLabel(self)
            tile.setObjectName(f"shift-{key}")
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tile.setFont(big_font(22))
            tile.setMinimumHeight(96)
            tile.setStyleSheet("QLabel { background: #eef2f6; border-radius: 8px; }")
            grid.addWidget(tile, i // 5, i % 5)
            self.tiles[key] = tile
        root.addLayout(grid)
        root.addStretch(1)
        self.close_button = touch_button(
            translate("shift", "Close the shift and print"), self, px=26, name="shift-close"
        )
        self.close_button.setMinimumHeight(80)
        self.close_button.clicked.connect(self._close)
        root.addWidget(self.close_button)

    def title(self) -> str:
        return translate("shift", "Shift")

    def activated(self) -> None:
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if (changes.orders or changes.outbox or changes.printing) and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        db, staff = self.ctx.kiosk.db, self.ctx.session.staff_id
        self.ctx.tasks.run_db(lambda: shift_desk.current(db, staff), self.show_view)

    def _close(self) -> None:
        if self.view is None or self.view.code is not ShiftCode.OPEN:
            return
        db, staff, shift_id = self.ctx.kiosk.db, self.ctx.session.staff_id, self.view.shift_id
        reports = self.ctx.kiosk.receipts

        def done(view: ShiftView) -> None:
            self.show_view(view)
            if view.changes.any():
                self.ctx.hooks.operation_did_execute.emit(view.changes)

        self.ctx.tasks.run_db(
            lambda: shift_desk.close(db, shift_id, staff_id=staff, reports=reports), done
        )

    def show_view(self, view: ShiftView) -> None:
        self.view = view
        counts = dict(view.counts)
        for key, tile in self.tiles.items():
            tile.setText(f"{count_label(key)}\n{counts.get(key, 0)}")
            bad = key in ("events_waiting", "print_queued") and counts.get(key, 0) > 0
            tile.setStyleSheet(
                "QLabel { background: %s; border-radius: 8px; }" % ("#ffe0b2" if bad else "#eef2f6")
            )
        opened = view.opened_at.astimezone().strftime("%H:%M") if view.opened_at else ""
        self.heading.setText(
            translate("shift", "Shift since {time}").replace("{time}", opened)
            if view.opened_at
            else ""
        )
        if view.code is ShiftCode.CLOSED:
            self.banner.say(
                closed_text(view.report_queued)
                + (
                    " "
                    + unsent_warning(counts.get("events_waiting", 0), counts.get("print_queued", 0))
                    if view.unsent
                    else ""
                ),
                WAIT if view.unsent else GO,
            )
        elif view.code is ShiftCode.OPEN:
            if view.unsent:
                self.banner.say(
                    unsent_warning(counts.get("events_waiting", 0), counts.get("print_queued", 0)),
                    WAIT,
                )
            else:
                self.banner.say(all_sent(), GO)
        else:
            self.banner.say(refusal(view.code.value), DANGER)
        self.close_button.setEnabled(view.code is ShiftCode.OPEN)
        self.view_shown.emit(view)
