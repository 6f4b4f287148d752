"""`python -m kiosk`: runs the assembled `kiosk` command.

The core cannot import the outer layers, so it looks up the installed `kiosk` console
script (which is `main:main`) and runs that; without an installation only the core
commands exist.
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points


def _main() -> int:
    for ep in entry_points(group="console_scripts", name="kiosk"):
        result: int = ep.load()()
        return result
    from kiosk.cli import run

    print("note: linli-kiosk is not installed; only core commands are available", file=sys.stderr)
    return run(sys.argv[1:], [])


if __name__ == "__main__":
    sys.exit(_main())
