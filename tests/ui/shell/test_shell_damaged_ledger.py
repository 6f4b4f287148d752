"""A damaged ledger at start is put to a person in plain words (where the damaged file was
kept, the newest good backup) who restores it by restore.py's rules or quits; the kiosk
never starts on a new empty ledger."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.db import DB_FILENAME
from kiosk.ops.backup import backup_now, inspect_ledger
from kiosk.ops.integrity import LedgerDamaged, check_at_start
from tests.ui.shell.test_shell_login import tap
from ui.app import install_translator, qt_app
from ui.shell.damaged import LedgerDamagedDialog
from ui.tasks import TaskManager


def _damage(path: Path) -> bytes:
    raw = bytearray(path.read_bytes())
    for page in range(2, min(len(raw) // 4096, 12)):  # garbage over a few b-tree pages
        raw[page * 4096 + 8 : page * 4096 + 600] = bytes(range(256)) * 2 + b"\x07" * 80
    path.write_bytes(bytes(raw))
    return bytes(raw)


@pytest.fixture
def damaged(shell_template: Path, tmp_path: Path) -> tuple[Path, Path, bytes]:
    data = tmp_path / "data"
    shutil.copytree(shell_template, data)
    good = backup_now(data / DB_FILENAME).file
    return data, good, _damage(data / DB_FILENAME)


def _error(data: Path) -> LedgerDamaged:
    with pytest.raises(LedgerDamaged) as err:
        check_at_start(data)
    return err.value


def test_the_dialog_says_where_the_file_was_kept_and_restores_the_backup(
    qtbot: QtBot, damaged: tuple[Path, Path, bytes]
) -> None:
    data, good, _ = damaged
    error = _error(data)
    assert error.kept is not None and error.backup is not None
    tasks = TaskManager()
    install_translator(qt_app(), "zh_CN")
    try:
        dialog = LedgerDamagedDialog(error, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        text = dialog.body.text()
        assert "损坏" in dialog.title.text()
        assert str(error.kept) in text and str(good) in text
        assert str(data / DB_FILENAME) in text
        with qtbot.waitSignal(dialog.accepted, timeout=20000):
            tap(qtbot, dialog.restore)
    finally:
        tasks.shutdown()
        install_translator(qt_app(), "en")
    assert dialog.result_value is not None
    info = check_at_start(data)  # the kiosk can start again: on the restored ledger
    assert info is not None and info.ok and info.store_id == inspect_ledger(good).store_id
    assert any((data / "replaced").iterdir()), "the damaged ledger is set aside, not deleted"


def test_quit_leaves_the_damaged_ledger_as_it_was_and_starts_nothing(
    qtbot: QtBot, damaged: tuple[Path, Path, bytes]
) -> None:
    import main

    data, _, raw = damaged
    asked: list[LedgerDamaged] = []

    def quit_at_dialog(exc: LedgerDamaged) -> bool:
        asked.append(exc)
        tasks = TaskManager()
        try:
            dialog = LedgerDamagedDialog(exc, tasks)
            qtbot.addWidget(dialog)
            dialog.show()
            tap(qtbot, dialog.quit)
            assert not dialog.isVisible()
            return dialog.result() == dialog.DialogCode.Accepted
        finally:
            tasks.shutdown()

    with pytest.raises(main._QuitDamaged):
        main.build_or_recover(data, demo=True, ask=quit_at_dialog)
    assert len(asked) == 1
    assert (data / DB_FILENAME).read_bytes() == raw, "never recreated, never touched"
    assert not (data / "replaced").exists()


def test_after_a_restore_the_start_goes_on(qtbot: QtBot, damaged: tuple[Path, Path, bytes]) -> None:
    import main

    data, _, _ = damaged
    asked: list[LedgerDamaged] = []

    def restore_at_dialog(exc: LedgerDamaged) -> bool:
        asked.append(exc)
        tasks = TaskManager()
        try:
            dialog = LedgerDamagedDialog(exc, tasks)
            qtbot.addWidget(dialog)
            dialog.show()
            with qtbot.waitSignal(dialog.accepted, timeout=20000):
                tap(qtbot, dialog.restore)
            return True
        finally:
            tasks.shutdown()

    ctx = main.build_or_recover(data, demo=False, ask=restore_at_dialog)
    try:
        assert len(asked) == 1 and ctx.store_id
    finally:
        ctx.close()


def test_with_no_screen_the_start_quits_with_the_words_instead_of_waiting(
    qtbot: QtBot, damaged: tuple[Path, Path, bytes]
) -> None:
    """Offscreen (a script, a service without a display) nobody can answer the dialog."""
    from ui.shell.damaged import recover_or_quit

    data, _, raw = damaged
    assert recover_or_quit(_error(data)) is False
    assert (data / DB_FILENAME).read_bytes() == raw


LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("why", ["bad_backup", "kiosk_running"])
def test_a_refused_restore_is_said_in_chinese_without_english(
    qtbot: QtBot, damaged: tuple[Path, Path, bytes], why: str
) -> None:
    """RestoreRefused's English message is for the command line; the dialog words its kind."""
    data, good, raw = damaged
    error = _error(data)
    child: subprocess.Popen[bytes] | None = None
    if why == "bad_backup":  # the backup went bad after the check at start found it
        good.write_bytes(good.read_bytes()[:4096] + b"\x00" * 8192)
    else:
        child = subprocess.Popen(
            [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
        )
        (data / "kiosk.lock").write_text(
            f"{child.pid}\npython3.11\n{socket.gethostname()}\nuuid\n", encoding="utf-8"
        )
    tasks = TaskManager()
    install_translator(qt_app(), "zh_CN")
    try:
        dialog = LedgerDamagedDialog(error, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        tap(qtbot, dialog.restore)
        qtbot.waitUntil(lambda: dialog.quit.isEnabled(), timeout=20000)
        said = dialog.outcome.text()
    finally:
        tasks.shutdown()
        install_translator(qt_app(), "en")
        if child is not None:
            child.communicate(b"")
    assert "没有恢复" in said, said
    assert LATIN.findall(said) == [], said
    if child is not None:
        assert str(child.pid) in said
    assert dialog.result_value is None
    assert (data / DB_FILENAME).read_bytes() == raw, "a refused restore touches nothing"


def test_every_restore_refusal_has_chinese_words(qtbot: QtBot) -> None:
    """Each kind (and each disk problem) is worded; params give only numbers and store ids."""
    from kiosk.errors import RestoreRefused, RestoreRefusedKind
    from ui.words.errors import error_text

    params = {"pid": "7", "backup_store": "0001", "this_store": "0002", "events": "3", "audit": "2"}
    cases = [
        RestoreRefused(k, "English for the command line", **params)
        for k in RestoreRefusedKind
        if k is not RestoreRefusedKind.STORAGE
    ]
    cases += [
        RestoreRefused(RestoreRefusedKind.STORAGE, "English", storage=s)
        for s in ("disk_full", "read_only", "disk_failed", "other")
    ]
    install_translator(qt_app(), "zh_CN")
    try:
        said = [error_text(c) for c in cases]
    finally:
        install_translator(qt_app(), "en")
    assert all(s and not LATIN.search(s) for s in said), said
    assert len(set(said)) == len(said), "each refusal says its own reason"
    assert "0001" in said[2] and "0002" in said[2]
