"""Scale: extraction throughput per engine, 2-worker speed-up, peak memory streaming 100k articles.

1. Extraction MB/s (``claims_table`` on the same cleaned synthetic text) for ``local``, ``processes``
   with 1 and 2 workers, and ``dask`` LocalClusters with 1 and 2 workers; the speed-up of 2 workers
   over 1 for each, measured in this one run (best of ``REPEATS`` alternated timings, after a warm-up).
   The same for the streaming path's unit of work (clean + claims on slices of articles), where the
   main process does less of the work (``claims_table`` groups passages and concatenates per-article
   tables in the calling process, which bounds its speed-up).
2. Peak memory while streaming ``STREAM_ARTICLES`` synthetic articles end to end (read CSV in chunks,
   clean, claims, Parquet) in a child process on a 2-worker process pool: the peak of the summed
   RSS of the child and its workers (sampled from /proc), and the largest single-process peak
   (``getrusage(RUSAGE_CHILDREN)``).
3. Identical claims tables across the three engines on the dev corpus (``articles_dev.csv`` only,
   when ../shared is beside the checkout).

    .venv/bin/python bench/bench_scale.py            # or: make bench (all sections)
    .venv/bin/python bench/bench_scale.py throughput # one part: stream, dev, throughput
    NEWSKIT_BENCH_STREAM_ARTICLES=20000 NEWSKIT_BENCH_STREAM_PARAGRAPHS=4,10 .venv/bin/python bench/bench_scale.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import synthetic

from newskit.clean import clean_articles
from newskit.engine import open_engine, split_partitions
from newskit.paths import DEV_ARTICLES_PATH, DEV_COLUMNS, PROJECT_DIR
from newskit.pipeline import claims_table, process_articles

SEED = 20231007
EXTRACT_ARTICLES = int(os.environ.get("NEWSKIT_BENCH_EXTRACT_ARTICLES", "600"))
STREAM_ARTICLES = int(os.environ.get("NEWSKIT_BENCH_STREAM_ARTICLES", "100000"))
# Short articles keep the 100k run inside the bench's time budget on 2 shared cores; memory per
# chunk, not article length, is what the run checks. Set "4,10" for full-length articles.
STREAM_PARAGRAPHS = tuple(int(n) for n in os.environ.get("NEWSKIT_BENCH_STREAM_PARAGRAPHS", "1,2").split(","))
STREAM_CHUNK_SIZE = 1000
REPEATS = 2
TARGET_SPEEDUP = 1.7
TARGET_PEAK_MB = 1536


def _text_mb(articles: pd.DataFrame) -> float:
    return sum(len(t.encode("utf-8")) for t in articles["text"]) / 1e6


def _time_claims(passages: pd.DataFrame, articles: pd.DataFrame, engine: str, session) -> float:
    started = time.perf_counter()
    claims_table(passages, articles, engine=engine, scheduler=session)
    return time.perf_counter() - started


def measure_throughput() -> dict:
    """MB/s of claims_table on each engine, and the 2-over-1 worker speed-up, on the same text."""
    articles = pd.DataFrame(list(synthetic.iter_synthetic_articles(EXTRACT_ARTICLES, seed=SEED)))
    articles["published"] = pd.to_datetime(articles["published"])
    passages, _ = clean_articles(articles)
    mb = _text_mb(articles)
    warm_up = passages[passages["article_id"].isin(articles["article_id"][:8])]
    print(f"extraction text: {len(articles)} synthetic articles, {len(passages)} passages, {mb:.2f} MB", flush=True)
    seconds: dict[str, float] = {}
    local = [_time_claims(passages, articles, "local", None) for _ in range(REPEATS)]
    seconds["local"] = min(local)
    for engine in ("processes", "dask"):
        with open_engine(engine, n_workers=1) as one, open_engine(engine, n_workers=2) as two:
            for session in (one, two):
                _time_claims(warm_up, articles, engine, session)  # workers import the kit once
            runs: dict[int, list[float]] = {1: [], 2: []}
            for _ in range(REPEATS):  # alternate so that load from elsewhere hits both alike
                for n, session in ((1, one), (2, two)):
                    runs[n].append(_time_claims(passages, articles, engine, session))
            seconds[f"{engine}_1"], seconds[f"{engine}_2"] = min(runs[1]), min(runs[2])
    figures: dict = {"extract_text_mb": round(mb, 3), "extract_articles": len(articles)}
    for name, value in seconds.items():
        figures[f"extract_mb_per_s_{name}"] = round(mb / value, 4)
        print(f"  {name:12s} {value:7.2f} s  {mb / value:.3f} MB/s", flush=True)
    for engine in ("processes", "dask"):
        speedup = seconds[f"{engine}_1"] / seconds[f"{engine}_2"]
        figures[f"speedup_2_over_1_{engine}"] = round(speedup, 3)
        print(f"  speed-up 2 workers over 1, {engine}: {speedup:.2f}x (target >= {TARGET_SPEEDUP})", flush=True)
    figures.update(measure_slice_speedup(articles, mb))
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    return figures


def _time_slices(slices: list[pd.DataFrame], session) -> float:
    started = time.perf_counter()
    session.map(process_articles, slices, partition_size=1)
    return time.perf_counter() - started


def measure_slice_speedup(articles: pd.DataFrame, mb: float) -> dict:
    """The streaming path's unit of work (clean + claims per slice of articles) on 1 and 2 workers.

    Same 16 slices for every run; the main process only ships slices and receives claims tables.
    """
    spans = split_partitions(len(articles), n_partitions=16)
    slices = [articles.iloc[span.start : span.stop] for span in spans]
    figures: dict = {}
    started = time.perf_counter()
    process_articles(articles)
    figures["slices_mb_per_s_local"] = round(mb / (time.perf_counter() - started), 4)
    for engine in ("processes", "dask"):
        with open_engine(engine, n_workers=1) as one, open_engine(engine, n_workers=2) as two:
            for session in (one, two):
                _time_slices(slices[:2], session)
            runs: dict[int, list[float]] = {1: [], 2: []}
            for _ in range(REPEATS):
                for n, session in ((1, one), (2, two)):
                    runs[n].append(_time_slices(slices, session))
        speedup = min(runs[1]) / min(runs[2])
        figures[f"slices_mb_per_s_{engine}_2"] = round(mb / min(runs[2]), 4)
        figures[f"slices_speedup_2_over_1_{engine}"] = round(speedup, 3)
        print(f"  clean + claims by slice, {engine}: 1 worker {min(runs[1]):.2f} s, 2 workers "
              f"{min(runs[2]):.2f} s ({mb / min(runs[2]):.3f} MB/s): speed-up {speedup:.2f}x", flush=True)
    return figures


def tree_rss_kb(root_pid: int) -> int:
    """Summed resident memory (KiB) of ``root_pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:  # the process ended meanwhile
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


STREAM_SCRIPT = """
import json, sys, time
from newskit.pipeline import run_claims_stream
started = time.perf_counter()
def progress(counts):
    if counts.chunks % 10 == 0:
        print(f"  ... {counts.articles} articles, {counts.claims} claims, {time.perf_counter() - started:.0f} s",
              file=sys.stderr, flush=True)
counts = run_claims_stream(sys.argv[1], sys.argv[2], chunk_size=int(sys.argv[3]), engine="processes", n_workers=2,
                           on_chunk=progress)
print(json.dumps(counts.as_dict()))
"""


def measure_streaming(work_dir: Path) -> dict:
    """Peak memory and rate of the streaming pipeline on STREAM_ARTICLES synthetic articles, in a child."""
    corpus_path = work_dir / "synthetic.csv"
    started = time.perf_counter()
    synthetic.write_synthetic_corpus(corpus_path, STREAM_ARTICLES, seed=SEED, paragraphs=STREAM_PARAGRAPHS)
    corpus_mb = corpus_path.stat().st_size / 1e6
    print(f"streaming corpus: {STREAM_ARTICLES} synthetic articles ({STREAM_PARAGRAPHS[0]}-{STREAM_PARAGRAPHS[1]} "
          f"paragraphs), {corpus_mb:.1f} MB CSV, written in {time.perf_counter() - started:.0f} s", flush=True)
    out_path = work_dir / "claims.parquet"
    peak_kb = 0
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", STREAM_SCRIPT, str(corpus_path), str(out_path), str(STREAM_CHUNK_SIZE)],
        stdout=subprocess.PIPE, text=True, cwd=PROJECT_DIR,
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_kb
        last_report = time.perf_counter()
        while not done.is_set():
            peak_kb = max(peak_kb, tree_rss_kb(child.pid))
            if time.perf_counter() - last_report > 60:
                print(f"  ... peak RSS so far, child + workers: {peak_kb / 1024:.0f} MB", flush=True)
                last_report = time.perf_counter()
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"streaming child failed with exit code {child.returncode}")
    counts = json.loads(output.strip().splitlines()[-1])
    max_single_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak_mb = peak_kb / 1024
    rate = f"{counts['articles'] / seconds:.0f} articles/s, {corpus_mb / seconds:.3f} MB/s"
    print(f"  {counts['articles']} articles, {counts['passages']} passages, {counts['claims']} claims in "
          f"{seconds:.0f} s ({rate})", flush=True)
    print(f"  peak RSS, child + workers summed: {peak_mb:.0f} MB (target <= {TARGET_PEAK_MB}); "
          f"largest single process: {max_single_mb:.0f} MB", flush=True)
    return {
        "stream_articles": counts["articles"],
        "stream_passages": counts["passages"],
        "stream_claims": counts["claims"],
        "stream_corpus_mb": round(corpus_mb, 1),
        "stream_paragraphs_per_article": list(STREAM_PARAGRAPHS),
        "stream_seconds": round(seconds, 1),
        "stream_articles_per_s": round(counts["articles"] / seconds, 1),
        "stream_peak_rss_mb_tree": round(peak_mb, 1),
        "stream_peak_rss_mb_single_process": round(max_single_mb, 1),
        "stream_peak_within_target": peak_mb <= TARGET_PEAK_MB,
    }


def check_dev_corpus_engines() -> dict:
    """Claims tables from local, processes (2) and dask (2 workers) on the dev corpus, compared."""
    if not DEV_ARTICLES_PATH.is_file():
        print("dev corpus not beside the checkout: engine identity check skipped", flush=True)
        return {"dev_engines_identical": None}
    from newskit.corpus import load_corpus

    articles = load_corpus(DEV_ARTICLES_PATH, columns=DEV_COLUMNS)
    passages, _ = clean_articles(articles)
    local = claims_table(passages, articles, engine="local")
    identical = {}
    for engine in ("processes", "dask"):
        with open_engine(engine, n_workers=2) as session:
            other = claims_table(passages, articles, engine=engine, scheduler=session)
        identical[engine] = bool(other.equals(local))
    print(f"dev corpus: {len(articles)} articles, {len(local)} claims; identical to local: {identical}", flush=True)
    return {
        "dev_articles": len(articles),
        "dev_claims": len(local),
        "dev_engines_identical": all(identical.values()),
        "dev_identical_by_engine": identical,
    }


PARTS = ("stream", "dev", "throughput")


def run(parts: tuple[str, ...] = PARTS) -> dict:
    figures = {}
    # Streaming first: RUSAGE_CHILDREN then holds only its child and that child's workers.
    if "stream" in parts:
        with tempfile.TemporaryDirectory(prefix="newskit-bench-scale-") as work_dir:
            figures.update(measure_streaming(Path(work_dir)))
    if "dev" in parts:
        figures.update(check_dev_corpus_engines())
    if "throughput" in parts:
        figures.update(measure_throughput())
    return figures


if __name__ == "__main__":
    chosen = tuple(sys.argv[1:]) or PARTS
    unknown = set(chosen) - set(PARTS)
    if unknown:
        raise SystemExit(f"unknown part(s) {sorted(unknown)}; choose from {list(PARTS)}")
    print(json.dumps(run(chosen), indent=2, sort_keys=True))
