"""`--data-dir` and `--json` work before or after the command, at any nesting level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "{d}", "--json", "verify", "hello"],
        ["verify", "hello", "--data-dir", "{d}", "--json"],
        ["--json", "verify", "--data-dir", "{d}", "hello"],
    ],
)
def test_options_anywhere(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([a.replace("{d}", str(tmp_path)) for a in argv]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["verdict"] == "malformed"
    assert (tmp_path / "kiosk.sqlite3").exists(), "the data dir given must be the one used"


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "{d}", "audit", "verify", "--json"],
        ["audit", "--data-dir", "{d}", "verify", "--json"],
        ["audit", "verify", "--data-dir", "{d}", "--json"],
    ],
)
def test_nested_commands_take_them_at_every_level(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([a.replace("{d}", str(tmp_path)) for a in argv]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["ok"] is True
    assert (tmp_path / "kiosk.sqlite3").exists()
