"""DLE EOT status: strict reply validation, the serial transport on a pseudo-terminal, URIs,
and the virtual printer's command-line controls."""

from __future__ import annotations

import os
import select
import threading
import tty
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from drivers.printer import status as st
from drivers.printer.device import MSG_COVER, EscposPrinter, Target, parse_uri
from drivers.printer.interpret import Interpreter
from drivers.printer.virtual import VirtualPrinter, control
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.ports import PaperStatus
from kiosk.printing.demo import DEMOS


@pytest.mark.parametrize(
    ("reply", "paper"),
    [
        (b"\x12", PaperStatus.ADEQUATE),
        (b"\x1e", PaperStatus.NEAR_END),  # bits 2-3
        (b"\x72", PaperStatus.OUT),  # bits 5-6
        (b"\x7e", PaperStatus.OUT),
        (b"", PaperStatus.UNKNOWN),  # python-escpos would say "adequate" here
        (None, PaperStatus.UNKNOWN),
        (b"\x00", PaperStatus.UNKNOWN),  # fixed bits 1 and 4 missing
        (b"\xff", PaperStatus.UNKNOWN),  # fixed bits 0 and 7 set
        (b"\x13", PaperStatus.UNKNOWN),
        (b"\x92", PaperStatus.UNKNOWN),
    ],
)
def test_paper_reply_validation(reply: bytes | None, paper: PaperStatus) -> None:
    assert st.paper_from_reply(reply) is paper


def test_printer_state_decoding() -> None:
    assert st.printer_state(b"\x12", None) == st.PrinterState(known=True, online=True)
    cover = st.printer_state(b"\x1a", b"\x16")
    assert cover.known and not cover.online and cover.cover_open and not cover.paper_out
    assert st.printer_state(b"\x1a", b"\x32").paper_out
    assert not st.printer_state(None, b"\x12").known
    assert not st.printer_state(b"\x08", None).known  # offline bit but not a valid reply


@pytest.mark.parametrize(
    ("uri", "target"),
    [
        ("dummy", Target("dummy")),
        ("file:/dev/usb/lp0", Target("file", path="/dev/usb/lp0")),
        ("tcp://127.0.0.1:9100", Target("tcp", host="127.0.0.1", port=9100)),
        ("tcp://127.0.0.1", Target("tcp", host="127.0.0.1", port=9100)),
        ("serial:/dev/ttyUSB0?baud=19200", Target("serial", path="/dev/ttyUSB0", baud=19200)),
        ("serial:COM3", Target("serial", path="COM3", baud=9600)),
        ("usb:0416:5011", Target("usb", vid=0x0416, pid=0x5011)),
    ],
)
def test_uris(uri: str, target: Target) -> None:
    assert parse_uri(uri) == target


@pytest.mark.parametrize(
    "uri", ["", "lp0", "tcp://", "serial:/dev/x?baud=fast", "usb:zz:1", "usb:1"]
)
def test_bad_uris_say_what_is_expected(uri: str) -> None:
    with pytest.raises(DeviceError, match="not understood: use file:PATH") as info:
        parse_uri(uri)
    assert info.value.kind is DeviceErrorKind.CONFIG


@pytest.fixture
def serial_printer() -> Iterator[tuple[str, dict[str, object]]]:
    """A printer on the far side of a pseudo-terminal: answers DLE EOT, collects the job."""
    master, slave = os.openpty()
    tty.setraw(slave)
    state: dict[str, object] = {"paper": b"\x12", "data": bytearray(), "stop": False}
    interp = Interpreter()

    def run() -> None:
        while not state["stop"]:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            data = state["data"]
            assert isinstance(data, bytearray)
            data += chunk
            for n in interp.feed(chunk):
                paper = state["paper"]
                assert isinstance(paper, bytes)
                os.write(master, paper if n == st.QUERY_PAPER else b"\x12")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield os.ttyname(slave), state
    state["stop"] = True
    thread.join(2)
    os.close(master)
    os.close(slave)


def test_serial_printer_status_and_job_over_a_pty(
    serial_printer: tuple[str, dict[str, object]],
) -> None:
    path, state = serial_printer
    printer = EscposPrinter(f"serial:{path}?baud=115200", timeout=0.5)
    assert printer.query_paper() is PaperStatus.ADEQUATE
    state["paper"] = b"\x1e"
    assert printer.query_paper() is PaperStatus.NEAR_END
    state["paper"] = b"\x00"  # garbage: not a valid status byte
    assert printer.query_paper() is PaperStatus.UNKNOWN
    state["paper"] = b"\x12"
    printer.print_document(DEMOS["label"]())
    assert printer.last_bytes in bytes(state["data"])  # type: ignore[arg-type]


def test_cover_open_is_reported_in_plain_words(tmp_path: Path) -> None:
    vp = VirtualPrinter(0, tmp_path).start()
    try:
        vp.set_cover_open(True)
        with pytest.raises(DeviceError) as info:
            EscposPrinter(vp.uri, timeout=0.5).print_document(DEMOS["label"]())
        assert info.value.kind is DeviceErrorKind.COVER_OPEN and str(info.value) == MSG_COVER
    finally:
        vp.stop()


def test_virtual_printer_typed_commands(tmp_path: Path) -> None:
    vp = VirtualPrinter(0, tmp_path)
    assert control(vp, "paper out") == "ok: paper out"
    assert vp.state.paper is PaperStatus.OUT
    assert control(vp, "PAPER OK") == "ok: paper ok"
    assert control(vp, "drop 300").startswith("ok") and vp.state.drop_after == 300
    assert control(vp, "drop lots").startswith("error: drop needs a number")
    assert control(vp, "dance").startswith("error: unknown command")
    assert "0 jobs" in control(vp, "status")


def test_serve_from_cli_refuses_a_busy_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from drivers.printer.virtual import serve_from_cli

    busy = VirtualPrinter(0, tmp_path).start()
    try:
        args = SimpleNamespace(port=busy.port, data_dir=tmp_path, json=False, paper=80)
        assert serve_from_cli(args) == 1
        assert "cannot listen" in capsys.readouterr().err
    finally:
        busy.stop()


@pytest.mark.parametrize("port", [65536, 99999, -1])
def test_serve_from_cli_refuses_an_impossible_port(
    port: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from drivers.printer.virtual import serve_from_cli

    args = SimpleNamespace(port=port, data_dir=tmp_path, json=False, paper=80)
    assert serve_from_cli(args) == 2
    assert "1 to 65535" in capsys.readouterr().err


def test_usb_printer_without_pyusb_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from escpos import printer as escpos_printers

    from drivers.printer.device import open_transport

    monkeypatch.setattr(escpos_printers.Usb, "is_usable", staticmethod(lambda: False))
    with pytest.raises(DeviceError, match="pyusb") as info:
        open_transport(parse_uri("usb:0416:5011"), 1.0)
    assert info.value.kind is DeviceErrorKind.CONFIG


def test_print_test_with_an_unwritable_preview_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import main

    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    target = blocker / "preview.png"
    assert (
        main.main(["print-test", "--printer", "dummy", "--doc", "label", "--preview", str(target)])
        == 1
    )
    assert f"preview could not be written to {target}" in capsys.readouterr().err


def test_kiosk_simulate_printer_and_print_test_end_to_end(tmp_path: Path) -> None:
    """The two commands as a person runs them: a virtual printer, a demo receipt sent to it."""
    import json
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sim = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "simulate",
            "printer",
            "--port",
            str(port),
            "--paper",
            "58",
            "--data-dir",
            str(tmp_path),
            "--json",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert sim.stdout is not None and sim.stdin is not None
        info = json.loads(sim.stdout.readline())
        assert info["uri"] == f"tcp://127.0.0.1:{port}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "print-test",
                "--printer",
                info["uri"],
                "--doc",
                "receipt",
                "--paper",
                "58",
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["bytes"] > 500
        job = json.loads(sim.stdout.readline())
        assert job["printed"] is True and Path(job["png"]).exists() and Path(job["bin"]).exists()
        sim.stdin.write("paper out\n")
        sim.stdin.flush()
        assert sim.stdout.readline().strip() == "ok: paper out"
        refused = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "print-test",
                "--printer",
                info["uri"],
                "--doc",
                "label",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert refused.returncode == 1
        assert "Printer out of paper — load a new roll" in refused.stderr
        sim.stdin.write("quit\n")
        sim.stdin.flush()
        assert sim.wait(timeout=10) == 0
    finally:
        if sim.poll() is None:
            sim.kill()
            sim.wait()
