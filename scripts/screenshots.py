"""`make screenshots`: every registered screen and state at 1366×768 and 1920×1080, in
Simplified Chinese and English, to docs/screenshots/<lang>-<w>x<h>-<name>.png.

Each run works on a fresh copy of a demo store (the states confirm pickups, check in
bags...). The shell's own states (login, lockout, settings with problems, status detail) are
here; a screen package adds its states with `screenshot_states(ctx) -> [(name, setup)]` in
`ui/<package>/shots.py` (or its `__init__`); `setup(screen)` drives the shown screen.
Runs offscreen: `QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--only NAME]`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LINLI_FAST_PIN_HASH", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.context import DeviceSlot, KioskContext  # noqa: E402
from kiosk.db import DB_FILENAME, Database  # noqa: E402
from kiosk.ports import DeviceState, DeviceStatus, StatusBoard  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from ui.app import UiApp, qt_app  # noqa: E402
from ui.qt import QApplication, QPainter  # noqa: E402
from ui.screen import Screen  # noqa: E402
from ui.shell.window import ShellWindow  # noqa: E402

SIZES = ((1366, 768), (1920, 1080))
LANGUAGES = ("zh_CN", "en")
OUT = ROOT / "docs" / "screenshots"
PINS = {"S-001": "1111", "S-002": "2222", "S-003": "3333", "S-004": "4444"}
Setup = Callable[[Any], None]


class ShotDevice:
    """A device frozen in one state, for the status bar in the pictures."""

    def __init__(self, name: str, state: DeviceState, code: str) -> None:
        self.board = StatusBoard(name, state)
        self.board.set(state, "", code=code)

    def status(self) -> DeviceStatus:
        return self.board.current


def settle(seconds: float = 0.4) -> None:
    """Let background tasks finish and the window paint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def demo_template(where: Path) -> Path:
    from kiosk.cli.core import ensure_demo_store
    from kiosk.db import open_database
    from kiosk.models import Staff
    from kiosk.staff import hash_pin

    path = where / "template"
    ensure_demo_store(path)
    db = open_database(path)
    with db.session() as s:
        for staff_id, pin in PINS.items():
            staff = s.get(Staff, staff_id)
            if staff is not None:
                staff.pin_hash = hash_pin(pin)
    db.close()
    (path / "demo" / "pins.json").write_text(
        "{" + ", ".join(f'"{k}": "{v}"' for k, v in PINS.items()) + "}", "utf-8"
    )
    return path


def kiosk_context(data: Path) -> KioskContext:
    from kiosk.platform.identity import get_identity

    db = Database(data / DB_FILENAME, migrate=False)
    with db.session() as s:
        store_id = get_identity(s).store_id
    ctx = KioskContext(
        data_dir=data, db=db, store_id=store_id, demo=True, staff_id="S-002", demo_pins=dict(PINS)
    )
    devices = [
        ("printer", ShotDevice("Receipt printer", DeviceState.ONLINE, "printer_ready")),
        ("print_queue", ShotDevice("print-queue", DeviceState.ONLINE, "slips_done")),
        ("scanner", ShotDevice("Keyboard scanner", DeviceState.ONLINE, "listening")),
        ("camera", ShotDevice("Camera", DeviceState.ONLINE, "camera_on")),
        ("scale", ShotDevice("scale", DeviceState.WAITING, "instrument_waiting")),
    ]
    ctx.slots = [DeviceSlot(kind, dev, dev.board.add_listener) for kind, dev in devices]
    ctx.devices = [dev for _kind, dev in devices]
    ctx.demo_show_code = lambda: None
    return ctx


def package_states(screen: Screen, ctx: Any) -> list[tuple[str, Setup]]:
    """The screen package's own states, if it offers them."""
    package = type(screen).__module__.rsplit(".", 1)[0]
    for name in (f"{package}.shots", package):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        states = getattr(module, "screenshot_states", None)
        if callable(states):
            return list(states(ctx))
    return []


def shell_states(window: ShellWindow) -> Iterator[tuple[str, Callable[[], None]]]:
    """The shell's own pictures, each set up on the live window."""

    def login() -> None:
        window.lock()
        settle(0.6)

    def login_pin() -> None:
        window.lock()
        settle(0.6)
        cards = [c for c in window.login.panel.cards if c.staff_id == "S-001"]
        if cards:
            window.login.panel.select(cards[0])
            window.login.panel.pad.field.setText("12")

    def lockout() -> None:
        from kiosk.session import LoginResult
        from ui.shell.words import login_message

        login_pin()
        window.login.panel.pad.clear()
        window.login.panel.message.setText(
            login_message(LoginResult("locked", params={"minutes": 5}))
        )

    yield "login", login
    yield "login-pin", login_pin
    yield "login-lockout", lockout


def grab(window: ShellWindow, lang: str, size: tuple[int, int], name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{lang}-{size[0]}x{size[1]}-{name}.png"
    settle(0.15)
    window.grab().save(str(path))
    return path


def run_one(
    template: Path, scratch: Path, lang: str, size: tuple[int, int], only: str | None
) -> list[Path]:
    data = scratch / f"{lang}-{size[0]}"
    shutil.copytree(template, data)
    kiosk = kiosk_context(data)
    ui = UiApp(kiosk, qt_app(), settings=Settings(language=lang, idle_lock_min=0), language=lang)
    window = ui.window
    window.resize(*size)
    window.show()
    settle(0.8)
    written: list[Path] = []

    def wanted(name: str) -> bool:
        return only is None or only in name

    try:
        for screen_id, screen in list(window.screens.items()):
            if not window.show_screen(screen_id):
                continue
            settle()
            if wanted(screen_id):
                written.append(grab(window, lang, size, screen_id))
            for state, setup in package_states(screen, ui.ctx):
                name = state if state.startswith(f"{screen_id}-") else f"{screen_id}-{state}"
                if not wanted(name):
                    continue
                window.show_screen(screen_id)
                try:
                    setup(screen)
                except Exception as exc:  # one broken state must not lose the others
                    print(f"  {name}: setup failed: {exc!r}", file=sys.stderr)
                    continue
                settle()
                written.append(grab(window, lang, size, name))
        if wanted("settings-problems") and window.show_screen("settings"):
            settings = window.screens["settings"]
            editor = getattr(settings, "editors", {}).get("printer_uri")
            if editor is not None:
                editor.setText("lpt1")
                settings.save()  # type: ignore[attr-defined]
                written.append(grab(window, lang, size, "settings-problems"))
                settings.load()  # type: ignore[attr-defined]
        if wanted("status-detail") and window.show_screen("pickup"):
            settle()
            window.status_bar.show_detail("sync")
            settle(0.3)
            path = OUT / f"{lang}-{size[0]}x{size[1]}-status-detail.png"
            detail = window.status_bar.detail
            shot = window.grab()  # the popup is its own window: paint it onto the picture
            painter = QPainter(shot)
            painter.drawPixmap(window.mapFromGlobal(detail.pos()), detail.grab())
            painter.end()
            shot.save(str(path))
            detail.hide()
            written.append(path)
        for name, setup in shell_states(window):
            if wanted(name):
                setup()
                written.append(grab(window, lang, size, name))
    finally:
        window.allow_close = True
        ui.shutdown()
        window.close()
        window.deleteLater()
        settle(0.1)
        kiosk.db.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only the pictures whose name contains this")
    parser.add_argument("--lang", choices=LANGUAGES, help="one language only")
    args = parser.parse_args(argv)
    qt_app()
    scratch = Path(tempfile.mkdtemp(prefix="linli-shots."))
    try:
        template = demo_template(scratch)
        total: list[Path] = []
        for lang in (args.lang,) if args.lang else LANGUAGES:
            for size in SIZES:
                written = run_one(template, scratch, lang, size, args.only)
                print(f"{lang} {size[0]}x{size[1]}: {len(written)} pictures")
                total += written
        print(f"{len(total)} pictures in {OUT.relative_to(ROOT)}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
