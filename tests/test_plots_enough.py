"""Tests for newskit.plots.enough (when a chart is drawn), plots.counts, and how a chart not drawn is saved.

The HTML of a chart not drawn is checked on the real sample report (tests/test_report.py).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from newskit import report
from newskit.plots import NotDrawn, charts_not_drawn, enough
from newskit.plots.counts import plot_counts


@pytest.mark.parametrize(("lags", "expected"), [
    ([], "there are no claims; a histogram needs at least 5 claims in at least 2 different lags"),
    ([1], "there is 1 claim, at lag 1; a histogram needs at least 5 claims in at least 2 different lags"),
    ([2, 2, 2, 2, 2, 2], "there are 6 claims, all at lag 2; a histogram needs at least 5 claims in at least 2 "
                         "different lags"),
    ([0, 0, 1, 1], "there are 4 claims in 2 lags; a histogram needs at least 5 claims in at least 2 different lags"),
    ([0, 0, 0, 1, 1], None),
    ([0, 1, 2, 3, 4, None], None),
])
def test_a_histogram_needs_five_values_in_two_bins(lags, expected):
    assert enough.histogram_shortfall(lags, what="claim", bin_name="lag") == expected


@pytest.mark.parametrize(("dates", "expected"), [
    ([None, None], "no unit has a date; a chart over time needs dated units in at least 2 different months"),
    (["2023-12-01"], "the 1 dated unit falls in one month (2023-12); a chart over time needs dated units in at "
                     "least 2 different months"),
    (["2023-12-01", "2023-12-01", None], "all 2 dated units fall in one month (2023-12); a chart over time needs "
                                         "dated units in at least 2 different months"),
    (["2023-12-01", "2024-01-01"], None),
])
def test_a_chart_over_time_needs_two_dates(dates, expected):
    assert enough.time_shortfall(dates, what="unit", period_name="month") == expected


@pytest.mark.parametrize(("groups", "expected"), [
    (["unknown", "all"], "all figures share one outlet (unknown); a chart comparing outlets needs at least 2 outlets"),
    ([None, None], "all figures share one outlet (unknown); a chart comparing outlets needs at least 2 outlets"),
    (["all"], "there are no figures; a chart comparing outlets needs at least 2 outlets"),
    (["bbc", "itv", "all"], None),
])
def test_a_comparison_needs_two_groups_besides_all(groups, expected):
    assert enough.groups_shortfall(groups, what="figure", group_name="outlet") == expected


def test_thresholds_are_the_documented_ones():
    # the module docstring and the sentences readers see quote these numbers
    assert (enough.MIN_HISTOGRAM_VALUES, enough.MIN_BINS, enough.MIN_TIME_POINTS, enough.MIN_GROUPS,
            enough.MIN_POINTS, enough.MIN_MAP_UNITS) == (5, 2, 2, 2, 1, 3)


def test_a_bar_chart_of_one_row_is_a_sentence_and_of_two_rows_a_chart():
    one = pd.DataFrame({"source_type": ["none"], "n": [7]})
    figure, data = plot_counts(one, label="source_type", counts=["n"], title="Figures per kind of source")
    assert isinstance(figure, NotDrawn) and data.equals(one)
    assert figure.sentence == ("Figures per kind of source: not drawn, because there is one source type only "
                               "(none); a chart comparing source types needs at least 2 source types. The counts "
                               "are in the table.")
    two = pd.DataFrame({"source_type": ["none", "health_ministry"], "n": [7, 2]})
    figure, data = plot_counts(two, label="source_type", counts=["n"], title="Figures per kind of source")
    assert sorted(p.get_width() for p in figure.axes[0].patches) == [2, 7]
    plt.close(figure)


def test_show_chart_writes_a_sentence_and_no_png_or_csv_for_a_chart_not_drawn(tmp_path):
    charts = tmp_path / "charts"
    drawn = pd.DataFrame({"source_type": ["none", "un"], "n": [7, 2]})
    report.show_chart(plot_counts(drawn, label="source_type", counts=["n"], title="t"), "by_source",
                      report_dir=str(tmp_path))
    assert sorted(p.name for p in charts.iterdir()) == ["by_source.csv", "by_source.png"]
    assert (charts / "by_source.csv").read_text(encoding="utf-8") == "source_type,n\nnone,7\nun,2\n"
    assert (charts / "by_source.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the same chart name in a later run with one row: the sentence replaces the PNG and CSV
    report.show_chart(plot_counts(drawn.head(1), label="source_type", counts=["n"], title="t"), "by_source",
                      report_dir=str(tmp_path))
    assert sorted(p.name for p in charts.iterdir()) == ["by_source.not_drawn.txt"]
    sentence = ("t: not drawn, because there is one source type only (none); a chart comparing source types "
                "needs at least 2 source types. The counts are in the table.")
    assert charts_not_drawn(charts) == {"by_source": sentence}
    report.show_saved_chart("by_source", report_dir=str(tmp_path))  # the summary page: the sentence, no error
    # and back: drawing it again removes the sentence
    report.show_chart(plot_counts(drawn, label="source_type", counts=["n"], title="t"), "by_source",
                      report_dir=str(tmp_path))
    assert sorted(p.name for p in charts.iterdir()) == ["by_source.csv", "by_source.png"]
