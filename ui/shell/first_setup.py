"""A kiosk with nobody to log in (a new machine, not enrolled yet): the login screen offers
enrollment by code right there, since the settings screen needs a manager. Staff, orders and
keys then arrive with the first sync."""

from __future__ import annotations

from kiosk.changes import Changes
from kiosk.ports import Enrollment
from kiosk.settings import from_raw, save, validate
from ui.context import UiContext
from ui.qt import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget, Signal
from ui.settings.words import enroll_message, problem_text
from ui.words.errors import error_text

STYLE = "font-size: 20px; min-height: 52px;"


class FirstSetup(QFrame):
    enrolled = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("firstSetup")
        self.setStyleSheet("#firstSetup { background: #fff8e1; border-radius: 10px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        title = QLabel(self.tr("Nobody can log in yet: connect this kiosk to the platform."), self)
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 24px; font-weight: bold;")
        layout.addWidget(title)
        hint = QLabel(
            self.tr(
                "Type the platform address and the enrollment code the platform "
                "gave the store. The staff list arrives with the first sync."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("font-size: 18px;")
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.server = QLineEdit(ctx.settings.server_url, self)
        self.server.setObjectName("setupServer")
        self.server.setPlaceholderText(self.tr("Platform address (https://…)"))
        self.server.setStyleSheet(STYLE)
        row.addWidget(self.server, 2)
        self.code = QLineEdit(self)
        self.code.setObjectName("setupCode")
        self.code.setPlaceholderText(self.tr("Enrollment code from the platform"))
        self.code.setStyleSheet(STYLE)
        row.addWidget(self.code, 1)
        self.button = QPushButton(self.tr("Enroll this kiosk"), self)
        self.button.setObjectName("setupEnroll")
        self.button.setStyleSheet(STYLE)
        self.button.clicked.connect(self.enroll)
        row.addWidget(self.button)
        layout.addLayout(row)
        self.result = QLabel(self)
        self.result.setObjectName("setupResult")
        self.result.setWordWrap(True)
        self.result.setStyleSheet("font-size: 18px;")
        layout.addWidget(self.result)

    def enroll(self) -> None:
        server, code = self.server.text().strip(), self.code.text().strip()
        enroll = self.ctx.kiosk.enroll
        problems = validate({"server_url": server})
        if enroll is None:
            self.result.setText(enroll_message("unavailable"))
        elif not server:
            self.result.setText(enroll_message("no_server"))
        elif problems:
            self.result.setText(problem_text(problems[0]))
        elif not code:
            self.result.setText(enroll_message("no_code"))
        else:
            self.button.setEnabled(False)
            self.result.setText(enroll_message("busy"))
            settings, data_dir = self.ctx.settings, self.ctx.kiosk.data_dir

            def work() -> Enrollment:
                enrollment = enroll(server, code)
                save(data_dir, from_raw({"server_url": server}, settings))
                return enrollment

            self.ctx.tasks.run(work, self._done, self._failed)

    def _done(self, enrollment: Enrollment) -> None:
        self.button.setEnabled(True)
        self.code.clear()
        self.result.setText(enroll_message("ok", enrollment.store_id))
        self.ctx.hooks.operation_did_execute.emit(Changes(sync=True, settings=True))
        self.enrolled.emit()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.result.setText(error_text(exc))
