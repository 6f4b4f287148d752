"""The `kiosk` command: argparse scaffolding shared by every layer.

Each layer contributes a `register(subparsers)` function (core commands here, device ones in
`drivers.cli`, sync and server ones in `sync.cli`); `main.py` assembles them. A command's
handler takes the parsed args and returns the exit code. `--data-dir` and `--json` are on
every command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from kiosk.cli_options import common_options, data_dir, emit, fail

Registrar = Callable[[Any], None]
Handler = Callable[[argparse.Namespace], int]


def add_command(sub: Any, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
    """Add a subcommand carrying the common options and bound to `handler`."""
    p: argparse.ArgumentParser = sub.add_parser(
        name, parents=[common_options()], help=help, description=help
    )
    p.set_defaults(handler=handler)
    return p


def add_group(sub: Any, name: str, help: str) -> Any:
    """A command with subcommands of its own (`kiosk server run`, `kiosk audit verify`)."""
    p: argparse.ArgumentParser = sub.add_parser(
        name, help=help, description=help, parents=[common_options()]
    )

    def show_help(_args: argparse.Namespace) -> int:
        p.print_help()
        return 2

    p.set_defaults(handler=show_help)
    return p.add_subparsers(dest=f"{name}_command", metavar="COMMAND")


def build_parser(registrars: Sequence[Registrar]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Linli Kiosk (邻里自提点)",
        parents=[common_options(top_level=True)],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from kiosk.cli import core, inspection, readings, shift

    core.register(sub)
    shift.register(sub)
    readings.register(sub)
    inspection.register(sub)
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
    from sqlalchemy.exc import DatabaseError

    from kiosk.errors import UserFacingError

    try:
        return handler(args)
    except UserFacingError as exc:
        return fail(str(exc))
    except DatabaseError as exc:  # a damaged or foreign database file, a locked database…
        why = str(exc.orig or exc).strip().splitlines()[0]
        return fail(f"the database could not be used ({why}); check --data-dir / --db")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


__all__ = [
    "Registrar",
    "add_command",
    "add_group",
    "build_parser",
    "common_options",
    "data_dir",
    "emit",
    "fail",
    "run",
]
