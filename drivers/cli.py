"""Device commands (decode, read, simulate, print-test), gathered for main.py."""

from __future__ import annotations

from typing import Any

from drivers.instruments import cli as instruments_cli
from drivers.printer import cli as printer_cli
from drivers.scan import cli as scan_cli


def register(sub: Any) -> None:
    scan_cli.register(sub)
    instruments_cli.register(sub)
    printer_cli.register(sub)
