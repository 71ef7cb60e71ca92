"""Publication dates written in the common forms, parsed without guessing.

Accepted: ISO dates and timestamps ("2023-12-14", "2023-12-14T09:30:00Z"), day-month-year
("13 November 2023", "13 Nov 2023"), month-day-year ("December 14, 2023", "Dec. 14, 2023",
"November 13th, 2023"), and US slash dates ("10/13/2023", month first). A value in none of these
forms is not guessed: :func:`parse_date` returns None and the caller records a warning.

Tables hold dates as pandas nanosecond timestamps, which span only 1677-09-22 to 2262-04-11:
:func:`is_supported_date` says whether a parsed date fits (a ``9999-12-31`` "no date" sentinel from
an export does not), so a caller can leave it empty with a warning instead of failing.
"""

from __future__ import annotations

import re
from datetime import date, datetime

RE_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
RE_MONTH_ABBREVIATION_DOT = re.compile(r"\b([A-Za-z]{3,4})\.")
RE_SPACES = re.compile(r"\s+")

# The whole days pandas' datetime64[ns] can hold (pd.Timestamp.min and .max fall inside the ends).
EARLIEST_SUPPORTED_DATE = date(1677, 9, 22)
LATEST_SUPPORTED_DATE = date(2262, 4, 11)

DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
)


def parse_date(value: object) -> date | None:
    """The calendar date a value names, or None when it is empty or in no accepted form.

    >>> parse_date("Dec. 14, 2023"), parse_date("13 November 2023"), parse_date("10/13/2023")
    (datetime.date(2023, 12, 14), datetime.date(2023, 11, 13), datetime.date(2023, 10, 13))
    >>> parse_date("November 13th, 2023"), parse_date("2023-12-14T09:30:00Z")
    (datetime.date(2023, 11, 13), datetime.date(2023, 12, 14))
    >>> parse_date("last Tuesday") is None
    True
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = RE_SPACES.sub(" ", str(value)).strip()
    if not text:
        return None
    text = RE_ORDINAL_SUFFIX.sub("", text)
    text = RE_MONTH_ABBREVIATION_DOT.sub(r"\1", text).replace("Sept ", "Sep ")
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def is_supported_date(day: date) -> bool:
    """Whether a date fits the range a table's datetime64[ns] column can hold (1677-09-22 to 2262-04-11).

    >>> is_supported_date(date(2023, 12, 14)), is_supported_date(date(9999, 12, 31))
    (True, False)
    >>> is_supported_date(date(1677, 9, 21)), is_supported_date(LATEST_SUPPORTED_DATE)
    (False, True)
    """
    return EARLIEST_SUPPORTED_DATE <= day <= LATEST_SUPPORTED_DATE
