"""Official reference series (e.g. the Gaza Ministry of Health daily figures) into one tidy table.

:func:`load_reference` reads three shapes into the columns of ``schema.REFERENCE_COLUMNS`` plus
``scope``:

* the Tech for Palestine ``casualties_daily.json`` (a list of daily records with ``report_date``,
  ``killed_cum``, ``injured_cum``, ... and ``ext_*`` gap-filled twins), or the same fields as a CSV;
* a tidy CSV with ``date, series, value`` (and optionally ``outcome, group, filled, source``), the
  shape of the hand-typed ``data/reference/gaza_moh_sample.csv``;
* a wide CSV: a date column (``date`` or ``report_date``) and one column of counts per series,
  like the 360info files.

Conventions (documented in data/reference/README.md):

* ``value`` is a count of people. ``scope`` is ``cumulative`` (a running total since 7 October
  2023) or ``period`` (a daily report: the Tech for Palestine ``killed`` and ``injured`` fields).
* A day with no reported value has no row, unless ``fill=True`` (the default) and the ``ext_``
  twin has a value: that row carries ``filled=True``. Values are never changed.
* Counts are finite, non-negative whole numbers ("12.0" is 12): ``Infinity``, ``NaN`` written as
  text (or as a JSON constant), booleans and fractions are refused naming the file, field and row.
  ``outcome`` and ``group`` words must be those of :mod:`newskit.schema` (OUTCOMES, GROUPS).
* Duplicate dates within one series (intra-day revisions, present in the 360info files) are
  resolved by ``duplicates``: ``"last"`` (default: the row that comes later in the file, taken as
  the later revision), ``"first"``, or ``"keep"`` (all rows stay, in file order). Every duplicate
  is reported in a NewskitWarning naming the file and the dates; none is dropped silently.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from newskit.errors import NewskitWarning, ReferenceSeriesError, excerpt
from newskit.schema import GROUPS, OUTCOMES, REFERENCE_COLUMNS, validate_columns

Duplicates = Literal["last", "first", "keep"]

# Tech for Palestine fields read, with the (outcome, group) each counts. Other fields (massacres,
# famine, aid seekers, the detail of daily killed) are not counts of a Figure outcome/group pair
# the claims table can hold, or overlap those below; they are left out on purpose.
TFP_SERIES: dict[str, tuple[str, str]] = {
    "killed_cum": ("killed", "palestinians"),
    "killed": ("killed", "palestinians"),
    "injured_cum": ("injured", "palestinians"),
    "injured": ("injured", "palestinians"),
    "killed_children_cum": ("killed", "children"),
    "killed_women_cum": ("killed", "women"),
    "med_killed_cum": ("killed", "medical_workers"),
    "press_killed_cum": ("killed", "journalists"),
    "civdef_killed_cum": ("killed", "other"),
}
# Series that hold a daily (period) figure rather than a running total.
DAILY_SERIES: frozenset[str] = frozenset({"killed", "injured"})
# Tech for Palestine West Bank file (``west_bank_daily.json``): top-level "flash" fields (Ministry of
# Health figures as relayed by UN OCHA flash updates; ``flash_source`` ``un``, or ``fill`` when Tech for
# Palestine carried the last value forward: read as filled) and a ``verified`` object (figures UN OCHA
# verified, to 2024-11-13), read as ``verified_<field>``.
WB_SERIES: dict[str, tuple[str, str]] = {
    "killed_cum": ("killed", "palestinians"),
    "injured_cum": ("injured", "palestinians"),
    "killed_children_cum": ("killed", "children"),
    "injured_children_cum": ("injured", "children"),
    "verified_killed_cum": ("killed", "palestinians"),
    "verified_injured_cum": ("injured", "palestinians"),
    "verified_killed_children_cum": ("killed", "children"),
    "verified_injured_children_cum": ("injured", "children"),
}
WB_MARKERS = ("flash_source", "verified")
# The place each known file shape counts, when neither a ``place`` column nor ``place=`` says.
TFP_PLACE = "gaza"
WB_PLACE = "west_bank"
UNKNOWN_PLACE = "unknown"
# Words in a wide CSV column name (or the file name) that give the place.
PLACE_WORDS = {"gaza": "gaza", "palestine": "gaza", "westbank": "west_bank", "israel": "israel",
               "lebanon": "lebanon"}
TFP_DATE_FIELD = "report_date"
TFP_SOURCE_FIELD = "report_source"
DATE_FIELDS = ("date", "report_date")

# Words in a wide CSV column name (or, failing that, the file name) that give the outcome / group.
OUTCOME_WORDS = {"killed": "killed", "dead": "killed", "deaths": "killed", "injured": "injured",
                 "wounded": "injured"}
GROUP_WORDS = {"children": "children", "women": "women", "soldiers": "soldiers",
               "palestine": "palestinians", "palestinians": "palestinians", "israel": "israelis",
               "israelis": "israelis", "journalists": "journalists", "press": "journalists"}

OUTPUT_COLUMNS = [*REFERENCE_COLUMNS, "scope"]
def series_scope(series: str) -> str:
    """``period`` for a daily series name (see DAILY_SERIES), else ``cumulative``.

    >>> series_scope("killed_cum"), series_scope("injured")
    ('cumulative', 'period')
    """
    return "period" if series in DAILY_SERIES else "cumulative"


def load_reference(
    path: str | Path | list[str | Path] | tuple[str | Path, ...],
    *,
    fill: bool = True,
    duplicates: Duplicates = "last",
    columns: list[str] | None = None,
    series_map: dict[str, tuple[str, str]] | None = None,
    place: str | None = None,
) -> pd.DataFrame:
    """Read an official series file into the tidy reference table (one row per date and series).

    ``fill``: take a day's value from the ``ext_`` twin (``filled=True``) when the reported field is
    absent (Tech for Palestine shape only). ``columns``: the count columns to read from a wide CSV
    or a Tech for Palestine file (default: every known one). ``series_map``: column -> (outcome,
    group) for wide CSV columns whose names do not say it. Rows are sorted by series then date.

    Raises ReferenceSeriesError (naming the file and field) for a file that is not JSON or CSV,
    lacks a date or value column, holds a count that is not a finite, non-negative whole number
    (text, ``Infinity``, ``NaN``, a boolean, 12.5), an outcome or group word outside the schema's
    vocabularies, or dates out of order.
    A file with no rows gives an empty table and a NewskitWarning.

    ``place`` (a snake_case key such as ``gaza``): where the series counts, for every row of a file
    that has no ``place`` column. Without it: ``gaza`` for the Tech for Palestine casualties file,
    ``west_bank`` for its West Bank file, a place word in a wide CSV's column or file name
    (``PLACE_WORDS``), else ``unknown``. Several paths (a list) load into one table, each read with
    the same options.
    """
    if isinstance(path, list | tuple):
        tables = [load_reference(p, fill=fill, duplicates=duplicates, columns=columns,
                                 series_map=series_map, place=place) for p in path]
        tables = [t for t in tables if len(t)] or tables[:1] or [_empty()]
        merged = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
        return merged.sort_values(["place", "series", "date"], kind="stable").reset_index(drop=True)
    if place is not None and (not isinstance(place, str) or not place.replace("_", "").isalnum()
                              or place != place.lower()):
        raise ReferenceSeriesError(f"reference file {path}: place={place!r} is not a snake_case key "
                                   "such as 'gaza' or 'west_bank'")
    path = Path(path)
    if duplicates not in ("last", "first", "keep"):
        raise ReferenceSeriesError(
            f"reference file {path}: duplicates={duplicates!r}; use 'last', 'first' or 'keep'"
        )
    raw = _read_raw(path)
    if raw.empty:
        warnings.warn(f"reference file {path}: no rows; the reference table is empty",
                      NewskitWarning, stacklevel=2)
        return _empty()
    if "series" in raw.columns and "date" in raw.columns:
        if "value" not in raw.columns:
            raise ReferenceSeriesError(
                f"reference file {path}: a tidy table (date, series, ...) without its value column "
                f"'value'; it has {excerpt(list(raw.columns))}"
            )
        tidy = _from_tidy(raw, path)
        default_place = UNKNOWN_PLACE
    elif TFP_DATE_FIELD in raw.columns and any(c in raw.columns for c in WB_MARKERS):
        tidy = _from_west_bank(raw, path, fill=fill, columns=columns)
        default_place = WB_PLACE
    elif TFP_DATE_FIELD in raw.columns and any(c in raw.columns or f"ext_{c}" in raw.columns
                                               for c in TFP_SERIES):
        tidy = _from_tfp(raw, path, fill=fill, columns=columns)
        default_place = TFP_PLACE
    else:
        tidy = _from_wide(raw, path, columns=columns, series_map=series_map or {})
        default_place = UNKNOWN_PLACE
    tidy = _assign_place(tidy, raw, path, place=place, default=default_place)
    tidy = _resolve_duplicates(tidy, path, duplicates)
    tidy["scope"] = tidy["series"].map(series_scope)
    tidy["filled"] = tidy["filled"].astype(bool)
    tidy = tidy.sort_values(["place", "series", "date"], kind="stable").reset_index(drop=True)
    return validate_columns(tidy[OUTPUT_COLUMNS], REFERENCE_COLUMNS, table_name="reference")


def _empty() -> pd.DataFrame:
    table = pd.DataFrame({c: pd.Series(dtype=object) for c in OUTPUT_COLUMNS})
    table["date"] = pd.to_datetime(table["date"])
    table["value"] = table["value"].astype(float)
    table["filled"] = table["filled"].astype(bool)
    return table


def _read_raw(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise ReferenceSeriesError(f"reference file {path}: not found")
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            # NaN and Infinity constants come through as text, to be refused with their field and row.
            records = json.loads(path.read_text(encoding="utf-8"), parse_constant=str)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            raise ReferenceSeriesError(f"reference file {path}: not valid JSON ({exc})") from None
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ReferenceSeriesError(
                f"reference file {path}: expected a JSON list of daily records (objects with "
                f"'{TFP_DATE_FIELD}'), got {type(records).__name__}"
            )
        return pd.DataFrame.from_records(records)
    if suffix == ".csv":
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        except pd.errors.EmptyDataError:
            return pd.DataFrame()
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise ReferenceSeriesError(f"reference file {path}: not a readable CSV ({exc})") from None
    raise ReferenceSeriesError(
        f"reference file {path}: suffix {path.suffix!r} is neither .json nor .csv; give a Tech for "
        "Palestine casualties_daily.json or a CSV with a date column"
    )


def _parse_dates(values: pd.Series, path: Path, field: str) -> pd.Series:
    dates = pd.to_datetime(values, errors="coerce", format="ISO8601")
    bad = dates.isna() & values.notna()
    if values.isna().any() or bad.any():
        row = int(np.flatnonzero(bad | values.isna())[0])
        raise ReferenceSeriesError(
            f"reference file {path}, field {field!r}, row {row}: {excerpt(values.iloc[row])} is not a date "
            "(expected YYYY-MM-DD)"
        )
    return dates.dt.normalize()


def _check_order(dates: pd.Series, path: Path, field: str) -> None:
    back = np.flatnonzero(dates.diff().dt.days.fillna(0).to_numpy() < 0)
    if len(back):
        row = int(back[0])
        raise ReferenceSeriesError(
            f"reference file {path}, field {field!r}, row {row}: date {dates.iloc[row].date()} comes "
            f"after {dates.iloc[row - 1].date()}; dates must be in ascending order"
        )


def _count_problem(raw: object, count: float) -> str | None:
    """Why a parsed count is not a count of people (None when it is one)."""
    if isinstance(raw, bool | np.bool_):
        return "is a boolean, not a count"
    if math.isnan(count):
        return "is not a number"
    if math.isinf(count):
        return "is not a finite count"
    if count < 0:
        return "is a negative count"
    if count != math.floor(count):
        return "is not a whole number of people"
    return None


def _parse_counts(values: pd.Series, path: Path, field: str, dates: pd.Series) -> pd.Series:
    """Counts of people: finite, non-negative, whole; a missing value stays NaN (no row)."""
    as_text = values.map(lambda v: v if isinstance(v, str | bool | np.bool_) or pd.isna(v) else str(v))
    counts = pd.to_numeric(as_text.where(~as_text.map(lambda v: isinstance(v, bool | np.bool_)), "nan"),
                           errors="coerce")
    raw, parsed = values.to_numpy(dtype=object), counts.to_numpy(dtype=float)  # arrays: a series has 1,000s of days
    for row in np.flatnonzero(values.notna().to_numpy()):
        problem = _count_problem(raw[row], float(parsed[row]))
        if problem is None:
            continue
        fix = "; leave the field out with columns=[...]" if problem == "is a negative count" else ""
        raise ReferenceSeriesError(
            f"reference file {path}, field {field!r}, row {row} ({dates.iloc[row].date()}): "
            f"{excerpt(values.iloc[row])} {problem}{fix}"
        )
    return counts.astype(float)


def _tidy_rows(dates, series, outcome, group, counts, filled, source) -> pd.DataFrame:
    keep = counts.notna()
    return pd.DataFrame({
        "date": dates[keep].to_numpy(), "series": series, "outcome": outcome, "group": group,
        "value": counts[keep].to_numpy(), "filled": np.asarray(filled)[keep.to_numpy()]
        if not np.isscalar(filled) else filled,
        "source": np.asarray(source, dtype=object)[keep.to_numpy()]
        if not isinstance(source, str) else source,
    })


def _wanted_series(columns: list[str] | None, known: Mapping[str, Any], path: Path, *, what: str) -> list[str]:
    """The series to read: ``columns`` (each one of ``known``) or every known one; refused naming the file."""
    wanted = columns or list(known)
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise ReferenceSeriesError(
            f"reference file {path}: columns {unknown} are not {what} series this kit reads; "
            f"choose from {list(known)}"
        )
    return wanted


def _from_tfp(raw: pd.DataFrame, path: Path, *, fill: bool, columns: list[str] | None) -> pd.DataFrame:
    dates = _parse_dates(raw[TFP_DATE_FIELD], path, TFP_DATE_FIELD)
    _check_order(dates, path, TFP_DATE_FIELD)
    wanted = _wanted_series(columns, TFP_SERIES, path, what="Tech for Palestine")
    report_source = (raw[TFP_SOURCE_FIELD].fillna("unknown").astype(str)
                     if TFP_SOURCE_FIELD in raw.columns else pd.Series("unknown", index=raw.index))
    parts = []
    for field in wanted:
        outcome, group = TFP_SERIES[field]
        reported = (_parse_counts(raw[field], path, field, dates) if field in raw.columns
                    else pd.Series(np.nan, index=raw.index))
        twin = f"ext_{field}"
        extended = (_parse_counts(raw[twin], path, twin, dates) if fill and twin in raw.columns
                    else pd.Series(np.nan, index=raw.index))
        filled = reported.isna() & extended.notna()
        counts = reported.where(~filled, extended)
        source = np.where(
            filled, f"{path.name}: {twin} (gap-filled by Tech for Palestine)",
            f"{path.name}: {field}, report_source=" + report_source.to_numpy().astype(object),
        )
        parts.append(_tidy_rows(dates, field, outcome, group, counts, filled.to_numpy(), source))
    return pd.concat(parts, ignore_index=True)


def _from_tidy(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    dates = _parse_dates(raw["date"], path, "date")
    counts = _parse_counts(raw["value"], path, "value", dates)
    series = raw["series"]
    if series.isna().any():
        row = int(np.flatnonzero(series.isna())[0])
        raise ReferenceSeriesError(f"reference file {path}, field 'series', row {row}: empty")
    places = raw["place"].fillna("") if "place" in raw.columns else pd.Series("", index=raw.index)
    for (where, name), in_series in series.groupby([places, series], sort=False).groups.items():
        label = f"date (series {name}{', place ' + where if where else ''})"
        _check_order(dates[in_series].reset_index(drop=True), path, label)
    of_name = {s: TFP_SERIES.get(s, _infer_outcome_group(s, path)) for s in dict.fromkeys(series)}  # once a series
    inferred = [of_name[s] for s in series]
    outcome = raw["outcome"] if "outcome" in raw.columns else pd.Series([o for o, _ in inferred])
    group = raw["group"] if "group" in raw.columns else pd.Series([g for _, g in inferred])
    filled = (raw["filled"].fillna("false").str.strip().str.lower().isin(["true", "1", "yes"])
              if "filled" in raw.columns else pd.Series(False, index=raw.index))
    source = raw["source"].fillna(path.name) if "source" in raw.columns else path.name
    _check_words(outcome, path, "outcome", OUTCOMES)
    _check_words(group, path, "group", GROUPS)
    table = pd.DataFrame({"date": dates, "series": series, "outcome": outcome, "group": group,
                          "value": counts, "filled": filled.to_numpy(),
                          "source": source})
    if "place" in raw.columns:  # a place per row; empty cells take place= or the default
        bad = raw["place"].notna() & ~raw["place"].fillna("").str.fullmatch(r"[a-z][a-z0-9_]*")
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise ReferenceSeriesError(f"reference file {path}, field 'place', row {row}: "
                                       f"{excerpt(raw['place'].iloc[row])} is not a snake_case place key")
        table["place"] = raw["place"].to_numpy()
    return table.loc[counts.notna()].reset_index(drop=True)


def _check_words(words: pd.Series, path: Path, field: str, vocabulary: tuple[str, ...]) -> None:
    """Every non-empty word is one of ``vocabulary`` (the claims table's), or the file is refused."""
    for row, word in enumerate(words):
        if word is None or (isinstance(word, float) and math.isnan(word)) or word in vocabulary:
            continue
        raise ReferenceSeriesError(
            f"reference file {path}, field {field!r}, row {row}: {excerpt(word)} is not one of "
            f"{list(vocabulary)}"
        )


def _infer_outcome_group(name: str, path: Path) -> tuple[str | None, str]:
    words = name.lower().replace("-", "_").split("_")
    file_words = path.stem.lower().replace("-", "_").split("_")
    outcome = next((OUTCOME_WORDS[w] for w in words if w in OUTCOME_WORDS),
                   next((OUTCOME_WORDS[w] for w in file_words if w in OUTCOME_WORDS), None))
    group = next((GROUP_WORDS[w] for w in words if w in GROUP_WORDS), "people")
    return outcome, group


def _from_wide(raw: pd.DataFrame, path: Path, *, columns: list[str] | None,
               series_map: dict[str, tuple[str, str]]) -> pd.DataFrame:
    date_field = next((c for c in DATE_FIELDS if c in raw.columns), None)
    if date_field is None:
        raise ReferenceSeriesError(
            f"reference file {path}: no date column (looked for {list(DATE_FIELDS)}; it has "
            f"{list(raw.columns)})"
        )
    wanted = columns or [c for c in raw.columns if c != date_field]
    missing = [c for c in wanted if c not in raw.columns]
    if missing or not wanted:
        raise ReferenceSeriesError(
            f"reference file {path}: no value column{' ' + str(missing) if missing else ''}; it has "
            f"{list(raw.columns)}"
        )
    dates = _parse_dates(raw[date_field], path, date_field)
    _check_order(dates, path, date_field)
    parts = []
    for field in wanted:
        counts = _parse_counts(raw[field], path, field, dates)
        outcome, group = series_map.get(field) or _infer_outcome_group(field, path)
        if field in series_map:
            for word, vocabulary, what in ((outcome, OUTCOMES, "outcome"), (group, GROUPS, "group")):
                if word is not None and word not in vocabulary:
                    raise ReferenceSeriesError(
                        f"reference file {path}, field {field!r}: series_map gives {what} {excerpt(word)}, "
                        f"which is not one of {list(vocabulary)}"
                    )
        if outcome is None:
            warnings.warn(
                f"reference file {path}, field {field!r}: neither the column nor the file name says "
                "killed or injured; outcome left empty (pass series_map={field: (outcome, group)})",
                NewskitWarning, stacklevel=3,
            )
        parts.append(_tidy_rows(dates, field, outcome, group, counts, False, path.name))
    return pd.concat(parts, ignore_index=True)


def _resolve_duplicates(tidy: pd.DataFrame, path: Path, duplicates: Duplicates) -> pd.DataFrame:
    key = ["place", "series", "date"] if "place" in tidy.columns else ["series", "date"]
    repeated = tidy.duplicated(key, keep=False)
    if not repeated.any():
        return tidy
    dup_dates = sorted({str(d.date()) for d in tidy.loc[repeated, "date"]})
    n_rows = int(repeated.sum())
    rule = {"last": "kept the last row of each date (the later revision in file order)",
            "first": "kept the first row of each date",
            "keep": "kept every row"}[duplicates]
    warnings.warn(
        f"reference file {path}: {n_rows} rows share a date within a series on {dup_dates}; "
        f"{rule} (duplicates={duplicates!r})",
        NewskitWarning, stacklevel=3,
    )
    if duplicates == "keep":
        return tidy
    return tidy.loc[~tidy.duplicated(key, keep=duplicates)].reset_index(drop=True)


def _assign_place(tidy: pd.DataFrame, raw: pd.DataFrame, path: Path, *, place: str | None,
                  default: str) -> pd.DataFrame:
    """Give each row its ``place``: the file's ``place`` column (tidy CSV), else ``place=``, else
    the series or file name's place word (wide CSV), else the shape's ``default``."""
    if "place" in tidy.columns and tidy["place"].notna().all():
        return tidy
    if "place" in tidy.columns:
        return tidy.assign(place=tidy["place"].fillna(place or default))
    if place is not None:
        return tidy.assign(place=place)
    if default == UNKNOWN_PLACE:
        file_words = path.stem.lower().replace("-", "_").split("_")

        def _place_of(series: str) -> str:
            words = str(series).lower().replace("-", "_").split("_")
            return next((PLACE_WORDS[w] for w in [*words, *file_words] if w in PLACE_WORDS), default)

        return tidy.assign(place=tidy["series"].map(_place_of))
    return tidy.assign(place=default)


def _from_west_bank(raw: pd.DataFrame, path: Path, *, fill: bool, columns: list[str] | None
                    ) -> pd.DataFrame:
    """Rows of the Tech for Palestine West Bank file (see ``WB_SERIES``).

    Flash fields on a day whose ``flash_source`` is ``fill`` carry an earlier value forward: they
    are rows with ``filled=True`` (left out with ``fill=False``). Verified fields are as reported.
    """
    dates = _parse_dates(raw[TFP_DATE_FIELD], path, TFP_DATE_FIELD)
    _check_order(dates, path, TFP_DATE_FIELD)
    wanted = _wanted_series(columns, WB_SERIES, path, what="West Bank")
    flash_source = (raw["flash_source"].fillna("unknown").astype(str) if "flash_source" in raw.columns
                    else pd.Series("unknown", index=raw.index))
    verified = (raw["verified"] if "verified" in raw.columns
                else pd.Series([None] * len(raw), index=raw.index))
    verified = verified.map(lambda v: v if isinstance(v, dict) else {})
    parts = []
    for field in wanted:
        outcome, group = WB_SERIES[field]
        if field.startswith("verified_"):
            inner = field.removeprefix("verified_")
            values = verified.map(lambda v, k=inner: v.get(k))
            counts = _parse_counts(values, path, f"verified.{inner}", dates)
            source = f"{path.name}: verified.{inner}"
            parts.append(_tidy_rows(dates, field, outcome, group, counts, False, source))
            continue
        values = raw[field] if field in raw.columns else pd.Series(np.nan, index=raw.index)
        counts = _parse_counts(values, path, field, dates)
        filled = (flash_source == "fill").to_numpy()
        if not fill:
            counts = counts.where(~filled)
        source = np.asarray(f"{path.name}: {field}, flash_source=" + flash_source, dtype=object)
        parts.append(_tidy_rows(dates, field, outcome, group, counts, filled, source))
    return pd.concat(parts, ignore_index=True)
