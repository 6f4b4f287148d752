"""Commands of the scan drivers: `kiosk decode IMAGE…` runs the camera's own decoder on files.

Drivers may not import kiosk.cli (import-linter), so the two common options (--data-dir,
--json) and the output conventions (one JSON object per line; `error: …` on stderr) are
declared here the same way kiosk.cli does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from drivers.scan.decoder import BACKENDS, load_image, make_decoder
from kiosk.cli_options import common_options
from kiosk.errors import DeviceError


def _decode(args: argparse.Namespace) -> int:
    import cv2

    # our own `error: …` line says why a file is unreadable; OpenCV's log lines are noise
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    decoder = make_decoder(args.backend, budget_ms=args.budget_ms)
    unreadable = 0
    for name in args.images:
        try:
            image = load_image(Path(name))
        except DeviceError as exc:
            unreadable += 1
            print(f"error: {exc}", file=sys.stderr, flush=True)
            continue
        try:
            result = decoder.decode(image)
        except Exception as exc:  # one bad image is that file's error, never the batch's end
            unreadable += 1
            print(
                f"error: {name}: the decoder failed on this image ({type(exc).__name__}: {exc})",
                file=sys.stderr,
                flush=True,
            )
            continue
        obj = {"file": name, "texts": list(result.texts), "ms": round(result.ms, 2)}
        if args.json:
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            found = "\n  ".join(result.texts) if result.texts else "(no code found)"
            print(f"{name}  [{result.ms:.1f} ms, {result.method}]\n  {found}", flush=True)
    return 1 if unreadable else 0


def register(sub: Any) -> None:
    """Add this area's commands to the `kiosk` parser."""
    about = "decode QR codes in image files with the same decoder the camera uses"
    p: argparse.ArgumentParser = sub.add_parser(
        "decode", parents=[common_options()], help=about, description=about
    )
    p.set_defaults(handler=_decode)
    p.add_argument("images", nargs="+", metavar="IMAGE", help="PNG, JPEG or BMP files")
    p.add_argument(
        "--backend",
        choices=BACKENDS,
        default="pipeline",
        help="decoder to use (default: pipeline = zxing-cpp plus repairs, the camera's decoder)",
    )
    p.add_argument(
        "--budget-ms",
        type=float,
        default=25.0,
        help="time budget for repairs per image (default 25)",
    )
