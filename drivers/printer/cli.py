"""`kiosk print-test`: print a demo document on a printer chosen by URI.

Drivers may not import kiosk.cli (import-linter), so the common options (--data-dir, --json)
are declared here the same way. The demo documents come from kiosk.printing.demo (plain
data, no database).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from drivers.printer.device import EscposPrinter
from kiosk.cli_options import common_options
from kiosk.errors import DeviceError
from kiosk.ports import CjkMode, PaperWidth, PrintOptions, QrMode
from kiosk.printing.demo import DEMOS


def register(sub: Any) -> None:
    """Add this area's commands to the `kiosk` parser."""
    p = sub.add_parser(
        "print-test",
        parents=[common_options()],
        help="print a demo document",
        description="Print a demo receipt, handover slip, check-in sheet, reading "
        "label or shift report. URIs: file:PATH, tcp://HOST:PORT, "
        "serial:DEV?baud=N, usb:VID:PID (hex), dummy.",
    )
    p.add_argument("--printer", required=True, metavar="URI", help="where to print")
    p.add_argument("--doc", required=True, choices=sorted(DEMOS), help="which demo document")
    p.add_argument(
        "--cjk",
        choices=[m.value for m in CjkMode],
        default="native",
        help="Chinese as GB18030 in the printer's Chinese mode, or as a picture",
    )
    p.add_argument("--paper", type=int, choices=(58, 80), default=80, help="roll width in mm")
    p.add_argument(
        "--qr",
        choices=[m.value for m in QrMode],
        default=None,
        help="QR drawn by the printer or sent as a picture (default: native, "
        "image with --cjk raster)",
    )
    p.add_argument(
        "--no-cutter", action="store_true", help="feed to the tear bar instead of cutting"
    )
    p.add_argument(
        "--preview",
        type=Path,
        default=None,
        metavar="PNG",
        help="also write a PNG preview of the document",
    )
    p.add_argument("--timeout", type=float, default=3.0, help="seconds to wait for the printer")
    p.set_defaults(handler=cmd_print_test)


def cmd_print_test(args: argparse.Namespace) -> int:
    cjk = CjkMode(args.cjk)
    qr = QrMode(args.qr) if args.qr else (QrMode.IMAGE if cjk is CjkMode.RASTER else QrMode.NATIVE)
    options = PrintOptions(paper=PaperWidth(args.paper), cjk=cjk, qr=qr, cutter=not args.no_cutter)
    doc = DEMOS[args.doc]()
    try:
        printer = EscposPrinter(args.printer, options, timeout=args.timeout)
        printer.print_document(doc)
    except DeviceError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return 1
    result: dict[str, Any] = {
        "printer": args.printer,
        "doc": args.doc,
        "paper": args.paper,
        "cjk": cjk.value,
        "qr": qr.value,
        "bytes": len(printer.last_bytes),
    }
    if args.preview is not None:
        from kiosk.printing.preview import save_preview

        try:
            result["preview"] = str(save_preview(doc, options.paper, args.preview))
        except OSError as exc:
            print(
                f"error: printed, but the preview could not be written to {args.preview}: "
                f"{exc.strerror or exc}",
                file=sys.stderr,
                flush=True,
            )
            return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False), flush=True)
    else:
        extra = f"; preview {result['preview']}" if "preview" in result else ""
        print(
            f"printed {args.doc} ({len(printer.last_bytes)} bytes, {args.paper} mm, "
            f"{cjk.value}) on {args.printer}{extra}",
            flush=True,
        )
    return 0
