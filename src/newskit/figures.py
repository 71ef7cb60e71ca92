"""Casualty figures as attributed claims: the public entry of the extractor (:mod:`newskit.extract`).

A casualty figure is a count, or a share, of PEOPLE said to have been killed, injured, taken
hostage, gone missing, displaced, detained or released (../shared/FIGURES.md). Each occurrence in
the text is its own :class:`Figure`, with the interval its wording allows (see
:class:`Conventions`), the outcome, victim group, place, scope and attribution decided by the
stages of :mod:`newskit.extract` (one module per field, each rule with an id in ``Figure.rules``),
and offsets into the very string passed in, so that ``text[figure.start:figure.end] ==
figure.surface`` always. Every word the rules read comes from the vocabulary
(:func:`newskit.vocabulary.load_vocabulary`).
"""

from __future__ import annotations

import pandas as pd

from newskit.extract.claims import (
    article_items,
    claims_for_article,
    claims_frame,
    format_rules,
    resolve_as_of,
)
from newskit.extract.record import DEFAULT_CONVENTIONS, Conventions, Figure
from newskit.extract.run import FLAGS, STAGES, extract_figures
from newskit.extract.source_types import classify_source
from newskit.extract.vocabulary import Vocabulary, VocabularyError, load_vocabulary


def claims_table(
    passages: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    conventions: Conventions = DEFAULT_CONVENTIONS,
    vocabulary: Vocabulary | None = None,
) -> pd.DataFrame:
    """One row per casualty figure in ``passages``: CLAIM_COLUMNS, in article, passage, offset order.

    ``outlet`` and ``published`` come from ``articles``; ``as_of`` is the article date unless the
    figure's sentence states another ("as of December 12", in the article's year). Offsets index
    the passage text; ``parent`` is the ``start`` of the parent figure in the same passage. Passages
    whose article is not in ``articles`` keep null outlet and dates. Empty input gives an empty
    table with the right columns. Runs here, one article after another, and lets an article's
    error propagate; :func:`newskit.pipeline.claims_table` runs it on an engine and keeps the
    other articles' claims when one fails. ``vocabulary`` (see
    :func:`newskit.vocabulary.load_vocabulary`) gives the words the rules read.
    """
    items = article_items(passages, articles, conventions=conventions, vocabulary=vocabulary)
    return claims_frame([row for item in items for row in claims_for_article(item)])


__all__ = [
    "DEFAULT_CONVENTIONS",
    "FLAGS",
    "STAGES",
    "Conventions",
    "Figure",
    "Vocabulary",
    "VocabularyError",
    "article_items",
    "claims_for_article",
    "claims_frame",
    "claims_table",
    "classify_source",
    "extract_figures",
    "format_rules",
    "load_vocabulary",
    "resolve_as_of",
]
