"""The only module that imports all four packages: builds the real database, drivers and sync
client, hands them to the UI and assembles the one `kiosk` command.

Settings: `<data dir>/settings.toml` (kiosk.settings; edited on the settings screen): printer
URI/paper/Chinese mode, instruments, camera, serial scanner, scanner timing, server. The old
settings-table keys (`printer`, `instruments`, `camera`, `serial_scanner`) still count where
the TOML leaves a device unset. With `--demo`, or when nothing is configured, the kiosk uses
demo data and simulated devices: pseudo-terminal instruments, a virtual network printer and a
camera that shows a demo pickup code only when asked (F12 / the demo button).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.cli import Registrar, add_command, data_dir, run
from kiosk.context import KioskContext
from kiosk.db import Database

log = logging.getLogger("linli")


def _setting(db: Database, key: str) -> Any:
    from kiosk.platform.identity import get_setting

    with db.reader() as s:
        return get_setting(s, key)


def _devices(settings: Any, db: Database | None) -> Any:
    """The devices to start (kiosk.settings.device_settings): settings.toml, else the old
    settings-table keys of the ledger `db`. The GUI wires and `kiosk doctor` probes these."""
    from kiosk.settings import LEGACY_DEVICE_KEYS, device_settings

    legacy: dict[str, Any] = {}
    if db is not None:
        try:
            legacy = {k: _setting(db, k) for k in LEGACY_DEVICE_KEYS}
        except Exception:  # a damaged ledger: settings.toml alone
            legacy = {}
    return device_settings(settings, legacy)


def _board_of(device: Any) -> Any:
    """How the status bar hears about a device's changes (its StatusBoard's listener)."""
    listen = getattr(device, "add_status_listener", None)
    if callable(listen):
        return listen
    board = getattr(device, "board", None) or getattr(device, "_board", None)
    return getattr(board, "add_listener", None)


def _instrument_kind(name: object) -> str:
    """The status bar's slot for an instrument: a scale, or another instrument."""
    return "scale" if "scale" in str(name).lower() else "instrument"


def _slot(ctx: KioskContext, kind: str, device: Any) -> None:
    from kiosk.context import DeviceSlot

    ctx.devices.append(device)
    ctx.slots.append(DeviceSlot(kind, device, _board_of(device)))


def _wire_printer(ctx: KioskContext, demo: bool, dev: Any = None) -> None:
    from kiosk.ports import CjkMode, PaperWidth, PrintOptions

    dev = _devices(ctx.settings, ctx.db) if dev is None else dev
    if dev.printer_uri:
        uri = dev.printer_uri
        options = PrintOptions(paper=PaperWidth(dev.printer_paper), cjk=CjkMode(dev.printer_cjk))
    elif demo:
        from drivers.printer.virtual import VirtualPrinter

        virtual = VirtualPrinter(0, ctx.data_dir / "virtual-printer", PaperWidth.MM80).start()
        ctx.on_close.append(virtual.stop)
        uri, options = virtual.uri, PrintOptions(paper=PaperWidth.MM80)
    else:
        return  # no printer: escpos is not even imported (cold start)
    from drivers.printer.device import EscposPrinter
    from kiosk.printing.queue import PrintDispatcher, PrintQueue, SlipQueue

    printer = EscposPrinter(uri, options, name="Receipt printer")
    queue = PrintQueue(ctx.db)
    dispatcher = PrintDispatcher(queue, printer)
    dispatcher.start()
    ctx.on_close.append(dispatcher.stop)
    ctx.receipts = SlipQueue(queue, dispatcher.board)
    _slot(ctx, "printer", printer)
    _slot(ctx, "print_queue", dispatcher)


def _wire_instruments(ctx: KioskContext, demo: bool, dev: Any = None) -> None:
    conf = list((_devices(ctx.settings, ctx.db) if dev is None else dev).instruments)
    if conf:
        from drivers.instruments.config import InstrumentConfig, build_worker

        for item in conf:
            worker = build_worker(InstrumentConfig.from_json(item))
            worker.start()
            ctx.on_close.append(worker.stop)
            _slot(
                ctx,
                _instrument_kind(item.get("name", "")),
                worker,
            )
    elif demo:
        from drivers.instruments.demo import DemoInstruments

        (ctx.data_dir / "sim-ports").mkdir(exist_ok=True)
        sims = DemoInstruments(ctx.data_dir / "sim-ports")
        for name, worker in sims.start().items():
            _slot(ctx, _instrument_kind(name), worker)
        ctx.on_close.append(sims.stop)


def _demo_camera(ctx: KioskContext) -> Any:
    """The demo camera shows a code only when asked (ctx.demo_show_code)."""
    from drivers.scan.camera import CameraScanner
    from drivers.scan.simulator import OnDemandSource

    manifest = json.loads((ctx.data_dir / "demo" / "manifest.json").read_text("utf-8"))
    tokens = json.loads((ctx.data_dir / "demo" / "tokens.json").read_text("utf-8"))
    wanted = [
        e["order_id"]
        for group in ("ready", "picked_up", "cancelled")
        for e in manifest["orders"][group][:2]
    ]
    source = OnDemandSource([tokens[o] for o in wanted if o in tokens])
    ctx.demo_show_code = source.show_next
    return CameraScanner(source)


def _wire_scanners(ctx: KioskContext, demo: bool, dev: Any = None) -> None:
    from drivers.scan.wedge import KeyboardWedgeScanner, WedgeConfig

    settings = ctx.settings
    wedge = KeyboardWedgeScanner(
        WedgeConfig(
            max_gap_ms=float(settings.scanner_max_gap_ms),
            min_length=settings.scanner_min_length,
            duplicate_window_s=settings.scanner_duplicate_window_s,
        )
    )
    ctx.key_feed = wedge
    scanners: list[tuple[str, Any]] = [("scanner", wedge)]
    dev = _devices(settings, ctx.db) if dev is None else dev
    if dev.camera is not None:
        from drivers.scan.camera import CameraScanner, OpenCvSource

        real = CameraScanner(OpenCvSource(dev.camera))
        ctx.attach_camera(real, preview=settings.camera_preview)  # photos + self-service picture
        scanners.append(("camera", real))
    elif demo:
        scanners.append(("camera", _demo_camera(ctx)))
    if dev.serial_scanner_port:
        from drivers.scan.serial_scanner import SerialScanner

        scanners.append(("scanner", SerialScanner(dev.serial_scanner_port)))
    for kind, scanner in scanners:
        scanner.start()
        ctx.on_close.append(scanner.stop)
        _slot(ctx, kind, scanner)
    ctx.scanners = [scanner for _kind, scanner in scanners]


class _SyncSlot:
    """The sync chip's status before the sync client is loaded: the client (and `requests`)
    is imported and started after the first screen is up (KioskContext.after_start), and its
    board's changes are mirrored here."""

    def __init__(self) -> None:
        from kiosk.ports import DeviceState, StatusBoard

        self.board = StatusBoard("sync", DeviceState.DISABLED, "not started")
        self.background: Any = None
        self._lock = threading.Lock()

    def status(self) -> Any:
        return self.board.current

    def mirror(self, status: Any) -> None:
        self.board.set(
            status.state,
            status.message,
            error=status.last_error,
            code=status.code,
            params=status.params,
        )

    def start(self, db: Database) -> Any:
        with self._lock:
            if self.background is None:
                from sync.client.background import BackgroundSync

                self.background = BackgroundSync(db)
                self.background.board.add_listener(self.mirror)
                self.background.start()
                self.mirror(self.background.status())
            return self.background

    def restart(self, db: Database) -> None:
        """Stop and start the loop: its first round runs at once."""
        background = self.start(db)
        background.stop()
        background.start()
        self.mirror(background.status())

    def stop(self) -> None:
        with self._lock:
            if self.background is not None:
                self.background.stop()


def _wire_sync(ctx: KioskContext) -> None:
    slot = _SyncSlot()
    _slot(ctx, "sync", slot)
    ctx.after_start.append(lambda: slot.start(ctx.db))
    ctx.on_close.append(slot.stop)

    def enroll(server_url: str, code: str) -> Any:
        from sync.client.setup import enroll_kiosk

        enrollment = enroll_kiosk(ctx.db, server_url, code)
        slot.restart(ctx.db)  # now enrolled: the loop runs
        return enrollment

    ctx.enroll = enroll

    def sync_now() -> None:
        """The sync page's "sync now": restart the loop, whose first round runs at once."""
        slot.restart(ctx.db)

    ctx.sync_now = sync_now


def _wire_overlay(ctx: KioskContext) -> None:
    """The OBS overlay (live test mode) at settings.toml's [overlay] host, port and token
    (127.0.0.1:8790 by default; the settings screen refuses a LAN address without a token);
    LINLI_OVERLAY_HOST/PORT/TOKEN, when set, override them (tests, a one-off run). A
    Local-file copy of the page in <data dir>/overlay/ for an OBS started before the kiosk
    (docs/obs.md)."""
    import os

    from drivers.overlay.server import OverlayServer

    settings = ctx.settings

    def pick(name: str) -> Any:
        return os.environ.get(f"LINLI_OVERLAY_{name.upper()}") or getattr(
            settings, f"overlay_{name}"
        )

    overlay = OverlayServer(str(pick("host")), int(pick("port")), token=pick("token") or None)
    _slot(ctx, "overlay", overlay)
    overlay.write_page(ctx.data_dir / "overlay")
    overlay.start()
    ctx.on_close.append(overlay.stop)


def _demo_pins(ctx: KioskContext) -> dict[str, str]:
    """Demo PINs, shown on the login screen and printed: kept in demo/pins.json; a demo
    store made before that file existed gets fresh PINs for its staff."""
    from sqlalchemy import select

    from kiosk.models import Staff
    from kiosk.staff import hash_pin

    path = ctx.data_dir / "demo" / "pins.json"
    if path.is_file():
        pins = json.loads(path.read_text("utf-8"))
        if isinstance(pins, dict):
            return {str(k): str(v) for k, v in pins.items()}
    pins = {}
    with ctx.db.session() as s:
        for number, staff in enumerate(s.scalars(select(Staff).order_by(Staff.id)), start=1):
            pins[staff.id] = f"{number}{number}{number}{number}"
            staff.pin_hash = hash_pin(pins[staff.id])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(pins, ensure_ascii=False), "utf-8")
    return pins


def build_context(path: Path, *, demo: bool) -> KioskContext:
    """Open the data directory and start every configured (or simulated) device."""
    from sqlalchemy import select

    from kiosk.db import open_database
    from kiosk.models import Staff, Store
    from kiosk.ops.integrity import check_at_start
    from kiosk.ops.runtime import start_operations
    from kiosk.platform.identity import get_identity
    from kiosk.settings import apply_to_ledger, load as load_settings

    check_at_start(path)  # a damaged ledger is never opened (or recreated) silently
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
    settings, problems = load_settings(path)
    for problem in problems:
        log.warning(
            "settings.toml: %s %s %s (the default is used)",
            problem.code,
            problem.field,
            dict(problem.params),
        )
    with db.session() as s:
        apply_to_ledger(s, settings)
    ctx = KioskContext(
        data_dir=path,
        db=db,
        store_id=store_id,
        demo=demo,
        settings=settings,
        staff_id=clerk.id if clerk and demo else None,
    )
    if demo:
        ctx.demo_pins = _demo_pins(ctx)
        print("demo PINs: " + ", ".join(f"{k} {v}" for k, v in ctx.demo_pins.items()))
    try:  # read once for the printer, instruments and scanners
        dev = _devices(settings, db)
    except Exception:  # each wiring below then fails (and is logged) on its own
        dev = None
    for wire in (
        lambda: _wire_printer(ctx, demo, dev),
        lambda: _wire_instruments(ctx, demo, dev),
        lambda: _wire_scanners(ctx, demo, dev),
        lambda: _wire_sync(ctx),
        lambda: _wire_overlay(ctx),
    ):
        try:
            wire()
        except Exception:  # a device that cannot start must not stop the counter
            log.exception("device wiring failed")
    start_operations(ctx, clock=lambda: _clock_probe(_sync_url(ctx.db)))  # logs, backups, clock
    return ctx


def _doctor_probes(path: Path) -> Any:
    """`kiosk doctor`'s probes of the configured devices, the platform's clock and zbar."""
    from kiosk.db import DB_FILENAME
    from kiosk.ops.doctor import DeviceProbe, DoctorProbes, Finding
    from kiosk.settings import load as load_settings

    def zbar() -> Finding:
        from drivers.scan.backends import load_pyzbar

        if load_pyzbar() is not None:
            return Finding("zbar", True, "The ZBar library (second QR decoder) is installed.")
        return Finding(
            "zbar",
            False,
            "The ZBar library is missing (the second QR decoder).",
            "On Debian: apt-get install libzbar0 (the Windows build bundles it).",
        )

    probes = DoctorProbes(extra=[zbar])
    settings = load_settings(path)[0]  # the GUI's devices: settings.toml, then the old keys
    url: str | None = None
    db: Database | None = None
    try:
        if (path / DB_FILENAME).is_file():
            db = Database(path / DB_FILENAME, migrate=False)
            url = _sync_url(db)
    except Exception:  # a damaged ledger: the database finding says so
        url = None
    try:
        dev = _devices(settings, db)  # a damaged ledger: settings.toml alone
    finally:
        if db is not None:
            db.close()
    devices: list[DeviceProbe] = []
    if dev.printer_uri:
        devices.append(
            DeviceProbe(
                "printer", _printer_probe(dev.printer_uri, dev.printer_paper, dev.printer_cjk)
            )
        )
    for item in dev.instruments:
        from drivers.instruments.config import InstrumentConfig, build_worker

        worker = build_worker(InstrumentConfig.from_json(item))
        worker.start()
        devices.append(
            DeviceProbe(
                _instrument_kind(worker.status().name),
                worker.status,
                worker.stop,
            )
        )
    if dev.camera is not None:
        from drivers.scan.camera import CameraScanner, OpenCvSource

        cam = CameraScanner(OpenCvSource(dev.camera))
        cam.start()
        devices.append(DeviceProbe("camera", cam.status, cam.stop))
    probes.devices = devices
    if url:
        probes.clock = lambda: _clock_probe(url)
    return probes


def _sync_url(db: Database) -> str | None:
    from kiosk.platform.sync_status import SERVER_URL, get_state

    with db.reader() as s:
        return get_state(s, SERVER_URL)


def _printer_probe(uri: str, paper: int = 80, cjk: str = "native") -> Any:
    from drivers.printer.device import EscposPrinter
    from kiosk.errors import DeviceError
    from kiosk.ports import CjkMode, DeviceState, DeviceStatus, PaperWidth, PrintOptions

    options = PrintOptions(paper=PaperWidth(paper), cjk=CjkMode(cjk))
    printer = EscposPrinter(uri, options, name="Receipt printer")

    def probe() -> DeviceStatus:
        try:
            printer.query_paper()
        except DeviceError as exc:
            return DeviceStatus(printer.status().name, DeviceState.OFFLINE, str(exc))
        return printer.status()

    return probe


def _clock_probe(url: str | None) -> Any:
    """The platform's clock from its `Date` header (GET /api/v1/health): a ClockOffset."""
    import os

    import requests

    from kiosk.errors import SyncError, SyncErrorKind
    from kiosk.ops.clock import offset_from_date
    from kiosk.ports import utcnow

    if not url:
        raise SyncError(SyncErrorKind.NOT_ENROLLED, "not enrolled: no platform to compare with")
    sent = utcnow()
    try:
        r = requests.get(
            url.rstrip("/") + "/api/v1/health",
            timeout=5,
            verify=os.environ.get("LINLI_SYNC_CA") or True,
        )
        return offset_from_date(r.headers["Date"], sent, utcnow())
    except (requests.RequestException, KeyError, ValueError) as exc:
        raise SyncError(SyncErrorKind.NETWORK, f"platform not reachable ({exc})") from exc


class _QuitDamaged(Exception):
    """The person chose to quit at the damaged-ledger dialog (nothing was created)."""


def build_or_recover(path: Path, *, demo: bool, ask: Any) -> KioskContext:
    """build_context; a damaged ledger is put to a person (`ask(error) -> bool`: the
    damaged-ledger dialog, which restores the newest good backup) and the start is tried
    again on the restored ledger, or given up (raises _QuitDamaged). Never recreated."""
    from kiosk.ops.integrity import LedgerDamaged

    while True:
        try:
            return build_context(path, demo=demo)
        except LedgerDamaged as exc:
            if not ask(exc):
                raise _QuitDamaged(str(exc)) from exc


def _run_gui(args: argparse.Namespace) -> int:
    from ui.app import install_translator, qt_app, run_single

    path = data_dir(args)

    def ask(exc: Any) -> bool:
        from kiosk.settings import load as load_settings
        from ui.shell.damaged import recover_or_quit

        install_translator(qt_app(), args.lang or load_settings(path)[0].language)
        return recover_or_quit(exc)

    try:
        return run_single(
            path, lambda: build_or_recover(path, demo=bool(args.demo), ask=ask), language=args.lang
        )
    except _QuitDamaged as exc:
        print(exc, file=sys.stderr)
        return 1


def register(sub: Any) -> None:
    p = add_command(sub, "run", _run_gui, "start the kiosk GUI")
    p.add_argument("--demo", action="store_true", help="demo data and simulated devices")
    p.add_argument(
        "--lang", default=None, help="UI language (zh_CN or en; default: the settings, zh_CN)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        args = ["run", "--demo"]
    if args[0] in ("--version", "version"):
        from kiosk.version import version_line

        print(version_line())
        return 0
    return run(args, _registrars(args))


def _command_of(args: Sequence[str]) -> str | None:
    """The command word; the global options (--data-dir DIR, --json) may come first."""
    i = 0
    while i < len(args):
        if args[i] == "--data-dir":
            i += 2
        elif args[i].startswith("-"):
            i += 1
        else:
            return args[i]
    return None


def _registrars(args: Sequence[str]) -> list[Registrar]:
    """`kiosk run` starts the counter without importing every other command's libraries
    (escpos, the QR decoders, the doctor, the sync CLI): part of the cold start budget."""
    if _command_of(args) == "run":
        return [register]
    import drivers.cli
    import sync.cli
    from kiosk.cli.ops import registrar as ops_registrar

    return [drivers.cli.register, sync.cli.register, ops_registrar(_doctor_probes), register]


if __name__ == "__main__":
    sys.exit(main())
