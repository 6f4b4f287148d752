"""The live-mode pictures `make screenshots` cannot take inside the shell: the on-air window
(chroma green, 1920×1080, as a camera or OBS window capture sees it) and the OBS overlay page
as headless chromium renders it (transparent; shown here on a dark checker so it can be seen).
Usage: `QT_QPA_PLATFORM=offscreen python scripts/live_shots.py` → docs/screenshots/.
The live screen's own states come from scripts/screenshots.py (ui/live/shots.py)."""

from __future__ import annotations

import os
import socket
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "drivers" / "overlay"))

from PIL import Image  # noqa: E402

from drivers.overlay.server import OverlayServer  # noqa: E402
from kiosk.readings.live import Instrument, LiveItem, LiveSnapshot, Spread  # noqa: E402
from ui.app import install_translator, qt_app  # noqa: E402
from ui.live.onair import OnAirWindow  # noqa: E402
from ui.qt import QApplication  # noqa: E402
from ui.words.live import frame_of  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def sample_snapshot() -> LiveSnapshot:
    item = LiveItem(
        "r-1",
        "brix",
        12.8,
        "%Brix",
        "extra_sweet",
        "good",
        "LKR1.x.y",
        "5LTH-K6PY",
        False,
        Instrument("refractometer", "SIM-BRIX/1", "BRX-0001"),
        datetime.now(UTC),
    )
    return LiveSnapshot(
        "live-demo",
        "草莓",
        "B-0601",
        operator_id="S-002",
        items=(item,),
        spreads={"brix": Spread(3, 12.5, 0.3, 12.2, 12.8, "%Brix")},
    )


def onair_picture(lang: str) -> Path:
    window = OnAirWindow()
    window.show_frame(frame_of(sample_snapshot(), 1))
    window.show()
    for _ in range(5):
        QApplication.processEvents()
    path = OUT / f"{lang}-1920x1080-live-onair.png"
    window.grab().save(str(path))
    window.close()
    return path


def overlay_picture(lang: str) -> Path:
    from overlay_chromium import Browser

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = OverlayServer(port=port)
    server.publish(frame_of(sample_snapshot(), 1))
    server.start()
    raw = Path(tempfile.mkdtemp(prefix="linli-overlay-shot.")) / "overlay.png"
    browser = Browser(server.url, raw.parent / "chromium")
    try:
        browser.wait_for("document.getElementById('value').textContent.length > 0")
        browser.screenshot(raw)
    finally:
        browser.close()
        server.stop()
    path = OUT / f"{lang}-1920x1080-live-overlay.png"
    on_checker(raw, path)
    return path


def on_checker(raw: Path, path: Path) -> None:
    with Image.open(raw) as page:
        rgba = page.convert("RGBA")
        checker = Image.new("RGBA", rgba.size, (60, 60, 60, 255))  # where OBS shows the scene
        for y in range(0, rgba.size[1], 40):
            for x in range((y // 40) % 2 * 40, rgba.size[0], 80):
                checker.paste((90, 90, 90, 255), (x, y, x + 40, y + 40))
        Image.alpha_composite(checker, rgba).convert("RGB").save(path)


def offline_picture(lang: str) -> Path:
    """The Local-file page with no kiosk running: only the small "not connected" badge."""
    from overlay_chromium import Browser

    scratch = Path(tempfile.mkdtemp(prefix="linli-overlay-off."))
    page = OverlayServer(port=9).write_page(scratch)  # port 9 (discard): nobody answers
    raw = scratch / "offline.png"
    browser = Browser(page.as_uri(), scratch / "chromium")
    try:
        browser.wait_for("document.body.classList.contains('offline')")
        browser.screenshot(raw)
    finally:
        browser.close()
    path = OUT / f"{lang}-1920x1080-live-overlay-offline.png"
    on_checker(raw, path)
    return path


def main() -> int:
    app = qt_app()
    OUT.mkdir(parents=True, exist_ok=True)
    lang = "zh_CN"
    install_translator(app, lang)
    for made in (onair_picture(lang), overlay_picture(lang), offline_picture(lang)):
        print(made.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
