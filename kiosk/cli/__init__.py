"""The `kiosk` command: argparse scaffolding shared by every layer.

Each layer contributes a `register(subparsers)` function (core commands here, device ones in
`drivers.cli`, sync and server ones in `sync.cli`); `main.py` assembles them. A command's
handler takes the parsed args and returns the exit code. `--data-dir` and `--json` are on
every command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"
Registrar = Callable[[Any], None]
Handler = Callable[[argparse.Namespace], int]


def common_options() -> argparse.ArgumentParser:
    """Parent parser with the options every command takes."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--data-dir", type=Path, default=None,
                   help="kiosk data directory (default: $LINLI_DATA_DIR or the user data dir)")
    p.add_argument("--json", action="store_true", help="print results as one JSON object per line")
    return p


def data_dir(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "data_dir", None) or os.environ.get("LINLI_DATA_DIR")
    path = Path(chosen) if chosen else Path(user_data_dir("linli-kiosk", "Linli"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def add_command(sub: Any, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
    """Add a subcommand carrying the common options and bound to `handler`."""
    p: argparse.ArgumentParser = sub.add_parser(name, parents=[common_options()], help=help,
                                                description=help)
    p.set_defaults(handler=handler)
    return p


def add_group(sub: Any, name: str, help: str) -> Any:
    """A command with subcommands of its own (`kiosk server run`, `kiosk audit verify`)."""
    p: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)

    def show_help(_args: argparse.Namespace) -> int:
        p.print_help()
        return 2

    p.set_defaults(handler=show_help)
    return p.add_subparsers(dest=f"{name}_command", metavar="COMMAND")


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


def build_parser(registrars: Sequence[Registrar]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Linli Kiosk (邻里自提点)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from kiosk.cli import core

    core.register(sub)
    for register in registrars:
        register(sub)
    return parser


def run(argv: Sequence[str] | None, registrars: Sequence[Registrar]) -> int:
    parser = build_parser(registrars)
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    from kiosk.errors import UserFacingError

    try:
        return handler(args)
    except UserFacingError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
