"""Comparison with the series of the same place and quantity (issue 13, items 2 and 3), and dating.

Every expected value is worked out by hand from the hand-typed sample reference
(data/reference/gaza_moh_sample.csv; Gaza killed_cum 2023-12-12..15: 18,412, 18,608, 18,787,
18,800; injured_cum 2023-12-12..14: 50,100, 50,594, 50,897; then 2024-01-10..25).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import needs_shared
from test_stats import CLAIM_000, CLAIM_002, make_claims

from newskit import stats
from newskit.errors import NewskitWarning, ParameterError, SchemaError
from newskit.paths import REFERENCE_DIR
from newskit.reference import load_reference
from newskit.reference_tfp import SHIPPED_PATH

DAY = pd.Timestamp
NAN_VALUE = np.nan


@pytest.fixture(scope="module")
def sample_reference():
    return load_reference(REFERENCE_DIR / "gaza_moh_sample.csv")


@pytest.fixture(scope="module")
def two_places(sample_reference):
    """The sample plus a hand-made West Bank series (killed 2024-10-01..03: 680, 685, 690)."""
    west_bank = pd.DataFrame({
        "date": pd.to_datetime(["2024-10-01", "2024-10-02", "2024-10-03"]), "place": "west_bank",
        "series": "killed_cum", "outcome": "killed", "group": "palestinians",
        "value": [680.0, 685.0, 690.0], "filled": False, "source": "hand-made", "scope": "cumulative"})
    return pd.concat([sample_reference, west_bank], ignore_index=True)


def _one(table: pd.DataFrame, article_id: str) -> pd.Series:
    rows = table.loc[table["article_id"] == article_id]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# ---------------------------------------------------------------- agreement and signed lag


def test_sample_002_agrees_on_its_day_with_lag_plus_one(sample_reference):
    row = _one(stats.compare_to_reference(make_claims(CLAIM_002), sample_reference), "002")
    assert row["status"] == "compared" and row["series"] == "killed_cum"
    assert (row["series_place"], row["series_outcome"], row["series_group"]) == (
        "gaza", "killed", "palestinians")
    # 18,787 on 12-14 is inside [18,600, open): agrees on its day
    assert row["reference_value"] == 18787 and row["reference_date"] == DAY("2023-12-14")
    assert row["difference"] == 18600 - 18787
    assert row["agrees_on_day"] == True  # noqa: E712
    # floor to the hundred: 18,608 (12-13) -> 18,600 gives it; 18,787 (12-14) -> 18,700 does not
    assert row["lag_days"] == 1 and row["lag_date"] == DAY("2023-12-13")
    assert row["lag_reference_value"] == 18608 and row["agrees_within_window"] == True  # noqa: E712


@needs_shared
def test_sample_002_against_the_shipped_series():
    row = _one(stats.compare_to_reference(make_claims(CLAIM_002), load_reference(SHIPPED_PATH)), "002")
    assert (row["reference_value"], row["lag_days"], row["lag_reference_value"]) == (18787, 1, 18608)


def test_a_claim_ahead_of_the_series_has_a_negative_lag(sample_reference):
    # "more than 18,700" on 12-13: official 18,608 is not inside [18,700, open); the first day
    # whose value floors to 18,700 is 12-14 (18,787): lag 12-13 minus 12-14 = -1
    claims = make_claims({"article_id": "a", "as_of": "2023-12-13", "value": 18700, "bound": "lower",
                          "low": 18700})
    row = _one(stats.compare_to_reference(claims, sample_reference), "a")
    assert row["agrees_on_day"] == False  # noqa: E712
    assert row["lag_days"] == -1 and row["lag_date"] == DAY("2023-12-14")
    assert row["agrees_within_window"] == True  # noqa: E712


def test_an_exact_quote_of_yesterdays_bulletin_is_stale_not_outside(sample_reference):
    # "50,594 wounded" on 12-14 quotes 12-13 exactly: outside on its day (50,897), lag +1
    claims = make_claims({"article_id": "w", "as_of": "2023-12-14", "value": 50594,
                          "outcome": "injured"})
    row = _one(stats.compare_to_reference(claims, sample_reference), "w")
    assert row["series"] == "injured_cum" and row["reference_value"] == 50897
    assert row["agrees_on_day"] == False  # noqa: E712
    assert row["lag_days"] == 1 and row["agrees_within_window"] == True  # noqa: E712


def test_window_limits_the_lag(sample_reference):
    # exact 18,412 stated on 12-15 is 12-12's value: lag +3
    claims = make_claims({"article_id": "b", "as_of": "2023-12-15", "value": 18412})
    narrow = _one(stats.compare_to_reference(claims, sample_reference, window_days=2), "b")
    assert pd.isna(narrow["lag_days"]) and narrow["agrees_within_window"] == False  # noqa: E712
    wide = _one(stats.compare_to_reference(claims, sample_reference, window_days=3), "b")
    assert wide["lag_days"] == 3


def test_on_a_tie_the_earlier_day_is_taken():
    # days 1..3: 1,040 / 1,600 / 960 (a hand-made series): "about 1,000" (nearest thousand) is
    # given on day 1 and day 3, one day either side of day 2: lag +1
    reference = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]), "place": "gaza",
        "series": "killed_cum", "outcome": "killed", "group": "palestinians",
        "value": [1040.0, 1600.0, 960.0], "filled": False, "source": "hand-made", "scope": "cumulative"})
    claims = make_claims({"article_id": "t", "as_of": "2024-01-02", "value": 1000, "bound": "approximate",
                          "low": 900, "high": 1100})
    row = _one(stats.compare_to_reference(claims, reference), "t")
    assert row["lag_days"] == 1 and row["lag_reference_value"] == 1040


def test_vague_claims_get_agreement_on_day_but_no_lag(sample_reference):
    claims = make_claims({"article_id": "v", "as_of": "2023-12-14", "value": NAN_VALUE,
                          "bound": "vague", "low": 10000, "high": 99999})
    row = _one(stats.compare_to_reference(claims, sample_reference), "v")
    assert row["agrees_on_day"] == True  # noqa: E712  (18,787 within tens of thousands)
    assert pd.isna(row["lag_days"]) and pd.isna(row["agrees_within_window"])


# ---------------------------------------------------------------- like with like


def test_only_the_series_of_the_claims_place_and_quantity(two_places):
    claims = make_claims(
        # West Bank "at least 682" on 2024-10-02: the West Bank series (685), not Gaza's
        {"article_id": "wb", "as_of": "2024-10-02", "value": 682, "bound": "lower", "low": 682,
         "place": "west_bank", "group": "people"},
        # Lebanon "hundreds": no Lebanon series loaded
        {"article_id": "lb", "as_of": "2024-10-06", "value": NAN_VALUE, "bound": "vague", "low": 200,
         "high": 999, "place": "lebanon", "group": "people"},
        # "187 million" of no known place
        {"article_id": "un", "as_of": "2023-12-14", "value": 187e6, "bound": "lower", "low": 187e6,
         "place": "unknown", "group": "people"},
        # soldiers killed in Gaza: no series of that group
        {"article_id": "so", "as_of": "2023-12-14", "value": 100, "group": "soldiers", "place": "gaza"},
        # an incident toll and a percent figure are not compared at all
        {"article_id": "in", "as_of": "2023-12-14", "value": 1200, "scope": "incident"},
        {"article_id": "pc", "as_of": "2023-12-14", "value": 70, "unit": "percent"},
    )
    table = stats.compare_to_reference(claims, two_places)
    assert sorted(table["article_id"]) == ["lb", "so", "un", "wb"]
    wb = _one(table, "wb")
    assert (wb["status"], wb["series_place"], wb["reference_value"]) == ("compared", "west_bank", 685)
    # floor of 680 and 685 to the unit (1) is 680 and 685, not 682: no day gives it
    assert wb["agrees_on_day"] == True and pd.isna(wb["lag_days"])  # noqa: E712
    for article_id in ["lb", "so", "un"]:
        row = _one(table, article_id)
        assert row["status"] == "no_series" and pd.isna(row["series"])
        assert pd.isna(row["agrees_on_day"]) and pd.isna(row["reference_value"])


def test_every_compared_row_matches_its_series(two_places):
    claims = make_claims(
        {"article_id": "a", "as_of": "2023-12-14", "value": 18600, "bound": "lower", "low": 18600},
        {"article_id": "b", "as_of": "2023-12-14", "value": 50000, "bound": "lower", "low": 50000,
         "outcome": "injured", "group": "people"},
        {"article_id": "c", "as_of": "2024-10-03", "value": 690, "place": "west_bank"},
    )
    table = stats.compare_to_reference(claims, two_places)
    compared = table.loc[table["status"] == "compared"]
    assert len(compared) == 3
    assert (compared["place"] == compared["series_place"]).all()
    assert (compared["outcome"] == compared["series_outcome"]).all()
    # "people" is covered by the palestinians series of its place
    assert compared["group"].tolist() == ["palestinians", "people", "palestinians"]
    assert set(compared["series_group"]) == {"palestinians"}


def test_outside_the_series_days_is_not_covered_never_outside(sample_reference):
    claims = make_claims(
        {"article_id": "old", "as_of": "2022-01-01", "value": 100},
        # inside the span but on a day the hand-typed table has no row (2023-12-16..2024-01-09)
        {"article_id": "gap", "as_of": "2024-01-01", "value": 22000},
    )
    table = stats.compare_to_reference(claims, sample_reference)
    assert table["status"].tolist() == ["not_covered", "not_covered"]
    assert table["agrees_on_day"].isna().all() and table["agrees_within_window"].isna().all()
    headlines = stats.comparison_headlines(table)
    assert headlines["agrees_on_day"] == "0 of 0"
    assert headlines["not covered (no official value on their day)"] == 2


def test_undated_and_dated_by_a_window(sample_reference):
    claims = make_claims(CLAIM_000, CLAIM_002)
    undated = _one(stats.compare_to_reference(claims, sample_reference), "000")
    assert undated["status"] == "undated"
    dating = stats.date_from_figures(claims, sample_reference)
    row = _one(stats.compare_to_reference(claims, sample_reference, dating=dating), "000")
    # almost 25,000 = 24,001..25,000: 24,100 (01-15) .. 24,927 (01-20)
    assert (row["status"], row["date_basis"]) == ("dated_by_window", "window")
    assert (row["date_from"], row["date_to"]) == (DAY("2024-01-15"), DAY("2024-01-20"))
    assert pd.isna(row["agrees_on_day"]) and pd.isna(row["lag_days"])


def test_a_claims_table_without_place_compares_nothing(sample_reference):
    claims = make_claims(CLAIM_002).drop(columns="place")
    with pytest.warns(NewskitWarning, match="no place column"):
        table = stats.compare_to_reference(claims, sample_reference)
    assert table["status"].tolist() == ["no_series"]


def test_bad_parameters_and_inputs(sample_reference):
    with pytest.raises(ParameterError, match="window_days"):
        stats.compare_to_reference(make_claims(CLAIM_002), sample_reference, window_days=-1)
    with pytest.raises(SchemaError, match="as_of"):
        stats.compare_to_reference(make_claims(CLAIM_002).drop(columns="as_of"), sample_reference)
    with pytest.raises(SchemaError, match=r"column 'as_of', row 0: 'last week' is not a date"):
        stats.compare_to_reference(make_claims(CLAIM_002).assign(as_of=["last week"]), sample_reference)
    twice = pd.concat([make_claims(CLAIM_002), make_claims(CLAIM_002)])
    with pytest.raises(SchemaError, match="reset_index"):
        stats.compare_to_reference(twice, sample_reference)
    empty = stats.compare_to_reference(make_claims(CLAIM_002).iloc[:0], sample_reference)
    assert empty.empty and list(empty.columns) == stats.COMPARISON_COLUMNS


# ---------------------------------------------------------------- headlines and per outlet


def test_headlines_and_lag_by_outlet_counted_by_hand(two_places):
    claims = make_claims(
        CLAIM_002,                                                           # itv: +1, agrees on day
        {**CLAIM_002, "article_id": "x", "outlet": "bbc"},                   # bbc: +1, agrees on day
        {"article_id": "y", "outlet": "bbc", "as_of": "2023-12-15", "value": 18412},  # bbc: +3, not on day
        {"article_id": "z", "outlet": "bbc", "as_of": "2023-12-13", "value": 18700, "bound": "lower",
         "low": 18700},                                                      # bbc: -1, not on day
        {"article_id": "n", "outlet": "bbc", "as_of": "2022-01-01", "value": 5},      # not covered
        {"article_id": "l", "outlet": "bbc", "as_of": "2024-10-01", "value": 300, "place": "lebanon"},
    )
    table = stats.compare_to_reference(claims, two_places)
    by_outlet = stats.lag_by(table).set_index("outlet")
    assert by_outlet.loc["bbc", ["n_compared", "n_agrees_on_day", "n_agrees_within_window",
                                 "n_behind", "n_ahead"]].tolist() == [3, 1, 3, 2, 1]
    assert by_outlet.loc["bbc", "median_lag_days"] == 1.0  # median(+1, +3, -1)
    assert by_outlet.loc["itv", "median_lag_days"] == 1.0
    headlines = stats.comparison_headlines(table)
    assert headlines["cumulative claims compared with a series of their place and quantity"] == 4
    assert headlines["agrees_on_day"] == "2 of 4"
    assert headlines["agrees_within_window"] == "4 of 4"
    assert headlines["median signed lag (days)"] == 1.0  # median(+1, +1, +3, -1)
    assert headlines["not covered (no official value on their day)"] == 1
    assert headlines["no series for this place/quantity"] == 1


# ---------------------------------------------------------------- dating by figures


def test_sample_000_dated_2024_01_15_to_20(sample_reference):
    row = _one(stats.date_from_figures(make_claims(CLAIM_000, CLAIM_002), sample_reference), "000")
    assert (row["earliest"], row["latest"], row["n_figures"], row["n_days"]) == (
        DAY("2024-01-15"), DAY("2024-01-20"), 1, 6)


def test_dating_narrows_with_every_figure_of_its_place(two_places):
    claims = make_claims(
        CLAIM_000,
        # "more than 61,000 injured" (floor to 1,000): 61,154 (01-16) .. 61,830 (01-18)
        {"article_id": "000", "value": 61000, "bound": "lower", "low": 61000, "outcome": "injured"},
        # an incident claim, a percent claim and a claim of another place do not count
        {"article_id": "000", "value": 1300, "bound": "approximate", "scope": "incident",
         "group": "israelis"},
        {"article_id": "000", "value": 85, "unit": "percent", "outcome": "displaced", "group": "people"},
        {"article_id": "000", "value": 680, "place": "lebanon"},
    )
    row = _one(stats.date_from_figures(claims, two_places), "000")
    assert (row["earliest"], row["latest"], row["n_figures"], row["n_days"]) == (
        DAY("2024-01-16"), DAY("2024-01-18"), 2, 3)
    # a West Bank claim is read against the West Bank series (680 on 2024-10-01 only): no common day
    west_bank = make_claims(*[dict(c) for c in [CLAIM_000]],
                            {"article_id": "000", "value": 680, "place": "west_bank"})
    row = _one(stats.date_from_figures(west_bank, two_places), "000")
    assert (row["n_figures"], row["n_days"]) == (2, 0) and pd.isna(row["earliest"])


def test_dating_max_lag_and_dated_articles_on_request(sample_reference):
    row = _one(stats.date_from_figures(make_claims(CLAIM_000), sample_reference, max_lag_days=2), "000")
    assert (row["earliest"], row["latest"], row["n_days"]) == (DAY("2024-01-15"), DAY("2024-01-22"), 6)
    with pytest.raises(ParameterError, match="max_lag_days"):
        stats.date_from_figures(make_claims(CLAIM_000), sample_reference, max_lag_days=-1)
    assert stats.date_from_figures(make_claims(CLAIM_002), sample_reference).empty
    row = _one(stats.date_from_figures(make_claims(CLAIM_002), sample_reference, undated_only=False),
               "002")
    assert (row["earliest"], row["latest"]) == (DAY("2023-12-13"), DAY("2023-12-13"))
