"""Tables as HTML for readers: cells formatted for reading, claims evidence first, the offline explorer.

Display only: the CSV a table is saved to keeps its raw values (:mod:`newskit.tables`). Every cell is
escaped here; the only markup added is the kit's own (``<mark>`` around a figure, links, line breaks).

The explorer is DataTables as the itables wheel ships it (its offline mode: the JavaScript and CSS are
embedded in the page once, by :func:`explorer_assets`, and nothing is fetched). It enhances a plain
HTML table that already holds every row shown, so without JavaScript the table still reads.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd

# Rows an explorer holds at most (the page carries every one of them; the CSV holds all).
EXPLORER_MAX_ROWS = 5_000
# The columns of a claims table a reader filters by (when the table has them), in this order.
CLAIM_FILTERS = ("outlet", "outcome", "group", "place", "source type", "scope", "flags")
# An article id made from a file name and a content hash ("002_da15ff6bf3766d8c") is shown by its name.
RE_HASHED_ID = re.compile(r"^(?P<name>.+?)[_-][0-9a-f]{12,}$")
RE_PASSAGE_NUMBER = re.compile(r"-p0*(?P<number>\d+)$")
SHORT_ID_CHARS = 16
CORPUS_PAGE = "01-corpus.html"

TABLE_CSS = """<style>
.nk-table { max-width: 100%; }
.nk-table table.nk { table-layout: auto; width: auto; max-width: 100%; margin: 0 0 0.4em 0; font-size: 13px; }
.nk-table table.nk th, .nk-table table.nk td { text-align: left; vertical-align: top; white-space: normal;
  overflow-wrap: anywhere; padding: 4px 6px; line-height: 1.35; }
.nk-table table.nk th { border-bottom: 1px solid #999; }
.nk-table table.nk td.num, .nk-table table.nk th.num { text-align: right; font-variant-numeric: tabular-nums;
  overflow-wrap: normal; }
.nk-claims table.nk { width: 100%; }
.nk-claims table.nk td, .nk-claims table.nk th { overflow-wrap: normal; }
.nk-claims table.nk td.evidence { min-width: 24em; overflow-wrap: break-word; }
.nk-table table.nk td.nowrap { white-space: nowrap; }
.nk-claims table.nk td.claim { white-space: nowrap; }
.nk-table mark { background: #ffe08a; padding: 0 1px; }
.nk-table .dtsp-panesContainer { font-size: 13px; }
details.nk-parameters > summary { cursor: pointer; font-weight: bold; margin: 0.5em 0; }
</style>"""


@dataclass(frozen=True)
class Column:
    """One column of an HTML table: its header, cells as markup, and optional sort keys."""

    header: str
    cells: list[str]
    numeric: bool = False
    order: list[str] | None = None  # data-order values for sorting (raw numbers), or None
    css: str = ""
    search: list[str] | None = None  # data-search values (full ids behind short labels), or None


def is_percent_column(name: str) -> bool:
    """True for a column of shares in [0, 1], shown as percentages.

    >>> [is_percent_column(c) for c in ("share", "share_bound_exact", "unexplained_share", "n_shares")]
    [True, True, True, False]
    """
    return name == "share" or name.startswith("share_") or name.endswith("_share")


def format_cell(value: Any, column: str = "") -> str:
    """A cell as readers read it, escaped: counts with separators, shares as percentages, dates as dates.

    >>> [format_cell(v) for v in (18600, 18600.0, 0.181818, None, float("nan"), pd.NA, True, "a<b")]
    ['18,600', '18,600', '0.1818', '', '', '', 'True', 'a&lt;b']
    >>> format_cell(0.125, "share_bound_exact"), format_cell(pd.Timestamp("2023-12-14"))
    ('12.5%', '2023-12-14')
    """
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "item") and not isinstance(value, pd.Timestamp):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float) and is_percent_column(column):
        return f"{value * 100:.3g}%"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        return f"{int(value):,}" if value.is_integer() and abs(value) < 1e15 else f"{value:,.4g}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    return html.escape(str(value))


def header_html(name: str) -> str:
    """A column name, escaped, with a line-break opportunity after each ``_`` (long names wrap)."""
    return html.escape(name).replace("_", "_<wbr>")


def short_claim_id(article_id: Any, passage_id: Any = None) -> str:
    """A claim's place for readers: the article's short name and its paragraph number.

    >>> short_claim_id("002_da15ff6bf3766d8c", "002_da15ff6bf3766d8c-p004")
    '002 ¶4'
    >>> short_claim_id("an-article-id-longer-than-sixteen"), short_claim_id("a7", None)
    ('an-article-id-lo…', 'a7')
    """
    article = str(article_id)
    hashed = RE_HASHED_ID.match(article)
    name = hashed["name"] if hashed else article
    if len(name) > SHORT_ID_CHARS:
        name = name[:SHORT_ID_CHARS] + "…"
    number = RE_PASSAGE_NUMBER.search(str(passage_id)) if isinstance(passage_id, str) else None
    return f"{name} ¶{number['number']}" if number else name


def article_anchor(article_id: Any) -> str:
    """The id of an article's row in the corpus page's articles table (see ``row_ids`` of :func:`table_html`)."""
    return f"article-{article_id}"


def marked_sentence(sentence: Any, surface: Any) -> str:
    """The sentence, escaped, with the first occurrence of the figure's words in ``<mark>``."""
    sentence = "" if not isinstance(sentence, str) else sentence
    surface = "" if not isinstance(surface, str) else surface
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return html.escape(sentence)
    end = at + len(surface)
    return f"{html.escape(sentence[:at])}<mark>{html.escape(surface)}</mark>{html.escape(sentence[end:])}"


def interval_text(low: Any, high: Any, unit: Any = "people") -> str:
    """The interval a figure's words allow, for readers.

    >>> interval_text(18600, None), interval_text(None, 25000), interval_text(1170, 1430)
    ('18,600 or more', 'up to 25,000', '1,170 to 1,430')
    >>> interval_text(85, 85, "percent")
    '85%'
    """

    def number(value: Any) -> str | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        text = format_cell(value)
        return f"{text}%" if unit == "percent" else text

    low_text, high_text = number(low), number(high)
    if low_text and high_text:
        return low_text if low_text == high_text else f"{low_text} to {high_text}"
    if low_text:
        return f"{low_text} or more"
    if high_text:
        return f"up to {high_text}"
    return ""


def table_html(
    columns: Sequence[Column],
    *,
    table_id: str,
    row_ids: Sequence[str] | None = None,
) -> str:
    """A plain HTML table of ``columns`` (cells already markup), in the kit's wrapping style."""
    numeric = ' class="num"'
    head = "".join(f"<th{numeric if c.numeric else ''}>{header_html(c.header)}</th>" for c in columns)
    n_rows = len(columns[0].cells) if columns else 0
    body = []
    for i in range(n_rows):
        cells = []
        for column in columns:
            classes = " ".join(filter(None, ["num" if column.numeric else "", column.css]))
            attrs = f' class="{classes}"' if classes else ""
            if column.order is not None:
                attrs += f' data-order="{html.escape(column.order[i])}"'
            if column.search is not None:
                attrs += f' data-search="{html.escape(column.search[i])}"'
            cells.append(f"<td{attrs}>{column.cells[i]}</td>")
        row_id = f' id="{html.escape(row_ids[i])}"' if row_ids is not None else ""
        body.append(f"<tr{row_id}>{''.join(cells)}</tr>")
    return (
        f'<table class="nk" id="{html.escape(table_id)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def frame_columns(table: pd.DataFrame) -> list[Column]:
    """The columns of a data frame, every cell formatted by :func:`format_cell`; numbers sort as numbers.

    ``article_id`` and ``passage_id`` show their short labels (``002``, ``002 ¶4``, see
    :func:`short_claim_id`); the full id is the label's tooltip and what the explorer's search matches.
    """
    columns = []
    for name in table.columns:
        values = table[name].tolist()
        if name in ("article_id", "passage_id"):
            columns.append(_id_column(str(name), values))
            continue
        numeric = pd.api.types.is_numeric_dtype(table[name]) and not pd.api.types.is_bool_dtype(table[name])
        order = [_order_key(v) for v in values] if numeric else None
        cells = [_breakable(format_cell(v, str(name))) if isinstance(v, str) else format_cell(v, str(name))
                 for v in values]
        columns.append(Column(str(name), cells, numeric=numeric, order=order))
    return columns


def _id_column(name: str, values: list[Any]) -> Column:
    cells, full = [], []
    for value in values:
        text = value if isinstance(value, str) else ""
        article = RE_PASSAGE_NUMBER.sub("", text) if name == "passage_id" else text
        label = short_claim_id(article, text if name == "passage_id" else None) if text else ""
        cells.append(f'<span title="{html.escape(text)}">{html.escape(label)}</span>' if label != text else
                     html.escape(text))
        full.append(text)
    return Column(name, cells, order=full, search=full, css="claim")


def claim_columns(
    claims: pd.DataFrame,
    *,
    leading: Iterable[str] = (),
    trailing: Iterable[str] = (),
    corpus_page: str | None = CORPUS_PAGE,
) -> list[Column]:
    """A claims-like table evidence first: where, the sentence with the figure marked, the figure and its
    interval, outcome, group, place, scope, source, outlet, date, flags.

    Uses the columns the table has (``surface`` at least; no ``sentence``, no evidence column);
    ``leading`` columns (e.g. a discrepancy's quantity) come first and ``trailing`` ones (e.g. the
    official value beside a claim) last, formatted by :func:`format_cell`. With a ``corpus_page``, the
    claim's place links to its article's row there.
    """
    rows = claims.reset_index(drop=True)

    def get(name: str) -> list[Any]:
        return rows[name].tolist() if name in rows.columns else [None] * len(rows)

    columns = [Column(name, [format_cell(v, name) for v in rows[name].tolist()]) for name in leading]
    where = []
    for article_id, passage_id in zip(get("article_id"), get("passage_id"), strict=True):
        label = html.escape(short_claim_id(article_id, passage_id))
        title = html.escape(" ".join(str(x) for x in (article_id, passage_id) if isinstance(x, str)), quote=True)
        if corpus_page and isinstance(article_id, str):
            href = f"{corpus_page}#{quote(article_anchor(article_id), safe='')}"
            where.append(f'<a href="{href}" title="{title}">{label}</a>')
        else:
            where.append(f'<span title="{title}">{label}</span>')
    columns.append(Column("claim", where, css="claim"))
    if "sentence" in rows.columns:
        columns.append(
            Column("evidence", [marked_sentence(s, f) for s, f in zip(get("sentence"), get("surface"), strict=True)],
                   css="evidence")
        )
    figure, order = [], []
    for surface, low, high, unit, value in zip(get("surface"), get("low"), get("high"), get("unit"), get("value"),
                                               strict=True):
        interval = interval_text(low, high, unit or "people")
        shown = html.escape(str(surface)) if isinstance(surface, str) else ""
        figure.append(f"{shown}<br>{html.escape(interval)}" if interval and interval != shown else shown)
        order.append(_order_key(value))
    columns.append(Column("figure", figure, numeric=True, order=order))
    for name in ("outcome", "group", "place", "scope"):
        if name in rows.columns:
            columns.append(Column(name, [_breakable(format_cell(v)) for v in rows[name].tolist()]))
    if "source" in rows.columns:
        columns.append(Column("source", [format_cell(v) for v in get("source")]))
    if "source_type" in rows.columns:
        columns.append(Column("source type", [_breakable(format_cell(v)) for v in get("source_type")]))
    if "outlet" in rows.columns:
        columns.append(Column("outlet", [format_cell(v) or "(unknown)" for v in get("outlet")]))
    dates = [_first_text(a, p) for a, p in zip(get("as_of"), get("published"), strict=True)]
    if any(dates):
        columns.append(Column("date", [format_cell(d) for d in dates], css="nowrap"))
    flags = claim_flags(rows)
    if any(flags) or "flags" in rows.columns:
        columns.append(Column("flags", [html.escape(f) for f in flags]))
    return columns + frame_columns(rows[list(trailing)])


def claim_flags(claims: pd.DataFrame) -> list[str]:
    """Each row's flags for readers: the extractor's ``flags`` and a reviewer's marks (``not a figure``,
    ``added by a reviewer``, ``reviewed: scope, group``)."""
    flags = []
    for _, row in claims.iterrows():
        marks = [f for f in str(row.get("flags") or "").split(";") if f and f != "nan"]
        if _true(row.get("not_a_figure")):
            marks.append("not a figure")
        if _true(row.get("added")):
            marks.append("added by a reviewer")
        fields = row.get("reviewed_fields")
        # "figure" is the field a not-a-figure or added mark sets: already said above
        fields = [f for f in fields.split(";") if f and f != "figure"] if isinstance(fields, str) else []
        if _true(row.get("reviewed")) and (fields or not marks):
            marks.append(f"reviewed: {', '.join(fields)}" if fields else "reviewed")
        flags.append("; ".join(marks))
    return flags


def explorer_assets() -> str:
    """The explorer's JavaScript and CSS (DataTables, from the itables wheel), once per page.

    itables' offline loader: the bundle is embedded (base64) and imported from memory, nothing is
    fetched. Its trailing note to notebook users ("is your notebook trusted?") is left out.
    """
    from itables.javascript import generate_init_offline_itables_html
    from itables.options import dt_bundle

    loader = generate_init_offline_itables_html(dt_bundle)
    return loader[: loader.index("</script>") + len("</script>")]


def explorer_script(table_id: str, *, n_rows: int, filters: Sequence[int] = (), paging: bool = True) -> str:
    """The script that turns table ``table_id`` into an explorer: sort, search, filter panes on the
    ``filters`` column indices, ``n_rows`` per page. Without the assets it leaves the plain table."""
    from itables.javascript import _itables_underscore_version

    page_sizes = sorted({n_rows, 50, 200})
    options: dict[str, Any] = {
        "autoWidth": False,
        "order": [],
        "paging": paging,
        "pageLength": n_rows,
        "lengthMenu": [[*page_sizes, -1], [*page_sizes, "all"]],
        "language": {
            "search": "Search every column:",
            "searchPanes": {"collapse": {"0": "Filters", "_": "Filters (%d)"}},
        },
        "layout": {"topStart": "pageLength", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"},
    }
    if filters:
        options["layout"] = {"top1": "searchPanes", **options["layout"]}
        options["searchPanes"] = {
            "columns": list(filters), "cascadePanes": True, "viewTotal": True, "initCollapsed": True,
            "layout": f"columns-{min(len(filters), 4)}", "orderable": False,
        }
    config = json.dumps(options, sort_keys=True).replace("</", "<\\/")
    version = _itables_underscore_version()
    return (
        '<script type="module">\n'
        f"const table = document.getElementById({json.dumps(table_id)});\n"
        f"if (window.{version} && table) {{\n"
        f"  const {{ ITable }} = await window.{version};\n"
        f"  new ITable(table, {config});\n"
        "}\n</script>"
    )


def _breakable(markup: str) -> str:
    """A vocabulary value (``health_ministry``) that may wrap after its underscores."""
    return markup.replace("_", "_<wbr>")


def _order_key(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "item"):
        value = value.item()
    return repr(float(value)) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _first_text(*values: Any) -> Any:
    return next((v for v in values if isinstance(v, str) and v or isinstance(v, pd.Timestamp)), None)


def _true(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return isinstance(value, bool | np.bool_) and bool(value)
