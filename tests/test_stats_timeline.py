"""Timelines and daily increases within one series of claims (issue 13, item 4); hand-worked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_stats import CLAIM_000, CLAIM_002, make_claims

from newskit import stats
from newskit.errors import NewskitWarning, ParameterError
from newskit.paths import REFERENCE_DIR
from newskit.reference import load_reference

NAN = np.nan
DAY = pd.Timestamp
MINISTRY = {"source_type": "health_ministry"}


@pytest.fixture(scope="module")
def sample_reference():
    return load_reference(REFERENCE_DIR / "gaza_moh_sample.csv")


# One series of claims (gaza, killed, palestinians, cumulative, health_ministry) on four days, and
# claims that belong to other series or to none.
SERIES_CLAIMS = [
    {"article_id": "a", "as_of": "2023-12-12", "value": 18400, **MINISTRY},
    {"article_id": "b", "as_of": "2023-12-13", "value": 18500, **MINISTRY},
    {"article_id": "c", "as_of": "2023-12-13", "value": 18700, **MINISTRY},  # day median: 18,600
    {"article_id": "d", "as_of": "2023-12-14", "value": 18800, **MINISTRY},
    {"article_id": "e", "as_of": "2023-12-15", "value": 18900, **MINISTRY},
    # another source type: its own series; another place; no place; vague; undated; a subset
    {"article_id": "f", "as_of": "2023-12-13", "value": 1200, "source_type": "none"},
    {"article_id": "g", "as_of": "2023-12-15", "value": 187e6, "source_type": "none"},
    {"article_id": "h", "as_of": "2023-12-14", "value": 300, "place": "west_bank", **MINISTRY},
    {"article_id": "i", "as_of": "2023-12-14", "value": 5000, "place": "unknown", **MINISTRY},
    {"article_id": "j", "as_of": "2023-12-14", "value": NAN, "bound": "vague", "low": 10000,
     "high": 99999, **MINISTRY},
    {"article_id": "k", "as_of": None, "value": 20000, **MINISTRY},
    {"article_id": "l", "as_of": "2023-12-14", "value": 8000, "group": "palestinians", "parent": 0,
     **MINISTRY},
]


def test_independent_pairs_never_mix_series(sample_reference):
    pairs = stats.successive_increases(make_claims(*SERIES_CLAIMS), reference=sample_reference)
    ministry = pairs.loc[pairs["source_type"] == "health_ministry"]
    # days 12..15 paired (12, 13) and (14, 15): no day in two pairs
    assert ministry[["from_date", "to_date"]].values.tolist() == [
        [DAY("2023-12-12"), DAY("2023-12-13")], [DAY("2023-12-14"), DAY("2023-12-15")]]
    assert ministry["increase"].tolist() == [200, 100]             # 18,600-18,400; 18,900-18,800
    assert ministry["reported_daily_increase"].tolist() == [200, 100]
    # the official series at the same days: 18,608-18,412 = 196; 18,800-18,787 = 13
    assert ministry["reference_daily_increase"].tolist() == [196, 13]
    other = pairs.loc[pairs["source_type"] == "none"]
    # 1,200 and 187 million are one series of claims (same place, quantity, source type): listed, never
    # mixed with the ministry's
    assert other["increase"].tolist() == [187e6 - 1200]
    assert set(pairs["place"]) == {"gaza"}


def test_daily_increase_is_the_median_of_pairs_and_the_same_estimator_on_the_series(sample_reference):
    summary = stats.daily_increase(make_claims(*SERIES_CLAIMS), reference=sample_reference, seed=1)
    row = summary.loc[summary["source_type"] == "health_ministry"].iloc[0]
    assert (row["n_claims"], row["n_pairs"]) == (5, 2)
    assert row["reported_daily_increase"] == 150                 # median(200, 100)
    assert row["reference_daily_increase"] == 104.5              # median(196, 13)
    assert pd.isna(row["ci_low"]) and pd.isna(row["ci_high"])
    assert row["interval_note"] == "too few independent pairs (2 < 5)"
    assert stats.MIN_INDEPENDENT_PAIRS == 5


def _ten_days(values):
    return make_claims(*[{"article_id": f"a{i}", "as_of": f"2024-01-{i + 1:02d}", "value": v}
                         for i, v in enumerate(values)])


def test_bootstrap_with_enough_pairs_is_seeded():
    # ten days, five pairs, every pair +10 in one day: every resample's median is 10
    flat = stats.daily_increase(_ten_days([100, 110, 200, 210, 300, 310, 400, 410, 500, 510]), seed=3)
    row = flat.iloc[0]
    assert (row["n_pairs"], row["reported_daily_increase"], row["ci_low"], row["ci_high"]) == (
        5, 10, 10, 10)
    assert row["interval_note"] == ""
    # pair rates 10, 10, 10, 10, 1000: the median of a resample of five is 1000 when three or more
    # draws are the 1000 pair: P = 10(.2^3)(.8^2) + 5(.2^4)(.8) + .2^5 = 0.0579, else 10. So the
    # 2.5% quantile is 10 and the 97.5% quantile is 1000 (5.8% of draws > 2.5%)
    mixed = _ten_days([100, 110, 200, 210, 300, 310, 400, 410, 500, 1500])
    first = stats.daily_increase(mixed, n_boot=4000, seed=3)
    assert first["reported_daily_increase"].iloc[0] == 10
    assert (first["ci_low"].iloc[0], first["ci_high"].iloc[0]) == (10, 1000)
    pd.testing.assert_frame_equal(first, stats.daily_increase(mixed, n_boot=4000, seed=3))


def test_daily_increase_bad_parameters():
    with pytest.raises(ParameterError, match="n_boot"):
        stats.daily_increase(make_claims(*SERIES_CLAIMS), n_boot=0)
    with pytest.raises(ParameterError, match="min_pairs"):
        stats.daily_increase(make_claims(*SERIES_CLAIMS), min_pairs=1)


def test_timeline_holds_dated_claims_and_windows(sample_reference):
    claims = make_claims(CLAIM_002, CLAIM_000)
    with pytest.warns(NewskitWarning, match=r"1 cumulative claim\(s\) have no as_of date"):
        plain = stats.claims_timeline(claims)
    assert plain["article_id"].tolist() == ["002"]
    dating = stats.date_from_figures(claims, sample_reference)
    timeline = stats.claims_timeline(claims, dating=dating)
    assert timeline[["article_id", "date_basis", "date_from", "date_to"]].values.tolist() == [
        ["002", "as_of", DAY("2023-12-14"), DAY("2023-12-14")],
        ["000", "window", DAY("2024-01-15"), DAY("2024-01-20")],
    ]
