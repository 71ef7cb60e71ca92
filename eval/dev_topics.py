"""Topics on the dev corpus: the choose_n_topics table, the chosen model's top terms, streaming vs in-memory.

Run: ``.venv/bin/python eval/dev_topics.py`` (needs ../shared; exits 0 with a message without it).
Paragraphs of the 52 dev articles, cleaned by ``newskit.clean``; every seed is fixed, so two runs
print the same figures.
"""

from __future__ import annotations

import sys
import time
import warnings

import pandas as pd

from newskit import topics
from newskit.clean import clean_articles
from newskit.corpus import load_corpus
from newskit.errors import NewskitWarning
from newskit.paths import DEV_ARTICLES_PATH, DEV_COLUMNS

CANDIDATES = (4, 6, 8, 10, 12, 15)
SEEDS = (0, 1, 2, 3, 4)
N_TERMS = 10
STREAM_CHUNK = 200


def main() -> int:
    if not DEV_ARTICLES_PATH.is_file():
        print(f"dev corpus not found at {DEV_ARTICLES_PATH}: nothing to evaluate (../shared is absent)")
        return 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NewskitWarning)
        articles = load_corpus(DEV_ARTICLES_PATH, columns=DEV_COLUMNS)
        passages, _ = clean_articles(articles)
    for warning in caught:
        print(f"warning while loading: {warning.message}")
    units = topics.make_units(passages, unit="paragraph")
    texts = units["text"].tolist()
    print(f"{len(articles)} articles, {len(units)} paragraphs")

    started = time.perf_counter()
    table = topics.choose_n_topics(texts, CANDIDATES, seeds=SEEDS)
    print(f"\nchoose_n_topics (NMF, paragraphs; stability = mean ARI over {len(SEEDS)} seeds, 80% subsamples) "
          f"in {time.perf_counter() - started:.0f} s:")
    with pd.option_context("display.width", 160, "display.float_format", "{:.3f}".format):
        print(table.drop(columns="note").to_string(index=False))
    k = int(table.loc[table["chosen"], "n_topics"].iloc[0])

    model = topics.TopicModel(k).fit(texts)
    seed_only = topics.stability(texts, k, seeds=SEEDS, sample_fraction=1.0)
    print(f"\nchosen k = {k}; unexplained share {model.unexplained_share_:.3f} (fit < {model.min_fit}); "
          f"stability with all paragraphs and only the seed changing: {seed_only:.3f}")
    terms = model.top_terms(N_TERMS)
    npmi = topics.npmi_by_topic(model, texts)
    counts = pd.Series(model.labels_[model.explained_]).value_counts()
    for topic, rows in terms.groupby("topic"):
        print(f"  topic {topic:2d} ({counts.get(topic, 0):3d} paragraphs, NPMI {npmi[topic]:+.3f}): "
              + ", ".join(rows["term"]))

    assignments = topics.assign_topics(model, units)
    by_outlet = topics.prevalence(assignments, by="outlet", articles=articles)
    wide = by_outlet.pivot(index="outlet", columns="topic", values="share")
    with pd.option_context("display.width", 160, "display.float_format", "{:.2f}".format):
        print("\nshare of paragraphs per topic, by outlet (-1: unexplained):")
        print(wide.to_string())

    print("\nstreaming (MiniBatchNMF) vs in-memory on the same paragraphs, k =", k)
    streaming_params = {"batch_size": 64, "n_epochs": 5}
    for name, fitted, params in (
        ("in-memory NMF", model, {}),
        ("streaming, first-pass vocabulary",
         topics.StreamingTopicModel(k, vocabulary="first_pass", **streaming_params),
         {"streaming": True, "vocabulary": "first_pass", **streaming_params}),
        ("streaming, hashing",
         topics.StreamingTopicModel(k, vocabulary="hashing", **streaming_params),
         {"streaming": True, "vocabulary": "hashing", **streaming_params}),
    ):
        if params:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", NewskitWarning)
                fitted.fit(topics.in_chunks(texts, STREAM_CHUNK))
        coherence = topics.coherence_npmi(fitted, texts)
        stable = topics.stability(texts, k, seeds=SEEDS, chunk_size=STREAM_CHUNK, **params)
        print(f"  {name:34s} coherence {coherence:.3f}  stability {stable:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
