"""Report wall time next to its floor, measured in one run; and the full report on a large corpus.

1. The floor: papermill plus nbconvert on an empty notebook (start a kernel, execute, save, render the
   HTML), what any papermill report pays per notebook before doing any work.
2. The sample report and the dev report (``params/dev.yaml``, when ../shared is beside the checkout),
   each from cold stage files (a fresh stage folder): seconds per notebook (from its start, once the
   stages it reads are computed, with its kernel maybe still importing, to its page) and in total, and
   the ratio of the total to floor x notebooks. Targets: sample <= 1.5x, dev <= 2x. Also the CPU
   seconds of the runner and of its kernels: on a shared machine wall times vary with the load, CPU
   seconds much less.
3. The full report on ``NEWSKIT_BENCH_REPORT_ARTICLES`` (default 20,000) synthetic articles with
   ``engine: processes``: wall time and the peak summed RSS of the whole process tree (the runner, its
   kernels and their workers, sampled from /proc). Targets: under 10 minutes and 4 GB.
   ``BENCH_QUICK=1`` skips it (it takes minutes).
4. Dask: ``claims_table`` on a LocalCluster of 1 and of 2 workers, the dev corpus repeated to 5,000
   articles; the speed-up of 2 workers over 1 (target >= 1.7x).

    .venv/bin/python bench/run_bench.py report         # this section only
    BENCH_QUICK=1 make bench                           # every section, without the large report
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import synthetic
from bench_scale import tree_rss_kb

from newskit.paths import DEV_ARTICLES_PATH, PARAMS_DIR, PROJECT_DIR
from newskit.pipeline import STAGE_DIR_VARIABLE
from newskit.report import KERNEL_NAME, RUN_ORDER, run_notebook, run_report

N_FLOOR_RUNS = 3
LARGE_ARTICLES = int(os.environ.get("NEWSKIT_BENCH_REPORT_ARTICLES", "20000"))
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
TARGETS = {"sample": 1.5, "dev": 2.0}
TARGET_LARGE_SECONDS = 600
TARGET_LARGE_MB = 4096
DASK_ARTICLES = 5000
TARGET_DASK_SPEEDUP = 1.7


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
            source, work_dir / f"empty-{number}.out.ipynb", work_dir / f"empty-{number}.html",
            parameters={}, cwd=work_dir, name="empty",
        )
        times.append(run_seconds + html_seconds)
    return statistics.median(times)


def measure_report(name: str, params_path: Path, work_dir: Path, floor: float) -> dict:
    """One report from cold stage files: wall, seconds per notebook, ratios to the floor."""
    saved = os.environ.get(STAGE_DIR_VARIABLE)
    os.environ[STAGE_DIR_VARIABLE] = str(work_dir / f"stages-{name}")
    try:
        cpu_before = cpu_seconds()
        started = time.perf_counter()
        out_dir = run_report(params_path, out_dir=work_dir / name, progress=False)
        wall = time.perf_counter() - started
        runner_cpu, kernels_cpu = (after - before for after, before in zip(cpu_seconds(), cpu_before, strict=True))
    finally:
        if saved is None:
            os.environ.pop(STAGE_DIR_VARIABLE, None)
        else:
            os.environ[STAGE_DIR_VARIABLE] = saved
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    per_notebook = {n: manifest["run"]["seconds_per_notebook"][n] for n in RUN_ORDER}
    ratios = {n: round(seconds / floor, 2) for n, seconds in per_notebook.items()}
    total_ratio = wall / (floor * len(RUN_ORDER))
    target = TARGETS[name]
    print(f"{name} report: {wall:.2f} s wall for {len(RUN_ORDER)} notebooks = {total_ratio:.2f}x floor x "
          f"{len(RUN_ORDER)} ({floor * len(RUN_ORDER):.2f} s); target <= {target}x: "
          f"{'met' if total_ratio <= target else 'NOT met'}", flush=True)
    for n in RUN_ORDER:
        print(f"  {n:24s} {per_notebook[n]:6.2f} s  = {ratios[n]:.2f}x floor", flush=True)
    print(f"  CPU: runner {runner_cpu:.2f} s, kernels {kernels_cpu:.2f} s", flush=True)
    return {"wall_seconds": round(wall, 2), "over_floor_x_notebooks": round(total_ratio, 2),
            "target": target, "seconds_per_notebook": per_notebook, "ratio_per_notebook": ratios,
            "cpu_seconds_runner": round(runner_cpu, 2), "cpu_seconds_kernels": round(kernels_cpu, 2)}


def cpu_seconds() -> tuple[float, float]:
    """(this process, its finished children: the kernels) user + system CPU seconds so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def measure_large_report(work_dir: Path) -> dict:
    """The full report on LARGE_ARTICLES synthetic articles, engine processes, in a child process."""
    corpus_path = synthetic.write_synthetic_corpus(work_dir / "synthetic.csv", LARGE_ARTICLES, seed=14)
    mb = corpus_path.stat().st_size / 1e6
    command = [sys.executable, "-m", "newskit.cli", "report", "--params", str(PARAMS_DIR / "sample.yaml"),
               "--corpus", str(corpus_path), "--out", str(work_dir / "large"), "-p", "engine=processes",
               "-p", f"title=Synthetic corpus: {LARGE_ARTICLES} articles"]
    env = os.environ | {STAGE_DIR_VARIABLE: str(work_dir / "stages-large")}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(child.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = child.communicate()[0].decode(errors="replace")
    wall = time.perf_counter() - started
    sampler.join()
    if child.returncode != 0:
        raise RuntimeError(f"large report failed: {output[-2000:]}")
    manifest = json.loads((work_dir / "large" / "manifest.json").read_text(encoding="utf-8"))
    per_notebook = {n: manifest["run"]["seconds_per_notebook"][n] for n in RUN_ORDER}
    peak_mb = peak[0] / 1024
    print(f"{LARGE_ARTICLES} synthetic articles ({mb:.1f} MB), engine processes: {wall:.1f} s wall "
          f"(target < {TARGET_LARGE_SECONDS} s), peak RSS of the process tree {peak_mb:.0f} MB "
          f"(target < {TARGET_LARGE_MB} MB)", flush=True)
    for n in RUN_ORDER:
        print(f"  {n:24s} {per_notebook[n]:7.1f} s", flush=True)
    return {"articles": LARGE_ARTICLES, "corpus_mb": round(mb, 1), "wall_seconds": round(wall, 1),
            "peak_tree_rss_mb": round(peak_mb), "seconds_per_notebook": per_notebook}


def measure_dask_speedup() -> dict:
    """claims_table on a Dask LocalCluster of 1 and of 2 workers: the dev corpus repeated to DASK_ARTICLES articles."""
    import pandas as pd

    from newskit.clean import clean_articles
    from newskit.corpus import load_corpus
    from newskit.engine import open_engine
    from newskit.paths import DEV_COLUMNS
    from newskit.pipeline import claims_table

    dev = load_corpus(DEV_ARTICLES_PATH, columns=DEV_COLUMNS)
    copies = -(-DASK_ARTICLES // len(dev))
    articles = pd.concat(
        [dev.assign(article_id=dev["article_id"].astype(str) + f"-copy{n}") for n in range(copies)], ignore_index=True
    ).head(DASK_ARTICLES)
    passages, _ = clean_articles(articles)
    seconds: dict[int, float] = {}
    with open_engine("dask", n_workers=1) as one, open_engine("dask", n_workers=2) as two:
        sessions = {1: one, 2: two}
        for session in sessions.values():  # workers import the kit once
            claims_table(passages.head(200), articles, engine="dask", scheduler=session)
        for n, session in sessions.items():
            started = time.perf_counter()
            claims_table(passages, articles, engine="dask", scheduler=session)
            seconds[n] = time.perf_counter() - started
    speedup = seconds[1] / seconds[2]
    print(f"Dask, dev corpus repeated to {len(articles)} articles: 1 worker {seconds[1]:.1f} s, 2 workers "
          f"{seconds[2]:.1f} s: speed-up {speedup:.2f}x (target >= {TARGET_DASK_SPEEDUP})", flush=True)
    return {"articles": len(articles), "seconds_1_worker": round(seconds[1], 2),
            "seconds_2_workers": round(seconds[2], 2), "speedup": round(speedup, 3)}


def run() -> dict:
    results: dict = {}
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        floor = measure_floor(work_dir)
        results["floor_seconds"] = round(floor, 2)
        print(f"floor (papermill + nbconvert, empty notebook, median of {N_FLOOR_RUNS}): {floor:.2f} s", flush=True)
        results["sample"] = measure_report("sample", PARAMS_DIR / "sample.yaml", work_dir, floor)
        if DEV_ARTICLES_PATH.is_file():
            results["dev"] = measure_report("dev", PARAMS_DIR / "dev.yaml", work_dir, floor)
        else:
            print("dev report: skipped (../shared is not beside the checkout)")
        if QUICK:
            print("large report: skipped (BENCH_QUICK=1)")
        else:
            results["large"] = measure_large_report(work_dir)
        if DEV_ARTICLES_PATH.is_file():
            results["dask"] = measure_dask_speedup()
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    run()
