"""Log files in the data dir: size-capped, a week kept, one greppable line per record, and
never a secret.

A support person reads these over the phone or in a `kiosk doctor --bundle` zip, months
after the fact, so every line says when (UTC), how bad, who (logger), which program
(version+build), then the message: `2026-12-01T19:15:21.123Z INFO linli.sync v0.1.0+dev |
pushed 3 events`. Tokens, PINs, keys and passwords are redacted by a filter on every
handler we install (and by the formatter, for tracebacks), whoever logs them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from kiosk.version import __version__, build_id

LOG_DIRNAME = "logs"
LOG_NAME = "kiosk.log"
MAX_BYTES = 2_000_000  # per file
MAX_FILES = 20  # rotated files kept at most (about 40 MB in all)
KEEP_DAYS = 7

_ROTATED = re.compile(r"^kiosk-\d{8}T\d{6}(?:-\d+)?\.log$")

# --- redaction ------------------------------------------------------------------------------

_PEM = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", re.S
)
_LK1 = re.compile(r"LK1\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}")
_SECRET_KEYS = (
    r"pin|pins|pin_hash|password|passwd|secret|token|device_token|access_token|"
    r"refresh_token|api_key|apikey|private_key|signing_key|authorization|"
    r"enrollment_code|code_hash"
)
# key=value, key: value, "key": "value", 'key': 'value'
_KEYED = re.compile(
    rf"(?i)(?<![A-Za-z0-9_])([\"']?)({_SECRET_KEYS})\1(\s*[:=]\s*)"
    r"(?!\[redacted)(\"[^\"]*\"|'[^']*'|[^\s,;}\])]+)"
)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_LONG = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])")
REDACTED = "[redacted]"


def fingerprint(secret: str) -> str:
    """A short stable tag for a secret so support can tell two scans apart without it."""
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()[:8]


def _long(m: re.Match[str]) -> str:
    text = m.group(0)
    if _UUID.match(text) or not (re.search(r"\d", text) and re.search(r"[A-Za-z]", text)):
        return text
    return f"[redacted #{fingerprint(text)}]"


def redact(text: str) -> str:
    """`text` with every token, PIN, key and password replaced; the rest left as it was."""
    text = _PEM.sub("[redacted private key]", text)
    text = _LK1.sub(lambda m: f"LK1…#{fingerprint(m.group(0))}", text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    text = _KEYED.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(1)}{m.group(3)}{REDACTED}", text)
    return _LONG.sub(_long, text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (args merged in) before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what we can, redacted
            message = f"{record.msg!s} {record.args!r}"
        clean = redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        return True


class LineFormatter(logging.Formatter):
    """One line per record (tracebacks indented under it), UTC, version+build; redacted."""

    def __init__(self) -> None:
        super().__init__(
            f"%(asctime)s %(levelname)s %(name)s v{__version__}+{build_id()} | %(message)s"
        )

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        at = datetime.fromtimestamp(record.created, UTC)
        return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(record.msecs):03d}Z"

    def format(self, record: logging.LogRecord) -> str:
        text = redact(super().format(record))
        return text.replace("\n", "\n    ")


# --- rotation ------------------------------------------------------------------------------


class KioskLogHandler(logging.FileHandler):
    """`logs/kiosk.log`, rolled over at `max_bytes` and at each new UTC day into
    `kiosk-YYYYMMDDTHHMMSS.log`; rotated files older than `keep_days` or beyond `max_files`
    are deleted. A full or read-only disk costs log lines, never the kiosk."""

    def __init__(
        self,
        directory: Path,
        *,
        max_bytes: int = MAX_BYTES,
        max_files: int = MAX_FILES,
        keep_days: float = KEEP_DAYS,
    ) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.max_bytes, self.max_files, self.keep_days = max_bytes, max_files, keep_days
        super().__init__(directory / LOG_NAME, encoding="utf-8", delay=True)
        self._day = self._file_day()
        self.prune()

    def _file_day(self) -> str:
        try:
            return time.strftime("%Y%m%d", time.gmtime(os.stat(self.baseFilename).st_mtime))
        except OSError:
            return time.strftime("%Y%m%d", time.gmtime())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._should_roll(record):
                self.roll_over()
        except Exception:
            self.handleError(record)
        super().emit(record)

    def _should_roll(self, record: logging.LogRecord) -> bool:
        day = time.strftime("%Y%m%d", time.gmtime(record.created))
        try:
            size = os.stat(self.baseFilename).st_size
        except OSError:
            self._day = day
            return False
        if day != self._day:
            return size > 0
        return size + len(record.getMessage()) + 120 > self.max_bytes

    def roll_over(self) -> None:
        """Close kiosk.log, give it a timestamped name, start a new one, prune old ones."""
        if self.stream is not None:
            stream: TextIO = self.stream
            self.stream = None
            stream.close()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        target = self.directory / f"kiosk-{stamp}.log"
        n = 1
        while target.exists():
            target = self.directory / f"kiosk-{stamp}-{n}.log"
            n += 1
        if os.path.exists(self.baseFilename):
            os.replace(self.baseFilename, target)
        self._day = time.strftime("%Y%m%d", time.gmtime())
        self.prune()

    def rotated(self) -> list[Path]:
        """Rotated files, oldest first."""
        return sorted(p for p in self.directory.iterdir() if _ROTATED.match(p.name))

    def prune(self) -> None:
        cutoff = time.time() - self.keep_days * 86400
        files = self.rotated()
        for i, path in enumerate(files):
            try:
                if path.stat().st_mtime < cutoff or i < len(files) - self.max_files:
                    path.unlink()
            except OSError:
                pass


def log_files(data_dir: Path) -> Iterator[Path]:
    """Every log file of the data dir, oldest first, the current one last."""
    directory = Path(data_dir) / LOG_DIRNAME
    if not directory.is_dir():
        return
    yield from sorted(p for p in directory.iterdir() if _ROTATED.match(p.name))
    current = directory / LOG_NAME
    if current.exists():
        yield current


def ensure_logging(data_dir: Path) -> KioskLogHandler | None:
    """`setup_logging` unless this data dir's log file is already the process's."""
    target = (Path(data_dir) / LOG_DIRNAME / LOG_NAME).resolve()
    for h in logging.getLogger().handlers:
        if isinstance(h, KioskLogHandler) and Path(h.baseFilename).resolve() == target:
            return h
    return setup_logging(data_dir)


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> KioskLogHandler | None:
    """Send the process's log records to `DATA/logs/kiosk.log` (replacing an earlier handler
    of ours), redact on every root handler, and log the version. None when the folder cannot
    be written (read-only disk): the kiosk still runs, and `kiosk doctor` says so."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, KioskLogHandler)]:
        root.removeHandler(old)
        old.close()
    try:
        handler = KioskLogHandler(Path(data_dir) / LOG_DIRNAME)
    except OSError as exc:
        logging.getLogger("linli.ops").warning("cannot write log files in %s: %s", data_dir, exc)
        handler = None
    if handler is not None:
        handler.setFormatter(LineFormatter())
        root.addHandler(handler)
    for h in root.handlers:
        if not any(isinstance(f, RedactingFilter) for f in h.filters):
            h.addFilter(RedactingFilter())
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    from kiosk.version import version_line

    logging.getLogger("linli.ops").info("%s starting; data dir %s", version_line(), data_dir)
    return handler


def scan_tag(text: str) -> str:
    """How a scanned text appears in a log: a token redacted, anything else as a fingerprint."""
    return redact(text) if text.startswith("LK1.") else f"#{fingerprint(text)} ({len(text)} chars)"
