"""Real-window fixtures: `real` is the running kiosk (demo store) on its own Xvfb display,
driven by real X input events (see xreal.py); `tokens`/`manifest` are the demo's codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from xreal_kiosk import RealKiosk, demo_store, real_kiosk


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    return demo_store(tmp_path / "data")


@pytest.fixture
def tokens(demo_dir: Path) -> dict[str, str]:
    doc: dict[str, str] = json.loads((demo_dir / "demo" / "tokens.json").read_text("utf-8"))
    return doc


@pytest.fixture
def manifest(demo_dir: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((demo_dir / "demo" / "manifest.json").read_text("utf-8"))
    return doc


@pytest.fixture
def real(demo_dir: Path, tmp_path: Path) -> Iterator[RealKiosk]:
    with real_kiosk(demo_dir, tmp_path) as kiosk:
        yield kiosk
