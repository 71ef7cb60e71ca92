"""Topic fit time and peak memory for 10k and 100k passages, and the streaming path's trade-offs.

Passages are synthetic: 2 to 5 real sentences drawn at random (seeded) and joined, from the
sentence tables in ../shared when present, else from the sample articles. Each timed fit runs in
a child process so that its peak RSS (``resource.getrusage``) is its own; the figure includes
building the passages and importing the kit. Children run with one BLAS thread: on a machine whose
cores are shared, multi-threaded BLAS spends its time waiting (the 10k first-pass fit took 40 s with
the default threads and 17 s with one, same topics). Wall and CPU seconds are both reported, with
the load average, since wall time on a shared machine says as much about the neighbours.
Target (issue 5): 100k passages in <= 60 s, <= 2 GB.

Also: the topic stage of the dev report (``params/dev.yaml``, when ../shared is beside the checkout),
what notebook 04 computes once per corpus and parameters: wall and CPU seconds, in a child process.

    .venv/bin/python bench/bench_topics.py stage      # this part only
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
import warnings

import numpy as np
import pandas as pd

from newskit import nlp, topics
from newskit.errors import NewskitWarning
from newskit.paths import SAMPLE_DIR, SHARED_DIR

SENTENCE_TABLES = [
    SHARED_DIR / "corpus" / "breach-gaza-coverage" / f"{paper}_sentences.csv" for paper in ("globe", "post", "star")
] + sorted((SHARED_DIR / "corpus" / "casualty_mentions_nyt").glob("tagged_data_*.csv"))
RE_SPACES = re.compile(r"\s+")
SIZES = (10_000, 100_000)
N_TOPICS = 8
SEED = 0
QUALITY_N = 5_000
QUALITY_SEEDS = (0, 1, 2)
QUALITY_CHUNK = 1_000
TARGET_SECONDS, TARGET_PEAK_MB = 60.0, 2048.0
ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


def load_sentences() -> tuple[list[str], str]:
    """Real sentences to recombine, and where they came from."""
    tables = [path for path in SENTENCE_TABLES if path.is_file()]
    if tables:
        frames = [pd.read_csv(path, usecols=["sentence"]) for path in tables]
        column = pd.concat(frames, ignore_index=True)["sentence"].dropna().astype(str)
        sentences = sorted({RE_SPACES.sub(" ", s).strip() for s in column} - {""})
        return sentences, f"{len(tables)} sentence tables in ../shared"
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLE_DIR.glob("*.txt"))]
    sentences = sorted({RE_SPACES.sub(" ", s).strip() for t in texts for s in nlp.split_sentences(t)} - {""})
    return sentences, "the sample articles"


def build_passages(n: int, *, seed: int = SEED) -> list[str]:
    """``n`` synthetic passages of 2-5 real sentences each, the same for the same seed."""
    sentences, _ = load_sentences()
    rng = np.random.default_rng(seed)
    lengths = rng.integers(2, 6, size=n)
    picks = rng.integers(0, len(sentences), size=int(lengths.sum()))
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    return [" ".join(sentences[i] for i in picks[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def fit_model(kind: str, texts: list[str], chunk_size: int = 10_000):
    if kind == "memory":
        return topics.TopicModel(N_TOPICS, random_state=SEED).fit(texts)
    model = topics.StreamingTopicModel(N_TOPICS, vocabulary=kind, random_state=SEED)
    return model.fit(topics.in_chunks(texts, chunk_size))


def child(kind: str, n: int) -> dict:
    """Runs in a fresh process: build passages, fit, report time and this process's peak RSS."""
    started = time.perf_counter()
    texts = build_passages(n)
    built = time.perf_counter()
    rss_before_fit = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        model = fit_model(kind, texts)
    fitted = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    unexplained = getattr(model, "unexplained_share_", None)  # the streaming model keeps no per-passage state
    return {
        "kind": kind,
        "n_passages": n,
        "build_seconds": round(built - started, 2),
        "fit_seconds": round(fitted - built, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "rss_before_fit_mb": round(rss_before_fit, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "unexplained_share": None if unexplained is None else round(float(unexplained), 4),
        "topics": list(model.topic_labels_),
    }


def run_child(kind: str, n: int) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(n)], capture_output=True, text=True, check=False,
        env={**os.environ, **ONE_THREAD},
    )
    if completed.returncode:
        raise RuntimeError(f"bench child {kind} {n} failed:\n{completed.stderr[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def quality(n: int) -> dict:
    """Coherence and stability of the in-memory, first-pass streaming and hashing models on the same texts."""
    from threadpoolctl import threadpool_limits

    texts = build_passages(n, seed=SEED + 1)
    rows = {}
    with warnings.catch_warnings(), threadpool_limits(1):
        warnings.simplefilter("ignore", NewskitWarning)
        for kind, params in (
            ("memory", {}),
            ("first_pass", {"streaming": True, "vocabulary": "first_pass"}),
            ("hashing", {"streaming": True, "vocabulary": "hashing"}),
        ):
            started = time.perf_counter()
            model = fit_model(kind, texts, chunk_size=QUALITY_CHUNK)
            rows[kind] = {
                "coherence_npmi": round(topics.coherence_npmi(model, texts), 4),
                "stability_ari": round(
                    topics.stability(texts, N_TOPICS, seeds=QUALITY_SEEDS, chunk_size=QUALITY_CHUNK, **params), 4
                ),
                "seconds": round(time.perf_counter() - started, 1),
            }
            print(f"  quality on {n:,} passages, {kind:10s} {rows[kind]}", flush=True)
    return rows


def stage_child() -> dict:
    """Runs in a fresh process: the dev report's topic stage from its passages, wall and CPU seconds."""
    from newskit import pipeline
    from newskit.params import check_notebook_params, notebook_params, resolve_params
    from newskit.paths import PARAMS_DIR
    from newskit.topics.stage import compute_topic_stage

    values = resolve_params(PARAMS_DIR / "dev.yaml")
    params = check_notebook_params("04-topics", notebook_params("04-topics", values) | {"report_dir": ""})
    (passages,) = pipeline.load_stages(params, "passages")
    wall, cpu = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        stage = compute_topic_stage(passages, params)
    return {"n_units": len(stage.assignments), "n_topics": stage.n_topics,
            "wall_seconds": round(time.perf_counter() - wall, 2), "cpu_seconds": round(time.process_time() - cpu, 2),
            "load_average_1min": round(os.getloadavg()[0], 2)}


def measure_stage() -> dict | None:
    """The dev report's topic stage (None without ../shared)."""
    from newskit.paths import DEV_ARTICLES_PATH

    if not DEV_ARTICLES_PATH.is_file():
        print("  topic stage of the dev report: skipped (../shared is not beside the checkout)", flush=True)
        return None
    completed = subprocess.run([sys.executable, __file__, "--stage-child"], capture_output=True, text=True,
                               check=False)
    if completed.returncode:
        raise RuntimeError(f"topic stage child failed:\n{completed.stderr[-2000:]}")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    print(f"  topic stage of the dev report ({figures['n_units']} units, k = {figures['n_topics']}): "
          f"{figures['wall_seconds']} s wall, {figures['cpu_seconds']} s CPU, load {figures['load_average_1min']}",
          flush=True)
    return figures


def run() -> dict:
    results_stage = measure_stage()
    sentences, origin = load_sentences()
    print(f"synthetic passages: 2-5 sentences from {len(sentences):,} sentences ({origin})", flush=True)
    results: dict = {"sentence_source": origin, "n_sentences": len(sentences), "n_topics": N_TOPICS, "fits": []}
    for kind, n in [("memory", SIZES[0]), ("memory", SIZES[1]), ("first_pass", SIZES[1]), ("hashing", SIZES[1])]:
        figures = run_child(kind, n)
        results["fits"].append(figures)
        print(
            f"  {kind:10s} {n:>7,} passages: fit {figures['fit_seconds']:6.1f} s wall (whole child "
            f"{figures['cpu_seconds']:.1f} s CPU), peak RSS {figures['peak_rss_mb']:7.1f} MB (before fit "
            f"{figures['rss_before_fit_mb']:.0f} MB), load {figures['load_average_1min']}, "
            f"unexplained {figures['unexplained_share']}",
            flush=True,
        )
    big = next(f for f in results["fits"] if f["kind"] == "memory" and f["n_passages"] == SIZES[1])
    results["target_met_100k"] = big["fit_seconds"] <= TARGET_SECONDS and big["peak_rss_mb"] <= TARGET_PEAK_MB
    print(f"  100k in-memory target (<= {TARGET_SECONDS:.0f} s, <= {TARGET_PEAK_MB:.0f} MB): "
          f"{'met' if results['target_met_100k'] else 'NOT met'}", flush=True)
    results["quality"] = quality(QUALITY_N)
    results["dev_stage"] = results_stage
    return results


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]))))
    elif sys.argv[1:] == ["--stage-child"]:
        print(json.dumps(stage_child()))
    elif sys.argv[1:] == ["stage"]:
        measure_stage()
    else:
        print(json.dumps(run(), indent=2))
