"""Where the screens of issues 13-16 meet: real webcam photos through the real camera driver,
the version on screen, the overlay's status words, no F-key out of self-service."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from drivers.scan.camera import PREVIEW_WIDTH, CameraScanner
from kiosk import __version__, settings as core_settings
from kiosk.context import KioskContext
from kiosk.errors import DeviceError
from kiosk.flows.coldchain import Band, ColdChain, TempCheck, Zone
from kiosk.platform.identity import get_setting
from kiosk.ports import DeviceState, DeviceStatus
from kiosk.settings import Settings
from kiosk.version import build_id
from tests.ui.shell.conftest import CLERK, MANAGER
from tests.ui.shell.test_shell_login import tap
from ui.app import UiApp, install_translator, qt_app
from ui.checkin.screen import CheckinScreen
from ui.qt import QLabel, QLineEdit, Qt
from ui.settings.screen import SettingsScreen
from ui.words.devices import kind_word, status_sentence

MakeShell = Callable[..., UiApp]
ROOT = Path(__file__).resolve().parents[3]


class FakeFrames:
    """A FrameSource: a 1280x720 BGR test card, one frame per read, until `stop` is set."""

    description = "test camera"

    def __init__(self) -> None:
        self.frame = np.zeros((720, 1280, 3), np.uint8)
        self.frame[:, :640] = (0, 0, 255)  # left half red, right half black
        self.reads = 0
        self.gone = threading.Event()

    def open(self) -> None:
        self.gone.clear()

    def read(self) -> np.ndarray | None:
        if self.gone.is_set():
            return None
        self.reads += 1
        self.gone.wait(0.01)
        return self.frame.copy()

    def close(self) -> None: ...


def decode(data: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "not a JPEG"
    return image


def test_photos_and_preview_come_from_the_real_camera_driver(
    qtbot: QtBot, kiosk: KioskContext, make_shell: MakeShell
) -> None:
    source = FakeFrames()
    camera = CameraScanner(source, backoff_s=(0.05, 0.05))
    assert camera.take_photo() is None, "no picture before the camera runs"
    kiosk.attach_camera(camera)
    assert kiosk.take_photo is not None and kiosk.camera_preview is not None
    try:
        raised = False
        try:
            kiosk.take_photo()
        except DeviceError:
            raised = True
        assert raised, "no frame yet: the screens are told, not handed an empty photo"
        camera.start()
        qtbot.waitUntil(lambda: camera.take_photo() is not None, timeout=5000)
        data, mime = kiosk.take_photo()
        assert mime == "image/jpeg" and data[:2] == b"\xff\xd8"
        photo = decode(data)
        assert photo.shape == (720, 1280, 3)
        assert photo[360, 100][2] > 200 and photo[360, 1200].max() < 40  # the test card
        preview = kiosk.camera_preview()
        assert preview is not None and decode(preview).shape == (360, PREVIEW_WIDTH, 3)

        # a screen takes its photo through the context (check-in's damaged bag)
        ui = make_shell(login=CLERK)
        screen = ui.window.screens["checkin"]
        assert isinstance(screen, CheckinScreen)
        got = screen._photo("O-1", "torn bag")
        assert got is not None and decode(bytes(got.data)).shape == (720, 1280, 3)

        source.gone.set()  # unplugged: no stale picture is handed out
        qtbot.waitUntil(lambda: camera.take_photo() is None, timeout=5000)
    finally:
        source.gone.set()
        camera.stop()


def test_main_wires_a_configured_camera_for_photos_and_not_without_one(kiosk: KioskContext) -> None:
    import main

    kiosk.settings = Settings(camera="7", camera_preview=False)
    main._wire_scanners(kiosk, demo=False)
    try:
        assert kiosk.take_photo is not None and kiosk.camera_preview is None
    finally:
        kiosk.close()
    bare = KioskContext(data_dir=kiosk.data_dir, db=kiosk.db)
    bare.settings = Settings()
    main._wire_scanners(bare, demo=False)
    assert bare.take_photo is None and bare.camera_preview is None
    for stop in bare.on_close:
        stop()


def test_the_version_and_build_are_on_screen_and_translated(
    qtbot: QtBot, make_shell: MakeShell
) -> None:
    ui = make_shell(login=CLERK, language="zh_CN")
    label = ui.window.findChild(QLabel, "statusVersion")
    assert label is not None and label.isVisible()
    text = label.text()
    assert __version__ in text and build_id() in text and "版本" in text
    assert __version__ in ui.window.toolTip() and build_id() in ui.window.toolTip()


def test_every_status_code_a_driver_sets_has_words_in_chinese(qtbot: QtBot) -> None:
    """A code with no sentence is worded by its bare state: the overlay's said only "working"."""
    codes = set()
    for path in (ROOT / "drivers").rglob("*.py"):
        codes |= set(re.findall(r'code="([a-z_]+)"', path.read_text("utf-8")))
    assert {"overlay_listening", "overlay_port_busy"} <= codes
    install_translator(qt_app(), "zh_CN")
    try:
        for code in sorted(codes):
            status = DeviceStatus(
                "x",
                DeviceState.ONLINE,
                "",
                code=code,
                params={"url": "http://127.0.0.1:8790/", "clients": 2, "port": 8790, "waiting": 1},
            )
            sentence = status_sentence(status)
            assert sentence != status_sentence(DeviceStatus("x", DeviceState.ONLINE, "")), code
            assert "{" not in sentence, (code, sentence)
            assert re.search(r"[\u4e00-\u9fff]", sentence), (code, sentence)
        busy = status_sentence(
            DeviceStatus(
                "x", DeviceState.ERROR, "", code="overlay_port_busy", params={"port": 8790}
            )
        )
        assert "8790" in busy
        assert re.search(r"[\u4e00-\u9fff]", kind_word("overlay"))
    finally:
        install_translator(qt_app(), "en")


FKEYS = [getattr(Qt.Key, f"Key_F{n}") for n in range(1, 13)]


def test_no_function_key_leaves_self_service(
    qtbot: QtBot, kiosk: KioskContext, make_shell: MakeShell
) -> None:
    shown: list[int] = []
    kiosk.demo_show_code = lambda: shown.append(1)  # F12 is bound too
    ui = make_shell(settings=Settings(self_service=True), login=CLERK)
    window = ui.window
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 5000)
    qtbot.waitUntil(lambda: window.current_id == "pickup", timeout=5000)
    for key in FKEYS:  # through the window system's queue and the shortcut map, like a keyboard
        QTest.keyClick(window.windowHandle(), key)
        assert window.current_id == "pickup", f"F{FKEYS.index(key) + 1} left self-service"
        assert window.nav.isHidden()
        assert window.stack.currentWidget() is window.screens["pickup"]
    qtbot.waitUntil(lambda: shown == [1], timeout=5000)  # the keys really reached the window

    # the same keys do move a counter without self-service (the test can fail)
    window.ctx.settings = Settings()
    window.apply_self_service()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F2)
    assert window.current_id == "checkin"


def _settings_screen(qtbot: QtBot, ui: UiApp) -> SettingsScreen:
    assert ui.window.show_screen("settings")
    screen = ui.window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    return screen


def _type(screen: SettingsScreen, name: str, text: str) -> None:
    editor = screen.editors[name]
    assert isinstance(editor, QLineEdit), name
    editor.setText(text)


def test_cold_chain_bins_and_overlay_are_settings_refused_in_words_and_copied_to_the_core(
    qtbot: QtBot, make_shell: MakeShell
) -> None:
    ui = make_shell(login=MANAGER, language="zh_CN")
    screen = _settings_screen(qtbot, ui)
    _type(screen, "chilled_min_c", "9")  # above the highest (8): not a band
    _type(screen, "bin_capacity", "0")
    _type(screen, "overlay_host", "http://0.0.0.0")
    tap(qtbot, screen.save_button)
    shown = {n: lab.text() for n, lab in screen.problem_labels.items() if not lab.isHidden()}
    assert set(shown) == {"chilled_max_c", "bin_capacity", "overlay_host"}, shown
    assert "1 到 100" in shown["bin_capacity"] and "http://" in shown["overlay_host"]
    assert all(re.search(r"[\u4e00-\u9fff]", t) and "band" not in t for t in shown.values())
    _type(screen, "overlay_host", "0.0.0.0")  # the shop's network, but no token
    _type(screen, "chilled_min_c", "1")
    _type(screen, "bin_capacity", "4")
    tap(qtbot, screen.save_button)
    shown = {n: lab.text() for n, lab in screen.problem_labels.items() if not lab.isHidden()}
    assert set(shown) == {"overlay_token"}, shown
    assert not core_settings.path_in(ui.ctx.kiosk.data_dir).exists(), "nothing written"

    seen: list[object] = []
    ui.ctx.hooks.settings_did_change.connect(seen.append)
    _type(screen, "overlay_token", "a-long-random-word")
    _type(screen, "overlay_port", "8791")
    _type(screen, "frozen_max_c", "-18")
    tap(qtbot, screen.save_button)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    loaded, problems = core_settings.load(ui.ctx.kiosk.data_dir)
    assert problems == []
    assert (loaded.chilled_min_c, loaded.chilled_max_c, loaded.frozen_max_c) == (1.0, 8.0, -18.0)
    assert (
        loaded.bin_capacity,
        loaded.overlay_host,
        loaded.overlay_port,
        loaded.overlay_token,
    ) == (4, "0.0.0.0", 8791, "a-long-random-word")
    text = core_settings.path_in(ui.ctx.kiosk.data_dir).read_text("utf-8")
    assert "[checkin]" in text and "[overlay]" in text
    with ui.ctx.kiosk.db.reader() as s:  # where the check-in desk reads them
        assert get_setting(s, "bin_capacity") == 4
        chain = ColdChain.from_setting(get_setting(s, "cold_chain"))
    assert (chain.band(Zone.CHILLED), chain.band(Zone.FROZEN)) == (
        Band(Zone.CHILLED, 1.0, 8.0),
        Band(Zone.FROZEN, -30.0, -18.0),
    )
    assert chain.check(Zone.CHILLED, 0.5) is TempCheck.TOO_COLD


def test_main_starts_the_overlay_at_the_settings_address(
    kiosk: KioskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    import main

    for name in ("HOST", "PORT", "TOKEN"):
        monkeypatch.delenv(f"LINLI_OVERLAY_{name}", raising=False)
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    kiosk.settings = Settings(overlay_port=port, overlay_token="t0ken")
    main._wire_overlay(kiosk)
    try:
        overlay = kiosk.slots[-1].device
        assert kiosk.slots[-1].kind == "overlay"
        assert (overlay.port, overlay.token) == (port, "t0ken")  # type: ignore[attr-defined]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    finally:
        for stop in kiosk.on_close:
            stop()
