"""Consistency checks, listed and never fixed: subsets above their parent, parts above their total,
children or women above the running total of one article; in a reference series, daily figures
that differ from the difference of cumulative values, and cumulative values that fall.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newskit.stats.common import check_claims, check_reference, effective_bounds, empty
from newskit.stats.common import people as people_of

# Groups that are parts of a total group: checked against the total's running figure in one article.
SUBGROUPS: dict[str, tuple[str, ...]] = {"palestinians": ("children", "women"),
                                         "people": ("children", "women")}
CLAIM_CHECK_COLUMNS = [
    "check", "article_id", "passage_id", "parent_row", "part_rows", "parent_surface", "parent_value",
    "part_surfaces", "parts_value", "sentence",
]
REFERENCE_CHECK_COLUMNS = [
    "check", "place", "series", "date", "previous_date", "cumulative_value",
    "previous_cumulative_value", "cumulative_difference", "reported_daily_value", "source",
]


def parent_rows(claims: pd.DataFrame) -> pd.Series:
    """For each claim with a ``parent``, the claims-table row label of that parent (else empty).

    ``parent`` is the ``start`` offset of the parent figure in the same passage (the claims table's
    convention), so the parent is the claim of the same ``passage_id`` with that ``start``.
    """
    claims = check_claims(claims, ["passage_id", "start", "parent"])
    result = pd.Series(pd.NA, index=claims.index, dtype="object")
    children = claims.loc[claims["parent"].notna()]
    if children.empty:
        return result
    starts = {(passage, start): label for label, passage, start
              in zip(claims.index, claims["passage_id"], claims["start"], strict=True)
              if pd.notna(start)}
    for label, passage, parent in zip(children.index, children["passage_id"], children["parent"],
                                      strict=True):
        result[label] = starts.get((passage, int(parent)), pd.NA)
    return result


def check_claims_consistency(claims: pd.DataFrame) -> pd.DataFrame:
    """List subsets above their parent and parts whose sum exceeds their stated total.

    ``subset_above_parent``: a claim with a parent whose smallest allowed count exceeds the largest
    count its parent allows ("116 of whom are alive" is fine under 135). ``parts_exceed_total``:
    two or more subsets of one parent whose smallest counts add up to more than the parent allows.
    The same two checks run, as ``group_above_total`` and ``groups_exceed_total``, between claims of
    one article that the text does not nest but whose groups are (``SUBGROUPS``: children or women
    killed above the running total of Palestinians or people killed): same outcome, cumulative
    scope, same ``as_of``; ``parent_row`` is then the total's row. Percent figures are left out.
    Rows are listed, never changed.
    """
    claims = check_claims(claims, ["article_id", "passage_id", "start", "parent", "value", "low", "high",
                           "bound", "surface", "sentence", "unit"])
    people = people_of(claims)
    parents = parent_rows(people)
    low, high = effective_bounds(people)
    pairs = [(parent_index, parts.index, ("subset_above_parent", "parts_exceed_total"))
             for parent_index, parts in people.loc[parents.notna()].groupby(parents.dropna(),
                                                                            sort=True)]
    pairs += _unnested_totals(people)
    rows = []
    for total_index, part_index, (above, exceed) in pairs:
        total = people.loc[total_index]
        total_high = high[total_index]
        base = {"article_id": total["article_id"], "passage_id": total["passage_id"],
                "parent_row": total_index, "parent_surface": total["surface"],
                "parent_value": total["value"], "sentence": total["sentence"]}
        for index in part_index:
            if low[index] > total_high:
                rows.append({**base, "check": above, "part_rows": str(index),
                             "part_surfaces": people.loc[index, "surface"], "parts_value": low[index]})
        if len(part_index) >= 2 and low[part_index].sum() > total_high:
            rows.append({**base, "check": exceed,
                         "part_rows": ";".join(str(i) for i in part_index),
                         "part_surfaces": ";".join(people.loc[part_index, "surface"].astype(str)),
                         "parts_value": low[part_index].sum()})
    return pd.DataFrame(rows, columns=CLAIM_CHECK_COLUMNS) if rows else empty(CLAIM_CHECK_COLUMNS)


def _unnested_totals(people: pd.DataFrame) -> list[tuple[object, pd.Index, tuple[str, str]]]:
    """(total row, subgroup rows, check names) for SUBGROUPS claims not nested by the text.

    The claims of one article, outcome, ``as_of`` (and place) are one group, in sorted order of those;
    in each, every total of a SUBGROUPS group (with a value) pairs with that group's subgroup rows.
    """
    chosen = people.loc[(people["scope"] == "cumulative") & people["parent"].isna()
                        & people["as_of"].notna()] if "as_of" in people.columns else people.iloc[:0]
    keys = ["article_id", "outcome", "as_of", *(["place"] if "place" in chosen.columns else [])]
    number = chosen.groupby(keys, sort=True).ngroup().to_numpy()  # -1: a key with an empty part
    groups, has_value = chosen["group"].to_numpy(dtype=object), chosen["value"].notna().to_numpy()
    labels = chosen.index
    out = []
    for total_group, subgroups in SUBGROUPS.items():
        is_part = np.isin(groups, list(subgroups)) & (number >= 0)
        is_total = (groups == total_group) & has_value & (number >= 0)
        parts_of: dict[int, list[int]] = {}
        for at in np.flatnonzero(is_part):
            parts_of.setdefault(number[at], []).append(at)
        for at in np.flatnonzero(is_total):
            if number[at] in parts_of:
                out.append((number[at], total_group, labels[at], labels[parts_of[number[at]]]))
    order = {name: i for i, name in enumerate(SUBGROUPS)}
    out.sort(key=lambda pair: (pair[0], order[pair[1]]))  # stable: totals of a group stay in row order
    return [(total, parts, ("group_above_total", "groups_exceed_total")) for _, _, total, parts in out]


def check_reference_consistency(reference: pd.DataFrame) -> pd.DataFrame:
    """List, in the reference itself, daily figures that differ from cumulative differences, and
    cumulative values below the previous one.

    Only reported rows (``filled=False``) are used. ``daily_vs_cumulative``: a daily series
    ``S`` (scope ``period``) on day d against ``S_cum`` on d minus ``S_cum`` on its previous reported
    day. ``cumulative_decrease``: a cumulative value below the previous reported one.
    """
    reference = check_reference(reference)
    reported = reference.loc[~reference["filled"].astype(bool)]
    scope = reported["scope"]
    rows = []
    for (place, series), cum in reported.loc[scope == "cumulative"].groupby(["place", "series"],
                                                                            sort=True):
        cum = cum.sort_values("date", kind="stable").drop_duplicates("date", keep="last")
        frame = pd.DataFrame({"date": cum["date"].to_numpy(),
                              "previous_date": cum["date"].shift().to_numpy(),
                              "cumulative_value": cum["value"].to_numpy(),
                              "previous_cumulative_value": cum["value"].shift().to_numpy(),
                              "source": cum["source"].to_numpy()}).iloc[1:]
        frame["cumulative_difference"] = frame["cumulative_value"] - frame["previous_cumulative_value"]
        decrease = frame.loc[frame["cumulative_difference"] < 0]
        rows.append(decrease.assign(check="cumulative_decrease", place=place, series=series,
                                    reported_daily_value=np.nan))
        daily_name = series.removesuffix("_cum")
        daily = reported.loc[(reported["series"] == daily_name) & (scope == "period")
                             & (reported["place"] == place)]
        if daily_name == series or daily.empty:
            continue
        joined = frame.merge(daily[["date", "value"]].rename(columns={"value": "reported_daily_value"}),
                             on="date", how="inner")
        differs = joined.loc[joined["reported_daily_value"] != joined["cumulative_difference"]]
        rows.append(differs.assign(check="daily_vs_cumulative", place=place, series=daily_name))
    rows = [r for r in rows if len(r)]
    if not rows:
        return empty(REFERENCE_CHECK_COLUMNS)
    table = pd.concat(rows, ignore_index=True)
    return table.sort_values(["check", "place", "series", "date"], kind="stable")[
        REFERENCE_CHECK_COLUMNS].reset_index(drop=True)
