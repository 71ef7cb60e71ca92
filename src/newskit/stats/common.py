"""What every statistics module shares: checking a claims table, the quantity a claim counts, the
interval it allows, and the reference series by place.

**The quantity of a claim** is its (place, outcome, group class, scope): two claims are about the
same thing only when all four match. ``GROUP_CLASSES`` reads ``palestinians`` and ``people`` as one
class (a running toll of "Palestinians" and one of "people" killed in Gaza count one population).
A claims table without a ``place`` column (one written before places were extracted) is read with
every place ``unknown``, with a NewskitWarning: such claims are compared with no series.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from newskit.errors import NewskitWarning, SchemaError
from newskit.schema import REFERENCE_COLUMNS, validate_columns

UNKNOWN_PLACE = "unknown"
# Groups read as one population when claims are compared with each other or with a series.
GROUP_CLASSES: dict[str, str] = {"palestinians": "people"}
# A series of this group (in its place) also covers claims of these groups.
GROUP_ALIASES: dict[str, tuple[str, ...]] = {"palestinians": ("people",)}


def warn(message: str) -> None:
    warnings.warn(message, NewskitWarning, stacklevel=3)


def empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def check_claims(claims: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Check the columns, that row labels are unique (results point at rows by label), and read
    ``as_of``/``published`` held as text into dates and ``value``/``low``/``high`` into numbers
    (SchemaError naming the row when one is not). A missing ``place`` column is read as ``unknown``
    everywhere, with a warning."""
    if not claims.index.is_unique:
        raise SchemaError("claims table: row labels repeat (e.g. after pd.concat); pass "
                          "claims.reset_index(drop=True)")
    if "place" in columns and "place" not in claims.columns:
        warn("claims table has no place column (written before places were extracted); every "
             "claim is read as place 'unknown' and compared with no series")
        claims = claims.assign(place=UNKNOWN_PLACE)
    validate_columns(claims, list(columns), table_name="claims")
    if "place" in claims.columns:
        claims = claims.assign(place=claims["place"].fillna(UNKNOWN_PLACE).astype(str))
    for column in ("as_of", "published"):
        if column in claims.columns and not pd.api.types.is_datetime64_any_dtype(claims[column]):
            dates = pd.to_datetime(claims[column], errors="coerce", format="ISO8601")
            bad = dates.isna() & claims[column].notna()
            if bad.any():
                raise SchemaError(f"claims table, column {column!r}, row {bad.idxmax()}: "
                                  f"{claims.loc[bad.idxmax(), column]!r} is not a date (YYYY-MM-DD)")
            claims = claims.assign(**{column: dates})
    for column in ("value", "low", "high"):
        if column in claims.columns and not pd.api.types.is_float_dtype(claims[column]):
            numbers = pd.to_numeric(claims[column], errors="coerce")
            bad = numbers.isna() & claims[column].notna()
            if bad.any():
                raise SchemaError(f"claims table, column {column!r}, row {bad.idxmax()}: "
                                  f"{claims.loc[bad.idxmax(), column]!r} is not a number")
            claims = claims.assign(**{column: numbers.astype(float)})
    return claims


def check_reference(reference: pd.DataFrame) -> pd.DataFrame:
    """Check the reference columns; a table without ``scope`` is read as cumulative series."""
    validate_columns(reference, REFERENCE_COLUMNS, table_name="reference")
    if "scope" not in reference.columns:
        reference = reference.assign(scope="cumulative")
    return reference


def people(claims: pd.DataFrame) -> pd.DataFrame:
    return claims.loc[claims["unit"].fillna("people") == "people"]


def cumulative(claims: pd.DataFrame) -> pd.DataFrame:
    return people(claims).loc[lambda t: t["scope"] == "cumulative"]


def group_class(groups: pd.Series) -> pd.Series:
    return groups.map(lambda g: GROUP_CLASSES.get(g, g))


def effective_bounds(claims: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Smallest and largest count a claim allows; an open ``high`` is infinite only for ``lower``.

    An open ``low`` falls back to the value ("almost 25,000" allows at most 25,000 and is read as
    close to it), an open ``high`` to the value except for ``lower`` bounds.
    """
    low = claims["low"].astype(float).fillna(claims["value"].astype(float))
    open_high = np.where(claims["bound"] == "lower", np.inf, claims["value"].astype(float))
    high = claims["high"].astype(float).fillna(pd.Series(open_high, index=claims.index))
    return low, high


def cumulative_series(reference: pd.DataFrame) -> list[tuple[str, str, str, str, pd.DataFrame]]:
    """Cumulative reference series as (place, series, outcome, group, rows by date, one per day)."""
    reference = check_reference(reference)
    ref = reference.loc[reference["scope"] == "cumulative"]
    out = []
    for (place, series, outcome, group), rows in ref.groupby(["place", "series", "outcome", "group"],
                                                             sort=True):
        rows = rows.sort_values("date", kind="stable").drop_duplicates("date", keep="last")
        out.append((place, series, outcome, group, rows))
    return out


def covers(series_group: str, claim_group: str) -> bool:
    """A series of ``series_group`` covers a claim of ``claim_group`` (same place and outcome)."""
    return claim_group == series_group or claim_group in GROUP_ALIASES.get(series_group, ())
