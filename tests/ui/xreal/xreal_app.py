"""The real kiosk on an X display, for the real-window tests: `main.build_context(demo=True)`
and `ui.app.build_ui`, exactly what `kiosk run --demo` starts (demo store, virtual printer,
simulated instruments, the wedge scanner on real X key events), plus one piece of test
instrumentation: every 40 ms it writes to a JSON file where each named widget is on the
screen (global centre, size), what it says, whether it is enabled, who has the focus and,
for the pickup screen, what it has painted. The test clicks real coordinates and waits on
what the clerk would read. Usage: xreal_app.py DATA_DIR STATE_JSON LANG
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import main
from ui.app import build_ui, qt_app
from ui.qt import QTimer, QWidget


def report(state: Path, ui: Any) -> None:
    app = qt_app()
    widgets: dict[str, object] = {}
    for w in app.allWidgets():
        name = w.objectName()
        if not name or not w.isVisible() or name.startswith("qt_"):
            continue
        center = w.mapToGlobal(w.rect().center())
        text = w.text() if hasattr(w, "text") and callable(w.text) else ""
        widgets[name] = {
            "x": center.x(),
            "y": center.y(),
            "w": w.width(),
            "h": w.height(),
            "text": text if isinstance(text, str) else "",
            "enabled": w.isEnabled(),
        }
    window = ui.window
    current = window.stack.currentWidget()
    pickup = window.screens.get("pickup")
    doc: dict[str, Any] = {
        "ready": True,
        "pid": os.getpid(),
        "screen": getattr(current, "screen_id", ""),
        "active": window.isActiveWindow(),
        "focus": (app.focusWidget().objectName() if isinstance(app.focusWidget(), QWidget) else ""),
        "widgets": widgets,
    }
    if pickup is not None:
        snap = pickup.snap
        doc["pickup"] = {
            "drawn": pickup.drawn,
            "pending": pickup.pending_ops,
            "step": snap.step.value,
            "verdict": snap.verdict.verdict if snap.verdict else "",
            "order": snap.order.order_id if snap.order else "",
            "keys_fed": ui.router.keys_fed,
        }
    tmp = state.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    os.replace(tmp, state)


def run() -> int:
    data_dir, state, lang = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    kiosk = main.build_context(data_dir, demo=True)
    app = qt_app()
    ui = build_ui(kiosk, language=lang)
    ui.window.setGeometry(0, 0, 1366, 768)
    ui.window.show()
    ui.window.raise_()
    ui.window.activateWindow()
    # the log says what each scan was (why a test waited in vain on a counter)
    ui.ctx.hooks.scan_did_arrive.connect(
        lambda scan: print(f"scan: {scan.text!r} problem={scan.problem}", flush=True)
    )
    timer = QTimer()
    timer.timeout.connect(lambda: report(state, ui))
    timer.start(40)
    try:
        return app.exec()
    finally:
        ui.shutdown()
        kiosk.close()


if __name__ == "__main__":
    sys.exit(run())
