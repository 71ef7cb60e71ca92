"""Rendering: each executed notebook as an offline HTML page, and the index page, from Jinja2 templates."""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newskit.params import PARAMETERS
from newskit.report.display import format_value
from newskit.report.order import QUESTIONS
from newskit.report.shown_paths import portable_value, private_prefixes, redact_paths

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def page_title(notebook: Any) -> str:
    """A page's title: the first heading of the notebook's first markdown cell ("Notebook" if none).

    >>> import nbformat
    >>> page_title(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 02 · Claims\\ntext")]))
    '02 · Claims'
    """
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
            break
    return "Notebook"


# Exporters not in use: a page takes one (or makes one when none is free) and gives it back, so the
# runner (one thread renders its pages) makes one. An exporter compiles its templates on its first
# page, 0.1-0.2 s that its next pages skip; one page at a time uses an exporter.
_FREE_EXPORTERS: list[Any] = []
_EXPORTERS_LOCK = threading.Lock()


def page_exporter(exporter_class: type | None = None, *, hide_code: bool = True) -> Any:
    """An exporter of the kit's offline pages: :class:`~newskit.report.page_exporter.PageExporter` unless
    ``exporter_class`` names another (nbconvert's ``HTMLExporter``, to compare with); code and prompts
    hidden unless ``hide_code`` is False."""
    from jinja2 import DictLoader

    if exporter_class is None:
        from newskit.report.page_exporter import PageExporter as exporter_class
    return exporter_class(
        template_name="lab",
        extra_loaders=[DictLoader({"newskit_offline.html.j2": OFFLINE_TEMPLATE})],
        template_file="newskit_offline.html.j2",
        exclude_input=hide_code,
        exclude_input_prompt=hide_code,
        exclude_output_prompt=hide_code,
    )


def export_page(exporter: Any, notebook: Any) -> str:
    """``notebook`` as a page by ``exporter``, titled by its first heading."""
    return exporter.from_notebook_node(notebook, resources={"metadata": {"name": page_title(notebook)}})[0]


def render_html(notebook: Any) -> str:
    """The executed notebook as one offline HTML page, code hidden, titled by its first heading."""
    with _EXPORTERS_LOCK:
        exporter = _FREE_EXPORTERS.pop() if _FREE_EXPORTERS else None
    if exporter is None:
        exporter = page_exporter()
    try:
        return export_page(exporter, notebook)
    finally:
        with _EXPORTERS_LOCK:
            _FREE_EXPORTERS.append(exporter)


def index_environment() -> Any:
    """The Jinja2 environment of the report's own pages: templates of this package, every value escaped."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def reading_order(names: list[str]) -> list[str]:
    """The report's pages as a reader reads them: the index, then the notebooks by number (00 first).

    >>> reading_order(["01-corpus", "00-summary"])
    ['index', '00-summary', '01-corpus']
    """
    return ["index", *sorted(names)]


def navigation_html(page: str, pages: list[str]) -> str:
    """A bar linking the index and ``page``'s previous and next pages in ``pages`` (escaped)."""
    at = pages.index(page)
    links = ['<a href="index.html">Index</a>'] if page != "index" else ["<strong>Index</strong>"]
    if at > 0 and pages[at - 1] != "index":
        links.append(f'<a href="{html.escape(pages[at - 1])}.html" rel="prev">← {html.escape(pages[at - 1])}</a>')
    if at + 1 < len(pages):
        links.append(f'<a href="{html.escape(pages[at + 1])}.html" rel="next">{html.escape(pages[at + 1])} →</a>')
    return f'<nav class="newskit-nav" aria-label="report pages">{" · ".join(links)}</nav>'


# A table or chart CSV named in a page's text ("all in tables/claims.csv"), not already in a link; it is
# text (not an attribute) when white space, ">" or "(" comes before it, which link_outputs checks: a
# look-behind here would be tried at every character of pages that are mostly base64 images.
RE_OUTPUT_PATH = re.compile(r"((?:tables|charts)/[A-Za-z0-9_.-]+\.csv)(?!\s*</a>)")


def link_outputs(page: str, *, report_dir: Path) -> str:
    """``page`` with each ``tables/X.csv`` / ``charts/X.csv`` it names made a link, when that file is in
    ``report_dir`` (a name of a file not in the report stays text).

    >>> import tempfile; folder = Path(tempfile.mkdtemp()); (folder / "tables").mkdir()
    >>> _ = (folder / "tables" / "claims.csv").write_text("a\\n")
    >>> link_outputs("<p>all in tables/claims.csv; tables/none.csv</p>", report_dir=folder)
    '<p>all in <a href="tables/claims.csv">tables/claims.csv</a>; tables/none.csv</p>'
    >>> link_outputs('<img alt="tables/claims.csv"> (tables/claims.csv)', report_dir=folder)
    '<img alt="tables/claims.csv"> (<a href="tables/claims.csv">tables/claims.csv</a>)'
    """

    def link(match: re.Match[str]) -> str:
        path, before = match.group(1), page[match.start() - 1: match.start()]
        in_text = before.isspace() or before in (">", "(")
        return f'<a href="{path}">{path}</a>' if in_text and (report_dir / path).is_file() else path

    return RE_OUTPUT_PATH.sub(link, page)


NAVIGATION_STYLE = (
    "<style>.newskit-nav{font-family:system-ui,sans-serif;margin:0.5rem 0 1rem;padding:0.4rem 0;"
    "border-bottom:1px solid #ddd;font-size:1rem}.newskit-nav a{margin:0 0.3rem;color:#0645ad;"
    "text-decoration:underline}"
    ".newskit-notice{border-left:4px solid #b58900;background:#fdf6e3;padding:0.3rem 0.8rem;margin:0.5rem 0}"
    ".newskit-notice details{color:#555;font-size:0.9em}</style>"
)


def link_pages(report_dir: Path, names: list[str]) -> None:
    """Give each notebook page of ``report_dir`` a navigation bar (top and bottom) and links to the
    table and chart CSVs it names."""
    pages = reading_order(names)
    for name in names:
        path = report_dir / f"{name}.html"
        page = link_outputs(path.read_text(encoding="utf-8"), report_dir=report_dir)
        bar = navigation_html(name, pages)
        page = page.replace("</head>", NAVIGATION_STYLE + "</head>", 1)
        page = re.sub(r"(<body[^>]*>)", lambda m, bar=bar: m.group(1) + "\n" + bar, page, count=1)
        page = page.replace("</body>", bar + "\n</body>", 1)
        path.write_text(page, encoding="utf-8")


def marked_sentence(sentence: Any, surface: Any) -> Any:
    """The escaped ``sentence`` with the first occurrence of ``surface`` in ``<mark>`` (a Markup).

    >>> str(marked_sentence("more than 18,600 <killed>", "18,600"))
    'more than <mark>18,600</mark> &lt;killed&gt;'
    """
    from markupsafe import Markup

    from newskit.report.table_html import marked_sentence as marked_html

    return Markup(marked_html("" if _missing(sentence) else str(sentence), "" if _missing(surface) else str(surface)))


def _missing(value: Any) -> bool:
    import pandas as pd

    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array: a value
        return False


def shown_date(value: Any) -> str:
    """A date as the index shows it (``2023-12-14``), or ``undated``."""
    import pandas as pd

    day = pd.to_datetime(value, errors="coerce")
    return "undated" if pd.isna(day) else day.date().isoformat()


def shown_text(value: Any, *, empty: str = "") -> str:
    """A table cell as text: ``empty`` for a missing value, whole numbers with thousands separators."""
    if _missing(value) or value == "":
        return empty
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def headline_claims(report_dir: Path) -> dict[str, Any]:
    """What the index leads with, from the tables the notebooks saved (a section is None when the
    notebook that makes its table did not run): the latest official-source toll per outlet and place,
    agreement with the official series on the claim's day, the claims of one quantity furthest apart."""
    from newskit.report.display import read_table
    from newskit.report.summaries import agreement_on_day, format_share, latest_official_tolls, widest_discrepancies

    def table(name: str) -> Any:
        saved = (report_dir / "tables" / f"{name}.csv").is_file()
        return read_table(name, report_dir=str(report_dir)) if saved else None

    claims, comparison, discrepancies = table("claims"), table("comparison"), table("discrepancies")
    found: dict[str, Any] = {"tolls": None, "agreement": None, "discrepancies": None}
    if claims is not None:
        found["tolls"] = [_claim_view(row) for _, row in latest_official_tolls(claims).iterrows()]
    if claims is not None and comparison is not None:
        agreeing, compared, examples = agreement_on_day(comparison, claims)
        found["agreement"] = {
            "share": format_share(agreeing, compared),
            "compared": f"{compared:,}",
            "examples": [
                _claim_view(row) | {
                    "reference_value": shown_text(row["reference_value"]),
                    "reference_date": shown_date(row["reference_date"]),
                    "agrees": bool(row["agrees_on_day"]),
                    "lag_days": shown_text(row.get("lag_days"), empty="none found"),
                }
                for _, row in examples.iterrows()
            ],
        }
    if discrepancies is not None:
        found["discrepancies"] = [
            {"quantity": shown_text(group["quantity"].iloc[0]), "n_articles": shown_text(group["n_articles"].iloc[0]),
             "n_values": shown_text(group["n_values"].iloc[0]),
             "claims": [_claim_view(row) for _, row in group.iterrows()]}
            for group in widest_discrepancies(discrepancies)
        ]
    return found


def _claim_view(row: Any) -> dict[str, Any]:
    """One claim as the index template shows it: every field as reader text, the sentence marked."""
    from newskit.report.summaries import NO_OUTLET

    date = row["date"] if "date" in row else (row["as_of"] if not _missing(row.get("as_of")) else row.get("published"))
    if "date_from" in row and _missing(date):
        date = row["date_from"]
    return {
        "outlet": shown_text(row.get("outlet"), empty=NO_OUTLET),
        "date": shown_date(date),
        "surface": shown_text(row.get("surface")),
        "outcome": shown_text(row.get("outcome")),
        "group": shown_text(row.get("group")),
        "place": shown_text(row.get("place"), empty="place not given"),
        "source": shown_text(row.get("source"), empty="no source named"),
        "source_type": shown_text(row.get("source_type")),
        "article_id": shown_text(row.get("article_id")),
        "sentence": marked_sentence(row.get("sentence"), row.get("surface")),
    }


def write_index(
    report_dir: Path,
    values: Mapping[str, Any],
    names: list[str],
    headlines: Mapping[str, Any],
    *,
    not_run: Mapping[str, Mapping[str, str]] | None = None,
    sources: Mapping[str, str] | None = None,
) -> Path:
    """Write ``index.html`` from ``templates/index.html.j2``: the headline claims with their evidence,
    headline numbers, pages (those that did not run marked), tables, charts, parameters with where
    each value came from (``sources``, see :func:`newskit.params.parameter_sources`).

    Every value is escaped by the template (autoescape); absolute paths are then redacted. Also links
    the notebook pages to each other (:func:`link_pages`).
    """
    from newskit.plots.enough import charts_not_drawn

    not_run = dict(not_run or {})
    sources = dict(sources or {})
    pages = reading_order(names)
    context = {
        "title": values["title"],
        "navigation": navigation_html("index", pages),
        "claims": headline_claims(report_dir),
        "headlines": [
            {"name": name, "numbers": [(label, format_value(value)) for label, value in headlines[name].items()]}
            for name in names if headlines.get(name)
        ],
        "notebooks": [{"name": name, "question": QUESTIONS.get(name, ""), "not_run": not_run.get(name)}
                      for name in pages[1:]],
        "tables": [path.name for path in sorted((report_dir / "tables").glob("*.csv"))],
        "charts": [path.stem for path in sorted((report_dir / "charts").glob("*.png"))],
        "charts_not_drawn": list(charts_not_drawn(report_dir / "charts").items()),
        "parameters": [
            (name, json.dumps(portable_value(name, value), ensure_ascii=False), sources.get(name, ""))
            for name, value in values.items() if not PARAMETERS[name].runner_only
        ],
    }
    page = index_environment().get_template("index.html.j2").render(**context)
    path = report_dir / "index.html"
    path.write_text(redact_paths(page, private_prefixes(values, report_dir)), encoding="utf-8")
    link_pages(report_dir, names)
    return path
