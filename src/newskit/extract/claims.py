"""The claims table: one row per casualty figure of a passages table, in this process.

:func:`newskit.figures.claims_table` maps :func:`claims_for_article` over the items of
:func:`article_items` in this process; :mod:`newskit.pipeline` does it on an engine.
"""

from __future__ import annotations

import re
import warnings
from datetime import date

import pandas as pd

from newskit.errors import NewskitWarning
from newskit.extract.record import DEFAULT_CONVENTIONS, Conventions
from newskit.extract.run import extract_figures
from newskit.extract.vocabulary import Vocabulary
from newskit.schema import (
    ARTICLE_COLUMNS,
    CLAIM_COLUMNS,
    EXTRACTION_ARTICLE_COLUMNS,
    FIGURE_FIELDS,
    PASSAGE_COLUMNS,
    validate_columns,
)

# "as of December 12": the date the text gives for its own figures.
RE_AS_OF = re.compile(
    r"\b(?:as\s+of|as\s+at|by|on|through|until)\s+(?:(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday),?\s+)?(?P<a>(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\b(?:,?\s+(?P<y>20\d\d))?",
    re.IGNORECASE,
)
MONTH_NUMBERS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


RE_AS_OF_WORDS = re.compile(r"\s*as\s+(?:of|at)\b", re.IGNORECASE)


def resolve_as_of(sentence: str, published: object) -> pd.Timestamp | None:
    """The date a sentence gives for its figures ("as of December 12"), in the article's year.

    A stated month later than the article's month is taken to be in the year before. Returns the
    article date (or None) when the sentence states none.

    >>> str(resolve_as_of("as of December 12, 18,000 were killed", pd.Timestamp("2024-01-03")).date())
    '2023-12-12'
    >>> str(resolve_as_of("18,000 were killed", pd.Timestamp("2024-01-03")).date())
    '2024-01-03'
    """
    published_ts = pd.Timestamp(published) if published is not None and not pd.isna(published) else None
    m = RE_AS_OF.search(sentence)
    if m is None or not RE_AS_OF_WORDS.match(m.group()):
        return published_ts
    month = MONTH_NUMBERS[(m["m1"] or m["m2"]).lower()[:3]]
    day = int(m["d1"] or m["d2"])
    if m["y"]:
        year = int(m["y"])
    elif published_ts is not None:
        year = published_ts.year - (1 if month > published_ts.month else 0)
    else:
        return None
    try:
        return pd.Timestamp(date(year, month, day))
    except ValueError:
        return published_ts


def claims_for_article(item: tuple[dict, list[dict]]) -> list[dict]:
    """The claims rows of ONE article: ``(article, passages)`` -> a list of dicts keyed by CLAIM_COLUMNS.

    ``article`` is a dict with ``article_id``, ``outlet``, ``published`` (and optionally ``title``, read for
    places, ``conventions`` and ``vocabulary``); ``passages`` a list of dicts with ``passage_id`` and ``text``, in
    passage order. Rows, not a DataFrame: the caller builds one table for many articles, since a frame per
    article costs more than the extraction. ``parent`` in the table is the ``start`` offset of the
    parent figure within the SAME passage (None when the figure is no subset), so it stays valid
    when rows are filtered or concatenated. Pure and picklable, so any engine of
    :func:`newskit.engine.map_items` can run it.
    """
    article, passages = item
    conventions = article.get("conventions") or DEFAULT_CONVENTIONS
    vocabulary = article.get("vocabulary")
    rows = []
    before: list[str] = []  # the article's earlier passages: where a figure's place is named before it
    title = article.get("title") if isinstance(article.get("title"), str) else ""
    for passage in passages:
        text = passage["text"]
        figures = (extract_figures(text, vocabulary=vocabulary, conventions=conventions, context="\n".join(before),
                                   title=title) if isinstance(text, str) else [])
        if isinstance(text, str):
            before.append(text)
        for figure in figures:
            row = {
                "article_id": article["article_id"],
                "passage_id": passage["passage_id"],
                "outlet": article.get("outlet"),
                "published": article.get("published"),
                "as_of": resolve_as_of(figure.sentence, article.get("published")),
            }
            for name in FIGURE_FIELDS:
                row[name] = getattr(figure, name)
            row["parent"] = figures[figure.parent].start if figure.parent is not None else None
            row["rules"] = format_rules(figure.rules)
            row["flags"] = ";".join(figure.flags) or None  # empty: null, as a CSV reads it back
            rows.append(row)
    return rows


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows of :func:`claims_for_article` (any number of articles) as one claims table, CLAIM_COLUMNS dtypes."""
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    frame["as_of"] = pd.to_datetime(frame["as_of"], errors="coerce")
    for column in ("start", "end"):
        frame[column] = frame[column].astype("int64")
    frame["parent"] = frame["parent"].astype("Int64")
    for column in ("value", "low", "high"):
        frame[column] = frame[column].astype("float64")
    return frame


def article_items(
    passages: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    conventions: Conventions = DEFAULT_CONVENTIONS,
    vocabulary: Vocabulary | None = None,
) -> list[tuple[dict, list[dict]]]:
    """The ``(article, passages)`` items :func:`claims_for_article` takes, one per article, in article order.

    Articles come in the order of ``articles`` (passages of unknown articles last, by id, with a
    warning: their figures keep a null outlet and dates). Empty ``passages`` give an empty list.
    """
    validate_columns(passages, PASSAGE_COLUMNS, table_name="passages")
    validate_columns(articles, [c for c in ARTICLE_COLUMNS if c in ("article_id", "outlet", "published")],
                     table_name="articles")
    if passages.empty:
        return []
    meta = {
        row["article_id"]: row
        for row in articles[[c for c in EXTRACTION_ARTICLE_COLUMNS if c in articles]]
        .to_dict("records")
    }
    order = {aid: n for n, aid in enumerate(articles["article_id"])}
    unknown = sorted({str(a) for a in passages["article_id"] if a not in meta})
    if unknown:
        warnings.warn(
            f"passages table: {len(unknown)} article_id(s) not in the articles table ({unknown[:5]}...); their "
            "figures keep a null outlet, published and as_of. Pass the articles table the passages came from.",
            NewskitWarning,
            stacklevel=3,
        )
    grouped: dict[object, list[dict]] = {}
    for row in passages[PASSAGE_COLUMNS].to_dict("records"):
        grouped.setdefault(row["article_id"], []).append(row)
    items = []
    for article_id in sorted(grouped, key=lambda a: (order.get(a, len(order)), str(a))):
        info = meta.get(article_id, {"article_id": article_id, "outlet": None, "published": None})
        article = {
            "article_id": article_id,
            "outlet": info.get("outlet"),
            "published": info.get("published"),
            "title": info.get("title"),
            "conventions": conventions if conventions is not DEFAULT_CONVENTIONS else None,
            "vocabulary": vocabulary,
        }
        items.append((article, grouped[article_id]))
    return items


def format_rules(rules: dict[str, str]) -> str:
    """``Figure.rules`` as the claims table's compact text: ``field=rule;field=rule``.

    >>> format_rules({"bound": "bound.exact", "scope": "scope.since_date"})
    'bound=bound.exact;scope=scope.since_date'
    """
    return ";".join(f"{name}={rule}" for name, rule in rules.items())
