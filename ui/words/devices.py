"""Device and sync status in words: a DeviceStatus carries a `code` and `params` (set by the
driver at the line that sets the status); this module turns them into translated text. A
status without a code is worded by its state only, never by its English message."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kiosk.ports import DeviceState, DeviceStatus, SyncStatus
from ui.words import translate


def _fill(text: str, params: Mapping[str, Any]) -> str:
    """Qt-style %1..%n are awkward for named params: {name} placeholders are filled here
    after translation, so the glossary keeps them."""
    for key, value in params.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def state_word(state: DeviceState) -> str:
    """One short word for the status bar."""
    words: dict[DeviceState, Callable[[], str]] = {
        DeviceState.ONLINE: lambda: translate("devices", "ready"),
        DeviceState.WAITING: lambda: translate("devices", "waiting"),
        DeviceState.CONNECTING: lambda: translate("devices", "connecting"),
        DeviceState.OFFLINE: lambda: translate("devices", "offline"),
        DeviceState.ERROR: lambda: translate("devices", "needs attention"),
        DeviceState.DISABLED: lambda: translate("devices", "off"),
    }
    return words[state]()


def kind_word(kind: str) -> str:
    words: dict[str, Callable[[], str]] = {
        "sync": lambda: translate("devices", "Sync"),
        "printer": lambda: translate("devices", "Printer"),
        "print_queue": lambda: translate("devices", "Receipts"),
        "scanner": lambda: translate("devices", "Scanner"),
        "camera": lambda: translate("devices", "Camera"),
        "scale": lambda: translate("devices", "Scale"),
        "instrument": lambda: translate("devices", "Instrument"),
        "overlay": lambda: translate("devices", "OBS overlay"),
    }
    return words.get(kind, lambda: translate("devices", "Device"))()


def _messages() -> dict[str, str]:
    """Every device code → its sentence (English source; {param} placeholders)."""
    return {
        # printer
        "printer_ready": translate("devices", "The printer is ready."),
        "paper_out": translate("devices", "The printer is out of paper: put in a new roll."),
        "paper_low": translate(
            "devices", "The paper roll is nearly empty: have a new one at hand."
        ),
        "cover_open": translate("devices", "The printer cover is open: close it."),
        "printer_unreachable": translate(
            "devices", "The printer does not answer: check its power and cable."
        ),
        "printer_offline": translate(
            "devices", "The printer does not answer: check its power and cable."
        ),
        "printer_timeout": translate(
            "devices", "The printer does not answer: check its power and cable."
        ),
        "printer_not_found": translate(
            "devices", "The printer was not found: check its cable and address."
        ),
        "printer_disconnected": translate(
            "devices", "The printer was disconnected: plug it in again."
        ),
        "printer_paper_out": translate(
            "devices", "The printer is out of paper: put in a new roll."
        ),
        "printer_cover_open": translate("devices", "The printer cover is open: close it."),
        "printer_config": translate(
            "devices", "The printer is not set up right: see the settings screen."
        ),
        "printer_bad_data": translate(
            "devices", "The printer reported a problem: switch it off and on."
        ),
        "printer_other": translate(
            "devices", "The printer reported a problem: switch it off and on."
        ),
        "printer_error": translate(
            "devices", "The printer reported a problem: switch it off and on."
        ),
        # receipt queue
        "slips_waiting": translate("devices", "{waiting} receipt(s) waiting to print."),
        "slips_failed": translate(
            "devices", "{waiting} receipt(s) could not print yet: check the printer."
        ),
        "slips_done": translate("devices", "All receipts printed."),
        "slip_not_queued": translate(
            "devices", "A receipt could not be queued: reprint it from the order."
        ),
        # scanners
        "listening": translate(
            "devices", "Scan anywhere: the handheld scanner is listened to in every screen."
        ),
        "scanner_ready": translate("devices", "The scanner is ready."),
        "scanner_opening": translate("devices", "Opening the scanner…"),
        "scanner_missing": translate("devices", "No scanner found: check its cable; trying again."),
        "scanner_unplugged": translate("devices", "The scanner was unplugged: plug it in again."),
        "scanner_long_line": translate(
            "devices", "The scanner sent a line with no end: check its settings."
        ),
        "scan_problem": translate(
            "devices", "The last scan looked wrong: check the scanner's keyboard settings."
        ),
        "wrong_layout": translate(
            "devices", "The scanner types with another keyboard layout: set it to US."
        ),
        "full_width": translate(
            "devices", "A Chinese input method is on: switch it to English (Shift)."
        ),
        "chinese_ime": translate(
            "devices", "A Chinese input method is on: switch it to English (Shift)."
        ),
        "truncated": translate("devices", "The last scan was cut short: scan again."),
        "garbled": translate("devices", "The last scan had stray characters: scan again."),
        # camera
        "camera_opening": translate("devices", "Opening the camera…"),
        "camera_on": translate("devices", "The camera is on: show a code to it."),
        "camera_missing": translate("devices", "No camera found: is it plugged in? Trying again."),
        "camera_stalled": translate(
            "devices", "The camera stopped sending pictures: trying again."
        ),
        # instruments
        "instrument_opening": translate("devices", "Opening the instrument's port…"),
        "instrument_waiting": translate("devices", "Connected; waiting for the first reading."),
        "instrument_reading": translate("devices", "Reading."),
        "instrument_unreadable": translate(
            "devices", "Receiving data it cannot read: check the instrument's settings."
        ),
        "instrument_missing": translate("devices", "Not reachable: check its cable; trying again."),
        "instrument_silent": translate("devices", "No reading for a while: is it switched on?"),
        # OBS overlay (drivers/overlay)
        "overlay_listening": translate(
            "devices", "The OBS overlay is on at {url}; {clients} page(s) connected."
        ),
        "overlay_port_busy": translate(
            "devices",
            "The OBS overlay cannot use port {port}: another program has it. Choose another port in the settings and restart.",
        ),
        # common
        "stopped": translate("devices", "Stopped."),
        "not_started": translate("devices", "Not started."),
        "not_configured": translate("devices", "Not set up: see the settings screen."),
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
        DeviceState.ONLINE: lambda: translate("devices", "Working."),
        DeviceState.WAITING: lambda: translate("devices", "Connected, waiting."),
        DeviceState.CONNECTING: lambda: translate("devices", "Connecting…"),
        DeviceState.OFFLINE: lambda: translate("devices", "Not reachable; trying again by itself."),
        DeviceState.ERROR: lambda: translate("devices", "Needs a person: check the device."),
        DeviceState.DISABLED: lambda: translate("devices", "Not set up or switched off."),
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
        return translate("devices", "not enrolled")
    if status.needs_reenroll:
        return translate("devices", "enroll again")
    if status.conflicts:
        return _fill(translate("devices", "{n} to check"), {"n": status.conflicts})
    if status.events_waiting:
        return _fill(translate("devices", "{n} waiting"), {"n": status.events_waiting})
    return translate("devices", "in sync") if status.online else translate("devices", "offline")


def sync_sentence(status: SyncStatus, last_sync: str = "") -> str:
    """The detail of the sync chip: never a command line, always what a person can do."""
    if not status.enrolled:
        return translate(
            "devices",
            "This kiosk is not connected to the platform yet: a manager enters the "
            "enrollment code on the settings screen.",
        )
    if status.needs_reenroll:
        return translate(
            "devices",
            "The platform no longer accepts this kiosk: a manager enters a new "
            "enrollment code on the settings screen.",
        )
    parts = [
        translate("devices", "Online.")
        if status.online
        else translate("devices", "Offline: pickups are kept and sent later.")
    ]
    parts.append(
        _fill(
            translate("devices", "{n} event(s) waiting to be sent."), {"n": status.events_waiting}
        )
    )
    parts.append(
        _fill(translate("devices", "Last sync: {when}."), {"when": last_sync})
        if last_sync
        else translate("devices", "Not synced yet.")
    )
    if status.conflicts:
        parts.append(
            _fill(
                translate("devices", "{n} need(s) a manager on the sync screen."),
                {"n": status.conflicts},
            )
        )
    return " ".join(parts)
