"""What a corpus talks about: deterministic topic models with measured coherence and stability.

Texts become Snowball stems of their content words (``newskit.nlp``: the kit's tokenizer, no NLTK
data), weighted tf-idf (NMF, k-means) or counted (LDA), and factorised in scikit-learn. Terms are
shown by their most frequent surface form ("hostages", not "hostag").

Every passage gets a topic *and* a fit score: the cosine between the passage's term vector and its
reconstruction from the topics (NMF: ``w @ H``; LDA: the topic mixture times the topic-word
distributions; k-means: the centroid of its cluster). A passage whose fit is below ``min_fit``
(default 0.2) is one no topic explains well: it keeps its nearest topic in ``labels_`` but is
counted apart as *unexplained* in assignments and prevalence, and its share is reported
(``unexplained_share_``), never hidden. Passages with no usable term (empty, stopword-only, only
rare words, not English) get topic -1 and a NewskitWarning that lists them.

:class:`TopicModel` holds the whole term matrix in memory; :class:`StreamingTopicModel` reads an
iterable of chunks (a first pass for the vocabulary, or a HashingVectorizer) and fits MiniBatchNMF
with ``partial_fit`` for corpora that do not fit. :func:`coherence_npmi`, :func:`stability` and
:func:`choose_n_topics` measure either on the corpus itself.

One module per job: :mod:`~newskit.topics.inputs` (checks of what callers pass),
:mod:`~newskit.topics.terms` (texts to stems), :mod:`~newskit.topics.models`
(the models), :mod:`~newskit.topics.quality` (coherence, stability, the choice of k),
:mod:`~newskit.topics.tables` (units, assignments, prevalence, claims by topic) and
:mod:`~newskit.topics.stage` (the report's topic stage, computed once and kept as stage files).
Every public name is importable from ``newskit.topics``; the models and their measures (which
import scikit-learn) load on first use, so a notebook that only reads the topic stage does not.
"""

from __future__ import annotations

from typing import Any

from newskit.schema import ASSIGNMENT_COLUMNS, PASSAGE_COLUMNS, UNIT_COLUMNS
from newskit.topics.tables import (
    MAP_COLUMNS,
    NO_TOPIC,
    PREVALENCE_BY,
    UNEXPLAINED_LABEL,
    UNITS,
    PrevalenceBy,
    Unit,
    assign_topics,
    attach_topics,
    claims_by_topic,
    make_units,
    prevalence,
    unit_map,
)

# name -> module, for the names loaded on first use (PEP 562)
_LAZY = {
    **dict.fromkeys(
        ("Method", "METHODS", "VocabularyMode", "DEFAULT_MIN_FIT", "DEFAULT_MAX_ITER", "N_LABEL_TERMS",
         "TopicReader", "TopicModel", "StreamingTopicModel", "in_chunks", "one_thread"), "models"),
    **dict.fromkeys(
        ("CHOOSE_COLUMNS", "npmi_by_topic", "coherence_npmi", "stability", "pick_n_topics", "choose_n_topics"),
        "quality"),
    "MIN_TERM_LENGTH": "terms",
    **dict.fromkeys(("TopicStage", "compute_topic_stage", "STREAMING_MIN_UNITS", "CHOICE_MAX_UNITS"), "stage"),
}

__all__ = [
    "ASSIGNMENT_COLUMNS", "MAP_COLUMNS", "NO_TOPIC", "PASSAGE_COLUMNS", "PREVALENCE_BY", "UNEXPLAINED_LABEL",
    "UNITS", "UNIT_COLUMNS", "PrevalenceBy", "Unit", "assign_topics", "attach_topics", "claims_by_topic",
    "make_units", "prevalence", "unit_map", *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"newskit.topics.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'newskit.topics' has no attribute {name!r}")
