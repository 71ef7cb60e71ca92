"""Detection: which numbers are casualty figures, with the outcome, bound and parent decided with them.

Short sentences written for these tests (FIGURES.md and eval/README.md's guidelines), one wording
class each; none is copied from a corpus.
"""

from __future__ import annotations

import pytest

from newskit.figures import extract_figures


def figures(text: str) -> list[tuple[str, str]]:
    """(surface, outcome) of every figure of ``text``."""
    return [(f.surface, f.outcome) for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun modifying the people noun is part of the noun phrase, not a thing counted
        ("Dozens of government troops were killed in the clashes.", [("Dozens", "killed")]),
        ("About 1,250 pro-government militants were killed during the offensive.", [("1,250", "killed")]),
        ("Rescuers said they had counted 14 lifeless bodies by noon.", [("14", "killed")]),
        ("Four of her closest friends were killed.", [("Four", "killed")]),
        # a second head joined to the first, before the verb
        ("At least 30 clinic staff and patients were killed.", [("30", "killed")]),
        ("Scores of army officers and their allies were killed.", [("Scores", "killed")]),
        # "neutralized" is a military word for killed
        ("The army said the raids neutralized about 40 insurgents.", [("40", "killed")]),
        ("This adds to the eighty fighters neutralized since the spring.", [("eighty", "killed")]),
    ],
)
def test_people_nouns_and_cues_make_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Civilian deaths caused by the militia increased from 310 to 455 last year.",
         [("310", "killed"), ("455", "killed")]),
        ("The toll rose to 500, up from 450 on Monday.", [("500", "killed"), ("450", "killed")]),
        ("Air strikes caused 31 percent of civilian casualties, compared with 22 percent in 2016.",
         [("31 percent", "killed"), ("22 percent", "killed")]),
    ],
)
def test_a_number_compared_with_a_figure_is_a_figure(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He worked from 9 to 17 and then went home.",  # "from ... to" with no figure before
        "Three trucks entered, compared with 40 the week before.",  # the first number counts no people
    ],
)
def test_comparisons_without_a_figure_make_none(text):
    assert figures(text) == []


def test_a_comparison_keeps_the_unit_of_the_figure():
    # 30 percent is not compared with a count of people: it stays no figure
    assert figures("The raid killed 12 people, up from 30 percent turnout.") == [("12", "killed")]
