"""`kiosk read` and `kiosk simulate`: instruments from the command line.

`kiosk read --protocol P --port URL [--count N] [--timeout S]` prints one JSON line per
reading: `{kind, value, unit, stable, status, raw, at}` — `raw` is the frame as lower-case
hex, `at` ISO 8601 UTC with a `Z`, weights in grams. `kiosk simulate DEVICE --protocol P`
runs a simulator on a pseudo-terminal and takes control words on stdin.

Drivers may not import kiosk.cli (import-linter), so the two common options (--data-dir,
--json) are declared here the same way kiosk.cli declares them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from drivers.instruments.registry import get_profile, profiles
from drivers.instruments.worker import (
    PORT_ERRORS,
    Backoff,
    PortWorker,
    open_port,
    plain_port_error,
)
from kiosk.cli_options import common_options
from kiosk.errors import DeviceError
from kiosk.ports import Reading

DEVICES = ("scale", "refractometer", "pesticide", "printer")


def register(sub: Any) -> None:
    """Add this area's commands to the `kiosk` parser."""
    names = ", ".join(profiles())
    r = sub.add_parser(
        "read",
        parents=[common_options()],
        help="print readings from a serial instrument",
        description=f"Print readings from a serial instrument. Protocols: {names}.",
    )
    r.add_argument("--protocol", required=True, help=f"one of: {names}")
    r.add_argument(
        "--port", required=True, help="serial port or pyserial URL (/dev/ttyUSB0, loop://)"
    )
    r.add_argument("--count", type=int, default=1, help="readings to print (default 1)")
    r.add_argument("--timeout", type=float, default=10.0, help="seconds to wait (default 10)")
    r.add_argument("--baudrate", type=int, default=None, help="override the protocol's baud rate")
    r.add_argument("--parity", choices=("N", "E", "O"), default=None, help="override the parity")
    r.add_argument("--bytesize", type=int, choices=(7, 8), default=None, help="override data bits")
    r.add_argument("--interval", type=float, default=None, help="poll interval in seconds")
    r.add_argument("--extra", action="store_true", help="add the parsed side values as `extra`")
    r.set_defaults(handler=cmd_read)

    s = sub.add_parser(
        "simulate",
        parents=[common_options()],
        help="run a simulated instrument or printer",
        description="Run a simulated scale, refractometer or pesticide reader on a "
        "pseudo-terminal (prints its path), or the virtual network printer.",
    )
    s.add_argument("device", choices=DEVICES)
    s.add_argument("--protocol", default=None, help="instrument protocol (default per device)")
    s.add_argument(
        "--link",
        type=Path,
        default=None,
        help="stable symlink to the pty, kept across unplug/replug (default in /tmp)",
    )
    s.add_argument("--port", type=int, default=9100, help="TCP port of the virtual printer")
    s.add_argument("--paper", type=int, choices=(58, 80), default=80, help="virtual printer paper")
    s.add_argument(
        "--period",
        type=float,
        default=None,
        help="refractometer/pesticide: seconds between automatic lines (0 = only on command)",
    )
    s.set_defaults(handler=cmd_simulate)


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr, flush=True)
    return code


def reading_json(reading: Reading, with_extra: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": reading.kind.value,
        "value": reading.value,
        "unit": reading.unit,
        "stable": reading.stable,
        "status": reading.status.value,
        "raw": reading.raw.hex(),
        "at": reading.at.isoformat().replace("+00:00", "Z"),
    }
    if with_extra:
        out["extra"] = dict(reading.extra)
    return out


def cmd_read(args: argparse.Namespace) -> int:
    try:
        profile = get_profile(
            args.protocol, baudrate=args.baudrate, parity=args.parity, bytesize=args.bytesize
        )
    except DeviceError as exc:
        return _fail(str(exc), 2)
    if args.count < 1:
        return _fail("--count must be 1 or more", 2)
    try:
        open_port(profile, args.port).close()
    except PORT_ERRORS as exc:
        return _fail(f"cannot open port {args.port}: {plain_port_error(exc)}")
    got: queue.Queue[Reading] = queue.Queue()
    worker = PortWorker(
        profile, args.port, backoff=Backoff(0.2, 2.0), poll_interval_s=args.interval
    )
    worker.add_listener(got.put)
    worker.start()
    printed = 0
    deadline = time.monotonic() + args.timeout
    try:
        while printed < args.count and time.monotonic() < deadline:
            try:
                reading = got.get(timeout=max(0.01, min(0.2, deadline - time.monotonic())))
            except queue.Empty:
                continue
            print(json.dumps(reading_json(reading, args.extra), ensure_ascii=False), flush=True)
            printed += 1
    finally:
        worker.stop()
    if printed == 0:
        return _fail(
            f"no reading from {profile.label} on {args.port} within {args.timeout:g} s "
            f"({worker.status().message})"
        )
    if printed < args.count:
        return _fail(f"only {printed} of {args.count} readings arrived within {args.timeout:g} s")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    if args.device == "printer":
        try:
            from drivers.printer import virtual
        except ImportError:
            return _fail(
                "the virtual network printer is not part of this build "
                "(drivers.printer.virtual is missing)"
            )
        result: int = virtual.serve_from_cli(args)
        return result
    from drivers.instruments.simulators import DEVICE_DEFAULTS, DEVICE_PROTOCOLS, make_simulator

    protocol = args.protocol or DEVICE_DEFAULTS[args.device]
    if protocol not in DEVICE_PROTOCOLS[args.device]:
        return _fail(
            f"a {args.device} does not speak {protocol!r}; "
            f"choose one of: {', '.join(DEVICE_PROTOCOLS[args.device])}",
            2,
        )
    link = args.link or Path(tempfile.gettempdir()) / f"linli-sim-{args.device}-{os.getpid()}"
    sim = make_simulator(protocol, link)
    if args.period is not None and hasattr(sim.speaker, "period_s"):
        sim.speaker.period_s = args.period if args.period > 0 else None
    try:
        pty_path = sim.start()
    except OSError as exc:  # the --link folder is missing or read-only
        with contextlib.suppress(OSError):
            sim.stop()
        return _fail(f"cannot make the stable link {link}: {exc.strerror or exc}")
    info = {"device": args.device, "protocol": protocol, "port": sim.pty_path, "link": pty_path}
    if args.json:
        print(json.dumps(info), flush=True)
    else:  # the path alone on stdout (scripts read it); the explanation on stderr
        print(sim.pty_path, flush=True)
        print(
            f"simulated {args.device} ({protocol}) on {sim.pty_path}; stable path {pty_path} "
            f"(survives unplug/replug)\ncontrols: {sim.control('help')}; Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )
    done = threading.Event()
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, lambda *_: done.set()) if in_main else None
    threading.Thread(target=_control_loop, args=(sim, args.json, done), daemon=True).start()
    try:
        while not done.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
        if in_main:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _control_loop(sim: Any, as_json: bool, done: threading.Event) -> None:
    """Lines on stdin drive the simulator; `quit` ends it. EOF leaves it running."""
    for line in sys.stdin:
        text = line.strip()
        if not text:
            continue
        if text.lower() in ("quit", "exit"):
            done.set()
            return
        reply = sim.control(text)
        print(
            json.dumps({"control": text, "reply": reply}, ensure_ascii=False) if as_json else reply,
            flush=True,
        )
