"""The real-window harness itself: whatever fails while the kiosk starts, its X server goes
(a leaked Xvfb holds its display and its lock file for every later run on the box)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import xreal_kiosk
from xreal_kiosk import need_tools, real_kiosk


def test_xvfb_is_stopped_when_the_log_cannot_be_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_tools()
    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def recording(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        proc: subprocess.Popen[bytes] = real_popen(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(xreal_kiosk.subprocess, "Popen", recording)
    # tmp/kiosk.log cannot be opened: its folder does not exist
    with (
        pytest.raises(FileNotFoundError),
        real_kiosk(tmp_path / "data", tmp_path / "no-such-folder"),
    ):
        pass
    assert started, "Xvfb was started"
    try:
        assert [p.args[0] for p in started] == ["Xvfb"]
        assert all(p.poll() is not None for p in started), "Xvfb left running"
    finally:
        for p in started:
            if p.poll() is None:
                p.kill()
                p.wait()
