"""Charts of claims and reference series. Each function returns ``(figure, data)``: the matplotlib
Figure and a DataFrame of exactly the numbers drawn; save both with :func:`newskit.plots.save_chart`.

Colours come from a fixed cycle in the order of the sorted labels, so the same input gives the same
PNG bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from newskit.schema import validate_columns
from newskit.stats import BOUND_ORDER, ROUNDING_CATEGORIES, claims_timeline

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
FIGSIZE = (8.0, 4.5)
# Days of axis (and of reference series) drawn either side of the claims on a timeline.
TIMELINE_PAD_DAYS = 7


def _colour(i: int) -> str:
    return COLOURS[i % len(COLOURS)]


def _label(axes: plt.Axes, title: str, xlabel: str, ylabel: str | None, *, legend: bool) -> None:
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    if ylabel is not None:
        axes.set_ylabel(ylabel)
    if legend:
        axes.legend(fontsize="small")


def plot_timeline(claims: pd.DataFrame, reference: pd.DataFrame | None = None, *,
                  outcome: str = "killed", groups: Sequence[str] = ("palestinians", "people"),
                  colour_by: str = "outlet", series: str | None = "killed_cum",
                  log_scale: bool = False) -> tuple[plt.Figure, pd.DataFrame]:
    """Cumulative claims of ``outcome`` for ``groups`` over as_of, intervals as error bars,
    the reference ``series`` drawn as a line over the claims' date span plus a week either side.

    ``data`` columns: layer (``claim`` or ``reference``), label (the ``colour_by`` value or the
    series), date, value, bar_low, bar_high (the error bar's ends; equal to value where the claim's
    interval is open on that side), article_id. Vague claims (no value) are not drawn.
    ``log_scale`` draws the y axis on a log scale (every claim stays on the chart).
    """
    timeline = claims_timeline(claims)
    timeline = timeline.loc[(timeline["outcome"] == outcome) & timeline["group"].isin(groups)
                            & timeline["value"].notna()]
    points = pd.DataFrame({
        "layer": "claim",
        "label": timeline[colour_by].fillna("unknown").astype(str).to_numpy(),
        "date": timeline["as_of"].to_numpy(),
        "value": timeline["value"].astype(float).to_numpy(),
        "bar_low": timeline["low"].astype(float).fillna(timeline["value"]).to_numpy(),
        "bar_high": timeline["high"].astype(float).fillna(timeline["value"]).to_numpy(),
        "article_id": timeline["article_id"].astype(str).to_numpy(),
    })
    parts = [points]
    if len(points):
        # a week either side (or 5% of the span) so a few close claims are not lost on a wide axis
        pad = max(pd.Timedelta(days=TIMELINE_PAD_DAYS), (points["date"].max() - points["date"].min()) * 0.05)
        window = (points["date"].min() - pad, points["date"].max() + pad)
    if reference is not None and series is not None and len(points):
        ref = reference.loc[(reference["series"] == series)
                            & (reference["date"] >= window[0])
                            & (reference["date"] <= window[1])].sort_values("date")
        parts.append(pd.DataFrame({"layer": "reference", "label": series,
                                   "date": ref["date"].to_numpy(),
                                   "value": ref["value"].astype(float).to_numpy(),
                                   "bar_low": ref["value"].astype(float).to_numpy(),
                                   "bar_high": ref["value"].astype(float).to_numpy(),
                                   "article_id": ""}))
    data = pd.concat(parts, ignore_index=True) if len(parts) > 1 else points
    data = data.sort_values(["layer", "label", "date", "value"], kind="stable").reset_index(drop=True)
    figure, axes = plt.subplots(figsize=FIGSIZE)
    claims_drawn = data.loc[data["layer"] == "claim"]
    for i, (label, rows) in enumerate(claims_drawn.groupby("label", sort=True)):
        axes.errorbar(rows["date"], rows["value"],
                      yerr=[rows["value"] - rows["bar_low"], rows["bar_high"] - rows["value"]],
                      fmt="o", color=_colour(i), label=label, capsize=3)
    ref_drawn = data.loc[data["layer"] == "reference"]
    if len(ref_drawn):
        axes.plot(ref_drawn["date"], ref_drawn["value"], color="black", linewidth=1, marker=".",
                  label=f"reference: {series}")
    if len(points):
        axes.set_xlim(*window)
    if log_scale:
        axes.set_yscale("log")
    _label(axes, f"Cumulative {outcome} claims ({', '.join(groups)}) by {colour_by}", "as_of", "people",
           legend=len(data) > 0)
    figure.autofmt_xdate()
    return figure, data


def plot_lag(comparison: pd.DataFrame, *, by: str = "outlet") -> tuple[plt.Figure, pd.DataFrame]:
    """Number of compared claims per lag in days, one bar group per ``by`` value.

    ``data`` columns: ``by``, lag_days, n_claims (claims with no lag found are not drawn).
    """
    validate_columns(comparison, ["lag_days", by], table_name="comparison")
    found = comparison.loc[comparison["lag_days"].notna()]
    data = (found.assign(**{by: found[by].fillna("unknown").astype(str),
                            "lag_days": found["lag_days"].astype(int)})
            .groupby([by, "lag_days"], sort=True).size().rename("n_claims").reset_index())
    figure, axes = plt.subplots(figsize=FIGSIZE)
    labels = sorted(data[by].unique())
    width = 0.8 / max(len(labels), 1)
    for i, label in enumerate(labels):
        rows = data.loc[data[by] == label]
        axes.bar(rows["lag_days"] + i * width, rows["n_claims"], width=width, color=_colour(i),
                 label=label)
    _label(axes, f"Days between as_of and the official value that gives the claim, by {by}",
           "lag_days", "claims", legend=bool(labels))
    return figure, data


def plot_rounding(table: pd.DataFrame, *, by: str = "outlet") -> tuple[plt.Figure, pd.DataFrame]:
    """Stacked bars of the share of figures per rounding unit, one bar per ``by`` value.

    ``data``: ``by``, n_figures and the ``share_rounding_*`` columns of
    :func:`newskit.stats.rounding_table`.
    """
    columns = [f"share_rounding_{c}" for c in ROUNDING_CATEGORIES]
    validate_columns(table, [by, "n_figures", *columns], table_name="rounding")
    return _stacked_shares(table[[by, "n_figures", *columns]].reset_index(drop=True), by, columns,
                           "Share of figures by rounding unit")


def plot_bounds(table: pd.DataFrame, *, by: str = "outlet") -> tuple[plt.Figure, pd.DataFrame]:
    """Stacked bars of the share of figures per bound, one bar per ``by`` value."""
    columns = [f"share_bound_{b}" for b in BOUND_ORDER]
    validate_columns(table, [by, "n_figures", *columns], table_name="rounding")
    return _stacked_shares(table[[by, "n_figures", *columns]].reset_index(drop=True), by, columns,
                           "Share of figures by bound")


def _stacked_shares(data: pd.DataFrame, by: str, columns: list[str], title: str
                    ) -> tuple[plt.Figure, pd.DataFrame]:
    figure, axes = plt.subplots(figsize=FIGSIZE)
    left = np.zeros(len(data))
    for i, column in enumerate(columns):
        shares = data[column].fillna(0).to_numpy(dtype=float)
        axes.barh(data[by].astype(str), shares, left=left, color=_colour(i),
                  label=column.split("_", 2)[2])
        left += shares
    axes.set_xlim(0, 1)
    axes.set_xlabel("share of figures")
    axes.set_title(title)
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.tight_layout()
    return figure, data


def plot_discrepancies(discrepancies: pd.DataFrame) -> tuple[plt.Figure, pd.DataFrame]:
    """Each discrepancy group on its own row, each claimed value a point coloured by outlet.

    ``data`` columns: discrepancy_id, quantity, outlet, article_id, value.
    """
    validate_columns(discrepancies, ["discrepancy_id", "quantity", "outlet", "article_id", "value"],
                     table_name="discrepancies")
    data = discrepancies[["discrepancy_id", "quantity", "outlet", "article_id", "value"]].assign(
        outlet=lambda t: t["outlet"].fillna("unknown").astype(str)).reset_index(drop=True)
    figure, axes = plt.subplots(figsize=(FIGSIZE[0], max(2.5, 0.5 * data["quantity"].nunique() + 1.5)))
    quantities = list(dict.fromkeys(data["quantity"]))
    rows_of = {q: i for i, q in enumerate(quantities)}
    for i, (outlet, rows) in enumerate(data.groupby("outlet", sort=True)):
        axes.scatter(rows["value"], rows["quantity"].map(rows_of), color=_colour(i), label=outlet,
                     zorder=3)
    axes.set_yticks(range(len(quantities)), quantities, fontsize="small")
    axes.set_xscale("log")
    _label(axes, "Claims about the same quantity with different values",
           "claimed value (people, log scale)", None, legend=len(data) > 0)
    figure.tight_layout()
    return figure, data


def plot_daily_increase(summary: pd.DataFrame) -> tuple[plt.Figure, pd.DataFrame]:
    """Reported daily increase per outcome and group with its bootstrap interval.

    ``data`` columns: label (``outcome/group``), reported_daily_increase, ci_low, ci_high.
    """
    validate_columns(summary, ["outcome", "group", "reported_daily_increase", "ci_low", "ci_high"],
                     table_name="daily increase")
    data = pd.DataFrame({"label": summary["outcome"] + "/" + summary["group"],
                         "reported_daily_increase": summary["reported_daily_increase"].astype(float),
                         "ci_low": summary["ci_low"].astype(float),
                         "ci_high": summary["ci_high"].astype(float)}).reset_index(drop=True)
    figure, axes = plt.subplots(figsize=FIGSIZE)
    centre = data["reported_daily_increase"]
    below = (centre - data["ci_low"]).fillna(0)
    above = (data["ci_high"] - centre).fillna(0)
    axes.errorbar(centre, range(len(data)), xerr=[below, above], fmt="o", color=_colour(0), capsize=3)
    axes.set_yticks(range(len(data)), data["label"])
    axes.set_xlabel("reported increase per day (people)")
    axes.set_title("Reported daily increase between successive claims")
    figure.tight_layout()
    return figure, data
