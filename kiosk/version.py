"""The version and build of this kiosk program, shown in the UI, the logs and every event.

The version is `kiosk.__version__`; the build id is written next to this module by
`make package` (`_build.txt`, bundled into the frozen program), or taken from
`LINLI_BUILD`; a source checkout says "dev". Support reads both off a screenshot or a log.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from kiosk import __version__

BUILD_FILE = Path(__file__).with_name("_build.txt")


@cache
def build_id() -> str:
    """The build id: the packaged build's stamp, `$LINLI_BUILD`, or "dev"."""
    try:
        text = BUILD_FILE.read_text("utf-8").strip()
    except OSError:
        text = ""
    return text or os.environ.get("LINLI_BUILD", "").strip() or "dev"


def frozen() -> bool:
    """True inside the PyInstaller-built program."""
    return bool(getattr(sys, "frozen", False))


def version_line() -> str:
    """`Linli Kiosk 0.1.0 (build 20261201-abc1234)`: what `--version`, the log and the UI show."""
    return f"Linli Kiosk {__version__} (build {build_id()})"


def device_info() -> dict[str, str]:
    """What every outgoing event says about the program that sent it, and the kiosk's clock
    when it did (`sent_at`): with the server's receive time, the event keeps both clocks."""
    sent = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return {"app_version": __version__, "build": build_id(), "sent_at": sent}


__all__ = ["__version__", "build_id", "device_info", "frozen", "version_line"]
