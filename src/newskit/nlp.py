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
    adm brig cmdr cdr pvt lieut atty supt insp det amb gens
    no nos vol fig approx est etc vs u.s u.k u.n e.g i.e a.m p.m
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

LANGUAGE_SAMPLE_WORDS = 100
# Punkt reads at most this many characters at a time. NLTK runs Punkt's sentence-end regex under a
# wall-clock limit (nltk.redos, 5 s), which a long enough text always reaches (a 20 MB line did);
# a longer text is first cut at a line break or a hard sentence end (see ``_punkt_windows``).
MAX_PUNKT_CHARS = 50_000
# Where a long text may be cut before Punkt: a sentence mark, closing quotes or brackets, white space.
RE_HARD_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
# A sentence end Punkt (default parameters, the kit's abbreviations) always makes: a word of two or
# more letters after ASCII white space (Punkt finds words at ASCII white space only; a no-break
# space does not count), that is no abbreviation, a mark, ASCII white space, and a next token that
# starts with a letter or digit (so nothing Punkt would pull back into this sentence). Cutting
# there first lets Punkt skip the pieces it could not break anyway (it costs ~5 s/MB on short
# sentences); the sentence sets of ../shared, the dev articles and 300,000 random strings give
# the same spans as Punkt on the whole text.
RE_CERTAIN_END = re.compile(r"(?<![^ \t\n\r\f\v])(?P<word>[^\W\d_]{2,})[.!?](?=[ \t\n\r\f\v]+[^\W_])")
# A mark with something after it: a piece without one is a single sentence for Punkt.
RE_POSSIBLE_END = re.compile(r"[.?!](?!\s*$)")
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
    sentences. Time is linear in the length of the text, whatever its shape: no span is longer
    than ``MAX_PUNKT_CHARS`` (a longer run is cut first, see :func:`_punkt_windows`), so Punkt
    never reads enough at once to reach NLTK's regex time limit.

    >>> sentence_spans("Mr. Smith left. He came back.")
    [(0, 15), (16, 29)]
    """
    if not text.strip():
        return []
    spans = []
    for piece_start, piece_end in _certain_pieces(text):
        piece = text[piece_start:piece_end]
        if RE_POSSIBLE_END.search(piece):
            spans.extend((piece_start + start, piece_start + end) for start, end in _punkt_spans(piece))
            continue
        for start, end in _punkt_windows(piece, max_chars=MAX_PUNKT_CHARS):  # Punkt would return it whole
            window = piece[start:end]
            if window.strip():
                lead = len(window) - len(window.lstrip())
                spans.append((piece_start + start + lead, piece_start + start + len(window.rstrip())))
    return spans


def _certain_pieces(text: str) -> list[tuple[int, int]]:
    """``text`` cut after every sentence end Punkt always makes (:data:`RE_CERTAIN_END`)."""
    pieces, start = [], 0
    for m in RE_CERTAIN_END.finditer(text):
        if m["word"].lower() not in ABBREVIATIONS:
            pieces.append((start, m.end()))
            start = m.end()
    pieces.append((start, len(text)))
    return pieces


def _punkt_spans(text: str) -> list[tuple[int, int]]:
    """Punkt's sentence spans of ``text``, read in windows of at most MAX_PUNKT_CHARS."""
    spans = []
    tokenizer = _sentence_tokenizer()
    for window_start, window_end in _punkt_windows(text, max_chars=MAX_PUNKT_CHARS):
        window = text[window_start:window_end]
        if window.isspace():
            continue
        for start, end in tokenizer.span_tokenize(window):
            # Punkt keeps leading whitespace in the first span; a sentence starts at its first character
            lead = len(window[start:end]) - len(window[start:end].lstrip())
            spans.append((window_start + start + lead, window_start + end))
    return spans


def _punkt_windows(text: str, *, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` windows of at most ``max_chars``, for Punkt to read one by one.

    A text that fits is one window (Punkt sees it whole, as it always did). A longer one is cut at
    the last line break in the second half of each window, else after the last hard sentence end
    (mark, closing quotes, white space), else after the last white space, else at ``max_chars``;
    Punkt then ends a sentence at each cut, which on such text is the price of bounded time.

    >>> _punkt_windows("One. Two. Three.", max_chars=100)
    [(0, 16)]
    >>> _punkt_windows("Aa bb. Cc dd. Ee ff.", max_chars=8)
    [(0, 7), (7, 14), (14, 20)]
    """
    windows = []
    start, n = 0, len(text)
    while n - start > max_chars:
        half, limit = start + max_chars // 2, start + max_chars
        cut = text.rfind("\n", half, limit) + 1
        if not cut:
            ends = [m.end() for m in RE_HARD_END.finditer(text, half, limit)]
            cut = ends[-1] if ends else 0
        if not cut:
            cut = max(text.rfind(" ", half, limit), text.rfind("\t", half, limit)) + 1
        if not cut:
            cut = limit
        windows.append((start, cut))
        start = cut
    windows.append((start, n))
    return windows


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
