"""Statistics on claims: comparison with an official series, reporting lag, dating undated articles,
timelines and daily increases, discrepancies and revisions, consistency checks, rounding and
attribution language.

The domain rule holds throughout: every function lists, counts or flags; none changes a claim or a
reference value. Inputs are the claims table (``schema.CLAIM_COLUMNS``) and the reference table of
:func:`newskit.reference.load_reference`.

Conventions (the README's methodology section says the same):

* **Rounding unit** of a figure: ``10 ** (number of trailing zeros of its value)``; "18,600" is
  rounded to the hundred, "25,000" to the thousand, "18,787" is unrounded (unit 1).
* **An official value gives a claim** when, rounded the way the claim is rounded, it equals the
  claim's value: floor to the unit for ``lower`` ("more than 18,600" is given by 18,600..18,699),
  ceiling for ``upper`` ("almost 25,000" is given by 24,001..25,000: just under X within its
  rounding unit), nearest (halves up) for ``exact`` and ``approximate``; ``range`` claims are given
  by any value in [value, high]; ``vague`` claims by any value in [low, high].
* **Coverage**: a reference series of (outcome, group) covers cumulative claims of the same outcome
  whose group is that group or one of ``GROUP_ALIASES[group]`` (by default a ``palestinians``
  series also covers ``people``: the claims table records no place, so a cumulative "people killed"
  claim about another place is compared too and shows as a difference).
* Claims in ``percent`` are left out of every count of people.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from newskit.errors import NewskitWarning, ParameterError, SchemaError
from newskit.schema import REFERENCE_COLUMNS, validate_columns

# Reference groups that also cover claims of other groups (see module docstring).
GROUP_ALIASES: dict[str, tuple[str, ...]] = {"palestinians": ("people",)}
# Groups read as the same population when claims are compared with each other (discrepancies,
# revisions): a running toll of "Palestinians" and one of "people" are claims about one quantity
# (the same reading as GROUP_ALIASES). Named events are grouped by outcome alone.
GROUP_CLASSES: dict[str, str] = {"palestinians": "people"}
# Groups that are parts of a total group: checked against the total's running figure in one article.
SUBGROUPS: dict[str, tuple[str, ...]] = {"palestinians": ("children", "women"),
                                         "people": ("children", "women")}
# Outcomes whose running totals cannot fall; a later lower figure of these is a revision. (The
# number of hostages held, say, falls with every release.)
MONOTONE_OUTCOMES: tuple[str, ...] = ("killed", "injured")

# Named events whose incident claims are compared with each other; matched in the claim's sentence.
# "October 7" as the start of a running total ("killed since October 7") is not the event, unless
# an attack word follows ("since the 7 October attacks, when gunmen killed 1,300").
OCTOBER_7 = r"(?:(?:October|Oct\.?)\s+7(?:th)?|7(?:th)?\s+(?:of\s+)?October)"
RE_OCTOBER_7 = re.compile(
    rf"\b{OCTOBER_7}\s+(?:Hamas(?:[-\s]led)?\s+)?(?:attacks?|assaults?|massacres?|raids?|incursions?)\b"
    rf"|(?<!since\s)(?<!since the\s)\b{OCTOBER_7}\b",
    re.IGNORECASE,
)
EVENT_PATTERNS: dict[str, re.Pattern[str]] = {"october_7_attack": RE_OCTOBER_7}

# Qualifiers of an attribution, searched in the claim's source and sentence.
RE_HAMAS_RUN = re.compile(r"\bHamas[-\s]+run\b", re.IGNORECASE)
RE_HAMAS_CONTROLLED = re.compile(r"\bHamas[-\s]+controlled\b", re.IGNORECASE)
RE_CLAIMED = re.compile(r"\bclaim(?:ed|s)?\b(?!\s+(?:the\s+)?lives)", re.IGNORECASE)
RE_NOT_VERIFIED = re.compile(
    r"\b(?:not|cannot|unable)\b[\w\s]{0,40}?\bindependently\s+(?:verif|confirm)\w*|\bunverified\b",
    re.IGNORECASE,
)
QUALIFIER_PATTERNS: dict[str, re.Pattern[str]] = {
    "hamas_run": RE_HAMAS_RUN,
    "hamas_controlled": RE_HAMAS_CONTROLLED,
    "claimed": RE_CLAIMED,
    "not_independently_verified": RE_NOT_VERIFIED,
}

ROUNDING_CATEGORIES = ("exact", "10", "100", "1000_or_more", "vague")
BOUND_ORDER = ("exact", "lower", "upper", "approximate", "range", "vague")
GroupBy = Literal["outlet", "source_type"]

COMPARISON_COLUMNS = [
    "article_id", "passage_id", "outlet", "source_type", "outcome", "group", "surface", "bound",
    "value", "low", "high", "as_of", "series", "reference_date", "reference_value", "difference",
    "within_interval", "lag_days", "lag_date", "lag_reference_value",
]
DATING_COLUMNS = ["article_id", "earliest", "latest", "n_figures", "n_days"]
DISCREPANCY_COLUMNS = [
    "discrepancy_id", "kind", "quantity", "n_values", "intervals_overlap", "article_id",
    "passage_id", "outlet", "published", "as_of", "outcome", "group", "scope", "surface", "value",
    "low", "high", "bound", "source", "source_type", "sentence",
]
REVISION_COLUMNS = [
    "outcome", "group_class", "source_key", "earlier_article_id", "earlier_outlet", "earlier_as_of",
    "earlier_surface", "earlier_value", "later_article_id", "later_outlet", "later_as_of",
    "later_surface", "later_value", "later_source", "difference",
]
CLAIM_CHECK_COLUMNS = [
    "check", "article_id", "passage_id", "parent_row", "part_rows", "parent_surface", "parent_value",
    "part_surfaces", "parts_value", "sentence",
]
REFERENCE_CHECK_COLUMNS = [
    "check", "series", "date", "previous_date", "cumulative_value", "previous_cumulative_value",
    "cumulative_difference", "reported_daily_value", "source",
]
INCREASE_COLUMNS = [
    "outcome", "group", "from_date", "to_date", "days", "from_value", "to_value", "increase",
    "reported_daily_increase",
]


# ---------------------------------------------------------------- rounding


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


# ---------------------------------------------------------------- helpers


def _check_claims(claims: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Check the columns, that row labels are unique (results point at rows by label), and read
    ``as_of``/``published`` held as text into dates and ``value``/``low``/``high`` into numbers
    (SchemaError naming the row when one is not)."""
    if not claims.index.is_unique:
        raise SchemaError("claims table: row labels repeat (e.g. after pd.concat); pass "
                          "claims.reset_index(drop=True)")
    validate_columns(claims, list(columns), table_name="claims")
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


def _people(claims: pd.DataFrame) -> pd.DataFrame:
    return claims.loc[claims["unit"].fillna("people") == "people"]


def _cumulative(claims: pd.DataFrame) -> pd.DataFrame:
    return _people(claims).loc[lambda t: t["scope"] == "cumulative"]


def _group_class(groups: pd.Series) -> pd.Series:
    return groups.map(lambda g: GROUP_CLASSES.get(g, g))


def _effective_bounds(claims: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Smallest and largest count a claim allows; an open ``high`` is infinite only for ``lower``.

    An open ``low`` falls back to the value ("almost 25,000" allows at most 25,000 and is read as
    close to it), an open ``high`` to the value except for ``lower`` bounds.
    """
    low = claims["low"].astype(float).fillna(claims["value"].astype(float))
    open_high = np.where(claims["bound"] == "lower", np.inf, claims["value"].astype(float))
    high = claims["high"].astype(float).fillna(pd.Series(open_high, index=claims.index))
    return low, high


def _covering(reference: pd.DataFrame) -> list[tuple[str, str, str, pd.DataFrame]]:
    """Cumulative reference series as (series, outcome, covered group, rows by date)."""
    ref = reference
    if "scope" in ref.columns:
        ref = ref.loc[ref["scope"] == "cumulative"]
    out = []
    for (series, outcome, group), rows in ref.groupby(["series", "outcome", "group"], sort=True):
        rows = rows.sort_values("date", kind="stable").drop_duplicates("date", keep="last")
        for covered in (group, *GROUP_ALIASES.get(group, ())):
            out.append((series, outcome, covered, rows))
    return out


def _check_reference(reference: pd.DataFrame) -> pd.DataFrame:
    return validate_columns(reference, REFERENCE_COLUMNS, table_name="reference")


def _warn(message: str) -> None:
    warnings.warn(message, NewskitWarning, stacklevel=3)


def _dated_covered_claims(claims: pd.DataFrame, reference: pd.DataFrame, *, need_date: bool,
                          caller: str) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    """(series, covered claims, series rows) for each covering series; warns for what is left out."""
    cumulative = _cumulative(claims)
    if cumulative.empty:
        _warn(f"{caller}: the claims table holds no cumulative claims of people; result is empty")
        return []
    if need_date:
        undated = cumulative["as_of"].isna()
        if undated.any():
            _warn(f"{caller}: {int(undated.sum())} cumulative claim(s) have no as_of date "
                  f"(rows {list(cumulative.index[undated])[:10]}); left out (date them with "
                  "date_from_figures)")
            cumulative = cumulative.loc[~undated]
    pairs = []
    for series, outcome, covered, rows in _covering(reference):
        chosen = cumulative.loc[(cumulative["outcome"] == outcome) & (cumulative["group"] == covered)]
        if len(chosen):
            pairs.append((series, chosen, rows))
    if not pairs and len(cumulative):
        kinds = sorted({f"{o}/{g}" for o, g in zip(cumulative["outcome"], cumulative["group"],
                                                   strict=True)})
        series = sorted(reference["series"].unique()) if len(reference) else []
        _warn(f"{caller}: reference series {series} cover none of the {len(cumulative)} cumulative "
              f"claims (outcome/group: {kinds}); result is empty")
    return pairs


# ---------------------------------------------------------------- comparison with a reference


def compare_to_reference(claims: pd.DataFrame, reference: pd.DataFrame, *,
                         window_days: int = 14) -> pd.DataFrame:
    """Compare each dated cumulative claim with the reference series that covers it.

    One row per claim and covering series (see ``COMPARISON_COLUMNS``):

    * ``reference_value``: the official value on ``as_of``, or the latest one before it within
      ``window_days`` (``reference_date`` says which day); empty when none.
    * ``difference``: claim ``value`` minus ``reference_value``.
    * ``within_interval``: ``low <= reference_value <= high`` (an empty end is unbounded).
    * ``lag_days``: days from the most recent official value, on or before ``as_of`` and at most
      ``window_days`` before it, that gives the claim when rounded the way the claim is rounded
      (``lag_date``, ``lag_reference_value``); empty when none, and for vague claims.

    Claims with no ``as_of`` are left out with a NewskitWarning; so is everything when the series
    cover none of the claims (the result is then empty).
    """
    claims = _check_claims(claims, ["article_id", "as_of", "value", "low", "high", "bound", "outcome",
                           "group", "scope"])
    _check_reference(reference)
    if window_days < 0:
        raise ParameterError(f"compare_to_reference: window_days={window_days} must be >= 0")
    window = pd.Timedelta(days=window_days)
    rows = []
    for series, chosen, ref in _dated_covered_claims(claims, reference, need_date=True,
                                                     caller="compare_to_reference"):
        dates, values = ref["date"].to_numpy(), ref["value"].to_numpy(dtype=float)
        for index, claim in chosen.iterrows():
            as_of = pd.Timestamp(claim["as_of"]).normalize()
            in_window = (dates <= as_of.to_datetime64()) & (dates >= (as_of - window).to_datetime64())
            ref_date = ref_value = lag_date = lag_value = lag = None
            if in_window.any():
                last = np.flatnonzero(in_window)[-1]
                ref_date, ref_value = pd.Timestamp(dates[last]), values[last]
                if claim["bound"] != "vague" and pd.notna(claim["value"]):
                    gives = official_gives_claim(values, claim) & in_window
                    if gives.any():
                        hit = np.flatnonzero(gives)[-1]
                        lag_date, lag_value = pd.Timestamp(dates[hit]), values[hit]
                        lag = (as_of - lag_date).days
            rows.append({"row": index, "series": series, "reference_date": ref_date,
                         "reference_value": ref_value, "lag_days": lag, "lag_date": lag_date,
                         "lag_reference_value": lag_value})
    if not rows:
        return _empty(COMPARISON_COLUMNS)
    found = pd.DataFrame(rows)
    table = claims.loc[found["row"]].reset_index(drop=True)
    for column in ["passage_id", "outlet", "source_type", "surface"]:
        if column not in table.columns:
            table[column] = None
    for column in found.columns.drop("row"):
        table[column] = found[column].to_numpy()
    table["reference_date"] = pd.to_datetime(table["reference_date"])
    table["lag_date"] = pd.to_datetime(table["lag_date"])
    table["reference_value"] = table["reference_value"].astype(float)
    table["lag_reference_value"] = table["lag_reference_value"].astype(float)
    table["difference"] = table["value"].astype(float) - table["reference_value"]
    low = table["low"].astype(float).fillna(-np.inf)
    high = table["high"].astype(float).fillna(np.inf)
    within = (table["reference_value"] >= low) & (table["reference_value"] <= high)
    table["within_interval"] = within.astype("boolean").mask(table["reference_value"].isna())
    table["lag_days"] = table["lag_days"].astype("Int64")
    table = table.sort_values(["as_of", "article_id", "series"], kind="stable")
    return table[COMPARISON_COLUMNS].reset_index(drop=True)


def lag_by(comparison: pd.DataFrame, *, by: GroupBy = "outlet") -> pd.DataFrame:
    """Per ``by``: claims compared, claims with a lag found, median lag in days, claims within interval."""
    validate_columns(comparison, ["lag_days", "within_interval", by], table_name="comparison")
    grouped = comparison.groupby(comparison[by].fillna("unknown"), sort=True)
    table = pd.DataFrame({
        "n_claims": grouped.size(),
        "n_with_lag": grouped["lag_days"].count(),
        "median_lag_days": grouped["lag_days"].median().astype(float),
        "n_within_interval": grouped["within_interval"].sum().astype(int),
    })
    return table.reset_index()


def date_from_figures(claims: pd.DataFrame, reference: pd.DataFrame, *,
                      undated_only: bool = True, max_lag_days: int = 0) -> pd.DataFrame:
    """The window of dates whose official values give every cumulative claim of an article.

    For each article (only those whose ``published`` and ``as_of`` are all empty, unless
    ``undated_only=False``), the days of the reference on which each covered cumulative claim is
    given by the official value (module rounding rule: "almost/nearly X" reads as just under X within
    X's rounding unit). ``earliest``/``latest`` bound the days consistent with all of them,
    ``n_figures`` counts the claims used, ``n_days`` the consistent days (NaT and 0 when none; the
    window can only lie within the reference's dates). ``max_lag_days`` moves ``latest`` that many
    days later, for an article published up to that long after the official figure it quotes
    (``n_days`` still counts the days of the official values). Articles with no covered claim get
    no row.
    """
    claims = _check_claims(claims, ["article_id", "published", "as_of", "value", "low", "high", "bound",
                           "outcome", "group", "scope"])
    _check_reference(reference)
    if max_lag_days < 0:
        raise ParameterError(f"date_from_figures: max_lag_days={max_lag_days} must be >= 0")
    if undated_only:
        dated = (claims["published"].notna() | claims["as_of"].notna()).groupby(
            claims["article_id"]).transform("any")
        claims = claims.loc[~dated]
        if claims.empty:
            return _empty(DATING_COLUMNS)
    days_by_claim: dict[object, list[set]] = {}
    for _series, chosen, ref in _dated_covered_claims(claims, reference, need_date=False,
                                                      caller="date_from_figures"):
        values, dates = ref["value"].to_numpy(dtype=float), ref["date"].to_numpy()
        for index, claim in chosen.iterrows():
            days = set(dates[official_gives_claim(values, claim)].tolist())
            days_by_claim.setdefault((claim["article_id"], index), []).append(days)
    by_article: dict[object, list[set]] = {}
    for (article_id, _index), day_sets in days_by_claim.items():
        by_article.setdefault(article_id, []).append(set().union(*day_sets))
    rows = []
    for article_id, day_sets in by_article.items():
        common = set.intersection(*day_sets)
        rows.append({"article_id": article_id,
                     "earliest": pd.Timestamp(min(common)) if common else pd.NaT,
                     "latest": (pd.Timestamp(max(common)) + pd.Timedelta(days=max_lag_days)
                                if common else pd.NaT),
                     "n_figures": len(day_sets), "n_days": len(common)})
    if not rows:
        return _empty(DATING_COLUMNS)
    table = pd.DataFrame(rows, columns=DATING_COLUMNS).sort_values("article_id", kind="stable")
    table["earliest"] = pd.to_datetime(table["earliest"])
    table["latest"] = pd.to_datetime(table["latest"])
    return table.reset_index(drop=True)


# ---------------------------------------------------------------- timelines and daily increase


def claims_timeline(claims: pd.DataFrame, *, scope: str = "cumulative") -> pd.DataFrame:
    """Dated claims of people of one ``scope`` sorted by as_of, outcome, group, source_type, outlet.

    Columns: as_of, outcome, group, source_type, outlet, article_id, surface, bound, value, low,
    high. Undated claims are left out with a NewskitWarning.
    """
    claims = _check_claims(claims, ["as_of", "outcome", "group", "source_type", "outlet", "article_id",
                           "surface", "bound", "value", "low", "high", "scope", "unit"])
    chosen = _people(claims).loc[lambda t: t["scope"] == scope]
    undated = chosen["as_of"].isna()
    if undated.any():
        _warn(f"claims_timeline: {int(undated.sum())} {scope} claim(s) have no as_of date; left out")
    columns = ["as_of", "outcome", "group", "source_type", "outlet", "article_id", "surface", "bound",
               "value", "low", "high"]
    return (chosen.loc[~undated, columns]
            .sort_values(["outcome", "group", "as_of", "source_type", "outlet", "article_id"],
                         kind="stable")
            .reset_index(drop=True))


def successive_increases(claims: pd.DataFrame, *, by: Sequence[str] = ("outcome", "group")
                         ) -> pd.DataFrame:
    """Increase between successive dates of cumulative claims, per ``by``.

    On each ``as_of`` day the median of that day's claimed values stands for the day (vague claims
    and undated claims are left out); ``reported_daily_increase`` = increase / days between them.
    """
    by = list(by)
    claims = _check_claims(claims, ["as_of", "value", "bound", "scope", "unit", *by])
    chosen = _cumulative(claims).loc[lambda t: t["as_of"].notna() & t["value"].notna()
                                     & (t["bound"] != "vague")]
    daily = (chosen.assign(day=chosen["as_of"].dt.normalize())
             .groupby([*by, "day"], sort=True)["value"].median().reset_index())
    rows = []
    for key, days in daily.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        for (_, a), (_, b) in zip(days.iloc[:-1].iterrows(), days.iloc[1:].iterrows(), strict=True):
            n_days = (b["day"] - a["day"]).days
            rows.append({**dict(zip(by, key, strict=True)), "from_date": a["day"], "to_date": b["day"],
                         "days": n_days, "from_value": a["value"], "to_value": b["value"],
                         "increase": b["value"] - a["value"],
                         "reported_daily_increase": (b["value"] - a["value"]) / n_days})
    columns = [*by, *INCREASE_COLUMNS[2:]]
    return pd.DataFrame(rows, columns=columns) if rows else _empty(columns)


def daily_increase(claims: pd.DataFrame, *, by: Sequence[str] = ("outcome", "group"),
                   n_boot: int = 2000, seed: int = 0, level: float = 0.95,
                   reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reported daily increase per ``by`` with a seeded bootstrap interval over successive pairs.

    ``reported_daily_increase`` is the median of the pairs' increases per day
    (:func:`successive_increases`; the median, so that one misread figure moves it little);
    ``ci_low`` and ``ci_high`` are the ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles of that
    median over ``n_boot`` resamples of the pairs with replacement (empty with fewer than 2 pairs).
    With ``reference``, ``reference_daily_increase`` is the official series' increase per day over
    the same first and last day (empty when a day is missing from the series or no series covers
    the group).
    """
    if n_boot < 1 or not 0 < level < 1:
        raise ParameterError(f"daily_increase: n_boot={n_boot} must be >= 1 and level={level} "
                             "within (0, 1)")
    by = list(by)
    pairs = successive_increases(claims, by=by)
    rng = np.random.default_rng(seed)
    covering = _covering(reference) if reference is not None else []
    rows = []
    for key, group in pairs.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        rates = group["reported_daily_increase"].to_numpy(float)
        row = {**dict(zip(by, key, strict=True)), "n_pairs": len(group),
               "first_date": group["from_date"].min(), "last_date": group["to_date"].max(),
               "reported_daily_increase": float(np.median(rates)),
               "ci_low": np.nan, "ci_high": np.nan}
        if len(group) >= 2:
            picks = rng.integers(0, len(group), size=(n_boot, len(group)))
            medians = np.median(rates[picks], axis=1)
            row["ci_low"], row["ci_high"] = np.quantile(medians, [(1 - level) / 2, (1 + level) / 2])
        if reference is not None:
            row["reference_daily_increase"] = _reference_slope(covering, row)
        rows.append(row)
    columns = [*by, "n_pairs", "first_date", "last_date", "reported_daily_increase", "ci_low",
               "ci_high", *(["reference_daily_increase"] if reference is not None else [])]
    return pd.DataFrame(rows, columns=columns) if rows else _empty(columns)


def _reference_slope(covering, row: dict) -> float:
    for _series, outcome, covered, ref in covering:
        if row.get("outcome") == outcome and row.get("group") == covered:
            values = ref.set_index("date")["value"]
            first, last = row["first_date"], row["last_date"]
            if first in values.index and last in values.index:
                return (values[last] - values[first]) / (last - first).days
    return np.nan


# ---------------------------------------------------------------- discrepancies and revisions


def find_discrepancies(claims: pd.DataFrame, *, near_days: int = 1,
                       events: dict[str, re.Pattern[str]] | None = None,
                       min_articles: int = 1) -> pd.DataFrame:
    """Claims about the same quantity that give different values, one row per claim.

    Two kinds of group (subsets, i.e. claims with a ``parent``, and vague claims are left out):

    * ``near_as_of``: cumulative claims with the same outcome, group class (``GROUP_CLASSES``) and
      scope whose ``as_of`` lie within ``near_days`` of the first claim of the window (windows are
      formed in date order);
    * ``named_event``: incident claims with the same outcome whose sentence names the same event
      (``EVENT_PATTERNS``, e.g. the October 7 attack).

    Only groups with at least two distinct values, from at least ``min_articles`` articles, are
    listed (``min_articles=2`` keeps disagreements between articles; within one article two values
    are often two quantities that the claims table does not tell apart). ``intervals_overlap`` says
    whether one count is allowed by every claim of the group.
    """
    claims = _check_claims(claims, ["article_id", "as_of", "value", "low", "high", "bound", "outcome",
                           "group", "scope", "sentence", "parent", "unit"])
    events = EVENT_PATTERNS if events is None else events
    eligible = _people(claims).loc[lambda t: t["parent"].isna() & t["value"].notna()
                                   & (t["bound"] != "vague")]
    groups: list[tuple[str, str, pd.Index]] = []
    cumulative = eligible.loc[(eligible["scope"] == "cumulative") & eligible["as_of"].notna()]
    cumulative = cumulative.assign(group_class=_group_class(cumulative["group"]))
    for (outcome, group_class), rows in cumulative.groupby(["outcome", "group_class"], sort=True):
        rows = rows.sort_values("as_of", kind="stable")
        start = None
        members: list = []
        for index, as_of in rows["as_of"].items():
            if start is None or (as_of - start).days > near_days:
                if members:
                    groups.append(("near_as_of", _quantity(outcome, group_class, start, members,
                                                           rows), pd.Index(members)))
                start, members = as_of, []
            members.append(index)
        if members:
            groups.append(("near_as_of", _quantity(outcome, group_class, start, members, rows),
                           pd.Index(members)))
    incidents = eligible.loc[eligible["scope"] == "incident"]
    for event, pattern in events.items():
        named = incidents.loc[incidents["sentence"].fillna("").str.contains(pattern, regex=True)]
        for outcome, rows in named.groupby("outcome", sort=True):
            groups.append(("named_event", f"{event}: {outcome}", rows.index))
    parts = []
    for kind, quantity, index in groups:
        rows = claims.loc[index]
        if rows["value"].nunique() < 2 or rows["article_id"].nunique() < min_articles:
            continue
        low, high = _effective_bounds(rows)
        part = rows.assign(kind=kind, quantity=quantity, n_values=rows["value"].nunique(),
                           intervals_overlap=bool(low.max() <= high.min()))
        parts.append(part)
    if not parts:
        return _empty(DISCREPANCY_COLUMNS)
    table = pd.concat(parts)
    ids = {q: i for i, q in enumerate(dict.fromkeys(table["quantity"]), start=1)}
    table["discrepancy_id"] = table["quantity"].map(ids)
    for column in DISCREPANCY_COLUMNS:
        if column not in table.columns:
            table[column] = None
    return table.sort_values(["discrepancy_id", "as_of", "value"], kind="stable")[
        DISCREPANCY_COLUMNS].reset_index(drop=True)


def _quantity(outcome: str, group_class: str, start, members: list, rows: pd.DataFrame) -> str:
    end = rows.loc[members, "as_of"].max()
    return f"{outcome} {group_class} cumulative {start.date()}..{end.date()}"


def find_revisions(claims: pd.DataFrame, *, source_key: str = "source_type",
                   outcomes: Sequence[str] = MONOTONE_OUTCOMES) -> pd.DataFrame:
    """Later cumulative claims from the same source that lie wholly below an earlier one.

    Only ``outcomes`` whose running totals cannot fall are read (killed, injured by default).
    Claims are matched on outcome, group class and ``source_key`` (``source_type`` by default, or
    ``source`` for the attribution as written; empty and ``none`` sources are left out). A later
    claim (greater ``as_of``) is flagged when the largest count it allows is below the smallest
    count the earlier claim allows (``_effective_bounds``); each flagged claim is paired with the
    earlier claim of the highest smallest count. Nothing is changed; both rows are listed.
    """
    claims = _check_claims(claims, ["article_id", "as_of", "value", "low", "high", "bound", "outcome",
                           "group", "scope", "unit", source_key])
    chosen = _cumulative(claims).loc[lambda t: t["as_of"].notna() & t[source_key].notna()
                                     & (t[source_key] != "none") & t["outcome"].isin(outcomes)]
    if "parent" in chosen.columns:
        chosen = chosen.loc[chosen["parent"].isna()]
    low, high = _effective_bounds(chosen)
    chosen = chosen.assign(group_class=_group_class(chosen["group"]), _low=low, _high=high)
    rows = []
    for (outcome, group_class, key), group in chosen.groupby(["outcome", "group_class", source_key],
                                                             sort=True):
        group = group.sort_values("as_of", kind="stable")
        for _, later in group.iterrows():
            earlier = group.loc[group["as_of"] < later["as_of"]]
            if earlier.empty:
                continue
            top = earlier.loc[earlier["_low"].idxmax()]
            if later["_high"] < top["_low"]:
                rows.append({
                    "outcome": outcome, "group_class": group_class, "source_key": key,
                    "earlier_article_id": top["article_id"], "earlier_outlet": top.get("outlet"),
                    "earlier_as_of": top["as_of"], "earlier_surface": top.get("surface"),
                    "earlier_value": top["value"], "later_article_id": later["article_id"],
                    "later_outlet": later.get("outlet"), "later_as_of": later["as_of"],
                    "later_surface": later.get("surface"), "later_value": later["value"],
                    "later_source": later.get("source"),
                    "difference": later["value"] - top["value"],
                })
    return pd.DataFrame(rows, columns=REVISION_COLUMNS) if rows else _empty(REVISION_COLUMNS)


# ---------------------------------------------------------------- consistency checks


def parent_rows(claims: pd.DataFrame) -> pd.Series:
    """For each claim with a ``parent``, the claims-table row label of that parent (else empty).

    ``parent`` is the ``start`` offset of the parent figure in the same passage (the claims table's
    convention), so the parent is the claim of the same ``passage_id`` with that ``start``.
    """
    claims = _check_claims(claims, ["passage_id", "start", "parent"])
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
    claims = _check_claims(claims, ["article_id", "passage_id", "start", "parent", "value", "low", "high",
                           "bound", "surface", "sentence", "unit"])
    people = _people(claims)
    parents = parent_rows(people)
    low, high = _effective_bounds(people)
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
    return pd.DataFrame(rows, columns=CLAIM_CHECK_COLUMNS) if rows else _empty(CLAIM_CHECK_COLUMNS)


def _unnested_totals(people: pd.DataFrame) -> list[tuple[object, pd.Index, tuple[str, str]]]:
    """(total row, subgroup rows, check names) for SUBGROUPS claims not nested by the text."""
    chosen = people.loc[(people["scope"] == "cumulative") & people["parent"].isna()
                        & people["as_of"].notna()] if "as_of" in people.columns else people.iloc[:0]
    out = []
    for (_article, _outcome, _as_of), rows in chosen.groupby(["article_id", "outcome", "as_of"],
                                                             sort=True):
        for total_group, subgroups in SUBGROUPS.items():
            parts = rows.index[rows["group"].isin(subgroups)]
            for total_index in rows.index[(rows["group"] == total_group) & rows["value"].notna()]:
                if len(parts):
                    out.append((total_index, parts, ("group_above_total", "groups_exceed_total")))
    return out


def check_reference_consistency(reference: pd.DataFrame) -> pd.DataFrame:
    """List, in the reference itself, daily figures that differ from cumulative differences, and
    cumulative values below the previous one.

    Only reported rows (``filled=False``) are used. ``daily_vs_cumulative``: a daily series
    ``S`` (scope ``period``) on day d against ``S_cum`` on d minus ``S_cum`` on its previous reported
    day. ``cumulative_decrease``: a cumulative value below the previous reported one.
    """
    _check_reference(reference)
    reported = reference.loc[~reference["filled"].astype(bool)]
    scope = reported["scope"] if "scope" in reported.columns else pd.Series(
        "cumulative", index=reported.index)
    rows = []
    for series, cum in reported.loc[scope == "cumulative"].groupby("series", sort=True):
        cum = cum.sort_values("date", kind="stable").drop_duplicates("date", keep="last")
        frame = pd.DataFrame({"date": cum["date"].to_numpy(),
                              "previous_date": cum["date"].shift().to_numpy(),
                              "cumulative_value": cum["value"].to_numpy(),
                              "previous_cumulative_value": cum["value"].shift().to_numpy(),
                              "source": cum["source"].to_numpy()}).iloc[1:]
        frame["cumulative_difference"] = frame["cumulative_value"] - frame["previous_cumulative_value"]
        decrease = frame.loc[frame["cumulative_difference"] < 0]
        rows.append(decrease.assign(check="cumulative_decrease", series=series,
                                    reported_daily_value=np.nan))
        daily_name = series.removesuffix("_cum")
        daily = reported.loc[(reported["series"] == daily_name) & (scope == "period")]
        if daily_name == series or daily.empty:
            continue
        joined = frame.merge(daily[["date", "value"]].rename(columns={"value": "reported_daily_value"}),
                             on="date", how="inner")
        differs = joined.loc[joined["reported_daily_value"] != joined["cumulative_difference"]]
        rows.append(differs.assign(check="daily_vs_cumulative", series=daily_name))
    rows = [r for r in rows if len(r)]
    if not rows:
        return _empty(REFERENCE_CHECK_COLUMNS)
    table = pd.concat(rows, ignore_index=True)
    return table.sort_values(["check", "series", "date"], kind="stable")[
        REFERENCE_CHECK_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------- rounding and attribution


def rounding_table(claims: pd.DataFrame, *, by: GroupBy = "outlet") -> pd.DataFrame:
    """Share of figures of people by rounding unit and by bound, per ``by`` and for ``all``.

    Columns: ``by``, n_figures, ``share_rounding_<exact|10|100|1000_or_more|vague>`` and
    ``share_bound_<bound>``; each family of shares sums to 1 on a row.
    """
    claims = _check_claims(claims, ["value", "bound", "unit", by])
    people = _people(claims)
    categories = pd.Series([rounding_category(v, b) for v, b in zip(people["value"], people["bound"],
                                                                     strict=True)],
                           index=people.index, dtype=object)
    keys = people[by].fillna("unknown").astype(str)
    frames = [(key, categories[keys == key], people.loc[keys == key, "bound"])
              for key in sorted(keys.unique())]
    frames.append(("all", categories, people["bound"]))
    rows = []
    for key, cats, bounds in frames:
        n = len(cats)
        row = {by: key, "n_figures": n}
        for category in ROUNDING_CATEGORIES:
            row[f"share_rounding_{category}"] = (cats == category).sum() / n if n else np.nan
        for bound in BOUND_ORDER:
            row[f"share_bound_{bound}"] = (bounds == bound).sum() / n if n else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def flag_qualifiers(claims: pd.DataFrame, *, qualifiers: dict[str, re.Pattern[str]] | None = None
                    ) -> pd.DataFrame:
    """One boolean column ``qualifier_<name>`` per qualifier: found in the claim's source or sentence.

    ``qualifier_any`` says whether any was found. Matching is on the claim's own sentence and
    source only; a qualifier in another sentence of the article is not counted.
    """
    qualifiers = QUALIFIER_PATTERNS if qualifiers is None else qualifiers
    claims = _check_claims(claims, ["source", "sentence"])
    text = claims["source"].fillna("").astype(str) + " || " + claims["sentence"].fillna("").astype(str)
    flags = pd.DataFrame({f"qualifier_{name}": text.map(lambda s, p=pattern: bool(p.search(s)))
                          for name, pattern in qualifiers.items()}, index=claims.index)
    flags["qualifier_any"] = flags.any(axis=1) if len(flags.columns) else False
    return flags


def attribution_qualifiers(claims: pd.DataFrame, *, by: GroupBy = "outlet",
                           qualifiers: dict[str, re.Pattern[str]] | None = None) -> pd.DataFrame:
    """Per ``by`` and for ``all``: n_claims, n_attributed (a source given), and the share of claims
    whose attribution carries each qualifier (``share_<name>``) and any of them (``share_any``)."""
    claims = _check_claims(claims, ["source", "sentence", by])
    flags = flag_qualifiers(claims, qualifiers=qualifiers)
    keys = claims[by].fillna("unknown").astype(str)
    rows = []
    for key in [*sorted(keys.unique()), "all"]:
        mask = keys == key if key != "all" else pd.Series(True, index=claims.index)
        n = int(mask.sum())
        row = {by: key, "n_claims": n, "n_attributed": int(claims.loc[mask, "source"].notna().sum())}
        for column in flags.columns:
            row["share_" + column.removeprefix("qualifier_")] = flags.loc[mask, column].mean() if n \
                else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
