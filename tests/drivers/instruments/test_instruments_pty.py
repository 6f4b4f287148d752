"""Every protocol through a real pseudo-terminal: the simulator on the master side, pyserial
and the port worker on the slave side."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from instrument_rig import SCALES, rig

from kiosk.errors import DeviceError
from kiosk.ports import Reading, ReadingKind, ReadingStatus

OK, MOTION = ReadingStatus.OK, ReadingStatus.MOTION


@pytest.mark.parametrize("protocol", SCALES)
def test_stable_weight_in_grams(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        r.sim.control("weight 1.25")
        got = r.wait_for(lambda x: x.stable and x.value == 1250.0)
        assert got.kind is ReadingKind.WEIGHT and got.unit == "g" and got.status is OK
        assert dict(got.extra)["display_unit"] in ("kg", "g")
        assert got.raw  # the exact frame travels with the reading


@pytest.mark.parametrize("protocol", SCALES)
def test_moving_weight_is_motion_never_stable(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        r.sim.control("weight 2")
        r.sim.control("unstable")
        # frames already on their way were weighed before the change; from the first moving
        # one on, every reading must be motion
        r.wait_for(lambda x: x.status is MOTION)
        for _ in range(6):
            got = r.wait_for(lambda x: True)
            if protocol == "mt-sics" and got.status is ReadingStatus.ERROR:
                continue  # never happens with SI, but S I would be an error, not a weight
            assert got.status is MOTION and not got.stable
        r.sim.control("stable")
        r.wait_for(lambda x: x.stable and x.value == 2000.0)


@pytest.mark.parametrize("protocol", SCALES)
def test_overload_never_becomes_a_number(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        r.sim.control("weight 1")
        r.wait_for(lambda x: x.stable)
        r.sim.control("overload")
        got = r.wait_for(lambda x: x.status is ReadingStatus.OVERLOAD)
        assert got.value is None and not got.stable


@pytest.mark.parametrize("protocol", ["mt-sics", "toledo-8217", "aclas", "continuous"])
def test_underload(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        r.sim.control("underload")
        got = r.wait_for(lambda x: x.status is ReadingStatus.UNDERLOAD)
        assert got.value is None


@pytest.mark.parametrize("protocol", ["mt-sics", "toledo-8217", "aclas", "continuous"])
def test_underload_after_overload_and_back(protocol: str, tmp_path: Path) -> None:
    """The simulator's control words switch between the two states (one does not mask the other)."""
    with rig(protocol, tmp_path) as r:
        r.sim.control("overload")
        r.wait_for(lambda x: x.status is ReadingStatus.OVERLOAD)
        r.sim.control("underload")
        r.wait_for(lambda x: x.status is ReadingStatus.UNDERLOAD)
        r.sim.control("overload")
        r.wait_for(lambda x: x.status is ReadingStatus.OVERLOAD)


@pytest.mark.parametrize("protocol", ["mt-sics", "cas", "aclas", "continuous"])
def test_negative_weight(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        r.sim.control("grams -120")
        got = r.wait_for(lambda x: x.stable)
        assert got.value == -120.0


def test_toledo_never_sends_a_negative_weight(tmp_path: Path) -> None:
    with rig("toledo-8217", tmp_path) as r:
        r.sim.control("grams -120")
        got = r.wait_for(lambda x: x.status is not OK and x.status is not MOTION)
        assert got.status is ReadingStatus.UNDERLOAD and got.raw == b"\x02?D\r"


@pytest.mark.parametrize(
    "protocol,tare_bytes,zero_bytes",
    [
        ("mt-sics", b"T\r\n", b"Z\r\n"),
        ("toledo-8217", b"T", b"Z"),
        ("cas", b"<TK>\t", b"<ZK>\t"),
    ],
)
def test_tare_and_zero_commands(
    protocol: str, tare_bytes: bytes, zero_bytes: bytes, tmp_path: Path
) -> None:
    with rig(protocol, tmp_path) as r:
        r.sim.control("weight 0.5")
        r.wait_for(lambda x: x.stable and x.value == 500.0)
        r.worker.command("tare")
        r.wait_for(lambda x: x.stable and x.value == 0.0)
        assert tare_bytes in r.sim.received
        r.sim.control("weight 0.8")
        r.wait_for(lambda x: x.stable and x.value == 300.0)  # net of the 500 g tare
        r.sim.control("weight 0.1")  # zero is set only near the power-on zero (±2 % of capacity)
        # net -400 g; Toledo never sends a negative weight and says "under zero" instead
        r.wait_for(
            lambda x: (x.stable and x.value == -400.0) or x.status is ReadingStatus.UNDERLOAD
        )
        r.worker.command("zero")
        r.wait_for(lambda x: x.stable and x.value == 0.0)  # zero also clears the tare
        assert zero_bytes in r.sim.received


@pytest.mark.parametrize("protocol", ["mt-sics", "toledo-8217", "cas"])
def test_zero_outside_the_zero_range_is_refused(protocol: str, tmp_path: Path) -> None:
    """1 kg on the pan is far outside ±2 % of capacity: the scale keeps its zero. MT-SICS says
    so (`Z +` → an error reading in words); the others have no reply and just keep weighing."""
    with rig(protocol, tmp_path) as r:
        r.sim.control("weight 1")
        r.wait_for(lambda x: x.stable and x.value == 1000.0)
        r.worker.command("zero")
        if protocol == "mt-sics":
            refused = r.wait_for(lambda x: x.status is ReadingStatus.ERROR)
            assert refused.raw == b"Z +\r\n"
            assert (
                dict(refused.extra)["error"]
                == "zero refused: the load is above the zero-setting range"
            )
        else:
            r.wait_for(lambda x: len(r.sim.received) > 0 and b"Z" in r.sim.received)
        r.wait_for(lambda x: x.stable and x.value == 1000.0)
        assert r.sim.speaker.model.zero_g == 0.0  # type: ignore[attr-defined]


@pytest.mark.parametrize("state,reply", [("overload", b"T +\r\n"), ("underload", b"T -\r\n")])
def test_mt_sics_tare_in_overload_or_underload_is_refused(
    state: str, reply: bytes, tmp_path: Path
) -> None:
    with rig("mt-sics", tmp_path) as r:
        r.sim.control("weight 0.05")
        r.sim.control(state)
        r.wait_for(lambda x: x.status.value == state)
        r.worker.command("tare")
        refused = r.wait_for(lambda x: x.status is ReadingStatus.ERROR)
        assert refused.raw == reply and "tare refused" in dict(refused.extra)["error"]


@pytest.mark.parametrize("protocol", ["aclas", "continuous"])
def test_listen_only_scales_have_no_commands_but_report_net(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        with pytest.raises(DeviceError, match="no 'tare' command"):
            r.worker.command("tare")
        r.sim.control("weight 0.5")
        r.sim.control("tare")
        got = r.wait_for(lambda x: x.stable and x.value == 0.0)
        # each protocol says "net" its own way: ACLAS with its tare flag, the continuous
        # format with NT instead of GS
        key, value = {"aclas": ("tare", "true"), "continuous": ("mode", "net")}[protocol]
        assert dict(got.extra)[key] == value


@pytest.mark.parametrize(
    "protocol,code,raw_part",
    [
        ("mt-sics", "ES", b"ES\r\n"),
        ("mt-sics", "EL", b"EL\r\n"),
        ("mt-sics", "busy", b"S I\r\n"),
        ("mt-sics", "module", b"Error 3"),
        ("toledo-8217", "x", b"\x02?H\r"),
        ("cas", "x", b"\x15"),
        ("aclas", "x", b"\x01\x02"),
        ("continuous", "x", b"garbage"),
    ],
)
def test_error_replies_are_status_error_with_raw(
    protocol: str, code: str, raw_part: bytes, tmp_path: Path
) -> None:
    with rig(protocol, tmp_path) as r:
        r.sim.control("weight 1")
        r.wait_for(lambda x: x.stable)
        r.sim.control(f"error {code}")
        got = r.wait_for(lambda x: x.status is ReadingStatus.ERROR)
        assert got.value is None and raw_part in got.raw
        assert dict(got.extra)["error"]
        r.sim.control("ok")
        r.wait_for(lambda x: x.stable and x.value == 1000.0)


def test_mt_sics_exact_poll_bytes(tmp_path: Path) -> None:
    with rig("mt-sics", tmp_path) as r:
        r.wait_for(lambda x: x.stable)
        # I2 once on connect (the display division), then the SI polls
        assert r.sim.received.startswith(b"I2\r\nSI\r\nSI\r\n")


def test_cas_polls_enq_then_dc1(tmp_path: Path) -> None:
    with rig("cas", tmp_path) as r:
        r.wait_for(lambda x: x.stable)
        assert r.sim.received.startswith(b"\x05\x11\x05\x11")


def test_toledo_probe_reply_is_not_a_reading(tmp_path: Path) -> None:
    with rig("toledo-8217", tmp_path) as r:
        r.sim.control("weight 1")
        r.wait_for(lambda x: x.stable)
        r.worker.command("clear")
        r.sim.send(b"\x02E\rhello")  # what a probe answer looks like on the wire
        got = r.wait_for(lambda x: x.stable and x.value == 1000.0)
        assert all(x.status is not ReadingStatus.ERROR for x in r.seen[-3:]), got


@pytest.mark.parametrize("protocol", (*SCALES, "brix", "pesticide", "atago-prm"))
def test_noise_is_error_then_readings_continue(protocol: str, tmp_path: Path) -> None:
    with rig(protocol, tmp_path) as r:
        r.wait_for(lambda x: x.status is OK)
        r.sim.send(b"\xff\xfe\x00garbage\x13\x07")
        r.sim.send(b"\x8f\x01\x02\x03\n")
        r.wait_for(lambda x: x.status is ReadingStatus.ERROR and len(x.raw) > 0)
        r.wait_for(lambda x: x.status is OK)


def has_code(reading: Reading, code: str) -> bool:
    return dict(reading.extra).get("code") == code


def test_brix_line_values_and_errors(tmp_path: Path) -> None:
    with rig("brix", tmp_path, line_period=0.05) as r:
        r.sim.control("temp 21.5")
        r.sim.control("brix 13.2")
        got = r.wait_for(lambda x: x.value == 13.2)
        extra = dict(got.extra)
        assert got.kind is ReadingKind.BRIX and got.unit == "%Brix" and got.stable
        assert extra["temperature_c"] == "21.5" and extra["atc"] == "ATC"
        assert got.raw.startswith(b"BRX,") and got.raw.endswith(b"\r\n")
        for code in ("E01", "E02", "HI", "LO"):
            r.sim.control(f"code {code}")
            bad = r.wait_for(partial(has_code, code=code))
            assert bad.status is ReadingStatus.ERROR and bad.value is None
        r.sim.control("code OK")
        r.sim.control("badsum")
        bad = r.wait_for(lambda x: x.status is ReadingStatus.ERROR)
        assert dict(bad.extra)["error"] == "checksum mismatch"


def test_atago_line(tmp_path: Path) -> None:
    with rig("atago-prm", tmp_path) as r:
        r.sim.control("brix 9.4")
        got = r.wait_for(lambda x: x.value == 9.4)
        assert dict(got.extra)["channel"] == "1" and dict(got.extra)["temperature_c"] == "023.40"
        r.sim.control("code HI")
        bad = r.wait_for(lambda x: x.status is ReadingStatus.ERROR)
        assert bad.raw.startswith(b"-.-----")


def test_pesticide_control_and_result_lines(tmp_path: Path) -> None:
    with rig("pesticide", tmp_path, line_period=5.0) as r:
        r.sim.control("control 0.512")
        ctl = r.wait_for(lambda x: dict(x.extra).get("record") == "control")
        assert dict(ctl.extra)["dA0"] == "0.512" and dict(ctl.extra)["control"] == "OK"
        r.sim.control("sample S0007 0.230")
        got = r.wait_for(lambda x: dict(x.extra).get("sample_id") == "S0007")
        extra = dict(got.extra)
        assert got.value == 55.1 and got.unit == "%" and extra["reader_verdict"] == "POS"
        assert extra["dA0"] == "0.512" and extra["dAt"] == "0.230"
        r.sim.control("badsum")
        r.sim.control("sample S0008 0.500")
        bad = r.wait_for(lambda x: x.status is ReadingStatus.ERROR)
        assert b"S0008" in bad.raw
