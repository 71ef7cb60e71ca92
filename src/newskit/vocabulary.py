"""The extraction vocabulary, public entry: :func:`load_vocabulary` and :class:`Vocabulary`.

The implementation and the packaged ``vocabulary.yaml`` live in :mod:`newskit.extract.vocabulary`.
"""

from __future__ import annotations

from newskit.extract.vocabulary import (
    DEFAULT_VOCABULARY_PATH,
    SHAPE,
    Vocabulary,
    VocabularyError,
    default_vocabulary,
    load_vocabulary,
)

__all__ = ["DEFAULT_VOCABULARY_PATH", "SHAPE", "Vocabulary", "VocabularyError", "default_vocabulary",
           "load_vocabulary"]
