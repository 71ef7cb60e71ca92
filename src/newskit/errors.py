"""The kit's one exception base, its subclasses, and its warning category.

Every message names what went wrong, where (file, row, field or parameter) and, when there is one,
the fix. Recoverable problems are warnings (``NewskitWarning``) so a run goes on and nothing is lost.
"""

from __future__ import annotations


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


class ReportError(NewskitError):
    """A report run that failed; says which notebook and cell."""


class EngineError(NewskitError):
    """A distributed or parallel run that failed; says which articles were affected."""


class NewskitWarning(UserWarning):
    """A recoverable problem in the input: the run goes on; the message names file, row and fix."""


