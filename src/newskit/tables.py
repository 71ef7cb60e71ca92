"""CSV files the kit writes: byte-stable, and safe to open in a spreadsheet.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel, LibreOffice and Google Sheets (an outlet named ``=HYPERLINK(...)`` would run). Such cells are
written with a leading apostrophe, which spreadsheets show as text and hide; :func:`read_csv` takes it
off again, so a table read back is the table written. Numbers are never touched (``-3`` stays a
number), and tables in memory and Parquet files keep the text exactly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
RE_ESCAPED = re.compile(r"^'(?=[=+\-@\t\r])")


def format_float(value: float) -> str:
    """A float as CSV text: whole numbers in full (counts of people), others to 6 significant digits.

    >>> format_float(1234567.0), format_float(0.181818), format_float(-3.0)
    ('1234567', '0.181818', '-3')
    """
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def spreadsheet_safe(text: str) -> str:
    """``text`` with an apostrophe before it when a spreadsheet would run it as a formula.

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("Reuters"), spreadsheet_safe("-")
    ("'=HYPERLINK(1)", 'Reuters', "'-")
    """
    return ESCAPE + text if text.startswith(FORMULA_STARTS) else text


def unescape(text: str) -> str:
    """Undo :func:`spreadsheet_safe`.

    >>> unescape("'=HYPERLINK(1)"), unescape("'quoted'")
    ('=HYPERLINK(1)', "'quoted'")
    """
    return RE_ESCAPED.sub("", text)


def escape_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells are spreadsheet-safe (other cells unchanged)."""
    safe = table.copy()
    for column in safe.columns:
        if _holds_text(safe[column]):
            safe[column] = safe[column].map(lambda v: spreadsheet_safe(v) if isinstance(v, str) else v)
    return safe


def write_csv(table: pd.DataFrame, target: str | Path | IO[str], *, header: bool = True) -> None:
    """Write ``table`` as spreadsheet-safe CSV: no index, :func:`format_float`, ``\\n`` line ends."""
    escape_table(table).to_csv(target, index=False, header=header, float_format=format_float, lineterminator="\n")


def read_csv(path: str | Path, **options) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv`, taking the spreadsheet escapes off text cells."""
    table = pd.read_csv(path, **options)
    for column in table.columns:
        if _holds_text(table[column]):
            table[column] = table[column].map(lambda v: unescape(v) if isinstance(v, str) else v)
    return table


def _holds_text(values: pd.Series) -> bool:
    return values.dtype == object or pd.api.types.is_string_dtype(values.dtype)
