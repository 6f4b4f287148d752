"""The overlay server over real HTTP: no-store answers, CORS for the Local-file page, the
token rule for LAN addresses, and the server-sent event stream's bytes."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from drivers.overlay.server import OverlayServer
from kiosk.errors import DeviceError
from kiosk.ports import DeviceState, LiveFrame, LiveOutput


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def overlay() -> Iterator[OverlayServer]:
    server = OverlayServer(port=free_port())
    server.start()
    yield server
    server.stop()


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def read_events(url: str, n: int) -> list[tuple[str, dict[str, object]]]:
    """The first n events of the stream, parsed from the raw bytes."""
    out: list[tuple[str, dict[str, object]]] = []
    with urllib.request.urlopen(url, timeout=5) as r:
        assert r.headers["Content-Type"].startswith("text/event-stream")
        assert "no-store" in r.headers["Cache-Control"]
        event, data = "", ""
        for raw in r:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and event:
                out.append((event, json.loads(data)))
                event = ""
                if len(out) == n:
                    return out
    return out


def test_it_is_a_live_output_port(overlay: OverlayServer) -> None:
    assert isinstance(overlay, LiveOutput)
    assert overlay.status().state is DeviceState.ONLINE
    assert overlay.url == f"http://127.0.0.1:{overlay.port}/"


def test_page_and_stream_are_never_cached_and_allow_a_local_file_page(
    overlay: OverlayServer,
) -> None:
    status, headers, body = get(overlay.url)
    assert status == 200 and b"EventSource" in body and b'"/events"' in body
    assert "no-store" in headers["Cache-Control"] and headers["Pragma"] == "no-cache"
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert get(overlay.url + "state")[0] == 200
    assert get(overlay.url + "nothing")[0] == 404


def test_stream_sends_the_current_frame_first_then_new_ones_and_pings(
    overlay: OverlayServer,
) -> None:
    overlay.publish(
        LiveFrame(
            seq=1, title="草莓 · B1", value="12.8 °Brix", verdict="甜", tone="good", empty=False
        )
    )
    events = read_events(overlay.events_url, 2)
    assert events[0][0] == "frame" and events[0][1]["value"] == "12.8 °Brix"
    assert events[1][0] == "ping"  # nothing new: a ping a second keeps the page sure


def test_a_lan_address_needs_a_token() -> None:
    with pytest.raises(DeviceError, match="token"):
        OverlayServer("0.0.0.0", free_port())
    server = OverlayServer("0.0.0.0", free_port(), token="s3cret")
    server.start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        assert get(base + "/")[0] == 403
        assert get(base + "/events?token=wrong")[0] == 403
        status, _h, body = get(base + "/?token=s3cret")
        assert status == 200 and b"/events?token=s3cret" in body
        assert server.url.endswith("?token=s3cret")
    finally:
        server.stop()


def test_a_busy_port_is_said_in_words(overlay: OverlayServer) -> None:
    other = OverlayServer(port=overlay.port)
    with socket.socket() as s:  # the port is held by the first server
        assert s.connect_ex(("127.0.0.1", overlay.port)) == 0
    with pytest.raises(DeviceError):
        other.start()
    assert other.status().state is DeviceState.ERROR
    assert "another kiosk" in other.status().message and other.status().code == "overlay_port_busy"


def test_stop_ends_open_streams_and_a_restart_takes_the_same_port(overlay: OverlayServer) -> None:
    port = overlay.port
    overlay.stop()
    assert overlay.status().state is DeviceState.DISABLED
    again = OverlayServer(port=port)
    again.start()
    try:
        assert get(again.url)[0] == 200
    finally:
        again.stop()
