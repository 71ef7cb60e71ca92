"""The topic models: what every fitted model can be asked, the in-memory model, the streaming model."""

from __future__ import annotations

import inspect
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, LatentDirichletAllocation, MiniBatchNMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize
from threadpoolctl import ThreadpoolController

from newskit import nlp
from newskit.errors import NewskitWarning, ParameterError, TooFewTextsError, TopicModelError
from newskit.topics.inputs import _as_texts, _check_choice, _check_n_topics, _fingerprint, _warn_skipped
from newskit.topics.tables import NO_TOPIC
from newskit.topics.terms import _Analyzer, _identity, _stop_words, _surface_labels, _term_label

Method = Literal["nmf", "kmeans", "lda"]
METHODS: tuple[str, ...] = ("nmf", "kmeans", "lda")
VocabularyMode = Literal["first_pass", "hashing"]
DEFAULT_MIN_FIT = 0.2
DEFAULT_MAX_ITER = {"nmf": 400, "kmeans": 300, "lda": 30}
N_LABEL_TERMS = 3

F = TypeVar("F", bound=Callable[..., Any])
_THREADPOOLS = ThreadpoolController()


def one_thread(func: F) -> F:
    """Run ``func`` with one BLAS/OpenMP thread: the same numbers on any number of cores.

    The last digits of a multi-threaded factorisation depend on how many threads split the sums;
    and on a machine whose cores are shared, threads mostly wait for each other (the dev corpus's
    topic choice took 9.5 s with two threads beside other work, 2.0 s with one).
    """

    @wraps(func)
    def limited(*args: Any, **kwargs: Any) -> Any:
        with _THREADPOOLS.limit(limits=1):
            return func(*args, **kwargs)

    return limited  # type: ignore[return-value]


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

    @one_thread
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
        return {"weights": weights, "labels": labels, "fit": self._fit_scores(X, weights, labels), "X": X}

    def _inferred(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """:meth:`_infer`, reusing the results of the last texts read this way (after fit: the fitted ones).

        Assignments, representative passages and the term matrix of one corpus then cost one
        reading of it, which matters for the streaming model, whose every reading tokenizes again.
        """
        stored = getattr(self, "_last_inference", None)
        if stored is not None and len(texts) == len(stored["labels"]) and _fingerprint(texts) == self._last_fingerprint:
            return stored
        result = self._infer(texts)
        self._last_fingerprint, self._last_inference = _fingerprint(texts), result
        return result

    def term_matrix(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """The weighted term matrix the model factorises (rows: texts; columns: ``terms_``).

        tf-idf rows of unit length for NMF, k-means and the streaming model; raw counts for LDA.
        """
        self._check_fitted()
        texts = _as_texts(texts)
        stored = getattr(self, "_last_inference", None)
        if stored is not None and len(texts) == len(stored["labels"]) and _fingerprint(texts) == self._last_fingerprint:
            return stored["X"]
        term_lists, _, _ = self.analyzer_.analyze(texts)
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
        self._last_fingerprint, self._last_inference = _fingerprint(texts), result
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

    @one_thread
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

    @one_thread
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

    @one_thread
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
        for name in ("components_", "_last_inference"):
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



def in_chunks(texts: Sequence[str], size: int) -> list[list[str]]:
    """``texts`` cut into consecutive chunks of ``size`` (the last may be shorter), for the streaming model."""
    return [list(texts[i : i + size]) for i in range(0, len(texts), size)]

