"""The stability gate's display division: the `division` setting, then the device's own
report (MT-SICS I2), then the frame's decimals. A 0.05 kg graduation flickering one real
step must become stable; the decimals alone (10 g) would never let it."""

from __future__ import annotations

import queue
from pathlib import Path

import pytest
from instrument_rig import rig

from drivers.instruments.config import InstrumentConfig, build_worker
from drivers.instruments.registry import get_profile
from drivers.instruments.simulators import make_simulator
from drivers.instruments.stability import StabilityGate
from drivers.instruments.worker import Backoff
from kiosk.errors import DeviceError
from kiosk.ports import Reading

TOLEDO = get_profile("toledo-8217")
# a 0.05 kg graduation showing 1.25 kg, flickering one real step to 1.30 kg and back
FLICKER_ONE_STEP = [b"\x02001.25\r", b"\x02001.30\r", b"\x02001.25\r", b"\x02001.30\r"]
FLICKER_TWO_STEPS = [b"\x02001.25\r", b"\x02001.35\r", b"\x02001.25\r", b"\x02001.35\r"]


def run(gate: StabilityGate, frames: list[bytes]) -> list[bool]:
    out = []
    for frame in frames:
        reading = TOLEDO.parse(frame, None)
        assert reading is not None
        out.append(gate.apply(reading).stable)
    return out


def test_decimals_alone_never_let_a_005_kg_graduation_settle() -> None:
    assert run(StabilityGate(3), FLICKER_ONE_STEP * 3) == [False] * 12


def test_the_division_setting_makes_one_real_step_stable() -> None:
    assert run(StabilityGate(3, division_g=50.0), FLICKER_ONE_STEP) == [False, False, True, True]
    # two real steps is motion, whatever the setting
    assert run(StabilityGate(3, division_g=50.0), FLICKER_TWO_STEPS) == [False] * 4


def test_setting_beats_device_beats_decimals() -> None:
    reading = TOLEDO.parse(b"\x02001.25\r", None)
    assert reading is not None
    gate = StabilityGate(3)
    assert gate.division(reading) == pytest.approx(10.0)  # two decimals in kg
    gate.set_device_division(50.0)
    assert gate.division(reading) == 50.0
    gate.set_device_division(None)
    assert gate.division(reading) == pytest.approx(10.0)
    configured = StabilityGate(3, division_g=20.0)
    configured.set_device_division(50.0)
    assert configured.division(reading) == 20.0


@pytest.mark.parametrize(
    "protocol,division,grams",
    [
        ("toledo-8217", "0.05 kg", 50.0),
        ("toledo-8217", "0.05", 50.0),  # bare: display unit (kg)
        ("mt-sics", "0.05", 0.05),
        ("mt-sics", "5 g", 5.0),
        ("cas", 0.002, 2.0),
    ],
)
def test_division_setting(protocol: str, division: object, grams: float) -> None:
    cfg = InstrumentConfig.from_json(
        {"name": "scale", "protocol": protocol, "port": "x", "division": division}
    )
    assert cfg.division_g() == pytest.approx(grams)
    assert (
        InstrumentConfig.from_json({"name": "s", "protocol": protocol, "port": "x"}).division_g()
        is None
    )


@pytest.mark.parametrize("division", ["fine", "-1 kg", "0", "5 furlong"])
def test_bad_division_is_refused_in_words(division: str) -> None:
    with pytest.raises(DeviceError, match="division must be a positive weight"):
        InstrumentConfig.from_json(
            {"name": "s", "protocol": "toledo-8217", "port": "x", "division": division}
        )


def stable_count(
    protocol: str, link: Path, settings: dict[str, object], controls: list[str], readings: int = 12
) -> tuple[int, list[Reading]]:
    """Readings from a real worker built from settings, on a simulator given `controls`."""
    sim = make_simulator(protocol, link)
    for line in controls:
        sim.control(line)
    sim.start()
    cfg = InstrumentConfig.from_json(
        {
            "name": "scale",
            "protocol": protocol,
            "port": sim.port_name,
            "poll_interval_s": 0.03,
            **settings,
        }
    )
    worker = build_worker(cfg, Backoff(0.05, 0.3))
    got: queue.Queue[Reading] = queue.Queue()
    worker.add_listener(got.put)
    worker.start()
    try:
        seen = [got.get(timeout=5) for _ in range(readings)]
    finally:
        worker.stop()
        sim.stop()
    return sum(r.stable for r in seen), seen


def test_a_005_kg_scale_flickering_one_step_over_a_pty(tmp_path: Path) -> None:
    controls = ["division 50", "weight 1.25", "flicker 1"]
    values = {1250.0, 1300.0}
    count, seen = stable_count("toledo-8217", tmp_path / "a", {"division": "0.05 kg"}, controls)
    assert {r.value for r in seen} == values and count >= 8  # stable from the third reading
    count, seen = stable_count("toledo-8217", tmp_path / "b", {}, controls)
    assert {r.value for r in seen} == values and count == 0


def test_mt_sics_division_comes_from_the_balance_i2(tmp_path: Path) -> None:
    """The balance shows 0.01 g but its I2 says 0.1 g (`6200.0 g`): a 0.05 g flicker is
    within the device's division, so it settles; without the I2 answer it would not."""
    with rig("mt-sics", tmp_path) as r:
        r.sim.control("grams 100")
        r.sim.control("flicker 5")
        r.sim.control("i2 SIM-BAL 6200.0 g")
        r.sim.control("unplug")
        r.sim.control("replug")  # the worker asks I2 again on every connect
        got = r.wait_for(lambda x: x.stable and x.value in (100.0, 100.05))
        assert r.worker.division_g(got) == pytest.approx(0.1)
        assert b"I2\r\n" in r.sim.received
    with rig("mt-sics", tmp_path) as r:
        r.sim.control("grams 100")
        r.sim.control("flicker 5")
        first = r.wait_for(lambda x: x.value is not None)
        assert r.worker.division_g(first) == pytest.approx(0.01)  # I2 "6200.00 g"
        later = [r.wait_for(lambda x: x.value is not None) for _ in range(8)]
        assert not any(x.stable for x in later)
