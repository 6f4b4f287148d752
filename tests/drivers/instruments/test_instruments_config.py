"""Instruments as configuration, the probe, and the demo set for `kiosk run --demo`."""

from __future__ import annotations

import queue
from pathlib import Path

import pytest
from instrument_rig import rig

from drivers.instruments.config import InstrumentConfig, build_worker
from drivers.instruments.demo import DemoInstruments
from drivers.instruments.registry import get_profile
from drivers.instruments.worker import Backoff, probe_port
from kiosk.errors import DeviceError
from kiosk.ports import Reading, ReadingKind, ReadingStatus


def test_config_overrides_serial_settings_and_frame() -> None:
    cfg = InstrumentConfig.from_json(
        {
            "name": "scale",
            "protocol": "aclas",
            "port": "/dev/ttyUSB0",
            "baudrate": 2400,
            "parity": "E",
            "frame": r"\x01\x02.{11}\x03\x04.",
            "model": "OS2X",
            "serial": "A1",
        }
    )
    profile = cfg.profile()
    assert (profile.baudrate, profile.parity, profile.frame) == (
        2400,
        "E",
        rb"\x01\x02.{11}\x03\x04.",
    )
    worker = build_worker(cfg)
    assert worker.status().name == "scale" and worker.url == "/dev/ttyUSB0"


@pytest.mark.parametrize(
    "data,words",
    [
        ({"protocol": "cas", "port": "x"}, "lacks 'name'"),
        ({"name": "s", "protocol": "cas", "port": "x", "baudrate": "fast"}, "baudrate must be"),
        ({"name": "s", "protocol": "nope", "port": "x"}, "Unknown instrument protocol"),
        ({"name": "s", "protocol": "cas", "port": "x", "parity": "Q"}, "bad parity"),
        ({"name": "s", "protocol": "cas", "port": "x", "frame": "(["}, "not a valid regex"),
        ("scale", "must be an object"),
    ],
)
def test_bad_config_is_refused_in_plain_words(data: object, words: str) -> None:
    with pytest.raises(DeviceError, match=words):
        InstrumentConfig.from_json(data).profile()


@pytest.mark.parametrize("protocol", ["toledo-8217", "mt-sics"])
def test_probe_finds_the_device_that_answers(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        r.worker.stop()  # the probe owns the port for a moment
        assert probe_port(get_profile(protocol), r.sim.port_name)
        # the probe sent this protocol's own question, not the other one's
        asked = {"toledo-8217": b"Ehello", "mt-sics": b"I4\r\n"}
        assert asked[protocol] in r.sim.received
        assert all(q not in r.sim.received for name, q in asked.items() if name != protocol)
    with rig("continuous", tmp_path) as r:
        r.worker.stop()
        assert not probe_port(get_profile("toledo-8217"), r.sim.port_name, timeout_s=0.3)


def test_demo_instruments_read_all_three_kinds(tmp_path: Path) -> None:
    demo = DemoInstruments(tmp_path)
    got: queue.Queue[Reading] = queue.Queue()
    for worker in demo.workers.values():
        worker._backoff = Backoff(0.05, 0.2)
        worker.add_listener(got.put)
    demo.simulators["refractometer"].control("period 0.1")
    demo.simulators["pesticide"].control("period 0.1")
    demo.start()
    try:
        kinds: set[ReadingKind] = set()
        for _ in range(200):
            reading = got.get(timeout=5)
            if reading.status is ReadingStatus.OK:
                kinds.add(reading.kind)
            if len(kinds) == 3:
                break
        assert kinds == {ReadingKind.WEIGHT, ReadingKind.BRIX, ReadingKind.PESTICIDE}
    finally:
        demo.stop()
