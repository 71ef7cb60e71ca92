"""Claims beside the official series of the same quantity: agreement, signed lag, dating.

Definitions (the README's statistics section says the same, once):

* **Like with like.** A cumulative claim of people is compared with a cumulative reference series
  only when place, outcome and group class match: the series' ``place`` equals the claim's, its
  ``outcome`` equals the claim's, and its ``group`` is the claim's group or covers it
  (``GROUP_ALIASES``: a ``palestinians`` series of a place also covers ``people`` there). Percent
  figures, incident and period claims are not in the comparison.
* **Status** of each claim (``STATUSES``): ``compared`` (the series has a value on the claim's
  day); ``dated_by_window`` (an undated article dated by :func:`date_from_figures`: the claim's date
  is that window, shown as ``date_from``..``date_to``, and no agreement is computed, because the
  window was found by the claim itself); ``not_covered`` (a series of its quantity exists but has
  no value on its day: never counted as a disagreement); ``no_series`` (no series for this
  place/quantity, e.g. place ``unknown``, or Lebanon with only Gaza series loaded); ``undated``.
* **The claim's day** is its ``as_of``.
* **agrees_on_day**: the official value of the claim's day lies inside the interval the claim's
  words allow (``low <= official <= high``; an empty end is open). A lower bound ("more than
  18,600") agrees with every larger value, so read it with the lag.
* **Signed lag**: among the days within ``window_days`` before or after the claim's day whose
  official value *gives* the claim (the rounding rule of :mod:`newskit.stats.rounding`), the
  nearest one; ``lag_days`` = claim day minus that day. Positive: the claim quotes an earlier
  bulletin ("more than 18,600" on 14 December, given by 18,608 of 13 December: +1); negative: the
  claim is ahead of the series (the series reached its figure later); on a tie the earlier day is
  taken. Empty when no day within the window gives it, and for vague claims.
* **agrees_within_window**: a lag was found (empty for vague claims).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd

from newskit.errors import ParameterError
from newskit.stats.common import (
    check_claims,
    check_reference,
    covers,
    cumulative,
    cumulative_series,
    empty,
)
from newskit.stats.rounding import official_gives_claim

GroupBy = Literal["outlet", "source_type", "place"]
STATUSES = ("compared", "dated_by_window", "not_covered", "no_series", "undated")
COMPARISON_COLUMNS = [
    "status", "article_id", "passage_id", "outlet", "source_type", "place", "outcome", "group",
    "surface", "bound", "value", "low", "high", "date_basis", "date_from", "date_to", "series",
    "series_place", "series_outcome", "series_group", "reference_date", "reference_value",
    "reference_filled", "difference", "agrees_on_day", "lag_days", "lag_date", "lag_reference_value",
    "agrees_within_window",
]
DATING_COLUMNS = ["article_id", "earliest", "latest", "n_figures", "n_days"]


def _claim_dates(claims: pd.DataFrame, dating: pd.DataFrame | None) -> pd.DataFrame:
    """date_basis (``as_of``, ``window`` or ``none``), date_from, date_to for each claim."""
    basis = pd.Series("none", index=claims.index, dtype=object)
    date_from = pd.Series(pd.NaT, index=claims.index, dtype="datetime64[ns]")
    date_to = date_from.copy()
    has_as_of = claims["as_of"].notna()
    basis[has_as_of] = "as_of"
    date_from[has_as_of] = claims.loc[has_as_of, "as_of"].dt.normalize()
    date_to[has_as_of] = date_from[has_as_of]
    if dating is not None and len(dating):
        windows = dating.loc[dating["earliest"].notna()].set_index("article_id")
        in_window = ~has_as_of & claims["article_id"].isin(windows.index)
        basis[in_window] = "window"
        date_from[in_window] = pd.to_datetime(claims.loc[in_window, "article_id"].map(windows["earliest"]))
        date_to[in_window] = pd.to_datetime(claims.loc[in_window, "article_id"].map(windows["latest"]))
    return pd.DataFrame({"date_basis": basis, "date_from": date_from, "date_to": date_to})


def _lag(day: pd.Timestamp, dates: np.ndarray, values: np.ndarray, claim: pd.Series,
         window_days: int) -> tuple[int | None, pd.Timestamp | None, float | None]:
    """(lag_days, lag_date, official value) of the nearest day within the window giving the claim."""
    if claim["bound"] == "vague" or pd.isna(claim["value"]):
        return None, None, None
    offsets = (day.to_datetime64() - dates) / np.timedelta64(1, "D")
    gives = official_gives_claim(values, claim) & (np.abs(offsets) <= window_days)
    if not gives.any():
        return None, None, None
    candidates = np.flatnonzero(gives)
    # nearest first; on a tie the earlier day (the positive lag)
    best = min(candidates, key=lambda i: (abs(offsets[i]), -offsets[i]))
    return int(offsets[best]), pd.Timestamp(dates[best]), float(values[best])


def compare_to_reference(claims: pd.DataFrame, reference: pd.DataFrame, *, window_days: int = 14,
                         dating: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each cumulative claim of people beside the reference series of its quantity.

    One row per claim and matching series, and one row per claim with no matching series
    (``status`` ``no_series``, series columns empty); columns ``COMPARISON_COLUMNS``. ``dating``
    (the table of :func:`date_from_figures`) gives undated articles their window. See the module
    docstring for status, agrees_on_day, the signed lag and agrees_within_window. ``difference`` is
    claim ``value`` minus the official value of its day. Rows are sorted by date, article, series.
    An empty claims table gives an empty table with these columns.
    """
    claims = check_claims(claims, ["article_id", "as_of", "value", "low", "high", "bound", "outcome",
                                   "group", "scope", "unit", "place"])
    reference = check_reference(reference)
    if window_days < 0:
        raise ParameterError(f"compare_to_reference: window_days={window_days} must be >= 0")
    chosen = cumulative(claims)
    dates = _claim_dates(chosen, dating)
    series_list = cumulative_series(reference)
    filled_of = {}
    matching_of: dict[tuple, list] = {}
    rows = []
    fields = ["place", "outcome", "group", "bound", "value", "low", "high"]
    for index, basis, date_from, date_to, *values in zip(
            chosen.index, dates["date_basis"], dates["date_from"].tolist(), dates["date_to"].tolist(),
            *(chosen[f].tolist() for f in fields), strict=True):
        claim = dict(zip(fields, values, strict=True))
        quantity = (claim["place"], claim["outcome"], claim["group"])
        if quantity not in matching_of:
            matching_of[quantity] = [s for s in series_list if s[0] == claim["place"] and s[2] == claim["outcome"]
                                     and covers(s[3], claim["group"])]
        matching = matching_of[quantity]
        base = {"row": index, "date_basis": basis, "date_from": date_from, "date_to": date_to}
        if not matching:
            rows.append({**base, "status": "no_series"})
            continue
        for place, series, outcome, group, ref in matching:
            row = {**base, "series": series, "series_place": place, "series_outcome": outcome,
                   "series_group": group}
            if basis == "none":
                rows.append({**row, "status": "undated"})
                continue
            if basis == "window":
                rows.append({**row, "status": "dated_by_window"})
                continue
            key = (place, series)
            if key not in filled_of:
                filled_of[key] = (ref["date"].to_numpy(), ref["value"].to_numpy(dtype=float),
                                  ref["filled"].astype(bool).to_numpy())
            ref_dates, ref_values, ref_filled = filled_of[key]
            day = base["date_from"]
            on_day = np.flatnonzero(ref_dates == day.to_datetime64())
            if not len(on_day):
                rows.append({**row, "status": "not_covered"})
                continue
            lag, lag_date, lag_value = _lag(day, ref_dates, ref_values, claim, window_days)
            rows.append({**row, "status": "compared", "reference_date": day,
                         "reference_value": ref_values[on_day[0]],
                         "reference_filled": bool(ref_filled[on_day[0]]), "lag_days": lag,
                         "lag_date": lag_date, "lag_reference_value": lag_value})
    if not rows:
        return empty(COMPARISON_COLUMNS)
    found = pd.DataFrame(rows)
    table = chosen.loc[found["row"]].reset_index(drop=True)
    for column in ["passage_id", "outlet", "source_type", "surface"]:
        if column not in table.columns:
            table[column] = None
    for column in found.columns.drop("row"):
        table[column] = found[column].to_numpy()
    for column in COMPARISON_COLUMNS:
        if column not in table.columns:
            table[column] = None
    for column in ["date_from", "date_to", "reference_date", "lag_date"]:
        table[column] = pd.to_datetime(table[column])
    for column in ["reference_value", "lag_reference_value"]:
        table[column] = table[column].astype(float)
    table["difference"] = table["value"].astype(float) - table["reference_value"]
    low = table["low"].astype(float).fillna(-np.inf)
    high = table["high"].astype(float).fillna(np.inf)
    inside = (table["reference_value"] >= low) & (table["reference_value"] <= high)
    table["agrees_on_day"] = inside.astype("boolean").mask(table["status"] != "compared")
    table["lag_days"] = pd.array(table["lag_days"].to_numpy(dtype=object), dtype="Int64")
    within = table["lag_days"].notna().astype("boolean")
    lag_undefined = (table["status"] != "compared") | (table["bound"] == "vague") | table["value"].isna()
    table["agrees_within_window"] = within.mask(lag_undefined)
    table["reference_filled"] = table["reference_filled"].astype("boolean")
    table = table.sort_values(["date_from", "article_id", "series_place", "series"], kind="stable",
                              na_position="last")
    return table[COMPARISON_COLUMNS].reset_index(drop=True)


def lag_by(comparison: pd.DataFrame, *, by: GroupBy = "outlet") -> pd.DataFrame:
    """Per ``by``, over rows with status ``compared``: n_compared, n_agrees_on_day,
    n_agrees_within_window, n_with_lag, median_lag_days (signed), n_behind (lag > 0: an earlier
    bulletin), n_ahead (lag < 0). Empty when nothing was compared."""
    compared = comparison.loc[comparison["status"] == "compared"]
    columns = [by, "n_compared", "n_agrees_on_day", "n_agrees_within_window", "n_with_lag",
               "median_lag_days", "n_behind", "n_ahead"]
    if compared.empty:
        return empty(columns)
    lags = compared["lag_days"].astype("Float64")
    grouped = compared.assign(_lag=lags).groupby(compared[by].fillna("unknown"), sort=True)
    table = pd.DataFrame({
        "n_compared": grouped.size(),
        "n_agrees_on_day": grouped["agrees_on_day"].sum().astype(int),
        "n_agrees_within_window": grouped["agrees_within_window"].sum().astype(int),
        "n_with_lag": grouped["_lag"].count(),
        "median_lag_days": grouped["_lag"].median().astype(float),
        "n_behind": grouped["_lag"].apply(lambda s: int((s > 0).sum())),
        "n_ahead": grouped["_lag"].apply(lambda s: int((s < 0).sum())),
    })
    table.index.name = by
    return table.reset_index()[columns]


def comparison_headlines(comparison: pd.DataFrame) -> dict[str, Any]:
    """Headline counts of a comparison table, named by the definitions of this module.

    Counts are of rows (a claim compared with two series of its quantity counts twice); each
    "X of N" has N = the rows with status ``compared`` whose measure is defined.
    """
    status = comparison["status"].value_counts()
    compared = comparison.loc[comparison["status"] == "compared"]
    on_day = compared["agrees_on_day"].dropna()
    within = compared["agrees_within_window"].dropna()
    lags = compared["lag_days"].dropna().astype(float)
    return {
        "cumulative claims compared with a series of their place and quantity": int(status.get("compared", 0)),
        "agrees_on_day": f"{int(on_day.sum())} of {len(on_day)}",
        "agrees_within_window": f"{int(within.sum())} of {len(within)}",
        "median signed lag (days)": float(lags.median()) if len(lags) else "",
        "dated by a window (undated articles)": int(status.get("dated_by_window", 0)),
        "not covered (no official value on their day)": int(status.get("not_covered", 0)),
        "no series for this place/quantity": int(status.get("no_series", 0)),
        "undated": int(status.get("undated", 0)),
    }


def date_from_figures(claims: pd.DataFrame, reference: pd.DataFrame, *,
                      undated_only: bool = True, max_lag_days: int = 0) -> pd.DataFrame:
    """The window of dates whose official values give every cumulative claim of an article.

    For each article (only those whose ``published`` and ``as_of`` are all empty, unless
    ``undated_only=False``), the days of the series of each claim's place and quantity (as in
    :func:`compare_to_reference`) on which the official value gives the claim (rounding rule:
    "almost/nearly X" reads as just under X within X's rounding unit). ``earliest``/``latest``
    bound the days consistent with all of them, ``n_figures`` counts the claims used, ``n_days``
    the consistent days (NaT and 0 when none). ``max_lag_days`` moves ``latest`` that many days
    later, for an article published up to that long after the official figure it quotes.
    Articles with no claim of a covered quantity get no row.
    """
    claims = check_claims(claims, ["article_id", "published", "as_of", "value", "low", "high", "bound",
                                   "outcome", "group", "scope", "unit", "place"])
    reference = check_reference(reference)
    if max_lag_days < 0:
        raise ParameterError(f"date_from_figures: max_lag_days={max_lag_days} must be >= 0")
    if undated_only:
        dated = (claims["published"].notna() | claims["as_of"].notna()).groupby(
            claims["article_id"]).transform("any")
        claims = claims.loc[~dated]
    chosen = cumulative(claims)
    series_list = cumulative_series(reference)
    by_article: dict[object, list[set]] = {}
    for _index, claim in chosen.iterrows():
        day_sets = [set(ref["date"].to_numpy()[official_gives_claim(ref["value"].to_numpy(float), claim)]
                        .tolist())
                    for place, _series, outcome, group, ref in series_list
                    if place == claim["place"] and outcome == claim["outcome"]
                    and covers(group, claim["group"])]
        if day_sets:
            by_article.setdefault(claim["article_id"], []).append(set().union(*day_sets))
    rows = []
    for article_id, day_sets in by_article.items():
        common = set.intersection(*day_sets)
        rows.append({"article_id": article_id,
                     "earliest": pd.Timestamp(min(common)) if common else pd.NaT,
                     "latest": (pd.Timestamp(max(common)) + pd.Timedelta(days=max_lag_days)
                                if common else pd.NaT),
                     "n_figures": len(day_sets), "n_days": len(common)})
    if not rows:
        return empty(DATING_COLUMNS)
    table = pd.DataFrame(rows, columns=DATING_COLUMNS).sort_values("article_id", kind="stable")
    table["earliest"] = pd.to_datetime(table["earliest"])
    table["latest"] = pd.to_datetime(table["latest"])
    return table.reset_index(drop=True)


def statistics_headlines(comparison: pd.DataFrame, dating: pd.DataFrame, discrepancies: pd.DataFrame,
                         revisions: pd.DataFrame, claim_checks: pd.DataFrame,
                         reference_checks: pd.DataFrame) -> dict[str, Any]:
    """The statistics notebook's headline numbers: :func:`comparison_headlines`, then counts of
    rows of the other tables (dated articles, discrepancy groups, revisions, checks)."""
    return {
        **comparison_headlines(comparison),
        "undated articles dated from their figures": int(dating["earliest"].notna().sum()),
        "discrepancy groups (one quantity, two or more articles)": int(
            discrepancies["discrepancy_id"].nunique()),
        "revisions (later figure wholly below an earlier one, same quantity and source type)": len(revisions),
        "claims that fail a consistency check": len(claim_checks),
        "reference rows that fail a consistency check": len(reference_checks),
    }
