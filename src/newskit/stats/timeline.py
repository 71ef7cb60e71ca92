"""Claims over time and reported daily increases, within one series of claims at a time.

* **A series of claims** is the cumulative claims of one (place, outcome, group, scope,
  source_type) (``SERIES_KEY``): one quantity as one kind of source reports it. Claims of place
  ``unknown``, subsets (a ``parent``), vague and undated claims are not in any series. Nothing is
  pooled across series: no median, rate or interval mixes two quantities.
* **Independent pairs.** The claim days of a series are paired in date order without sharing a day
  ((d1, d2), (d3, d4), ...; an odd last day is left out), so no claim is in two pairs. On a day with
  several claims of the series, the day's value is their median (one quantity, one kind of source).
  The pair's rate is its increase divided by the days between.
* **Estimator**: the median of the pairs' rates. With ``reference``, the same estimator on the
  official series of the same place and quantity at the same pairs of days
  (``reference_daily_increase``; empty when a day has no official value).
* **Bootstrap** only with at least ``MIN_INDEPENDENT_PAIRS`` (5) pairs: below that the interval is
  empty and ``interval_note`` says "too few independent pairs".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newskit.errors import ParameterError
from newskit.stats.common import (
    UNKNOWN_PLACE,
    check_claims,
    covers,
    cumulative_series,
    empty,
    people,
    warn,
)

SERIES_KEY = ["place", "outcome", "group", "scope", "source_type"]
MIN_INDEPENDENT_PAIRS = 5
TIMELINE_COLUMNS = ["place", "outcome", "group", "source_type", "outlet", "article_id", "surface",
                    "bound", "value", "low", "high", "date_basis", "date_from", "date_to"]
PAIR_COLUMNS = [*SERIES_KEY, "from_date", "to_date", "days", "from_value", "to_value", "increase",
                "reported_daily_increase", "reference_from_value", "reference_to_value",
                "reference_daily_increase"]
INCREASE_COLUMNS = [*SERIES_KEY, "n_claims", "n_pairs", "first_date", "last_date",
                    "reported_daily_increase", "ci_low", "ci_high", "interval_note",
                    "reference_daily_increase"]


def claims_timeline(claims: pd.DataFrame, *, scope: str = "cumulative",
                    dating: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims of people of one ``scope`` with their date: ``as_of``, or for an undated article the
    window ``dating`` gives it (``date_basis`` ``window``, ``date_from``..``date_to``).

    Columns ``TIMELINE_COLUMNS``, sorted by place, outcome, group, date, source_type, outlet.
    Claims with neither are left out with a NewskitWarning.
    """
    claims = check_claims(claims, ["as_of", "outcome", "group", "source_type", "outlet", "article_id",
                                   "surface", "bound", "value", "low", "high", "scope", "unit", "place"])
    chosen = people(claims).loc[lambda t: t["scope"] == scope].copy()
    chosen["date_basis"] = np.where(chosen["as_of"].notna(), "as_of", "none")
    chosen["date_from"] = chosen["as_of"].dt.normalize()
    chosen["date_to"] = chosen["date_from"]
    if dating is not None and len(dating):
        windows = dating.loc[dating["earliest"].notna()].set_index("article_id")
        undated = chosen["as_of"].isna() & chosen["article_id"].isin(windows.index)
        chosen.loc[undated, "date_basis"] = "window"
        chosen.loc[undated, "date_from"] = chosen.loc[undated, "article_id"].map(windows["earliest"])
        chosen.loc[undated, "date_to"] = chosen.loc[undated, "article_id"].map(windows["latest"])
    missing = chosen["date_basis"] == "none"
    if missing.any():
        warn(f"claims_timeline: {int(missing.sum())} {scope} claim(s) have no as_of date and no "
             "dating window; left out")
    table = chosen.loc[~missing, TIMELINE_COLUMNS]
    table = table.assign(date_from=pd.to_datetime(table["date_from"]),
                         date_to=pd.to_datetime(table["date_to"]))
    return (table.sort_values(["place", "outcome", "group", "date_from", "source_type", "outlet",
                               "article_id"], kind="stable")
            .reset_index(drop=True))


def _series_of_claims(claims: pd.DataFrame) -> pd.DataFrame:
    claims = check_claims(claims, ["as_of", "value", "bound", "scope", "unit", *SERIES_KEY])
    chosen = people(claims).loc[lambda t: (t["scope"] == "cumulative") & t["as_of"].notna()
                                & t["value"].notna() & (t["bound"] != "vague")
                                & (t["place"] != UNKNOWN_PLACE)]
    if "parent" in chosen.columns:
        chosen = chosen.loc[chosen["parent"].isna()]
    return chosen.assign(source_type=chosen["source_type"].fillna("none"),
                         day=chosen["as_of"].dt.normalize())


def _reference_lookup(series_list: list | None, key: dict) -> dict[pd.Timestamp, float] | None:
    """The official value by day of the first cumulative series covering ``key`` (None: no such series)."""
    for place, _series, outcome, group, rows in series_list or ():
        if place == key["place"] and outcome == key["outcome"] and covers(group, key["group"]):
            return dict(zip(rows["date"], rows["value"].astype(float).tolist(), strict=True))
    return None


def successive_increases(claims: pd.DataFrame, *, reference: pd.DataFrame | None = None
                         ) -> pd.DataFrame:
    """The independent pairs of each series of claims (module docstring), one row per pair.

    Columns ``PAIR_COLUMNS``; the ``reference_*`` columns are empty without ``reference`` or when the
    series has no value on a day.
    """
    chosen = _series_of_claims(claims)
    daily = chosen.groupby([*SERIES_KEY, "day"], sort=True)["value"].median().reset_index()
    series_list = cumulative_series(reference) if reference is not None else None
    rows = []
    for key_values, days in daily.groupby(SERIES_KEY, sort=True):
        key = dict(zip(SERIES_KEY, key_values, strict=True))
        official = _reference_lookup(series_list, key) or {}
        dates, values = days["day"].tolist(), days["value"].tolist()
        for i in range(0, len(days) - 1, 2):
            (day_a, day_b), (value_a, value_b) = dates[i:i + 2], values[i:i + 2]
            n_days = (day_b - day_a).days
            ref_a, ref_b = official.get(day_a, np.nan), official.get(day_b, np.nan)
            rows.append({**key, "from_date": day_a, "to_date": day_b, "days": n_days,
                         "from_value": value_a, "to_value": value_b,
                         "increase": value_b - value_a,
                         "reported_daily_increase": (value_b - value_a) / n_days,
                         "reference_from_value": ref_a, "reference_to_value": ref_b,
                         "reference_daily_increase": (ref_b - ref_a) / n_days})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS) if rows else empty(PAIR_COLUMNS)


def daily_increase(claims: pd.DataFrame, *, n_boot: int = 2000, seed: int = 0, level: float = 0.95,
                   reference: pd.DataFrame | None = None,
                   min_pairs: int = MIN_INDEPENDENT_PAIRS) -> pd.DataFrame:
    """Reported daily increase per series of claims, the same estimator on the official series,
    and a seeded bootstrap interval when there are at least ``min_pairs`` independent pairs.

    ``reported_daily_increase``: median of the independent pairs' rates
    (:func:`successive_increases`). ``ci_low``/``ci_high``: the ``(1 - level) / 2`` and
    ``(1 + level) / 2`` quantiles of that median over ``n_boot`` resamples of the pairs with
    replacement, drawn from ``numpy.random.default_rng(seed)`` series by series in sorted order.
    ``reference_daily_increase``: median of the official series' rates over the same pairs of days
    (empty when any of those days has no official value). Series of claims with fewer than one
    pair (a single day) get no row. Columns ``INCREASE_COLUMNS``.
    """
    if n_boot < 1 or not 0 < level < 1 or min_pairs < 2:
        raise ParameterError(f"daily_increase: n_boot={n_boot} must be >= 1, level={level} within "
                             f"(0, 1), min_pairs={min_pairs} >= 2")
    chosen = _series_of_claims(claims)
    pairs = successive_increases(claims, reference=reference)
    n_claims = chosen.groupby(SERIES_KEY, sort=True).size()
    rng = np.random.default_rng(seed)
    rows = []
    for key_values, group in pairs.groupby(SERIES_KEY, sort=True):
        rates = group["reported_daily_increase"].to_numpy(float)
        official = group["reference_daily_increase"].to_numpy(float)
        row = {**dict(zip(SERIES_KEY, key_values, strict=True)),
               "n_claims": int(n_claims.get(key_values, 0)), "n_pairs": len(group),
               "first_date": group["from_date"].min(), "last_date": group["to_date"].max(),
               "reported_daily_increase": float(np.median(rates)), "ci_low": np.nan,
               "ci_high": np.nan, "interval_note": "",
               "reference_daily_increase": (float(np.median(official))
                                            if len(official) and not np.isnan(official).any()
                                            else np.nan)}
        if len(group) >= min_pairs:
            picks = rng.integers(0, len(group), size=(n_boot, len(group)))
            medians = np.median(rates[picks], axis=1)
            row["ci_low"], row["ci_high"] = np.quantile(medians, [(1 - level) / 2, (1 + level) / 2])
        else:
            row["interval_note"] = f"too few independent pairs ({len(group)} < {min_pairs})"
        rows.append(row)
    return pd.DataFrame(rows, columns=INCREASE_COLUMNS) if rows else empty(INCREASE_COLUMNS)
