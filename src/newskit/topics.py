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
"""

from __future__ import annotations

import hashlib
import inspect
import itertools
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, LatentDirichletAllocation, MiniBatchNMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfTransformer
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize

from newskit import nlp
from newskit.errors import NewskitWarning, ParameterError, SchemaError, TooFewTextsError, TopicModelError
from newskit.schema import ASSIGNMENT_COLUMNS, PASSAGE_COLUMNS, UNIT_COLUMNS, validate_columns

Method = Literal["nmf", "kmeans", "lda"]
METHODS: tuple[str, ...] = ("nmf", "kmeans", "lda")
Unit = Literal["article", "paragraph", "sentence"]
UNITS: tuple[str, ...] = ("article", "paragraph", "sentence")
PrevalenceBy = Literal["week", "month", "outlet"]
PREVALENCE_BY: tuple[str, ...] = ("week", "month", "outlet")
VocabularyMode = Literal["first_pass", "hashing"]

CHOOSE_COLUMNS = ["n_topics", "coherence_npmi", "stability_ari", "stability_ari_min", "stability_ari_explained",
                  "unexplained_share", "note", "chosen"]
NO_TOPIC = -1
UNEXPLAINED_LABEL = "(unexplained)"
DEFAULT_MIN_FIT = 0.2
DEFAULT_MAX_ITER = {"nmf": 400, "kmeans": 300, "lda": 30}
N_LABEL_TERMS = 3
MIN_TERM_LENGTH = 2


# ---------------------------------------------------------------------------------------------
# Texts to terms


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


# ---------------------------------------------------------------------------------------------
# What every topic model can be asked once it is fitted


class TopicReader:
    """Reading a fitted model: terms, labels, weights, fit scores, representative passages.

    Subclasses set ``analyzer_``, ``components_``, ``terms_``, ``term_labels_``, ``min_fit``, and
    implement ``_count(term_lists)`` (the term count matrix), ``_weigh(counts)`` (the weighted matrix
    the model factorises) and ``_weights(X)`` (document-topic weights).
    """

    components_: np.ndarray
    term_labels_: np.ndarray
    topic_labels_: list[str]
    min_fit: float

    def _check_fitted(self) -> None:
        if not hasattr(self, "components_"):
            raise TopicModelError(f"this {type(self).__name__} is not fitted yet; call fit(texts) first")

    @property
    def n_topics_(self) -> int:
        self._check_fitted()
        return self.components_.shape[0]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's settings, as scikit-learn's ``get_params``."""
        names = [name for name in inspect.signature(type(self).__init__).parameters if name != "self"]
        return {name: getattr(self, name) for name in names}

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the document-topic columns of :meth:`transform`: ``topic0``, ``topic1``, ..."""
        return np.array([f"topic{i}" for i in range(self.n_topics_)], dtype=object)

    def _set_topic_labels(self) -> None:
        order = np.argsort(-self.components_, axis=1, kind="stable")[:, :N_LABEL_TERMS]
        self.topic_labels_ = [" / ".join(self.term_labels_[i] for i in row) for row in order]

    def _reconstruction_basis(self) -> np.ndarray:
        """Topic rows ``H`` such that a passage is reconstructed as ``weights @ H``."""
        return self.components_

    def _labels(self, weights: np.ndarray, X: sparse.csr_matrix) -> np.ndarray:
        labels = np.argmax(weights, axis=1).astype(np.int64)
        labels[weights.max(axis=1, initial=0.0) <= 0] = NO_TOPIC
        return labels

    def _fit_scores(self, X: sparse.csr_matrix, weights: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Cosine between each row of ``X`` and its reconstruction from the topics (0 when either is 0)."""
        basis = self._reconstruction_basis()
        num = np.einsum("ij,ij->i", weights, np.asarray(X @ basis.T))
        x_norm = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        hat_norm = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", weights, basis @ basis.T, weights), 0.0))
        denom = x_norm * hat_norm
        scores = np.divide(num, denom, out=np.zeros_like(num), where=denom > 0)
        scores[labels == NO_TOPIC] = 0.0
        return np.clip(scores, 0.0, 1.0)

    def _infer(self, texts: Sequence[str], *, warn: bool = True) -> dict[str, np.ndarray]:
        """Weights, labels and fit scores for ``texts``, skipping what the model cannot read."""
        term_lists, blank, foreign = self.analyzer_.analyze(texts)
        return self._infer_terms(self._count(term_lists), blank, foreign, warn=warn)

    def _infer_terms(
        self, counts: sparse.csr_matrix, blank: np.ndarray, foreign: np.ndarray, *, warn: bool,
        weights: np.ndarray | None = None,
    ) -> dict[str, np.ndarray]:
        X = self._weigh(counts)
        termless = ~(blank | foreign) & (X.getnnz(axis=1) == 0)
        if warn:
            _warn_skipped(X.shape[0], blank, foreign, termless)
        skipped = blank | foreign | termless
        if weights is None:
            weights = self._weights(X) if X.shape[0] else np.zeros((0, self.n_topics_))
        weights[skipped] = 0.0
        labels = self._labels(weights, X)
        labels[skipped] = NO_TOPIC
        return {"weights": weights, "labels": labels, "fit": self._fit_scores(X, weights, labels)}

    def _inferred(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """:meth:`_infer`, reusing the fitted results when ``texts`` are the ones fitted on."""
        stored = getattr(self, "_fitted_inference", None)
        if stored is not None and len(texts) == len(stored["labels"]) and _fingerprint(texts) == self._fit_fingerprint:
            return stored
        return self._infer(texts)

    def term_matrix(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """The weighted term matrix the model factorises (rows: texts; columns: ``terms_``).

        tf-idf rows of unit length for NMF, k-means and the streaming model; raw counts for LDA.
        """
        self._check_fitted()
        term_lists, _, _ = self.analyzer_.analyze(_as_texts(texts))
        return self._weigh(self._count(term_lists))

    def transform(self, texts: Iterable[str]) -> np.ndarray:
        """Document-topic weights, one row per text, columns as :meth:`get_feature_names_out`.

        Rows of texts the model cannot read (empty, stopword-only, not English) are all zero and a
        NewskitWarning lists them. NMF: non-negative loadings of tf-idf rows; LDA: topic proportions
        (rows sum to 1); k-means: cosine similarity to each centroid, clipped at 0.
        """
        self._check_fitted()
        return self._infer(_as_texts(texts))["weights"]

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` heaviest terms of each topic: columns topic, topic_label, rank, term, stem, weight.

        ``term`` is the stem's most frequent surface form in the fitted texts; ``rank`` starts at 1.
        """
        self._check_fitted()
        order = np.argsort(-self.components_, axis=1, kind="stable")[:, :n]
        rows = [
            {
                "topic": topic,
                "topic_label": self.topic_labels_[topic],
                "rank": rank + 1,
                "term": self.term_labels_[index],
                "stem": self.terms_[index],
                "weight": float(self.components_[topic, index]),
            }
            for topic, indices in enumerate(order)
            for rank, index in enumerate(indices)
        ]
        return pd.DataFrame(rows, columns=["topic", "topic_label", "rank", "term", "stem", "weight"])

    def representative_passages(self, texts: Iterable[str], k: int = 3) -> pd.DataFrame:
        """The ``k`` passages that express each topic most: explained passages of the topic, by weight.

        Columns topic, topic_label, rank, row (position in ``texts``), weight, fit, text. A topic with
        fewer than ``k`` explained passages has fewer rows.
        """
        self._check_fitted()
        texts = _as_texts(texts)
        result = self._inferred(texts)
        rows = []
        for topic in range(self.n_topics_):
            members = np.flatnonzero((result["labels"] == topic) & (result["fit"] >= self.min_fit))
            weights = result["weights"][members, topic]
            best = members[np.lexsort((members, -weights))][:k]
            for rank, row in enumerate(best):
                rows.append(
                    {
                        "topic": topic,
                        "topic_label": self.topic_labels_[topic],
                        "rank": rank + 1,
                        "row": int(row),
                        "weight": float(result["weights"][row, topic]),
                        "fit": float(result["fit"][row]),
                        "text": texts[row],
                    }
                )
        columns = ["topic", "topic_label", "rank", "row", "weight", "fit", "text"]
        return pd.DataFrame(rows, columns=columns)

    def _store_fitted(self, texts: Sequence[str], result: dict[str, np.ndarray]) -> None:
        self._fit_fingerprint = _fingerprint(texts)
        self._fitted_inference = result
        self.labels_ = result["labels"]
        self.weights_ = result["weights"]
        self.fit_scores_ = result["fit"]
        self.explained_ = (result["labels"] != NO_TOPIC) & (result["fit"] >= self.min_fit)
        self.unexplained_share_ = float(1.0 - self.explained_.mean()) if len(texts) else 0.0


# ---------------------------------------------------------------------------------------------
# The in-memory model


class TopicModel(TopicReader):
    """A topic model in the scikit-learn style: NMF (default), k-means or LDA on stemmed terms.

    ``max_df`` and ``min_df`` prune terms as in scikit-learn (a float is a share of passages, an int
    a count); ``ngram_range=(1, 2)`` adds bigrams, but only NLTK collocations of the fitted texts
    (likelihood ratio, seen at least ``max(min_df, 3)`` times), not every adjacent pair.
    ``max_features`` keeps the most frequent terms. ``min_fit`` is the fit score under which a passage
    counts as unexplained. ``skip_non_english`` skips passages :func:`newskit.nlp.looks_english`
    rejects (turn it off for keyword lists or non-prose texts). ``max_iter=None`` takes the method's
    default (NMF 400, k-means 300, LDA 30). Every random step takes ``random_state``.

    After :meth:`fit`: ``labels_`` (topic per text, -1 when skipped), ``weights_`` (document-topic
    weights of the fitted texts), ``fit_scores_``, ``explained_``, ``unexplained_share_``,
    ``components_`` (topic-term weights), ``terms_`` (stems) and ``term_labels_`` (their surface
    forms), ``topic_labels_`` (three top terms per topic), ``converged_``.
    """

    def __init__(
        self,
        n_topics: int = 8,
        *,
        method: Method = "nmf",
        max_df: float | int = 0.5,
        min_df: float | int = 2,
        ngram_range: tuple[int, int] = (1, 1),
        max_features: int | None = 20_000,
        min_fit: float = DEFAULT_MIN_FIT,
        extra_stop_words: Sequence[str] = (),
        skip_non_english: bool = True,
        max_iter: int | None = None,
        random_state: int = 0,
    ):
        self.n_topics = n_topics
        self.method = method
        self.max_df = max_df
        self.min_df = min_df
        self.ngram_range = ngram_range
        self.max_features = max_features
        self.min_fit = min_fit
        self.extra_stop_words = extra_stop_words
        self.skip_non_english = skip_non_english
        self.max_iter = max_iter
        self.random_state = random_state

    def _validate_params(self) -> None:
        _check_n_topics(self.n_topics)
        _check_choice("method", self.method, METHODS)
        low_high = tuple(self.ngram_range) if isinstance(self.ngram_range, tuple | list) else ()
        if low_high not in {(1, 1), (1, 2), (2, 2)}:
            raise ParameterError(f"ngram_range={self.ngram_range!r}: pass (1, 1), (1, 2) or (2, 2)")
        if not 0.0 <= float(self.min_fit) <= 1.0:
            raise ParameterError(f"min_fit={self.min_fit!r}: pass a cosine between 0 and 1")

    def fit(self, texts: Iterable[str], y: Any = None) -> TopicModel:
        """Fit on ``texts`` (one string per passage); returns self.

        Raises TopicModelError when fewer usable passages than topics remain, or when no term (or
        fewer terms than topics) survives ``min_df``/``max_df``; warns with the rows it skipped.
        """
        self._validate_params()
        texts = _as_texts(texts)
        analyzer = _Analyzer(_stop_words(self.extra_stop_words), tuple(self.ngram_range), self.skip_non_english)
        if self.ngram_range[1] == 2:
            stem_lists, _, _ = analyzer.analyze(texts, stems_only=True)
            min_count = max(int(self.min_df) if float(self.min_df) >= 1 else 1, 3)
            analyzer.bigrams = frozenset(nlp.collocation_bigrams(stem_lists, min_count=min_count, top_n=None))
        analyzer.surface_counts = surface_counts = Counter()
        term_lists, blank, foreign = analyzer.analyze(texts)
        analyzer.surface_counts = None
        self.analyzer_ = analyzer
        readable = np.flatnonzero(~(blank | foreign))
        if len(readable) < self.n_topics:
            raise TooFewTextsError(self._too_few_message(len(texts), len(readable), blank, foreign))
        self.vectorizer_ = CountVectorizer(
            analyzer=_identity, min_df=self.min_df, max_df=self.max_df, max_features=self.max_features,
            dtype=np.float64,
        )
        try:
            readable_counts = self.vectorizer_.fit_transform([term_lists[i] for i in readable])
        except ValueError as error:  # scikit-learn's "no terms remain" / "max_df < min_df"
            raise TooFewTextsError(
                f"no usable vocabulary from {len(readable)} passages with min_df={self.min_df!r}, "
                f"max_df={self.max_df!r} ({error}); this happens with one-word or near-identical "
                "corpora and with very few passages: lower min_df, raise max_df, or add text"
            ) from None
        self.terms_ = self.vectorizer_.get_feature_names_out()
        surface = _surface_labels(surface_counts)
        self.term_labels_ = np.array([_term_label(t, surface) for t in self.terms_], dtype=object)
        if len(self.terms_) < self.n_topics:
            raise TooFewTextsError(
                f"only {len(self.terms_)} terms survive min_df={self.min_df!r}/max_df={self.max_df!r} "
                f"for {self.n_topics} topics: pass fewer topics, lower min_df or raise max_df"
            )
        has_terms = readable_counts.getnnz(axis=1) > 0
        if has_terms.sum() < self.n_topics:
            raise TooFewTextsError(self._too_few_message(len(texts), int(has_terms.sum()), blank, foreign))
        usable_counts = readable_counts[has_terms]
        self.tfidf_ = TfidfTransformer(sublinear_tf=True).fit(usable_counts) if self.method != "lda" else None
        usable_weights = self._fit_estimator(self._weigh(usable_counts))
        self._set_topic_labels()
        scatter = sparse.csr_matrix(
            (np.ones(len(readable)), (readable, np.arange(len(readable)))), shape=(len(texts), len(readable))
        )
        counts = (scatter @ readable_counts).tocsr()
        weights = None
        if usable_weights is not None:  # the factorisation's own weights, rather than a second solve
            weights = np.zeros((len(texts), self.n_topics))
            weights[readable[has_terms]] = usable_weights
        self._store_fitted(texts, self._infer_terms(counts, blank, foreign, warn=True, weights=weights))
        return self

    def _too_few_message(self, n_texts: int, n_usable: int, blank: np.ndarray, foreign: np.ndarray) -> str:
        return (
            f"{n_usable} usable passages for {self.n_topics} topics (of {n_texts} given: {blank.sum()} "
            f"empty, {foreign.sum()} not English, the rest without terms after stopwords and "
            f"min_df={self.min_df!r}): pass n_topics <= {max(n_usable, 1)} or more text"
        )

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        return counts if self.tfidf_ is None else self.tfidf_.transform(counts)

    def _fit_estimator(self, X: sparse.csr_matrix) -> np.ndarray | None:
        """Fit the factorisation; return the fitted rows' weights when the estimator computed them."""
        max_iter = self.max_iter or DEFAULT_MAX_ITER[self.method]
        if self.method == "nmf":
            estimator = NMF(self.n_topics, init="nndsvda", max_iter=max_iter, random_state=self.random_state)
        elif self.method == "lda":
            estimator = LatentDirichletAllocation(
                self.n_topics, learning_method="batch", max_iter=max_iter, random_state=self.random_state
            )
        else:
            estimator = KMeans(self.n_topics, n_init=4, max_iter=max_iter, random_state=self.random_state)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            weights = None if self.method == "kmeans" else np.asarray(estimator.fit_transform(X), dtype=np.float64)
            if weights is None:
                estimator.fit(X)
        self.converged_ = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        if not self.converged_:
            warnings.warn(
                f"topic model ({self.method}, {self.n_topics} topics) stopped at max_iter={max_iter} "
                "before converging; results are usable but raise max_iter for a tighter fit",
                NewskitWarning,
                stacklevel=3,
            )
        self.estimator_ = estimator
        if self.method == "kmeans":
            self.components_ = np.asarray(estimator.cluster_centers_)
        else:
            self.components_ = np.asarray(estimator.components_)
        return weights

    def _count(self, term_lists: list[list[str]]) -> sparse.csr_matrix:
        return self.vectorizer_.transform(term_lists).tocsr()

    def _weights(self, X: sparse.csr_matrix) -> np.ndarray:
        if self.method == "kmeans":
            return np.maximum(np.asarray(X @ normalize(self.components_).T), 0.0)
        return np.asarray(self.estimator_.transform(X), dtype=np.float64)

    def _labels(self, weights: np.ndarray, X: sparse.csr_matrix) -> np.ndarray:
        if self.method != "kmeans" or X.shape[0] == 0:
            return super()._labels(weights, X)
        labels = self.estimator_.predict(X).astype(np.int64)
        labels[X.getnnz(axis=1) == 0] = NO_TOPIC
        return labels

    def _reconstruction_basis(self) -> np.ndarray:
        if self.method == "lda":
            return self.components_ / self.components_.sum(axis=1, keepdims=True)
        return self.components_

    def _fit_scores(self, X: sparse.csr_matrix, weights: np.ndarray, labels: np.ndarray) -> np.ndarray:
        if self.method != "kmeans":
            return super()._fit_scores(X, weights, labels)
        one_hot = np.zeros_like(weights)
        has_topic = labels != NO_TOPIC
        one_hot[np.flatnonzero(has_topic), labels[has_topic]] = 1.0
        return super()._fit_scores(X, one_hot, labels)


# ---------------------------------------------------------------------------------------------
# The streaming model


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _tfidf(counts: sparse.csr_matrix, idf: np.ndarray | None) -> sparse.csr_matrix:
    """Sublinear tf (1 + log tf), times idf when given, rows scaled to unit length (as TfidfTransformer)."""
    weighted = counts.astype(np.float64, copy=True).tocsr()
    weighted.data = 1.0 + np.log(weighted.data)
    if idf is not None:
        weighted = weighted.multiply(idf).tocsr()
    return normalize(weighted)


def _smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    return np.log((1.0 + n_docs) / (1.0 + df)) + 1.0


def _chunk_opener(chunks: Iterable[Iterable[str]] | Callable[[], Iterable[Iterable[str]]], *, passes: int):
    """A function returning a fresh iterator of chunks; one-shot iterators are allowed for one pass."""
    if callable(chunks):
        return lambda: iter(chunks())
    if iter(chunks) is chunks:
        if passes > 1:
            raise ParameterError(
                f"chunks is a one-shot iterator but this fit reads the corpus {passes} times; pass a "
                "list of chunks or a function returning a new iterator of chunks, or use "
                "vocabulary='hashing' with n_epochs=1"
            )
        used = []

        def once():
            if used:
                raise ParameterError("a one-shot iterator of chunks can be read only once")
            used.append(True)
            return chunks

        return once
    return lambda: iter(chunks)


class StreamingTopicModel(TopicReader):
    """NMF for corpora that do not fit in memory: MiniBatchNMF ``partial_fit`` over chunks of texts.

    ``vocabulary="first_pass"`` (default) reads the chunks once to count document frequencies, keeps
    terms as :class:`TopicModel` does (``min_df``, ``max_df``, ``max_features``) with the same tf-idf,
    then fits over ``n_epochs`` more passes; it needs chunks that can be read again (a list of
    chunks, or a function returning a fresh iterator). ``vocabulary="hashing"`` needs one pass
    (``n_epochs=1`` with a one-shot iterator): a HashingVectorizer of ``n_features`` columns, no
    idf, no df pruning; a column is named after the most frequent stem hashed to it.

    Within each chunk passages are shuffled by ``random_state`` and fed in batches of
    ``batch_size``; results depend on chunk order, as any online fit does. Unigrams only.
    Memory grows with the vocabulary and ``batch_size``, not with the number of passages; the model
    keeps no per-passage state (no ``labels_``): use :func:`assign_topics` chunk by chunk.
    """

    def __init__(
        self,
        n_topics: int = 8,
        *,
        vocabulary: VocabularyMode = "first_pass",
        max_df: float | int = 0.5,
        min_df: float | int = 2,
        max_features: int | None = 20_000,
        n_features: int = 2**18,
        batch_size: int = 2048,
        n_epochs: int = 2,
        min_fit: float = DEFAULT_MIN_FIT,
        extra_stop_words: Sequence[str] = (),
        skip_non_english: bool = True,
        random_state: int = 0,
    ):
        self.n_topics = n_topics
        self.vocabulary = vocabulary
        self.max_df = max_df
        self.min_df = min_df
        self.max_features = max_features
        self.n_features = n_features
        self.batch_size = batch_size
        self.n_epochs = n_epochs
        self.min_fit = min_fit
        self.extra_stop_words = extra_stop_words
        self.skip_non_english = skip_non_english
        self.random_state = random_state

    def fit(
        self, chunks: Iterable[Iterable[str]] | Callable[[], Iterable[Iterable[str]]], y: Any = None
    ) -> StreamingTopicModel:
        """Fit on an iterable of chunks (each an iterable of texts); returns self.

        Warns once, at the end, with the number of passages skipped (and the first rows, counted
        across chunks). Raises TopicModelError when no term survives the first pass or when the
        first batch holds fewer usable passages than topics.
        """
        _check_n_topics(self.n_topics)
        _check_choice("vocabulary", self.vocabulary, ("first_pass", "hashing"))
        passes = self.n_epochs + (self.vocabulary == "first_pass")
        open_chunks = _chunk_opener(chunks, passes=passes)
        self._reset()
        if self.vocabulary == "first_pass":
            self._fit_vocabulary(open_chunks())
        for epoch in range(self.n_epochs):
            for chunk in open_chunks():
                self._partial_fit(_as_texts(chunk), count_skipped=epoch == 0)
            self.analyzer_.surface_counts = None  # one pass of surface counts is enough for labels
        self._finish()
        return self

    def partial_fit(self, texts: Iterable[str], y: Any = None) -> StreamingTopicModel:
        """Update the topics with one chunk of texts (hashing vocabulary, or after a first pass)."""
        _check_n_topics(self.n_topics)
        if not hasattr(self, "analyzer_"):
            if self.vocabulary != "hashing":
                raise TopicModelError(
                    "partial_fit needs a vocabulary: call fit(chunks) (first pass + epochs), or use "
                    "vocabulary='hashing'"
                )
            self._reset()
        self._partial_fit(_as_texts(texts), count_skipped=True)
        self._finish(warn=False)
        return self

    def _reset(self) -> None:
        self.analyzer_ = _Analyzer(_stop_words(self.extra_stop_words), (1, 1), self.skip_non_english)
        self.analyzer_.surface_counts = self.surface_counts_ = Counter()
        self._skipped = {"n": 0, "blank": [], "foreign": [], "termless": [], "rows": 0}
        self.estimator_ = MiniBatchNMF(
            self.n_topics, init="nndsvda", batch_size=self.batch_size, random_state=self.random_state
        )
        self._rng = np.random.default_rng(self.random_state)
        self.idf_ = None
        if self.vocabulary == "hashing":
            self.vectorizer_ = HashingVectorizer(
                analyzer=_identity, n_features=self.n_features, alternate_sign=False, norm=None
            )
        for name in ("components_", "_fitted_inference"):
            self.__dict__.pop(name, None)

    def _fit_vocabulary(self, chunks: Iterable[Iterable[str]]) -> None:
        """First pass: document frequency of every stem; keep terms as CountVectorizer would."""
        df: Counter = Counter()
        n_docs = 0
        for chunk in chunks:
            stem_lists, _, _ = self.analyzer_.analyze(_as_texts(chunk), stems_only=True)
            n_docs += len(stem_lists)
            for stems in stem_lists:
                df.update(set(stems))
        self.analyzer_.surface_counts = None
        max_count = self.max_df if isinstance(self.max_df, int) else self.max_df * n_docs
        min_count = self.min_df if isinstance(self.min_df, int) else self.min_df * n_docs
        kept = sorted(((-c, t) for t, c in df.items() if min_count <= c <= max_count))
        if self.max_features is not None:
            kept = kept[: self.max_features]
        if len(kept) < self.n_topics:
            raise TopicModelError(
                f"the first pass over {n_docs} passages leaves {len(kept)} terms with "
                f"min_df={self.min_df!r}, max_df={self.max_df!r} for {self.n_topics} topics: lower "
                "min_df, raise max_df, or pass fewer topics"
            )
        terms = sorted(t for _, t in kept)
        self.vectorizer_ = CountVectorizer(analyzer=_identity, vocabulary={t: i for i, t in enumerate(terms)})
        self.idf_ = _smooth_idf(np.array([df[t] for t in terms], dtype=np.float64), n_docs)
        self.n_documents_first_pass_ = n_docs

    def _partial_fit(self, texts: list[str], *, count_skipped: bool) -> None:
        term_lists, blank, foreign = self.analyzer_.analyze(texts)
        X = self._weigh(self._count(term_lists))
        has_terms = X.getnnz(axis=1) > 0
        if count_skipped:
            termless = ~(blank | foreign | has_terms)
            offset = self._skipped["rows"]
            for name, mask in (("blank", blank), ("foreign", foreign), ("termless", termless)):
                self._skipped[name].extend((np.flatnonzero(mask) + offset).tolist())
            self._skipped["rows"] += len(texts)
        X = X[has_terms]
        X = X[self._rng.permutation(X.shape[0])]
        n_batches = max(1, int(np.ceil(X.shape[0] / self.batch_size)))
        for rows in np.array_split(np.arange(X.shape[0]), n_batches):
            if not len(rows):
                continue
            if not hasattr(self.estimator_, "components_") and len(rows) < self.n_topics:
                raise TopicModelError(
                    f"the first batch holds {len(rows)} usable passages for {self.n_topics} topics: "
                    "pass larger chunks (at least n_topics passages with terms) or fewer topics"
                )
            self.estimator_.partial_fit(X[rows])

    def _finish(self, *, warn: bool = True) -> None:
        if not hasattr(self.estimator_, "components_"):
            raise TopicModelError("no chunk held a usable passage; nothing was fitted")
        self.components_ = np.asarray(self.estimator_.components_)
        surface = _surface_labels(self.surface_counts_)
        if self.vocabulary == "hashing":
            self.terms_ = self._hashed_stem_names()
        else:
            self.terms_ = self.vectorizer_.get_feature_names_out()
        self.term_labels_ = np.array([_term_label(t, surface) if t else "" for t in self.terms_], dtype=object)
        self._set_topic_labels()
        if warn:
            masks = {}
            for name in ("blank", "foreign", "termless"):
                mask = np.zeros(self._skipped["rows"], dtype=bool)
                mask[self._skipped[name]] = True
                masks[name] = mask
            _warn_skipped(self._skipped["rows"], masks["blank"], masks["foreign"], masks["termless"])

    def _hashed_stem_names(self) -> np.ndarray:
        """Each hashed column's most frequent stem ('' for columns no stem fell into)."""
        stem_counts: Counter = Counter()
        for word, count in self.surface_counts_.items():
            stem_counts[nlp.stem(word)] += count
        stems = sorted(stem_counts, key=lambda s: (-stem_counts[s], s))
        names = np.full(self.n_features, "", dtype=object)
        if stems:
            hasher = HashingVectorizer(analyzer=_identity, n_features=self.n_features, alternate_sign=False)
            columns = hasher.transform([[s] for s in stems]).indices
            for stem_, column in zip(stems, columns, strict=True):
                if not names[column]:
                    names[column] = stem_
        return names

    def _count(self, term_lists: list[list[str]]) -> sparse.csr_matrix:
        return self.vectorizer_.transform(term_lists).tocsr()

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        return _tfidf(counts, self.idf_)

    def _weights(self, X: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(self.estimator_.transform(X), dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# Measuring a model: coherence and stability on the corpus itself


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


def in_chunks(texts: Sequence[str], size: int) -> list[list[str]]:
    """``texts`` cut into consecutive chunks of ``size`` (the last may be shorter), for the streaming model."""
    return [list(texts[i : i + size]) for i in range(0, len(texts), size)]


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
    texts = _as_texts(texts)
    _warn_unreadable(texts, params)
    rows = []
    # the in-memory fits share each text's analysis; the streaming model is for corpora too large to hold it
    with _analyses_shared() if not streaming else nullcontext():
        for k in candidates:
            _check_n_topics(k)
            row: dict[str, Any] = {"n_topics": int(k)}
            try:
                model = _make_model(k, params.get("random_state", 0), streaming,
                                    {p: v for p, v in params.items() if p != "random_state"})
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", NewskitWarning)
                    _fit_on(model, texts, chunk_size)
                aris, aris_explained = _stability_runs(texts, k, seeds, sample_fraction, streaming, chunk_size,
                                                       {p: v for p, v in params.items() if p != "random_state"})
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
    return table


# ---------------------------------------------------------------------------------------------
# Units of analysis, assignments, prevalence, joins with claims


def make_units(passages: pd.DataFrame, *, unit: Unit = "paragraph") -> pd.DataFrame:
    """Turn the passages table (article_id, passage_id, text) into units of analysis.

    ``paragraph``: one unit per passage (``unit_id`` = passage_id). ``sentence``: one unit per
    sentence (``nlp.sentence_spans``), ``start``/``end`` are offsets into the passage text, unit_id
    ``<passage_id>-s001``; an empty passage stays one empty unit so no row is lost. ``article``: the
    passages of each article joined by a blank line, in order (passage_id, start, end are missing).
    Returns the columns ``UNIT_COLUMNS``.
    """
    _check_choice("unit", unit, UNITS)
    validate_columns(passages, PASSAGE_COLUMNS, table_name="passages")
    texts = passages["text"].fillna("").astype(str)
    if unit == "paragraph":
        units = pd.DataFrame({
            "unit": unit, "unit_id": passages["passage_id"].astype(str), "article_id": passages["article_id"],
            "passage_id": passages["passage_id"].astype(str), "start": 0, "end": texts.str.len(), "text": texts,
        })
    elif unit == "sentence":
        rows = []
        for article_id, passage_id, text in zip(passages["article_id"], passages["passage_id"], texts, strict=True):
            spans = nlp.sentence_spans(text) or [(0, len(text))]
            for number, (start, end) in enumerate(spans, start=1):
                rows.append((unit, f"{passage_id}-s{number:03d}", article_id, str(passage_id), start, end,
                             text[start:end]))
        units = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    else:
        grouped = (
            pd.DataFrame({"article_id": passages["article_id"], "text": texts})
            .groupby("article_id", sort=False)["text"].agg("\n\n".join).reset_index()
        )
        units = pd.DataFrame({
            "unit": unit, "unit_id": grouped["article_id"].astype(str), "article_id": grouped["article_id"],
            "passage_id": pd.NA, "start": pd.NA, "end": pd.NA, "text": grouped["text"],
        })
    units = units.reset_index(drop=True)
    units["start"] = units["start"].astype("Int64")
    units["end"] = units["end"].astype("Int64")
    return units[UNIT_COLUMNS]


def assign_topics(model: TopicReader, units: pd.DataFrame) -> pd.DataFrame:
    """Each unit's topic, its weight and fit, and whether a topic explains it (fit >= model.min_fit).

    ``units`` is a :func:`make_units` table (a passages table is read as paragraph units). When the
    texts are the ones the model was fitted on, the fitted weights are reused. ``topic`` is -1 for a
    unit the model could not read; ``topic_label`` is then "(no terms)". Rows in = rows out.
    """
    model._check_fitted()
    if "unit" not in units.columns:
        units = make_units(units, unit="paragraph")
    validate_columns(units, UNIT_COLUMNS, table_name="units")
    result = model._inferred(_as_texts(units["text"]))
    labels = result["labels"]
    names = np.array([*model.topic_labels_, "(no terms)"], dtype=object)
    out = units[UNIT_COLUMNS].copy()
    out["topic"] = labels
    out["topic_label"] = names[labels]  # -1 picks the last name
    rows = np.arange(len(labels))
    out["weight"] = np.where(labels == NO_TOPIC, 0.0, result["weights"][rows, np.maximum(labels, 0)])
    out["fit"] = result["fit"]
    out["explained"] = (labels != NO_TOPIC) & (result["fit"] >= model.min_fit)
    return out[ASSIGNMENT_COLUMNS]


def _with_article_fields(assignments: pd.DataFrame, articles: pd.DataFrame | None, field: str) -> pd.DataFrame:
    if field in assignments.columns:
        return assignments
    if articles is None:
        raise ParameterError(
            f"prevalence needs the articles' {field!r}: pass articles=<the articles table> "
            f"(it is joined on article_id), or add a {field!r} column to the assignments"
        )
    validate_columns(articles, ["article_id", field], table_name="articles")
    fields = articles[["article_id", field]].drop_duplicates("article_id")
    return assignments.merge(fields, on="article_id", how="left", validate="many_to_one")


def prevalence(
    assignments: pd.DataFrame, by: PrevalenceBy = "month", *, articles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """How many units of each topic there are per week, month or outlet, and their share of the bin.

    Counts each unit once, under its topic when explained, else under topic -1 "(unexplained)" (which
    includes units with no terms), so shares in a bin add up to 1. Weeks start on Monday; a bin key
    is the first day of the week or month. Units with no publication date fall in a bin whose
    ``period`` is missing (NaT), listed last; units with no outlet in outlet "(unknown)". The
    ``published`` or ``outlet`` field is taken from ``assignments`` or joined from ``articles``.
    Columns: period (or outlet), topic, topic_label, n_units, share; every bin lists every topic.
    """
    _check_choice("by", by, PREVALENCE_BY)
    validate_columns(assignments, ["article_id", "topic", "topic_label", "explained"], table_name="assignments")
    field = "outlet" if by == "outlet" else "published"
    table = _with_article_fields(assignments, articles, field)
    if by == "outlet":
        key_name, key = "outlet", table["outlet"].astype("string").fillna("(unknown)")
    else:
        key_name = "period"
        published = pd.to_datetime(table["published"], errors="coerce", utc=True).dt.tz_localize(None)
        key = published.dt.to_period("W-SUN" if by == "week" else "M").dt.start_time
    topic = np.where(table["explained"], table["topic"], NO_TOPIC)
    label = np.where(table["explained"], table["topic_label"], UNEXPLAINED_LABEL)
    labels = dict(zip(topic, label, strict=True))
    labels[NO_TOPIC] = UNEXPLAINED_LABEL
    frame = pd.DataFrame({key_name: key.to_numpy(), "topic": topic})
    counts = frame.groupby([key_name, "topic"], dropna=False).size()
    keys = pd.Index(frame[key_name].unique()).sort_values(na_position="last")
    topics = sorted(set(table["topic"].tolist()) - {NO_TOPIC}) + [NO_TOPIC]
    grid = pd.MultiIndex.from_product([keys, topics], names=[key_name, "topic"])
    out = counts.reindex(grid, fill_value=0).rename("n_units").reset_index()
    out["topic_label"] = out["topic"].map(labels).fillna("")
    totals = out.groupby(key_name, dropna=False)["n_units"].transform("sum")
    out["share"] = out["n_units"] / totals.where(totals > 0)
    return out[[key_name, "topic", "topic_label", "n_units", "share"]]


def attach_topics(claims: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """The claims table with the topic of the unit each claim sits in: unit_id, topic, topic_label, explained.

    Paragraph units match on passage_id, article units on article_id, sentence units on passage_id
    and the claim's ``start`` offset (into the passage text) falling in the sentence. A claim in no
    unit gets topic -1, topic_label "(no unit)". Rows in = rows out, in the same order.
    """
    validate_columns(claims, ["article_id", "passage_id", "start"], table_name="claims")
    validate_columns(assignments, ASSIGNMENT_COLUMNS, table_name="assignments")
    units = assignments["unit"].unique()
    if len(units) > 1:
        raise SchemaError(f"assignments mix units {sorted(units)}; attach topics from one unit of analysis")
    unit = units[0] if len(units) else "paragraph"
    topic_columns = ["unit_id", "topic", "topic_label", "explained"]
    left = claims.reset_index(drop=True).assign(_row=lambda t: np.arange(len(t)))
    if unit == "article":
        joined = left.merge(assignments[["article_id", *topic_columns]], on="article_id", how="left")
    else:
        right = assignments[["passage_id", "start", "end", *topic_columns]].rename(
            columns={"start": "_unit_start", "end": "_unit_end"}
        )
        joined = left.merge(right, on="passage_id", how="left")
        if unit == "sentence":
            start = pd.to_numeric(joined["start"], errors="coerce")
            inside = (start >= joined["_unit_start"]) & (start < joined["_unit_end"])
            joined = joined[inside.fillna(False).astype(bool)]
        joined = joined.drop(columns=["_unit_start", "_unit_end"])
    joined = joined.drop_duplicates("_row").set_index("_row").reindex(np.arange(len(left)))
    out = claims.reset_index(drop=True).copy()
    out["unit_id"] = joined["unit_id"].to_numpy()
    matched = joined["topic"].notna().to_numpy()
    out["topic"] = np.where(matched, joined["topic"].fillna(NO_TOPIC).to_numpy(), NO_TOPIC).astype(np.int64)
    out["topic_label"] = np.where(matched, joined["topic_label"].to_numpy(), "(no unit)")
    out["explained"] = np.where(matched, joined["explained"].fillna(False).to_numpy(), False).astype(bool)
    return out


def claims_by_topic(claims_with_topics: pd.DataFrame, *, by: str = "source_type") -> pd.DataFrame:
    """Which topics carry which figures or sources: claims per topic and value of ``by``.

    ``claims_with_topics`` comes from :func:`attach_topics`; ``by`` is a claims column such as
    ``source_type``, ``outcome`` or ``group``. Claims in unexplained units count under topic -1
    "(unexplained)". Columns: topic, topic_label, <by>, n_claims, share_of_topic (of the topic's
    claims). No statistic of the values: one topic's claims count different things.
    """
    validate_columns(claims_with_topics, ["topic", "topic_label", "explained", by], table_name="claims")
    table = claims_with_topics.copy()
    table["topic"] = np.where(table["explained"], table["topic"], NO_TOPIC)
    table["topic_label"] = np.where(table["explained"], table["topic_label"], UNEXPLAINED_LABEL)
    table[by] = table[by].astype("string").fillna("(missing)")
    out = table.groupby(["topic", "topic_label", by], dropna=False).size().rename("n_claims").reset_index()
    out["share_of_topic"] = out["n_claims"] / out.groupby("topic")["n_claims"].transform("sum")
    out = out.sort_values(["topic", "n_claims", by], ascending=[True, False, True], kind="stable")
    return out[["topic", "topic_label", by, "n_claims", "share_of_topic"]].reset_index(drop=True)
