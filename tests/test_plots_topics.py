"""Tests for newskit.plots.topics: each chart returns its figure and exactly the numbers it draws."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from newskit import topics
from newskit.plots import NotDrawn, save_chart
from newskit.plots.topics import plot_passage_map, plot_prevalence, plot_top_terms, topic_colour

TEXTS = (
    ["the hostages were released by the captors and the families waited at the border crossing"] * 6
    + ["voters in michigan chose the senate candidate after the debate on the campaign trail"] * 6
    + ["the hospital ran out of fuel and the doctors treated patients in the corridors"] * 6
)


@pytest.fixture(scope="module")
def fitted():
    passages = pd.DataFrame(
        {"article_id": [f"a{i % 4}" for i in range(len(TEXTS))], "passage_id": [f"p{i}" for i in range(len(TEXTS))],
         "text": TEXTS}
    )
    model = topics.TopicModel(3, min_df=2, max_df=0.5).fit(passages["text"])
    assignments = topics.assign_topics(model, topics.make_units(passages))
    return model, assignments


def test_top_terms_chart(fitted, tmp_path):
    model, _ = fitted
    figure, data = plot_top_terms(model.top_terms(4))
    assert list(data.columns) == ["topic", "topic_label", "rank", "term", "weight"]
    assert len(data) == 3 * 4
    bars = [patch for axes in figure.axes for patch in axes.patches]
    assert sorted(bar.get_width() for bar in bars) == pytest.approx(sorted(data["weight"]))
    png_path, csv_path = save_chart(figure, data, tmp_path / "top_terms")
    assert png_path.stat().st_size > 0
    assert pd.read_csv(csv_path)["term"].tolist() == data["term"].tolist()


def test_prevalence_chart_over_time_leaves_out_undated_units(fitted):
    _, assignments = fitted
    articles = pd.DataFrame({"article_id": ["a0", "a1", "a2", "a3"],
                             "published": pd.to_datetime(["2023-10-09", "2023-11-02", "2023-11-20", None])})
    table = topics.prevalence(assignments, by="month", articles=articles)
    figure, data = plot_prevalence(table)
    assert data["period"].notna().all()
    assert len(data) == len(table) - table["period"].isna().sum()
    assert "undated units not shown" in figure.axes[0].get_title()
    points = sum(len(line.get_xdata()) for line in figure.axes[0].get_lines())
    assert points == len(data)
    # the axis spans the two months drawn and half the shortest gap between them either side (15.5 days)
    low, high = (pd.Timestamp(plt.matplotlib.dates.num2date(x)).tz_localize(None) for x in figure.axes[0].get_xlim())
    assert (low, high) == (pd.Timestamp("2023-09-15 12:00"), pd.Timestamp("2023-11-16 12:00"))
    plt.close(figure)


def test_prevalence_chart_of_one_month_is_a_sentence(fitted):
    _, assignments = fitted
    # a0 and a1 in December 2023 (units 0,1,4,5,8,...: 10 of 18), a2 and a3 undated
    articles = pd.DataFrame({"article_id": ["a0", "a1", "a2", "a3"],
                             "published": pd.to_datetime(["2023-12-01", "2023-12-31", None, None])})
    table = topics.prevalence(assignments, by="month", articles=articles)
    figure, data = plot_prevalence(table, period_name="month")
    assert isinstance(figure, NotDrawn)
    assert data["period"].unique().tolist() == [pd.Timestamp("2023-12-01")] and data["n_units"].sum() == 10
    assert figure.sentence == (
        "Share of units per topic over time: not drawn, because all 10 dated units fall in one month "
        "(2023-12); a chart over time needs dated units in at least 2 different months. The shares are in "
        "the table. 8 undated units are left out.")


def test_prevalence_chart_by_outlet(fitted):
    _, assignments = fitted
    table = topics.prevalence(assignments.assign(outlet=["BBC", "CNN"] * 9), by="outlet")
    figure, data = plot_prevalence(table)
    widths = [patch.get_width() for patch in figure.axes[0].patches]
    assert sum(widths) == pytest.approx(2.0)  # two outlets, shares add up to 1 each
    assert len(data) == len(table)
    plt.close(figure)


def test_prevalence_chart_of_an_undated_corpus_is_a_sentence(fitted):
    _, assignments = fitted
    table = topics.prevalence(assignments.assign(published=pd.NaT), by="month")
    figure, data = plot_prevalence(table, period_name="month")
    assert data.empty and isinstance(figure, NotDrawn)
    assert "because no unit has a date; a chart over time needs dated units in at least 2" in figure.sentence
    assert figure.sentence.endswith("18 undated units are left out.")


def test_prevalence_chart_of_one_outlet_is_a_sentence(fitted):
    _, assignments = fitted
    figure, _ = plot_prevalence(topics.prevalence(assignments.assign(outlet="BBC"), by="outlet"))
    assert "because all units share one outlet (BBC)" in figure.sentence


def test_passage_map(fitted):
    model, assignments = fitted
    figure, data = plot_passage_map(topics.unit_map(model, assignments), n_terms=len(model.terms_))
    assert list(data.columns) == ["unit_id", "topic", "topic_label", "explained", "x", "y"]
    assert len(data) == len(assignments)
    offsets = [collection.get_offsets() for collection in figure.axes[0].collections]
    assert sum(len(o) for o in offsets) == len(data)
    plt.close(figure)


def test_passage_map_of_two_units_is_a_sentence(fitted):
    model, assignments = fitted
    points = topics.unit_map(model, assignments.head(2))
    assert len(points) == 2 and points[["x", "y"]].isna().all().all()  # two components need three units
    figure, data = plot_passage_map(points, n_terms=len(model.terms_))
    assert data.empty and isinstance(figure, NotDrawn)
    assert "because there are 2 units and" in figure.sentence and "needs at least 3 of each" in figure.sentence


def test_charts_are_byte_identical_across_runs(fitted, tmp_path):
    model, _ = fitted
    first = save_chart(*plot_top_terms(model.top_terms(8)), tmp_path / "one")
    second = save_chart(*plot_top_terms(model.top_terms(8)), tmp_path / "two")
    assert first[0].read_bytes() == second[0].read_bytes()
    assert first[1].read_bytes() == second[1].read_bytes()


@pytest.mark.parametrize(("topic", "expected"), [(-1, "#9a9a9a"), (0, plt.get_cmap("tab20")(0)),
                                                 (21, plt.get_cmap("tab20")(1))])
def test_topic_colour(topic, expected):
    assert topic_colour(topic) == expected
