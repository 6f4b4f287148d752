"""`kiosk read` and `kiosk simulate` against simulators: in-process and as real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

import main
from drivers.instruments.simulators import make_simulator

KIOSK = [sys.executable, "-m", "kiosk"]
KEYS = ["kind", "value", "unit", "stable", "status", "raw", "at"]


def lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_read_prints_one_json_line_per_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with make_simulator("mt-sics", tmp_path / "scale") as sim:
        sim.control("weight 0.25")
        code = main.main(
            [
                "read",
                "--protocol",
                "mt-sics",
                "--port",
                sim.port_name,
                "--count",
                "4",
                "--timeout",
                "5",
                "--interval",
                "0.05",
            ]
        )
    out = lines(capsys.readouterr().out)
    assert code == 0 and len(out) == 4
    assert list(out[0]) == KEYS
    assert out[-1]["status"] == "ok" and out[-1]["stable"] is True and out[-1]["value"] == 250.0
    assert out[0]["kind"] == "weight" and out[0]["unit"] == "g"
    assert bytes.fromhex(str(out[0]["raw"])) == b"S S     250.00 g\r\n"
    at = str(out[0]["at"])
    assert at.endswith("Z") and datetime.fromisoformat(at.replace("Z", "+00:00")).tzinfo


def test_read_reports_overload_and_error_statuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with make_simulator("continuous", tmp_path / "scale") as sim:
        sim.control("overload")
        assert (
            main.main(
                ["read", "--protocol", "continuous", "--port", sim.port_name, "--timeout", "5"]
            )
            == 0
        )
        sim.control("normal")
        sim.control("error")
        assert (
            main.main(
                [
                    "read",
                    "--protocol",
                    "continuous",
                    "--port",
                    sim.port_name,
                    "--timeout",
                    "5",
                    "--extra",
                ]
            )
            == 0
        )
    first, second = lines(capsys.readouterr().out)
    assert first["status"] == "overload" and first["value"] is None
    assert second["status"] == "error" and second["value"] is None
    assert "error" in second["extra"]  # type: ignore[operator]


def test_read_fails_plainly_when_the_port_cannot_be_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main.main(["read", "--protocol", "brix", "--port", str(tmp_path / "no-such-port")])
    err = capsys.readouterr().err
    assert code != 0 and "cannot open port" in err and "no such device" in err


def test_read_fails_when_nothing_arrives_in_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with make_simulator("brix", tmp_path / "refr") as sim:
        sim.control("period 0")  # a refractometer only speaks when someone measures
        code = main.main(
            ["read", "--protocol", "brix", "--port", sim.port_name, "--timeout", "0.5"]
        )
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert "no reading from SIM-BRIX/1" in captured.err


def test_read_refuses_unknown_protocol(capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["read", "--protocol", "dahua", "--port", "loop://"]) == 2
    assert "Known protocols" in capsys.readouterr().err


def test_simulate_rejects_a_protocol_the_device_does_not_speak(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main.main(["simulate", "scale", "--protocol", "brix"]) == 2
    assert "does not speak" in capsys.readouterr().err


def test_simulate_with_an_impossible_link_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "no" / "such" / "folder" / "scale0"
    assert main.main(["simulate", "scale", "--link", str(link)]) == 1
    assert f"cannot make the stable link {link}" in capsys.readouterr().err


def test_simulate_and_read_as_real_processes(tmp_path: Path) -> None:
    """`kiosk simulate pesticide --json` in one process, `kiosk read` in another, stdin
    control words in between, then SIGTERM ends the simulator cleanly."""
    env = {**os.environ, "LINLI_DATA_DIR": str(tmp_path / "data")}
    link = tmp_path / "pest"
    sim = subprocess.Popen(
        [*KIOSK, "simulate", "pesticide", "--json", "--link", str(link), "--period", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert sim.stdout is not None and sim.stdin is not None
        info = json.loads(sim.stdout.readline())
        assert info["device"] == "pesticide" and info["protocol"] == "pesticide"
        assert str(info["port"]).startswith("/dev/pts/") and info["link"] == str(link)
        reader = subprocess.Popen(
            [
                *KIOSK,
                "read",
                "--protocol",
                "pesticide",
                "--port",
                str(link),
                "--count",
                "1",
                "--timeout",
                "15",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        deadline = time.monotonic() + 20
        while reader.poll() is None and time.monotonic() < deadline:
            # a line sent before the reader has opened the port is lost (like a real UART),
            # so keep "measuring" until the reader has what it waits for
            sim.stdin.write("sample S0042 0.300\n")
            sim.stdin.flush()
            time.sleep(0.5)
        out, err = reader.communicate(timeout=30)
        assert reader.returncode == 0, err
        (reading,) = lines(out)
        assert reading["kind"] == "pesticide" and reading["status"] == "ok"
        assert reading["value"] == pytest.approx((0.512 - 0.300) / 0.512 * 100, abs=0.05)
        assert b"S0042" in bytes.fromhex(str(reading["raw"]))
        assert json.loads(sim.stdout.readline())["reply"].startswith("sample S0042")
    finally:
        sim.send_signal(signal.SIGTERM)
        sim.wait(timeout=10)
    assert sim.returncode == 0
    assert not link.exists()  # unplugged on exit


def test_simulate_printer_dispatches_to_the_virtual_printer(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = subprocess.run(
        [*KIOSK, "simulate", "printer", "--port", str(port), "--json", "--data-dir", str(tmp_path)],
        input="quit\n",
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout.splitlines()[0])
    assert info["device"] == "printer" and str(port) in info["uri"]


def test_simulate_prints_the_pty_path_alone_and_obeys_quit(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *KIOSK,
            "simulate",
            "refractometer",
            "--protocol",
            "atago-prm",
            "--link",
            str(tmp_path / "r"),
        ],
        input="brix 11.1\nbogus\nquit\n",
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    first, *replies = done.stdout.splitlines()
    assert first.startswith("/dev/pts/")
    assert replies == ["brix 11.1", "unknown command 'bogus'; try: help"]
    assert "stable path" in done.stderr and "unplug" in done.stderr
