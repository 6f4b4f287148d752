"""The real kiosk (main.build_context + ui.app.build_ui, as `kiosk run --demo` builds it) on
an X display, plus one piece of test instrumentation: every 50 ms it writes where each named
widget is on the screen and what it says to a JSON file, so the test can click real
coordinates and wait on what the clerk would read. Usage: xreal_child.py DATA_DIR STATE_JSON LANG
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import main
from ui.app import build_ui, qt_app
from ui.qt import QTimer, QWidget


def report(state: Path, ui: object) -> None:
    app = qt_app()
    widgets: dict[str, object] = {}
    for w in app.allWidgets():
        name = w.objectName()
        if not name or not w.isVisible() or name.startswith("qt_"):
            continue
        center = w.mapToGlobal(w.rect().center())
        text = w.text() if hasattr(w, "text") and callable(w.text) else ""
        widgets[name] = {"x": center.x(), "y": center.y(), "w": w.width(), "h": w.height(),
                         "text": text if isinstance(text, str) else "",
                         "enabled": w.isEnabled()}
    window = getattr(ui, "window", None)
    stack = getattr(window, "stack", None)
    current = stack.currentWidget() if stack is not None else None
    doc = {"ready": True, "screen": getattr(current, "screen_id", ""),
           "focus": (app.focusWidget().objectName() if isinstance(app.focusWidget(), QWidget)
                     else ""), "widgets": widgets}
    tmp = state.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    os.replace(tmp, state)


def run() -> int:
    data_dir, state, lang = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    kiosk = main.build_context(data_dir, demo=True)
    app = qt_app()
    ui = build_ui(kiosk, language=lang)
    ui.ctx.hooks.scan_did_arrive.connect(
        lambda scan: print(f"scan: {scan.text!r} problem={scan.problem}", flush=True))
    ui.window.setGeometry(0, 0, 1366, 768)
    ui.window.show()
    ui.window.raise_()
    ui.window.activateWindow()
    timer = QTimer()
    timer.timeout.connect(lambda: report(state, ui))
    timer.start(50)
    try:
        return app.exec()
    finally:
        ui.shutdown()
        kiosk.close()


if __name__ == "__main__":
    sys.exit(run())
