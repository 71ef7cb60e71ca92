"""The one module that touches NLTK: sentences, word tokens, stems, stopwords.

Runs with no ``nltk_data`` at all: Punkt with default parameters plus an abbreviation list the kit
owns, a regular-expression word tokenizer, the Snowball stemmer, and scikit-learn's English stopword
list. When a user has NLTK's ``punkt_tab`` or ``stopwords`` data installed it is NOT required and not
silently preferred, so that results do not depend on what happens to be installed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# Abbreviations Punkt must not end a sentence on (lower case, without the final period).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl sen rep gov pres st jr sr rev hon
    no nos vol fig approx est etc vs u.s u.k u.n e.g i.e a.m p.m
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

RE_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    Spans index ``text`` itself, so offsets found inside a sentence can be mapped back.
    An empty or whitespace-only text has no sentences.

    >>> sentence_spans("Mr. Smith left. He came back.")
    [(0, 15), (16, 29)]
    """
    if not text.strip():
        return []
    return list(_sentence_tokenizer().span_tokenize(text))


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
    words = RE_WORD.findall(text)
    return [w.lower() for w in words] if lowercase else words


@lru_cache(maxsize=1)
def _stemmer() -> SnowballStemmer:
    return SnowballStemmer("english")


def stem(word: str) -> str:
    """The Snowball (Porter2) stem of one word.

    >>> stem("hostages")
    'hostag'
    """
    return _stemmer().stem(word)


def stopwords() -> frozenset[str]:
    """The kit's English stopword list: scikit-learn's, so it never needs NLTK data."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)
