"""The only module that imports all four packages: builds the real database, drivers and sync
client, hands them to the UI and assembles the one `kiosk` command.

Settings (kiosk settings table, written by the settings screen or `kiosk` admin tools):
`printer` {"uri", "paper", "cjk"}, `instruments` [InstrumentConfig JSON], `camera` (index or
URL), `serial_scanner` (port). With `--demo`, or when nothing is configured, the kiosk uses
demo data and simulated devices: pseudo-terminal instruments, a virtual network printer and a
camera that shows the demo store's pickup codes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import drivers.cli
import sync.cli
from kiosk.cli import add_command, data_dir, run
from kiosk.context import KioskContext
from kiosk.db import Database

log = logging.getLogger("linli")


def _setting(db: Database, key: str) -> Any:
    from kiosk.platform.identity import get_setting

    with db.reader() as s:
        return get_setting(s, key)


def _wire_printer(ctx: KioskContext, demo: bool) -> None:
    from drivers.printer.device import EscposPrinter
    from kiosk.ports import CjkMode, PaperWidth, PrintOptions
    from kiosk.printing.queue import PrintDispatcher, PrintQueue, SlipQueue

    conf = _setting(ctx.db, "printer")
    if isinstance(conf, dict) and conf.get("uri"):
        uri = str(conf["uri"])
        options = PrintOptions(paper=PaperWidth(int(conf.get("paper", 58))),
                               cjk=CjkMode(conf.get("cjk", "native")))
    elif demo:
        from drivers.printer.virtual import VirtualPrinter

        virtual = VirtualPrinter(0, ctx.data_dir / "virtual-printer", PaperWidth.MM80).start()
        ctx.on_close.append(virtual.stop)
        uri, options = virtual.uri, PrintOptions(paper=PaperWidth.MM80)
    else:
        return
    printer = EscposPrinter(uri, options, name="Receipt printer")
    queue = PrintQueue(ctx.db)
    dispatcher = PrintDispatcher(queue, printer)
    dispatcher.start()
    ctx.on_close.append(dispatcher.stop)
    ctx.receipts = SlipQueue(queue, dispatcher.board)
    ctx.devices += [printer, dispatcher]


def _wire_instruments(ctx: KioskContext, demo: bool) -> None:
    from drivers.instruments.config import InstrumentConfig, build_worker

    conf = _setting(ctx.db, "instruments")
    if isinstance(conf, list) and conf:
        for item in conf:
            worker = build_worker(InstrumentConfig.from_json(item))
            worker.start()
            ctx.on_close.append(worker.stop)
            ctx.devices.append(worker)
    elif demo:
        from drivers.instruments.demo import DemoInstruments

        (ctx.data_dir / "sim-ports").mkdir(exist_ok=True)
        sims = DemoInstruments(ctx.data_dir / "sim-ports")
        ctx.devices += list(sims.start().values())
        ctx.on_close.append(sims.stop)


def _wire_scanners(ctx: KioskContext, demo: bool) -> None:
    from drivers.scan.camera import CameraScanner, OpenCvSource
    from drivers.scan.serial_scanner import SerialScanner
    from drivers.scan.wedge import KeyboardWedgeScanner

    wedge = KeyboardWedgeScanner()
    ctx.key_feed = wedge
    scanners: list[Any] = [wedge]
    camera = _setting(ctx.db, "camera")
    if camera is not None:
        scanners.append(CameraScanner(OpenCvSource(camera)))
    elif demo:
        from drivers.scan.simulator import ImageSource

        tokens_file = ctx.data_dir / "demo" / "tokens.json"
        manifest = json.loads((ctx.data_dir / "demo" / "manifest.json").read_text("utf-8"))
        tokens = json.loads(tokens_file.read_text("utf-8"))
        wanted = [e["order_id"] for group in ("ready", "picked_up", "cancelled")
                  for e in manifest["orders"][group][:2]]
        shown = [tokens[o] for o in wanted if o in tokens]
        scanners.append(CameraScanner(ImageSource.from_tokens(shown, fps=5, repeat=10,
                                                              blank_between=40)))
    port = _setting(ctx.db, "serial_scanner")
    if isinstance(port, str) and port:
        scanners.append(SerialScanner(port))
    for scanner in scanners:
        scanner.start()
        ctx.on_close.append(scanner.stop)
    ctx.scanners = scanners
    ctx.devices += scanners


def _wire_sync(ctx: KioskContext) -> None:
    from sync.client.background import BackgroundSync

    background = BackgroundSync(ctx.db)
    background.start()
    ctx.on_close.append(background.stop)
    ctx.devices.append(background)


def build_context(path: Path, *, demo: bool) -> KioskContext:
    """Open the data directory and start every configured (or simulated) device."""
    from sqlalchemy import select

    from kiosk.db import open_database
    from kiosk.models import Staff, Store
    from kiosk.platform.identity import get_identity

    db = open_database(path)
    with db.reader() as s:
        has_store = s.scalars(select(Store)).first() is not None
    if not has_store and demo:
        from kiosk.cli.core import ensure_demo_store

        db.close()
        ensure_demo_store(path)
        db = open_database(path)
    with db.session() as s:
        store_id = get_identity(s).store_id
        clerk = s.scalars(select(Staff).where(Staff.role == "clerk")).first()
    ctx = KioskContext(data_dir=path, db=db, store_id=store_id, demo=demo,
                       staff_id=clerk.id if clerk and demo else None)
    for wire in (lambda: _wire_printer(ctx, demo), lambda: _wire_instruments(ctx, demo),
                 lambda: _wire_scanners(ctx, demo), lambda: _wire_sync(ctx)):
        try:
            wire()
        except Exception:  # a device that cannot start must not stop the counter
            log.exception("device wiring failed")
    return ctx


def _run_gui(args: argparse.Namespace) -> int:
    from ui.app import run_app

    ctx = build_context(data_dir(args), demo=bool(args.demo))
    try:
        return run_app(ctx, language=args.lang)
    finally:
        ctx.close()


def register(sub: Any) -> None:
    p = add_command(sub, "run", _run_gui, "start the kiosk GUI")
    p.add_argument("--demo", action="store_true", help="demo data and simulated devices")
    p.add_argument("--lang", default="zh_CN", help="UI language (zh_CN default, en for English)")


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        args = ["run", "--demo"]
    return run(args, [drivers.cli.register, sync.cli.register, register])


if __name__ == "__main__":
    sys.exit(main())
