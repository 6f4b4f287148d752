"""Runs each area's benchmark module (bench/<area>.py, a `main()` that prints its figures).

`python -m bench ledger scan` runs only those areas.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback

AREAS = ["ledger", "sync", "scan", "printing", "instruments", "ops", "ui", "live", "day"]


def main(argv: list[str]) -> int:
    chosen = argv or AREAS
    failed = 0
    for area in chosen:
        print(f"\n=== bench: {area} ===", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{area}")
        except ModuleNotFoundError:
            print(f"(no benchmark for {area} yet)")
            continue
        try:
            module.main()
        except Exception:
            failed += 1
            traceback.print_exc()
        print(f"--- {area} took {time.perf_counter() - started:.1f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
