"""The overlay page in a real browser (headless Debian chromium over DevTools): a new
reading shows up, "not connected" shows when the kiosk's overlay stops (the figure is gone,
never frozen), it recovers by itself on restart, the page is transparent under OBS's default
custom CSS, and a Local-file page opened before the kiosk starts works once it does."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from overlay_chromium import Browser, need_chromium
from PIL import Image

from drivers.overlay.server import OverlayServer
from kiosk.ports import LiveFrame

OBS_DEFAULT_CSS = "body { background-color: rgba(0, 0, 0, 0); margin: 0px auto; overflow: hidden; }"
SHOWN = "document.getElementById('value').textContent"
OFFLINE = "document.body.classList.contains('offline')"
VISIBLE = "getComputedStyle(document.getElementById('reading')).display !== 'none'"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def frame(seq: int, value: str, tone: str = "good") -> LiveFrame:
    return LiveFrame(
        seq=seq,
        title="草莓 · 批次 B1",
        value=value,
        verdict="甜度优",
        tone=tone,
        stats="n=3 · 12.4 ± 0.3 °Brix",
        code="7KQ2-M9XD",
        code_label="验真码",
        empty=False,
        labels={"not_connected": "未连接"},
    )


@pytest.fixture(autouse=True)
def _chromium() -> None:
    need_chromium()


@pytest.fixture
def overlay() -> Iterator[OverlayServer]:
    server = OverlayServer(port=free_port())
    server.start()
    yield server
    server.stop()


def add_obs_css(browser: Browser) -> None:
    browser.js(
        f"var s=document.createElement('style');s.textContent={OBS_DEFAULT_CSS!r};"
        "document.head.appendChild(s);true"
    )


def test_new_reading_offline_state_and_recovery(overlay: OverlayServer, tmp_path: Path) -> None:
    overlay.publish(frame(1, "12.8 °Brix"))
    browser = Browser(overlay.url, tmp_path / "chromium")
    try:
        browser.wait_for(f"{SHOWN} === '12.8 °Brix' && !{OFFLINE}")
        published = time.monotonic()
        overlay.publish(frame(2, "13.1 °Brix"))
        browser.wait_for(f"{SHOWN} === '13.1 °Brix'")
        print(f"new reading on the page after {1000 * (time.monotonic() - published):.0f} ms")
        add_obs_css(browser)
        shot = browser.screenshot(tmp_path / "overlay.png")
        with Image.open(shot) as img:
            rgba = img.convert("RGBA")
            assert rgba.size == (1920, 1080)
            assert (
                rgba.getpixel((5, 5))[3] == 0 and rgba.getpixel((1900, 20))[3] == 0
            )  # see-through
            assert rgba.getpixel((120, 1000))[3] > 0  # the panel is drawn
        port = overlay.port
        overlay.stop()  # the kiosk stops
        browser.wait_for(f"{OFFLINE} && !({VISIBLE})")
        assert "未连接" in browser.js("document.getElementById('status').textContent")
        restarted = OverlayServer(port=port)
        restarted.publish(frame(5, "9.4 °Brix", tone="warn"))
        restarted.start()
        try:
            browser.wait_for(f"{SHOWN} === '9.4 °Brix' && !{OFFLINE} && {VISIBLE}", timeout=15)
        finally:
            restarted.stop()
    finally:
        browser.close()


def test_local_file_page_opened_before_the_kiosk_works_once_it_starts(tmp_path: Path) -> None:
    server = OverlayServer(port=free_port())
    page = server.write_page(tmp_path / "overlay")
    browser = Browser(page.as_uri(), tmp_path / "chromium")
    try:
        browser.wait_for(f"{OFFLINE} && !({VISIBLE})")  # no kiosk yet: small "not connected"
        server.publish(frame(1, "农残 8 %", tone="good"))
        server.start()
        try:
            browser.wait_for(f"{SHOWN} === '农残 8 %' && !{OFFLINE}", timeout=15)
        finally:
            server.stop()
    finally:
        browser.close()


def test_a_frozen_kiosk_is_not_connected_not_a_frozen_value(tmp_path: Path) -> None:
    """The kiosk hangs with the connection open (no pings any more): the page must not keep
    showing the last figure as if it were live."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from drivers.overlay.page import page_html

    release = threading.Event()

    class Frozen(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.startswith("/events"):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                data = json.dumps(
                    {
                        "seq": 1,
                        "value": "12.8 °Brix",
                        "empty": False,
                        "labels": {"not_connected": "未连接"},
                    },
                    ensure_ascii=False,
                )
                self.wfile.write(f"event: frame\ndata: {data}\n\n".encode())
                self.wfile.flush()
                release.wait(30)  # then silence, connection open: a hung kiosk
                return
            body = page_html("/events").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Frozen)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    browser = Browser(f"http://127.0.0.1:{httpd.server_address[1]}/", tmp_path / "chromium")
    try:
        browser.wait_for(f"{SHOWN} === '12.8 °Brix' && !{OFFLINE}")
        browser.wait_for(f"{OFFLINE} && !({VISIBLE})", timeout=10)
    finally:
        release.set()
        browser.close()
        httpd.shutdown()
        httpd.server_close()
