"""Sentences: blocks of lines, and the sentence spans of a block, Punkt run only where it matters."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from newskit.nlp import ABBREVIATIONS, sentence_spans
from newskit.numbers import number_positions

RULES = {
    "sentence.split_at_abbreviation": "the sentence starts right after a period that ends an abbreviation or initial",
}
# A sentence end with no space after it, left by stripped markup ("on Tuesday.More than 10", "photos
# show.3 hours later"): a word of three or more lower-case letters, its mark (and closing quote), then a
# capitalised word or a number.
RE_GLUED_CUT = re.compile(r"(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]|\d)|(?<=[a-z]{3}[.!?][\"”’])(?=[A-Z][a-z]|\d)")
# An unambiguous sentence end: word + [.!?] (+ closing quote) + space + capital or opening quote.
RE_SENTENCE_CUT = re.compile(
    r"[.!?](?:(?<=[^\W_][.!?])|(?<=[)\]\"”’'][.!?])(?<![.!?][)\]\"”’'][.!?]))[\"”’')\]]?[^\S\n]+"
    r"(?=[\"“‘'(]?[A-Z])"
)
# A dateline's dash after a word in capitals or a wire's name ("... 15 WOUNDED JERUSALEM — Israeli troops",
# "GAZA CITY, Gaza Strip (AP) — At least"): the story starts after it, a headline or byline stands before.
RE_DATELINE_DASH = re.compile(r"[^\S\n]+[—–][^\S\n]+(?=[\"“]?[A-Z])")
WIRE_CREDIT = r"\((?:AP|AFP|Reuters|UPI|dpa|Xinhua)\)"
RE_DATELINE_END = re.compile(
    r"(?:\b[A-Z]{3,}|\b[A-Z]{3,}(?:\s+[A-Z]{2,})*,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
    rf"(?:\s+{WIRE_CREDIT})?|{WIRE_CREDIT})$"
)
MAX_SENTENCE_CHARS = 2_000
RE_INNER_BREAK = re.compile(r"[.!?…][^\s.!?…]*\s+\S")
RE_TOKEN_BEFORE_MARK = re.compile(r"(?<!\S)\S+$")
RE_LAST_WORD = re.compile(r"(?<![\w.])[^\W\d_]+$")
# A block: lines with no whitespace-only line between them. The lookahead reads one line only
# (``[^\S\n]*``, not ``\s*``, which re-read a whole run of blank lines at every line of it).
RE_BLOCK = re.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]*)*")
RE_ENDS_WITH_ABBREVIATION = re.compile(r"(?:^|\s)(?P<token>[^\s]+)\.[\"”’')\]]?\s*$")


def blocks(text: str) -> Iterable[tuple[int, int]]:
    """``(start, end)`` of each block of ``text`` (lines not separated by a blank line)."""
    for m in RE_BLOCK.finditer(text):
        if not m.group().isspace():  # a white-space-only line holds no sentence: skip its per-block work
            yield m.start(), m.end()


def split_at_abbreviation(text: str, start: int) -> bool:
    """Whether the sentence starting at ``start`` follows a period that ends an abbreviation ("Mr.", "U.S.")."""
    m = RE_ENDS_WITH_ABBREVIATION.search(text, max(0, start - 30), start)
    if m is None:
        return False
    token = m.group("token").lower().lstrip("(\"“‘'")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def sentence_spans_of_block(block: str, offset: int) -> tuple[list[tuple[int, int]], list[bool]]:
    """Sentence spans of ``block`` (shifted by ``offset``), and per span whether its piece holds a number.

    Punkt (:func:`newskit.nlp.sentence_spans`) is most of the cost of extraction, so the block is
    first cut at unambiguous boundaries (a sentence-final mark after a word that is no known
    abbreviation, then white space and a capital), which Punkt with the kit's parameters also
    makes; Punkt then runs only on the pieces that hold a number and their neighbours (whose
    sentences attribution and place may read). Other pieces stay whole: nothing is read from them.
    """
    cuts = [0]
    for m in RE_GLUED_CUT.finditer(block):
        mark = m.start() - (2 if block[m.start() - 1] in "\"”’" else 1)
        word = RE_LAST_WORD.search(block, max(0, m.start() - 30), mark)
        if word and word.group().lower() not in ABBREVIATIONS:
            cuts.append(m.start())
    for m in RE_SENTENCE_CUT.finditer(block):
        if not block[m.start() - 1].isalpha():  # "October 7. The", "(Newstex). The": no abbreviation
            cuts.append(m.end())
            continue
        word = RE_LAST_WORD.search(block, max(0, m.start() - 30), m.start())
        if word and word.group().lower() not in ABBREVIATIONS and len(word.group()) > 1:
            cuts.append(m.end())
    for m in RE_DATELINE_DASH.finditer(block):
        if RE_DATELINE_END.search(block, max(0, m.start() - 60), m.start()):
            cuts.append(m.end())
    cuts.append(len(block))
    cuts = sorted(set(cuts))
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = block[a:b]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            pieces.append((a + lead, a + lead + len(stripped), stripped))
    positions = number_positions(block)  # one pass over the block, not one per piece
    numbered = [_holds_position(positions, a, b) for a, b, _ in pieces]
    spans: list[tuple[int, int]] = []
    flags: list[bool] = []
    for i, (a, b, piece) in enumerate(pieces):
        near = numbered[i] or (i and numbered[i - 1]) or (i + 1 < len(pieces) and numbered[i + 1])
        if near and _may_break_inside(piece):
            found = [(offset + a + s, offset + a + e) for s, e in sentence_spans(piece)]
            spans.extend(found)
            flags.extend([numbered[i]] * len(found))
        else:  # no possible sentence break inside: Punkt would return the piece whole
            spans.append((offset + a, offset + b))
            flags.append(numbered[i])
    spans, flags = _join_lower_case_starts(block, offset, spans, flags)
    capped = [(cut, flag) for span, flag in zip(spans, flags, strict=True) for cut in _cap_length(block, span, offset)]
    return [cut for cut, _ in capped], [flag for _, flag in capped]


def _join_lower_case_starts(block: str, offset: int, spans: list[tuple[int, int]], flags: list[bool]
                            ) -> tuple[list[tuple[int, int]], list[bool]]:
    """Join a "sentence" that starts with a lower-case letter to the one before ("the B.B.C." /
    "reported on Tuesday"): a period there ended an abbreviation, not a sentence."""
    joined: list[tuple[int, int]] = []
    joined_flags: list[bool] = []
    for (a, b), flag in zip(spans, flags, strict=True):
        if joined and block[a - offset].islower():
            joined[-1] = (joined[-1][0], b)
            joined_flags[-1] = joined_flags[-1] or flag
        else:
            joined.append((a, b))
            joined_flags.append(flag)
    return joined, joined_flags


def _holds_position(positions: list[int], start: int, end: int) -> bool:
    """Does the sorted list ``positions`` hold an offset in [start, end)?"""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _may_break_inside(piece: str) -> bool:
    """Whether Punkt could end a sentence inside ``piece``: a mark after a token that is no known abbreviation."""
    for m in RE_INNER_BREAK.finditer(piece):
        if piece[m.start()] != ".":
            return True
        token = RE_TOKEN_BEFORE_MARK.search(piece, max(0, m.start() - 30), m.start())
        if token is None or token.group().lower() not in ABBREVIATIONS:
            return True
    return False


def _cap_length(block: str, span: tuple[int, int], offset: int) -> list[tuple[int, int]]:
    """Cut a run-on "sentence" longer than MAX_SENTENCE_CHARS at clause punctuation or white space.

    Real sentences are far shorter; this only bounds the work on pathological input (a 1 MB line).
    """
    start, end = span
    if end - start <= MAX_SENTENCE_CHARS:
        return [span]
    parts = []
    while end - start > MAX_SENTENCE_CHARS:
        window = block[start - offset : start - offset + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(";"), window.rfind("\n"))
        if cut < MAX_SENTENCE_CHARS // 2:
            cut = window.rfind(" ")
        if cut < MAX_SENTENCE_CHARS // 2:
            cut = MAX_SENTENCE_CHARS - 1
        parts.append((start, start + cut + 1))
        start += cut + 1
    parts.append((start, end))
    return [(a, b) for a, b in parts if b > a]
