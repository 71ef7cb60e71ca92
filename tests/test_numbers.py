"""Number expressions: tables of (text, expected) plus property tests on arbitrary strings."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.numbers import find_numbers, parse_number, parse_words

PARSE_CASES = [
    ("18,600", 18600),
    ("1,139", 1139),
    ("1.9 million", 1_900_000),
    ("2.3m", 2_300_000),
    ("3 billion", 3_000_000_000),
    ("nine", 9),
    ("twenty-five", 25),
    ("a dozen", 12),
    ("two dozen", 24),
    ("one hundred and twelve", 112),
    ("thirty-four hundred and fifty", 3450),
    ("hundred and twenty", 120),
    ("One-hundred-and-nine", 109),
    ("half a million", 500_000),
    ("85%", 85),
    ("90 percent", 90),
    ("12 per cent", 12),
    ("half", 50),
    ("dozens", None),
    ("tens of thousands", None),
    ("many", None),
    ("several", None),
    ("18\u2009600", 18600),  # thin space between groups: one number
    ("1\u00a0200\u00a0000", 1_200_000),
    ("1,\u200b200", 1200),  # zero-width space: invisible, so not a split
    ("1\u200d200", 1200),
    ("9" * 400, None),  # too large to count people: None, never inf
    ("12,000,000,000", None),
    ("10,000,000,000", 10**10),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["two two", "twenty thirty", "and", "hundred hundred"])
def test_parse_words_rejects_ill_formed(text):
    assert parse_words(text) is None


FIND_CASES = [
    # (text, [(surface, value, kind, high)])
    ("At least 760injured were brought in", [("760", 760, "number", None)]),
    ("between 30 and 40 people died", [("30 and 40", 30, "range", 40)]),
    ("30-40 people", [("30-40", 30, "range", 40)]),
    ("30 to 40 people", [("30 to 40", 30, "range", 40)]),
    ("between 3 and 4 million", [("3 and 4 million", 3_000_000, "range", 4_000_000)]),
    ("the toll went from 100 to 200", [("100", 100, "number", None), ("200", 200, "number", None)]),
    ("Hundreds of thousands fled", [("Hundreds of thousands", None, "vague", None)]),
    ("scores were hurt", [("scores", None, "vague", None)]),
    ("a dozen were held", [("a dozen", 12, "vague", None)]),
    ("85% of residents", [("85%", 85, "percent", None)]),
    ("nearly half of them", [("half", 50, "percent", None)]),
    ("18\u202f600 killed", [("18\u202f600", 18600, "number", None)]),
    ("1,\ufeff200 killed", [("1,\ufeff200", 1200, "number", None)]),
    ("\u200b12 and 1\u2060300", [("12", 12, "number", None), ("1\u2060300", 1300, "number", None)]),
    ("18\u00a0600-20\u00a0000 people", [("18\u00a0600-20\u00a0000", 18600, "range", 20000)]),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_numbers(text, expected):
    got = [(n.surface, n.value, n.kind, n.high) for n in find_numbers(text)]
    assert got == expected


REJECT_CASES = [
    ("the attack on October 7", "date"),
    ("since 7 October", "date"),
    ("on Oct. 7", "date"),
    ("in 1948", "year"),
    ("at 4:45 p.m.", "time"),
    ("around 10am", "time"),
    ("a 14-year-old boy", "age"),
    ("aged 19", "age"),
    ("nine months of war", "duration"),
    ("three days later", "duration"),
    ("a 24-hour pause", "duration"),
    ("the 1st battalion", "ordinal"),
    ("a two-state solution", "compound"),
    ("US$ 2 million in aid", "money"),
    ("Resolution 2712", "label"),
    ("2023-12-14", "date"),
    ("9" * 400 + " people", "too_large"),
    ("12,000,000,000 people", "too_large"),
    ("20 billion people", "too_large"),
]


@pytest.mark.parametrize(("text", "reason"), REJECT_CASES)
def test_non_counts_are_rejected(text, reason):
    assert find_numbers(text) == []
    reasons = {n.reason for n in find_numbers(text, keep_rejected=True)}
    assert reason in reasons


@pytest.mark.parametrize("text", ["$1.9 million", "an F-16 jet", "COVID-19", "a mother-of-two", "many, several, some"])
def test_no_number_found(text):
    assert find_numbers(text) == []


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_offsets_always_index_the_text(text):
    for n in find_numbers(text, keep_rejected=True):
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start : n.end] == n.surface


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10**40), st.text(max_size=30))
def test_enormous_numbers(number, tail):
    text = f"{number:,} {tail}"
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.surface
        assert n.value is None or n.value <= 10**10


NUMBER_PIECES = [*"0123456789,. k%-", "\u00a0", "\u2009", "\u202f", "\u200b", "\u200d", "\ufeff", " killed", " million"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=40).map("".join))
def test_unicode_in_numbers_keeps_offsets_and_finite_values(text):
    for n in find_numbers(text, keep_rejected=True):
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start : n.end] == n.surface
        assert n.value is None or (math.isfinite(n.value) and n.value <= 10**10)
        assert n.high is None or math.isfinite(n.high)
