"""Measuring topic models on the corpus itself: NPMI coherence, stability between seeds, the choice of k."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from newskit.errors import NewskitWarning, ParameterError, TooFewTextsError, TopicModelError
from newskit.schema import validate_columns
from newskit.topics.inputs import _as_texts, _check_n_topics, _warn_skipped
from newskit.topics.models import StreamingTopicModel, TopicModel, TopicReader, in_chunks, one_thread
from newskit.topics.tables import NO_TOPIC
from newskit.topics.terms import _analyses_shared, _Analyzer

CHOOSE_COLUMNS = ["n_topics", "coherence_npmi", "stability_ari", "stability_ari_min", "stability_ari_explained",
                  "unexplained_share", "note", "chosen"]


def npmi_by_topic(model: TopicReader, texts: Iterable[str], *, n_terms: int = 10) -> pd.Series:
    """Mean normalised PMI of each topic's top ``n_terms`` term pairs, counted over ``texts``.

    A passage is the co-occurrence window; ``P(w)`` is the share of passages holding term ``w``.
    NPMI runs from -1 (never together) through 0 (independent) to 1 (always together); a pair never
    seen together scores -1. Indexed by topic number.
    """
    model._check_fitted()
    texts = _as_texts(texts)
    term_lists, _, _ = model.analyzer_.analyze(texts)
    present = (model._count(term_lists) > 0).tocsc()
    n_docs = max(len(texts), 1)
    order = np.argsort(-model.components_, axis=1, kind="stable")[:, :n_terms]
    scores = []
    for indices in order:
        B = present[:, indices].astype(np.float64)
        joint = np.asarray((B.T @ B).todense()) / n_docs
        single = np.diag(joint)
        i, j = np.triu_indices(len(indices), k=1)
        p_ij, p_i, p_j = joint[i, j], single[i], single[j]
        npmi = np.full(len(i), -1.0)
        both = p_ij > 0
        certain = both & (p_ij >= 1.0)
        npmi[certain] = 1.0
        mid = both & ~certain
        npmi[mid] = np.log(p_ij[mid] / (p_i[mid] * p_j[mid])) / -np.log(p_ij[mid])
        scores.append(float(npmi.mean()) if len(npmi) else 0.0)
    return pd.Series(scores, index=pd.RangeIndex(len(scores), name="topic"), name="npmi")


def coherence_npmi(model: TopicReader, texts: Iterable[str], *, n_terms: int = 10) -> float:
    """The model's coherence: mean over topics of :func:`npmi_by_topic` on ``texts`` (no outside corpus)."""
    return float(npmi_by_topic(model, texts, n_terms=n_terms).mean())



def _make_model(n_topics: int, random_state: int, streaming: bool, params: dict[str, Any]):
    cls = StreamingTopicModel if streaming else TopicModel
    return cls(n_topics, random_state=random_state, **params)


def _fit_on(model, texts: Sequence[str], chunk_size: int):
    return model.fit(in_chunks(texts, chunk_size)) if isinstance(model, StreamingTopicModel) else model.fit(texts)


def _stability_runs(
    texts: list[str], n_topics: int, seeds: Sequence[int], sample_fraction: float, streaming: bool,
    chunk_size: int, params: dict[str, Any],
) -> tuple[list[float], list[float]]:
    """ARIs between every pair of seeded runs: over all texts, and over texts both runs explain."""
    if not 0.0 < sample_fraction <= 1.0:
        raise ParameterError(f"sample_fraction={sample_fraction!r}: pass a share in (0, 1]")
    if len(seeds) < 2:
        raise ParameterError(f"seeds={seeds!r}: stability needs at least two seeds")
    runs = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        size = max(round(sample_fraction * len(texts)), 1)
        sample = np.sort(rng.choice(len(texts), size=size, replace=False)) if size < len(texts) else None
        fit_texts = texts if sample is None else [texts[i] for i in sample]
        model = _make_model(n_topics, seed, streaming, params)
        with warnings.catch_warnings():
            # the same skipped rows would be reported once per seed; they are reported once by the caller
            warnings.simplefilter("ignore", NewskitWarning)
            _fit_on(model, fit_texts, chunk_size)
            inferred = model._infer(texts, warn=False)
            runs.append((inferred["labels"], (inferred["labels"] != NO_TOPIC) & (inferred["fit"] >= model.min_fit)))
    all_texts, explained = [], []
    for (a, a_explained), (b, b_explained) in itertools.combinations(runs, 2):
        all_texts.append(float(adjusted_rand_score(a, b)))
        both = a_explained & b_explained
        explained.append(float(adjusted_rand_score(a[both], b[both])) if both.any() else float("nan"))
    return all_texts, explained


@one_thread
def stability(
    texts: Iterable[str],
    n_topics: int,
    *,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    sample_fraction: float = 0.8,
    explained_only: bool = False,
    streaming: bool = False,
    chunk_size: int = 10_000,
    **params: Any,
) -> float:
    """Mean adjusted Rand index between the topic labels of runs with different seeds.

    Each seed sets the model's ``random_state`` and draws a random ``sample_fraction`` of the texts
    to fit on (``1.0``: every run sees all texts, so only the seed differs); every run then labels
    ALL texts, and the labels of each pair of runs are compared. 1 is identical partitions, 0 is
    chance. ``explained_only`` compares only the texts both runs explain (fit >= ``min_fit``): how
    stable the topics are where they apply, without the noise of passages no topic fits.
    ``params`` go to :class:`TopicModel` (or :class:`StreamingTopicModel`, fed chunks of
    ``chunk_size``, when ``streaming``).
    """
    texts = _as_texts(texts)
    _warn_unreadable(texts, params)
    with _analyses_shared() if not streaming else nullcontext():
        all_texts, explained = _stability_runs(texts, n_topics, seeds, sample_fraction, streaming, chunk_size, params)
    return float(np.mean(explained if explained_only else all_texts))


def _warn_unreadable(texts: Sequence[str], params: dict[str, Any]) -> None:
    screen = _Analyzer(frozenset(), (1, 1), params.get("skip_non_english", True))
    _, blank, foreign = screen.analyze(texts, stems_only=True)
    _warn_skipped(len(texts), blank, foreign, np.zeros(len(texts), dtype=bool))


def pick_n_topics(table: pd.DataFrame, *, min_stability: float = 0.75, tolerance: float = 0.05) -> int:
    """The rule that picks k from a :func:`choose_n_topics` table.

    Stability first, then coherence: keep the candidates whose mean ARI between seeds is within
    ``tolerance`` of the most stable one, and among them take the highest NPMI coherence (ties: the
    smaller k). When even the most stable candidate is below ``min_stability``, a NewskitWarning
    says the topics are not reproducible at any candidate k.
    """
    validate_columns(table, ["n_topics", "coherence_npmi", "stability_ari"], table_name="choose_n_topics")
    scored = table.dropna(subset=["coherence_npmi", "stability_ari"])
    if not len(scored):
        raise TooFewTextsError("no candidate k has both a coherence and a stability to choose from")
    best_stability = scored["stability_ari"].max()
    if best_stability < min_stability:
        warnings.warn(
            f"no candidate k reaches stability_ari >= {min_stability} (best {best_stability:.2f}); "
            "topics at these sizes are not reproducible on this corpus: read them with care, or add text",
            NewskitWarning,
            stacklevel=2,
        )
    pool = scored[scored["stability_ari"] >= best_stability - tolerance]
    best = pool.sort_values(["coherence_npmi", "n_topics"], ascending=[False, True], kind="stable")
    return int(best["n_topics"].iloc[0])


def choose_n_topics(
    texts: Iterable[str],
    candidates: Sequence[int] = (4, 6, 8, 10, 12),
    *,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    sample_fraction: float = 0.8,
    min_stability: float = 0.75,
    tolerance: float = 0.05,
    n_terms: int = 10,
    streaming: bool = False,
    chunk_size: int = 10_000,
    **params: Any,
) -> pd.DataFrame:
    """Coherence and stability for each candidate number of topics, and the one :func:`pick_n_topics` picks.

    Columns: n_topics, coherence_npmi (of a model fitted on all texts with ``params``' random_state,
    default 0), stability_ari (mean over seed pairs, see :func:`stability`), stability_ari_min (the
    worst pair), stability_ari_explained (mean over seed pairs, on passages both runs explain),
    unexplained_share, note, chosen. Candidates larger than the usable passages are reported with NaN
    and a note, not dropped.
    """
    table, _ = scored_candidates(texts, candidates, seeds=seeds, sample_fraction=sample_fraction,
                                 min_stability=min_stability, tolerance=tolerance, n_terms=n_terms,
                                 streaming=streaming, chunk_size=chunk_size, **params)
    return table


@one_thread
def scored_candidates(
    texts: Iterable[str], candidates: Sequence[int], *, seeds: Sequence[int], sample_fraction: float,
    min_stability: float, tolerance: float, n_terms: int, streaming: bool, chunk_size: int, **params: Any,
) -> tuple[pd.DataFrame, dict[int, tuple[TopicReader, list[warnings.WarningMessage]]]]:
    """:func:`choose_n_topics`'s table, and each candidate's model fitted on all texts with the warnings its fit gave.

    The model of the chosen k is the model :class:`TopicModel` with the same settings would fit (the
    report shows it rather than fitting it again); its warnings are what that fit would have given.
    """
    texts = _as_texts(texts)
    _warn_unreadable(texts, params)
    rows = []
    models: dict[int, tuple[TopicReader, list[warnings.WarningMessage]]] = {}
    model_params = {p: v for p, v in params.items() if p != "random_state"}  # each stability run has its seed
    # the in-memory fits share each text's analysis; the streaming model is for corpora too large to hold it
    with _analyses_shared() if not streaming else nullcontext():
        for k in candidates:
            _check_n_topics(k)
            row: dict[str, Any] = {"n_topics": int(k)}
            try:
                model = _make_model(k, params.get("random_state", 0), streaming, model_params)
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", NewskitWarning)
                    _fit_on(model, texts, chunk_size)
                models[int(k)] = (model, [w for w in caught if issubclass(w.category, NewskitWarning)])
                aris, aris_explained = _stability_runs(texts, k, seeds, sample_fraction, streaming, chunk_size,
                                                       model_params)
            except TopicModelError as error:
                row.update(coherence_npmi=np.nan, stability_ari=np.nan, stability_ari_min=np.nan,
                           stability_ari_explained=np.nan, unexplained_share=np.nan, note=str(error))
            else:
                inferred = model._infer(texts, warn=False)
                explained = (inferred["labels"] != NO_TOPIC) & (inferred["fit"] >= model.min_fit)
                row.update(
                    coherence_npmi=coherence_npmi(model, texts, n_terms=n_terms),
                    stability_ari=float(np.mean(aris)),
                    stability_ari_min=float(np.min(aris)),
                    stability_ari_explained=float(np.nanmean(aris_explained)),
                    unexplained_share=float(1.0 - explained.mean()),
                    note="",
                )
            rows.append(row)
    table = pd.DataFrame(rows, columns=CHOOSE_COLUMNS[:-1])
    if table["coherence_npmi"].isna().all():
        raise TooFewTextsError(f"no candidate in {list(candidates)} could be fitted: {table['note'].iloc[0]}")
    chosen = pick_n_topics(table, min_stability=min_stability, tolerance=tolerance)
    table["chosen"] = table["n_topics"] == chosen
    return table, models


