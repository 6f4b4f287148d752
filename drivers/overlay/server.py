"""The OBS overlay as an output device behind a port (kiosk.ports.LiveOutput): a small HTTP
server (stdlib, one thread per connection) serving the overlay page and a server-sent events
stream of LiveFrames.

- 127.0.0.1 by default; any other address (the streaming PC is another machine) needs a
  token, given as `?token=` on the page and the stream (403 otherwise);
- every answer is `Cache-Control: no-store` (OBS's browser caches hard otherwise);
- the stream sends `retry: 1000`, the current frame at once, then every new frame, and a
  ping every PING_S so the page can tell a live stream from a dead one.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import threading
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from drivers.overlay.page import page_html
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.ports import DeviceState, DeviceStatus, LiveFrame, StatusBoard

log = logging.getLogger(__name__)
DEFAULT_PORT = 8790
PING_S = 1.0
PAGE_FILE = "linli-overlay.html"


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class OverlayServer:
    """start() binds (DeviceError when the port is taken or a LAN address has no token);
    publish() hands a frame to every connected page; stop() ends every stream."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        *,
        token: str | None = None,
        name: str = "OBS overlay",
    ) -> None:
        if not is_loopback(host) and not token:
            raise DeviceError(
                DeviceErrorKind.CONFIG,
                f"The overlay on {host} can be reached from "
                "other machines: set a token for it (overlay_token).",
            )
        self.host, self.port, self.token = host, port, token or None
        self.board = StatusBoard(name, DeviceState.DISABLED, "Not started.")
        self._cond = threading.Condition()
        self._frame = LiveFrame(seq=0)
        self._clients = 0
        self._stopping = False
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- the LiveOutput port ------------------------------------------------------------
    def status(self) -> DeviceStatus:
        return self.board.current

    @property
    def url(self) -> str:
        query = f"?token={quote(self.token)}" if self.token else ""
        return f"http://{self.host}:{self.port}/{query}"

    @property
    def events_url(self) -> str:
        query = f"?token={quote(self.token)}" if self.token else ""
        return f"http://{self.host}:{self.port}/events{query}"

    def publish(self, frame: LiveFrame) -> None:
        with self._cond:
            self._frame = frame
            self._cond.notify_all()

    @property
    def clients(self) -> int:
        with self._cond:
            return self._clients

    def start(self) -> None:
        if self._httpd is not None:
            return
        self._stopping = False
        try:
            httpd = _Server((self.host, self.port), _Handler)
        except OSError as exc:
            self.board.set(
                DeviceState.ERROR,
                f"Cannot open the overlay on {self.host}:{self.port} "
                f"({exc.strerror or exc}); is another kiosk running?",
                error=str(exc),
                code="overlay_port_busy",
                params={"port": self.port},
            )
            raise DeviceError(
                DeviceErrorKind.CONFIG, f"The overlay port {self.port} is busy."
            ) from exc
        httpd.overlay = self
        self.port = int(httpd.server_address[1])
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.2},
            name="overlay-http",
            daemon=True,
        )
        self._thread.start()
        self._show()

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(5)
        self.board.set(DeviceState.DISABLED, "Stopped.")

    def write_page(self, folder: Path) -> Path:
        """The Local-file copy for OBS (works when OBS starts before the kiosk)."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / PAGE_FILE
        path.write_text(page_html(self.events_url), "utf-8")
        return path

    # --- for the handler ----------------------------------------------------------------
    def allowed(self, query: str) -> bool:
        if self.token is None:
            return True
        given = parse_qs(query).get("token", [""])[0]
        return hmac.compare_digest(given.encode(), self.token.encode())

    def frames(self, handler: _Handler) -> None:
        """Stream frames to one page until it goes away or the server stops."""
        with self._cond:
            self._clients += 1
        self._show()
        try:
            sent = -1
            handler.wfile.write(b"retry: 1000\n\n")
            while True:
                with self._cond:
                    if self._frame.seq == sent and not self._stopping:
                        self._cond.wait(PING_S)
                    if self._stopping:
                        return
                    frame = self._frame
                if frame.seq != sent:
                    data = json.dumps(asdict(frame), ensure_ascii=False, default=dict)
                    handler.wfile.write(f"event: frame\ndata: {data}\n\n".encode())
                    sent = frame.seq
                else:
                    handler.wfile.write(b"event: ping\ndata: {}\n\n")
                handler.wfile.flush()
        except OSError:  # the page went away (BrokenPipe, ConnectionReset)
            return
        finally:
            with self._cond:
                self._clients -= 1
            self._show()

    def _show(self) -> None:
        if self._httpd is None:
            return
        n = self.clients
        self.board.set(
            DeviceState.ONLINE,
            f"Overlay on {self.url}; {n} page(s) connected.",
            code="overlay_listening",
            params={"url": self.url, "clients": n},
        )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False
    overlay: OverlayServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("overlay: " + format, *args)

    def _head(self, status: int, ctype: str, length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0")
        self.send_header("Pragma", "no-cache")
        self.send_header("Access-Control-Allow-Origin", "*")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self._head(status, ctype, len(body))
        self.wfile.write(body)

    def do_GET(self) -> None:
        overlay = self.server.overlay
        parts = urlsplit(self.path)
        if not overlay.allowed(parts.query):
            self._send(403, "text/plain; charset=utf-8", b"overlay token missing or wrong\n")
            return
        if parts.path in ("/", "/overlay", "/index.html"):
            query = f"?{parts.query}" if parts.query else ""
            self._send(200, "text/html; charset=utf-8", page_html(f"/events{query}").encode())
        elif parts.path == "/events":
            self.close_connection = True
            self._head(200, "text/event-stream; charset=utf-8")
            overlay.frames(self)
        elif parts.path == "/state":
            with overlay._cond:
                frame = overlay._frame
            body = json.dumps(asdict(frame), ensure_ascii=False, default=dict).encode()
            self._send(200, "application/json; charset=utf-8", body)
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")
