"""The kiosk's settings: one TOML file, `<data dir>/settings.toml`, edited on the settings
screen. Qt-free and I/O-light (a file read and an atomic write).

`Settings` is a frozen, flat dataclass (read `settings.receipt_policy`); in the file each
field sits in a table named by its section (`[printer] uri = ...`). `validate(raw)` checks a
mapping of field name → value (what the settings screen collected, or what the file held)
and returns `SettingProblem(code, field, params)` values the UI words; it never raises.
A missing file means every default; a broken file is reported, never fatal.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field as dc_field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.platform.identity import get_setting, put_setting

FILE_NAME = "settings.toml"


class ReceiptPolicy(StrEnum):
    ALWAYS = "always"
    ASK = "ask"
    NEVER = "never"


class ProvisionalPolicy(StrEnum):
    """A genuine code for an order this kiosk has not synced yet."""

    REFUSE = "refuse"  # tell the customer to come back later
    ALLOW = "allow"  # serve provisionally; the clerk checks the items by hand


LANGUAGES = ("zh_CN", "en")
PAPERS = (58, 80)
CJK_MODES = ("native", "raster")


def _f(section: str, default: Any, **meta: Any) -> Any:
    return dc_field(default=default, metadata={"section": section, **meta})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of issue 13 with its default; field names are the contract."""

    # [ui]
    language: str = _f("ui", "zh_CN", choices=LANGUAGES)
    kiosk_mode: bool = _f("ui", False)  # fullscreen; only a manager PIN leaves it
    idle_lock_min: int = _f("ui", 5, min=0, max=240)  # 0: never auto-lock
    self_service: bool = _f("ui", False)  # the customer faces the camera
    sounds: bool = _f("ui", True)  # a tone per verdict class
    speech: bool = _f("ui", True)  # 语音播报 through Qt text-to-speech where a voice exists
    volume: int = _f("ui", 80, min=0, max=100)
    # [printer]
    printer_uri: str = _f("printer", "")  # "" none; tcp://host:9100, usb:..., file:...
    printer_paper: int = _f("printer", 80, choices=PAPERS)
    printer_cjk: str = _f("printer", "native", choices=CJK_MODES)  # Chinese mode
    receipt_policy: str = _f(
        "printer", ReceiptPolicy.ALWAYS.value, choices=tuple(p.value for p in ReceiptPolicy)
    )
    # [scanner]
    scanner_max_gap_ms: int = _f("scanner", 80, min=5, max=1000)  # between keys of one scan
    scanner_min_length: int = _f("scanner", 4, min=1, max=64)
    scanner_end_pause_ms: int = _f(
        "scanner", 0, min=0, max=2000
    )  # >0: a pause ends a scan (no Enter)
    scanner_duplicate_window_s: float = _f("scanner", 3.0, min=0.0, max=60.0)
    serial_scanner_port: str = _f("scanner", "")  # "" none; /dev/ttyACM0, COM3
    # [camera]
    camera: str = _f("camera", "")  # "" none; "0" a camera index, or an rtsp:// / http:// URL
    camera_preview: bool = _f("camera", True)
    # [instruments]: a list of instrument tables (drivers' InstrumentConfig JSON form)
    instruments: tuple[Mapping[str, Any], ...] = _f("instruments", ())
    # [server]
    server_url: str = _f("server", "")  # the central platform; enrollment by code on screen
    # [pickup]
    reversal_window_min: int = _f("pickup", 10, min=0, max=240)
    provisional_pickup: str = _f(
        "pickup", ProvisionalPolicy.REFUSE.value, choices=tuple(p.value for p in ProvisionalPolicy)
    )
    overdue_days: int = _f("pickup", 3, min=1, max=60)
    # [checkin]: the cold-chain bands the van's temperature is checked against, bags per bin
    chilled_min_c: float = _f("checkin", 0.0, min=-40.0, max=45.0)  # 冷藏
    chilled_max_c: float = _f("checkin", 8.0, min=-40.0, max=45.0)
    frozen_min_c: float = _f("checkin", -30.0, min=-40.0, max=45.0)  # 冷冻
    frozen_max_c: float = _f("checkin", -15.0, min=-40.0, max=45.0)
    bin_capacity: int = _f("checkin", 6, min=1, max=100)  # bags before the next bin of the zone
    # [overlay]: the OBS browser-source overlay of live test mode (docs/obs.md)
    overlay_host: str = _f("overlay", "127.0.0.1")  # 0.0.0.0 or a LAN address needs a token
    overlay_port: int = _f("overlay", 8790, min=1024, max=65535)
    overlay_token: str = _f("overlay", "")

    def with_changes(self, **values: Any) -> Settings:
        return replace(self, **values)


@dataclass(frozen=True, slots=True)
class SettingProblem:
    """Why a value was refused; `ui/words` words the code with its params.

    Codes: "unknown" (no such setting), "type" (params: expected), "choice" (params: choices),
    "range" (params: min, max), "uri" (a printer URI scheme we do not know), "url" (not
    http(s)://), "camera" (not an index or an address), "instrument" (params: index,
    missing: an instrument lacks name/protocol/port), "file" (params: error: the file could
    not be read or parsed).
    """

    code: str
    field: str
    params: Mapping[str, Any] = dc_field(default_factory=dict)


def defaults() -> Settings:
    return Settings()


PRINTER_SCHEMES = ("tcp://", "usb:", "serial:", "file:", "cups:", "virtual:")
SECTIONS: dict[str, str] = {f.name: str(f.metadata["section"]) for f in fields(Settings)}


def _type_of(name: str) -> type:
    default = next(f.default for f in fields(Settings) if f.name == name)
    assert default is not MISSING
    return type(default)


def _check(name: str, value: Any) -> tuple[Any, SettingProblem | None]:
    """The value converted to the field's type, or a problem."""
    meta = next(f.metadata for f in fields(Settings) if f.name == name)
    kind = _type_of(name)
    if kind is bool:
        if isinstance(value, bool):
            return value, None
        return None, SettingProblem("type", name, {"expected": "bool"})
    if kind is int:
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            return None, SettingProblem("type", name, {"expected": "int"})
    elif kind is float:
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                return None, SettingProblem("type", name, {"expected": "number"})
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None, SettingProblem("type", name, {"expected": "number"})
        value = float(value)
    elif kind is str:
        if not isinstance(value, str):
            return None, SettingProblem("type", name, {"expected": "text"})
        value = value.strip()
    elif kind is tuple:
        if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
            return None, SettingProblem("type", name, {"expected": "list"})
        for i, item in enumerate(value):
            missing = [
                k
                for k in ("name", "protocol", "port")
                if not isinstance(item.get(k), str) or not item.get(k, "").strip()
            ]
            if missing:
                return None, SettingProblem("instrument", name, {"index": i, "missing": missing})
        return tuple(dict(v) for v in value), None
    if "choices" in meta and value not in meta["choices"]:
        return None, SettingProblem("choice", name, {"choices": tuple(meta["choices"])})
    if "min" in meta and not (meta["min"] <= value <= meta["max"]):
        return None, SettingProblem("range", name, {"min": meta["min"], "max": meta["max"]})
    if name == "printer_uri" and value and not value.startswith(PRINTER_SCHEMES):
        return None, SettingProblem("uri", name, {"schemes": PRINTER_SCHEMES})
    if name == "server_url" and value and not value.startswith(("http://", "https://")):
        return None, SettingProblem("url", name, {})
    if name == "camera" and value and not (value.isdigit() or "://" in value):
        return None, SettingProblem("camera", name, {})
    if name == "overlay_host" and not _HOST.fullmatch(value):
        return None, SettingProblem("host", name, {})
    if name == "overlay_token" and any(c.isspace() for c in value):
        return None, SettingProblem("type", name, {"expected": "text"})
    return value, None


_HOST = re.compile(r"[A-Za-z0-9.\-]{1,253}|\[?[0-9A-Fa-f:.]{2,45}\]?")
_LOOPBACK = ("127.", "localhost", "::1", "[::1]")


def _together(raw: Mapping[str, Any]) -> list[SettingProblem]:
    """Rules between fields, checked when every field they need is valid in `raw`."""
    values = {
        n: _check(n, v)[0] for n, v in raw.items() if n in SECTIONS and _check(n, v)[1] is None
    }
    problems = []
    for zone in ("chilled", "frozen"):
        low, high = values.get(f"{zone}_min_c"), values.get(f"{zone}_max_c")
        if low is not None and high is not None and not low < high:
            problems.append(SettingProblem("band", f"{zone}_max_c", {"min": low, "max": high}))
    host = values.get("overlay_host")
    if (
        host is not None
        and "overlay_token" in values
        and not values["overlay_token"]
        and not str(host).startswith(_LOOPBACK)
    ):
        problems.append(SettingProblem("token", "overlay_token", {"host": host}))
    return problems


def validate(raw: Mapping[str, Any]) -> list[SettingProblem]:
    """Every problem of `raw` (field name → value); an empty list means it can be saved."""
    problems: list[SettingProblem] = []
    for name, value in raw.items():
        if name not in SECTIONS:
            problems.append(SettingProblem("unknown", name, {}))
            continue
        _, problem = _check(name, value)
        if problem is not None:
            problems.append(problem)
    return problems + _together(raw)


def from_raw(raw: Mapping[str, Any], base: Settings | None = None) -> Settings:
    """`base` (defaults) with every valid value of `raw` applied; invalid ones are skipped
    (call `validate` first to tell the person)."""
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name in SECTIONS:
            converted, problem = _check(name, value)
            if problem is None:
                values[name] = converted
    return replace(base or Settings(), **values)


def _flatten(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The TOML tables back to field names: [printer] uri → printer_uri."""
    raw: dict[str, Any] = {}
    by_key = {(SECTIONS[n], _key(n)): n for n in SECTIONS}
    for section, table in doc.items():
        if section == "instruments":
            raw["instruments"] = table
        elif isinstance(table, Mapping):
            for key, value in table.items():
                raw[by_key.get((section, key), f"{section}.{key}")] = value
        else:
            raw[section] = table
    return raw


def _key(name: str) -> str:
    """The key inside its table: printer_uri → uri, language → language."""
    section = SECTIONS[name]
    prefix = f"{section}_"
    return name[len(prefix) :] if name.startswith(prefix) else name


def path_in(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def load(data_dir: Path) -> tuple[Settings, list[SettingProblem]]:
    """The settings of `data_dir` and what was wrong in the file (bad values keep their
    default). Never raises for a missing or broken file."""
    path = path_in(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        return Settings(), [SettingProblem("file", "", {"error": exc.strerror or str(exc)})]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [SettingProblem("file", "", {"error": str(exc)})]
    raw = _flatten(doc)
    return from_raw(raw), validate(raw)


def save(data_dir: Path, settings: Settings) -> Path:
    """Write the whole file atomically (a temp file renamed over it)."""
    path = path_in(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(dumps(settings), encoding="utf-8")
    os.replace(tmp, path)
    return path


# --- a tiny TOML writer (strings, ints, floats, bools, flat tables, arrays of flat tables) --


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = (
            value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\t", "\\t")
            .replace("\r", "\\r")
        )
        return f'"{escaped}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_bare(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _bare(key: str) -> str:
    ok = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if ok else _value(key)


def dumps(settings: Settings) -> str:
    lines = ["# Linli Kiosk settings: edit them on the settings screen (manager PIN).", ""]
    tables: dict[str, list[str]] = {}
    for f in fields(settings):
        if f.name == "instruments":
            continue
        tables.setdefault(SECTIONS[f.name], []).append(
            f"{_bare(_key(f.name))} = {_value(getattr(settings, f.name))}"
        )
    for section, rows in tables.items():
        lines += [f"[{section}]", *rows, ""]
    for item in settings.instruments:
        lines.append("[[instruments]]")
        lines += [f"{_bare(str(k))} = {_value(v)}" for k, v in item.items()]
        lines.append("")
    return "\n".join(lines)


# --- the rules the core reads from the ledger's settings table ----------------------------

LEDGER_KEYS = {
    "reversal_window_min": "pickup_reverse_window_min",
    "overdue_days": "overdue_after_days",
    "bin_capacity": "bin_capacity",
}


def cold_chain_setting(settings: Settings, current: Any = None) -> dict[str, Any]:
    """The ledger's `cold_chain` value (kiosk.flows.coldchain.ColdChain.from_setting's form)
    with the bands of `settings`; the SKU zones of `current` (the ledger's value) are kept."""
    value: dict[str, Any] = {
        "chilled": [settings.chilled_min_c, settings.chilled_max_c],
        "frozen": [settings.frozen_min_c, settings.frozen_max_c],
    }
    if isinstance(current, Mapping) and isinstance(current.get("sku_zones"), Mapping):
        value["sku_zones"] = dict(current["sku_zones"])
    return value


def apply_to_ledger(session: Any, settings: Settings) -> None:
    """Mirror the store rules the core services read from the settings table (undo window,
    overdue days, bin capacity, cold-chain bands), so the counter, the command line and the
    scheduled jobs agree with settings.toml. `session` is a write session
    (kiosk.db.Database.session())."""
    for name, key in LEDGER_KEYS.items():
        put_setting(session, key, getattr(settings, name))
    put_setting(
        session, "cold_chain", cold_chain_setting(settings, get_setting(session, "cold_chain"))
    )


# --- the devices to start: settings.toml, else the old settings-table keys ----------------


@dataclass(frozen=True, slots=True)
class DeviceSettings:
    """The configured devices, as the GUI wires them and `kiosk doctor` probes them (one
    source, so the doctor checks the devices the counter uses)."""

    printer_uri: str = ""  # "" no printer
    printer_paper: int = 80
    printer_cjk: str = "native"
    instruments: tuple[Mapping[str, Any], ...] = ()
    camera: int | str | None = None  # a camera index, an rtsp:// / http:// URL, or none
    serial_scanner_port: str = ""  # "" none


LEGACY_DEVICE_KEYS = ("printer", "instruments", "camera", "serial_scanner")


def device_settings(settings: Settings, legacy: Mapping[str, Any] | None = None) -> DeviceSettings:
    """The devices of `settings`; where settings.toml leaves one unset, the old ledger
    settings-table value (`legacy`: key → value for LEGACY_DEVICE_KEYS) still counts."""
    old = legacy or {}
    printer, paper, cjk = settings.printer_uri, settings.printer_paper, settings.printer_cjk
    old_printer = old.get("printer")
    if not printer and isinstance(old_printer, Mapping) and old_printer.get("uri"):
        printer = str(old_printer["uri"])
        paper = int(old_printer.get("paper", 58))
        cjk = str(old_printer.get("cjk", "native"))
    instruments = settings.instruments
    old_instruments = old.get("instruments")
    if not instruments and isinstance(old_instruments, list):
        instruments = tuple(dict(i) for i in old_instruments if isinstance(i, Mapping))
    camera: int | str | None = settings.camera or None
    if camera is None and old.get("camera") not in (None, ""):
        camera = old["camera"] if isinstance(old["camera"], int | str) else str(old["camera"])
    if isinstance(camera, str) and camera.isdigit():
        camera = int(camera)
    port = settings.serial_scanner_port
    old_port = old.get("serial_scanner")
    if not port and isinstance(old_port, str):
        port = old_port
    return DeviceSettings(printer, paper, cjk, instruments, camera, port)
