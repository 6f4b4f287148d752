"""`kiosk doctor` finds each fault we can make: printer gone, scale gone, clock off,
unenrolled, disk nearly full; one JSON finding per line, exit 1 when action is needed; the
support bundle carries no secret."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ops_world import World, fill_disk, world_in

from kiosk.ops.backup import backup_now
from kiosk.ops.clock import ClockOffset, offset_from_date
from kiosk.ops.doctor import DeviceProbe, DoctorProbes, Finding, run_doctor, write_bundle
from kiosk.platform.identity import put_setting
from kiosk.platform.sync_status import SERVER_URL, TOKEN, put_state
from kiosk.ports import DeviceState, DeviceStatus, PaperStatus, utcnow

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cr3tT0kenValueThatMustNeverLeaveTheKiosk0123456789"


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )


def _by_check(findings: list[Finding]) -> dict[str, Finding]:
    return {f.check: f for f in findings}


class _Skewed(BaseHTTPRequestHandler):
    skew = timedelta(0)

    def do_GET(self) -> None:
        body = b'{"status": "ok", "api": "v1"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def date_time_string(self, timestamp: float | None = None) -> str:
        return format_datetime(utcnow() + self.skew, usegmt=True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def skewed_server() -> Iterator[tuple[str, type[_Skewed]]]:
    """A real HTTP server whose Date header runs 2 h ahead of this machine."""
    handler = type("Skewed", (_Skewed,), {"skew": timedelta(hours=2)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


def _enroll(world: World, url: str = "http://127.0.0.1:9") -> None:
    with world.db.session() as s:
        put_state(s, SERVER_URL, url)
        put_state(s, TOKEN, SECRET)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unenrolled_then_enrolled(world: World) -> None:
    f = _by_check(run_doctor(world.db.path.parent))
    assert not f["enrollment"].ok and "kiosk enroll" in f["enrollment"].action
    _enroll(world)
    assert _by_check(run_doctor(world.db.path.parent))["enrollment"].ok


def test_clock_off_is_found_against_a_real_server(
    world: World, skewed_server: tuple[str, type]
) -> None:
    import main

    url, _ = skewed_server
    _enroll(world, url)
    data = world.db.path.parent
    world.db.close()
    f = _by_check(run_doctor(data, main._doctor_probes(data)))
    assert not f["clock"].ok
    assert "2 h" in f["clock"].message and "behind" in f["clock"].message
    assert "time" in f["clock"].action
    # remembered: offline, the doctor still says so
    offline = _by_check(run_doctor(data, DoctorProbes()))["clock"]
    assert not offline.ok and "last seen" in offline.message


def test_clock_offset_from_a_date_header_and_within_tolerance() -> None:
    sent = utcnow()
    ok = offset_from_date(
        format_datetime(sent + timedelta(seconds=30), usegmt=True),
        sent,
        sent + timedelta(milliseconds=200),
    )
    assert 28 < ok.offset_s < 31 and not ok.far_off
    assert ClockOffset(-3 * 86400 - 2 * 3600 - 50, sent).describe() == (
        "the kiosk's clock is 3 d 2 h ahead of the platform's"
    )
    assert ClockOffset(7199.4, sent).describe() == "the kiosk's clock is 2 h behind the platform's"
    assert (
        ClockOffset(95, sent).describe() == "the kiosk's clock is 1 min 35 s behind the platform's"
    )


def test_printer_gone_and_scale_gone(world: World) -> None:
    import main

    with world.db.session() as s:
        put_setting(s, "printer", {"uri": f"tcp://127.0.0.1:{_closed_port()}", "paper": 58})
        put_setting(
            s,
            "instruments",
            [
                {
                    "name": "scale",
                    "protocol": "mt-sics",
                    "port": str(world.db.path.parent / "no-such-tty"),
                }
            ],
        )
    data = world.db.path.parent
    world.db.close()
    f = _by_check(run_doctor(data, main._doctor_probes(data)))
    printer = next(v for k, v in f.items() if k.startswith("device:printer"))
    scale = next(v for k, v in f.items() if k.startswith("device:scale"))
    assert not printer.ok and "printer" in printer.action.lower()
    assert not scale.ok and "COM port" in scale.action


def test_doctor_probes_the_printer_of_settings_toml_like_the_gui(world: World) -> None:
    """The GUI wires devices from settings.toml (the old settings-table keys only where it
    leaves one unset); `kiosk doctor` must probe those same devices."""
    import main
    from drivers.printer.virtual import VirtualPrinter
    from kiosk.ports import PaperWidth
    from kiosk.settings import Settings, save

    data = world.db.path.parent
    with world.db.session() as s:  # the old table still names a printer that is gone
        put_setting(s, "printer", {"uri": f"tcp://127.0.0.1:{_closed_port()}", "paper": 58})
    world.db.close()
    printer = VirtualPrinter(0, data / "virtual-printer", PaperWidth.MM80).start()
    try:
        save(data, Settings(printer_uri=printer.uri, printer_paper=80))
        f = _by_check(run_doctor(data, main._doctor_probes(data)))
        found = [v for k, v in f.items() if k.startswith("device:printer")]
        assert len(found) == 1 and found[0].ok, found
        printer.set_paper(PaperStatus.OUT)  # it is this printer that answers the doctor
        f = _by_check(run_doctor(data, main._doctor_probes(data)))
        out = next(v for k, v in f.items() if k.startswith("device:printer"))
        assert not out.ok and "paper" in (out.message + out.action).lower(), out
    finally:
        printer.stop()
    assert main._devices(Settings(), None).printer_uri == ""  # nothing set: no printer


def test_device_settings_take_the_toml_first_and_the_old_keys_where_it_is_unset() -> None:
    from kiosk.settings import Settings, device_settings

    old = {
        "printer": {"uri": "tcp://10.0.0.9:9100", "paper": 58, "cjk": "raster"},
        "instruments": [{"name": "scale", "protocol": "mt-sics", "port": "/dev/ttyS9"}],
        "camera": "2",
        "serial_scanner": "/dev/ttyACM7",
    }
    toml = Settings(printer_uri="tcp://10.0.0.5:9100", camera="rtsp://cam/1")
    dev = device_settings(toml, old)
    assert (dev.printer_uri, dev.printer_paper, dev.printer_cjk) == (
        "tcp://10.0.0.5:9100",
        80,
        "native",
    )
    assert dev.camera == "rtsp://cam/1"
    assert dev.instruments == ({"name": "scale", "protocol": "mt-sics", "port": "/dev/ttyS9"},)
    assert dev.serial_scanner_port == "/dev/ttyACM7"
    legacy = device_settings(Settings(), old)
    assert (legacy.printer_uri, legacy.printer_paper, legacy.printer_cjk) == (
        "tcp://10.0.0.9:9100",
        58,
        "raster",
    )
    assert legacy.camera == 2  # a camera index, as OpenCV wants it
    none = device_settings(Settings(), {})
    assert (none.printer_uri, none.camera, none.instruments, none.serial_scanner_port) == (
        "",
        None,
        (),
        "",
    )


def test_a_device_that_is_online_is_fine_and_one_that_raises_is_a_finding(tmp_path: Path) -> None:
    stopped: list[str] = []
    online = DeviceProbe(
        "printer",
        lambda: DeviceStatus("P", DeviceState.ONLINE, "ready"),
        lambda: stopped.append("p"),
    )

    def broken() -> DeviceStatus:
        raise RuntimeError("driver bug")

    f = _by_check(
        run_doctor(tmp_path, DoctorProbes(devices=[online, DeviceProbe("scale", broken)]))
    )
    assert f["device:printer:P"].ok and stopped == ["p"]
    assert not f["device:scale:scale"].ok and "driver bug" in f["device:scale:scale"].message


def test_disk_nearly_full_on_a_small_filesystem(small_fs: Path, db_template: Path) -> None:
    world = world_in(small_fs / "data", db_template)
    data = world.db.path.parent
    world.db.close()
    probes = DoctorProbes(min_free_bytes=1024 * 1024)
    assert _by_check(run_doctor(data, probes))["disk"].ok
    filler = fill_disk(small_fs, leave=512 * 1024)
    disk = _by_check(run_doctor(data, probes))["disk"]
    assert not disk.ok and "nearly full" in disk.message and "Free space" in disk.action
    filler.unlink()


def test_cli_json_lines_exit_code_and_a_bundle_without_secrets(
    world: World, tmp_path: Path
) -> None:
    from kiosk.ops.logs import setup_logging

    _enroll(world)
    data = world.db.path.parent
    handler = setup_logging(data)
    import logging

    logging.getLogger("linli.test").info(
        "token=%s pin=1234 scanned LK1.eyJvIjoiTy0x.c2lnbmF0dXJl", SECRET
    )
    assert handler is not None
    handler.flush()
    logging.getLogger().removeHandler(handler)
    handler.close()
    world.db.close()
    out = _kiosk("doctor", "--json", "--data-dir", str(data), "--bundle", str(tmp_path / "b.zip"))
    assert out.returncode == 1, out.stdout  # no backup yet: that needs action
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines and all(set(x) == {"check", "ok", "message", "action"} for x in lines)
    assert any(x["check"] == "sync" or x["check"] == "enrollment" for x in lines)
    with zipfile.ZipFile(tmp_path / "b.zip") as z:
        names = z.namelist()
        assert {"findings.json", "versions.json", "settings.json", "logs/kiosk.log"} <= set(names)
        assert not any(n.endswith(".sqlite3") for n in names)  # never the customers' data
        everything = b"".join(z.read(n) for n in names).decode("utf-8", "replace")
    assert SECRET not in everything and "1234" not in everything
    assert "LK1.eyJvIjoiTy0x.c2lnbmF0dXJl" not in everything
    backup_now(world.db.path)
    fine = _kiosk("doctor", "--data-dir", str(data))
    assert fine.returncode == 0, fine.stdout
    assert fine.stdout.strip().endswith("Everything looks fine.")


def test_bundle_lists_findings_and_settings_redacted(world: World, tmp_path: Path) -> None:
    _enroll(world)
    data = world.db.path.parent
    world.db.close()
    findings = run_doctor(data)
    target = write_bundle(tmp_path / "x.zip", data, findings)
    with zipfile.ZipFile(target) as z:
        settings = json.loads(z.read("settings.json"))
        assert settings["sync_state.device_token"] == "[redacted]"
        assert settings["sync_state.server_url"] == "http://127.0.0.1:9"
        assert len(json.loads(z.read("findings.json"))) == len(findings)


def test_the_running_kiosk_shows_a_far_off_clock_as_a_device(
    world: World, skewed_server: tuple[str, type]
) -> None:
    import main
    from kiosk.ops.runtime import ClockWatch

    url, _ = skewed_server
    watch = ClockWatch(world.db, lambda: main._clock_probe(url))
    status = watch.check()
    assert status.state is DeviceState.ERROR and "2 h" in status.message
    assert "date and time" in status.message
    offline = ClockWatch(world.db, None).check()  # no network: the last offset seen
    assert offline.state is DeviceState.ERROR
    fine = ClockWatch(world.db, lambda: ClockOffset(3.0, utcnow())).check()
    assert fine.state is DeviceState.ONLINE


def test_the_devices_screen_button_checks_the_running_devices(tmp_path: Path) -> None:
    from kiosk.ops.doctor import probes_for

    class Gone:
        def status(self) -> DeviceStatus:
            return DeviceStatus("Receipt printer", DeviceState.OFFLINE, "Printer is offline")

    f = _by_check(run_doctor(tmp_path, probes_for([Gone()])))
    assert not f["device:printer:Receipt printer"].ok
    assert "paper" in f["device:printer:Receipt printer"].action


def test_slips_waiting_long_for_the_printer(world: World) -> None:
    from datetime import UTC

    old = (utcnow() - timedelta(hours=1)).astimezone(UTC).replace(tzinfo=None)
    with world.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO print_jobs (id, kind, ref, document, status, attempts, last_error, "
            "created_at) VALUES ('J1', 'receipt', 'O-READY', '{}', 'pending', 3, "
            "'Printer is offline', ?)",
            (old.isoformat(sep=" "),),
        )
    f = _by_check(run_doctor(world.db.path.parent))["print_queue"]
    assert not f.ok and "1 slips" in f.message and "Printer is offline" in f.message
