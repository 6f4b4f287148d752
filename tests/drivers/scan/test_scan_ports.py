"""Every scanner and decoder fits the ports the GUI and main.py see them through (checked by
mypy on this file, and structurally at run time)."""

from __future__ import annotations

from drivers.scan.backends import ZxingBackend
from drivers.scan.camera import CameraScanner
from drivers.scan.decoder import PipelineDecoder, SingleBackendDecoder
from drivers.scan.serial_scanner import SerialScanner
from drivers.scan.simulator import ImageSource
from drivers.scan.wedge import KeyboardWedgeScanner
from kiosk.ports import DeviceState, HasStatus, QrDecoder, Scanner


def test_scanners_and_decoders_fit_their_ports() -> None:
    decoders: list[QrDecoder] = [PipelineDecoder(), SingleBackendDecoder(ZxingBackend())]
    scanners: list[Scanner] = [
        KeyboardWedgeScanner(),
        SerialScanner("/dev/null-scanner"),
        CameraScanner(ImageSource([]), decoder=decoders[0]),
    ]
    for scanner in scanners:
        assert isinstance(scanner, HasStatus)
        assert scanner.status().state is DeviceState.DISABLED
        assert scanner.status().message == "Not started"
