"""The report's topic stage: every table notebook 04 shows, computed in one pass from the passages.

The number of topics is chosen on the units themselves when there are at most
:data:`CHOICE_MAX_UNITS` of them, else on a random sample of that many drawn with the report's
seed (the choice fits 1 + ``n_stability_seeds`` models per candidate k); the model shown is then
fitted on every unit, with the streaming model (MiniBatchNMF over chunks) from
:data:`STREAMING_MIN_UNITS` units. When the choice saw every unit, the model shown is the one the
choice fitted for that k (the same settings and seed; it is not fitted twice).
:func:`newskit.pipeline.load_topic_stage` keeps the result as stage files and reads it back.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from newskit.errors import NewskitWarning, kept_warnings, warn_caught
from newskit.schema import WARNING_COLUMNS
from newskit.topics.tables import MAP_COLUMNS, assign_topics, make_units, unit_map

# At or above this many units (paragraphs, sentences or articles), the model shown is NMF on the streaming
# model (newskit.topics.StreamingTopicModel), which does not hold the whole term matrix; below it, the
# in-memory model of topic_method. The streaming model is NMF only.
STREAMING_MIN_UNITS = 50_000
TOPIC_CHUNK_SIZE = 10_000
# Units the choice of k fits its models on, at most: a larger corpus is sampled (seeded) down to this.
CHOICE_MAX_UNITS = 10_000
N_REPRESENTATIVE_PASSAGES = 2
# The parameters the stage reads (its key holds them; notebook 04 has them all).
TOPIC_PARAMETERS = ("topic_unit", "topic_method", "n_topics", "topic_candidates", "n_stability_seeds",
                    "n_top_terms", "seed")
# The stage's tables, by name; ``about`` is one row of facts, ``warnings`` the messages computing gave.
STAGE_TABLES = ("candidates", "assignments", "terms", "passages", "map", "about", "warnings")
ABOUT_COLUMNS = ["n_units", "n_units_chosen_on", "n_topics", "n_terms", "streaming", "fixed_by_parameter"]


@dataclass
class TopicStage:
    """The topic tables of a report: the candidates for k, each unit's topic, top terms, representative
    passages, the map of units, and the facts a reader needs to judge them (``about``)."""

    candidates: pd.DataFrame
    assignments: pd.DataFrame
    terms: pd.DataFrame
    passages: pd.DataFrame
    map: pd.DataFrame
    about: pd.DataFrame
    warnings: pd.DataFrame

    @property
    def n_topics(self) -> int:
        return int(self.about["n_topics"].iloc[0])

    @property
    def n_terms(self) -> int:
        """Terms in the model's vocabulary."""
        return int(self.about["n_terms"].iloc[0])

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in STAGE_TABLES}

    def how_k_was_chosen(self) -> str:
        """One sentence: on which units the candidates were scored, and which k the model shown has.

        >>> about = pd.DataFrame([{"n_units": 696, "n_units_chosen_on": 696, "n_topics": 8, "n_terms": 900,
        ...                        "streaming": False, "fixed_by_parameter": False}])
        >>> stage = TopicStage(*[pd.DataFrame()] * 5, about=about, warnings=pd.DataFrame())
        >>> print(stage.how_k_was_chosen())  # doctest: +NORMALIZE_WHITESPACE
        Coherence and stability per candidate k, scored on all 696 units; the model shown has k = 8, the most
        coherent of the most stable.
        """
        facts = self.about.iloc[0]
        n_units, chosen_on = int(facts["n_units"]), int(facts["n_units_chosen_on"])
        on = (f"all {n_units:,} units" if chosen_on == n_units else
              f"a random sample of {chosen_on:,} of the {n_units:,} units (drawn with the seed)")
        why = "as the parameters fix it" if facts["fixed_by_parameter"] else "the most coherent of the most stable"
        fitted = (" fitted on every unit with the streaming model (MiniBatchNMF)" if facts["streaming"]
                  else " fitted on every unit" if chosen_on < n_units else "")
        return (f"Coherence and stability per candidate k, scored on {on}; the model shown has k = "
                f"{self.n_topics}{fitted}, {why}.")


def uses_streaming_topics(n_units: int, method: str) -> bool:
    """Whether topics of ``n_units`` units are fitted with the streaming model (NMF at STREAMING_MIN_UNITS or more)."""
    return method == "nmf" and n_units >= STREAMING_MIN_UNITS


def choice_rows(n_units: int, seed: int) -> np.ndarray | None:
    """The units the choice of k is scored on (sorted row numbers), or None for all of them.

    >>> choice_rows(696, 0) is None
    True
    >>> rows = choice_rows(CHOICE_MAX_UNITS + 5, 0)
    >>> len(rows), bool((rows == choice_rows(CHOICE_MAX_UNITS + 5, 0)).all())
    (10000, True)
    """
    if n_units <= CHOICE_MAX_UNITS:
        return None
    return np.sort(np.random.default_rng(seed).choice(n_units, size=CHOICE_MAX_UNITS, replace=False))


def compute_topic_stage(passages: pd.DataFrame, params: Any) -> TopicStage:
    """The topic stage of ``passages`` for a notebook's parameters (:data:`TOPIC_PARAMETERS`).

    Raises TooFewTextsError (a NotEnoughDataError) when no candidate k can be fitted. The warnings
    computing gives (skipped passages, a fit that did not converge) are shown and kept in ``warnings``.
    """
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            stage = _compute(passages, params)
    finally:  # shown as they would have been (also before an error), and kept for the notebooks that read the stage
        warn_caught(caught)
    stage.warnings = _warnings_table(kept_warnings(caught))
    return stage


def _warnings_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Kept warnings (:func:`newskit.errors.kept_warnings`) as the stage's ``warnings`` table."""
    return pd.DataFrame({column: pd.Series([row[column] for row in rows], dtype=dtype)
                         for column, dtype in zip(WARNING_COLUMNS, ("str", "str", "int64"), strict=True)})


def _compute(passages: pd.DataFrame, params: Any) -> TopicStage:
    from newskit.topics.models import StreamingTopicModel, TopicModel, in_chunks
    from newskit.topics.quality import scored_candidates

    units = make_units(passages, unit=params.topic_unit)
    texts = units["text"].tolist()
    rows = choice_rows(len(texts), params.seed)
    choice_texts = texts if rows is None else [texts[i] for i in rows]
    seeds = list(range(params.seed, params.seed + params.n_stability_seeds))
    with warnings.catch_warnings():
        if rows is not None:  # the rows a sample skips are not the units' rows: the model shown reports those
            warnings.simplefilter("ignore", NewskitWarning)
        candidates, fitted = scored_candidates(
            choice_texts, params.topic_candidates, seeds=seeds, sample_fraction=0.8, min_stability=0.75,
            tolerance=0.05, n_terms=10, streaming=False, chunk_size=TOPIC_CHUNK_SIZE,
            method=params.topic_method, random_state=params.seed,
        )
    fixed = params.n_topics is not None
    n_topics = int(params.n_topics) if fixed else int(candidates.loc[candidates["chosen"], "n_topics"].iloc[0])
    streaming = uses_streaming_topics(len(units), params.topic_method)
    if rows is None and not streaming and n_topics in fitted:
        model, fit_warnings = fitted[n_topics]
        warn_caught(fit_warnings)
    elif streaming:
        model = StreamingTopicModel(n_topics, random_state=params.seed)
        model.fit(in_chunks(texts, TOPIC_CHUNK_SIZE))
    else:
        model = TopicModel(n_topics, method=params.topic_method, random_state=params.seed).fit(texts)
    assignments = assign_topics(model, units)
    about = pd.DataFrame([{
        "n_units": len(units), "n_units_chosen_on": len(choice_texts), "n_topics": n_topics,
        "n_terms": len(model.terms_), "streaming": streaming, "fixed_by_parameter": fixed,
    }], columns=ABOUT_COLUMNS)
    return TopicStage(
        candidates=candidates,
        assignments=assignments,
        terms=model.top_terms(params.n_top_terms),
        passages=model.representative_passages(texts, k=N_REPRESENTATIVE_PASSAGES),
        map=unit_map(model, assignments, random_state=params.seed)[MAP_COLUMNS],
        about=about,
        warnings=_warnings_table([]),
    )

