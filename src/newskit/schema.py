"""Column names of every table and the closed vocabularies of the Figure record, defined once.

Tables are validated at stage boundaries with :func:`validate_columns`. Extend a vocabulary here,
on purpose, and nowhere else: tests, notebooks and the evaluation share these lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

from newskit.errors import SchemaError

if TYPE_CHECKING:  # pandas only in annotations: the command line reads ENGINES before pandas loads
    import pandas as pd

Unit = Literal["people", "percent"]
Bound = Literal["exact", "lower", "upper", "approximate", "range", "vague"]
Outcome = Literal["killed", "injured", "hostage", "missing", "displaced", "detained", "released"]
Group = Literal[
    "people", "palestinians", "israelis", "children", "women", "civilians", "soldiers",
    "militants", "journalists", "medical_workers", "aid_workers", "hostages", "prisoners",
    "foreigners", "other",
]
Scope = Literal["cumulative", "incident", "period", "unknown"]
SourceType = Literal[
    "health_ministry", "palestinian_officials", "israeli_government", "israeli_military",
    "un", "ngo", "media", "other", "none",
]

# How per-article work runs (newskit.engine), and how many articles a streaming run reads at a time.
Engine = Literal["local", "processes", "dask"]
ENGINES: tuple[str, ...] = get_args(Engine)
DEFAULT_CHUNK_SIZE = 1000

UNITS: tuple[str, ...] = get_args(Unit)
BOUNDS: tuple[str, ...] = get_args(Bound)
OUTCOMES: tuple[str, ...] = get_args(Outcome)
GROUPS: tuple[str, ...] = get_args(Group)
SCOPES: tuple[str, ...] = get_args(Scope)
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "unit": UNITS,
    "bound": BOUNDS,
    "outcome": OUTCOMES,
    "group": GROUPS,
    "scope": SCOPES,
    "source_type": SOURCE_TYPES,
}

ARTICLE_COLUMNS = ["article_id", "outlet", "published", "title", "url", "text", "source_path", "sha256"]
PASSAGE_COLUMNS = ["article_id", "passage_id", "text"]
# What extraction reads of an article beside its passages (the title places figures; text is in the passages).
EXTRACTION_ARTICLE_COLUMNS = ["article_id", "outlet", "published", "title"]
REMOVAL_COLUMNS = ["article_id", "passage_id", "rule", "text"]
FIGURE_FIELDS = [
    "start", "end", "surface", "value", "unit", "bound", "low", "high", "outcome", "group", "place",
    "scope", "source", "source_type", "parent", "sentence", "rules", "flags",
]
# Places: snake_case keys of the extraction vocabulary's places section (newskit/extract/vocabulary.yaml),
# open to extension by a user vocabulary; these are the defaults the evaluation guideline names.
PLACES: tuple[str, ...] = (
    "gaza", "west_bank", "israel", "lebanon", "syria", "yemen", "iran", "iraq", "egypt", "jordan", "ukraine",
    "russia", "sudan", "south_sudan", "dr_congo", "ethiopia", "somalia", "libya", "afghanistan", "pakistan",
    "myanmar", "nigeria", "mali", "burkina_faso", "niger", "bosnia", "turkey", "united_states",
    "united_kingdom", "unknown",
)
CLAIM_COLUMNS = ["article_id", "passage_id", "outlet", "published", "as_of", *FIGURE_FIELDS]
# `place`: snake_case key of where the series counts (`gaza`, `west_bank`, ...; `unknown` when no one says).
REFERENCE_COLUMNS = ["date", "place", "series", "outcome", "group", "value", "filled", "source"]
# Rows a corpus reader dropped (articles.attrs["dropped"]) and articles whose extraction failed
# (claims.attrs["failures"]).
DROPPED_COLUMNS = ["source_path", "row", "reason"]
FAILURE_COLUMNS = ["article_id", "error"]
# Warnings a stage gave when it was computed (articles.attrs["load_warnings"], the topic stage's
# warnings table), given again from the same file and line when it is read (newskit.errors.warn_again).
WARNING_COLUMNS = ["message", "filename", "lineno"]
# Topics: units of analysis (newskit.topics.make_units) and their topics (newskit.topics.assign_topics).
UNIT_COLUMNS = ["unit", "unit_id", "article_id", "passage_id", "start", "end", "text"]
ASSIGNMENT_COLUMNS = [*UNIT_COLUMNS, "topic", "topic_label", "weight", "fit", "explained"]

# The pipeline's stage tables: their columns, and the dtypes a stage file gives back (columns not
# listed keep the dtype they were written with: text stays object).
TABLE_COLUMNS: dict[str, list[str]] = {
    "articles": ARTICLE_COLUMNS,
    "passages": PASSAGE_COLUMNS,
    "removals": REMOVAL_COLUMNS,
    "claims": CLAIM_COLUMNS,
}
TABLE_DTYPES: dict[str, dict[str, str]] = {
    "articles": {"published": "datetime64[ns]"},
    "passages": {},
    "removals": {},
    "claims": {
        "published": "datetime64[ns]", "as_of": "datetime64[ns]", "start": "int64", "end": "int64",
        "value": "float64", "low": "float64", "high": "float64", "parent": "Int64",
    },
}


def validate_columns(table: pd.DataFrame, columns: list[str], *, table_name: str) -> pd.DataFrame:
    """Check that ``table`` has every column in ``columns``; return it unchanged.

    Raises SchemaError naming the table and the missing columns.
    """
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise SchemaError(
            f"{table_name} table lacks column(s) {missing}; it has {list(table.columns)}"
        )
    return table


def validate_vocabulary(table: pd.DataFrame, *, table_name: str) -> pd.DataFrame:
    """Check that every vocabulary column present holds only its vocabulary's words (or nulls)."""
    for column, words in VOCABULARIES.items():
        if column not in table.columns:
            continue
        bad = table.loc[table[column].notna() & ~table[column].isin(words), column]
        if len(bad):
            raise SchemaError(
                f"{table_name} table, column {column!r}, row {bad.index[0]}: {bad.iloc[0]!r} is not "
                f"one of {list(words)}"
            )
    return table


def validate_table(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check a stage table (``articles``, ``passages``, ``removals``, ``claims``): columns and vocabularies."""
    validate_columns(table, TABLE_COLUMNS[name], table_name=name)
    if name == "claims":
        validate_vocabulary(table, table_name=name)
    return table


def conform_table(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """A stage table read back from a file, checked, with the dtypes of :data:`TABLE_DTYPES`."""
    validate_columns(table, TABLE_COLUMNS[name], table_name=name)
    for column, dtype in TABLE_DTYPES[name].items():
        if str(table[column].dtype) != dtype:
            table[column] = table[column].astype(dtype)
    return table
