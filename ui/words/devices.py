"""Device and sync status in words: a DeviceStatus carries a `code` and `params` (set by the
driver at the line that sets the status); this module turns them into translated text. A
status without a code is worded by its state only, never by its English message."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kiosk.ports import DeviceState, DeviceStatus, SyncStatus
from ui.qt import QCoreApplication

CTX = "devices"


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def _fill(text: str, params: Mapping[str, Any]) -> str:
    """Qt-style %1..%n are awkward for named params: {name} placeholders are filled here
    after translation, so the glossary keeps them."""
    for key, value in params.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def state_word(state: DeviceState) -> str:
    """One short word for the status bar."""
    words: dict[DeviceState, Callable[[], str]] = {
        DeviceState.ONLINE: lambda: _t("ready"),
        DeviceState.WAITING: lambda: _t("waiting"),
        DeviceState.CONNECTING: lambda: _t("connecting"),
        DeviceState.OFFLINE: lambda: _t("offline"),
        DeviceState.ERROR: lambda: _t("needs attention"),
        DeviceState.DISABLED: lambda: _t("off"),
    }
    return words[state]()


def kind_word(kind: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "sync": lambda: _t("Sync"),
        "printer": lambda: _t("Printer"),
        "print_queue": lambda: _t("Receipts"),
        "scanner": lambda: _t("Scanner"),
        "camera": lambda: _t("Camera"),
        "scale": lambda: _t("Scale"),
        "instrument": lambda: _t("Instrument"),
    }
    return words.get(kind, lambda: _t("Device"))()


def _messages() -> dict[str, str]:
    """Every device code → its sentence (English source; {param} placeholders)."""
    return {
        # printer
        "printer_ready": _t("The printer is ready."),
        "paper_out": _t("The printer is out of paper: put in a new roll."),
        "paper_low": _t("The paper roll is nearly empty: have a new one at hand."),
        "cover_open": _t("The printer cover is open: close it."),
        "printer_unreachable": _t("The printer does not answer: check its power and cable."),
        "printer_error": _t("The printer reported a problem: switch it off and on."),
        # receipt queue
        "slips_waiting": _t("{waiting} receipt(s) waiting to print."),
        "slips_failed": _t("{waiting} receipt(s) could not print yet: check the printer."),
        "slips_done": _t("All receipts printed."),
        "slip_not_queued": _t("A receipt could not be queued: reprint it from the order."),
        # scanners
        "listening": _t("Scan anywhere: the handheld scanner is listened to in every screen."),
        "scanner_ready": _t("The scanner is ready."),
        "scanner_opening": _t("Opening the scanner…"),
        "scanner_missing": _t("No scanner found: check its cable; trying again."),
        "scanner_unplugged": _t("The scanner was unplugged: plug it in again."),
        "scanner_long_line": _t("The scanner sent a line with no end: check its settings."),
        "scan_problem": _t("The last scan looked wrong: check the scanner's keyboard settings."),
        "wrong_layout": _t("The scanner types with another keyboard layout: set it to US."),
        "full_width": _t("A Chinese input method is on: switch it to English (Shift)."),
        "chinese_ime": _t("A Chinese input method is on: switch it to English (Shift)."),
        "truncated": _t("The last scan was cut short: scan again."),
        "garbled": _t("The last scan had stray characters: scan again."),
        # camera
        "camera_opening": _t("Opening the camera…"),
        "camera_on": _t("The camera is on: show a code to it."),
        "camera_missing": _t("No camera found: is it plugged in? Trying again."),
        "camera_stalled": _t("The camera stopped sending pictures: trying again."),
        # instruments
        "instrument_opening": _t("Opening {device}…"),
        "instrument_waiting": _t("Connected; waiting for the first reading."),
        "instrument_reading": _t("Reading."),
        "instrument_unreadable": _t("Receiving data it cannot read: check the instrument's settings."),
        "instrument_missing": _t("Not reachable: check its cable; trying again."),
        "instrument_silent": _t("No reading for a while: is it switched on?"),
        # common
        "stopped": _t("Stopped."),
        "not_started": _t("Not started."),
        "not_configured": _t("Not set up: see the settings screen."),
    }


def status_sentence(status: DeviceStatus) -> str:
    """The detail line shown when a chip is tapped."""
    text = _messages().get(status.code) if status.code else None
    if text is None:
        return state_sentence(status.state)
    params = dict(status.params)
    return _fill(text, params)


def state_sentence(state: DeviceState) -> str:
    words: dict[DeviceState, Callable[[], str]] = {
        DeviceState.ONLINE: lambda: _t("Working."),
        DeviceState.WAITING: lambda: _t("Connected, waiting."),
        DeviceState.CONNECTING: lambda: _t("Connecting…"),
        DeviceState.OFFLINE: lambda: _t("Not reachable; trying again by itself."),
        DeviceState.ERROR: lambda: _t("Needs a person: check the device."),
        DeviceState.DISABLED: lambda: _t("Not set up or switched off."),
    }
    return words[state]()


def sync_state(status: SyncStatus) -> DeviceState:
    """The sync chip's colour."""
    if not status.enrolled or status.needs_reenroll:
        return DeviceState.ERROR if status.needs_reenroll else DeviceState.DISABLED
    if status.conflicts:
        return DeviceState.ERROR
    return DeviceState.ONLINE if status.online else DeviceState.OFFLINE


def sync_word(status: SyncStatus) -> str:
    if not status.enrolled:
        return _t("not enrolled")
    if status.needs_reenroll:
        return _t("enroll again")
    if status.conflicts:
        return _fill(_t("{n} to check"), {"n": status.conflicts})
    if status.events_waiting:
        return _fill(_t("{n} waiting"), {"n": status.events_waiting})
    return _t("in sync") if status.online else _t("offline")


def sync_sentence(status: SyncStatus, last_sync: str = "") -> str:
    """The detail of the sync chip: never a command line, always what a person can do."""
    if not status.enrolled:
        return _t("This kiosk is not connected to the platform yet: a manager enters the "
                  "enrollment code on the settings screen.")
    if status.needs_reenroll:
        return _t("The platform no longer accepts this kiosk: a manager enters a new "
                  "enrollment code on the settings screen.")
    parts = [_t("Online.") if status.online else _t("Offline: pickups are kept and sent later.")]
    parts.append(_fill(_t("{n} event(s) waiting to be sent."), {"n": status.events_waiting}))
    parts.append(_fill(_t("Last sync: {when}."), {"when": last_sync}) if last_sync
                 else _t("Not synced yet."))
    if status.conflicts:
        parts.append(_fill(_t("{n} need(s) a manager on the sync screen."), {"n": status.conflicts}))
    return " ".join(parts)
