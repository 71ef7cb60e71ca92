"""Texts to terms: the kit's tokenizer and Snowball stems, stopwords, surface forms, input checks."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np

from newskit import nlp

MIN_TERM_LENGTH = 2


class _StemCache(dict):
    """word -> its stem, or "" for a word that is no term (a stopword, or shorter than two letters)."""

    def __init__(self, stop_words: frozenset[str]):
        super().__init__()
        self.stop_words = stop_words

    def __missing__(self, word: str) -> str:
        stem = "" if len(word) < MIN_TERM_LENGTH or word in self.stop_words else nlp.stem(word)
        self[word] = stem
        return stem


class _Analyzer:
    """Texts -> stem terms, in one tokenizing pass; counts surface forms while ``surface_counts`` is set.

    Unigrams are stems of content words (stopwords and one-letter words dropped); bigrams, when
    ``ngram_range`` reaches 2, are adjacent content stems kept only if they are in ``bigrams``.
    The same pass tells which texts are blank and which are not English (their term list is empty).
    """

    def __init__(self, stop_words: frozenset[str], ngram_range: tuple[int, int], skip_non_english: bool):
        self.stop_words = stop_words
        self.ngram_range = ngram_range
        self.skip_non_english = skip_non_english
        self.bigrams: frozenset[tuple[str, str]] = frozenset()
        self.surface_counts: Counter | None = None
        self._stem_of = _StemCache(stop_words)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_stem_of": _StemCache(self.stop_words)}  # the cache is rebuilt on use

    def _memo(self) -> dict[str, tuple[list[str], list[str]] | str] | None:
        """This analyzer's entry of the analyses shared by :func:`_analyses_shared`; None outside it."""
        shared = _SHARED_ANALYSES.get()
        return None if shared is None else shared.setdefault((self.stop_words, self.skip_non_english), {})

    def _analyze_text(self, text: str) -> tuple[list[str], list[str]] | str:
        """``(surface words kept, their stems)``, or _BLANK, or _FOREIGN."""
        words = nlp.word_tokens(text)
        if not words and not text.strip():
            return _BLANK
        if self.skip_non_english and not nlp.words_look_english(words):
            return _FOREIGN
        stems = list(map(self._stem_of.__getitem__, words))
        return list(itertools.compress(words, stems)), [s for s in stems if s]

    def _terms(self, stems: list[str]) -> list[str]:
        low, high = self.ngram_range
        terms = stems if low == 1 else []
        if high == 2:
            pairs = self.bigrams
            terms = terms + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False) if (a, b) in pairs]
        return terms

    def analyze(
        self, texts: Sequence[str], *, stems_only: bool = False
    ) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
        """Term lists (stem lists when ``stems_only``), and masks of blank and of non-English texts."""
        n = len(texts)
        blank, foreign = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
        term_lists: list[list[str]] = []
        memo = self._memo()
        for row, text in enumerate(texts):
            analysis = None if memo is None else memo.get(text)
            if analysis is None:
                analysis = self._analyze_text(text)
                if memo is not None:
                    memo[text] = analysis
            if analysis is _BLANK or analysis is _FOREIGN:
                (blank if analysis is _BLANK else foreign)[row] = True
                term_lists.append([])
                continue
            surface_words, stems = analysis
            if self.surface_counts is not None:
                self.surface_counts.update(surface_words)
            term_lists.append(stems if stems_only else self._terms(stems))
        return term_lists, blank, foreign


# Within _analyses_shared(): {(stop words, skip_non_english): {text: its analysis}}, so that the many
# models choose_n_topics and stability fit on the same texts tokenize and stem each text once.
_SHARED_ANALYSES: ContextVar[dict | None] = ContextVar("newskit_topic_analyses", default=None)
_BLANK, _FOREIGN = "blank", "foreign"


@contextmanager
def _analyses_shared() -> Iterator[None]:
    """Analyzers in the block remember each text's words and stems (an enclosing block's memory is kept)."""
    token = _SHARED_ANALYSES.set({}) if _SHARED_ANALYSES.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _SHARED_ANALYSES.reset(token)


def _stop_words(extra: Iterable[str]) -> frozenset[str]:
    return nlp.stopwords() | nlp.NEWS_STOPWORDS | {w.lower() for w in extra}


def _surface_labels(surface_counts: Counter) -> dict[str, str]:
    """Each stem's most frequent surface form (ties: alphabetically first)."""
    labels: dict[str, str] = {}
    for word, _ in sorted(surface_counts.items(), key=lambda item: (-item[1], item[0])):
        labels.setdefault(nlp.stem(word), word)
    return labels


def _term_label(term: str, surface: dict[str, str]) -> str:
    return " ".join(surface.get(part, part) for part in term.split(" "))


def _identity(tokens: list[str]) -> list[str]:
    return tokens

