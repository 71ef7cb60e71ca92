"""Tests for newskit.plots.claims: each chart's data holds the numbers drawn, saving is deterministic."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from test_stats import make_claims

from newskit import stats
from newskit.paths import REFERENCE_DIR
from newskit.plots import NotDrawn, save_chart
from newskit.plots import claims as claim_plots
from newskit.reference import load_reference
from newskit.schema import CLAIM_COLUMNS

COLUMNS = CLAIM_COLUMNS if "place" in CLAIM_COLUMNS else [*CLAIM_COLUMNS, "place"]

# Three cumulative killed claims typed by hand: (article, outlet, as_of, value, bound, low, high)
ROWS = [
    ("002", "itv", "2023-12-14", 18600.0, "lower", 18600.0, np.nan),
    ("010", "bbc", "2023-12-15", 18787.0, "exact", 18787.0, 18787.0),
    ("011", "bbc", "2023-12-15", 18000.0, "approximate", 17100.0, 18900.0),
]


# Three more, exact, each given by one official day: 24,927 is 2024-01-20's value (lag 0 on 01-20,
# +1 on 01-21); 23,469 is 2024-01-11's (lag +1 on 01-12).
MORE_ROWS = [
    ("012", "bbc", "2024-01-20", 24927.0, "exact", 24927.0, 24927.0),
    ("013", "bbc", "2024-01-21", 24927.0, "exact", 24927.0, 24927.0),
    ("014", "itv", "2024-01-12", 23469.0, "exact", 23469.0, 23469.0),
]


def claims_table(rows) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["article_id", "outlet", "as_of", "value", "bound", "low", "high"])
    table["as_of"] = pd.to_datetime(table["as_of"])
    table["published"] = table["as_of"]
    for column, value in {"unit": "people", "scope": "cumulative", "outcome": "killed",
                          "group": "palestinians", "source_type": "health_ministry", "place": "gaza",
                          "parent": np.nan, "sentence": "", "source": None}.items():
        table[column] = value
    table["surface"] = [f"{v:,.0f}" for v in table["value"]]
    table["passage_id"] = table["article_id"] + "-p001"
    return table.reindex(columns=COLUMNS)


@pytest.fixture
def claims() -> pd.DataFrame:
    return claims_table(ROWS)


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return load_reference(REFERENCE_DIR / "gaza_moh_sample.csv")


def saved_twice(figure_factory, tmp_path, name):
    """Save the chart from two fresh calls; return the CSV text and whether both PNG and CSV match."""
    paths = []
    for run in ("one", "two"):
        figure, data = figure_factory()
        paths.append(save_chart(figure, data, tmp_path / run / name))
    (png1, csv1), (png2, csv2) = paths
    same = png1.read_bytes() == png2.read_bytes() and csv1.read_bytes() == csv2.read_bytes()
    return pd.read_csv(csv1), same


def test_timeline_data_holds_claims_bars_and_reference(claims, reference, tmp_path):
    figure, data = claim_plots.plot_timeline(claims, reference)
    drawn = data.loc[data["layer"] == "claim"].set_index("article_id")
    # "more than 18,600": the bar's upper end is open (drawn as an arrow), not closed at 18,600
    assert drawn.loc["002", "value"] == 18600 and drawn.loc["002", "bar_low"] == 18600
    assert pd.isna(drawn.loc["002", "bar_high"])
    assert drawn.loc["011", ["bar_low", "bar_high"]].tolist() == [17100, 18900]
    ref = data.loc[data["layer"] == "reference"]
    # the reference over the claims' span (2023-12-14..15) and a week either side: 2023-12-12..15 here
    assert ref["value"].tolist() == [18412, 18608, 18787, 18800]
    # one errorbar per outlet (bbc, itv) and one arrow errorbar for itv's open upper end
    containers = figure.axes[0].containers
    assert [list(c.lines[0].get_ydata()) for c in containers[:2]] == [[18000, 18787], [18600]]
    assert len(containers) == 3 and containers[2].lines[0] is None
    reference_line = [line for line in figure.axes[0].lines if line.get_label() == "reference: killed_cum"]
    assert list(reference_line[0].get_ydata()) == [18412, 18608, 18787, 18800]
    saved, same = saved_twice(lambda: claim_plots.plot_timeline(claims, reference), tmp_path, "timeline")
    assert same
    assert saved["value"].tolist() == data["value"].tolist()
    assert saved["layer"].tolist() == data["layer"].tolist()


def test_timeline_clips_an_outlier_with_a_note(claims, reference):
    outlier = claims.iloc[[0]].assign(article_id="099", value=187e6, low=187e6, surface="187 million")
    figure, data = claim_plots.plot_timeline(pd.concat([claims, outlier], ignore_index=True), reference)
    assert data.loc[data["clipped"], "article_id"].tolist() == ["099"]
    # the axis ends just above the largest value drawn otherwise (18,900), not at 187 million
    assert figure.axes[0].get_ylim()[1] < 25_000
    notes = [t.get_text() for t in figure.axes[0].texts]
    assert any("1 claim(s) above the axis" in note and "187,000,000" in note for note in notes)


def test_timeline_draws_an_undated_article_as_its_window(claims, reference):
    undated = claims.iloc[[0]].assign(article_id="000", as_of=pd.NaT, published=pd.NaT, value=25000.0,
                                      bound="upper", low=np.nan, high=25000.0)
    table = pd.concat([claims, undated], ignore_index=True)
    dating = stats.date_from_figures(table, reference)
    _, data = claim_plots.plot_timeline(table, reference, dating=dating)
    window = data.loc[data["layer"] == "window"]
    assert window[["article_id", "date", "date_to", "value"]].values.tolist() == [
        ["000", pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-20"), 25000]]


def test_no_chart_without_data(claims, reference):
    figure, data = claim_plots.plot_timeline(claims, reference, place="lebanon")
    assert data.empty and isinstance(figure, NotDrawn)
    assert figure.sentence == (
        "Cumulative killed claims (lebanon, palestinians) by outlet: not drawn, because there are no dated "
        "claims of this place, outcome and group. It appears when a running total of killed palestinians in "
        "lebanon has a date (its own or its article's) or a window of days from its figures.")
    figure, data = claim_plots.plot_lag(stats.compare_to_reference(claims.iloc[:0], reference))
    assert data.empty and "because there are no compared claims with a lag;" in figure.sentence
    figure, data = claim_plots.plot_discrepancies(stats.find_discrepancies(claims.iloc[:0]))
    assert data.empty and "because there are no two articles that give different values" in figure.sentence
    figure, data = claim_plots.plot_daily_increase(stats.daily_increase(claims.iloc[:0], reference=reference))
    assert data.empty and figure.sentence.startswith("Daily increase per series of claims (median over "
                                                     "independent pairs): not drawn, because there are no series")


def test_lag_chart_of_three_claims_is_a_sentence(claims, reference):
    comparison = stats.compare_to_reference(claims, reference)
    figure, data = claim_plots.plot_lag(comparison)
    # itv "more than 18,600" lag +1; bbc 18,787 on 12-15 -> 12-14, lag +1; bbc "about 18,000" on
    # 12-15 -> 18,412 (12-12) is the nearest day that rounds to the thousand as 18,000: lag +3
    assert data.values.tolist() == [["bbc", 1, 1], ["bbc", 3, 1], ["itv", 1, 1]]
    assert isinstance(figure, NotDrawn)
    assert ("because there are 3 compared claims with a lag in 2 lags; a histogram needs at least 5 compared "
            "claims with a lag in at least 2 different lags.") in figure.sentence
    one = stats.compare_to_reference(claims.iloc[[0]], reference)
    assert "because there is 1 compared claim with a lag, at lag 1;" in claim_plots.plot_lag(one)[0].sentence


def test_lag_chart(reference, tmp_path):
    comparison = stats.compare_to_reference(claims_table(ROWS + MORE_ROWS), reference)
    figure, data = claim_plots.plot_lag(comparison)
    # the three above, and bbc 24,927 on 01-20 (lag 0) and 01-21 (+1), itv 23,469 on 01-12 (+1)
    assert data.values.tolist() == [["bbc", 0, 1], ["bbc", 1, 2], ["bbc", 3, 1], ["itv", 1, 2]]
    bars = sorted((round(p.get_x() + p.get_width() / 2, 2), p.get_height()) for p in figure.axes[0].patches)
    assert bars == [(-0.2, 1), (0.8, 2), (1.2, 2), (2.8, 1)]  # bars 0.4 wide, bbc's and itv's centred on the lag
    assert all(float(tick).is_integer() for tick in figure.axes[0].get_xticks())  # lags are whole days
    saved, same = saved_twice(lambda: claim_plots.plot_lag(comparison), tmp_path, "lag")
    assert same and saved.values.tolist() == data.values.tolist()


def test_rounding_and_bound_charts(claims, tmp_path):
    table = stats.rounding_table(claims)
    _, data = claim_plots.plot_rounding(table)
    assert data["outlet"].tolist() == ["bbc", "itv", "all"]
    assert data["share_rounding_exact"].tolist() == [0.5, 0.0, pytest.approx(1 / 3)]
    assert data["share_rounding_100"].tolist() == [0.0, 1.0, pytest.approx(1 / 3)]
    saved, same = saved_twice(lambda: claim_plots.plot_rounding(table), tmp_path, "rounding")
    assert same and np.allclose(saved["share_rounding_1000_or_more"], data["share_rounding_1000_or_more"])
    figure, bounds = claim_plots.plot_bounds(table)
    assert bounds["share_bound_lower"].tolist() == [0.0, 1.0, pytest.approx(1 / 3)]
    assert [p.get_width() for p in figure.axes[0].patches[:3]] == [0.5, 0.0, pytest.approx(1 / 3)]  # exact


def test_rounding_and_bound_charts_of_one_outlet_are_sentences(claims):
    table = stats.rounding_table(claims.assign(outlet="itv"))
    assert table["outlet"].tolist() == ["itv", "all"]
    figure, data = claim_plots.plot_rounding(table)
    assert isinstance(figure, NotDrawn) and len(data) == 2
    assert figure.sentence == (
        "Share of figures by rounding unit: not drawn, because all figures share one outlet (itv); a chart "
        "comparing outlets needs at least 2 outlets. The shares are in the table.")
    assert isinstance(claim_plots.plot_bounds(table)[0], NotDrawn)


def test_discrepancy_chart(claims, tmp_path):
    discrepancies = stats.find_discrepancies(claims)
    _, data = claim_plots.plot_discrepancies(discrepancies)
    assert sorted(data["value"]) == [18000, 18600, 18787]
    assert set(data["quantity"]) == {"gaza: killed people cumulative 2023-12-14..2023-12-15"}
    saved, same = saved_twice(lambda: claim_plots.plot_discrepancies(discrepancies), tmp_path, "disc")
    assert same and saved["value"].tolist() == data["value"].tolist()


def test_daily_increase_chart(claims, reference, tmp_path):
    summary = stats.daily_increase(claims, seed=3, reference=reference)
    _, data = claim_plots.plot_daily_increase(summary)
    # 12-14: 18,600; 12-15: median(18,787, 18,000) = 18,393.5 -> -206.5 per day, one pair;
    # the official series at the same days: 18,800 - 18,787 = 13
    assert data["label"].tolist() == ["gaza/killed/palestinians/health_ministry"]
    assert data["reported_daily_increase"].tolist() == [-206.5]
    assert data["reference_daily_increase"].tolist() == [13]
    saved, same = saved_twice(lambda: claim_plots.plot_daily_increase(summary), tmp_path, "increase")
    assert same and saved["reference_daily_increase"].tolist() == [13]
    assert same and saved["reported_daily_increase"].tolist() == [-206.5]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_the_discrepancy_chart_draws_the_quantities_most_articles_claim_when_there_are_many():
    # three quantities (one per place); by hand: west_bank has 3 articles, gaza and lebanon 2 each,
    # so with room for two the chart draws west_bank and the smaller id of the tie (gaza, id 1)
    claims = make_claims(
        {"article_id": "a", "as_of": "2023-12-14", "value": 100},
        {"article_id": "b", "as_of": "2023-12-14", "value": 110},
        {"article_id": "c", "as_of": "2023-12-14", "value": 10, "place": "lebanon"},
        {"article_id": "d", "as_of": "2023-12-14", "value": 12, "place": "lebanon"},
        {"article_id": "e", "as_of": "2023-12-14", "value": 5, "place": "west_bank"},
        {"article_id": "f", "as_of": "2023-12-14", "value": 6, "place": "west_bank"},
        {"article_id": "g", "as_of": "2023-12-14", "value": 7, "place": "west_bank"},
    )
    discrepancies = stats.find_discrepancies(claims)
    assert discrepancies["discrepancy_id"].nunique() == 3
    figure, data = claim_plots.plot_discrepancies(discrepancies, max_quantities=2)
    assert data["article_id"].tolist() == ["a", "b", "e", "f", "g"]
    assert figure.axes[0].get_title().endswith("(2 of 3 quantities: those most articles claim)")
    _, everything = claim_plots.plot_discrepancies(discrepancies)
    assert len(everything) == 7
