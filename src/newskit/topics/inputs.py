"""What callers pass to the topic functions: texts checked, choices checked, skipped rows reported."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from newskit.errors import NewskitWarning, ParameterError, TopicModelError


def _as_texts(texts: Iterable[str]) -> list[str]:
    """A list of strings; missing values (None, NaN) become empty texts; anything else is an error."""
    if isinstance(texts, str):
        raise TopicModelError("texts is one string; pass a list (or Series) of texts, one per passage")
    if isinstance(texts, pd.DataFrame):
        raise TopicModelError("texts is a DataFrame; pass its text column, e.g. passages['text']")
    out = []
    for row, text in enumerate(texts):
        if isinstance(text, str):
            out.append(text)
        elif text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
            out.append("")
        else:
            raise TopicModelError(
                f"text at row {row} is a {type(text).__name__} ({text!r:.40}), not a string; "
                "pass the passages' text column"
            )
    return out


def _rows(mask: np.ndarray, limit: int = 10) -> str:
    rows = np.flatnonzero(mask)
    shown = ", ".join(str(r) for r in rows[:limit])
    return f"[{shown}{', ...' if len(rows) > limit else ''}]"


def _warn_skipped(n_texts: int, blank: np.ndarray, foreign: np.ndarray, termless: np.ndarray) -> None:
    if not (blank.any() or foreign.any() or termless.any()):
        return
    parts = []
    if blank.any():
        parts.append(f"{blank.sum()} empty (rows {_rows(blank)})")
    if termless.any():
        parts.append(
            f"{termless.sum()} with no term in the vocabulary: stopwords only or words rarer than "
            f"min_df (rows {_rows(termless)})"
        )
    if foreign.any():
        parts.append(f"{foreign.sum()} not English (rows {_rows(foreign)})")
    n_skipped = int((blank | foreign | termless).sum())
    warnings.warn(
        f"topic model: {n_skipped} of {n_texts} passages skipped (topic -1, weight 0): "
        + "; ".join(parts)
        + ". Clean or drop them to silence this.",
        NewskitWarning,
        stacklevel=3,
    )


def _fingerprint(texts: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _check_choice(name: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ParameterError(f"{name}={value!r} is not one of {list(choices)}")


def _check_n_topics(n_topics: Any) -> None:
    if isinstance(n_topics, bool) or not isinstance(n_topics, int | np.integer) or n_topics < 1:
        raise ParameterError(f"n_topics={n_topics!r}: pass a whole number >= 1")
