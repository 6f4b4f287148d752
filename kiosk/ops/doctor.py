"""`kiosk doctor`: every question a support call would ask, answered in plain words.

Each check gives `Finding(check, ok, message, action)`: what was found, and when it is not
ok, what a person at the store should do. Devices come in as probes (callables returning a
`DeviceStatus`, built by main.py from the configured drivers, or the running kiosk's own
devices), so the core never imports a driver. `write_bundle` zips what support needs: the
findings, logs, versions, settings without secrets, device status.
"""

from __future__ import annotations

import json
import logging
import platform
import shutil
import sqlite3
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.ops.backup import backup_dir, backup_time, inspect_ledger, newest_good_backup
from kiosk.ops.clock import TOLERANCE_S, ClockOffset
from kiosk.ops.integrity import DB_FILENAME, is_writable
from kiosk.ops.logs import LOG_DIRNAME, log_files, redact
from kiosk.ops.storage import storage_problem
from kiosk.ports import DeviceState, DeviceStatus, HasStatus
from kiosk.version import __version__, build_id, version_line

log = logging.getLogger("linli.ops.doctor")

MIN_FREE_BYTES = 200 * 1024 * 1024
MIN_FREE_FRACTION = 0.05
BACKUP_MAX_AGE = timedelta(days=2)
PENDING_MAX_AGE = timedelta(hours=24)
PRINT_WAIT_MAX = timedelta(minutes=15)
SETTLE_S = 4.0


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    ok: bool
    message: str
    action: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DeviceProbe:
    """One configured device: `kind` (printer, scale, scanner, camera…), and how to read its
    status; `stop` is called after the check (a worker started only for the doctor)."""

    kind: str
    status: Callable[[], DeviceStatus]
    stop: Callable[[], None] | None = None


@dataclass
class DoctorProbes:
    devices: Sequence[DeviceProbe] = ()
    clock: Callable[[], ClockOffset] | None = None  # measures against the platform
    extra: Sequence[Callable[[], Finding]] = ()  # camera, zbar… (from the drivers)
    min_free_bytes: int = MIN_FREE_BYTES
    notes: dict[str, Any] = field(default_factory=dict)  # versions of libraries for the bundle


def _db_read(db_path: Path, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return [tuple(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def _aware(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        at = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _ago(at: datetime) -> str:
    s = max((datetime.now(UTC) - at).total_seconds(), 0)
    if s < 90:
        return "just now"
    if s < 5400:
        return f"{s / 60:.0f} min ago"
    if s < 172800:
        return f"{s / 3600:.0f} h ago"
    return f"{s / 86400:.0f} days ago"


# --- the checks ------------------------------------------------------------------------------


def check_database(db_path: Path) -> Finding:
    if not db_path.exists():
        return Finding(
            "database",
            False,
            f"There is no ledger at {db_path}.",
            "Enroll this kiosk (kiosk enroll) or restore a backup (kiosk restore).",
        )
    info = inspect_ledger(db_path, full=True)
    if info.ok:
        return Finding(
            "database",
            True,
            f"The ledger passed its integrity check "
            f"({info.events} events, store {info.store_id or 'not set'}).",
        )
    disk = storage_problem(sqlite3.OperationalError("; ".join(info.problems)), db_path.parent)
    if disk is not None:
        return Finding(
            "database",
            False,
            f"The ledger cannot be opened: {disk}",
            "See the disk and writable findings; do not restore a backup for this.",
        )
    return Finding(
        "database",
        False,
        f"The ledger is damaged: {'; '.join(info.problems)[:200]}.",
        "Stop the kiosk and restore the newest good backup (kiosk restore FILE); "
        "call support if none is listed.",
    )


def check_migrations(db_path: Path) -> Finding:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from kiosk.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    if not db_path.exists():
        return Finding("migrations", True, "No ledger yet; it is created at the newest layout.")
    try:
        rows = _db_read(db_path, "SELECT version_num FROM alembic_version")
    except sqlite3.Error as exc:
        return Finding(
            "migrations",
            False,
            f"The ledger's layout version cannot be read ({exc}).",
            "See the database finding.",
        )
    current = rows[0][0] if rows else None
    if current in heads:
        return Finding("migrations", True, f"The ledger layout is current ({current}).")
    return Finding(
        "migrations",
        False,
        f"The ledger layout is {current}, this program expects {', '.join(sorted(heads))}.",
        "Start the kiosk once: it backs the ledger up and upgrades it. If this program "
        "is older than the ledger, install the newer version again.",
    )


def check_disk(data_dir: Path, min_free: int = MIN_FREE_BYTES) -> Finding:
    try:
        usage = shutil.disk_usage(data_dir)
    except OSError as exc:
        return Finding(
            "disk",
            False,
            f"The data folder's disk cannot be read ({exc}).",
            "Check that the disk is connected; call support.",
        )
    free_mb = usage.free / 1024 / 1024
    if usage.free < min_free or usage.free < usage.total * MIN_FREE_FRACTION:
        return Finding(
            "disk",
            False,
            f"The disk is nearly full: {free_mb:.0f} MB free of {usage.total / 1024**3:.1f} GB.",
            "Free space now (empty the recycle bin, remove downloads and old files); "
            "the kiosk cannot save pickups on a full disk.",
        )
    return Finding("disk", True, f"{free_mb:.0f} MB free on the data folder's disk.")


def check_writable(data_dir: Path) -> Finding:
    if is_writable(data_dir):
        return Finding("writable", True, "The data folder can be written.")
    return Finding(
        "writable",
        False,
        f"The data folder {data_dir} cannot be written (read-only disk, or no permission).",
        "Restart the computer; if it stays read-only the disk is failing: call "
        "support before switching it off again.",
    )


def check_backups(db_path: Path, store_id: str) -> Finding:
    good = newest_good_backup(backup_dir(db_path), store_id or None)
    if good is None:
        return Finding(
            "backups",
            False,
            "There is no good backup of the ledger.",
            "Run `kiosk backup` now; the running kiosk makes one every few hours.",
        )
    made = backup_time(good.path)
    if made is not None and datetime.now(UTC) - made > BACKUP_MAX_AGE:
        return Finding(
            "backups",
            False,
            f"The newest good backup is from {_ago(made)} ({good.path.name}).",
            "Run `kiosk backup`; if it fails, see the disk finding.",
        )
    when = _ago(made) if made else "unknown time"
    return Finding("backups", True, f"Newest good backup {good.path.name} ({when}).")


def _sync_state(db_path: Path) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in _db_read(db_path, "SELECT key, value FROM sync_state")}
    except sqlite3.Error:
        return {}


def check_enrollment(db_path: Path) -> Finding:
    state = _sync_state(db_path)
    if state.get("needs_reenroll"):
        return Finding(
            "enrollment",
            False,
            "The platform no longer accepts this kiosk's token.",
            "Ask the platform admin for a new enrollment code and run `kiosk enroll "
            "--server URL --code CODE`.",
        )
    if not state.get("server_url") or not state.get("device_token"):
        return Finding(
            "enrollment",
            False,
            "This kiosk is not enrolled with the platform: pickups stay on this computer only.",
            "Ask the platform admin for an enrollment code and run `kiosk enroll "
            "--server URL --code CODE`.",
        )
    return Finding("enrollment", True, f"Enrolled with {state['server_url']}.")


def check_sync(db_path: Path) -> Finding:
    try:
        pending, oldest = _db_read(
            db_path, "SELECT count(*), min(occurred_at) FROM outbox WHERE status = 'pending'"
        )[0]
        rejected = _db_read(
            db_path,
            "SELECT count(*) FROM outbox WHERE status = 'rejected' "
            "OR (needs_manager AND resolved_at IS NULL)",
        )[0][0]
    except sqlite3.Error as exc:
        return Finding(
            "sync", False, f"The outbox cannot be read ({exc}).", "See the database finding."
        )
    last = _aware(_sync_state(db_path).get("last_success"))
    since = f" Last good sync {_ago(last)}." if last else ""
    old = _aware(oldest)
    if pending and old is not None and datetime.now(UTC) - old > PENDING_MAX_AGE:
        return Finding(
            "sync",
            False,
            f"{pending} events have waited since {_ago(old)} to reach the platform.{since}",
            "Check the network cable or Wi-Fi, then the enrollment finding; "
            "`kiosk sync --once` shows the error.",
        )
    if rejected:
        return Finding(
            "sync",
            False,
            f"{rejected} events were refused by the platform or wait for a manager.{since}",
            "A manager settles them on the sync screen (`kiosk sync conflicts`).",
        )
    return Finding("sync", True, f"{pending} events waiting to be sent.{since}")


def _remember_clock(db_path: Path, offset: ClockOffset) -> None:
    from kiosk.db import Database
    from kiosk.ops.clock import remember

    db = Database(db_path, migrate=False)
    try:
        with db.session() as s:
            remember(s, offset)
    except KioskError as exc:  # a full disk: the finding is still right, only not kept
        log.warning("clock offset not kept: %s", exc)
    finally:
        db.close()


def check_clock(db_path: Path, probe: Callable[[], ClockOffset] | None) -> Finding:
    from kiosk.ops.clock import SETTING

    offset: ClockOffset | None = None
    source = "now"
    if probe is not None:
        try:
            offset = probe()
            _remember_clock(db_path, offset)
        except KioskError as exc:
            log.info("clock probe failed: %s", exc)
        except Exception as exc:  # a probe must never stop the doctor
            log.warning("clock probe failed: %r", exc)
    if offset is None:
        source = "last seen"
        try:
            rows = _db_read(db_path, "SELECT value FROM settings WHERE key = ?", (SETTING,))
            raw = json.loads(rows[0][0]) if rows else None
            if isinstance(raw, dict):
                offset = ClockOffset(
                    float(raw["offset_s"]),
                    datetime.fromisoformat(raw["at"]),
                    float(raw.get("uncertainty_s", 1.0)),
                )
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            offset = None
    if offset is None:
        return Finding(
            "clock",
            True,
            "The clock could not be compared with the platform's (not enrolled or no network).",
        )
    words = offset.describe()
    if offset.far_off:
        return Finding(
            "clock",
            False,
            f"{words[0].upper()}{words[1:]} ({source}).",
            "Set the date, time and time zone of this computer (automatic time on); "
            "codes can look expired or valid wrongly until it is fixed.",
        )
    return Finding(
        "clock", True, f"{words[0].upper()}{words[1:]} ({source}; within {TOLERANCE_S:.0f} s)."
    )


def check_print_queue(db_path: Path) -> Finding:
    try:
        rows = _db_read(
            db_path,
            "SELECT count(*), min(created_at), max(last_error) FROM "
            "print_jobs WHERE status = 'pending'",
        )
    except sqlite3.Error:
        return Finding("print_queue", True, "No print queue in this ledger.")
    count, oldest, error = rows[0]
    old = _aware(oldest)
    if count and old is not None and datetime.now(UTC) - old > PRINT_WAIT_MAX:
        why = f" The printer said: {error}" if error else ""
        return Finding(
            "print_queue",
            False,
            f"{count} slips have waited since {_ago(old)} for the printer.{why}",
            "Check the printer (power, paper, cable); the slips print by themselves "
            "once it is back.",
        )
    return Finding("print_queue", True, f"{count} slips waiting for the printer.")


def check_fonts() -> Finding:
    from kiosk.printing.raster import find_cjk_font

    try:
        path = find_cjk_font()
    except KioskError as exc:
        return Finding(
            "fonts",
            False,
            str(exc),
            "Install a Chinese font: on Debian "
            "`apt-get install fonts-noto-cjk`; on Windows Microsoft YaHei is built in.",
        )
    return Finding("fonts", True, f"Chinese font for printing: {path.name}.")


_DEVICE_ACTIONS = {
    "printer": "Check the printer: power on, paper in, lid closed, cable or network plugged; "
    "for a replaced printer set its address in the devices screen.",
    "scale": "Check the scale: power on, the serial/USB cable plugged, the COM port in the "
    "devices screen is the one Windows shows for it.",
    "scanner": "Check the scanner's cable; scan a test code into Notepad to see that it types.",
    "camera": "Check the camera's cable and that no other program uses it.",
    "sync": "See the enrollment and sync findings.",
}
_BAD = {DeviceState.OFFLINE, DeviceState.ERROR, DeviceState.CONNECTING}


def settle(status: Callable[[], DeviceStatus], timeout_s: float = SETTLE_S) -> DeviceStatus:
    """The device's status once it is done connecting (or after `timeout_s`)."""
    deadline = time.monotonic() + timeout_s
    current = status()
    while current.state is DeviceState.CONNECTING and time.monotonic() < deadline:
        time.sleep(0.05)
        current = status()
    return current


def check_device(probe: DeviceProbe) -> Finding:
    try:
        status = settle(probe.status)
    except Exception as exc:  # a driver fault is a finding, not a crash
        status = DeviceStatus(probe.kind, DeviceState.ERROR, f"could not be asked ({exc})")
    finally:
        if probe.stop is not None:
            try:
                probe.stop()
            except Exception:
                log.exception("stopping %s after its check", probe.kind)
    name = f"device:{probe.kind}:{status.name}"
    text = status.message or status.state.value
    if status.state in _BAD:
        return Finding(
            name,
            False,
            f"{status.name} is {status.state.value}: {text}",
            _DEVICE_ACTIONS.get(probe.kind, "Check its power and cable; see the devices screen."),
        )
    if status.state is DeviceState.DISABLED:
        return Finding(name, True, f"{status.name} is not configured.")
    return Finding(name, True, f"{status.name} is {status.state.value}: {text}")


def _store_id(db_path: Path) -> str:
    try:
        rows = _db_read(db_path, "SELECT value FROM settings WHERE key = 'store_id'")
        return str(json.loads(rows[0][0])) if rows else ""
    except (sqlite3.Error, ValueError):
        return ""


_KINDS = ("printer", "scale", "camera", "scanner", "sync", "refractometer", "pesticide")


def probes_for(devices: Iterable[HasStatus]) -> DoctorProbes:
    """Probes from the running kiosk's own devices (the devices screen's "check everything"
    button: `run_doctor(ctx.data_dir, probes_for(ctx.devices))`, on a worker thread)."""
    out = []
    for device in devices:
        name = device.status().name.lower()
        kind = next((k for k in _KINDS if k in name), "device")
        out.append(DeviceProbe(kind, device.status))
    return DoctorProbes(devices=out)


def run_doctor(data_dir: Path, probes: DoctorProbes | None = None) -> list[Finding]:
    """Every finding, in the order a support person goes through them. Never raises."""
    probes = probes or DoctorProbes()
    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILENAME
    findings: list[Finding] = []
    database = check_database(db_path)
    usable = database.ok

    def add(name: str, check: Callable[[], Finding | Iterable[Finding]]) -> None:
        try:
            got = check()
        except Exception as exc:  # one broken check must not hide the others
            log.exception("doctor check %s failed", name)
            got = Finding(
                name,
                False,
                f"This check itself failed ({exc}).",
                "Send `kiosk doctor --bundle` to support.",
            )
        findings.extend([got] if isinstance(got, Finding) else got)

    add("version", lambda: Finding("version", True, version_line()))
    findings.append(database)
    add("migrations", lambda: check_migrations(db_path))
    add("disk", lambda: check_disk(data_dir, probes.min_free_bytes))
    add("writable", lambda: check_writable(data_dir))
    add("backups", lambda: check_backups(db_path, _store_id(db_path) if usable else ""))
    if usable:
        add("enrollment", lambda: check_enrollment(db_path))
        add("sync", lambda: check_sync(db_path))
        add("clock", lambda: check_clock(db_path, probes.clock))
        add("print_queue", lambda: check_print_queue(db_path))
    add("fonts", check_fonts)
    if not probes.devices:
        findings.append(Finding("devices", True, "No devices are configured (settings)."))
    for probe in probes.devices:
        add(f"device:{probe.kind}", lambda probe=probe: check_device(probe))  # type: ignore[misc]
    for extra in probes.extra:
        add(getattr(extra, "__name__", "extra"), extra)
    return findings


def needs_action(findings: Iterable[Finding]) -> bool:
    return any(not f.ok for f in findings)


def render(findings: Sequence[Finding]) -> str:
    """The findings for a person: one line each, and what to do under the ones that are not ok."""
    lines = []
    for f in findings:
        lines.append(f"[{'ok' if f.ok else '!!'}] {f.check}: {f.message}")
        if not f.ok and f.action:
            lines.append(f"       what to do: {f.action}")
    bad = sum(not f.ok for f in findings)
    lines.append("Everything looks fine." if not bad else f"{bad} finding(s) need action.")
    return "\n".join(lines)


# --- the support bundle ------------------------------------------------------------------------

_SECRET_SETTING = ("pin", "token", "secret", "key", "password", "code")


def safe_settings(db_path: Path) -> dict[str, Any]:
    """Settings and sync state without secrets (tokens, PINs, keys, enrollment codes)."""
    out: dict[str, Any] = {}
    for table in ("settings", "sync_state"):
        try:
            rows = _db_read(db_path, f"SELECT key, value FROM {table}")
        except sqlite3.Error:
            continue
        for key, value in rows:
            secret = any(word in str(key).lower() for word in _SECRET_SETTING)
            out[f"{table}.{key}"] = "[redacted]" if secret else redact(str(value))
    return out


def write_bundle(
    target: Path, data_dir: Path, findings: Sequence[Finding], probes: DoctorProbes | None = None
) -> Path:
    """A zip for support: findings, versions, settings without secrets, logs (redacted again
    on the way in), backup list. Never includes the ledger itself (customers' data)."""
    data_dir, target = Path(data_dir), Path(target)
    db_path = data_dir / DB_FILENAME
    versions = {
        "app_version": __version__,
        "build": build_id(),
        "python": sys.version,
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        **((probes.notes if probes else {}) or {}),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "findings.json",
            json.dumps([f.as_json() for f in findings], indent=1, ensure_ascii=False),
        )
        z.writestr("findings.txt", render(findings))
        z.writestr("versions.json", json.dumps(versions, indent=1))
        if db_path.exists():
            z.writestr(
                "settings.json", json.dumps(safe_settings(db_path), indent=1, ensure_ascii=False)
            )
        listing = (
            [f"{p.name} {p.stat().st_size}" for p in sorted(backup_dir(db_path).glob("*"))]
            if backup_dir(db_path).is_dir()
            else []
        )
        z.writestr("backups.txt", "\n".join(listing))
        for path in log_files(data_dir):
            try:
                text = path.read_text("utf-8", errors="replace")
            except OSError:
                continue
            z.writestr(f"{LOG_DIRNAME}/{path.name}", redact(text))
    tmp.replace(target)
    return target
