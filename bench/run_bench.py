"""The one benchmark report: runs every bench section, prints its figures, writes bench/results.json.

Sections are modules ``bench/bench_*.py`` with a ``run() -> dict`` function; each prints its own
lines as it goes and returns the figures to record. A section that fails is reported, not hidden.
"""

from __future__ import annotations

import importlib.util
import json
import platform
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_PATH = BENCH_DIR / "results.json"


def run_sections(names: list[str] | None = None) -> dict:
    results: dict = {"python": platform.python_version(), "machine": platform.machine(), "sections": {}}
    for path in sorted(BENCH_DIR.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if names and name not in names:
            continue
        print(f"\n== {name}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        started = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            section = module.run()
        except Exception as error:  # a failing section is a result too
            traceback.print_exc()
            section = {"error": f"{type(error).__name__}: {error}"}
        section["section_seconds"] = round(time.perf_counter() - started, 2)
        results["sections"][name] = section
    return results


def main(argv: list[str]) -> int:
    results = run_sections(argv or None)
    RESULTS_PATH.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS_PATH}")
    return 1 if any("error" in s for s in results["sections"].values()) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH_DIR))
    raise SystemExit(main(sys.argv[1:]))
