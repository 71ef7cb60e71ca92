"""Report wall time next to its floor: papermill plus nbconvert on an empty notebook, same run.

The floor is what any papermill report pays per notebook (start a kernel, execute, save, render the
HTML) before doing any work; the ratio per notebook says how much the kit adds on top. Aim: <= 1.5x.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from newskit.report import KERNEL_NAME, RUN_ORDER, run_notebook, run_report

N_FLOOR_RUNS = 3


def measure_floor(work_dir: Path) -> float:
    """Median seconds to execute and render a notebook holding one empty code cell."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python (newskit)", "language": "python"}
    notebook.cells.append(nbformat.v4.new_code_cell("", metadata={"tags": ["parameters"]}))
    source = work_dir / "empty.ipynb"
    nbformat.write(notebook, source)
    times = []
    for number in range(N_FLOOR_RUNS):
        _, run_seconds, html_seconds = run_notebook(
            source,
            work_dir / f"empty-{number}.out.ipynb",
            work_dir / f"empty-{number}.html",
            parameters={},
            cwd=work_dir,
            name="empty",
        )
        times.append(run_seconds + html_seconds)
    return statistics.median(times)


def measure_imports() -> float:
    """Seconds for a fresh Python to import what the notebooks import (the part of each notebook's
    time that is neither the floor nor the kit's own work)."""
    code = "import newskit.report, newskit.clean, newskit.stats, newskit.topics, matplotlib.pyplot"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def run() -> dict:
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        floor = measure_floor(work_dir)
        print(f"floor (papermill + nbconvert, empty notebook, median of {N_FLOOR_RUNS}): {floor:.2f} s", flush=True)
        imports = measure_imports()
        print(f"importing the libraries the notebooks use, in a fresh Python: {imports:.2f} s", flush=True)
        started = time.perf_counter()
        out_dir = run_report(out_dir=work_dir / "sample", progress=False)
        wall = time.perf_counter() - started
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    per_notebook = {name: manifest["run"]["seconds_per_notebook"][name] for name in RUN_ORDER}
    ratios = {name: round(seconds / floor, 2) for name, seconds in per_notebook.items()}
    print(
        f"sample report: {wall:.2f} s wall for {len(RUN_ORDER)} notebooks "
        f"(floor x {len(RUN_ORDER)} = {floor * len(RUN_ORDER):.2f} s)"
    )
    for name in RUN_ORDER:
        print(f"  {name:24s} {per_notebook[name]:6.2f} s  = {ratios[name]:.2f}x floor")
    return {
        "floor_seconds": round(floor, 2),
        "library_import_seconds": round(imports, 2),
        "report_wall_seconds": round(wall, 2),
        "report_over_floor_total": round(wall / (floor * len(RUN_ORDER)), 2),
        "seconds_per_notebook": per_notebook,
        "ratio_per_notebook": ratios,
        "max_ratio": max(ratios.values()),
    }


if __name__ == "__main__":
    run()
