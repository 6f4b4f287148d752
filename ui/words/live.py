"""Live test mode in words: grades and verdicts ("甜度优", "阴性"), the figure with its unit,
the sample's mean and spread, and the LiveFrame the on-air window and the OBS overlay show.

English is the source text; Simplified Chinese comes from scripts/zh_CN.d/live.json. Every
string is a literal inside `translate("live", ...)` so pyside6-lupdate finds it.
"""

from __future__ import annotations

from kiosk.ports import LiveFrame
from kiosk.readings.live import LiveItem, LiveSnapshot, Spread
from ui.qt import QCoreApplication

translate = QCoreApplication.translate


def verdict_text(kind: str, verdict: str | None) -> str:
    """A Brix grade or a pesticide screen verdict in words; a positive says so plainly."""
    words = {
        "below": translate("live", "Low sweetness"),
        "normal": translate("live", "Normal sweetness"),
        "sweet": translate("live", "Good sweetness"),
        "extra_sweet": translate("live", "Excellent sweetness"),
        "negative": translate("live", "Negative"),
        "suspect": translate("live", "Suspect: re-test"),
        "positive": translate("live", "POSITIVE: do not sell"),
        "invalid": translate("live", "Invalid run: new control needed"),
    }
    if verdict in words:
        return words[verdict]
    if kind == "weight":
        return translate("live", "Weighed")
    return translate("live", "No grade for this product")


def number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def value_text(item: LiveItem) -> str:
    if item.kind == "brix":
        return translate("live", "{value} °Brix").replace("{value}", number(item.value))
    if item.kind == "pesticide":
        figure = number(item.value, 1).removesuffix(".0")  # 8 %, 55.5 %: as readers show it
        return translate("live", "Inhibition {value} %").replace("{value}", figure)
    digits = 3 if item.unit == "kg" else 1
    return f"{number(item.value, digits)} {item.unit}"


def weight_text(snap: LiveSnapshot) -> str:
    if snap.weight is None:
        return translate("live", "Scale: no weight yet")
    digits = 3 if snap.weight_unit == "kg" else 1
    figure = f"{snap.weight:.{digits}f} {snap.weight_unit}"
    if snap.weight_stable:
        return translate("live", "Scale: {weight} (stable)").replace("{weight}", figure)
    return translate("live", "Scale: {weight} (moving)").replace("{weight}", figure)


def title_text(snap: LiveSnapshot) -> str:
    if not snap.product:
        return ""
    if snap.batch_id:
        return (
            translate("live", "{product} · batch {batch}")
            .replace("{product}", snap.product)
            .replace("{batch}", snap.batch_id)
        )
    return snap.product


def spread_text(spread: Spread | None) -> str:
    if spread is None:
        return ""
    digits = 3 if spread.unit == "kg" else 1
    unit = "°Brix" if spread.unit == "%Brix" else spread.unit
    if spread.n == 1:
        return translate("live", "1 sample so far")
    return (
        translate("live", "n={n} · mean {mean} · spread ±{sd} ({low}–{high}) {unit}")
        .replace("{n}", str(spread.n))
        .replace("{mean}", f"{spread.mean:.{digits}f}")
        .replace("{sd}", f"{spread.sd:.{max(digits, 1)}f}")
        .replace("{low}", f"{spread.low:.{digits}f}")
        .replace("{high}", f"{spread.high:.{digits}f}")
        .replace("{unit}", unit)
    )


def code_label(item: LiveItem) -> str:
    return (
        translate("live", "Verify code")
        if item.code
        else translate("live", "Manual entry (not signed)")
    )


def item_line(item: LiveItem) -> str:
    """One row of the session's list: time, figure, verdict, code."""
    at = item.at.astimezone().strftime("%H:%M:%S")
    return f"{at}  {value_text(item)} · {verdict_text(item.kind, item.verdict)}  {item.short_code or ''}"


def refusal_text(code: str) -> str:
    """Why the desk saved nothing (kiosk.readings.live.ERRORS)."""
    words = {
        "no_product": translate("live", "Pick or type the product before going live."),
        "no_operator": translate("live", "Log in first: every reading records who measured it."),
        "bad_reading": translate(
            "live", "The instrument sent a reading that cannot be used; measure again."
        ),
        "not_live": translate("live", "Go live first, then save the weight."),
        "weight_moving": translate(
            "live", "The weight is still moving; wait for the scale to settle."
        ),
        "not_saved": translate("live", "This reading could not be saved; measure again."),
    }
    return words.get(code, words["not_saved"])


def not_connected() -> str:
    return translate("live", "Not connected")


def frame_of(snap: LiveSnapshot, seq: int) -> LiveFrame:
    """What goes on air: the latest saved reading, never a reading of another session."""
    latest = snap.latest
    labels = {"not_connected": not_connected()}
    if latest is None:
        return LiveFrame(seq=seq, title=title_text(snap), empty=True, labels=labels)
    return LiveFrame(
        seq=seq,
        title=title_text(snap),
        value=value_text(latest),
        verdict=verdict_text(latest.kind, latest.verdict),
        tone=latest.tone,
        stats=spread_text(snap.spreads.get(latest.kind)),
        code=latest.short_code or "",
        code_label=code_label(latest),
        empty=False,
        labels=labels,
    )


def session_text(snap: LiveSnapshot) -> str:
    if not snap.running:
        return translate("live", "Not live: pick the product and batch, then Go live.")
    return (
        translate("live", "Live session {id}: {n} reading(s) saved")
        .replace("{id}", snap.session_id or "")
        .replace("{n}", str(len(snap.items)))
    )


def overlay_text(url: str | None) -> str:
    if not url:
        return translate("live", "OBS overlay: not running")
    return translate("live", "OBS overlay (browser source): {url}").replace("{url}", url)
