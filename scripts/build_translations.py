"""Refresh the Simplified Chinese translation: lupdate extracts every tr() string from ui/
into assets/translations/linli_zh_CN.ts (keeping existing translations), lrelease compiles
the .qm the app loads. Run after changing UI strings: `make translations`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "linli_zh_CN.ts"
BIN = Path(sys.executable).parent


def load_glossary() -> dict[str, str]:
    """scripts/zh_CN.json plus every scripts/zh_CN.d/<area>.json (one file per engineer, so
    edits never collide); a later file wins for the same source text."""
    glossary: dict[str, str] = json.loads(
        (ROOT / "scripts" / "zh_CN.json").read_text(encoding="utf-8")
    )
    for part in sorted((ROOT / "scripts" / "zh_CN.d").glob("*.json")):
        glossary.update(json.loads(part.read_text(encoding="utf-8")))
    return glossary


def fill_from_glossary() -> None:
    """Entries take their Chinese from the reviewed glossary (load_glossary)."""
    glossary = load_glossary()
    tree = ET.parse(TS)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and source in glossary:
            translation.text = glossary[source]
            translation.attrib.pop("type", None)
    tree.write(TS, encoding="utf-8", xml_declaration=True)


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(TS.relative_to(ROOT))],
        cwd=ROOT,
        check=True,
    )
    fill_from_glossary()
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))],
        cwd=ROOT,
        check=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
