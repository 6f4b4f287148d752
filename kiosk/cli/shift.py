"""Shift commands: `kiosk shift open`, `kiosk shift close` (queues the shift report) and
`kiosk shift report` (queues it again or previews it).

A report is queued in the kiosk's print queue; the kiosk's print dispatcher prints it when
it runs (a command line has no printer of its own). `--preview PNG` also writes a picture.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli import add_command, add_group, data_dir, emit, fail
from kiosk.db import Database, open_database
from kiosk.ports import PaperWidth


def register(sub: Any) -> None:
    """Add `kiosk shift …` to the `kiosk` parser."""
    shift = add_group(sub, "shift", "open and close a clerk's shift; print its report")
    p = add_command(shift, "open", _open, "start a shift for a staff member")
    p.add_argument("--staff", required=True, help="staff id whose shift starts")
    p = add_command(shift, "close", _close, "close a shift and queue its report (交班报表)")
    p.add_argument("shift_id", help="the id `kiosk shift open` printed")
    p.add_argument("--staff", required=True, help="staff id closing it (its clerk or a manager)")
    _preview_option(p)
    p = add_command(shift, "report", _report, "queue a shift's report (again) for printing")
    p.add_argument("shift_id")
    _preview_option(p)


def _preview_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--preview",
        type=Path,
        default=None,
        metavar="PNG",
        help="also write a PNG preview of the report (80 mm)",
    )


def _open(args: argparse.Namespace) -> int:
    from kiosk.services.shift import open_shift

    db = open_database(data_dir(args))
    try:
        shift_id = open_shift(db, staff_id=args.staff)
    finally:
        db.close()
    emit(
        args,
        {"shift_id": shift_id, "staff_id": args.staff},
        f"shift {shift_id} opened for {args.staff}",
    )
    return 0


def _close(args: argparse.Namespace) -> int:
    from kiosk.services.shift import close_shift

    db = open_database(data_dir(args))
    try:
        closed = close_shift(db, args.shift_id, staff_id=args.staff)
        queued = _queue_report(db, args)
    finally:
        db.close()
    if isinstance(queued, int):
        return queued
    counts = ", ".join(f"{k} {v}" for k, v in closed.counts.items())
    emit(
        args,
        {
            "shift_id": closed.shift_id,
            "event_id": closed.event_id,
            "counts": closed.counts,
            **queued,
        },
        f"shift {closed.shift_id} closed ({counts}); report queued as job {queued['job_id']}"
        + (f"; preview {queued['preview']}" if "preview" in queued else ""),
    )
    return 0


def _report(args: argparse.Namespace) -> int:
    db = open_database(data_dir(args))
    try:
        queued = _queue_report(db, args)
    finally:
        db.close()
    if isinstance(queued, int):
        return queued
    emit(
        args,
        {"shift_id": args.shift_id, **queued},
        f"report of shift {args.shift_id} queued as job {queued['job_id']}"
        + (f"; preview {queued['preview']}" if "preview" in queued else ""),
    )
    return 0


def _queue_report(db: Database, args: argparse.Namespace) -> dict[str, Any] | int:
    """Queue the report (deduplicated) and optionally preview it: what to print, or an exit
    code when the preview could not be written."""
    from kiosk.printing import documents, gather
    from kiosk.printing.preview import save_preview
    from kiosk.printing.queue import PrintQueue, SlipQueue

    queue = PrintQueue(db)
    SlipQueue(queue).enqueue_shift_report(args.shift_id)
    job = next(j for j in reversed(queue.jobs_for(args.shift_id)) if j.kind == "shift")
    out: dict[str, Any] = {"job_id": job.id, "job_status": job.status}
    if args.preview is not None:
        with db.reader() as s:
            doc = documents.shift_report(gather.shift_data(s, args.shift_id))
        try:
            out["preview"] = str(save_preview(doc, PaperWidth.MM80, args.preview))
        except OSError as exc:
            return fail(
                f"the report is queued, but the preview could not be written to "
                f"{args.preview}: {exc.strerror or exc}"
            )
    return out
