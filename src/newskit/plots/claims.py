"""Charts of claims and reference series. Each function returns ``(figure, data)``: the matplotlib
Figure and a DataFrame of exactly the numbers drawn; save both with :func:`newskit.plots.save_chart`.

Colours come from a fixed cycle in the order of the sorted labels, so the same input gives the same
PNG bytes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from newskit.plots.enough import NotDrawn, groups_shortfall, histogram_shortfall, not_drawn, points_shortfall
from newskit.schema import validate_columns
from newskit.stats import BOUND_ORDER, ROUNDING_CATEGORIES, claims_timeline
from newskit.stats.common import covers

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
FIGSIZE = (8.0, 4.5)
# Days of axis (and of reference series) drawn either side of the claims on a timeline.
TIMELINE_PAD_DAYS = 7
# A claim above this many times the largest value otherwise drawn sits on the top edge, with a note.
CLIP_FACTOR = 3.0
# The discrepancy chart gives each quantity a row: beyond this many it draws those that the most
# articles claim (a large corpus has thousands; every row stays in tables/discrepancies.csv).
MAX_QUANTITIES_DRAWN = 40


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
                  place: str = "gaza", outcome: str = "killed", group: str = "palestinians",
                  dating: pd.DataFrame | None = None, colour_by: str = "outlet",
                  clip_factor: float = CLIP_FACTOR, log_scale: bool = False
                  ) -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """Cumulative claims of one place and quantity over time, and the series of that quantity.

    Claims of ``place`` and ``outcome`` whose group is ``group`` or one it covers
    (:data:`newskit.stats.GROUP_ALIASES`). A claim with an ``as_of`` is a point with its interval
    as a bar; an open end (``lower``: no upper limit; ``upper``: no lower limit) is an arrow. An
    undated article dated by ``dating`` is a horizontal bar over its window (``date``..``date_to``).
    The reference line is the cumulative series of the same place, outcome and group, over the
    claims' span plus a week either side. The y axis ends just above the series (or the claims):
    claims above ``clip_factor`` times the largest value drawn otherwise are drawn as triangles on
    the top edge with their values in a note (``clipped``), unless ``log_scale``.

    ``data`` columns: layer (``claim``, ``window`` or ``reference``), label, date, date_to, value,
    bar_low, bar_high (empty where open), clipped, article_id. With no claim to draw it is not
    drawn (:mod:`newskit.plots.enough`) and ``data`` is empty.
    """
    timeline = claims_timeline(claims, dating=dating)
    timeline = timeline.loc[(timeline["place"] == place) & (timeline["outcome"] == outcome)
                            & timeline["group"].map(lambda g: covers(group, g))
                            & timeline["value"].notna()]
    points = pd.DataFrame({
        "layer": np.where(timeline["date_basis"] == "window", "window", "claim"),
        "label": timeline[colour_by].fillna("unknown").astype(str).to_numpy(),
        "date": timeline["date_from"].to_numpy(),
        "date_to": timeline["date_to"].to_numpy(),
        "value": timeline["value"].astype(float).to_numpy(),
        "bar_low": timeline["low"].astype(float).to_numpy(),
        "bar_high": timeline["high"].astype(float).to_numpy(),
        "clipped": False,
        "article_id": timeline["article_id"].astype(str).to_numpy(),
    })
    title = f"Cumulative {outcome} claims ({place}, {group}) by {colour_by}"
    reason = points_shortfall(len(points), what="dated claims of this place, outcome and group")
    if reason:
        return not_drawn(title, reason, f"It appears when a running total of {outcome} {group} in {place} has a "
                                        "date (its own or its article's) or a window of days from its figures."), points
    # a week either side (or 5% of the span) so a few close claims are not lost on a wide axis
    pad = max(pd.Timedelta(days=TIMELINE_PAD_DAYS), (points["date_to"].max() - points["date"].min()) * 0.05)
    window = (points["date"].min() - pad, points["date_to"].max() + pad)
    parts = [points]
    if reference is not None:
        ref = reference.loc[(reference["place"] == place) & (reference["outcome"] == outcome)
                            & (reference["group"] == group)
                            & (reference.get("scope", "cumulative") == "cumulative")
                            & (reference["date"] >= window[0]) & (reference["date"] <= window[1])]
        series = sorted(ref["series"].unique())
        ref = ref.loc[ref["series"] == series[0]].sort_values("date") if series else ref
        parts.append(pd.DataFrame({"layer": "reference", "label": series[0] if series else "",
                                   "date": ref["date"].to_numpy(), "date_to": ref["date"].to_numpy(),
                                   "value": ref["value"].astype(float).to_numpy(),
                                   "bar_low": ref["value"].astype(float).to_numpy(),
                                   "bar_high": ref["value"].astype(float).to_numpy(),
                                   "clipped": False, "article_id": ""}))
    data = pd.concat(parts, ignore_index=True) if len(parts) > 1 else points
    ref_values = data.loc[data["layer"] == "reference", "value"]
    scale = ref_values.max() if len(ref_values) else data["value"].median()
    if not log_scale and scale > 0:
        data["clipped"] = (data["layer"] != "reference") & (data["value"] > clip_factor * scale)
    data = data.sort_values(["layer", "label", "date", "value"], kind="stable").reset_index(drop=True)
    figure, axes = plt.subplots(figsize=FIGSIZE)
    shown = data.loc[~data["clipped"]]
    top = max(shown["bar_high"].fillna(shown["value"]).max(), shown["value"].max()) * 1.08
    arrow = 0.06 * top
    labels = sorted(data.loc[data["layer"] != "reference", "label"].unique())
    for i, label in enumerate(labels):
        colour = _colour(i)
        rows = shown.loc[(shown["layer"] == "claim") & (shown["label"] == label)]
        low = rows["bar_low"].fillna(rows["value"])
        high = rows["bar_high"].fillna(rows["value"])
        if len(rows):
            axes.errorbar(rows["date"], rows["value"], yerr=[rows["value"] - low, high - rows["value"]],
                          fmt="o", color=colour, label=label, capsize=3)
        up = rows.loc[rows["bar_high"].isna() & rows["bar_low"].notna()]
        if len(up):  # open upper end: an arrow up
            axes.errorbar(up["date"], up["value"], yerr=arrow, lolims=True, fmt="none", color=colour)
        down = rows.loc[rows["bar_low"].isna() & rows["bar_high"].notna()]
        if len(down):  # open lower end: an arrow down
            axes.errorbar(down["date"], down["value"], yerr=arrow, uplims=True, fmt="none", color=colour)
        spans = shown.loc[(shown["layer"] == "window") & (shown["label"] == label)]
        for k, (_, span) in enumerate(spans.iterrows()):
            axes.plot([span["date"], span["date_to"]], [span["value"]] * 2, color=colour, linewidth=4,
                      alpha=0.6, solid_capstyle="butt",
                      label=f"{label} (undated: window)" if k == 0 else None)
        clipped = data.loc[data["clipped"] & (data["label"] == label)]
        if len(clipped):
            axes.plot(clipped["date"], [top] * len(clipped), marker="^", linestyle="none", color=colour)
    ref_drawn = data.loc[data["layer"] == "reference"]
    if len(ref_drawn):
        axes.plot(ref_drawn["date"], ref_drawn["value"], color="black", linewidth=1, marker=".",
                  label=f"reference: {ref_drawn['label'].iloc[0]}")
    axes.set_xlim(*window)
    if log_scale:
        axes.set_yscale("log")
    else:
        axes.set_ylim(0, top * 1.04)
    n_clipped = int(data["clipped"].sum())
    if n_clipped:
        values = ", ".join(f"{v:,.0f}" for v in data.loc[data["clipped"], "value"])
        axes.annotate(f"{n_clipped} claim(s) above the axis (triangles): {values}",
                      xy=(0.01, 0.98), xycoords="axes fraction", va="top", fontsize="small")
    if len(data.loc[data["layer"] == "window"]):
        axes.annotate("horizontal bars: undated articles, the days their figures fit",
                      xy=(0.01, 0.02), xycoords="axes fraction", va="bottom", fontsize="small")
    _label(axes, title, "date", "people", legend=True)
    figure.autofmt_xdate()
    return figure, data


def plot_lag(comparison: pd.DataFrame, *, by: str = "outlet") -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """Number of compared claims per signed lag in days, one bar group per ``by`` value.

    ``data`` columns: ``by``, lag_days, n_claims (only rows with status ``compared`` and a lag;
    positive: the claim quotes an earlier bulletin, negative: it is ahead of the series). With too
    few lags for a histogram it is not drawn (:mod:`newskit.plots.enough`).
    """
    validate_columns(comparison, ["lag_days", "status", by], table_name="comparison")
    found = comparison.loc[(comparison["status"] == "compared") & comparison["lag_days"].notna()]
    data = (found.assign(**{by: found[by].fillna("unknown").astype(str),
                            "lag_days": found["lag_days"].astype(int)})
            .groupby([by, "lag_days"], sort=True).size().rename("n_claims").reset_index())
    title = f"Signed lag: days between the claim and the official value that gives it, by {by}"
    reason = histogram_shortfall(found["lag_days"].astype(int), what="compared claim with a lag",
                                 plural="compared claims with a lag", bin_name="lag")
    if reason:
        return not_drawn(title, reason, "Each claim's lag is in the comparison table (lag_days); more dated "
                                        "claims of a place and quantity with an official series would make "
                                        "the chart appear."), data
    figure, axes = plt.subplots(figsize=FIGSIZE)
    labels = sorted(data[by].unique())
    width = 0.8 / max(len(labels), 1)
    for i, label in enumerate(labels):  # each lag's bars side by side, centred on the lag
        rows = data.loc[data[by] == label]
        axes.bar(rows["lag_days"] + (i - (len(labels) - 1) / 2) * width, rows["n_claims"], width=width,
                 color=_colour(i), label=label)
    axes.axvline(-0.5, color="grey", linewidth=0.8)  # left of it: claims ahead of the series
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # lags are whole days
    _label(axes, title,
           "lag_days (+: an earlier bulletin; -: ahead of the series)", "claims", legend=True)
    return figure, data


def plot_rounding(table: pd.DataFrame, *, by: str = "outlet") -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """Stacked bars of the share of figures per rounding unit, one bar per ``by`` value.

    ``data``: ``by``, n_figures and the ``share_rounding_*`` columns of
    :func:`newskit.stats.rounding_table`. Not drawn with fewer than two ``by`` values besides "all".
    """
    columns = [f"share_rounding_{c}" for c in ROUNDING_CATEGORIES]
    validate_columns(table, [by, "n_figures", *columns], table_name="rounding")
    return _stacked_shares(table[[by, "n_figures", *columns]].reset_index(drop=True), by, columns,
                           "Share of figures by rounding unit")


def plot_bounds(table: pd.DataFrame, *, by: str = "outlet") -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """Stacked bars of the share of figures per bound, one bar per ``by`` value (as :func:`plot_rounding`)."""
    columns = [f"share_bound_{b}" for b in BOUND_ORDER]
    validate_columns(table, [by, "n_figures", *columns], table_name="rounding")
    return _stacked_shares(table[[by, "n_figures", *columns]].reset_index(drop=True), by, columns,
                           "Share of figures by bound")


def _stacked_shares(data: pd.DataFrame, by: str, columns: list[str], title: str
                    ) -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    with_shares = data.loc[data[columns].notna().any(axis=1)]
    reason = groups_shortfall(with_shares[by], what="figure", group_name=by.replace("_", " "))
    if reason:
        return not_drawn(title, reason, "The shares are in the table."), data
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


def plot_discrepancies(discrepancies: pd.DataFrame, *, max_quantities: int = MAX_QUANTITIES_DRAWN
                       ) -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """Each discrepancy group on its own row, each claimed value a point coloured by outlet.

    At most ``max_quantities`` groups: beyond that, those with the most articles (then the smaller
    ``discrepancy_id``), in ``discrepancy_id`` order, and the title says how many of how many.
    ``data`` columns: discrepancy_id, quantity, outlet, article_id, value (the rows drawn).
    """
    validate_columns(discrepancies, ["discrepancy_id", "quantity", "outlet", "article_id", "value"],
                     table_name="discrepancies")
    data = discrepancies[["discrepancy_id", "quantity", "outlet", "article_id", "value"]].assign(
        outlet=lambda t: t["outlet"].fillna("unknown").astype(str)).reset_index(drop=True)
    title = "Claims about the same quantity with different values"
    n_quantities = data["discrepancy_id"].nunique()
    if n_quantities > max_quantities:
        n_articles = data.groupby("discrepancy_id", sort=True)["article_id"].nunique()
        drawn = sorted(n_articles.index, key=lambda key: (-n_articles[key], key))[:max_quantities]
        data = data.loc[data["discrepancy_id"].isin(drawn)].reset_index(drop=True)
        title += f" ({max_quantities} of {n_quantities:,} quantities: those most articles claim)"
    reason = points_shortfall(len(data), what="two articles that give different values for one quantity")
    if reason:
        return not_drawn(title, reason, "It appears when two articles give different values for the same "
                                        "running total of one place, or the toll of one named event."), data
    figure, axes = plt.subplots(figsize=(FIGSIZE[0], max(2.5, 0.5 * data["quantity"].nunique() + 1.5)))
    quantities = list(dict.fromkeys(data["quantity"]))
    rows_of = {q: i for i, q in enumerate(quantities)}
    for i, (outlet, rows) in enumerate(data.groupby("outlet", sort=True)):
        axes.scatter(rows["value"], rows["quantity"].map(rows_of), color=_colour(i), label=outlet,
                     zorder=3)
    axes.set_yticks(range(len(quantities)), quantities, fontsize="small")
    axes.set_xscale("log")
    axes.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    axes.xaxis.set_minor_formatter(NullFormatter())  # minor labels of a log axis overlap
    _label(axes, title,
           "claimed value (people, log scale)", None, legend=len(data) > 0)
    figure.tight_layout()
    return figure, data


def plot_daily_increase(summary: pd.DataFrame) -> tuple[plt.Figure | NotDrawn, pd.DataFrame]:
    """Reported daily increase per series of claims, its bootstrap interval (when there were enough
    independent pairs), and the same estimator on the official series (a cross).

    ``data`` columns: label (``place/outcome/group/source_type``), reported_daily_increase, ci_low,
    ci_high, reference_daily_increase. With no series of claims it is not drawn.
    """
    validate_columns(summary, ["place", "outcome", "group", "source_type", "reported_daily_increase",
                               "ci_low", "ci_high", "reference_daily_increase"],
                     table_name="daily increase")
    data = pd.DataFrame({
        "label": (summary["place"] + "/" + summary["outcome"] + "/" + summary["group"] + "/"
                  + summary["source_type"]),
        "reported_daily_increase": summary["reported_daily_increase"].astype(float),
        "ci_low": summary["ci_low"].astype(float),
        "ci_high": summary["ci_high"].astype(float),
        "reference_daily_increase": summary["reference_daily_increase"].astype(float),
    }).reset_index(drop=True)
    title = "Daily increase per series of claims (median over independent pairs)"
    reason = points_shortfall(len(data), what="series of claims (one place, outcome, group and kind of source) "
                                               "with claims on two different days")
    if reason:
        return not_drawn(title, reason, "It appears when one place and quantity is claimed, from one kind of "
                                        "source, on at least two dates."), data
    figure, axes = plt.subplots(figsize=(FIGSIZE[0], max(2.5, 0.45 * len(data) + 1.5)))
    centre = data["reported_daily_increase"]
    below = (centre - data["ci_low"]).fillna(0)
    above = (data["ci_high"] - centre).fillna(0)
    axes.errorbar(centre, range(len(data)), xerr=[below, above], fmt="o", color=_colour(0), capsize=3,
                  label="claims (bar: bootstrap interval, when enough pairs)")
    official = data["reference_daily_increase"]
    if official.notna().any():
        axes.plot(official, range(len(data)), marker="x", linestyle="none", color="black",
                  label="official series, same days")
    axes.set_yticks(range(len(data)), data["label"], fontsize="small")
    axes.set_xlabel("increase per day (people)")
    axes.set_title(title, fontsize="medium")
    axes.legend(fontsize="small")
    figure.tight_layout()
    return figure, data
