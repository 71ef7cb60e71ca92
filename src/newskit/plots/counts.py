"""Bar charts of counts per category (passages per article, figures per kind of source)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from newskit.plots.enough import NotDrawn, groups_shortfall, not_drawn

# Bars a bar chart draws at most (one per row of its table).
MAX_BARS = 60


def plot_counts(table: pd.DataFrame, *, label: str, counts: list[str], title: str
                ) -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """A horizontal bar chart of the ``counts`` columns, one bar group per row, named by ``label``.

    At most :data:`MAX_BARS` rows are drawn (the first ones; the title says so): a chart of 20,000
    articles would be a figure hundreds of metres tall. ``data`` is exactly the rows drawn. With
    fewer than two rows it is not drawn (:mod:`newskit.plots.enough`).
    """
    data = table[[label, *counts]].head(MAX_BARS).reset_index(drop=True)
    reason = groups_shortfall(data[label], group_name=label.replace("_", " "))
    if reason:
        return not_drawn(title, reason, "The counts are in the table."), data
    if len(table) > MAX_BARS:
        title = f"{title} (first {MAX_BARS} of {len(table):,})"
    figure, axes = plt.subplots(figsize=(7, 0.45 * len(data) + 1.4))
    data.set_index(label)[counts].iloc[::-1].plot.barh(ax=axes, width=0.8)
    axes.set_title(title)
    axes.set_ylabel("")
    figure.tight_layout()
    return figure, data
