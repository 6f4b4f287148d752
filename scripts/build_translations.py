"""Refresh the Simplified Chinese translation: lupdate extracts every tr() string from ui/
into assets/translations/linli_zh_CN.ts (keeping existing translations), lrelease compiles
the .qm the app loads. Run after changing UI strings: `make translations`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "linli_zh_CN.ts"
BIN = Path(sys.executable).parent


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(TS.relative_to(ROOT))],
                   cwd=ROOT, check=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))],
                   cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
