"""A damaged (or vanished) ledger at start, said in plain words before any window opens:
what happened, where the damaged file was kept, and the newest good backup to restore (by
kiosk/ops/restore.py's rules, which refuse a backup of another store or one older than the
ledger) or quit. Nothing here creates a new ledger: the kiosk starts only on a restored one."""

from __future__ import annotations

from pathlib import Path

from kiosk.ops.backup import backup_time
from kiosk.ops.integrity import LedgerDamaged, LedgerMissing
from kiosk.ops.restore import RestoreResult, restore_backup
from ui.qt import (
    QApplication,
    QDialog,
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.tasks import TaskManager
from ui.words import translate
from ui.words.errors import error_text


def _local(path: Path | None) -> str:
    return str(path) if path is not None else ""


class LedgerDamagedDialog(QDialog):
    """Accepted once the backup was restored (start again); rejected: quit."""

    def __init__(
        self, error: LedgerDamaged, tasks: TaskManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.error, self.tasks = error, tasks
        self.result_value: RestoreResult | None = None
        self.setObjectName("ledgerDamaged")
        self.setWindowTitle(translate("damaged", "Linli Kiosk: the ledger needs a person"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        self.title = QLabel(self._title(), self)
        self.title.setObjectName("ledgerDamagedTitle")
        self.title.setStyleSheet("font-size: 26px; font-weight: bold; color: #b71c1c;")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.body = QLabel("\n\n".join(self._lines()), self)
        self.body.setObjectName("ledgerDamagedText")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setStyleSheet("font-size: 18px;")
        layout.addWidget(self.body)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("ledgerDamagedOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet("font-size: 18px; color: #b71c1c;")
        self.outcome.hide()
        layout.addWidget(self.outcome)
        row = QHBoxLayout()
        row.addStretch(1)
        self.quit = QPushButton(translate("damaged", "Quit"), self)
        self.quit.setObjectName("ledgerDamagedQuit")
        self.quit.setMinimumSize(160, 56)
        self.quit.clicked.connect(self.reject)
        row.addWidget(self.quit)
        self.restore = QPushButton(translate("damaged", "Restore the newest good backup"), self)
        self.restore.setObjectName("ledgerDamagedRestore")
        self.restore.setMinimumSize(320, 56)
        self.restore.setStyleSheet("font-weight: bold;")
        self.restore.clicked.connect(self.start_restore)
        self.restore.setVisible(error.backup is not None)
        row.addWidget(self.restore)
        layout.addLayout(row)

    def _title(self) -> str:
        if isinstance(self.error, LedgerMissing):
            return translate("damaged", "The ledger file is missing")
        return translate("damaged", "The ledger is damaged")

    def _lines(self) -> list[str]:
        e = self.error
        lines = []
        if isinstance(e, LedgerMissing):
            lines.append(
                translate(
                    "damaged",
                    "The ledger (the record of orders and pickups) is "
                    "not where it was: %1. The kiosk will not start a new empty "
                    "one.",
                ).replace("%1", _local(e.path))
            )
        else:
            lines.append(
                translate(
                    "damaged",
                    "The ledger (the record of orders and pickups) "
                    "failed its check at start. The kiosk did not change it and "
                    "will not start on it.",
                )
            )
            if e.kept is not None:
                lines.append(
                    translate("damaged", "The damaged file was kept: %1 (a copy is in %2).")
                    .replace("%1", _local(e.path))
                    .replace("%2", _local(e.kept))
                )
            else:
                lines.append(
                    translate("damaged", "The damaged file was left where it is: %1.").replace(
                        "%1", _local(e.path)
                    )
                )
        if e.backup is not None:
            made = backup_time(Path(e.backup.path))
            when = "" if made is None else made.astimezone().strftime("%Y-%m-%d %H:%M")
            lines.append(
                translate("damaged", "Newest good backup: %1 (made %2).")
                .replace("%1", _local(e.backup.path))
                .replace("%2", when or "?")
            )
            lines.append(
                translate(
                    "damaged",
                    "Restoring it keeps every pickup in it that has "
                    "not reached the platform yet (it is still sent); the next "
                    "sync brings back what the platform has.",
                )
            )
        else:
            lines.append(
                translate(
                    "damaged",
                    "No good backup was found: quit and call "
                    "support. Do not delete the damaged file.",
                )
            )
        return lines

    def start_restore(self) -> None:
        """On a worker (a big ledger takes a while): the module's rules decide."""
        backup = self.error.backup
        if backup is None:
            return
        self.restore.setEnabled(False)
        self.quit.setEnabled(False)
        self.outcome.setStyleSheet("font-size: 18px; color: #37474f;")
        self.outcome.setText(translate("damaged", "Restoring the backup…"))
        self.outcome.show()
        db_path, source = self.error.path, Path(backup.path)
        self.tasks.run(lambda: restore_backup(db_path, source), self._restored, self._refused)

    def _restored(self, result: RestoreResult) -> None:
        self.result_value = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.quit.setEnabled(True)
        self.outcome.setStyleSheet("font-size: 18px; color: #b71c1c;")
        self.outcome.setText(
            translate(
                "damaged",
                "The backup was not restored; nothing was changed. Quit and call support. (%1)",
            ).replace("%1", error_text(exc))  # words by kind, never the English message
        )


def recover_or_quit(error: LedgerDamaged) -> bool:
    """Show the dialog (the translator is installed by the caller). True: the backup was
    restored and the kiosk may start; False: quit. With no screen to show it on (the
    offscreen platform: scripts, tests) nobody could answer it: quit, the caller prints why."""
    app = QApplication.instance()
    if app is None or QGuiApplication.platformName() == "offscreen":
        return False
    tasks = TaskManager()
    try:
        dialog = LedgerDamagedDialog(error, tasks)
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        tasks.shutdown()
