"""Screenshot states of the devices screen: a test scan from a scanner set to a wrong
keyboard layout, with its diagnosis; a test print; "Check everything" with its findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.ports import ScanEvent, ScanProblem, ScanSource, utcnow
from ui.devices.screen import DevicesScreen
from ui.wait import wait_for

Setup = Callable[[Any], None]


def screenshot_states(ctx: Any) -> list[tuple[str, Setup]]:
    def test_scan(screen: DevicesScreen) -> None:
        screen.on_scan(
            ScanEvent(
                "LK1.eyJvIjoiTEsyNjEyMDEwMDAwMSJ9.c2ln",
                ScanSource.WEDGE,
                utcnow(),
                ScanProblem.WRONG_LAYOUT,
                "",
                raw="LK!.eyJvIjoiTEsyNjEyMDEwMDAwMSJ9.c2ln",
            )
        )

    def test_print(screen: DevicesScreen) -> None:
        screen._test_print()

    def doctor(screen: DevicesScreen) -> None:
        """Check everything: waits (events running) until the findings are listed."""
        screen.check_everything()
        wait_for(lambda: not screen.findings.isHidden(), 20)

    return [("test-scan", test_scan), ("test-print", test_print), ("doctor", doctor)]
