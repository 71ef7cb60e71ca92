"""Rounding: a figure's rounding unit, the rule by which an official value *gives* a claim, and the
shares of figures by rounding unit and bound.

* **Rounding unit** of a figure: ``10 ** (number of trailing zeros of its value)``; "18,600" is
  rounded to the hundred, "25,000" to the thousand, "18,787" is unrounded (unit 1).
* **An official value gives a claim** when, rounded the way the claim is rounded, it equals the
  claim's value: floor to the unit for ``lower`` ("more than 18,600" is given by 18,600..18,699),
  ceiling for ``upper`` ("almost 25,000" is given by 24,001..25,000: just under X within its
  rounding unit), nearest (halves up) for ``exact`` and ``approximate``; ``range`` claims are given
  by any value in [value, high]; ``vague`` claims by any value in [low, high].
* **Rounding shares count only figures of at least** ``MIN_ROUNDING_VALUE`` (100) people, or vague
  ones: below that a count ends in zero about one time in ten by chance ("lost 10 soldiers" is a
  count, not a rounding), so its unit says nothing about rounding. Bound shares count every figure.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from newskit.stats.common import check_claims, people

ROUNDING_CATEGORIES = ("exact", "10", "100", "1000_or_more", "vague")
BOUND_ORDER = ("exact", "lower", "upper", "approximate", "range", "vague")
MIN_ROUNDING_VALUE = 100
GroupBy = Literal["outlet", "source_type"]


def rounding_unit(value: float) -> int:
    """The unit a figure is rounded to: 10 to the number of trailing zeros of its value.

    Non-integers, zero and missing values have unit 1.

    >>> rounding_unit(18600), rounding_unit(25000), rounding_unit(18787), rounding_unit(1_900_000)
    (100, 1000, 1, 100000)
    >>> rounding_unit(float("nan")), rounding_unit(0), rounding_unit(2.5)
    (1, 1, 1)
    """
    if value is None or pd.isna(value) or value == 0 or float(value) != int(value):
        return 1
    number, unit = abs(int(value)), 1
    while number % (unit * 10) == 0:
        unit *= 10
    return unit


def rounding_category(value: float, bound: str) -> str:
    """``exact``, ``10``, ``100``, ``1000_or_more`` (the rounding unit) or ``vague``.

    >>> [rounding_category(v, b) for v, b in [(18787, "exact"), (130, "lower"), (18600, "lower"),
    ...  (25000, "upper"), (float("nan"), "vague")]]
    ['exact', '10', '100', '1000_or_more', 'vague']
    """
    if bound == "vague" or value is None or pd.isna(value):
        return "vague"
    unit = rounding_unit(value)
    return {1: "exact", 10: "10", 100: "100"}.get(unit, "1000_or_more")


def round_like_claim(official: float, *, value: float, bound: str) -> float:
    """``official`` rounded the way a claim of ``value`` and ``bound`` is rounded.

    Floor to the unit for ``lower``, ceiling for ``upper``, nearest (halves up) otherwise.

    >>> round_like_claim(18608, value=18600, bound="lower"), round_like_claim(18787, value=18600,
    ... bound="lower")
    (18600, 18700)
    >>> round_like_claim(24620, value=25000, bound="upper"), round_like_claim(24450, value=24000,
    ... bound="approximate")
    (25000, 24000)
    """
    unit = rounding_unit(value)
    return int(_round_steps(np.float64(official) / unit, bound)) * unit


def _round_steps(scaled: np.ndarray, bound: str) -> np.ndarray:
    """Floor for ``lower``, ceiling for ``upper``, nearest with halves up otherwise."""
    if bound == "lower":
        return np.floor(scaled)
    if bound == "upper":
        return np.ceil(scaled)
    return np.floor(scaled + 0.5)


def official_gives_claim(official: np.ndarray, claim: pd.Series) -> np.ndarray:
    """Boolean array: which official values give the claim (see the module's rounding rule)."""
    official = np.asarray(official, dtype=float)
    bound, value = claim["bound"], claim["value"]
    if bound in ("range", "vague") or pd.isna(value):
        low = claim["low"] if pd.notna(claim["low"]) else (value if bound == "range" else -np.inf)
        high = claim["high"] if pd.notna(claim["high"]) else np.inf
        if pd.isna(low):
            low = -np.inf
        return (official >= low) & (official <= high)
    unit = rounding_unit(value)
    return _round_steps(official / unit, bound) * unit == value


def rounding_table(claims: pd.DataFrame, *, by: GroupBy = "outlet",
                   min_value: float = MIN_ROUNDING_VALUE) -> pd.DataFrame:
    """Share of figures of people by rounding unit and by bound, per ``by`` and for ``all``.

    Columns: ``by``, n_figures (every figure of people: the bound shares' denominator),
    n_figures_rounding (figures of at least ``min_value`` people, and vague ones: the rounding
    shares' denominator), ``share_rounding_<exact|10|100|1000_or_more|vague>`` and
    ``share_bound_<bound>``; each family of shares sums to 1 on a row (empty when its count is 0).
    """
    claims = check_claims(claims, ["value", "bound", "unit", by])
    figures = people(claims)
    categories = pd.Series([rounding_category(v, b) for v, b in zip(figures["value"], figures["bound"],
                                                                     strict=True)],
                           index=figures.index, dtype=object)
    sized = (figures["bound"] == "vague") | figures["value"].isna() | (figures["value"] >= min_value)
    keys = figures[by].fillna("unknown").astype(str)
    rows = []
    for key in [*sorted(keys.unique()), "all"]:
        mask = keys == key if key != "all" else pd.Series(True, index=figures.index)
        cats, bounds = categories[mask & sized], figures.loc[mask, "bound"]
        n, n_sized = int(mask.sum()), len(cats)
        row = {by: key, "n_figures": n, "n_figures_rounding": n_sized}
        for category in ROUNDING_CATEGORIES:
            row[f"share_rounding_{category}"] = (cats == category).sum() / n_sized if n_sized else np.nan
        for bound in BOUND_ORDER:
            row[f"share_bound_{bound}"] = (bounds == bound).sum() / n if n else np.nan
        rows.append(row)
    return pd.DataFrame(rows)
