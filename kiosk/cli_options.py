"""Options and output helpers every `kiosk` command shares, in one place.

Kept apart from `kiosk.cli` (which pulls in the core's services) so that the driver and
sync layers can declare their commands the same way without reaching the database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from kiosk.errors import UserFacingError


def common_options(*, top_level: bool = False) -> argparse.ArgumentParser:
    """Parent parser with the options every command takes.

    They are accepted both before and after the command (`kiosk --data-dir D verify X` and
    `kiosk verify X --data-dir D`): the top-level parser holds the defaults, and a command's
    copy only sets a value when it is given (SUPPRESS), so it never resets an earlier one.
    """
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None if top_level else argparse.SUPPRESS,
        help="kiosk data directory (default: $LINLI_DATA_DIR or the user data dir)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="print results as one JSON object per line",
    )
    return p


def data_dir(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "data_dir", None) or os.environ.get("LINLI_DATA_DIR")
    path = Path(chosen) if chosen else Path(user_data_dir("linli-kiosk", "Linli"))
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)  # holds the token and ledger
    except OSError as exc:  # a file in the way, a read-only or missing parent…
        why = "it is a file, not a folder" if path.is_file() else exc.strerror or str(exc)
        raise UserFacingError(f"cannot use {path} as the data directory: {why}") from None
    return path


def emit(args: argparse.Namespace, obj: dict[str, Any], text: str | None = None) -> None:
    """Print one result: a JSON line with --json, else `text` (or the JSON if no text)."""
    if getattr(args, "json", False) or text is None:
        print(json.dumps(obj, ensure_ascii=False, default=str), flush=True)
    else:
        print(text, flush=True)


def fail(message: str, code: int = 1) -> int:
    """Report an error in plain words on stderr and return its exit code."""
    print(f"error: {message}", file=sys.stderr, flush=True)
    return code
