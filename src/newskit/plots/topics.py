"""Charts of topic models: top terms per topic, prevalence over time or by outlet, a map of passages.

Each function returns ``(figure, data)``: the matplotlib Figure and a DataFrame of exactly the
numbers drawn; save both with :func:`newskit.plots.save_chart`. Topic ``k`` always has colour
``k`` of matplotlib's ``tab20`` cycle; passages no topic explains well are grey.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from newskit.plots.enough import NotDrawn, groups_shortfall, map_shortfall, not_drawn, time_shortfall
from newskit.schema import validate_columns
from newskit.topics.tables import MAP_COLUMNS, NO_TOPIC

UNEXPLAINED_COLOUR = "#9a9a9a"
PANEL_SIZE = (3.2, 2.4)
MAP_SIZE = (8.0, 6.0)
LINE_SIZE = (9.0, 4.5)


def topic_colour(topic: int) -> str:
    """The colour of a topic in every chart (grey for -1, unexplained)."""
    if topic == NO_TOPIC:
        return UNEXPLAINED_COLOUR
    return plt.get_cmap("tab20")(topic % 20)


def plot_top_terms(terms: pd.DataFrame, *, n_columns: int = 4) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per topic: its heaviest terms as horizontal bars (weights as in ``components_``).

    ``terms`` is a model's ``top_terms(n)`` table (the topic stage's ``terms``).
    Data: topic, topic_label, rank, term, weight (one row per bar).
    """
    validate_columns(terms, ["topic", "topic_label", "rank", "term", "weight"], table_name="top terms")
    data = terms[["topic", "topic_label", "rank", "term", "weight"]]
    n_topics = int(data["topic"].max()) + 1 if len(data) else 0
    n = int(data["rank"].max()) if len(data) else 0
    n_columns = max(1, min(n_columns, n_topics))
    n_rows = math.ceil(n_topics / n_columns)
    figure, axes = plt.subplots(
        n_rows, n_columns, figsize=(PANEL_SIZE[0] * n_columns, PANEL_SIZE[1] * n_rows), squeeze=False
    )
    for topic, panel in enumerate(axes.flat):
        if topic >= n_topics:
            panel.set_axis_off()
            continue
        rows = data[data["topic"] == topic].sort_values("rank", ascending=False)
        panel.barh(rows["term"], rows["weight"], color=topic_colour(topic))
        panel.set_title(f"topic {topic}", fontsize="medium")
        panel.tick_params(axis="both", labelsize="small")
    figure.suptitle(f"Top {n} terms of each topic")
    figure.tight_layout()
    return figure, data.reset_index(drop=True)


def plot_prevalence(prevalence_table: pd.DataFrame, *, period_name: str = "period"
                    ) -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """Share of units per topic over time (one line per topic) or by outlet (stacked bars).

    ``prevalence_table`` comes from :func:`newskit.topics.prevalence`; ``period_name`` names its bins
    in sentences ("month", "week"). Over time, undated units are left out of the lines and counted in
    the title; the data holds only the points drawn, and the axis spans them (half a bin either
    side). Not drawn with dated units in fewer than two bins, or units of fewer than two outlets
    (:mod:`newskit.plots.enough`).
    """
    by = "period" if "period" in prevalence_table.columns else "outlet"
    validate_columns(prevalence_table, [by, "topic", "topic_label", "n_units", "share"], table_name="prevalence")
    table = prevalence_table
    if by == "period":
        undated = int(table.loc[table["period"].isna(), "n_units"].sum())
        data = table[table["period"].notna()].reset_index(drop=True)
        title = "Share of units per topic over time"
        reason = time_shortfall(data["period"].repeat(data["n_units"]), what="unit", period_name=period_name)
        if reason:
            undated_note = f" {undated:,} undated units are left out." if undated else ""
            return not_drawn(title, reason, "The shares are in the table." + undated_note), data
        figure, axes = plt.subplots(figsize=LINE_SIZE)
        for topic, rows in data.groupby("topic", sort=True):
            axes.plot(rows["period"], rows["share"], marker="o", markersize=3, color=topic_colour(topic),
                      linestyle="--" if topic == NO_TOPIC else "-", label=f"{topic}: {rows['topic_label'].iloc[0]}")
        periods = pd.Series(sorted(data["period"].unique()))
        half_bin = periods.diff().min() / 2
        axes.set_xlim(periods.iloc[0] - half_bin, periods.iloc[-1] + half_bin)
        axes.set_xlabel(f"{period_name} start")
        axes.set_title(title + (f" ({undated} undated units not shown)" if undated else ""))
    else:
        data = table.reset_index(drop=True)
        reason = groups_shortfall(data.loc[data["n_units"] > 0, "outlet"], what="unit", group_name="outlet")
        if reason:
            return not_drawn("Share of units per topic, by outlet", reason, "The shares are in the table."), data
        outlets = list(dict.fromkeys(data["outlet"]))
        figure, axes = plt.subplots(figsize=LINE_SIZE)
        left = np.zeros(len(outlets))
        for topic, rows in data.groupby("topic", sort=True):
            share = rows.set_index("outlet")["share"].reindex(outlets).fillna(0.0).to_numpy()
            axes.barh(outlets, share, left=left, color=topic_colour(topic),
                      label=f"{topic}: {rows['topic_label'].iloc[0]}")
            left += share
        axes.set_xlabel("share of the outlet's units")
        axes.set_title("Share of units per topic, by outlet")
    axes.set_ylabel("share of units" if by == "period" else "")
    if len(data):
        axes.legend(fontsize="x-small", loc="center left", bbox_to_anchor=(1.0, 0.5))
    figure.tight_layout()
    return figure, data


def plot_passage_map(points: pd.DataFrame, *, n_terms: int) -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """A 2-D map of the units: the first two SVD components of the model's term matrix, coloured by topic.

    ``points`` comes from :func:`newskit.topics.unit_map` (the topic stage's ``map``), one row per
    unit; ``n_terms`` is the size of the model's vocabulary. Unexplained units are grey.
    Data: unit_id, topic, topic_label, explained, x, y (one row per point). Not drawn (``data``
    empty) with fewer than 3 units or terms.
    """
    validate_columns(points, MAP_COLUMNS, table_name="unit map")
    reason = map_shortfall(len(points), n_terms)
    if reason:
        return not_drawn("Units on the first two SVD components of the term matrix", reason,
                         "More units (a finer topic_unit or more articles) would make it appear."), pd.DataFrame(
                             columns=MAP_COLUMNS)
    data = points[MAP_COLUMNS].reset_index(drop=True)
    shown_topic = np.where(data["explained"], data["topic"], NO_TOPIC)
    figure, axes = plt.subplots(figsize=MAP_SIZE)
    for topic in sorted(set(shown_topic.tolist())):
        points = data[shown_topic == topic]
        label = "unexplained" if topic == NO_TOPIC else f"{topic}: {points['topic_label'].iloc[0]}"
        axes.scatter(points["x"], points["y"], s=10, color=topic_colour(topic), label=label,
                     alpha=0.5 if topic == NO_TOPIC else 0.8)
    axes.set_xlabel("component 1")
    axes.set_ylabel("component 2")
    axes.set_title("Units on the first two SVD components of the term matrix")
    axes.legend(fontsize="x-small", loc="center left", bbox_to_anchor=(1.0, 0.5))
    figure.tight_layout()
    return figure, data
