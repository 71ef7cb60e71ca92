"""What notebooks call to show a table, chart, text or headline numbers, always HTML-escaped.

``show_table`` and ``show_chart`` also save what they show into the report's ``tables/`` and
``charts/`` folders; a notebook never builds a path or writes a file itself.
"""

from __future__ import annotations

import html
import io
import json
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from newskit.errors import ReportError
from newskit.params import PARAMETERS
from newskit.report.order import HEADLINES_MIMETYPE, RUN_ORDER
from newskit.report.shown_paths import portable_value
from newskit.tables import read_csv, write_csv

TEXT_SHOWN_CHARS = 300
# Bars a bar chart draws at most (one per row of its table).
MAX_BARS = 60
# The HTML template: JupyterLab's, without the scripts it would fetch from CDNs (require.js, MathJax,
# Mermaid, widgets), so a report opens offline and makes no network request.


def show_parameters(params: Any) -> None:
    """Show a notebook's validated parameters as an escaped table (paths relative to the project)."""
    values = vars(params) if not isinstance(params, Mapping) else dict(params)
    rows = [
        {"parameter": name, "value": json.dumps(portable_value(name, value), ensure_ascii=False)}
        for name, value in values.items()
        if name in PARAMETERS and not PARAMETERS[name].runner_only
    ]
    _display_html(_table_html(pd.DataFrame(rows, columns=["parameter", "value"]), caption="Parameters"))


def show_table(
    table: pd.DataFrame,
    name: str | None = None,
    *,
    report_dir: str = "",
    n_rows: int = 20,
    caption: str | None = None,
) -> None:
    """Show the first ``n_rows`` of ``table`` (text escaped, long text shortened); save all of it.

    With a ``name`` and a ``report_dir``, every row is written to ``report_dir/tables/NAME.csv``
    (index dropped, fixed float format, ``\\n`` line ends: the same table gives the same bytes; text a
    spreadsheet would run as a formula gets a leading apostrophe, see :mod:`newskit.tables`).
    """
    if name and report_dir:
        path = Path(report_dir) / "tables" / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_csv(table, path)
    shown = table.head(n_rows)
    note = f"{len(shown)} of {len(table)} rows" + (f"; all in tables/{name}.csv" if name and report_dir else "")
    _display_html(_table_html(shown, caption=caption, note=note))


def show_chart(chart: tuple[Any, pd.DataFrame], name: str, *, report_dir: str = "", caption: str | None = None) -> None:
    """Show a chart given as ``(figure, data)``; save ``charts/NAME.png`` and ``charts/NAME.csv``.

    The image shown is the saved PNG itself, so the HTML and ``charts/`` hold the same bytes.
    """
    from IPython.display import Image, display

    from newskit.plots.core import DPI, PNG_METADATA, save_chart

    figure, data = chart
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
    """Show ``report_dir/tables/NAME.csv``, a table an earlier notebook of the run saved (a sentence
    instead when the notebook that makes it did not run on this corpus)."""
    if _show_not_run(Path(report_dir) / "tables" / f"{name}.csv", f"the table {name}", report_dir):
        return
    show_table(read_table(name, report_dir=report_dir), n_rows=n_rows, caption=caption)


def show_saved_chart(name: str, *, report_dir: str, caption: str | None = None) -> None:
    """Show ``report_dir/charts/NAME.png``, a chart an earlier notebook of the run saved."""
    from IPython.display import Image, display

    path = Path(report_dir) / "charts" / f"{name}.png"
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
            "text/html": _table_html(table, caption="Headline numbers"),
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


def read_table(name: str, *, report_dir: str) -> pd.DataFrame:
    """Read ``report_dir/tables/NAME.csv`` written earlier in the same run (for the summary)."""
    path = Path(report_dir) / "tables" / f"{name}.csv"
    if not path.is_file():
        raise ReportError(
            f"table {name!r} is not in {path.parent}: run the notebook that writes it first "
            f"(run order: {', '.join(RUN_ORDER)}), or point report_dir at a finished report"
        )
    return read_csv(path)


def show_evidence(claims: pd.DataFrame, *, n_rows: int = 20, caption: str | None = None) -> None:
    """Show claims with their evidence: the sentence, the figure marked in it, escaped."""
    shown = claims.head(n_rows)
    rows = []
    for claim in shown.itertuples(index=False):
        sentence, surface = str(claim.sentence or ""), str(claim.surface or "")
        at = sentence.find(surface) if surface else -1
        if at >= 0:
            marked = (
                html.escape(sentence[:at])
                + "<mark>"
                + html.escape(surface)
                + "</mark>"
                + html.escape(sentence[at + len(surface) :])
            )
        else:
            marked = html.escape(sentence)
        who = claim.source if isinstance(claim.source, str) and claim.source else "(no attribution)"
        rows.append(
            f"<tr><td>{html.escape(str(claim.article_id))}</td><td>{html.escape(surface)}</td>"
            f"<td>{html.escape(f'{claim.outcome} / {claim.group} / {claim.scope}')}</td>"
            f"<td>{html.escape(str(claim.bound))}</td><td>{html.escape(who)} "
            f"({html.escape(str(claim.source_type))})</td><td>{marked}</td></tr>"
        )
    header = "".join(
        f"<th>{h}</th>" for h in ("article", "figure", "outcome / group / scope", "bound", "according to", "evidence")
    )
    parts = [f"<p><strong>{html.escape(caption)}</strong></p>"] if caption else []
    parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    parts.append(f'<p class="muted">{len(shown)} of {len(claims)} figures</p>')
    _display_html("\n".join(parts))


def bar_chart(table: pd.DataFrame, *, label: str, counts: list[str], title: str) -> tuple[Any, pd.DataFrame]:
    """A horizontal bar chart of the ``counts`` columns by ``label``; returns ``(figure, data)``.

    At most :data:`MAX_BARS` rows are drawn (the first ones; the title says so): a chart of 20,000
    articles would be a figure hundreds of metres tall. ``data`` is exactly the rows drawn.
    """
    import matplotlib.pyplot as plt

    data = table[[label, *counts]].head(MAX_BARS).reset_index(drop=True)
    if len(table) > MAX_BARS:
        title = f"{title} (first {MAX_BARS} of {len(table):,})"
    figure, axes = plt.subplots(figsize=(7, 0.45 * len(data) + 1.4))
    data.set_index(label)[counts].iloc[::-1].plot.barh(ax=axes, width=0.8)
    axes.set_title(title)
    axes.set_ylabel("")
    figure.tight_layout()
    return figure, data


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


def _shorten(value: Any) -> Any:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()  # a date, not "2023-12-14 00:00:00"
    if isinstance(value, str) and len(value) > TEXT_SHOWN_CHARS:
        return value[: TEXT_SHOWN_CHARS - 1] + "…"
    return value


def _table_html(table: pd.DataFrame, *, caption: str | None = None, note: str | None = None) -> str:
    """An escaped HTML table: every cell, header and caption goes through ``html.escape``."""
    shown = table.map(_shorten) if len(table) else table
    markup = shown.to_html(index=False, escape=True, na_rep="", border=0, float_format=lambda x: f"{x:.6g}")
    parts = []
    if caption:
        parts.append(f"<p><strong>{html.escape(caption)}</strong></p>")
    parts.append(markup)
    if note:
        parts.append(f'<p class="muted">{html.escape(note)}</p>')
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
