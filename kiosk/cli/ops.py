"""Operations commands: `kiosk backup`, `kiosk restore`, `kiosk doctor`.

- `kiosk backup [--to FILE]` prints `{file, bytes, verified}`; exit 1 when it failed.
- `kiosk restore FILE [--force]` exit 1 (ledger untouched) when a rule refuses it
  (kiosk.ops.restore); else prints what was restored and carried over.
- `kiosk doctor [--bundle FILE] [--json]` one finding per line (`{check, ok, message,
  action}` with --json); exit 1 when something needs action.

Device checks need the configured drivers, which the core cannot import: main.py registers
these commands through `registrar(probes)` with a function that builds them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.cli import add_command, data_dir, emit
from kiosk.ops.doctor import DoctorProbes

ProbeFactory = Callable[[Path], DoctorProbes]


def _db_path(args: argparse.Namespace) -> Path:
    from kiosk.ops.integrity import DB_FILENAME

    return data_dir(args) / DB_FILENAME


def _backup(args: argparse.Namespace) -> int:
    from kiosk.errors import UserFacingError
    from kiosk.ops.backup import backup_now

    path = _db_path(args)
    if not path.exists():
        raise UserFacingError(f"There is no ledger at {path} to back up.")
    result = backup_now(path, reason="manual", to=Path(args.to) if args.to else None)
    emit(
        args, result.as_json(), f"Backup written and verified: {result.file} ({result.bytes} bytes)"
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from kiosk.ops.restore import restore_backup

    result = restore_backup(_db_path(args), Path(args.file), force=bool(args.force))
    lines = [f"Restored {result.backup} into {result.restored}."]
    if result.replaced:
        lines.append(f"  the replaced ledger is kept in {result.replaced}")
    if result.plan.older:
        lines.append(f"  {result.plan.what_is_lost()}")
    lines.append(
        f"  {result.carried_events} event(s) carried over from the replaced ledger, "
        f"{result.settled_events} marked as already sent."
    )
    lines.append(
        "  Start the kiosk or run `kiosk sync --once`: sync sends what is waiting and "
        "brings back what the platform has."
    )
    emit(args, result.as_json(), "\n".join(lines))
    return 0


def _doctor_with(factory: ProbeFactory | None) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        from kiosk.ops.doctor import needs_action, render, run_doctor, write_bundle

        path = data_dir(args)
        probes = factory(path) if factory is not None else DoctorProbes()
        findings = run_doctor(path, probes)
        if getattr(args, "json", False):
            for f in findings:
                emit(args, f.as_json())
        else:
            print(render(findings), flush=True)
        if args.bundle:
            target = write_bundle(Path(args.bundle), path, findings, probes)
            print(f"support bundle written: {target}", file=sys.stderr, flush=True)
        return 1 if needs_action(findings) else 0

    return handler


def registrar(probes: ProbeFactory | None = None) -> Callable[[Any], None]:
    """The `register(sub)` for main.py, with the doctor's device probes."""

    def register(sub: Any) -> None:
        p = add_command(sub, "backup", _backup, "make a verified backup of the ledger now")
        p.add_argument("--to", default=None, help="write it to FILE (default: DATA/backups/)")
        p = add_command(sub, "restore", _restore, "put a ledger backup back (stop the kiosk first)")
        p.add_argument("file", help="the backup file (see DATA/backups/)")
        p.add_argument(
            "--force",
            action="store_true",
            help="restore even when the backup is older than the ledger",
        )
        p = add_command(
            sub,
            "doctor",
            _doctor_with(probes),
            "check everything support would ask about; exit 1 if action is needed",
        )
        p.add_argument(
            "--bundle",
            default=None,
            metavar="FILE",
            help="also write a zip for support (logs, versions, settings, devices)",
        )

    return register


register = registrar()
