"""Every word a person reads has Chinese: the strings lupdate finds in ui/ (tr() and
translate("context", "...")) are all in the glossary (scripts/zh_CN.json + zh_CN.d/*.json),
and the shipped .ts has no unfinished entry. Also the background-task helper."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))

import build_translations  # noqa: E402


def sources_in(ts: Path) -> set[str]:
    return {m.findtext("source") or "" for m in ET.parse(ts).iter("message")}


def test_every_ui_string_has_chinese_in_the_glossary(tmp_path: Path) -> None:
    ts = tmp_path / "check.ts"
    files = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(build_translations.BIN / "pyside6-lupdate"), *files, "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    found = sources_in(ts)
    assert len(found) > 100
    glossary = build_translations.load_glossary()
    missing = sorted(s for s in found if s not in glossary)
    assert missing == [], f"{len(missing)} UI strings have no Chinese: {missing[:20]}"


def test_the_shipped_translation_is_finished() -> None:
    text = build_translations.TS.read_text(encoding="utf-8")
    assert text.count("<message>") > 100
    assert 'type="unfinished"' not in text
    assert build_translations.TS.with_suffix(".qm").is_file()


def test_the_glossary_keeps_placeholders() -> None:
    """A Chinese text that drops %1 or {n} would show a sentence without its number."""
    for source, chinese in build_translations.load_glossary().items():
        for mark in re.findall(r"%\d|\{\w+\}", source):
            assert mark in chinese, (source, chinese)


def test_task_manager_runs_db_work_on_one_worker_and_reports_errors(qtbot: QtBot) -> None:
    tasks = TaskManager()
    threads: list[str] = []
    results: list[int] = []
    errors: list[BaseException] = []
    for i in range(5):
        tasks.run_db(
            lambda i=i: (threads.append(threading.current_thread().name), i)[1], results.append
        )
    tasks.run_db(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: len(results) == 5 and len(errors) == 1, timeout=5000)
    assert results == [0, 1, 2, 3, 4]
    assert len(set(threads)) == 1 and threads[0] != threading.main_thread().name
    assert isinstance(errors[0], ZeroDivisionError)
    tasks.shutdown()


def test_tasks_after_shutdown_are_dropped_quietly(qtbot: QtBot) -> None:
    """A queued callback that asks for more work while the app closes must not raise."""
    tasks = TaskManager()
    tasks.shutdown()
    done: list[int] = []
    future = tasks.run_db(lambda: 1, done.append)
    assert future.cancelled() and done == []
