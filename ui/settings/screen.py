"""The settings screen: every setting of settings.toml in sections, checked with
kiosk.settings.validate and refused in plain words next to the field; enrollment with the
central platform by typing the code on screen (never a command line)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, ClassVar

from kiosk.changes import Changes
from kiosk.ports import Enrollment
from kiosk.session import MANAGE
from kiosk.settings import (
    SECTIONS,
    SettingProblem,
    Settings,
    apply_to_ledger,
    from_raw,
    save,
    validate,
)
from ui.context import UiContext
from ui.qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from ui.screen import Screen
from ui.settings.instruments import InstrumentList
from ui.settings.words import (
    choice_word,
    enroll_message,
    field_label,
    problem_text,
    saved_message,
    section_title,
)
from ui.words.errors import error_text

# What needs a restart of the kiosk to take effect (devices are opened at start).
RESTART_FIELDS = frozenset(
    {
        "printer_uri",
        "printer_paper",
        "printer_cjk",
        "serial_scanner_port",
        "camera",
        "instruments",
        "scanner_max_gap_ms",
        "scanner_min_length",
        "scanner_duplicate_window_s",
        "server_url",
        "overlay_host",
        "overlay_port",
        "overlay_token",
        # the check-in screen takes its bands when it is built
        "chilled_min_c",
        "chilled_max_c",
        "frozen_min_c",
        "frozen_max_c",
    }
)
FIELD_STYLE = "font-size: 18px; min-height: 44px;"


def _choices(name: str) -> tuple[Any, ...]:
    meta = next(f.metadata for f in fields(Settings) if f.name == name)
    return tuple(meta.get("choices", ()))


class SettingsScreen(Screen):
    screen_id: ClassVar[str] = "settings"
    permission: ClassVar[str | None] = MANAGE
    shortcut: ClassVar[str] = "F8"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editors: dict[str, QWidget] = {}
        self.problem_labels: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollBar:vertical { width: 28px; }")  # a finger can drag it
        self.scroller = scroll
        inner = QWidget(scroll)
        self.form_box = QVBoxLayout(inner)
        self._build_form(inner)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 18px;")
        bottom.addWidget(self.message, 1)
        self.revert = QPushButton(self.tr("Undo my changes"), self)
        self.revert.setObjectName("settingsRevert")
        self.revert.setMinimumSize(180, 56)
        self.revert.setStyleSheet("font-size: 20px;")
        self.revert.clicked.connect(self.load)
        bottom.addWidget(self.revert)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("settingsSave")
        self.save_button.setMinimumSize(180, 56)
        self.save_button.setStyleSheet(
            "font-size: 20px; background: #2e7d32; color: white; border-radius: 8px;"
        )
        self.save_button.clicked.connect(self.save)
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)
        self.load()

    def title(self) -> str:
        return self.tr("Settings")

    # --- the form -----------------------------------------------------------------------

    def _build_form(self, inner: QWidget) -> None:
        forms: dict[str, QFormLayout] = {}
        for f in fields(Settings):
            section = SECTIONS[f.name]
            if section not in forms:
                heading = QLabel(section_title(section), inner)
                heading.setStyleSheet("font-size: 24px; font-weight: bold; margin-top: 12px;")
                self.form_box.addWidget(heading)
                forms[section] = QFormLayout()
                forms[section].setVerticalSpacing(6)
                # labels above their field: long Chinese labels never squeeze the inputs
                forms[section].setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
                self.form_box.addLayout(forms[section])
                if section == "server":
                    self._build_enrollment(inner, forms[section])
            editor = self._editor(f.name, f.default, inner)
            self.editors[f.name] = editor
            problem = QLabel(inner)
            problem.setObjectName(f"problem-{f.name}")
            problem.setStyleSheet("font-size: 16px; color: #c62828;")
            problem.setWordWrap(True)
            problem.hide()
            self.problem_labels[f.name] = problem
            cell = QVBoxLayout()
            cell.addWidget(editor)
            cell.addWidget(problem)
            if isinstance(editor, QCheckBox):  # a switch carries its own words
                editor.setText(field_label(f.name))
                forms[section].addRow(cell)
                continue
            label = QLabel(field_label(f.name), inner)
            label.setStyleSheet("font-size: 18px;")
            forms[section].addRow(label, cell)
        self.form_box.addStretch(1)

    def _editor(self, name: str, default: Any, parent: QWidget) -> QWidget:
        choices = _choices(name)
        editor: QWidget
        if name == "instruments":
            editor = InstrumentList(parent)
        elif isinstance(default, bool):
            box = QCheckBox(parent)
            box.setStyleSheet(
                "QCheckBox { font-size: 18px; spacing: 12px; }"
                " QCheckBox::indicator { width: 36px; height: 36px; }"
            )
            box.setMinimumHeight(48)
            editor = box
        elif choices:
            combo = QComboBox(parent)
            combo.setStyleSheet(FIELD_STYLE)
            for value in choices:
                combo.addItem(choice_word(name, value), value)
            editor = combo
        else:
            line = QLineEdit(parent)
            line.setStyleSheet(FIELD_STYLE)
            editor = line
        editor.setObjectName(f"setting-{name}")
        return editor

    def _build_enrollment(self, parent: QWidget, form: QFormLayout) -> None:
        row = QHBoxLayout()
        self.enroll_code = QLineEdit(parent)
        self.enroll_code.setObjectName("enrollCode")
        self.enroll_code.setStyleSheet(FIELD_STYLE)
        self.enroll_code.setPlaceholderText(self.tr("Enrollment code from the platform"))
        row.addWidget(self.enroll_code, 1)
        self.enroll_button = QPushButton(self.tr("Enroll this kiosk"), parent)
        self.enroll_button.setObjectName("enrollButton")
        self.enroll_button.setMinimumSize(200, 48)
        self.enroll_button.clicked.connect(self.enroll)
        row.addWidget(self.enroll_button)
        self.enroll_result = QLabel(parent)
        self.enroll_result.setObjectName("enrollResult")
        self.enroll_result.setWordWrap(True)
        self.enroll_result.setStyleSheet("font-size: 18px;")
        cell = QVBoxLayout()
        cell.addLayout(row)
        cell.addWidget(self.enroll_result)
        label = QLabel(self.tr("Enrollment"), parent)
        label.setStyleSheet("font-size: 18px;")
        form.addRow(label, cell)

    # --- values -------------------------------------------------------------------------

    def load(self) -> None:
        """Show the current settings (what was saved)."""
        current = self.ctx.settings
        for name, editor in self.editors.items():
            self._set(editor, getattr(current, name))
        self.show_problems([])
        self.message.clear()

    @staticmethod
    def _set(editor: QWidget, value: Any) -> None:
        if isinstance(editor, InstrumentList):
            editor.set_items(value)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            editor.setCurrentIndex(max(0, index))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    @staticmethod
    def _get(editor: QWidget) -> Any:
        if isinstance(editor, InstrumentList):
            return editor.items()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QLineEdit):
            return editor.text()
        return None

    def raw(self) -> dict[str, Any]:
        return {name: self._get(editor) for name, editor in self.editors.items()}

    def show_problems(self, problems: list[SettingProblem]) -> None:
        by_field = {p.field: p for p in problems}
        for name, label in self.problem_labels.items():
            problem = by_field.get(name)
            label.setVisible(problem is not None)
            label.setText(problem_text(problem) if problem else "")

    def save(self) -> bool:
        """Validate; refuse in plain words, or write settings.toml off the GUI thread."""
        raw = self.raw()
        problems = validate(raw)
        self.show_problems(problems)
        if problems:
            self.message.setStyleSheet("font-size: 18px; color: #c62828;")
            self.message.setText(problem_text(problems[0]))
            self.scroller.ensureWidgetVisible(self.editors[problems[0].field], 50, 120)
            return False
        new = from_raw(raw, self.ctx.settings)
        old = self.ctx.settings
        restart = any(getattr(old, n) != getattr(new, n) for n in RESTART_FIELDS)
        data_dir, db = self.ctx.kiosk.data_dir, self.ctx.kiosk.db

        def write() -> None:
            save(data_dir, new)
            with db.session() as s:
                apply_to_ledger(s, new)  # undo window, overdue days, bands, bin capacity

        self.ctx.tasks.run_db(write, lambda _none: self._saved(new, restart))
        return True

    def _saved(self, new: Settings, restart: bool) -> None:
        self.ctx.kiosk.settings = new
        self.message.setStyleSheet("font-size: 18px; color: #2e7d32;")
        self.message.setText(saved_message(restart))
        self.ctx.hooks.settings_did_change.emit(new)
        self.ctx.hooks.operation_did_execute.emit(Changes(settings=True))

    # --- enrollment ---------------------------------------------------------------------

    def enroll(self) -> None:
        server = str(self._get(self.editors["server_url"])).strip()
        code = self.enroll_code.text().strip()
        enroll = self.ctx.kiosk.enroll
        if enroll is None:
            self.enroll_result.setText(enroll_message("unavailable"))
            return
        if not server:
            self.enroll_result.setText(enroll_message("no_server"))
            return
        if not code:
            self.enroll_result.setText(enroll_message("no_code"))
            return
        problems = validate({"server_url": server})
        if problems:
            self.enroll_result.setText(problem_text(problems[0]))
            return
        self.enroll_button.setEnabled(False)
        self.enroll_result.setText(enroll_message("busy"))
        self.ctx.tasks.run(lambda: enroll(server, code), self._enrolled, self._enroll_failed)

    def _enrolled(self, enrollment: Enrollment) -> None:
        self.enroll_button.setEnabled(True)
        self.enroll_code.clear()
        self.enroll_result.setStyleSheet("font-size: 18px; color: #2e7d32;")
        self.enroll_result.setText(enroll_message("ok", enrollment.store_id))
        self.ctx.hooks.operation_did_execute.emit(Changes(sync=True))
        if self.ctx.settings.server_url != self._get(self.editors["server_url"]):
            self.save()

    def _enroll_failed(self, exc: BaseException) -> None:
        self.enroll_button.setEnabled(True)
        self.enroll_result.setStyleSheet("font-size: 18px; color: #c62828;")
        self.enroll_result.setText(error_text(exc))
