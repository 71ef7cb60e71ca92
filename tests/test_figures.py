"""Casualty figures: the worked examples of FIGURES.md on the sample articles, field tables, properties."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.errors import NewskitWarning, SchemaError
from newskit.figures import (
    DEFAULT_CONVENTIONS,
    Conventions,
    Figure,
    claims_table,
    classify_source,
    extract_figures,
)
from newskit.schema import CLAIM_COLUMNS, FIGURE_FIELDS

# FIGURES.md worked examples, as (article stem, surface, value, unit, bound, outcome, group, scope,
# source_type, parent surface, place). The 18,600 caption repeats in raw text, so it counts twice. Place
# (eval/README.md, "Place"): gaza for the Gaza tolls, the soldiers killed there and the hostages held;
# israel for the figures of the October 7 attack (including the hostages taken that day).
SAMPLE_FIGURES = [
    ("000_ac6a83ea76d8dca2", "25,000", 25000, "people", "upper", "killed", "palestinians", "cumulative",
     "health_ministry", None, "gaza"),
    ("000_ac6a83ea76d8dca2", "85%", 85, "percent", "exact", "displaced", "people", "cumulative", "none", None, "gaza"),
    ("000_ac6a83ea76d8dca2", "1,300", 1300, "people", "approximate", "killed", "israelis", "incident", "none",
     None, "israel"),
    ("000_ac6a83ea76d8dca2", "240", 240, "people", "approximate", "hostage", "people", "incident", "none", None,
     "israel"),
    ("002_da15ff6bf3766d8c", "18,600", 18600, "people", "lower", "killed", "palestinians", "cumulative",
     "health_ministry", None, "gaza"),
    ("002_da15ff6bf3766d8c", "1,200", 1200, "people", "exact", "killed", "people", "incident", "none", None, "israel"),
    ("002_da15ff6bf3766d8c", "100", 100, "people", "lower", "killed", "soldiers", "cumulative", "none", None, "gaza"),
    ("002_da15ff6bf3766d8c", "10", 10, "people", "exact", "killed", "soldiers", "period", "none", None, "gaza"),
    ("002_da15ff6bf3766d8c", "nine", 9, "people", "exact", "killed", "soldiers", "incident", "none", "10", "gaza"),
    ("002_da15ff6bf3766d8c", "18,600", 18600, "people", "lower", "killed", "palestinians", "cumulative",
     "health_ministry", None, "gaza"),
    ("002_da15ff6bf3766d8c", "135", 135, "people", "exact", "hostage", "hostages", "cumulative",
     "israeli_government", None, "gaza"),
    ("002_da15ff6bf3766d8c", "116", 116, "people", "exact", "hostage", "hostages", "cumulative",
     "israeli_government", "135", "gaza"),
]


def _row(figure: Figure, figures: list[Figure]) -> tuple:
    parent = figures[figure.parent].surface if figure.parent is not None else None
    return (figure.surface, figure.value, figure.unit, figure.bound, figure.outcome, figure.group, figure.scope,
            figure.source_type, parent, figure.place)


def test_sample_articles_give_the_twelve_worked_examples(sample_texts):
    got = []
    for stem in sorted(sample_texts):
        text = sample_texts[stem]
        figures = extract_figures(text)
        for figure in figures:
            assert text[figure.start : figure.end] == figure.surface
            got.append((stem, *_row(figure, figures)))
    assert got == SAMPLE_FIGURES


@pytest.mark.parametrize("absent", ["October 7", "7 October", "two-state", "many more months", "2023-12-14"])
def test_sample_non_figures_are_absent(sample_texts, absent):
    for text in sample_texts.values():
        spans = [(f.start, f.end) for f in extract_figures(text)]
        at = text.find(absent)
        while at != -1:
            assert not any(s < at + len(absent) and at < e for s, e in spans)
            at = text.find(absent, at + 1)


def test_sample_sources_are_the_phrases_written(sample_texts):
    figures = extract_figures(sample_texts["000_ac6a83ea76d8dca2"])
    assert figures[0].source == "the Hamas-run health ministry"
    figures = extract_figures(sample_texts["002_da15ff6bf3766d8c"])
    assert [f.source for f in figures if f.source] == ["Gaza health authorities", "Gaza health authorities",
                                                       "Mr Netanyahu's office", "Mr Netanyahu's office"]


def test_figure_has_exactly_the_schema_fields():
    assert list(Figure.__dataclass_fields__) == FIGURE_FIELDS


# Field tables: sentences written for these tests, (sentence, surface, field, expected).
FIELD_CASES = [
    # outcome: active, passive, nominal, status nouns, verbs over status nouns
    ("Gunmen shot dead 14 villagers near the border.", "14", "outcome", "killed"),
    ("Some 40 workers were injured when the roof fell.", "40", "outcome", "injured"),
    ("The overall death toll climbed to 3,100 on Sunday.", "3,100", "outcome", "killed"),
    ("Militants are still holding 61 hostages.", "61", "outcome", "hostage"),
    ("The group freed 12 hostages on Friday.", "12", "outcome", "released"),
    ("Six hostages were killed in captivity.", "Six", "outcome", "killed"),
    ("Police arrested 80 protesters outside parliament.", "80", "outcome", "detained"),
    ("About 300,000 residents have fled their homes.", "300,000", "outcome", "displaced"),
    ("At least 70 people remain missing after the quake of shelling.", "70", "outcome", "missing"),
    ("Troops lost 4 soldiers in the fighting.", "4", "outcome", "killed"),
    ("The army said 1,500 fighters died in the battle.", "1,500", "outcome", "killed"),
    # bound
    ("More than 500 people were killed.", "500", "bound", "lower"),
    ("Nearly 2,000 people were wounded.", "2,000", "bound", "upper"),
    ("Roughly 90 people were killed.", "90", "bound", "approximate"),
    ("Between 20 and 30 people were killed.", "20 and 30", "bound", "range"),
    ("Dozens of people were killed.", "Dozens", "bound", "vague"),
    ("Eleven people were killed.", "Eleven", "bound", "exact"),
    ("The strike killed 40 or so people.", "40", "bound", "approximate"),
    # group: most specific people word of the figure's own noun phrase
    ("The raid killed 17 Palestinian children.", "17", "group", "children"),
    ("Three aid workers were killed on the road.", "Three", "group", "aid_workers"),
    ("Two Thai nationals were abducted from the farm.", "Two", "group", "foreigners"),
    ("Fourteen journalists and media workers have been killed.", "Fourteen", "group", "journalists"),
    ("Five IDF soldiers were killed in the tunnel.", "Five", "group", "soldiers"),
    ("Hundreds of Israelis were killed.", "Hundreds", "group", "israelis"),
    ("The bombardment has killed 9,000 civilians.", "9,000", "group", "civilians"),
    ("Some 31 people were killed.", "31", "group", "people"),
    # scope
    ("At least 7,000 people have been killed so far.", "7,000", "scope", "cumulative"),
    ("The strike on the school killed 33 people.", "33", "scope", "incident"),
    ("In the past 24 hours, 140 people were killed.", "140", "scope", "period"),
    ("Since the war began, 2,500 people have died.", "2,500", "scope", "cumulative"),
    # source type
    ("The health ministry in Gaza said 80 people were killed.", "80", "source_type", "health_ministry"),
    ("At least 12 people died, according to the UN agency OCHA.", "12", "source_type", "un"),
    ("The Israeli military said 21 soldiers were killed.", "21", "source_type", "israeli_military"),
    ("Hamas officials said 16 people died in the strike.", "16", "source_type", "palestinian_officials"),
    ("Amnesty International said 40 detainees were held.", "40", "source_type", "ngo"),
    ("Five people were killed in the strike.", "Five", "source_type", "none"),
    # rules added from the dev gold's lessons (sentences written for these tests)
    ("Troops shot dead nine men, wounding 14 others.", "nine", "outcome", "killed"),
    ("Troops shot dead nine men, wounding 14 others.", "14", "outcome", "injured"),
    ("The talks concern the captives - 97 - still held in tunnels.", "97", "outcome", "hostage"),
    ("Nearly half of the town's population of 40,000 has been displaced.", "half", "outcome", "displaced"),
    ("About 60% of those killed were women.", "60%", "group", "women"),
    ("Militants seized 30 hostages, 12 of whom are believed to be Thais.", "12", "group", "foreigners"),
    ("Twelve Israeli hostages were freed by the army.", "Twelve", "group", "israelis"),
    ("Over the past week, 900 people have been displaced.", "900", "scope", "period"),
    ("An explosion at the depot, that left 15 people dead, is under inquiry.", "15", "scope", "incident"),
    ("Rescuers said 41 people had been evacuated from the stadium after it was hit by shelling.", "41", "outcome",
     "displaced"),
]


@pytest.mark.parametrize(("sentence", "surface", "field", "expected"), FIELD_CASES)
def test_field(sentence, surface, field, expected):
    figures = {f.surface: f for f in extract_figures(sentence)}
    assert surface in figures, f"no figure {surface!r} in {[f.surface for f in figures.values()]}"
    assert getattr(figures[surface], field) == expected


NOT_FIGURES = [
    "The convoy of 40 trucks crossed at Rafah.",
    "Militants fired 3,000 rockets at the city.",
    "Some 300,000 reservists were called up.",
    "About 2.3 million people live in the territory.",
    "Sixteen people testified before the committee.",
    "It was one of the deadliest days of the war.",
    "A 14-year-old was among those who fled three days ago.",
    "The aid package was worth $2 million.",
    "The town has a population of 40,000 and many were displaced.",
    "They offered one day of truce for every 10 hostages released.",
    "Many people were killed and several were wounded.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_a_figure(sentence):
    assert extract_figures(sentence) == []


def test_subsets_point_to_their_parent():
    text = "The strike killed 31 people, including 12 children and five women."
    figures = extract_figures(text)
    assert [(f.surface, f.parent) for f in figures] == [("31", None), ("12", 0), ("five", 0)]
    assert [f.group for f in figures] == ["people", "children", "women"]


def test_adjacent_sentence_pronoun_attribution():
    text = "The Gaza health ministry updated its figures. It said 4,100 people had been killed."
    (figure,) = extract_figures(text)
    assert figure.source_type == "health_ministry"


def test_offsets_survive_entities_and_double_spaces():
    text = "(CNN) &#8212; Israeli strikes  killed  at least 18 people on Saturday."
    (figure,) = extract_figures(text)
    assert text[figure.start : figure.end] == "18"
    assert (figure.bound, figure.low, figure.high) == ("lower", 18, None)


INTERVAL_CASES = [
    ("exact", 9, None, None, (9, 9)),
    ("lower", 100, None, None, (100, None)),
    ("upper", 25000, None, None, (None, 25000)),
    ("approximate", 1000, None, None, (900, 1100)),
    ("range", 30, 40, None, (30, 40)),
    ("vague", None, None, "dozens", (24, 99)),
    ("vague", None, None, "hundreds", (200, 999)),
    ("vague", 12, None, "a dozen", (10, 14)),
]


@pytest.mark.parametrize(("bound", "value", "high", "vague", "expected"), INTERVAL_CASES)
def test_default_intervals(bound, value, high, vague, expected):
    assert DEFAULT_CONVENTIONS.interval(bound, value, high=high, vague=vague) == expected


def test_conventions_are_configurable():
    conventions = Conventions(approximate_error=0.2, lower_step=1)
    (figure,) = extract_figures("About 100 people were killed.", conventions=conventions)
    assert (figure.low, figure.high) == (80, 120)
    (figure,) = extract_figures("More than 100 people were killed.", conventions=conventions)
    assert (figure.low, figure.high) == (101, None)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("Gaza's Hamas-run health ministry", "health_ministry"), ("the Government Media Office", "palestinian_officials"),
     ("UNRWA", "un"), ("Doctors Without Borders", "ngo"), ("Israeli officials", "israeli_government"),
     ("the IDF", "israeli_military"), ("sources told CNN", "media"), ("a witness", "other"), (None, "none")],
)
def test_classify_source(phrase, expected):
    assert classify_source(phrase) == expected


# ---------------------------------------------------------------------------- claims table

ARTICLES = pd.DataFrame(
    {
        "article_id": ["b", "a"],
        "outlet": ["Outlet B", "Outlet A"],
        "published": pd.to_datetime(["2024-01-03", "2023-12-01"]),
    }
)
PASSAGES = pd.DataFrame(
    {
        "article_id": ["a", "a", "b"],
        "passage_id": ["a-p001", "a-p002", "b-p001"],
        "text": [
            "At least 40 people were killed, including 9 children.",
            "No figures here.",
            "As of December 12, more than 18,000 people had been killed.",
        ],
    }
)


def test_claims_table_rows_and_columns():
    claims = claims_table(PASSAGES, ARTICLES)
    assert list(claims.columns) == CLAIM_COLUMNS
    assert list(claims["article_id"]) == ["b", "a", "a"]  # article order of the articles table
    assert list(claims["surface"]) == ["18,000", "40", "9"]
    assert claims.loc[claims["surface"] == "9", "parent"].iloc[0] == PASSAGES["text"][0].index("40")
    assert str(claims["as_of"].iloc[0].date()) == "2023-12-12"
    assert str(claims["as_of"].iloc[1].date()) == "2023-12-01"
    assert list(claims["outlet"]) == ["Outlet B", "Outlet A", "Outlet A"]


def test_claims_table_empty_input_has_the_columns():
    empty = PASSAGES.iloc[0:0]
    claims = claims_table(empty, ARTICLES)
    assert list(claims.columns) == CLAIM_COLUMNS and len(claims) == 0


def test_claims_table_warns_on_passages_of_unknown_articles():
    with pytest.warns(NewskitWarning, match="not in the articles table"):
        claims = claims_table(PASSAGES, ARTICLES[ARTICLES["article_id"] == "a"])
    assert claims["outlet"].isna().sum() == 1 and len(claims) == 3


def test_claims_table_names_missing_columns():
    with pytest.raises(SchemaError, match="passages"):
        claims_table(PASSAGES.drop(columns=["text"]), ARTICLES)


# ---------------------------------------------------------------------------- properties


def _check(text: str) -> None:
    for figure in extract_figures(text):
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.surface
        assert figure.parent is None or 0 <= figure.parent


WORDS = st.sampled_from(
    ["killed", "at least", "1,200", "people", "were", "wounded", "including", "nine", "of whom", "dozens",
     "said", "according to", "the ministry", ",", ".", "  ", "&#8212;", "\n\n", "85%", "between", "and",
     "7 October", "hostages", "children", "1.9 million", "760injured", "half", "it said", "since"]
)


@settings(max_examples=120, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_property_casualty_vocabulary(text):
    _check(text)


@settings(max_examples=80, deadline=None)
@given(st.text())
def test_property_any_unicode(text):
    _check(text)


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=10**15, max_value=10**60))
def test_property_enormous_numbers(number):
    _check(f"More than {number:,} people were killed and {number} wounded.")


def test_one_megabyte_line():
    # one line, no sentence end, a figure every ~20 kB (extraction cost grows with the numbers in it)
    chunk = "word " * 4000 + "and at least 12 people were killed in the strike; "
    line = (chunk * 60)[:1_000_000]
    figures = extract_figures(line)
    assert len(figures) >= 40 and all(line[f.start : f.end] == f.surface == "12" for f in figures)


@settings(max_examples=4, deadline=None)
@given(st.text(min_size=8, max_size=50))
def test_property_megabyte_line_of_anything(piece):
    line = (piece.replace("\n", " ") * (1_000_000 // len(piece) + 1))[:1_000_000]
    _check(line)


def test_non_string_and_empty_input():
    assert extract_figures("") == [] and extract_figures(None) == []  # type: ignore[arg-type]
