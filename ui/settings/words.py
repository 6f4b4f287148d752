"""Settings in words: field labels, section titles, choice names and validation problems."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.settings import SettingProblem
from ui.words import translate


def section_title(section: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "ui": lambda: translate("settings", "Screen and sound"),
        "printer": lambda: translate("settings", "Receipt printer"),
        "scanner": lambda: translate("settings", "Scanners"),
        "camera": lambda: translate("settings", "Camera"),
        "instruments": lambda: translate("settings", "Scales and instruments"),
        "server": lambda: translate("settings", "Central platform"),
        "pickup": lambda: translate("settings", "Pickup rules"),
        "checkin": lambda: translate("settings", "Check-in: cold chain and bins"),
        "overlay": lambda: translate("settings", "Live test: OBS overlay"),
    }
    return words.get(section, lambda: section)()


def field_label(name: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "language": lambda: translate("settings", "Language"),
        "kiosk_mode": lambda: translate(
            "settings", "Kiosk mode (fullscreen, a manager PIN leaves it)"
        ),
        "idle_lock_min": lambda: translate(
            "settings", "Lock after this many idle minutes (0: never)"
        ),
        "self_service": lambda: translate(
            "settings", "Self-service: the customer scans at the camera"
        ),
        "sounds": lambda: translate("settings", "A sound for each result"),
        "speech": lambda: translate("settings", "Spoken prompts"),
        "volume": lambda: translate("settings", "Volume (0 to 100)"),
        "printer_uri": lambda: translate(
            "settings", "Printer address (tcp://192.168.1.50:9100, usb:…)"
        ),
        "printer_paper": lambda: translate("settings", "Paper width"),
        "printer_cjk": lambda: translate("settings", "Chinese text"),
        "receipt_policy": lambda: translate("settings", "Print a receipt"),
        "scanner_max_gap_ms": lambda: translate("settings", "Longest pause inside one scan (ms)"),
        "scanner_min_length": lambda: translate("settings", "Shortest scan (characters)"),
        "scanner_end_pause_ms": lambda: translate(
            "settings", "Scanner sends no Enter: a pause ends the scan (ms, 0: off)"
        ),
        "scanner_duplicate_window_s": lambda: translate(
            "settings", "Same code again within (seconds) is one scan"
        ),
        "serial_scanner_port": lambda: translate(
            "settings", "Serial scanner port (/dev/ttyACM0, COM3)"
        ),
        "camera": lambda: translate("settings", "Camera (0, 1… or a stream address)"),
        "camera_preview": lambda: translate("settings", "Show the camera picture"),
        "instruments": lambda: translate("settings", "Instruments"),
        "server_url": lambda: translate("settings", "Platform address (https://…)"),
        "reversal_window_min": lambda: translate("settings", "Undo a pickup within (minutes)"),
        "provisional_pickup": lambda: translate("settings", "Genuine code, order not synced yet"),
        "overdue_days": lambda: translate("settings", "Overdue after (days)"),
        "chilled_min_c": lambda: translate("settings", "Chilled goods: lowest temperature (°C)"),
        "chilled_max_c": lambda: translate("settings", "Chilled goods: highest temperature (°C)"),
        "frozen_min_c": lambda: translate("settings", "Frozen goods: lowest temperature (°C)"),
        "frozen_max_c": lambda: translate("settings", "Frozen goods: highest temperature (°C)"),
        "bin_capacity": lambda: translate("settings", "Bags per bin before the next bin is used"),
        "overlay_host": lambda: translate(
            "settings", "Overlay address (127.0.0.1: this PC only; 0.0.0.0: the shop's network)"
        ),
        "overlay_port": lambda: translate("settings", "Overlay port (8790)"),
        "overlay_token": lambda: translate(
            "settings", "Overlay password (token; needed for the shop's network)"
        ),
    }
    return words.get(name, lambda: name)()


def choice_word(name: str, value: object) -> str:
    words: dict[tuple[str, object], Callable[[], str]] = {
        ("language", "zh_CN"): lambda: "简体中文",
        ("language", "en"): lambda: "English",
        ("printer_paper", 58): lambda: translate("settings", "58 mm"),
        ("printer_paper", 80): lambda: translate("settings", "80 mm"),
        ("printer_cjk", "native"): lambda: translate("settings", "The printer's own Chinese font"),
        ("printer_cjk", "raster"): lambda: translate(
            "settings", "Drawn as a picture (any printer)"
        ),
        ("receipt_policy", "always"): lambda: translate("settings", "Always"),
        ("receipt_policy", "ask"): lambda: translate("settings", "Ask each time"),
        ("receipt_policy", "never"): lambda: translate("settings", "Never"),
        ("provisional_pickup", "refuse"): lambda: translate(
            "settings", "Do not hand out; come back later"
        ),
        ("provisional_pickup", "allow"): lambda: translate(
            "settings", "Hand out provisionally, check the items"
        ),
    }
    return words.get((name, value), lambda: str(value))()


def problem_text(problem: SettingProblem) -> str:
    """A validation problem in plain words, naming the setting."""
    params = dict(problem.params)
    label = (
        field_label(problem.field) if problem.field else translate("settings", "The settings file")
    )
    if problem.code == "range":
        text = translate("settings", "%1: use a number from %2 to %3.")
        return (
            text.replace("%1", label)
            .replace("%2", str(params.get("min")))
            .replace("%3", str(params.get("max")))
        )
    texts: dict[str, Callable[[], str]] = {
        "type": lambda: translate("settings", "%1: this is not a valid value here."),
        "choice": lambda: translate("settings", "%1: pick one of the offered choices."),
        "uri": lambda: translate("settings", "%1: start with tcp://, usb:, serial: or file:."),
        "url": lambda: translate("settings", "%1: start with http:// or https://."),
        "camera": lambda: translate(
            "settings", "%1: a camera number (0, 1…) or an address with ://."
        ),
        "instrument": lambda: translate(
            "settings", "%1: each instrument needs a name, a protocol and a port."
        ),
        "unknown": lambda: translate("settings", "%1: this setting is not known and was ignored."),
        "file": lambda: translate(
            "settings", "%1 could not be read; the defaults are used until it is saved again."
        ),
        "band": lambda: translate(
            "settings", "%1: must be above the lowest temperature of the same goods."
        ),
        "host": lambda: translate(
            "settings", "%1: an address like 127.0.0.1, 0.0.0.0 or 192.168.1.20, without http://."
        ),
        "token": lambda: translate(
            "settings",
            "%1: an overlay other PCs can reach needs a password: type a long word with no spaces.",
        ),
    }
    return texts.get(problem.code, texts["type"])().replace("%1", label)


def enroll_message(code: str, store: str = "") -> str:
    texts: dict[str, Callable[[], str]] = {
        "ok": lambda: translate(
            "settings", "Enrolled: this kiosk now syncs with the platform as store %1."
        ),
        "no_server": lambda: translate("settings", "Enter the platform address first."),
        "no_code": lambda: translate(
            "settings", "Enter the enrollment code the platform gave you."
        ),
        "busy": lambda: translate("settings", "Enrolling…"),
        "unavailable": lambda: translate("settings", "Enrollment is not available in this build."),
    }
    return texts.get(code, texts["unavailable"])().replace("%1", store)


def saved_message(restart: bool) -> str:
    if restart:
        return translate(
            "settings", "Saved. Device changes take effect at the next start of the kiosk."
        )
    return translate("settings", "Saved.")
