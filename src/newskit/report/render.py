"""Rendering: each executed notebook as an offline HTML page, and the index page, from Jinja2 templates."""

from __future__ import annotations

import json
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


def render_html(notebook: Any) -> str:
    """The executed notebook as one offline HTML page, code hidden, titled by its first heading."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"newskit_offline.html.j2": OFFLINE_TEMPLATE})],
        template_file="newskit_offline.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _resources = exporter.from_notebook_node(notebook, resources={"metadata": {"name": page_title(notebook)}})
    return body


def index_environment() -> Any:
    """The Jinja2 environment of the report's own pages: templates of this package, every value escaped."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def write_index(report_dir: Path, values: Mapping[str, Any], names: list[str], headlines: Mapping[str, Any]) -> Path:
    """Write ``index.html`` from ``templates/index.html.j2``: headline numbers, notebooks, tables, charts, parameters.

    Every value is escaped by the template (autoescape); absolute paths are then redacted.
    """
    context = {
        "title": values["title"],
        "headlines": [
            {"name": name, "numbers": [(label, format_value(value)) for label, value in headlines[name].items()]}
            for name in names if headlines.get(name)
        ],
        "notebooks": [{"name": name, "question": QUESTIONS.get(name, "")} for name in names],
        "tables": [path.name for path in sorted((report_dir / "tables").glob("*.csv"))],
        "charts": [path.stem for path in sorted((report_dir / "charts").glob("*.png"))],
        "parameters": [
            (name, json.dumps(portable_value(name, value), ensure_ascii=False))
            for name, value in values.items() if not PARAMETERS[name].runner_only
        ],
    }
    page = index_environment().get_template("index.html.j2").render(**context)
    path = report_dir / "index.html"
    path.write_text(redact_paths(page, private_prefixes(values, report_dir)), encoding="utf-8")
    return path
