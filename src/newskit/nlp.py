"""The one module that touches NLTK: sentences, word tokens, stems, stopwords, collocations.

Runs with no ``nltk_data`` at all: Punkt with default parameters plus an abbreviation list the kit
owns, a regular-expression word tokenizer, the Snowball stemmer, scikit-learn's English stopword
list and NLTK's collocation finder (pure counting, no data). When a user has NLTK's ``stopwords``
data installed it is used only when asked for (``stopwords(source="nltk")``), never silently
preferred, so that results do not depend on what happens to be installed.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from newskit.errors import NewskitWarning, ParameterError

StopwordSource = Literal["sklearn", "nltk"]
CollocationMeasure = Literal["likelihood_ratio", "pmi"]

# Abbreviations Punkt must not end a sentence on (lower case, without the final period).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl sen rep gov pres st jr sr rev hon
    no nos vol fig approx est etc vs u.s u.k u.n e.g i.e a.m p.m
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

LANGUAGE_SAMPLE_WORDS = 100
RE_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
# The same pattern for pure-ASCII text (most English news), about twice as fast.
RE_WORD_ASCII = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")

# Words of news prose that say who spoke, not what about: kept out of topic terms on top of the
# general stopword list (reporting verbs and titles would otherwise top every topic).
NEWS_STOPWORDS = frozenset(
    """said says say saying told tells according added reported reports reportedly mr mrs ms dr
    also would could just like including new year years time week day days""".split()
)


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    Spans index ``text`` itself, so offsets found inside a sentence can be mapped back; a span
    starts at the sentence's first non-blank character. An empty or whitespace-only text has no
    sentences.

    >>> sentence_spans("Mr. Smith left. He came back.")
    [(0, 15), (16, 29)]
    """
    if not text.strip():
        return []
    spans = []
    for start, end in _sentence_tokenizer().span_tokenize(text):
        # Punkt keeps leading whitespace in the first span; a sentence starts at its first character
        spans.append((start + len(text[start:end]) - len(text[start:end].lstrip()), end))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (Punkt, no downloaded data).

    >>> split_sentences("Over 100 soldiers died. Gen. Halevi said so.")
    ['Over 100 soldiers died.', 'Gen. Halevi said so.']
    """
    return [text[start:end] for start, end in sentence_spans(text)]


def word_tokens(text: str, *, lowercase: bool = True) -> list[str]:
    """Alphabetic word tokens (digits and punctuation dropped; inner hyphens and apostrophes kept).

    >>> word_tokens("Hamas-run ministry's 18,600 figure")
    ['hamas-run', "ministry's", 'figure']
    """
    if lowercase:
        text = text.lower()
    return (RE_WORD_ASCII if text.isascii() else RE_WORD).findall(text)


@lru_cache(maxsize=1)
def _stemmer() -> SnowballStemmer:
    return SnowballStemmer("english")


# Cached because a corpus repeats a small vocabulary millions of times; bounded so a streamed corpus
# with an open vocabulary (names, typos) cannot grow it without limit.
@lru_cache(maxsize=2**18)
def stem(word: str) -> str:
    """The Snowball (Porter2) stem of one word (curly apostrophes read as straight ones).

    >>> stem("hostages")
    'hostag'
    """
    return _stemmer().stem(word.replace("’", "'"))


@lru_cache(maxsize=2)
def stopwords(*, source: StopwordSource = "sklearn") -> frozenset[str]:
    """An English stopword list: scikit-learn's by default, so it never needs NLTK data.

    ``source="nltk"`` uses NLTK's ``stopwords`` corpus when it is installed; when it is not, a
    NewskitWarning says so and scikit-learn's list is returned.
    """
    if source == "nltk":
        try:
            from nltk.corpus import stopwords as nltk_stopwords

            return frozenset(nltk_stopwords.words("english"))
        except LookupError:
            warnings.warn(
                "NLTK 'stopwords' data is not installed; using scikit-learn's English list instead "
                "(install it with nltk.download('stopwords') to use NLTK's)",
                NewskitWarning,
                stacklevel=2,
            )
    elif source != "sklearn":
        raise ParameterError(f"stopwords source {source!r} is not one of ['sklearn', 'nltk']")
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def looks_english(text: str, *, min_words: int = 6, min_stopword_share: float = 0.1) -> bool:
    """Whether ``text`` reads as English prose: mostly ASCII words, and enough English function words.

    Texts shorter than ``min_words`` words cannot be told apart and count as English when their
    words are mostly ASCII. A text with no letters at all is not English.

    >>> looks_english("The ministry said that 20 people were killed in the strike.")
    True
    >>> looks_english("قالت وزارة الصحة إن عشرين شخصا قتلوا")
    False
    >>> looks_english("Le ministère a déclaré que vingt personnes ont été tuées dans la frappe.")
    False
    """
    return words_look_english(word_tokens(text), min_words=min_words, min_stopword_share=min_stopword_share)


def words_look_english(words: list[str], *, min_words: int = 6, min_stopword_share: float = 0.1) -> bool:
    """:func:`looks_english` on lower-cased word tokens already split (saves tokenizing twice).

    Only the first ``LANGUAGE_SAMPLE_WORDS`` words are read: enough to tell, and cheap on long texts.
    """
    words = words[:LANGUAGE_SAMPLE_WORDS]
    letters = sum(map(len, words))
    if not letters:
        return False
    if not "".join(words).isascii() and sum(map(len, filter(str.isascii, words))) < 0.5 * letters:
        return False
    if len(words) < min_words:
        return True
    return sum(map(stopwords().__contains__, words)) >= min_stopword_share * len(words)


def collocation_bigrams(
    token_lists: Iterable[list[str]],
    *,
    min_count: int = 3,
    top_n: int | None = 200,
    measure: CollocationMeasure = "likelihood_ratio",
) -> list[tuple[str, str]]:
    """Word pairs that occur together more than chance, best first (NLTK's collocation finder).

    Pairs are counted within each token list only, never across two lists; pairs seen fewer than
    ``min_count`` times, or no more often than chance (PMI <= 0), are dropped; ties in score are
    broken alphabetically, so the order is stable.
    ``top_n=None`` keeps every pair that passes ``min_count``.

    >>> docs = [["west", "bank", "raid"], ["west", "bank", "town"], ["west", "bank"], ["bank", "raid"]]
    >>> collocation_bigrams(docs, min_count=2, top_n=1)
    [('west', 'bank')]
    """
    scorers = {"likelihood_ratio": BigramAssocMeasures.likelihood_ratio, "pmi": BigramAssocMeasures.pmi}
    if measure not in scorers:
        raise ParameterError(f"collocation measure {measure!r} is not one of {sorted(scorers)}")
    finder = BigramCollocationFinder.from_documents(token_lists)
    finder.apply_freq_filter(min_count)
    scored = finder.score_ngrams(scorers[measure])
    pmi = BigramAssocMeasures.pmi
    pairs = [pair for pair, _ in scored if finder.score_ngram(pmi, *pair) > 0]
    return pairs if top_n is None else pairs[:top_n]
