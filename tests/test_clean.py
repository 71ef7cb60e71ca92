"""Cleaning: text normalisation, boilerplate rules, paragraphs, duplicates and the removals audit."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import needs_dev_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.clean import (
    DEFAULT_RULES,
    Rule,
    clean_articles,
    clean_text,
    remove_spans,
    split_paragraphs,
)
from newskit.corpus import load_corpus
from newskit.paths import DEV_ARTICLES_PATH, DEV_COLUMNS, SAMPLE_DIR
from newskit.schema import PASSAGE_COLUMNS, REMOVAL_COLUMNS


def articles_of(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": list(texts)})


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("(CNN) &#8212; The strike", "(CNN) - The strike"),
        ("double &amp;#8212; escaped", "double - escaped"),
        ("\u201cQuoted,\u201d it\u2019s", "\"Quoted,\" it's"),
        ("1,200\u20131,400 killed", "1,200-1,400 killed"),
        ("non\u00a0breaking  and   runs", "non breaking and runs"),
        ("on Thursday,  , 2023:.", "on Thursday, 2023:."),
        ("word ,  next", "word, next"),
        ("\ufb01ve ligature", "five ligature"),
        ("para one.  \n\n  para two.", "para one.\n\npara two."),
        ("one.\n\n\n\n\ntwo.", "one.\n\ntwo."),  # a run of blank lines is one paragraph break
        ("one.\n \n\t\n\u00a0\ntwo.", "one.\n\ntwo."),
        ("18\u00a0600 killed", "18,600 killed"),  # group separators survive NFKC as commas
        ("18&nbsp;600 and 1\u202f200\u202f000", "18,600 and 1,200,000"),
        ("12\u00a0killed in 2023\u00a0150", "12 killed in 2023 150"),  # not digit groups: plain spaces
        ("1,\u200b200 and 1\u200d200", "1,200 and 1200"),  # zero-width characters at digits go
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "\t", "\r\n", "\u00a0", "\u2028", "&nbsp;", ",", ";", "a", "1", "\n\n\n"]),
                max_size=40).map("".join))
def test_cleaned_text_holds_no_white_space_run_longer_than_a_blank_line(text):
    # what keeps the span rules (leading \s*) linear: they never meet a long run of white space
    assert all(len(run) <= 2 for run in re.findall(r"\s+", clean_text(text)))


def test_adjacent_span_matches_leave_one_space():
    text, removed = remove_spans("Ten died. (PHOTO BY A)(PHOTO BY B)(PHOTO BY C) Five were hurt.", rules=DEFAULT_RULES)
    assert text == "Ten died. Five were hurt."
    assert [name for name, _ in removed] == ["photo_credit_inline"] * 3


def test_sample_cleaning_drops_two_captions_and_the_promo_and_nothing_else():
    passages, removals = clean_articles(load_corpus(SAMPLE_DIR))
    assert list(removals.columns) == REMOVAL_COLUMNS
    assert list(passages.columns) == PASSAGE_COLUMNS
    assert removals["article_id"].tolist() == ["002_da15ff6bf3766d8c"] * 3
    assert removals["rule"].tolist() == ["photo_caption", "photo_caption", "promo"]
    assert removals["text"].str.endswith("Credit: Hatem Ali/AP").tolist() == [True, False, False]
    assert removals["text"].iloc[1].endswith("Credit: AP")
    assert removals["text"].iloc[2].startswith("Want a quick and expert briefing")
    # every other paragraph of the raw files is kept
    # every other paragraph of the raw files is kept: 000 has 13 paragraphs, 002 has 18
    kept = passages.groupby("article_id").size().to_dict()
    assert kept == {"000_ac6a83ea76d8dca2": 13, "002_da15ff6bf3766d8c": 18 - 3}


def test_passage_ids_number_all_paragraphs_so_removals_point_at_theirs():
    text = "Kept one.\n\nWant a quick and expert briefing? Listen.\n\nKept two."
    passages, removals = clean_articles(articles_of(text))
    assert passages["passage_id"].tolist() == ["a0-p001", "a0-p003"]
    assert removals["passage_id"].tolist() == ["a0-p002"]


@needs_dev_corpus
def test_dev_corpus_passages_hold_no_wire_headers_or_entities():
    articles = load_corpus(DEV_ARTICLES_PATH, columns=DEV_COLUMNS)
    passages, removals = clean_articles(articles)
    assert set(passages["article_id"]) == set(articles["article_id"])
    leftovers = passages["text"].str.contains(r"Newstex|&#?\w+;|All rights reserved|Link to the original story")
    assert not leftovers.any(), passages.loc[leftovers, "text"].head().tolist()
    wire_headers = removals[removals["rule"] == "wire_header"]
    assert len(wire_headers) == (articles["outlet"] == "Al Jazeera English").sum()
    # dev articles have no paragraph breaks: each is split into several passages of a few sentences
    assert passages.groupby("article_id").size().min() >= 2


@pytest.mark.parametrize(
    "text, rule, removed",
    [
        ("November 13th, 2023 ( Al Jazeera English  \u2014 Delivered by  Newstex ). The churn.", "wire_header",
         "November 13th, 2023 ( Al Jazeera English - Delivered by Newstex)."),
        ("Gaza. Link to the original story.", "link_to_original", "Link to the original story."),
        ("End. Copyright 2024 BBC. All rights reserved.", "copyright", "Copyright 2024 BBC. All rights reserved."),
        ("Text. This article appeared in print on page A6.", "print_edition_note",
         "This article appeared in print on page A6."),
        ("A strike. CNN's Jo Doe contributed reporting.", "contributor_credit", "CNN's Jo Doe contributed reporting."),
    ],
)
def test_span_rules(text, rule, removed):
    cleaned, cut = remove_spans(clean_text(text), rules=DEFAULT_RULES)
    assert cut == [(rule, removed)]
    assert removed not in cleaned


def test_paragraph_split_of_a_text_with_no_breaks_uses_sentences():
    text = " ".join(f"Sentence number {i} ends here." for i in range(7))
    assert [p.count("Sentence") for p in split_paragraphs(text, sentences_per_paragraph=3)] == [3, 3, 1]


def test_exact_and_near_duplicate_paragraphs_are_dropped_within_an_article_only():
    paragraph = "More than 18,600 Palestinians have now been killed in the strip since it began, officials say."
    near = paragraph.replace("officials say", "officials said")
    passages, removals = clean_articles(articles_of(f"{paragraph}\n\nOther text.\n\n{near}\n\n{paragraph}", paragraph))
    assert removals["rule"].tolist() == ["duplicate", "duplicate"]
    assert removals["passage_id"].tolist() == ["a0-p003", "a0-p004"]
    assert passages["passage_id"].tolist() == ["a0-p001", "a0-p002", "a1-p001"]


def test_rules_are_data_users_extend_or_replace():
    extra = (*DEFAULT_RULES, Rule("newsletter", r"^Sign up to our newsletter"))
    text = "Kept.\n\nSign up to our newsletter today.\n\nWant a quick and expert briefing?"
    assert clean_articles(articles_of(text), rules=extra)[1]["rule"].tolist() == ["newsletter", "promo"]
    only_mine = (Rule("newsletter", r"^Sign up to our newsletter"),)
    assert clean_articles(articles_of(text), rules=only_mine)[1]["rule"].tolist() == ["newsletter"]


def test_every_piece_of_an_article_is_kept_or_recorded():
    text = ("November 13th, 2023 ( Wire - Delivered by Newstex ). First fact here. Second fact here. "
            "Third fact. Fourth fact here. Link to the original story.")
    passages, removals = clean_articles(articles_of(text))
    words = lambda s: re.findall(r"\w+", s)  # noqa: E731
    assert sorted(words(" ".join([*passages["text"], *removals["text"]]))) == sorted(words(clean_text(text)))


def test_large_single_line_article_is_cleaned_into_paragraphs():
    text = "".join(f"Officials said {i} people were killed in strike number {i} on the camp. " for i in range(30_000))
    assert len(text) > 2_000_000
    passages, removals = clean_articles(articles_of(text))
    assert len(passages) == 10_000
    assert removals.empty


def test_missing_text_column_is_a_schema_error():
    from newskit.errors import SchemaError

    with pytest.raises(SchemaError, match=r"articles table lacks column\(s\) \['text'\]"):
        clean_articles(pd.DataFrame({"article_id": ["a"], "body": ["x"]}))
