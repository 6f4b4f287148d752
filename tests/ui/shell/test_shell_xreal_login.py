"""The real window under Xvfb with real X input (PICKUP's harness, tests/ui/xreal): the
clerk locks the counter, then the manager logs in by clicking their tile and the keys of
the touch pad; a wrong PIN first is refused in plain Chinese."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "xreal"))

from xreal_kiosk import demo_store, real_kiosk


def test_login_with_the_touch_pad_by_clicks(tmp_path: Path) -> None:
    data = demo_store(tmp_path / "data")
    with real_kiosk(data, tmp_path) as k:
        k.wait(lambda d: d.get("screen") == "pickup", "the demo opens on pickup, logged in")
        k.click("navLock")
        k.wait(
            lambda d: d.get("screen") == "" and "staff-S-002" in d.get("widgets", {}),
            "the login screen with the staff tiles",
        )
        pins = json.loads((data / "demo" / "pins.json").read_text("utf-8"))
        k.click("staff-S-002")
        for digit in "0000":
            k.click(f"numpadKey{digit}")
        k.click("numpadOk")
        k.wait(
            lambda d: "密码不对" in d.get("widgets", {}).get("pinMessage", {}).get("text", ""),
            "a wrong PIN refused in words",
        )
        assert k.state()["screen"] == ""
        for digit in pins["S-002"]:
            k.click(f"numpadKey{digit}")
        k.click("numpadOk")
        doc = k.wait(lambda d: d.get("screen") == "pickup", "the manager at the counter")
        assert doc["widgets"]["navClerk"]["text"].startswith("陈*伟")
        assert "nav-settings" in doc["widgets"], "a manager sees the settings"
