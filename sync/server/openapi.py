"""Generate the committed contract file: `python -m sync.server.openapi [--check]`.

The document comes from the server itself, so code and contract cannot drift unnoticed
(tests/sync/test_sync_openapi.py compares them).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from sync.server.app import create_app
from sync.server.db import ServerDatabase

OPENAPI_FILE = Path(__file__).resolve().parent.parent / "openapi.json"


def generate() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = ServerDatabase(f"sqlite:///{tmp}/unused.sqlite3", pool_size=1)  # never queried
        try:
            return create_app(db).openapi()
        finally:
            db.close()


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = render(generate())
    if "--check" in argv:
        if not OPENAPI_FILE.exists() or OPENAPI_FILE.read_text(encoding="utf-8") != text:
            print(f"{OPENAPI_FILE} is out of date: run python -m sync.server.openapi")
            return 1
        print("sync/openapi.json matches the server")
        return 0
    OPENAPI_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {OPENAPI_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
