"""Extraction throughput (MB/s of raw article text) on the dev corpus, next to quantulum3 and a regex.

Reads ONLY ``../shared/corpus/nyuad-media-coverage-of-war-victims/articles_dev.csv`` (column
"Article"); skips with a message when it is absent. quantulum3 is the bench-only extra of
``bench/requirements-bench.lock`` (``make bench`` installs it); it needs
``quantulum3.classifier.USE_CLF = False`` with current scikit-learn. The naive regex is the floor:
what finding bare numbers costs, with no reading at all.
"""

from __future__ import annotations

import csv
import re
import time

from newskit.figures import extract_figures
from newskit.paths import DEV_ARTICLES_PATH

RE_NAIVE_NUMBER = re.compile(r"\d[\d,.]*")
# quantulum3 is slow: time it on a prefix of the corpus of at least this many characters.
QUANTULUM_CHARS = 60_000
REPEATS = 3


def read_articles() -> list[str]:
    with DEV_ARTICLES_PATH.open(encoding="utf-8", newline="") as handle:
        return [row["Article"] for row in csv.DictReader(handle) if row.get("Article")]


def throughput(func, texts: list[str], *, repeats: int = 1) -> tuple[float, int]:
    """Best MB/s over ``repeats`` passes of ``func`` over ``texts``, and the items found in one pass."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best, found = None, 0
    for _ in range(repeats):
        started = time.perf_counter()
        found = sum(len(func(text)) for text in texts)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return size / best, found


def run() -> dict:
    if not DEV_ARTICLES_PATH.is_file():
        print(f"skipped: {DEV_ARTICLES_PATH} is absent (../shared is not beside the checkout)")
        return {"skipped": "dev corpus absent"}
    texts = read_articles()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"dev corpus: {len(texts)} articles, {megabytes:.3f} MB of raw text")
    extract_figures(texts[0])  # warm the sentence tokenizer once
    newskit_mbs, n_figures = throughput(extract_figures, texts, repeats=REPEATS)
    naive_mbs, n_numbers = throughput(RE_NAIVE_NUMBER.findall, texts, repeats=REPEATS)
    print(f"newskit.extract_figures: {newskit_mbs:8.3f} MB/s ({n_figures} figures)")
    print(f"naive number regex:      {naive_mbs:8.3f} MB/s ({n_numbers} numbers)")
    result = {
        "articles": len(texts),
        "megabytes": round(megabytes, 4),
        "newskit_mb_per_s": round(newskit_mbs, 4),
        "newskit_figures": n_figures,
        "naive_regex_mb_per_s": round(naive_mbs, 3),
        "naive_over_newskit": round(naive_mbs / newskit_mbs, 1),
    }
    try:
        import quantulum3.classifier
        from quantulum3 import parser
    except ImportError:
        print("quantulum3 is not installed: pip install -r bench/requirements-bench.lock")
        result["quantulum3"] = "not installed"
        return result
    quantulum3.classifier.USE_CLF = False
    sample, size = [], 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= QUANTULUM_CHARS:
            break
    parser.parse(texts[-1][:2000])  # warm-up on other text: loading its unit tables is not parsing
    # one pass: a second pass over the same text would time quantulum3's caches, not its parsing
    quantulum_mbs, n_quantities = throughput(parser.parse, sample)
    newskit_same, _ = throughput(extract_figures, sample, repeats=3 * REPEATS)
    ratio = newskit_same / quantulum_mbs
    print(f"quantulum3.parser.parse: {quantulum_mbs:8.4f} MB/s ({n_quantities} quantities, "
          f"first {len(sample)} articles)")
    print(f"newskit on the same articles: {newskit_same:.3f} MB/s -> {ratio:.0f}x quantulum3")
    result.update(
        quantulum3_mb_per_s=round(quantulum_mbs, 5),
        quantulum3_articles=len(sample),
        newskit_same_articles_mb_per_s=round(newskit_same, 4),
        newskit_over_quantulum3=round(ratio, 1),
    )
    return result


if __name__ == "__main__":
    run()
