"""Settings in words: field labels, section titles, choice names and validation problems."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.settings import SettingProblem
from ui.qt import QCoreApplication

CTX = "settings"


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def section_title(section: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "ui": lambda: _t("Screen and sound"),
        "printer": lambda: _t("Receipt printer"),
        "scanner": lambda: _t("Scanners"),
        "camera": lambda: _t("Camera"),
        "instruments": lambda: _t("Scales and instruments"),
        "server": lambda: _t("Central platform"),
        "pickup": lambda: _t("Pickup rules"),
    }
    return words.get(section, lambda: section)()


def field_label(name: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "language": lambda: _t("Language"),
        "kiosk_mode": lambda: _t("Kiosk mode (fullscreen, a manager PIN leaves it)"),
        "idle_lock_min": lambda: _t("Lock after this many idle minutes (0: never)"),
        "self_service": lambda: _t("Self-service: the customer scans at the camera"),
        "sounds": lambda: _t("A sound for each result"),
        "speech": lambda: _t("Spoken prompts"),
        "volume": lambda: _t("Volume (0 to 100)"),
        "printer_uri": lambda: _t("Printer address (tcp://192.168.1.50:9100, usb:…)"),
        "printer_paper": lambda: _t("Paper width"),
        "printer_cjk": lambda: _t("Chinese text"),
        "receipt_policy": lambda: _t("Print a receipt"),
        "scanner_max_gap_ms": lambda: _t("Longest pause inside one scan (ms)"),
        "scanner_min_length": lambda: _t("Shortest scan (characters)"),
        "scanner_end_pause_ms": lambda: _t("Scanner sends no Enter: a pause ends the scan (ms, 0: off)"),
        "scanner_duplicate_window_s": lambda: _t("Same code again within (seconds) is one scan"),
        "serial_scanner_port": lambda: _t("Serial scanner port (/dev/ttyACM0, COM3)"),
        "camera": lambda: _t("Camera (0, 1… or a stream address)"),
        "camera_preview": lambda: _t("Show the camera picture"),
        "instruments": lambda: _t("Instruments"),
        "server_url": lambda: _t("Platform address (https://…)"),
        "reversal_window_min": lambda: _t("Undo a pickup within (minutes)"),
        "provisional_pickup": lambda: _t("Genuine code, order not synced yet"),
        "overdue_days": lambda: _t("Overdue after (days)"),
    }
    return words.get(name, lambda: name)()


def choice_word(name: str, value: object) -> str:
    words: dict[tuple[str, object], Callable[[], str]] = {
        ("language", "zh_CN"): lambda: "简体中文",
        ("language", "en"): lambda: "English",
        ("printer_paper", 58): lambda: _t("58 mm"),
        ("printer_paper", 80): lambda: _t("80 mm"),
        ("printer_cjk", "native"): lambda: _t("The printer's own Chinese font"),
        ("printer_cjk", "raster"): lambda: _t("Drawn as a picture (any printer)"),
        ("receipt_policy", "always"): lambda: _t("Always"),
        ("receipt_policy", "ask"): lambda: _t("Ask each time"),
        ("receipt_policy", "never"): lambda: _t("Never"),
        ("provisional_pickup", "refuse"): lambda: _t("Do not hand out; come back later"),
        ("provisional_pickup", "allow"): lambda: _t("Hand out provisionally, check the items"),
    }
    return words.get((name, value), lambda: str(value))()


def problem_text(problem: SettingProblem) -> str:
    """A validation problem in plain words, naming the setting."""
    params = dict(problem.params)
    label = field_label(problem.field) if problem.field else _t("The settings file")
    if problem.code == "range":
        text = _t("%1: use a number from %2 to %3.")
        return text.replace("%1", label).replace("%2", str(params.get("min"))).replace(
            "%3", str(params.get("max")))
    texts: dict[str, Callable[[], str]] = {
        "type": lambda: _t("%1: this is not a valid value here."),
        "choice": lambda: _t("%1: pick one of the offered choices."),
        "uri": lambda: _t("%1: start with tcp://, usb:, serial: or file:."),
        "url": lambda: _t("%1: start with http:// or https://."),
        "camera": lambda: _t("%1: a camera number (0, 1…) or an address with ://."),
        "instrument": lambda: _t("%1: each instrument needs a name, a protocol and a port."),
        "unknown": lambda: _t("%1: this setting is not known and was ignored."),
        "file": lambda: _t("%1 could not be read; the defaults are used until it is saved again."),
    }
    return texts.get(problem.code, texts["type"])().replace("%1", label)


def enroll_message(code: str, store: str = "") -> str:
    texts: dict[str, Callable[[], str]] = {
        "ok": lambda: _t("Enrolled: this kiosk now syncs with the platform as store %1."),
        "no_server": lambda: _t("Enter the platform address first."),
        "no_code": lambda: _t("Enter the enrollment code the platform gave you."),
        "busy": lambda: _t("Enrolling…"),
        "unavailable": lambda: _t("Enrollment is not available in this build."),
    }
    return texts.get(code, texts["unavailable"])().replace("%1", store)


def saved_message(restart: bool) -> str:
    if restart:
        return _t("Saved. Device changes take effect at the next start of the kiosk.")
    return _t("Saved.")
