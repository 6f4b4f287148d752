"""`make package`: build the one-folder program with PyInstaller (dist/linli-kiosk/) on this
machine (Linux here; the same command on Windows, see docs/windows.md), then smoke-test it.

Writes the build stamp (UTC date + git commit, e.g. `20261201.1915-2c5580c`) that
kiosk/version.py reads, draws the icon, and, on Windows, the file version resource.
`--no-smoke` builds only. Prints how long each part took.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "package"
DIST = ROOT / "dist"


def stamp() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            text=True,
            capture_output=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            text=True,
            capture_output=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "nogit", ""
    return f"{datetime.now(UTC):%Y%m%d.%H%M}-{commit}{'+dirty' if dirty else ''}"


def version_info(version: str, build: str) -> str:
    """A Windows VSVersionInfo resource (PyInstaller's `version=` file)."""
    nums = tuple(int(x) for x in [*version.split("."), "0", "0", "0"][:4])
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'Linli'),
      StringStruct('FileDescription', 'Linli Kiosk (邻里自提点柜台)'),
      StringStruct('FileVersion', '{version} ({build})'),
      StringStruct('ProductName', 'Linli Kiosk'),
      StringStruct('ProductVersion', '{version}')])]),
        VarFileInfo([VarStruct('Translation', [2052, 1200])])])
"""


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(description=__doc__).parse_known_args(argv)[0]
    del args
    smoke = "--no-smoke" not in argv
    sys.path.insert(0, str(ROOT))
    from kiosk import __version__

    BUILD.mkdir(parents=True, exist_ok=True)
    build = stamp()
    (BUILD / "_build.txt").write_text(build + "\n", "utf-8")
    (BUILD / "version_info.txt").write_text(version_info(__version__, build), "utf-8")
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_icon.py"), str(BUILD)], check=True, cwd=ROOT
    )
    print(f"building Linli Kiosk {__version__} (build {build}) with PyInstaller…", flush=True)
    started = time.perf_counter()
    env = {**os.environ, "LINLI_BUILD_DIR": str(BUILD)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "work"),
            str(ROOT / "packaging" / "linli.spec"),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    built = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (DIST / "linli-kiosk").rglob("*") if p.is_file())
    print(f"built dist/linli-kiosk/ in {built:.0f} s ({size / 1024 / 1024:.0f} MB)", flush=True)
    if not smoke:
        return 0
    started = time.perf_counter()
    code = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "smoke.py"), str(DIST / "linli-kiosk"), build],
        cwd=ROOT,
    ).returncode
    print(
        f"smoke test {'passed' if code == 0 else 'FAILED'} in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
