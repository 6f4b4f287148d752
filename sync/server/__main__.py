"""`python -m sync.server run|stats|…` = `kiosk server …` without the rest of the kiosk."""

from __future__ import annotations

import sys

from kiosk.cli import run
from sync.cli import register

if __name__ == "__main__":
    sys.exit(run(["server", *sys.argv[1:]], [register]))
