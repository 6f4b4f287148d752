"""Simulated instruments on pseudo-terminals, speaking each protocol's exact bytes.

`make_simulator("mt-sics", link=Path("/tmp/scale0"))` gives a started-on-demand simulator;
see engine.Simulator for the control words (`weight 1.234`, `unstable`, `unplug`…).
"""

from __future__ import annotations

from pathlib import Path

from drivers.instruments.simulators.engine import Simulator, Speaker
from drivers.instruments.simulators.sim_lines import AtagoSpeaker, BrixSpeaker, PestSpeaker
from drivers.instruments.simulators.sim_scales import (
    AclasSpeaker,
    CasSpeaker,
    ContinuousSpeaker,
    MtSicsSpeaker,
    ToledoSpeaker,
)
from kiosk.errors import DeviceError, DeviceErrorKind

SPEAKERS: dict[str, type[Speaker]] = {
    "mt-sics": MtSicsSpeaker,
    "toledo-8217": ToledoSpeaker,
    "cas": CasSpeaker,
    "aclas": AclasSpeaker,
    "continuous": ContinuousSpeaker,
    "atago-prm": AtagoSpeaker,
    "brix": BrixSpeaker,
    "pesticide": PestSpeaker,
}
DEVICE_DEFAULTS = {"scale": "mt-sics", "refractometer": "brix", "pesticide": "pesticide"}
DEVICE_PROTOCOLS = {
    "scale": ("mt-sics", "toledo-8217", "cas", "aclas", "continuous"),
    "refractometer": ("atago-prm", "brix"),
    "pesticide": ("pesticide",),
}


def make_simulator(protocol: str, link: Path | None = None) -> Simulator:
    try:
        speaker = SPEAKERS[protocol]()
    except KeyError:
        raise DeviceError(
            DeviceErrorKind.CONFIG,
            f"No simulator for protocol {protocol!r}; known: {', '.join(SPEAKERS)}.",
        ) from None
    return Simulator(speaker, link)


__all__ = [
    "DEVICE_DEFAULTS",
    "DEVICE_PROTOCOLS",
    "SPEAKERS",
    "Simulator",
    "Speaker",
    "make_simulator",
]
