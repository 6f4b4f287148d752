"""The doctor's findings (kiosk/ops/doctor.py, the devices screen's "Check everything") in
words: what was found and what to do, by check name and outcome. The findings' own English
sentences are for `kiosk doctor` and the support bundle; a screen shows these."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ui.words import translate
from ui.words.devices import kind_word

if TYPE_CHECKING:
    from kiosk.ops.doctor import Finding

Words = Callable[[], tuple[str, str]]  # (what was found, what to do)


def _bad() -> dict[str, Words]:
    return {
        "database": lambda: (
            translate("doctor", "The ledger is damaged or cannot be opened."),
            translate(
                "doctor",
                "Close the kiosk and restart the PC. If the kiosk then says the "
                "ledger is damaged, restore the newest good backup it offers; if it "
                "stays, call support.",
            ),
        ),
        "migrations": lambda: (
            translate("doctor", "The ledger's layout differs from this program's."),
            translate(
                "doctor",
                "Restart the kiosk once (it backs up, then upgrades); if this "
                "program is older than the ledger, install the newer version.",
            ),
        ),
        "disk": lambda: (
            translate("doctor", "The disk is nearly full."),
            translate(
                "doctor",
                "Free space now (recycle bin, downloads): a full disk stops new "
                "pickups (nothing saved is lost).",
            ),
        ),
        "writable": lambda: (
            translate("doctor", "The data folder cannot be written."),
            translate("doctor", "Restart the PC; if it stays read-only, call support."),
        ),
        "backups": lambda: (
            translate("doctor", "There is no recent good backup of the ledger."),
            translate(
                "doctor",
                "The kiosk backs up by itself every 4 hours; if this stays, "
                "check the disk finding and call support.",
            ),
        ),
        "enrollment": lambda: (
            translate(
                "doctor", "This kiosk is not connected to the platform (or no longer accepted)."
            ),
            translate(
                "doctor",
                "Get an enrollment code from the platform admin and enter it "
                "on the settings screen.",
            ),
        ),
        "sync": lambda: (
            translate("doctor", "Records have waited long to reach the platform, or were refused."),
            translate(
                "doctor",
                "Check the network cable or Wi-Fi; a manager settles refused "
                "records on the sync screen.",
            ),
        ),
        "clock": lambda: (
            translate("doctor", "The PC's clock is far off."),
            translate(
                "doctor",
                "Set the date, time and time zone (automatic time on): codes "
                "look expired or valid wrongly until then.",
            ),
        ),
        "print_queue": lambda: (
            translate("doctor", "Receipts have waited long for the printer."),
            translate(
                "doctor",
                "Check the printer (power, paper, lid, cable): the receipts "
                "print by themselves when it is back.",
            ),
        ),
        "fonts": lambda: (
            translate("doctor", "No Chinese font for printing was found."),
            translate(
                "doctor",
                "Install a Chinese font (Debian: fonts-noto-cjk; Windows has one built in).",
            ),
        ),
        "zbar": lambda: (
            translate("doctor", "The second QR decoder (ZBar) is missing."),
            translate("doctor", "Install libzbar0 (Debian); the first decoder still works."),
        ),
    }


def _good() -> dict[str, str]:
    return {
        "database": translate("doctor", "The ledger passed its check."),
        "migrations": translate("doctor", "The ledger's layout is current."),
        "disk": translate("doctor", "There is enough free disk space."),
        "writable": translate("doctor", "The data folder can be written."),
        "backups": translate("doctor", "There is a recent good backup."),
        "enrollment": translate("doctor", "Connected to the platform."),
        "sync": translate("doctor", "Records reach the platform."),
        "clock": translate("doctor", "The clock is fine (or could not be compared yet)."),
        "print_queue": translate("doctor", "No receipt has waited long."),
        "fonts": translate("doctor", "A Chinese font for printing is installed."),
        "zbar": translate("doctor", "Both QR decoders are installed."),
        "devices": translate("doctor", "No devices are set up."),
    }


def finding_words(finding: Finding, version: str = "") -> tuple[str, str]:
    """(what was found, what to do; "" when nothing) for one finding."""
    check = finding.check
    if check == "version":
        return version, ""
    if check.startswith("device:"):
        kind = check.split(":")[1]
        if finding.ok:
            return translate("doctor", "%1: working or not set up.").replace(
                "%1", kind_word(kind)
            ), ""
        return (
            translate("doctor", "%1 does not answer.").replace("%1", kind_word(kind)),
            translate(
                "doctor",
                "Check its power, cable and paper; a replaced device or "
                "another USB socket may change its address: set it on the settings "
                "screen, then Reconnect.",
            ),
        )
    if finding.ok:
        good = _good().get(check)
        return (good if good is not None else translate("doctor", "Fine.")), ""
    bad = _bad().get(check)
    if bad is not None:
        return bad()
    return (
        translate("doctor", "A check could not be done."),
        translate("doctor", "Call support and send them the support bundle."),
    )
