"""What notebooks call to show a table, chart, text or headline numbers, always HTML-escaped.

``show_table`` and ``show_chart`` also save what they show into the report's ``tables/`` and
``charts/`` folders; a notebook never builds a path or writes a file itself.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from newskit.errors import ReportError
from newskit.params import PARAMETERS
from newskit.report.order import HEADLINES_MIMETYPE, RUN_ORDER
from newskit.report.shown_paths import portable_value
from newskit.report.table_html import (
    CLAIM_FILTERS,
    EXPLORER_MAX_ROWS,
    TABLE_CSS,
    article_anchor,
    claim_columns,
    explorer_assets,
    explorer_script,
    frame_columns,
    table_html,
)
from newskit.tables import read_csv, write_csv

TEXT_SHOWN_CHARS = 300
# Numbers the tables shown in this kernel (ids unique on a page, the same on every run).
_TABLE_NUMBERS = itertools.count(1)
# How this process showed warnings before show_warnings_inline (reset_notebook_state restores it).
_SHOWWARNING_AT_IMPORT = warnings.showwarning
# A chart not drawn: its sentence, set off from the tables around it.
NOT_DRAWN_STYLE = "border-left: 3px solid #999; padding: 0.3em 0.8em; color: #333"

def show_parameters(params: Any) -> None:
    """Show a notebook's validated parameters as an escaped table (paths relative to the project).

    The output also carries the page's table explorer (:func:`~newskit.report.table_html.explorer_assets`):
    every notebook shows its parameters first, so every page has it once, before its tables.
    """
    values = vars(params) if not isinstance(params, Mapping) else dict(params)
    rows = [
        {"parameter": name, "value": json.dumps(portable_value(name, value), ensure_ascii=False)}
        for name, value in values.items()
        if name in PARAMETERS and not PARAMETERS[name].runner_only
    ]
    table = pd.DataFrame(rows, columns=["parameter", "value"])
    _display_html(
        f'{explorer_assets()}\n<details class="nk-parameters"><summary>Parameters ({len(table)})</summary>\n'
        f"{_table_html(table, table_id='nk-parameters')}\n</details>"
    )


def show_table(
    table: pd.DataFrame,
    name: str | None = None,
    *,
    report_dir: str = "",
    n_rows: int = 20,
    caption: str | None = None,
    row_ids: str | None = None,
) -> None:
    """Show ``table`` for reading; save all of it.

    Cells are formatted for reading (counts with separators, shares as percentages, dates as dates;
    text over :data:`TEXT_SHOWN_CHARS` shortened) and wrap to the page width. A table longer than
    ``n_rows`` becomes an explorer (sort, search, ``n_rows`` a page) of its first
    :data:`~newskit.report.table_html.EXPLORER_MAX_ROWS` rows. ``row_ids`` names a column whose values
    give each row an anchor (``#article-<value>``, see ``article_anchor``); such a table is not paged.

    With a ``name`` and a ``report_dir``, every row is written to ``report_dir/tables/NAME.csv``
    (index dropped, fixed float format, ``\\n`` line ends: the same table gives the same bytes; text a
    spreadsheet would run as a formula gets a leading apostrophe, see :mod:`newskit.tables`); the CSV
    holds the raw values, never the formatted ones.
    """
    saved = _save_table(table, name, report_dir)
    long = len(table) > n_rows
    shown = table.head(EXPLORER_MAX_ROWS if long else n_rows)
    anchors = [article_anchor(v) for v in shown[row_ids].tolist()] if row_ids else None
    _display_html(
        _table_html(shown, caption=caption, note=_rows_note(len(shown), len(table), saved), explorer=long,
                    n_rows=n_rows, row_ids=anchors, table_id=_table_id(name))
    )


def show_claims(
    claims: pd.DataFrame,
    name: str | None = None,
    *,
    report_dir: str = "",
    n_rows: int = 20,
    caption: str | None = None,
    leading: tuple[str, ...] = (),
    trailing: tuple[str, ...] = (),
) -> None:
    """Show a claims-like table evidence first, as an explorer; save all of it raw (as :func:`show_table`).

    Each row: the claim's place (``002 ¶4``, linking to the article's row on the corpus page), the
    sentence with the figure marked, the figure and the interval its words allow, outcome, group, place,
    scope, source, outlet, date, flags (``leading`` columns first, ``trailing`` ones last). Readers sort,
    search every column and filter by outlet, outcome, group, place, kind of source, scope and flags. At most
    :data:`~newskit.report.table_html.EXPLORER_MAX_ROWS` rows are in the page; the CSV holds every row.
    """
    saved = _save_table(claims, name, report_dir)
    shown = claims.head(EXPLORER_MAX_ROWS)
    columns = claim_columns(shown, leading=leading, trailing=trailing)
    table_id = _table_id(name)
    filters = [i for i, c in enumerate(columns) if c.header in CLAIM_FILTERS]
    parts = [TABLE_CSS, f"<p><strong>{html.escape(caption)}</strong></p>"] if caption else [TABLE_CSS]
    style = "nk-table nk-claims" if "sentence" in claims.columns else "nk-table"  # claims: the evidence wraps
    parts.append(f'<div class="{style}">{table_html(columns, table_id=table_id)}</div>')
    if len(shown):
        parts.append(explorer_script(table_id, n_rows=n_rows, filters=filters))
    parts.append(f'<p class="muted">{_rows_note(len(shown), len(claims), saved)}</p>')
    _display_html("\n".join(parts))


def show_chart(chart: tuple[Any, pd.DataFrame], name: str, *, report_dir: str = "", caption: str | None = None) -> None:
    """Show a chart given as ``(figure, data)``; save ``charts/NAME.png`` and ``charts/NAME.csv``.

    The image shown is the saved PNG itself, so the HTML and ``charts/`` hold the same bytes. A chart
    not drawn (``figure`` a :class:`newskit.plots.NotDrawn`) is shown as its sentence and saved as
    ``charts/NAME.not_drawn.txt``, with no PNG or CSV.
    """
    from IPython.display import Image, display

    from newskit.plots import NotDrawn, save_chart, save_not_drawn
    from newskit.plots.core import DPI, PNG_METADATA

    figure, data = chart
    if isinstance(figure, NotDrawn):
        if report_dir:
            save_not_drawn(figure, Path(report_dir) / "charts" / name)
        _display_html(_not_drawn_html(figure.sentence, caption))
        return
    if report_dir:
        png_path, _ = save_chart(figure, data, Path(report_dir) / "charts" / name)
        png = png_path.read_bytes()
    else:
        import matplotlib.pyplot as plt

        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata=PNG_METADATA)
        plt.close(figure)
        png = buffer.getvalue()
    if caption:
        _display_html(f"<p><strong>{html.escape(caption)}</strong></p>")
    display(Image(data=png, format="png", alt=caption or name))
    if report_dir:
        _display_html(f'<p class="muted">Numbers drawn: charts/{html.escape(name)}.csv</p>')


def show_saved_table(name: str, *, report_dir: str, n_rows: int = 20, caption: str | None = None) -> None:
    """Show the first ``n_rows`` of ``report_dir/tables/NAME.csv``, a table an earlier notebook of the run
    saved (a summary: no explorer; the note links the CSV); a sentence instead when the notebook that
    makes it did not run on this corpus."""
    if _show_not_run(Path(report_dir) / "tables" / f"{name}.csv", f"the table {name}", report_dir):
        return
    table = read_table(name, report_dir=report_dir)
    shown = table.head(n_rows)
    note = _rows_note(len(shown), len(table), f"tables/{name}.csv")
    _display_html(_table_html(shown, caption=caption, note=note, table_id=_table_id(name)))


def show_saved_chart(name: str, *, report_dir: str, caption: str | None = None) -> None:
    """Show ``report_dir/charts/NAME.png``, a chart an earlier notebook of the run saved (or its sentence)."""
    from IPython.display import Image, display

    from newskit.plots.enough import charts_not_drawn

    path = Path(report_dir) / "charts" / f"{name}.png"
    sentence = charts_not_drawn(path.parent).get(name) if not path.is_file() else None
    if sentence:
        _display_html(_not_drawn_html(sentence, caption))
        return
    if _show_not_run(path, f"the chart {name}", report_dir):
        return
    if not path.is_file():
        raise ReportError(
            f"chart {name!r} is not in {path.parent}: run the notebook that draws it first "
            f"(run order: {', '.join(RUN_ORDER)}), or point report_dir at a finished report"
        )
    if caption:
        _display_html(f"<p><strong>{html.escape(caption)}</strong></p>")
    display(Image(data=path.read_bytes(), format="png", alt=caption or name))
    _display_html(f'<p class="muted">Numbers drawn: charts/{html.escape(name)}.csv</p>')


def show_headlines(numbers: Mapping[str, Any], *, notebook: str) -> None:
    """Show a notebook's headline numbers; the runner also copies them onto the report's index page."""
    from IPython.display import display

    clean = {str(k): json_value(v) for k, v in numbers.items()}
    table = pd.DataFrame({"headline": list(clean), "value": [format_value(v) for v in clean.values()]})
    display(
        {
            "text/html": _table_html(table, caption="Headline numbers", table_id="nk-headlines"),
            HEADLINES_MIMETYPE: {"notebook": notebook, "numbers": [[k, v] for k, v in clean.items()]},
        },
        raw=True,
    )


def show_text(text: str) -> None:
    """Show a text (e.g. one article's passage) as an escaped paragraph."""
    _display_html(f"<blockquote>{html.escape(text)}</blockquote>")


def show_warnings_inline() -> None:
    """From here on, show each warning as a notice for researchers, the developer detail folded
    (see :func:`newskit.report.notices.warning_notice`)."""
    from newskit.report.notices import warning_notice

    def show(message, category, filename, lineno, file=None, line=None):  # the warnings.showwarning API
        _display_html(warning_notice(str(message), category, filename, lineno))

    warnings.showwarning = show


def reset_notebook_state() -> None:
    """Undo what a notebook's display calls left in its kernel: tables are numbered from 1 again, warnings
    are shown as when this module was imported (not inline), and those Python showed once show again.

    The runner calls it (after IPython's reset) when a kernel moves on to the next notebook, so that
    the next page is the one a new kernel would make.
    """
    global _TABLE_NUMBERS
    _TABLE_NUMBERS = itertools.count(1)
    warnings.showwarning = _SHOWWARNING_AT_IMPORT
    with warnings.catch_warnings():  # entering it makes Python forget which warnings it has shown
        pass


def read_table(name: str, *, report_dir: str) -> pd.DataFrame:
    """Read ``report_dir/tables/NAME.csv`` written earlier in the same run (for the summary)."""
    path = Path(report_dir) / "tables" / f"{name}.csv"
    if not path.is_file():
        raise ReportError(
            f"table {name!r} is not in {path.parent}: run the notebook that writes it first "
            f"(run order: {', '.join(RUN_ORDER)}), or point report_dir at a finished report"
        )
    return read_csv(path)


def _not_drawn_html(sentence: str, caption: str | None) -> str:
    heading = f"<p><strong>{html.escape(caption)}</strong></p>" if caption else ""
    return f'{heading}<p class="chart-not-drawn" style="{NOT_DRAWN_STYLE}">{html.escape(sentence)}</p>'


def _show_not_run(path: Path, what: str, report_dir: str) -> bool:
    """When ``path`` is missing because a notebook did not run on this corpus, say so; True if said."""
    from newskit.report.notices import missing_output_notice, read_not_run

    not_run = read_not_run(report_dir)
    if path.is_file() or not not_run:
        return False
    _display_html(missing_output_notice(what, not_run))
    return True


def _display_html(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def _save_table(table: pd.DataFrame, name: str | None, report_dir: str) -> str | None:
    """Write every row to ``report_dir/tables/NAME.csv``; its path relative to the report, or None."""
    if not (name and report_dir):
        return None
    path = Path(report_dir) / "tables" / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(table, path)
    return f"tables/{name}.csv"


def _rows_note(n_shown: int, n_rows: int, saved: str | None) -> str:
    """"3 of 11 rows; all in tables/x.csv" (escaped markup, the CSV a link)."""
    note = f"{n_rows:,} row{'' if n_rows == 1 else 's'}" if n_shown == n_rows else f"{n_shown:,} of {n_rows:,} rows"
    if saved:
        note += f'; all in <a href="{html.escape(saved)}">{html.escape(saved)}</a>'
    return note


def _table_id(name: str | None) -> str:
    """A page-unique id: the table's name and the count of tables shown so far in this kernel."""
    return f"nk-{re.sub(r'[^A-Za-z0-9_-]', '-', name or 'table')}-{next(_TABLE_NUMBERS)}"


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > TEXT_SHOWN_CHARS:
        return value[: TEXT_SHOWN_CHARS - 1] + "…"
    return value


def _table_html(
    table: pd.DataFrame,
    *,
    caption: str | None = None,
    note: str | None = None,
    explorer: bool = False,
    n_rows: int = 20,
    row_ids: list[str] | None = None,
    table_id: str | None = None,
) -> str:
    """An escaped HTML table, cells formatted for reading; an explorer when ``explorer``.

    ``note`` is markup (see :func:`_rows_note`); every cell, header and caption is escaped here.
    """
    table_id = table_id or _table_id(None)
    shown = table.map(_shorten) if len(table) else table
    parts = [TABLE_CSS]
    if caption:
        parts.append(f"<p><strong>{html.escape(caption)}</strong></p>")
    parts.append(f'<div class="nk-table">{table_html(frame_columns(shown), table_id=table_id, row_ids=row_ids)}</div>')
    if explorer and len(shown):
        parts.append(explorer_script(table_id, n_rows=n_rows, paging=row_ids is None))
    if note:
        parts.append(f'<p class="muted">{note}</p>')
    return "\n".join(parts)


def json_value(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def format_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)
