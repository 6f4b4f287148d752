"""Unplug/replug: the simulator closes its side (the pty disappears) and opens a new one at
the same stable path; the same worker reconnects by itself and readings resume."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from instrument_rig import rig

from kiosk.ports import DeviceState, ReadingStatus


@pytest.mark.parametrize("protocol", ["mt-sics", "toledo-8217", "continuous", "atago-prm", "brix"])
def test_unplug_replug_resumes_without_restart(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        r.sim.control("weight 1.5")
        r.wait_for(lambda x: x.status is ReadingStatus.OK)
        first_pty = r.sim.pty_path
        r.sim.control("unplug")
        r.wait_state(DeviceState.OFFLINE)
        assert (
            "reconnect" in r.worker.status().message.lower()
            or "retrying" in r.worker.status().message.lower()
        )
        # a failed reopen attempt (the port is gone), still offline, in words
        status = r.wait_status(lambda st: st.message.startswith("Cannot open"), "a failed reopen")
        assert status.state is DeviceState.OFFLINE
        assert "no such device" in status.message and "Retrying in" in status.message
        r.sim.control("replug")
        assert r.sim.pty_path is not None
        r.wait_connects(2)
        got = r.wait_for(lambda x: x.status is ReadingStatus.OK, timeout=5)
        assert got.value is not None
        r.wait_state(DeviceState.ONLINE)
        assert r.worker.connects >= 2
        assert first_pty is not None


def test_worker_started_before_the_device_exists(tmp_path: Path) -> None:
    with rig("aclas", tmp_path) as r:
        r.sim.unplug()
        r.wait_status(lambda st: st.message.startswith("Cannot open"), "a failed open")
        first = r.worker.connects
        r.sim.replug()
        r.wait_connects(first + 1)
        r.wait_for(lambda x: x.status is ReadingStatus.OK)


def test_backoff_doubles_and_is_capped() -> None:
    from drivers.instruments.worker import Backoff

    backoff, delay, seen = Backoff(0.5, 10.0), 0.5, []
    for _ in range(8):
        seen.append(delay)
        delay = backoff.next(delay)
    assert seen == [0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0]


def test_worker_retries_with_the_capped_backoff(tmp_path: Path) -> None:
    """Every failed open is announced with the wait that follows: 0.01, 0.02, 0.04, 0.04…"""
    import re
    import threading

    from drivers.instruments.registry import get_profile
    from drivers.instruments.worker import Backoff, PortWorker
    from kiosk.ports import DeviceStatus

    worker = PortWorker(
        get_profile("mt-sics"), str(tmp_path / "nothing"), backoff=Backoff(0.01, 0.04)
    )
    waits: list[float] = []
    enough = threading.Event()

    def note(status: DeviceStatus) -> None:
        m = re.search(r"Retrying in ([0-9.]+) s", status.message)
        if m:
            waits.append(float(m.group(1)))
            assert "no such device" in status.message
        if len(waits) >= 6:
            enough.set()

    worker.board.add_listener(note)
    worker.start()
    try:
        assert enough.wait(10), waits
        assert worker.status().state is DeviceState.OFFLINE
    finally:
        worker.stop()
    assert waits[:6] == [0.01, 0.02, 0.04, 0.04, 0.04, 0.04]
    assert worker.status().state is DeviceState.DISABLED


def test_port_worker_is_an_instrument(tmp_path: Path) -> None:
    from drivers.instruments.registry import get_profile
    from drivers.instruments.worker import PortWorker
    from kiosk.ports import HasStatus, Instrument

    worker: Instrument = PortWorker(get_profile("brix"), str(tmp_path / "x"))
    assert isinstance(worker, HasStatus)
    assert (
        worker.status().state is DeviceState.DISABLED and worker.status().message == "Not started."
    )


def test_a_surprise_inside_the_worker_reconnects_instead_of_dying(tmp_path: Path) -> None:
    from dataclasses import replace

    from drivers.instruments.registry import get_profile
    from drivers.instruments.simulators import make_simulator
    from drivers.instruments.worker import Backoff, PortWorker

    calls = {"n": 0}
    real = get_profile("continuous")

    def flaky(raw: bytes, at: object = None) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("bug in a protocol module")
        return real.parse(raw, None)

    with make_simulator("continuous", tmp_path / "c") as sim:
        seen: list[object] = []
        worker = PortWorker(
            replace(real, parse=flaky),
            sim.port_name,  # type: ignore[arg-type]
            backoff=Backoff(0.05, 0.1),
        )
        worker.add_listener(seen.append)
        worker.start()
        try:
            deadline = time.monotonic() + 5
            while worker.connects < 2 or len(seen) < 5:
                assert time.monotonic() < deadline, worker.status()
                time.sleep(0.02)
        finally:
            worker.stop()


def test_pyserial_urls_work_as_ports() -> None:
    """`loop://` echoes what the worker sends: its own `I2` (asked once on connect) and `SI`
    polls come back as (bad) replies."""
    import queue

    from drivers.instruments.registry import get_profile
    from drivers.instruments.worker import PortWorker
    from kiosk.ports import Reading

    got: queue.Queue[Reading] = queue.Queue()
    worker = PortWorker(get_profile("mt-sics", poll_interval_s=0.05), "loop://")
    worker.add_listener(got.put)
    worker.start()
    try:
        asked, reading = got.get(timeout=5), got.get(timeout=5)
    finally:
        worker.stop()
    assert asked.raw == b"I2\r\n" and asked.status is ReadingStatus.ERROR
    assert reading.raw == b"SI\r\n" and reading.status is ReadingStatus.ERROR
    assert dict(reading.extra)["error"] == "not an MT-SICS reply"
