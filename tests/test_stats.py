"""Tests for newskit.stats on small hand-made claim tables; expected values worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import needs_shared
from hypothesis import given
from hypothesis import strategies as st

from newskit import stats
from newskit.errors import NewskitWarning, ParameterError, SchemaError
from newskit.paths import REFERENCE_DIR, SHARED_DIR
from newskit.reference import load_reference
from newskit.schema import CLAIM_COLUMNS

NAN = np.nan
DEFAULTS = {"unit": "people", "low": NAN, "high": NAN, "parent": NAN, "published": None,
            "as_of": None, "scope": "cumulative", "outcome": "killed", "group": "palestinians",
            "bound": "exact", "source": None, "source_type": "none", "sentence": "",
            "outlet": "outlet_a"}


def make_claims(*rows: dict) -> pd.DataFrame:
    """A claims table with CLAIM_COLUMNS; unspecified fields take DEFAULTS, exact figures [v, v]."""
    records = []
    for i, row in enumerate(rows):
        record = {**dict.fromkeys(CLAIM_COLUMNS), **DEFAULTS, **row}
        record.setdefault("passage_id", None)
        record["passage_id"] = record["passage_id"] or f"{record['article_id']}-p{i:03d}"
        if record["bound"] == "exact" and pd.isna(record["low"]) and pd.isna(record["high"]):
            record["low"] = record["high"] = record["value"]  # the counting rules' [v, v]
        record["surface"] = record["surface"] or (f"{record['value']:,.0f}"
                                                  if pd.notna(record["value"]) else "dozens")
        records.append(record)
    table = pd.DataFrame(records, columns=CLAIM_COLUMNS)
    table["as_of"] = pd.to_datetime(table["as_of"])
    table["published"] = pd.to_datetime(table["published"])
    for column in ["value", "low", "high", "parent"]:
        table[column] = table[column].astype(float)
    return table


@pytest.fixture(scope="module")
def sample_reference():
    return load_reference(REFERENCE_DIR / "gaza_moh_sample.csv")


@pytest.fixture(scope="module")
def full_reference():
    return load_reference(SHARED_DIR / "reference" / "techforpalestine-casualties_daily.json")


# The two sample articles' Gaza tolls, as the counting rules record them.
CLAIM_002 = {"article_id": "002", "as_of": "2023-12-14", "published": "2023-12-14", "value": 18600,
             "bound": "lower", "low": 18600, "source": "Gaza health authorities",
             "source_type": "health_ministry", "outlet": "itv"}
CLAIM_000 = {"article_id": "000", "value": 25000, "bound": "upper", "high": 25000,
             "source": "the Hamas-run health ministry", "source_type": "health_ministry",
             "outlet": "bbc"}


# ---------------------------------------------------------------- rounding rule


@pytest.mark.parametrize(("value", "unit"), [(18600, 100), (25000, 1000), (18787, 1), (1200, 100),
                                             (10, 10), (9, 1), (1_900_000, 100_000), (0, 1)])
def test_rounding_unit(value, unit):
    assert stats.rounding_unit(value) == unit


@pytest.mark.parametrize(
    ("official", "value", "bound", "rounded"),
    [(18608, 18600, "lower", 18600), (18699, 18600, "lower", 18600), (18787, 18600, "lower", 18700),
     (24001, 25000, "upper", 25000), (24000, 25000, "upper", 24000), (25000, 25000, "upper", 25000),
     (24499, 25000, "approximate", 24000), (24500, 25000, "approximate", 25000),
     (1249, 1200, "exact", 1200), (18787, 18787, "exact", 18787)],
)
def test_round_like_claim(official, value, bound, rounded):
    assert stats.round_like_claim(official, value=value, bound=bound) == rounded


# ---------------------------------------------------------------- compare_to_reference


def check_sample_002(comparison):
    assert len(comparison) == 1
    row = comparison.iloc[0]
    assert row["article_id"] == "002" and row["series"] == "killed_cum"
    assert row["reference_value"] == 18787 and row["reference_date"] == pd.Timestamp("2023-12-14")
    assert row["difference"] == 18600 - 18787
    assert row["within_interval"]
    assert row["lag_days"] == 1
    assert row["lag_date"] == pd.Timestamp("2023-12-13") and row["lag_reference_value"] == 18608


def test_sample_expectation_002_against_hand_typed_table(sample_reference):
    check_sample_002(stats.compare_to_reference(make_claims(CLAIM_002), sample_reference))


@needs_shared
def test_sample_expectation_002_against_full_series(full_reference):
    check_sample_002(stats.compare_to_reference(make_claims(CLAIM_002), full_reference))


def test_compare_outside_interval_and_no_lag(sample_reference):
    claims = make_claims(
        # "about 22,000" on 2023-12-14: official 18,787, no day within 14 days rounds to 22,000
        # (whereas "about 20,000", rounded to the 10,000, would be given by 18,787)
        {"article_id": "a", "as_of": "2023-12-14", "value": 22000, "bound": "approximate",
         "low": 21000, "high": 23000},
        # exact 18,412 stated on 2023-12-15: official that day 18,800, 18,412 was 2023-12-12
        {"article_id": "b", "as_of": "2023-12-15", "value": 18412, "group": "people"},
        # injured "more than 50,000" on 2023-12-14 -> 50,897, within; floor to 10,000 -> 50,000 same day
        {"article_id": "c", "as_of": "2023-12-14", "value": 50000, "bound": "lower", "low": 50000,
         "outcome": "injured"},
    )
    table = stats.compare_to_reference(claims, sample_reference).set_index("article_id")
    assert table.loc["a", "within_interval"] == False  # noqa: E712
    assert table.loc["a", "difference"] == 22000 - 18787
    assert pd.isna(table.loc["a", "lag_days"])
    assert table.loc["b", "lag_days"] == 3 and table.loc["b", "series"] == "killed_cum"
    assert table.loc["b", "within_interval"] == False  # noqa: E712
    assert table.loc["c", "series"] == "injured_cum" and table.loc["c", "lag_days"] == 0
    assert table.loc["c", "within_interval"] == True  # noqa: E712


def test_compare_window_limits_the_lag(sample_reference):
    claims = make_claims({"article_id": "b", "as_of": "2023-12-15", "value": 18412})
    assert pd.isna(stats.compare_to_reference(claims, sample_reference, window_days=2)
                   .loc[0, "lag_days"])
    assert stats.compare_to_reference(claims, sample_reference, window_days=3).loc[0, "lag_days"] == 3


def test_compare_leaves_out_undated_and_uncovered_claims_with_warnings(sample_reference):
    claims = make_claims(CLAIM_002, CLAIM_000)
    with pytest.warns(NewskitWarning, match=r"1 cumulative claim\(s\) have no as_of date"):
        table = stats.compare_to_reference(claims, sample_reference)
    assert table["article_id"].tolist() == ["002"]
    soldiers = make_claims({"article_id": "s", "as_of": "2023-12-14", "value": 100, "bound": "lower",
                            "group": "soldiers", "low": 100})
    with pytest.warns(NewskitWarning, match=r"cover none of the 1 cumulative claims.*killed/soldiers"):
        empty = stats.compare_to_reference(soldiers, sample_reference)
    assert empty.empty and "lag_days" in empty.columns


def test_compare_bad_parameters(sample_reference):
    with pytest.raises(ParameterError, match="window_days"):
        stats.compare_to_reference(make_claims(CLAIM_002), sample_reference, window_days=-1)
    with pytest.raises(SchemaError, match="as_of"):
        stats.compare_to_reference(make_claims(CLAIM_002).drop(columns="as_of"), sample_reference)
    as_text = make_claims(CLAIM_002).assign(as_of=["2023-12-14"])
    assert stats.compare_to_reference(as_text, sample_reference).loc[0, "lag_days"] == 1
    with pytest.raises(SchemaError, match=r"column 'as_of', row 0: 'last week' is not a date"):
        stats.compare_to_reference(as_text.assign(as_of=["last week"]), sample_reference)
    with pytest.raises(SchemaError, match=r"column 'value', row 0: 'many' is not a number"):
        stats.compare_to_reference(make_claims(CLAIM_002).assign(value=["many"]), sample_reference)
    twice = pd.concat([make_claims(CLAIM_002), make_claims(CLAIM_002)])
    with pytest.raises(SchemaError, match="reset_index"):
        stats.compare_to_reference(twice, sample_reference)


def test_lag_by_outlet(sample_reference):
    claims = make_claims(CLAIM_002, {**CLAIM_002, "article_id": "x", "outlet": "bbc"},
                         {"article_id": "y", "outlet": "bbc", "as_of": "2023-12-15", "value": 18412})
    table = stats.lag_by(stats.compare_to_reference(claims, sample_reference)).set_index("outlet")
    assert table.loc["bbc", "n_claims"] == 2 and table.loc["bbc", "median_lag_days"] == 2.0  # 1 and 3
    assert table.loc["itv", "median_lag_days"] == 1.0
    assert table.loc["bbc", "n_within_interval"] == 1


# ---------------------------------------------------------------- date_from_figures


def check_sample_000(dating):
    assert dating["article_id"].tolist() == ["000"]
    row = dating.iloc[0]
    assert row["earliest"] <= pd.Timestamp("2024-01-18") <= row["latest"]
    assert pd.Timestamp("2024-01-10") <= row["earliest"] and row["latest"] <= pd.Timestamp("2024-01-25")
    # by hand: almost 25,000 = 24,001..25,000 -> 24,100 (01-15) .. 24,927 (01-20)
    assert (row["earliest"], row["latest"]) == (pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-20"))
    assert row["n_figures"] == 1 and row["n_days"] == 6


def test_sample_expectation_000_against_hand_typed_table(sample_reference):
    check_sample_000(stats.date_from_figures(make_claims(CLAIM_000, CLAIM_002), sample_reference))


@needs_shared
def test_sample_expectation_000_against_full_series(full_reference):
    check_sample_000(stats.date_from_figures(make_claims(CLAIM_000), full_reference))


def test_dating_narrows_with_every_figure(sample_reference):
    claims = make_claims(
        CLAIM_000,
        # "more than 61,000 injured" (floor to 1,000): 61,154 (01-16) .. 61,830 (01-18)
        {"article_id": "000", "value": 61000, "bound": "lower", "low": 61000, "outcome": "injured"},
        # an incident claim and a percent claim do not count
        {"article_id": "000", "value": 1300, "bound": "approximate", "scope": "incident",
         "group": "israelis"},
        {"article_id": "000", "value": 85, "unit": "percent", "outcome": "displaced", "group": "people"},
    )
    row = stats.date_from_figures(claims, sample_reference).iloc[0]
    assert (row["earliest"], row["latest"], row["n_figures"], row["n_days"]) == (
        pd.Timestamp("2024-01-16"), pd.Timestamp("2024-01-18"), 2, 3)


def test_dating_with_inconsistent_figures_gives_empty_window(sample_reference):
    claims = make_claims(CLAIM_000, {"article_id": "000", "value": 18600, "bound": "lower",
                                     "low": 18600})
    row = stats.date_from_figures(claims, sample_reference).iloc[0]
    assert pd.isna(row["earliest"]) and pd.isna(row["latest"]) and row["n_days"] == 0


def test_dating_max_lag_moves_the_latest_day(sample_reference):
    row = stats.date_from_figures(make_claims(CLAIM_000), sample_reference, max_lag_days=2).iloc[0]
    assert (row["earliest"], row["latest"], row["n_days"]) == (
        pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-22"), 6)
    with pytest.raises(ParameterError, match="max_lag_days"):
        stats.date_from_figures(make_claims(CLAIM_000), sample_reference, max_lag_days=-1)


def test_dating_dated_articles_only_on_request(sample_reference):
    claims = make_claims(CLAIM_002)
    assert stats.date_from_figures(claims, sample_reference).empty
    row = stats.date_from_figures(claims, sample_reference, undated_only=False).iloc[0]
    assert (row["earliest"], row["latest"]) == (pd.Timestamp("2023-12-13"), pd.Timestamp("2023-12-13"))


# ---------------------------------------------------------------- timelines and daily increase


INCREASE_CLAIMS = [
    {"article_id": "a", "as_of": "2023-12-12", "value": 100},
    {"article_id": "b", "as_of": "2023-12-13", "value": 120},
    {"article_id": "c", "as_of": "2023-12-13", "value": 140},  # median of the day: 130
    {"article_id": "d", "as_of": "2023-12-16", "value": 190},
    {"article_id": "e", "as_of": "2023-12-16", "value": NAN, "bound": "vague", "low": 24, "high": 99},
    {"article_id": "f", "as_of": None, "value": 500},
]


def test_successive_increases():
    pairs = stats.successive_increases(make_claims(*INCREASE_CLAIMS))
    assert pairs["days"].tolist() == [1, 3]
    assert pairs["increase"].tolist() == [30, 60]
    assert pairs["reported_daily_increase"].tolist() == [30, 20]


def test_daily_increase_with_seeded_bootstrap():
    claims = make_claims(*INCREASE_CLAIMS)
    summary = stats.daily_increase(claims, n_boot=2000, seed=7)
    row = summary.iloc[0]
    assert row["n_pairs"] == 2
    assert row["reported_daily_increase"] == 25  # median of 30 and 20 per day
    # resampling 2 pairs gives medians 30 (1/4 of draws), 25 (1/2) or 20 (1/4): quantiles 20 and 30
    assert (row["ci_low"], row["ci_high"]) == (20, 30)
    pd.testing.assert_frame_equal(summary, stats.daily_increase(claims, n_boot=2000, seed=7))


def test_daily_increase_reference_slope(sample_reference):
    claims = make_claims({"article_id": "a", "as_of": "2023-12-12", "value": 18400},
                         {"article_id": "b", "as_of": "2023-12-14", "value": 18800})
    row = stats.daily_increase(claims, reference=sample_reference).iloc[0]
    assert row["reported_daily_increase"] == 200
    assert row["reference_daily_increase"] == (18787 - 18412) / 2
    assert pd.isna(row["ci_low"])  # one pair: no interval


def test_daily_increase_bad_parameters():
    with pytest.raises(ParameterError, match="n_boot"):
        stats.daily_increase(make_claims(*INCREASE_CLAIMS), n_boot=0)


def test_claims_timeline_sorts_and_warns_on_undated():
    with pytest.warns(NewskitWarning, match=r"claims_timeline: 1 cumulative claim"):
        timeline = stats.claims_timeline(make_claims(*INCREASE_CLAIMS))
    assert timeline["article_id"].tolist() == ["a", "b", "c", "d", "e"]


# ---------------------------------------------------------------- discrepancies and revisions


OCT7 = "the October 7 attack by Hamas which killed {} people"
DISCREPANCY_CLAIMS = [
    {"article_id": "p", "value": 1200, "scope": "incident", "group": "people", "outlet": "itv",
     "as_of": "2023-12-14", "sentence": OCT7.format("1,200")},
    {"article_id": "q", "value": 1300, "bound": "approximate", "low": 1170, "high": 1430,
     "scope": "incident", "group": "israelis", "outlet": "bbc",
     "sentence": "Since the 7 October attacks, when Hamas gunmen killed about 1,300 Israelis"},
    {"article_id": "r", "value": 1400, "scope": "incident", "group": "people", "outlet": "cnn",
     "as_of": "2023-11-01", "sentence": OCT7.format("1,400")},
    # a subset of the 1,400 and an incident with no named event: not grouped
    {"article_id": "r", "value": 800, "scope": "incident", "group": "civilians", "parent": 4,
     "passage_id": "r-p002", "sentence": OCT7.format("800")},
    {"article_id": "s", "value": 106, "scope": "incident", "sentence": "the strike killed 106"},
    # cumulative: same day, different values
    {"article_id": "t", "value": 18600, "bound": "lower", "low": 18600, "as_of": "2023-12-14"},
    {"article_id": "u", "value": 18787, "group": "people", "as_of": "2023-12-15"},
    # same value twice a week later: not a discrepancy
    {"article_id": "v", "value": 20000, "bound": "lower", "low": 20000, "as_of": "2023-12-22"},
    {"article_id": "w", "value": 20000, "bound": "lower", "low": 20000, "as_of": "2023-12-22"},
]


def test_find_discrepancies():
    table = stats.find_discrepancies(make_claims(*DISCREPANCY_CLAIMS))
    groups = {q: rows for q, rows in table.groupby("quantity")}
    assert sorted(groups) == ["killed people cumulative 2023-12-14..2023-12-15",
                              "october_7_attack: killed"]
    event = groups["october_7_attack: killed"]
    assert sorted(event["value"]) == [1200, 1300, 1400]
    assert sorted(event["outlet"]) == ["bbc", "cnn", "itv"]
    assert set(event["n_values"]) == {3}
    assert set(event["intervals_overlap"]) == {False}  # 1,200 exact and 1,400 exact
    near = groups["killed people cumulative 2023-12-14..2023-12-15"]
    assert near["article_id"].tolist() == ["t", "u"]
    assert set(near["intervals_overlap"]) == {True}  # 18,787 is "more than 18,600"


@pytest.mark.parametrize(
    ("sentence", "names_the_attack"),
    [
        ("the October 7 attack by Hamas which killed 1,200 people", True),
        ("Since the 7 October attacks, when Hamas gunmen killed about 1,300 Israelis", True),
        ("On October 7, Hamas killed 1,200 people", True),
        ("Hamas's Oct. 7 attack killed about 1,200", True),
        ("since the October 7 Hamas-led attack, 1,200 people", True),
        ("25,490 Palestinians have been killed since October 7", False),
        ("since Oct. 7, more than 8,000 people have been killed", False),
        ("the strike on October 17 killed 500", False),
    ],
)
def test_october_7_event_pattern(sentence, names_the_attack):
    assert bool(stats.RE_OCTOBER_7.search(sentence)) == names_the_attack


def test_find_discrepancies_between_articles_only():
    claims = make_claims(*DISCREPANCY_CLAIMS,
                         {"article_id": "x", "value": 24, "as_of": "2024-01-23"},
                         {"article_id": "x", "value": 25490, "bound": "lower", "low": 25490,
                          "as_of": "2024-01-23"})
    every = stats.find_discrepancies(claims)
    assert "killed people cumulative 2024-01-23..2024-01-23" in set(every["quantity"])
    between = stats.find_discrepancies(claims, min_articles=2)
    assert set(between["quantity"]) == {"killed people cumulative 2023-12-14..2023-12-15",
                                        "october_7_attack: killed"}


def test_find_discrepancies_same_day_only():
    table = stats.find_discrepancies(make_claims(*DISCREPANCY_CLAIMS), near_days=0)
    assert set(table["kind"]) == {"named_event"}


REVISION_CLAIMS = [
    {"article_id": "a", "as_of": "2023-12-14", "value": 18787, "source_type": "health_ministry"},
    {"article_id": "b", "as_of": "2023-12-20", "value": 18000, "source_type": "health_ministry",
     "source": "the health ministry"},
    # a lower bound below the earlier figure is not a revision; another source is not compared
    {"article_id": "c", "as_of": "2023-12-21", "value": 18000, "bound": "lower", "low": 18000,
     "source_type": "health_ministry"},
    {"article_id": "d", "as_of": "2023-12-22", "value": 15000, "source_type": "israeli_military"},
    {"article_id": "e", "as_of": "2023-12-23", "value": 15000, "source_type": "none"},
    # the number of hostages held falls with releases: not read as a revision
    {"article_id": "f", "as_of": "2023-11-01", "value": 240, "outcome": "hostage", "group": "hostages",
     "source_type": "israeli_government"},
    {"article_id": "g", "as_of": "2023-12-14", "value": 135, "outcome": "hostage", "group": "hostages",
     "source_type": "israeli_government"},
]


def test_find_revisions():
    table = stats.find_revisions(make_claims(*REVISION_CLAIMS))
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["earlier_article_id"], row["later_article_id"]) == ("a", "b")
    assert (row["earlier_value"], row["later_value"], row["difference"]) == (18787, 18000, -787)
    assert row["source_key"] == "health_ministry"
    assert len(stats.find_revisions(make_claims(*REVISION_CLAIMS), outcomes=["hostage"])) == 1


# ---------------------------------------------------------------- consistency checks


def test_claims_consistency():
    # ``parent`` is the ``start`` of the parent figure in the same passage
    claims = make_claims(
        # "135 hostages remain in Gaza, 116 of whom are alive": fine
        {"article_id": "h", "passage_id": "h-p001", "start": 30, "value": 135, "outcome": "hostage",
         "group": "hostages"},
        {"article_id": "h", "passage_id": "h-p001", "start": 60, "value": 116, "outcome": "hostage",
         "group": "hostages", "parent": 30},
        # "lost 10 soldiers, 12 of whom were killed": subset above parent
        {"article_id": "k", "passage_id": "k-p001", "start": 8, "value": 10, "group": "soldiers"},
        {"article_id": "k", "passage_id": "k-p001", "start": 22, "value": 12, "group": "soldiers",
         "parent": 8},
        # "12,000 killed, including 8,000 children and 6,200 women": parts exceed total
        {"article_id": "m", "passage_id": "m-p001", "start": 0, "value": 12000},
        {"article_id": "m", "passage_id": "m-p001", "start": 30, "value": 8000, "group": "children",
         "parent": 0},
        {"article_id": "m", "passage_id": "m-p001", "start": 50, "value": 6200, "group": "women",
         "parent": 0},
        # same start in another passage is not the parent
        {"article_id": "m", "passage_id": "m-p002", "start": 0, "value": 5},
    )
    assert stats.parent_rows(claims).tolist()[:7] == [pd.NA, 0, pd.NA, 2, pd.NA, 4, 4]
    table = stats.check_claims_consistency(claims)
    assert table[["check", "article_id", "parent_row", "part_rows", "parts_value"]].values.tolist() == [
        ["subset_above_parent", "k", 2, "3", 12],
        ["parts_exceed_total", "m", 4, "5;6", 14200],
    ]


def test_claims_consistency_between_unnested_groups():
    claims = make_claims(
        # one article, one day: "18,000 Palestinians killed" ... "8,000 children" ... "19,000 women"
        {"article_id": "n", "as_of": "2023-12-14", "value": 18000, "start": 0},
        {"article_id": "n", "as_of": "2023-12-14", "value": 8000, "group": "children", "start": 40},
        {"article_id": "n", "as_of": "2023-12-14", "value": 19000, "group": "women", "start": 80},
        # another day's total is not compared
        {"article_id": "n", "as_of": "2023-11-01", "value": 9000, "start": 120},
    )
    table = stats.check_claims_consistency(claims)
    assert table[["check", "parent_row", "part_rows", "parts_value"]].values.tolist() == [
        ["group_above_total", 0, "2", 19000],
        ["groups_exceed_total", 0, "1;2", 27000],
    ]


def test_reference_consistency_sample(sample_reference):
    table = stats.check_reference_consistency(sample_reference)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["check"], row["series"], row["date"]) == ("daily_vs_cumulative", "injured",
                                                          pd.Timestamp("2023-12-13"))
    assert (row["reported_daily_value"], row["cumulative_difference"]) == (499, 494)


def test_reference_consistency_decrease():
    reference = pd.DataFrame({
        "date": pd.to_datetime(["2023-10-17", "2023-10-19", "2023-10-21"]),
        "series": "killed_women_cum", "outcome": "killed", "group": "women",
        "value": [1032.0, 1000.0, 967.0], "filled": False, "source": "hand-made", "scope": "cumulative"})
    table = stats.check_reference_consistency(reference)
    assert table["check"].tolist() == ["cumulative_decrease"] * 2
    assert table["cumulative_difference"].tolist() == [-32, -33]


# ---------------------------------------------------------------- rounding and attribution


def test_rounding_table():
    claims = make_claims(
        {"article_id": "a", "outlet": "x", "value": 18787},
        {"article_id": "a", "outlet": "x", "value": 18600, "bound": "lower"},
        {"article_id": "b", "outlet": "y", "value": 25000, "bound": "upper"},
        {"article_id": "b", "outlet": "y", "value": 130, "bound": "approximate"},
        {"article_id": "b", "outlet": "y", "value": NAN, "bound": "vague"},
        {"article_id": "b", "outlet": "y", "value": 85, "unit": "percent"},  # left out
    )
    table = stats.rounding_table(claims).set_index("outlet")
    assert table.loc["x", "n_figures"] == 2 and table.loc["y", "n_figures"] == 3
    assert table.loc["x", "share_rounding_exact"] == 0.5 and table.loc["x", "share_rounding_100"] == 0.5
    assert table.loc["y", "share_rounding_1000_or_more"] == pytest.approx(1 / 3)
    assert table.loc["y", "share_rounding_10"] == pytest.approx(1 / 3)
    assert table.loc["all", "share_rounding_vague"] == 0.2
    assert table.loc["all", "share_bound_exact"] == 0.2 and table.loc["x", "share_bound_lower"] == 0.5
    shares = table.filter(like="share_rounding_").sum(axis=1)
    assert np.allclose(shares, 1)


@pytest.mark.parametrize(
    ("source", "sentence", "found"),
    [
        ("the Hamas-run health ministry", "almost 25,000 killed", {"hamas_run"}),
        ("health officials", "the Hamas controlled enclave's officials said 100 died", {"hamas_controlled"}),
        (None, "Hamas claimed 1,000 were killed", {"claimed"}),
        (None, "the war has claimed the lives of 18,000", set()),
        ("the ministry", "figures that could not be independently verified", {"not_independently_verified"}),
        ("the ministry", "CNN cannot independently verify the numbers", {"not_independently_verified"}),
        ("Gaza health authorities", "More than 18,600 Palestinians have been killed", set()),
    ],
)
def test_flag_qualifiers(source, sentence, found):
    flags = stats.flag_qualifiers(make_claims({"article_id": "a", "value": 1, "source": source,
                                               "sentence": sentence})).iloc[0]
    assert {c.removeprefix("qualifier_") for c in flags.index if flags[c] and c != "qualifier_any"} \
        == found
    assert flags["qualifier_any"] == bool(found)


def test_attribution_qualifiers_per_outlet():
    claims = make_claims(
        {"article_id": "a", "outlet": "x", "value": 1, "source": "the Hamas-run health ministry"},
        {"article_id": "a", "outlet": "x", "value": 2, "source": "Gaza health authorities"},
        {"article_id": "b", "outlet": "y", "value": 3, "sentence": "which could not be independently "
                                                                   "verified"},
    )
    table = stats.attribution_qualifiers(claims).set_index("outlet")
    assert table.loc["x", "share_hamas_run"] == 0.5 and table.loc["x", "share_any"] == 0.5
    assert table.loc["y", "share_not_independently_verified"] == 1.0
    assert table.loc["y", "n_attributed"] == 0
    assert table.loc["all", "share_any"] == pytest.approx(2 / 3)


def test_sample_expectations_through_the_pipeline(sample_dir, sample_reference):
    """The sample corpus through corpus -> clean -> figures gives both sample expectations."""
    from newskit.clean import clean_articles
    from newskit.corpus import load_corpus
    from newskit.figures import claims_table

    articles = load_corpus(sample_dir)
    passages, _ = clean_articles(articles)
    claims = claims_table(passages, articles)
    with pytest.warns(NewskitWarning, match="no as_of date"):  # article 000 is undated
        comparison = stats.compare_to_reference(claims, sample_reference)
    toll = comparison.loc[comparison["surface"] == "18,600"]
    assert toll["lag_days"].tolist() == [1] and toll["reference_value"].tolist() == [18787]
    assert toll["within_interval"].tolist() == [True]
    dating = stats.date_from_figures(claims, sample_reference)
    assert dating["article_id"].str.startswith("000").tolist() == [True]
    assert dating["earliest"].iloc[0] <= pd.Timestamp("2024-01-18") <= dating["latest"].iloc[0]


@given(official=st.integers(min_value=1, max_value=2_000_000), unit_power=st.integers(0, 4),
       bound=st.sampled_from(["lower", "upper", "exact", "approximate"]))
def test_a_claim_rounded_from_an_official_value_is_given_by_it(official, unit_power, bound):
    """Round an official value to a unit the way a writer would; the rule must find it again."""
    unit = 10**unit_power
    step = {"lower": np.floor, "upper": np.ceil}.get(bound, lambda x: np.floor(x + 0.5))
    claimed = int(step(official / unit)) * unit
    if claimed == 0:
        return
    claim = pd.Series({"value": float(claimed), "bound": bound, "low": NAN, "high": NAN})
    assert stats.official_gives_claim(np.array([official]), claim).tolist() == [True]
