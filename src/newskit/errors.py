"""The kit's one exception base, its subclasses, and its warning category.

Every message names what went wrong, where (file, row, field or parameter) and, when there is one,
the fix. Recoverable problems are warnings (``NewskitWarning``) so a run goes on and nothing is lost.
"""

from __future__ import annotations

import reprlib
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

# How much of a bad value an error message shows.
MAX_EXCERPT_CHARS = 80
_REPR = reprlib.Repr()
_REPR.maxstring = MAX_EXCERPT_CHARS
_REPR.maxother = MAX_EXCERPT_CHARS


def excerpt(value: Any, *, limit: int = MAX_EXCERPT_CHARS) -> str:
    """A bounded ``repr`` of a bad value for an error message: at most ``limit`` characters, nested
    containers cut short (a value built from YAML aliases is never expanded).

    A NumPy scalar shows as its Python value (``12.5``, not ``np.float64(12.5)``).

    >>> excerpt("a title")
    "'a title'"
    >>> excerpt(list(range(1000)))
    '[0, 1, 2, 3, 4, 5, ...]'
    >>> len(excerpt("x" * 10_000)) <= MAX_EXCERPT_CHARS
    True
    """
    if getattr(value, "shape", None) == () and hasattr(value, "item"):
        value = value.item()
    text = _REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class NewskitError(Exception):
    """Base of every error the kit raises on purpose."""


class CorpusError(NewskitError):
    """A corpus path, file or row that cannot be read as articles."""


class SchemaError(NewskitError):
    """A table that lacks a column, or holds a value outside its vocabulary."""


class ReferenceSeriesError(NewskitError):
    """An official reference series that cannot be read."""


class ParameterError(NewskitError):
    """A parameter that is unknown, ill-typed or out of range."""


class TopicModelError(NewskitError):
    """Texts a topic model cannot be fitted on."""


class NotEnoughDataError(NewskitError):
    """A corpus with too little data for one step (e.g. too few passages to fit topics).

    Not a bug and not a bad input: a report shows the step's page with this message and completes
    with its other notebooks. ``advice`` says, for researchers, what it means and what to do.
    """

    advice = "this corpus holds too little data for this step; a larger corpus gives it what it needs"


class TooFewTextsError(TopicModelError, NotEnoughDataError):
    """Too few usable passages, or too few distinct terms, to fit or choose topics."""

    advice = (
        "there are too few passages with enough distinct words to find topics in this corpus. Topics need "
        "dozens of passages at least: add articles, or cluster shorter units (topic_unit: sentence) or "
        "fewer topics (topic_candidates)"
    )


class ReportError(NewskitError):
    """A report run that failed; says which notebook and cell."""


class EngineError(NewskitError):
    """A distributed or parallel run that failed; says which articles were affected."""


class NewskitWarning(UserWarning):
    """A recoverable problem in the input: the run goes on; the message names file, row and fix."""


def warn_caught(caught: Iterable[warnings.WarningMessage]) -> None:
    """Give again, each from the file and line that gave it, the warnings a ``catch_warnings(record=True)`` held."""
    for warning in caught:
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def kept_warnings(caught: Iterable[warnings.WarningMessage]) -> list[dict[str, Any]]:
    """The NewskitWarnings among ``caught`` as rows (message, filename, lineno: ``schema.WARNING_COLUMNS``),
    kept with the stage whose computation gave them."""
    return [{"message": str(w.message), "filename": w.filename, "lineno": w.lineno}
            for w in caught if issubclass(w.category, NewskitWarning)]


def warn_again(kept: Iterable[Mapping[str, Any]]) -> None:
    """Give again the warnings computing a stage gave (:func:`kept_warnings` rows), from the file and line
    that gave them: a notebook that reads a stage shows what one that computed it showed."""
    for row in kept:
        warnings.warn_explicit(str(row["message"]), NewskitWarning, str(row["filename"]), int(row["lineno"]))
