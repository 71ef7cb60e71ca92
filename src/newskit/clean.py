"""Cleaning articles into passages, with an audit row for every piece removed.

Steps, in order: :func:`clean_text` (HTML entities, Unicode NFKC, typographic quotes and dashes,
white space); span rules (wire headers, copyright lines, ...) removed from the whole text;
:func:`split_paragraphs` (blank lines, or groups of sentences for a text with no breaks); paragraph
rules (photo captions, promos) dropping whole paragraphs; exact and near-duplicate paragraphs
within an article dropped. Rules are data (:class:`Rule`): extend or override ``DEFAULT_RULES``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Literal

import pandas as pd

from newskit.numbers import RE_GROUP_SPACE, RE_SPACE_GROUPED, ZERO_WIDTH
from newskit.schema import ARTICLE_COLUMNS, PASSAGE_COLUMNS, REMOVAL_COLUMNS, validate_columns

RuleKind = Literal["span", "paragraph"]


@dataclass(frozen=True)
class Rule:
    """A boilerplate rule: a ``span`` rule cuts every match out of the text; a ``paragraph`` rule
    drops each paragraph its pattern is found in. ``name`` is what the removals table records."""

    name: str
    pattern: str
    kind: RuleKind = "paragraph"
    flags: int = re.IGNORECASE

    def compiled(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.flags)


DEFAULT_RULES: tuple[Rule, ...] = (
    # "November 13th, 2023 ( Al Jazeera English - Delivered by Newstex ). "
    Rule("wire_header", r"^\s*\w+ \d{1,2}(?:st|nd|rd|th)?, \d{4} \(\s*[^()]{0,80}?Delivered by\s+Newstex\s*\)\.?\s*",
         "span"),
    Rule("wire_dateline", r"^\s*\((?:CNN|AP|Reuters|AFP)\)\s*-\s*", "span", 0),
    Rule("link_to_original", r"\s*Link to the original story\.\s*$", "span"),
    Rule("copyright", r"\s*(?:TM & )?(?:Copyright|©) \d{4} [^.]{0,80}?(?:\. |, Inc\.,[^.]*\. )All rights reserved\."
         r"(?:\s*The BBC is not responsible for the content of external sites\."
         r"(?:\s*Read about our approach to external linking\.)?)?\s*", "span"),
    Rule("print_edition_note", r"\s*This article appeared in print on page \w+\.\s*", "span"),
    Rule("photo_credit_inline", r"\s*\((?:PHOTO|PHOTOGRAPH|PHOTOGRAPHS) BY [^()]{1,300}\)", "span", 0),
    Rule("photo_caption_inline", r"\s*PHOTO: [^()]{1,400}?(?=\s*\(PHOTOGRAPHS? BY|\s*$)", "span", 0),
    Rule("contributor_credit", r"(?:(?<=\. )|^)[A-Z][\w'-]*(?: (?:[\w'-]+|[A-Z]\.))* contributed "
         r"(?:to this )?reporting\.\s*", "span", 0),
    # A paragraph ending in a photo credit is a caption: "... Credit: Hatem Ali/AP"
    Rule("photo_caption", r"\b(?:Credit|Photo|Photograph|Image)\s*:\s*[^\n]{1,80}$"),
    Rule("promo", r"^(?:Want a quick and expert briefing|Listen to our latest podcast|Sign up for|"
         r"Subscribe to|Follow our live coverage|Read more:|Watch:|Click here)"),
)

# Near-duplicate paragraphs: Jaccard similarity of word 3-shingles at or above this.
NEAR_DUPLICATE_JACCARD = 0.8
# A text with no blank lines is split into paragraphs of this many sentences.
SENTENCES_PER_PARAGRAPH = 3

QUOTE_TABLE = {ord(c): "'" for c in "‘’‚‛′"} | {ord(c): '"' for c in "“”„‟″«»"}
DASH_TABLE = {ord(c): "-" for c in "‐‑‒–—―−"}
# White space other than a line break that needs rewriting as one space (a lone space is left alone).
RE_HORIZONTAL_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
RE_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\S) +(?=[,.;:!?)])")
RE_ORPHAN_PUNCTUATION = re.compile(r"(?<=[,;:]) *[,;:](?=[ \n]|$)")
RE_BLANK_LINES = re.compile(r"\n\s*\n")
# Two or more blank lines in a row: one blank line separates paragraphs just as well.
RE_BLANK_LINE_RUN = re.compile(r"\n{3,}")
RE_SHINGLE_WORD = re.compile(r"\w+")
# Zero-width characters touching a digit ("1,\u200b200"): dropped, as a reader never sees them.
RE_ZERO_WIDTH_AT_DIGIT = re.compile(r"(?<=\d)[" + ZERO_WIDTH + r"]+|[" + ZERO_WIDTH + r"]+(?=\d)")


@lru_cache(maxsize=256)
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.MULTILINE)


def clean_text(text: str) -> str:
    """Normalise one text: HTML entities, NFKC, straight quotes, hyphen dashes, tidy white space.

    Line breaks are kept (a blank line still separates paragraphs); runs of spaces, the spaces
    that stripped links leave before punctuation, and doubled punctuation are removed. Lines are
    stripped and a run of blank lines becomes one blank line, so no run of white space is longer
    than two characters (one blank line): the span rules, which start with ``\\s*``, then take
    linear time (on a run of n blank lines each took time ~ n^2).

    >>> clean_text("(CNN) &#8212; “Nothing,” he said  ,  it’s  over.")
    '(CNN) - "Nothing," he said, it\\'s over.'
    >>> clean_text("Thursday,  , 2023:.")
    'Thursday, 2023:.'
    >>> clean_text("One.\\n \\n\\n\\t\\n\\nTwo.")
    'One.\\n\\nTwo.'

    Digits grouped by a no-break or thin space get a comma, which NFKC would otherwise turn into a
    plain space (and "18 600" into two numbers); zero-width characters touching a digit go:

    >>> clean_text("18&nbsp;600 killed, 1\\u2009200 hurt, 1,\\u200b300 held")
    '18,600 killed, 1,200 hurt, 1,300 held'
    """
    text = html.unescape(html.unescape(text))  # twice: feeds often double-escape (&amp;#8212;)
    if not text.isascii():
        if RE_GROUP_SPACE.search(text):
            text = RE_SPACE_GROUPED.sub(lambda m: RE_GROUP_SPACE.sub(",", m.group()), text)
        text = RE_ZERO_WIDTH_AT_DIGIT.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(QUOTE_TABLE).translate(DASH_TABLE)
    text = RE_HORIZONTAL_SPACE.sub(" ", text)
    text = RE_SPACE_BEFORE_PUNCTUATION.sub("", text)
    text = RE_ORPHAN_PUNCTUATION.sub("", text)
    text = "\n".join(line.strip() for line in text.split("\n")).strip()
    return RE_BLANK_LINE_RUN.sub("\n\n", text)


def split_paragraphs(text: str, *, sentences_per_paragraph: int = SENTENCES_PER_PARAGRAPH) -> list[str]:
    """Paragraphs of a cleaned text: at blank lines, or, for a text with no blank line, groups of
    ``sentences_per_paragraph`` sentences (Punkt, no NLTK data). Empty paragraphs are dropped.

    >>> split_paragraphs("One.\\n\\nTwo. Three.")
    ['One.', 'Two. Three.']
    >>> split_paragraphs("A one. A two. A three. A four.", sentences_per_paragraph=2)
    ['A one. A two.', 'A three. A four.']
    """
    blocks = [b.strip() for b in RE_BLANK_LINES.split(text) if b.strip()]
    if len(blocks) != 1:
        return blocks
    from newskit.nlp import sentence_spans  # NLTK loads only when a text needs splitting (~1 s)

    spans = _merge_bare_punctuation(blocks[0], sentence_spans(blocks[0]))
    if len(spans) <= sentences_per_paragraph:
        return blocks
    return [
        blocks[0][spans[i][0]:spans[min(i + sentences_per_paragraph, len(spans)) - 1][1]].strip()
        for i in range(0, len(spans), sentences_per_paragraph)
    ]


def _merge_bare_punctuation(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a "sentence" with no letter or digit (Punkt leaves '".' alone) to the one before it."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not RE_SHINGLE_WORD.search(text, start, end):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def remove_spans(text: str, *, rules: Iterable[Rule]) -> tuple[str, list[tuple[str, str]]]:
    """Cut every match of the ``span`` rules out of ``text``; return it and ``(rule, removed)`` pairs.

    ``text`` is expected to be :func:`clean_text` output: a rule starting with ``\\s*`` re-reads a
    run of white space at every character of it. A match becomes one space, and a chain of
    adjacent matches one space in all, so the cuts never build such a run for the next rule.
    """
    removed = []
    for rule in rules:
        if rule.kind != "span":
            continue
        last_end = [-1]

        def record(match: re.Match[str], name: str = rule.name, last_end: list[int] = last_end) -> str:
            removed.append((name, match.group(0).strip()))
            adjacent = match.start() == last_end[0]
            last_end[0] = match.end()
            return "" if adjacent else " "

        text = rule.compiled().sub(record, text)
    if removed:
        text = "\n".join(RE_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return text.strip(), removed


def matching_rule(paragraph: str, *, rules: Iterable[Rule]) -> str | None:
    """The name of the first ``paragraph`` rule that matches, else None.

    >>> matching_rule("Mr Netanyahu. Credit: AP", rules=DEFAULT_RULES)
    'photo_caption'
    """
    for rule in rules:
        if rule.kind == "paragraph" and rule.compiled().search(paragraph):
            return rule.name
    return None


def clean_articles(
    articles: pd.DataFrame, *, rules: Sequence[Rule] = DEFAULT_RULES
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles -> ``(passages, removals)``.

    ``passages`` has :data:`~newskit.schema.PASSAGE_COLUMNS`, one row per kept paragraph;
    ``passage_id`` is ``"<article_id>-p<NNN>"``, numbered over all paragraphs of the article (kept
    and dropped), so a removal row points at the paragraph it dropped. ``removals`` has
    :data:`~newskit.schema.REMOVAL_COLUMNS`; span removals, cut before paragraphs exist, have an
    empty ``passage_id``. Rule ``duplicate`` drops a paragraph that repeats (or nearly repeats) an
    earlier one of the same article.
    """
    validate_columns(articles, ARTICLE_COLUMNS[:1] + ["text"], table_name="articles")
    passages: list[tuple[str, str, str]] = []
    removals: list[tuple[str, str | None, str, str]] = []
    for article_id, raw_text in zip(articles["article_id"], articles["text"], strict=True):
        kept, dropped = clean_article(raw_text, article_id=article_id, rules=rules)
        passages.extend(kept)
        removals.extend(dropped)
    return (
        pd.DataFrame(passages, columns=PASSAGE_COLUMNS),
        pd.DataFrame(removals, columns=REMOVAL_COLUMNS),
    )


def clean_article(
    text: str, *, article_id: str, rules: Sequence[Rule] = DEFAULT_RULES
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str | None, str, str]]]:
    """One article's text -> (passage rows, removal rows), as in :func:`clean_articles`."""
    body, cut = remove_spans(clean_text(text), rules=rules)
    removals = [(article_id, None, name, piece) for name, piece in cut]
    passages = []
    seen = _DuplicateFinder()
    for number, paragraph in enumerate(split_paragraphs(body), start=1):
        passage_id = f"{article_id}-p{number:03d}"
        rule_name = matching_rule(paragraph, rules=rules) or seen.check(paragraph)
        if rule_name:
            removals.append((article_id, passage_id, rule_name, paragraph))
        else:
            passages.append((article_id, passage_id, paragraph))
    return passages, removals


class _DuplicateFinder:
    """Finds paragraphs that repeat an earlier one exactly or nearly (word 3-shingle Jaccard)."""

    # A shingle shared by more paragraphs than this is too common to point at a duplicate.
    MAX_POSTINGS = 50

    def __init__(self) -> None:
        self.exact: set[str] = set()
        self.shingle_sets: list[set[tuple[str, ...]]] = []
        self.postings: dict[tuple[str, ...], list[int]] = {}

    def check(self, paragraph: str) -> str | None:
        """'duplicate' if the paragraph repeats one seen before; else remember it and return None."""
        words = RE_SHINGLE_WORD.findall(paragraph.casefold())
        key = " ".join(words)
        if key in self.exact:
            return "duplicate"
        shingles = {tuple(words[i:i + 3]) for i in range(max(len(words) - 2, 0))}
        # chain over per-shingle slices: a generator step per posting was most of cleaning's time
        shared = Counter(chain.from_iterable(self.postings[s][: self.MAX_POSTINGS] for s in shingles
                                             if s in self.postings))
        for j, n_shared in shared.most_common(5):
            union = len(shingles) + len(self.shingle_sets[j]) - n_shared
            if union and n_shared / union >= NEAR_DUPLICATE_JACCARD:
                return "duplicate"
        self.exact.add(key)
        index = len(self.shingle_sets)
        self.shingle_sets.append(shingles)
        for s in shingles:
            self.postings.setdefault(s, []).append(index)
        return None
