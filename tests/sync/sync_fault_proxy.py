"""A scripted fault-injecting HTTP proxy on loopback, in front of the real server process.

Each incoming request takes the next scripted action (then `pass` forever):
- `pass`: forward to the server and relay the answer;
- `refuse`: reset the connection before reading anything (server unreachable);
- `500`/`502`/`503`: answer that status without reaching the server;
- `reset_mid`: forward (the server commits), relay half the answer, then reset;
- `hang`: forward (the server commits), then hold the answer for `hold_s` and close.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections import deque


def _read_message(sock: socket.socket, buf: bytes = b"") -> tuple[bytes, bytes] | None:
    """One HTTP message (head + Content-Length body) and the bytes after it; None on EOF."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return head + b"\r\n\r\n" + rest[:length], rest[length:]


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    def __init__(self, upstream_port: int, *, hold_s: float = 5.0) -> None:
        self.upstream_port = upstream_port
        self.hold_s = hold_s
        self.actions: deque[str] = deque()
        self.log: list[tuple[str, str]] = []  # (action, request line)
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def script(self, *actions: str) -> None:
        with self._lock:
            self.actions.extend(actions)

    def taken(self, action: str) -> int:
        return sum(1 for a, _ in self.log if a == action)

    def close(self) -> None:
        self._stop.set()
        self._listener.close()

    def _next(self, request_line: str) -> str:
        with self._lock:
            action = self.actions.popleft() if self.actions else "pass"
            self.log.append((action, request_line))
            return action

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=60) as up:
            up.sendall(request)
            got = _read_message(up)
        if got is None:
            raise OSError("server closed the connection")
        return got[0]

    def _serve(self, client: socket.socket) -> None:
        buf = b""
        try:
            while True:
                if self.actions and self.actions[0] == "refuse":
                    self._next("(before request)")
                    _reset(client)
                    return
                got = _read_message(client, buf)
                if got is None:
                    client.close()
                    return
                request, buf = got
                action = self._next(request.split(b"\r\n", 1)[0].decode("latin-1"))
                if action in {"500", "502", "503"}:
                    body = b'{"detail":"injected failure"}'
                    client.sendall(
                        f"HTTP/1.1 {action} Injected\r\nContent-Type: application/json"
                        f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                        + body
                    )
                    client.close()
                    return
                answer = self._forward(request)
                if action == "reset_mid":
                    client.sendall(answer[: len(answer) // 2])
                    _reset(client)
                    return
                if action == "hang":
                    self._stop.wait(self.hold_s)
                    client.close()
                    return
                client.sendall(answer)
        except OSError:
            _reset(client)
