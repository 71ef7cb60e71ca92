"""Number expressions in running text: digits, words, scales, percentages, ranges, vague quantifiers.

:func:`find_numbers` scans a text for every expression that could count people and returns
:class:`NumberExpr` records whose offsets index the string passed in. Numbers that are not counts
(years, dates, times, ages, durations, ordinals, money, codes such as "F-16", compounds such as
"two-state") are recognised and dropped, or kept with ``reason`` set when ``keep_rejected=True``.
:func:`parse_number` turns one isolated expression into a number.

Unicode that would misread a number is read as a reader sees it, offsets still indexing the text
passed in: a no-break, thin, narrow no-break or figure space between groups of three digits
("18 600") is a thousands separator, so one number; zero-width characters (U+200B-U+200D,
U+2060, U+FEFF) are invisible, so "1,\u200b200" is 1,200, never 200. Values are always finite: a
number above ``MAX_COUNT`` (10^10, more people than are alive) is not a count of people: it is
rejected with reason ``"too_large"`` and value None (a numeral of more than ``MAX_DIGITS`` digits
before any arithmetic is done on it), so it is never a figure and never inf.

What counts as a vague quantifier is closed: "dozens", "a dozen", "scores", "hundreds",
"thousands", "tens of thousands", "hundreds of thousands", "millions" (FIGURES.md). "many",
"several", "a few" and "some" are not numbers.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from typing import Literal

NumberKind = Literal["number", "percent", "vague", "range"]

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
# Fractions read as shares ("two-thirds of them", "a quarter of the dead"): denominator -> parts.
FRACTIONS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# The closed list of vague quantifiers of people, in their normal (lower-case, single-spaced) form.
VAGUE_WORDS = (
    "a dozen", "dozens", "scores", "hundreds", "thousands", "tens of thousands",
    "hundreds of thousands", "millions",
)
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

_WORD_ATOM = "|".join(
    sorted([*UNITS, *TENS, "hundred", *SCALES, "dozen"], key=len, reverse=True)
)

# a singular fraction needs "of" after it ("a third of them"; "a third soldier" is an ordinal)
_FRACTION_ATOM = "|".join(FRACTIONS)

# --------------------------------------------------------------------------- compiled patterns
# One scanner finds every candidate; context checks below decide what is kept.
RE_NUMBER = re.compile(
    r"""
    (?<![^\W\d_])(?=[\dadefhmnostz])  # cheap: only where a digit or a number word can start
    (?:(?P<vague>\b(?:(?:tens|hundreds)[^\S\n]+of[^\S\n]+thousands|dozens|scores|hundreds|thousands|millions)\b)
    |(?P<half>\bhalf(?:[^\S\n]+a[^\S\n]+(?P<half_scale>million|billion|dozen))?\b)
    |(?P<fraction>\b(?P<numerator>a|one|two|three|four|five|six|seven|eight|nine)(?:[^\S\n]+|-)
        (?:(?P<denominator>"""
    + _FRACTION_ATOM
    + r""")(?=[^\S\n]+of\b)|(?P<denominators>"""
    + _FRACTION_ATOM
    + r""")s\b))
    |(?P<digits>(?<![\w.,/:$£€₪])(?<![^\W\d_]-)(?<!\d[.,])
        (?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?
        (?:(?:[^\S\n]*|-)(?P<dscale>million|billion|thousand)s?\b
           |(?P<dshort>k|m|mn|bn)(?![^\W\d_]))?
    )
    |(?P<words>(?<!\d[^\S\n])(?<![\d$£€₪-])\b(?:a[^\S\n]+(?=(?:dozen|hundred|thousand|million|billion)\b))?
        (?:"""
    + _WORD_ATOM
    + r""")
        (?:(?:[^\S\n]+and[^\S\n]+|-and-|[^\S\n]+|-)(?:"""
    + _WORD_ATOM
    + r"""))*\b))
    (?P<pct>[^\S\n]*(?:%|per[^\S\n]?cent\b|pc\b))?
    """,
    re.VERBOSE,  # matched against the ASCII-lowered text (see ASCII_LOWER): much faster than IGNORECASE
)
# Lower-cases ASCII letters only, so offsets in the lowered text are offsets in the text.
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
RE_WORD_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)
RE_LEADING_DIGITS = re.compile(r"[\d,]*\d(?:\.\d+)?")
# Something with a digit or a number word: the cheap test run before any real work.
RE_PREFILTER = re.compile(  # on ASCII-lowered text
    r"\d|(?<![^\W\d_])(?=[adefhmnostqz])(?:" + _WORD_ATOM + r"|dozens|scores|hundreds|thousands|millions|half|"
    + "|".join(FRACTIONS) + r")\b"
)
RE_DIGIT = re.compile(r"\d")
RE_FIRST_WORD = re.compile(r"[^\W\d_]+")
RE_SCALE_END = re.compile(r"(million|billion|thousand)s?\s*$", re.IGNORECASE)
RE_RANGE_JOIN = re.compile(
    r"[^\S\n]*(?:-|–|—|to)[^\S\n]*$|[^\S\n]+to[^\S\n]+$|[^\S\n]+and[^\S\n]+$|[^\S\n]+or[^\S\n]+$", re.I)
RE_BETWEEN_BEFORE = re.compile(r"\bbetween[^\S\n]+$", re.IGNORECASE)
RE_FROM_BEFORE = re.compile(r"\bfrom[^\S\n]+$", re.IGNORECASE)

# Context that makes a number something other than a count of people.
RE_MONTH_BEFORE = re.compile(r"\b(?:" + MONTHS + r")\.?,?[^\S\n]+(?:the[^\S\n]+)?$")
RE_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?[^\S\n]*(?:of[^\S\n]+)?(?:" + MONTHS + r")\b")
RE_DATE_AFTER = re.compile(r"^-\d{1,2}-\d{1,2}\b|^/\d{1,2}(?:/\d{2,4})?\b|^\.\d{1,2}\.\d{2,4}\b")
RE_DATE_BEFORE = re.compile(r"(?:\b\d{4}-(?:\d{1,2}-)?|\b\d{1,2}/(?:\d{1,2}/)?)$")
RE_TIME_AFTER = re.compile(
    r"^(?::\d\d|[^\S\n]*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock|gmt\b|utc\b|hrs\b|local time))", re.IGNORECASE
)
RE_TIME_BEFORE = re.compile(r"\d[:.]$")
RE_AGE_AFTER = re.compile(r"^(?:[^\S\n]|-)*(?:years?|months?|weeks?)(?:[^\S\n]|-)*old\b", re.IGNORECASE)
RE_AGE_BEFORE = re.compile(r"\b(?:aged?|ages)[^\S\n]+(?:of[^\S\n]+)?$", re.IGNORECASE)
RE_DURATION_AFTER = re.compile(
    r"^(?:[^\S\n]|-)+(?:(?:more|additional|long|full|straight|consecutive|whole|further|extra|"
    r"short|brief|of)[^\S\n]+)?"
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|"
    r"generations?|times|fold)\b",
    re.IGNORECASE,
)
RE_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
RE_MONEY_BEFORE = re.compile(r"(?:[$£€¥₪]|\b(?:US|USD|NIS|EUR|GBP|Rs)\.?)[^\S\n]*$")
RE_MONEY_AFTER = re.compile(
    r"^(?:[^\S\n]+(?:million|billion)s?)?[^\S\n]*(?:dollars?|euros?|shekels?|pounds sterling|usd\b|nis\b|"
    r"eur\b|gbp\b)",
    re.IGNORECASE,
)
RE_COMPOUND_AFTER = re.compile(r"^-(?!year|month|week|plus\b)[^\W\d_]", re.IGNORECASE)  # "12,000-plus" is a count
RE_CODE_BEFORE = re.compile(r"[^\W\d_]-?$|\b(?:No|Nos|no|nos)\.[^\S\n]*$")
# Words that make the number after them a label ("Resolution 2712", "Channel 12", "no one").
LABEL_WORDS = frozenset(
    """number page resolution article route road highway channel chapter section gate flight room
    building phase level round item point unit battalion brigade division squadron platoon kan i24
    paragraph clause bus line camp block area zone apartment floor ward vol volume figure table exhibit
    grade class category tier stage step version model episode season part act amendment title rule
    group team no""".split()
)
MONTH_WORDS = frozenset(m.lower() for m in MONTHS.split("|"))
RE_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
RE_YEAR_PEOPLE_AFTER = re.compile(
    r"^[^\S\n]+(?:people|persons|palestinians|israelis|civilians|children|soldiers|killed|dead|"
    r"deaths|hostages|wounded|injured)\b",
    re.IGNORECASE,
)
# a year after a preposition of time stays a year with a toll after it ("the war in 2012 killed 170")
RE_YEAR_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|since|during|until|till|from|before|after|throughout)[^\S\n]+$", re.IGNORECASE)
RE_NUMBER_WORD_ONE_OFF = re.compile(r"^(?:one|a)$", re.IGNORECASE)
RE_ONE_IDIOM_AFTER = re.compile(
    r"^[^\S\n]+(?:another|day|side|way|thing|time|point|reason|hand|other|more time|"
    r"(?:family|household)(?![^\S\n]+members?\b))\b",  # "members of one family" (not "one family member")
    re.IGNORECASE,
)
RE_ONE_IDIOM_BEFORE = re.compile(r"\b(?:no|any|every|some|each|this|that|which|the)[^\S\n]+$", re.IGNORECASE)
# "said that one of them died": "that" is a conjunction there, "one" a count
RE_ONE_OF_AFTER = re.compile(r"^[^\S\n]+of[^\S\n]+(?:them|these|those|whom|the|its|their|his|her)\b", re.I)
RE_HALF_BAD = re.compile(r"^[^\S\n]*(?:-|an?[^\S\n]+(?:hour|day|week|month|year|century|decade)\b)", re.I)
# "a quarter of an hour", "two-thirds of a mile": a fraction of a measure, not of people
RE_FRACTION_BAD = re.compile(
    r"^[^\S\n]+of[^\S\n]+(?:an?[^\S\n]+)?(?:hour|day|week|month|year|century|decade|mile|kilomet|metre|meter)", re.I
)
RE_HALF_BAD_BEFORE = re.compile(r"\b(?:first|second|latter|last|other|the[^\S\n]+first)[^\S\n]+$", re.I)

# How far around a number the context checks look (characters).
CONTEXT_CHARS = 40

# More people than are alive: a number above this is not a count of people (reason "too_large").
MAX_COUNT = 10**10
# A numeral with more integer digits than this is too large before it is even read (no float of it).
MAX_DIGITS = 15
# Spaces that typeset copy puts between groups of three digits ("18 600"): no-break, figure, thin,
# narrow no-break. Read as a comma there, and only there.
GROUP_SPACES = "\u00a0\u2007\u2009\u202f"
RE_SPACE_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:[" + GROUP_SPACES + r"]\d{3})+(?![\d" + GROUP_SPACES + "])")
RE_GROUP_SPACE = re.compile("[" + GROUP_SPACES + "]")
# Invisible characters a CMS leaves inside numbers ("1,\u200b200"); read as absent.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
RE_ZERO_WIDTH = re.compile("[" + ZERO_WIDTH + "]+")


@dataclass(frozen=True)
class NumberExpr:
    """One number expression found in a text; ``text[start:end] == surface``.

    ``value`` is the number (85 for "85%", 12 for "a dozen", None for other vague words); ``high``
    the upper number of a range; ``vague`` the normal form of a vague quantifier ("tens of
    thousands"); ``reason`` why it is not a count of people ("year", "date", ...), or None.
    """

    start: int
    end: int
    surface: str
    value: int | float | None
    kind: NumberKind
    high: int | float | None = None
    vague: str | None = None
    reason: str | None = None

    @property
    def unit(self) -> Literal["people", "percent"]:
        """``percent`` for shares, ``people`` for counts."""
        return "percent" if self.kind == "percent" or self.is_percent_range else "people"

    @property
    def is_percent_range(self) -> bool:
        return self.kind == "range" and self.surface.rstrip().endswith(("%", "cent", "pc"))


def _tidy(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def parse_words(text: str) -> int | None:
    """The value of a sequence of English number words, or None when it is not well formed.

    >>> parse_words("thirty-four hundred and fifty"), parse_words("hundred and twenty")
    (3450, 120)
    >>> parse_words("one hundred and twelve"), parse_words("a dozen"), parse_words("two two")
    (112, 12, None)
    """
    tokens = [t.lower() for t in RE_WORD_TOKEN.findall(text)]
    if tokens and tokens[0] == "a":
        tokens = tokens[1:]
        if not tokens or tokens[0] not in ("dozen", "hundred", *SCALES):
            return None
    total, current, last = 0, 0, None
    for token in tokens:
        if token == "and":
            if last not in ("hundred", "scale"):
                return None
            continue
        if token in UNITS:
            if last in ("unit", "teen") or (last == "tens" and current % 10):
                return None
            current += UNITS[token]
            last = "unit" if UNITS[token] < 10 else "teen"
            if last == "teen" and current % 100 > 19:
                return None
        elif token in TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += TENS[token]
            last = "tens"
        elif token == "hundred":
            if last == "hundred":
                return None
            current = (current or 1) * 100
            last = "hundred"
        elif token == "dozen":
            if last in ("dozen", "hundred", "scale"):
                return None
            current = (current or 1) * 12
            last = "dozen"
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current, last = 0, "scale"
        else:
            return None
    if last is None:
        return None
    return total + current


def parse_number(text: str) -> int | float | None:
    """The value of one isolated number expression, or None when ``text`` is not a number.

    Percentages give the number of percent; vague quantifiers other than "a dozen" give None.

    >>> parse_number("18,600"), parse_number("1.9 million"), parse_number("2.3m")
    (18600, 1900000, 2300000)
    >>> parse_number("twenty-five"), parse_number("85%"), parse_number("90 percent")
    (25, 85, 90)
    >>> parse_number("dozens") is None, parse_number("a dozen"), parse_number("half")
    (True, 12, 50)

    Thousands separated by a no-break or thin space are one number, zero-width characters are
    ignored, and a number too large to count people (above ``MAX_COUNT``) gives None, never inf:

    >>> parse_number("18\u2009600"), parse_number("1,\u200b200"), parse_number("9" * 400)
    (18600, 1200, None)
    """
    text, _ = _reading_copy(text.strip())
    match = RE_NUMBER.fullmatch(ascii_lower(text))
    if match is None or _too_large(match):
        return None
    value = _match_value(match)
    return None if value is not None and value > MAX_COUNT else value


def _reading_copy(text: str) -> tuple[str, list[int] | None]:
    """``text`` as a reader sees its numbers, and where each of its characters came from.

    Space group separators become commas (same length, so offsets hold); zero-width characters
    are dropped, and then the list maps each offset of the copy (and its end) to one of ``text``;
    it is None when nothing was dropped.
    """
    if text.isascii():  # most text: nothing to do
        return text, None
    if RE_GROUP_SPACE.search(text):
        text = RE_SPACE_GROUPED.sub(lambda m: RE_GROUP_SPACE.sub(",", m.group()), text)
    if RE_ZERO_WIDTH.search(text) is None:
        return text, None
    kept = [i for i, c in enumerate(text) if c not in ZERO_WIDTH]
    return "".join(text[i] for i in kept), [*kept, len(text)]


def _too_large(match: re.Match) -> bool:
    """Does the numeral have more than MAX_DIGITS integer digits (too large to read, let alone count)?"""
    digits = match["digits"]
    if not digits:
        return False
    integer = RE_LEADING_DIGITS.match(digits).group().split(".")[0].replace(",", "").lstrip("0")
    return len(integer) > MAX_DIGITS


def _match_value(match: re.Match) -> int | float | None:
    if match["vague"]:
        return None
    if match["half"]:
        scale = (match["half_scale"] or "").lower()
        if scale == "dozen":
            return 6
        if scale:
            return SCALES[scale] // 2
        return 50
    if match["fraction"]:
        numerator = match["numerator"].lower()
        parts = FRACTIONS[(match["denominator"] or match["denominators"]).lower()]
        return _tidy(round(100 * (1 if numerator == "a" else UNITS[numerator]) / parts, 2))
    if match["digits"]:
        value = float(RE_LEADING_DIGITS.match(match["digits"]).group().replace(",", ""))
        if match["dscale"]:
            value *= SCALES[match["dscale"].lower()]
        elif match["dshort"]:
            value *= SHORT_SCALES[match["dshort"].lower()]
        return _tidy(value)
    return parse_words(match["words"])


def _last_words(before: str) -> tuple[str, str]:
    """The last two words before a number, lower-cased, without trailing dots and commas."""
    words = before[-30:].split()
    last = words[-1].lower().rstrip(".,") if words else ""
    second = words[-2].lower().rstrip(".,") if len(words) > 1 else ""
    return last, second


def _reject_reason(text: str, match: re.Match) -> str | None:
    """Why the candidate ``match`` in ``text`` is not a count of people, or None.

    Cheap string tests guard every regular expression: this runs once per number in the text.
    """
    start, end = match.start(), match.end()
    if match["pct"]:
        return None
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    last, second = _last_words(before)
    glued = before[-1:]
    if match["digits"]:
        core = match["digits"]
        if RE_ORDINAL_AFTER.match(after):
            return "ordinal"
        if RE_TIME_AFTER.match(after) or (glued in ":." and RE_TIME_BEFORE.search(before)):
            return "time"
        if RE_DATE_AFTER.match(after) or (glued in "-/" and RE_DATE_BEFORE.search(before)):
            return "date"
        # a day after a month name ("April 16"); "in April, 161 of whom" is no date
        month = "" if len(core) > 2 and not RE_YEAR.fullmatch(core) else (
            last if last in MONTH_WORDS and not before.rstrip().endswith(",") else (
                second if last == "the" and second in MONTH_WORDS else ""))  # "in April, 45 of them": no day
        if (month and month not in ("may", "march")) or (month and RE_MONTH_BEFORE.search(before)):
            return "date"
        if RE_MONTH_AFTER.match(after):
            return "date"
        if RE_YEAR.fullmatch(core) and (not RE_YEAR_PEOPLE_AFTER.match(after)
                                        or RE_YEAR_PREPOSITION_BEFORE.search(before)):
            return "year"
        if _money_before(before, last) or RE_MONEY_AFTER.match(after):
            return "money"
        if (glued.isalpha() or glued in "-." ) and RE_CODE_BEFORE.search(before):
            return "code"
    if match["vague"] is None and (match["digits"] or match["words"]):
        if RE_AGE_AFTER.match(after) or (last in ("aged", "age", "ages", "of") and RE_AGE_BEFORE.search(before)):
            return "age"
        if RE_DURATION_AFTER.match(after):
            return "duration"
        if RE_COMPOUND_AFTER.match(after):
            return "compound"
        if last in LABEL_WORDS and not before[-1:].isalpha():
            return "label"
        if _money_before(before, last) or RE_MONEY_AFTER.match(after):
            return "money"
        if match["words"] and match["words"].lower() == "one" and (
            RE_ONE_IDIOM_AFTER.match(after) or (RE_ONE_IDIOM_BEFORE.search(before[-12:])
                                                and not (last == "that" and RE_ONE_OF_AFTER.match(after)))
        ):
            return "idiom"
    if match["fraction"] and RE_FRACTION_BAD.match(after):
        return "measure"
    if match["half"] and (RE_HALF_BAD.match(after) or RE_HALF_BAD_BEFORE.search(before)):
        return "idiom"
    if match["vague"] and RE_DURATION_AFTER.match(" of" + after if after.lower().startswith(" of") else after):
        return "duration"
    return None


def _money_before(before: str, last: str) -> bool:
    tail = before[-8:]
    return (any(symbol in tail for symbol in "$£€¥₪") or last in ("us", "usd", "nis", "eur", "gbp", "rs")) and bool(
        RE_MONEY_BEFORE.search(before)
    )


def _kind(match: re.Match) -> NumberKind:
    if match["pct"] or match["fraction"] or (match["half"] and not match["half_scale"]):
        return "percent"
    if match["vague"]:
        return "vague"
    return "number"


def find_numbers(text: str, *, keep_rejected: bool = False) -> list[NumberExpr]:
    """Every number expression in ``text`` that could count people, in text order.

    Ranges ("between 30 and 40", "30-40", "30 to 40") become one expression at the first number,
    with ``high``; "from 30 to 40" is a change, not a range, and stays two numbers. With
    ``keep_rejected=True`` years, dates, times, ages, durations, ordinals, money, codes and
    compounds are returned too, with ``reason`` saying which.

    >>> [(n.surface, n.value) for n in find_numbers("760injured and 1,139 dead on 7 October 2023")]
    [('760', 760), ('1,139', 1139)]
    >>> n = find_numbers("between 30 and 40 people")[0]; (n.surface, n.value, n.high, n.kind)
    ('30 and 40', 30, 40, 'range')
    >>> [(n.surface, n.reason) for n in find_numbers("a 14-year-old in 2023", keep_rejected=True)]
    [('14', 'age'), ('2023', 'year')]

    Group spaces and zero-width characters are read as a reader sees them (see the module
    docstring); offsets and ``surface`` still index ``text``:

    >>> [(n.surface, n.value) for n in find_numbers("18\u202f600 killed, 1\u200d200 hurt")]
    [('18\u202f600', 18600), ('1\u200d200', 1200)]
    >>> [(n.value, n.reason) for n in find_numbers("9" * 400 + " killed", keep_rejected=True)]
    [(None, 'too_large')]
    """
    if not has_number(text):
        return []
    original = text
    text, origin = _reading_copy(text)
    found: list[NumberExpr] = []
    for match in RE_NUMBER.finditer(ascii_lower(text)):
        surface = text[match.start() : match.end()]
        if not surface.strip():
            continue
        reason = _reject_reason(text, match)
        kind = _kind(match)
        too_large = _too_large(match)  # checked before any float is made of it: 400 digits would be inf
        value = None if too_large else _match_value(match)
        if too_large or (value is not None and value > MAX_COUNT):
            found.append(NumberExpr(match.start(), match.end(), surface, None, kind, reason=reason or "too_large"))
            continue
        if value is None and kind != "vague":
            # malformed word sequence such as "one two": keep its first well-formed word only
            first = RE_FIRST_WORD.match(surface)
            value = parse_words(first.group()) if first else None
            if value is None:
                continue
            surface = first.group()
            # the reason was found for the whole run ("two six-year-old"): find it for the word kept
            kept = RE_NUMBER.match(ascii_lower(text), match.start(), match.start() + len(surface))
            reason = _reject_reason(text, kept)
        vague = " ".join(surface.lower().split()) if kind == "vague" else None
        if match["words"] and surface.lower().startswith("a ") and "dozen" == surface.lower().split()[-1]:
            kind, vague = "vague", "a dozen"
        start = match.start()
        found.append(
            NumberExpr(start, start + len(surface), surface, value, kind, vague=vague, reason=reason)
        )
    found = _join_ranges(text, found)
    if not keep_rejected:
        found = [n for n in found if n.reason is None]
    if origin is not None or text is not original:
        found = [_in_original(n, original, origin) for n in found]
    return found


def _in_original(number: NumberExpr, text: str, origin: list[int] | None) -> NumberExpr:
    """``number`` found in a reading copy, with offsets and surface in ``text`` itself."""
    start, end = (number.start, number.end) if origin is None else (origin[number.start], origin[number.end - 1] + 1)
    return replace(number, start=start, end=end, surface=text[start:end])


def _join_ranges(text: str, numbers: list[NumberExpr]) -> list[NumberExpr]:
    """Merge "30-40", "30 to 40" and "between 30 and 40" into one range expression."""
    merged: list[NumberExpr] = []
    i = 0
    while i < len(numbers):
        first = numbers[i]
        if i + 1 < len(numbers):
            second = numbers[i + 1]
            gap = text[first.end : second.start]
            before = text[max(0, first.start - 12) : first.start]
            joined = (
                first.reason is None
                and second.reason is None
                and first.kind in ("number", "percent")
                and second.kind in ("number", "percent")
                and len(gap) <= 6
                and RE_RANGE_JOIN.match(gap)
                and not RE_FROM_BEFORE.search(before)
                and ("and" not in gap.lower() or RE_BETWEEN_BEFORE.search(before))
                and (gap.strip().lower() != "or" or first.kind == second.kind)  # "nine or 11", not "1,200 or 80%"
                and first.value is not None
                and second.value is not None
            )
            if joined:
                low, high = first.value, second.value
                scale = RE_SCALE_END.search(second.surface)
                if scale and low < high / SCALES[scale.group(1).lower()] * 10 and low < 1000:
                    low = _tidy(low * SCALES[scale.group(1).lower()])
                if low < high:
                    kind: NumberKind = "range"
                    merged.append(
                        NumberExpr(first.start, second.end, text[first.start : second.end], low, kind, high=high)
                    )
                    i += 2
                    continue
        merged.append(first)
        i += 1
    return merged


def ascii_lower(text: str) -> str:
    """``text`` with ASCII letters lower-cased and nothing else changed, so offsets stay valid.

    >>> ascii_lower("Over 100 in İzmir")
    'over 100 in İzmir'
    """
    if text.isascii():
        return text.lower()
    try:  # bytes.lower() touches only ASCII bytes, and UTF-8 keeps every other character intact
        return text.encode("utf-8").lower().decode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return text.translate(ASCII_LOWER)


def number_positions(text: str) -> list[int]:
    """Start offsets, in order, of the digits and number words :func:`has_number` looks for.

    >>> number_positions("Nine killed, 12 hurt")
    [0, 13, 14]
    """
    return [m.start() for m in RE_PREFILTER.finditer(ascii_lower(text))]


def has_number(text: str) -> bool:
    """Cheap test: does ``text`` hold a digit or a number word at all?

    >>> has_number("no figures here"), has_number("dozens were hurt")
    (False, True)
    """
    return RE_DIGIT.search(text) is not None or RE_PREFILTER.search(ascii_lower(text)) is not None
