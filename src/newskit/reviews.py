"""Reviewer corrections to the claims table, kept in a file so that they survive reruns.

A **reviews file** is a UTF-8 CSV, one review per row (:data:`REVIEW_FILE_COLUMNS`)::

    article_id,start,surface,field,value,reviewer,note
    002_da15ff6bf3766d8c,199,10,scope,incident,ab,one day's losses: one event
    002_da15ff6bf3766d8c,60,116,figure,not_a_figure,ab,living hostages already in the 135

A review names its claim by ``article_id``, ``start`` and ``surface`` as the claims table writes
them (``start`` is the offset in the passage); an optional ``passage_id`` column says which passage
when one article holds the same number at the same offset in two passages. ``field`` is one of
:data:`REVIEWABLE_FIELDS` and ``value`` a value of that field (the vocabularies of
:mod:`newskit.schema`; an empty cell clears ``value``, ``low``, ``high``, ``parent``, ``as_of`` or
``source``), or ``field`` is ``figure`` with ``value`` ``not_a_figure`` (the row counts no
casualty) or ``add`` (a figure the extractor missed at that article, start and surface, whose fields
come in further rows of the same article, start and surface: an ``outcome`` row is required).
:func:`load_reviews` refuses a file it cannot read, a missing column, an unknown field, a value
outside its field's vocabulary, a start that is not a whole number, or two reviews of one field of
one claim, with a :class:`ReviewsError` naming the file, the row (as a spreadsheet numbers it: the
header is row 1) and the fix.

**The reviewed claims table** (:func:`apply_reviews`) has every column of the claims table holding
the *reviewed* value (so statistics, which read ``value``, ``scope``, ``place``, ..., use reviewed
values with no change), and keeps the raw extraction:

* ``extracted_<field>``: for each field some review set (and ``low``/``high`` when a reviewed
  ``value``, ``bound`` or ``unit`` moved the interval), the extractor's value in every extracted
  row (null in added rows);
* ``reviewed``: a reviewer set something in this row; ``reviewed_fields``: which fields
  (``;``-joined, ``figure`` included); ``reviewer`` and ``review_note``: who and why;
* ``not_a_figure``: a reviewer says this row is not a figure. The row stays in the table for audit;
  :func:`reviewed_claims` leaves it out, and is what statistics and the report should read. A subset
  whose ``parent`` is that row gets ``parent`` cleared (``extracted_parent`` keeps it) and a
  ``review_note`` saying so (:data:`PARENT_CLEARED_NOTE`), unless a reviewer set its ``parent``;
* ``added``: a figure a reviewer added (after the extracted rows; ``rules`` empty).

``rules`` and ``flags`` stay the extractor's. A review that matches no claim (the text or the rules
changed), or more than one, is not applied: it is listed in ``claims.attrs["unmatched_reviews"]``
(:func:`unmatched_reviews` gives the table, with a ``reason``) and named in a NewskitWarning.
Applying reviews to a reviewed table first restores the extraction (:func:`extracted_claims`), so
reapplying a file gives the same table. :func:`apply_reviews_file` is the one call a report makes
(a path or None), and :func:`review_counts` / :func:`describe_reviews` say how many claims were reviewed.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from newskit.errors import NewskitError, NewskitWarning, excerpt
from newskit.extract.record import DEFAULT_CONVENTIONS, Conventions
from newskit.numbers import NumberExpr, find_numbers
from newskit.schema import PLACES, VOCABULARIES, validate_columns
from newskit.tables import unescape
from newskit.vocabulary import Vocabulary, load_vocabulary

REVIEW_FILE_COLUMNS = ["article_id", "start", "surface", "field", "value", "reviewer", "note"]
OPTIONAL_FILE_COLUMNS = ["passage_id"]
# The reviews table load_reviews returns: `row` is the spreadsheet row (header = row 1), `value` the text.
REVIEW_TABLE_COLUMNS = ["row", "article_id", "passage_id", "start", "surface", "field", "value", "reviewer", "note"]
UNMATCHED_COLUMNS = [*REVIEW_TABLE_COLUMNS, "reason"]
REVIEWABLE_FIELDS: tuple[str, ...] = (
    "value", "unit", "bound", "low", "high", "outcome", "group", "place", "scope", "source",
    "source_type", "parent", "as_of", "sentence",
)
FIGURE_FIELD = "figure"
NOT_A_FIGURE = "not_a_figure"
ADD = "add"
FIGURE_VALUES: tuple[str, ...] = (NOT_A_FIGURE, ADD)
REVIEW_COLUMNS = ["reviewed", "not_a_figure", "added", "reviewed_fields", "reviewer", "review_note"]
EXTRACTED_PREFIX = "extracted_"
NUMBER_FIELDS = ("value", "low", "high")
# Text fields whose empty cell means "none".
NULLABLE_TEXT_FIELDS = ("source", "sentence")
# Defaults of a figure a reviewer adds, for the fields the reviewer does not give.
ADDED_DEFAULTS: dict[str, Any] = {
    "unit": "people", "bound": "exact", "group": "people", "place": "unknown", "scope": "unknown",
    "source": None, "source_type": "none", "parent": None, "sentence": None,
}
# The review_note of a subset whose parent a reviewer marked not a figure (its parent is cleared).
PARENT_CLEARED_NOTE = "parent cleared: the figure it belongs to"
# How many unmatched reviews a warning names before it says "and N more".
MAX_ROWS_IN_WARNING = 10
# How many valid choices an error message lists.
MAX_CHOICES_SHOWN = 20
RE_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReviewsError(NewskitError):
    """A reviews file (or table) that cannot be read as reviews; names the file, the row and the fix."""


@dataclass(frozen=True)
class Review:
    """One checked review: the row it came from, its claim key, its field and typed value."""

    row: int
    article_id: str
    passage_id: str | None
    start: int
    surface: str
    field: str
    text: str
    value: Any
    reviewer: str
    note: str

    @property
    def key(self) -> tuple[str, str | None, int, str]:
        return (self.article_id, self.passage_id, self.start, self.surface)

    def record(self) -> dict[str, Any]:
        return {"row": self.row, "article_id": self.article_id, "passage_id": self.passage_id,
                "start": self.start, "surface": self.surface, "field": self.field, "value": self.text,
                "reviewer": self.reviewer, "note": self.note}


# --------------------------------------------------------------------------------------------------
# Reading and checking


def load_reviews(reviews_path: str | Path, *, vocabulary: Vocabulary | None = None) -> pd.DataFrame:
    """Read and check a reviews CSV; return :data:`REVIEW_TABLE_COLUMNS` (``value`` as written).

    ``row`` is the row a spreadsheet shows (the header is row 1); blank rows are skipped; extra
    columns are ignored. Places are those of :data:`newskit.schema.PLACES` and of ``vocabulary``
    (default: the extractor's). A text cell written spreadsheet-safe (``'=...``) is read back
    as ``=...``. An empty file body gives an empty table. Raises :class:`ReviewsError` naming the
    file, the row and the fix.
    """
    path = Path(reviews_path)
    where = f"reviews file {path}"
    table = _read_table(path, where=where)
    checked = check_reviews(table, vocabulary=vocabulary, where=where)
    checked.attrs["path"] = str(path)
    return checked


def _read_table(path: Path, *, where: str) -> pd.DataFrame:
    expected = ",".join(REVIEW_FILE_COLUMNS)
    if path.is_dir():
        raise ReviewsError(f"{where}: is a folder; give a CSV file with the columns {expected}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReviewsError(f"{where}: does not exist; give the path of a CSV with the columns {expected}") from None
    except OSError as error:
        raise ReviewsError(f"{where}: cannot read it ({error.strerror})") from None
    if b"\0" in data:
        raise ReviewsError(f"{where}: holds NUL bytes, so it is not a text CSV (a spreadsheet file? "
                           "save it as 'CSV UTF-8')")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReviewsError(f"{where}: not UTF-8 at byte {error.start} "
                           f"({excerpt(data[error.start:error.start + 8])}); save it as 'CSV UTF-8'") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 0
    try:
        for cells in reader:
            records.append((line + 1, cells))
            line = reader.line_num
    except csv.Error as error:
        raise ReviewsError(f"{where}, row {line + 1}: not CSV ({error}); check the quotes on that row") from None
    header_at = next((i for i, (_row, cells) in enumerate(records) if any(c.strip() for c in cells)), None)
    if header_at is None:
        raise ReviewsError(f"{where}: empty; its first row must be the header {expected}")
    header_row, header = records[header_at]
    header = [h.strip() for h in header]
    repeated = sorted({h for h in header if header.count(h) > 1 and h})
    if repeated:
        raise ReviewsError(f"{where}, row {header_row}: column(s) {excerpt(repeated)} appear twice; keep one of each")
    missing = [c for c in REVIEW_FILE_COLUMNS if c not in header]
    if missing:
        raise ReviewsError(
            f"{where}, row {header_row}: no column(s) {missing}; the header is {excerpt(header)} and must name "
            f"{expected} (plus passage_id, optional)"
        )
    wanted = [c for c in (*REVIEW_FILE_COLUMNS, *OPTIONAL_FILE_COLUMNS) if c in header]
    rows = []
    for row, cells in records[header_at + 1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise ReviewsError(
                f"{where}, row {row}: {len(cells)} cells where the header has {len(header)} "
                f"({excerpt(cells)}); a quote left open, or a comma inside a cell that is not quoted?"
            )
        rows.append({"row": row, **{c: unescape(cells[header.index(c)].strip()) for c in wanted}})
    return pd.DataFrame(rows, columns=["row", *wanted])


def check_reviews(
    reviews: pd.DataFrame, *, vocabulary: Vocabulary | None = None, where: str = "reviews table"
) -> pd.DataFrame:
    """A reviews table checked like a file (see :func:`load_reviews`) and given :data:`REVIEW_TABLE_COLUMNS`.

    A table without ``row`` numbers its rows from 2, as a file would. Raises :class:`ReviewsError`.
    """
    _parse(reviews, vocabulary=vocabulary, where=where)
    table = reviews.copy()
    if "row" not in table.columns:
        table.insert(0, "row", range(2, len(table) + 2))
    if "passage_id" not in table.columns:
        table["passage_id"] = ""
    table = table[REVIEW_TABLE_COLUMNS].reset_index(drop=True)
    for column in REVIEW_TABLE_COLUMNS:
        table[column] = [_cell(v) for v in table[column]] if column not in ("row", "start") else [
            int(str(v).strip()) for v in table[column]]
    table.attrs = dict(reviews.attrs)
    return table


def _cell(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()


def _places(vocabulary: Vocabulary | None) -> tuple[str, ...]:
    vocabulary = vocabulary if vocabulary is not None else load_vocabulary()
    extra = [p for p in vocabulary.section("places") if p not in PLACES]
    return (*PLACES, *sorted(extra))


def _choices(words: Iterable[str], given: str) -> str:
    """``one of a, b, c (did you mean 'b'?)``; a long list (places) is cut after :data:`MAX_CHOICES_SHOWN`."""
    words = list(words)
    normal = "_".join(given.lower().split())
    close = [normal] if normal in words else difflib.get_close_matches(normal, words, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    shown = ", ".join(words[:MAX_CHOICES_SHOWN])
    if len(words) > MAX_CHOICES_SHOWN:
        shown += f", ... ({len(words)} in all: newskit.schema and the vocabulary's places)"
    return f"one of {shown}{hint}"


def _parse(reviews: pd.DataFrame, *, vocabulary: Vocabulary | None, where: str) -> list[Review]:
    """Every row of ``reviews`` as a checked :class:`Review`; ReviewsError on the first bad one."""
    if not isinstance(reviews, pd.DataFrame):
        raise ReviewsError(f"{where}: expected a table (pandas DataFrame), got {type(reviews).__name__}; "
                           "read a file with load_reviews(path)")
    missing = [c for c in REVIEW_FILE_COLUMNS if c not in reviews.columns]
    if missing:
        raise ReviewsError(f"{where}: no column(s) {missing}; a reviews table has {REVIEW_FILE_COLUMNS} "
                           "(plus passage_id, optional)")
    places = _places(vocabulary) if len(reviews) else ()  # the vocabulary is read only to check reviews
    parsed: list[Review] = []
    seen: dict[tuple, int] = {}
    for position, record in enumerate(reviews.to_dict("records")):
        row = int(record["row"]) if "row" in record and _cell(record["row"]).isdigit() else position + 2
        at = f"{where}, row {row}"
        article_id, surface = _cell(record["article_id"]), _cell(record["surface"])
        field, text = _cell(record["field"]), _cell(record["value"])
        if not article_id:
            raise ReviewsError(f"{at}: empty article_id; copy the claim's article_id from the claims table")
        if not surface:
            raise ReviewsError(f"{at}: empty surface; copy the number as the claims table writes it (e.g. 18,600)")
        start_text = _cell(record["start"])
        if not start_text.isdigit():
            raise ReviewsError(f"{at}: start {excerpt(start_text)} is not a whole number; copy the claim's start "
                               "from the claims table (its offset in the passage, e.g. 12)")
        if field != FIGURE_FIELD and field not in REVIEWABLE_FIELDS:
            raise ReviewsError(
                f"{at}: field {excerpt(field)} is not a field a review sets; it must be "
                f"{_choices((*REVIEWABLE_FIELDS, FIGURE_FIELD), field)}"
            )
        value = _parse_value(field, text, places=places, at=at)
        passage_id = _cell(record.get("passage_id")) or None
        review = Review(row=row, article_id=article_id, passage_id=passage_id, start=int(start_text),
                        surface=surface, field=field, text=text, value=value,
                        reviewer=_cell(record["reviewer"]), note=_cell(record["note"]))
        slot = (review.key, "figure" if field == FIGURE_FIELD else field)
        if slot in seen:
            raise ReviewsError(
                f"{at}: reviews {field} of the claim ({article_id}, start {review.start}, {excerpt(surface)}) again, "
                f"after row {seen[slot]}; keep one row per claim and field"
            )
        seen[slot] = row
        parsed.append(review)
    _check_additions(parsed, where=where)
    return parsed


def _parse_value(field: str, text: str, *, places: tuple[str, ...], at: str) -> Any:
    """The typed value of one review's ``value`` cell (None for a cleared field)."""
    if field == FIGURE_FIELD:
        if text not in FIGURE_VALUES:
            raise ReviewsError(f"{at}: figure {excerpt(text)} must be {_choices(FIGURE_VALUES, text)}")
        return text
    if field in VOCABULARIES or field == "place":
        words = places if field == "place" else VOCABULARIES[field]
        if text not in words:
            raise ReviewsError(f"{at}: {field} {excerpt(text)} is not {_choices(words, text)}")
        return text
    if field in NUMBER_FIELDS:
        if not text:
            return None
        if not RE_NUMBER.match(text):
            raise ReviewsError(f"{at}: {field} {excerpt(text)} is not a number; write it in digits "
                               "(18600 or 18,600), or leave the cell empty for none")
        return float(text.replace(",", ""))
    if field == "parent":
        if not text:
            return None
        if not text.isdigit():
            raise ReviewsError(f"{at}: parent {excerpt(text)} is not a whole number; give the start of the "
                               "figure it belongs to, in the same passage, or leave the cell empty for none")
        return int(text)
    if field == "as_of":
        if not text:
            return None
        try:
            if not RE_DATE.match(text):
                raise ValueError(text)
            return pd.Timestamp(date.fromisoformat(text))
        except ValueError:
            raise ReviewsError(f"{at}: as_of {excerpt(text)} is not a date; write it YYYY-MM-DD "
                               "(e.g. 2023-12-14), or leave the cell empty for none") from None
    return text or None  # source, sentence: any text


def _check_additions(parsed: list[Review], *, where: str) -> None:
    by_key: dict[tuple, list[Review]] = {}
    for review in parsed:
        by_key.setdefault(review.key, []).append(review)
    for reviews in by_key.values():
        figure = next((r for r in reviews if r.field == FIGURE_FIELD), None)
        if figure is None or figure.value != ADD:
            continue
        at = f"{where}, row {figure.row}"
        fields = {r.field for r in reviews}
        if "outcome" not in fields:
            raise ReviewsError(f"{at}: add of ({figure.article_id}, start {figure.start}, "
                               f"{excerpt(figure.surface)}) has no outcome row; add a row with field outcome "
                               "and the same article_id, start and surface")
        if "value" not in fields and not _number(figure.surface):
            raise ReviewsError(f"{at}: add: the surface {excerpt(figure.surface)} is not a number the kit reads; "
                               "add a row with field value (the number, in digits)")


def _number(surface: str) -> NumberExpr | None:
    numbers = find_numbers(surface)
    return numbers[0] if numbers else None


# --------------------------------------------------------------------------------------------------
# Applying


def extracted_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims table as extracted: added rows dropped, ``extracted_<field>`` put back, review columns gone.

    A table with no review columns comes back as a copy. Pure.
    """
    raw = claims.copy()
    raw.attrs = {k: v for k, v in claims.attrs.items() if k != "unmatched_reviews"}
    if "added" in raw.columns:
        raw = raw.loc[~raw["added"].fillna(False).astype(bool)].copy()
    extracted = [c for c in raw.columns if c.startswith(EXTRACTED_PREFIX)]
    for column in extracted:
        raw[column.removeprefix(EXTRACTED_PREFIX)] = raw[column]
    return raw.drop(columns=[*extracted, *(c for c in REVIEW_COLUMNS if c in raw.columns)])


def apply_reviews(
    claims: pd.DataFrame,
    reviews: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    vocabulary: Vocabulary | None = None,
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> pd.DataFrame:
    """The claims table with ``reviews`` applied (shape in the module docstring); inputs are not changed.

    A review matches the claim of its ``article_id``, ``start`` and ``surface`` (and ``passage_id``
    when given). A reviewed ``value``, ``bound`` or ``unit`` with neither ``low`` nor ``high``
    reviewed moves the interval by ``conventions``, as the extractor would. An added figure takes
    ``outlet`` and ``published`` from ``articles`` (else from the article's other claims), ``as_of``
    = ``published`` unless reviewed, its value, unit and bound from its surface unless reviewed,
    then :data:`ADDED_DEFAULTS`. Reviews that match no claim, or several, are listed in
    ``attrs["unmatched_reviews"]`` and named in one NewskitWarning; an ``add`` of a figure the
    extractor now finds reviews that claim, with a warning. Reapplying gives the same table.
    """
    validate_columns(claims, ["article_id", "start", "surface"], table_name="claims")
    where = reviews.attrs.get("path") if isinstance(reviews, pd.DataFrame) else None
    where = f"reviews file {where}" if where else "reviews table"
    parsed = _parse(reviews, vocabulary=vocabulary, where=where)
    base = extracted_claims(claims)
    lookup: dict[tuple[str, int, str], list[Any]] = {}
    passages = base["passage_id"] if "passage_id" in base.columns else pd.Series(None, index=base.index)
    for label, article_id, start, surface in zip(base.index, base["article_id"], base["start"], base["surface"],
                                                 strict=True):
        if pd.notna(start) and pd.notna(surface):
            lookup.setdefault((_key_text(article_id), int(start), _key_text(surface)), []).append(label)

    groups: dict[tuple, list[Review]] = {}
    for review in parsed:
        groups.setdefault(review.key, []).append(review)
    changes: dict[Any, dict[str, Review]] = {}
    additions: list[list[Review]] = []
    unmatched: list[dict[str, Any]] = []
    already_found: list[Review] = []
    for key, group in groups.items():
        article_id, passage_id, start, surface = key
        labels = [lb for lb in lookup.get((article_id, start, surface), [])
                  if passage_id is None or str(passages[lb]) == passage_id]
        is_add = any(r.field == FIGURE_FIELD and r.value == ADD for r in group)
        if not labels and is_add:
            additions.append(group)
            continue
        if len(labels) != 1:
            if labels:
                among = ", ".join(sorted(str(passages[lb]) for lb in labels))
                reason = f"matches {len(labels)} claims (passages {among}); add a passage_id column to say which"
            else:
                reason = (f"no claim at ({article_id}, start {start}, {excerpt(surface, limit=30)})"
                          + (f" in passage {passage_id}" if passage_id else "") + "; the text or the rules changed")
            unmatched.extend({**r.record(), "reason": reason} for r in group)
            continue
        target = changes.setdefault(labels[0], {})
        for review in group:
            slot = FIGURE_FIELD if review.field == FIGURE_FIELD else review.field
            if slot in target:
                unmatched.append({**review.record(), "reason": f"the claim's {slot} is already reviewed by row "
                                  f"{target[slot].row} (one with passage_id, one without?)"})
                continue
            target[slot] = review
            if review.field == FIGURE_FIELD and review.value == ADD:
                already_found.append(review)

    out = _with_changes(base, changes, conventions=conventions)
    if additions:
        out = _with_additions(out, base, additions, articles=articles, conventions=conventions)
    out.attrs = {**base.attrs, "unmatched_reviews": unmatched}
    if already_found:
        rows = ", ".join(str(r.row) for r in already_found[:MAX_ROWS_IN_WARNING])
        warnings.warn(f"{where}: row(s) {rows} add a figure the extractor now finds; their fields are "
                      "applied to that claim (you can drop the add row)", NewskitWarning, stacklevel=2)
    if unmatched:
        warnings.warn(_unmatched_message(unmatched, where=where), NewskitWarning, stacklevel=2)
    return out


def _unmatched_message(unmatched: list[dict[str, Any]], *, where: str) -> str:
    shown = "; ".join(
        f"row {u['row']} ({u['article_id']}, start {u['start']}, {excerpt(u['surface'], limit=30)}, {u['field']}): "
        f"{u['reason']}" for u in unmatched[:MAX_ROWS_IN_WARNING]
    )
    more = f"; and {len(unmatched) - MAX_ROWS_IN_WARNING} more" if len(unmatched) > MAX_ROWS_IN_WARNING else ""
    return (f"{where}: {len(unmatched)} review(s) not applied: {shown}{more}. They are listed in "
            "claims.attrs['unmatched_reviews'] (newskit.reviews.unmatched_reviews(claims)); fix their "
            "article_id, start and surface from the new claims table, or drop them")


def _interval(row: dict[str, Any], *, conventions: Conventions) -> tuple[float | None, float | None]:
    number = _number(str(row["surface"]))
    value = None if pd.isna(row["value"]) else float(row["value"])
    high = None if pd.isna(row["high"]) else float(row["high"])
    return conventions.interval(
        str(row["bound"]), value, high=high, vague=number.vague if number else None,
        percent=row.get("unit") == "percent",
    )


def _key_text(value: Any) -> str:
    """A key cell as text: a table read back from CSV may hold surfaces such as ``116`` as numbers."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _set(table: pd.DataFrame, label: Any, column: str, value: Any) -> None:
    value = _settable(table[column], value)
    try:
        table.at[label, column] = value
    except (TypeError, ValueError):  # e.g. text into a column read from CSV as all-empty numbers
        table[column] = table[column].astype(object)
        table.at[label, column] = value


def _settable(column: pd.Series, value: Any) -> Any:
    """``value`` in a form ``column`` accepts (a table read from CSV holds dates and numbers as text)."""
    if value is None:
        return None
    if pd.api.types.is_string_dtype(column.dtype) and not isinstance(value, str):
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return value


def _with_changes(base: pd.DataFrame, changes: dict[Any, dict[str, Review]], *,
                  conventions: Conventions) -> pd.DataFrame:
    out = base.copy()
    touched: list[str] = []
    per_row: dict[Any, dict[str, Any]] = {}
    for label, reviews in changes.items():
        values = {f: r.value for f, r in reviews.items() if f != FIGURE_FIELD}
        if {"value", "bound", "unit"} & set(values) and not {"low", "high"} & set(values):
            row = {c: (values[c] if c in values else out.at[label, c])
                   for c in ("surface", "value", "bound", "unit", "high") if c in out.columns}
            values["low"], values["high"] = _interval(row, conventions=conventions)
        per_row[label] = values
        touched.extend(f for f in values if f not in touched)
    for label, values in per_row.items():
        for field, value in values.items():
            if field in out.columns:
                _set(out, label, field, value)
    orphans = _orphaned_subsets(out, changes)
    if orphans and "parent" not in touched:
        touched.append("parent")
    fields = [f for f in REVIEWABLE_FIELDS if f in touched and f in out.columns]
    for field in fields:
        out[EXTRACTED_PREFIX + field] = base[field]
    for label in orphans:
        _set(out, label, "parent", None)
    out["reviewed"] = pd.Series(False, index=out.index, dtype=bool)
    out["not_a_figure"] = pd.Series(False, index=out.index, dtype=bool)
    out["added"] = pd.Series(False, index=out.index, dtype=bool)
    for column in ("reviewed_fields", "reviewer", "review_note"):
        out[column] = pd.Series("", index=out.index, dtype=object)
    for label, reviews in changes.items():
        out.at[label, "reviewed"] = True
        figure = reviews.get(FIGURE_FIELD)
        out.at[label, "not_a_figure"] = figure is not None and figure.value == NOT_A_FIGURE
        _describe(out, label, list(reviews.values()))
    for label, parent in orphans.items():
        note = f"{PARENT_CLEARED_NOTE} (start {parent}) is marked not a figure"
        out.at[label, "review_note"] = " | ".join(n for n in (out.at[label, "review_note"], note) if n)
    extracted = [EXTRACTED_PREFIX + f for f in fields]
    return out[[*(c for c in out.columns if c not in REVIEW_COLUMNS and c not in extracted), *REVIEW_COLUMNS,
                *extracted]]


def _orphaned_subsets(out: pd.DataFrame, changes: dict[Any, dict[str, Review]]) -> dict[Any, int]:
    """The rows whose ``parent`` is a row marked not a figure, with that parent's start.

    Left out: rows marked not a figure themselves and rows whose ``parent`` a reviewer set.
    """
    excluded = {label for label, reviews in changes.items()
                if (figure := reviews.get(FIGURE_FIELD)) is not None and figure.value == NOT_A_FIGURE}
    if not excluded or "parent" not in out.columns:
        return {}
    passage = "passage_id" if "passage_id" in out.columns else "article_id"
    excluded_keys = {(_key_text(out.at[label, passage]), int(out.at[label, "start"])) for label in excluded}
    orphans = {}
    for label, key, parent in zip(out.index, out[passage], out["parent"], strict=True):
        if pd.isna(parent) or label in excluded or "parent" in changes.get(label, {}):
            continue
        if (_key_text(key), int(parent)) in excluded_keys:
            orphans[label] = int(parent)
    return orphans


def _describe(out: pd.DataFrame, label: Any, reviews: list[Review]) -> None:
    out.at[label, "reviewed_fields"] = ";".join(r.field for r in reviews)
    out.at[label, "reviewer"] = ";".join(dict.fromkeys(r.reviewer for r in reviews if r.reviewer))
    out.at[label, "review_note"] = " | ".join(f"{r.field}: {r.note}" for r in reviews if r.note)


def _with_additions(out: pd.DataFrame, base: pd.DataFrame, additions: list[list[Review]], *,
                    articles: pd.DataFrame | None, conventions: Conventions) -> pd.DataFrame:
    meta: dict[str, dict[str, Any]] = {}
    if articles is not None and "article_id" in articles.columns:
        for record in articles.to_dict("records"):
            meta.setdefault(str(record["article_id"]), {"outlet": record.get("outlet"),
                                                        "published": record.get("published")})
    for record in base.to_dict("records"):
        meta.setdefault(str(record["article_id"]), {"outlet": record.get("outlet"),
                                                    "published": record.get("published")})
    rows = []
    for group in additions:
        first = group[0]
        values = {r.field: r.value for r in group if r.field != FIGURE_FIELD}
        number = _number(first.surface)
        row: dict[str, Any] = dict.fromkeys(out.columns)
        published = meta.get(first.article_id, {}).get("published")
        row.update(
            article_id=first.article_id, passage_id=first.passage_id,
            outlet=meta.get(first.article_id, {}).get("outlet"), published=published, as_of=published,
            start=first.start, end=first.start + len(first.surface), surface=first.surface,
            value=number.value if number else None, high=number.high if number else None,
            unit=number.unit if number else "people", rules="", flags=None,
        )
        row.update({k: v for k, v in ADDED_DEFAULTS.items() if k != "unit" or not number})
        if number is not None and number.kind in ("vague", "range"):
            row["bound"] = number.kind
        row.update(values)
        if not {"low", "high"} & set(values):
            row["low"], row["high"] = _interval(row, conventions=conventions)
        row.update(reviewed=True, added=True, not_a_figure=False)
        frame = pd.DataFrame([row], columns=out.columns)
        _describe(frame, frame.index[0], group)
        rows.append(frame.iloc[0].to_dict())
    added = pd.DataFrame(rows, columns=out.columns)
    for column in out.columns:
        try:
            added[column] = added[column].astype(out[column].dtype)
        except (TypeError, ValueError):
            added[column] = [_settable(out[column], v) for v in added[column]]
    if pd.api.types.is_integer_dtype(out.index.dtype) or len(out) == 0:
        first_label = int(out.index.max()) + 1 if len(out) else 0
        added.index = pd.RangeIndex(first_label, first_label + len(added))
    else:
        added.index = [f"added-{i}" for i in range(len(added))]
    return pd.concat([out, added])


def apply_reviews_file(
    claims: pd.DataFrame,
    reviews_path: str | Path | None,
    *,
    articles: pd.DataFrame | None = None,
    vocabulary: Vocabulary | None = None,
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> pd.DataFrame:
    """:func:`apply_reviews` of the file at ``reviews_path``; with no file (None), of no review.

    The one call a report makes after extraction: the table has the review columns either way
    (all false with no file), so what follows reads one shape. Statistics then read
    :func:`reviewed_claims` of it.
    """
    if reviews_path is None or str(reviews_path) == "":
        reviews = pd.DataFrame(columns=REVIEW_FILE_COLUMNS)
    else:
        reviews = load_reviews(reviews_path, vocabulary=vocabulary)
    return apply_reviews(claims, reviews, articles=articles, vocabulary=vocabulary, conventions=conventions)


# --------------------------------------------------------------------------------------------------
# Reading a reviewed table


def reviewed_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims statistics and the report count: every row but those a reviewer marked not a figure.

    A table without reviews comes back unchanged (a copy). Added figures are kept.
    """
    if "not_a_figure" not in claims.columns:
        return claims.copy()
    return claims.loc[~claims["not_a_figure"].fillna(False).astype(bool)].copy()


def unmatched_reviews(claims: pd.DataFrame) -> pd.DataFrame:
    """The reviews :func:`apply_reviews` could not apply, with a ``reason`` (:data:`UNMATCHED_COLUMNS`).

    Empty (with the columns) when every review matched or no reviews were applied.
    """
    return pd.DataFrame(claims.attrs.get("unmatched_reviews", []), columns=UNMATCHED_COLUMNS)


def review_counts(claims: pd.DataFrame) -> dict[str, int]:
    """How many rows were reviewed, marked not a figure and added, how many subsets lost a parent
    marked not a figure (``parent_cleared``), and how many reviews matched nothing.

    ``claims`` counts the rows :func:`reviewed_claims` keeps. All zero for a table without reviews.
    """
    def count(column: str) -> int:
        return int(claims[column].fillna(False).astype(bool).sum()) if column in claims.columns else 0

    return {"claims": len(reviewed_claims(claims)), "reviewed": count("reviewed"),
            "not_a_figure": count("not_a_figure"), "added": count("added"),
            "parent_cleared": _count_parent_cleared(claims),
            "unmatched_reviews": len(claims.attrs.get("unmatched_reviews", []))}


def _count_parent_cleared(claims: pd.DataFrame) -> int:
    if "review_note" not in claims.columns:
        return 0
    return int(claims["review_note"].fillna("").astype(str).str.contains(PARENT_CLEARED_NOTE, regex=False).sum())


def describe_reviews(claims: pd.DataFrame) -> str:
    """One sentence for readers: how many claims reviewers corrected, removed and added.

    >>> describe_reviews(pd.DataFrame({"article_id": []}))
    'No claim was reviewed.'
    """
    n = review_counts(claims)
    if not (n["reviewed"] or n["unmatched_reviews"]):
        return "No claim was reviewed."
    text = (f"{n['reviewed']} claim(s) reviewed: {n['not_a_figure']} marked not a figure (kept in the claims "
            f"table, left out of counts and statistics), {n['added']} added by a reviewer; "
            f"{n['claims']} claims counted.")
    if n["parent_cleared"]:
        text += (f" {n['parent_cleared']} subset(s) of a row marked not a figure no longer count as its part "
                 "(parent cleared; the extracted parent kept).")
    if n["unmatched_reviews"]:
        text += (f" {n['unmatched_reviews']} review(s) matched no claim and were not applied "
                 "(listed in the unmatched reviews).")
    return text
