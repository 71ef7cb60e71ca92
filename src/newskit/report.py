"""Reports: run the notebooks with papermill, render HTML, write the index, tables, charts and manifest.

:func:`run_report` is the runner behind ``newskit report`` and ``make report``. It builds the whole
report in a temporary folder beside the target and moves it into place only when every notebook ran,
so a failed run leaves the previous report as it was.

The ``show_*`` and :func:`read_table` helpers are what notebooks call to show a table or chart (always
HTML-escaped) and to save it into the report's ``tables/`` and ``charts/`` folders; a notebook never
builds a path or writes a file itself.

Reproducibility: the kernel runs with ``PYTHONHASHSEED=0``; papermill's timing metadata, execution
timestamps and random cell ids are removed from the saved notebooks before they are rendered, and
every time a run measures goes in the ``run`` section of ``manifest.json`` and nowhere else.
"""

from __future__ import annotations

import ast
import hashlib
import html
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from newskit.errors import NewskitError, NewskitWarning, ReportError
from newskit.params import (
    NOTEBOOK_PARAMETERS,
    PARAMETERS,
    input_paths,
    notebook_params,
    read_manifest,
    resolve_params,
)
from newskit.paths import NOTEBOOKS_DIR, PARAMS_DIR, PROJECT_DIR, REPORTS_DIR
from newskit.report_folder import check_out_dir, make_work_dir, recover, replace_folder
from newskit.tables import read_csv, write_csv

KERNEL_NAME = "newskit"
# Run order. 00-summary is read first but runs last: it shows the tables the others wrote.
RUN_ORDER: tuple[str, ...] = (
    "01-corpus",
    "02-casualty-figures",
    "03-figure-statistics",
    "04-topics",
    "00-summary",
)
QUESTIONS: dict[str, str] = {
    "00-summary": "What are the headline figures of this corpus, and where is the evidence for each?",
    "01-corpus": "What was loaded, and what did cleaning remove and why?",
    "02-casualty-figures": ("Which casualty figures does the coverage report, attributed to whom, with what evidence?"),
    "03-figure-statistics": (
        "How do the reported figures relate to the official series: lag, dating, discrepancies, "
        "consistency and rounding?"
    ),
    "04-topics": "What does the coverage talk about, and which topics carry which figures?",
}
HEADLINES_MIMETYPE = "application/vnd.newskit.headlines+json"
PACKAGES = (
    "newskit",
    "pandas",
    "numpy",
    "scikit-learn",
    "matplotlib",
    "nltk",
    "pyarrow",
    "papermill",
    "nbconvert",
    "nbclient",
    "nbformat",
    "jupytext",
    "ipykernel",
    "pyyaml",
    "tqdm",
    "dask",
    "distributed",
)
KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
# the kernel's own log (e.g. its TCP notice) would break the progress bar
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
# Kernels started ahead of the notebook that runs (each imports its notebook's modules meanwhile):
# one ahead keeps two processes busy, which is what a two-core machine has; more only contend.
PREWARM_AHEAD = 1
# `git status` runs the nbstripout filter on notebooks whose stat information is stale: slow on a busy
# machine, so the dirty flag gets time before it is recorded as unknown (null).
GIT_TIMEOUT_SECONDS = 120
TEXT_SHOWN_CHARS = 300
# The HTML template: JupyterLab's, without the scripts it would fetch from CDNs (require.js, MathJax,
# Mermaid, widgets), so a report opens offline and makes no network request.
OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
INDEX_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222}table{border-collapse:collapse;margin:0.5rem 0 1.5rem}td,th{border:1px solid #ccc;
padding:0.25rem 0.6rem;
text-align:left}th{background:#f3f3f3}img{max-width:28rem;border:1px solid #ddd}.muted{color:#666}"""


# --------------------------------------------------------------------------------------------------
# Helpers that notebooks call


def show_parameters(params: Any) -> None:
    """Show a notebook's validated parameters as an escaped table (paths relative to the project)."""
    values = vars(params) if not isinstance(params, Mapping) else dict(params)
    rows = [
        {"parameter": name, "value": json.dumps(_portable(name, value), ensure_ascii=False)}
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
    """Show ``report_dir/tables/NAME.csv``, a table an earlier notebook of the run saved."""
    show_table(read_table(name, report_dir=report_dir), n_rows=n_rows, caption=caption)


def show_saved_chart(name: str, *, report_dir: str, caption: str | None = None) -> None:
    """Show ``report_dir/charts/NAME.png``, a chart an earlier notebook of the run saved."""
    from IPython.display import Image, display

    path = Path(report_dir) / "charts" / f"{name}.png"
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

    clean = {str(k): _json_value(v) for k, v in numbers.items()}
    table = pd.DataFrame({"headline": list(clean), "value": [_format_value(v) for v in clean.values()]})
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
    """From here on, show each warning as a short escaped note in the notebook (no file paths)."""

    def show(message, category, filename, lineno, file=None, line=None):  # the warnings.showwarning API
        _display_html(f'<p class="muted">{html.escape(category.__name__)}: {html.escape(str(message))}</p>')

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


def corpus_overview(articles: pd.DataFrame, passages: pd.DataFrame, removals: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``article_id, outlet, published, title, n_chars, n_passages, n_removed``.

    ``n_chars`` counts the raw text; ``n_removed`` counts every removal row (paragraphs and spans).
    """
    kept = passages.groupby("article_id").size()
    removed = removals.groupby("article_id").size()
    overview = articles[["article_id", "outlet", "published", "title"]].copy()
    overview["n_chars"] = articles["text"].str.len().astype("int64")
    overview["n_passages"] = overview["article_id"].map(kept).fillna(0).astype("int64")
    overview["n_removed"] = overview["article_id"].map(removed).fillna(0).astype("int64")
    return overview


def count_by(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Rows per combination of the ``by`` columns (empty values counted as ``(none)``), most first."""
    keys = table[by].astype(object).where(table[by].notna(), "(none)")
    counts = keys.value_counts(sort=False).rename("n").reset_index()
    return counts.sort_values(["n", *by], ascending=[False] + [True] * len(by), ignore_index=True)


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


def corpus_headlines(articles: pd.DataFrame, passages: pd.DataFrame, removals: pd.DataFrame) -> dict[str, Any]:
    """The corpus notebook's headline numbers: articles, outlets, dates, passages kept and removed."""
    dated = articles["published"].dropna()
    return {
        "articles": len(articles),
        "outlets": int(articles["outlet"].nunique()),
        "articles without a date": int(len(articles) - len(dated)),
        "earliest date": str(dated.min().date()) if len(dated) else "",
        "latest date": str(dated.max().date()) if len(dated) else "",
        "passages kept": len(passages),
        "pieces removed by cleaning": len(removals),
    }


def claims_headlines(claims: pd.DataFrame, articles: pd.DataFrame) -> dict[str, Any]:
    """The claims notebook's headline numbers: figures, articles with one, outcomes, attribution."""
    people = claims[claims["unit"] == "people"]
    attributed = claims["source_type"].notna() & (claims["source_type"] != "none")
    return {
        "casualty figures": len(claims),
        "articles with a figure": f"{claims['article_id'].nunique()} of {len(articles)}",
        "figures of people killed": int((people["outcome"] == "killed").sum()),
        "figures of people injured": int((people["outcome"] == "injured").sum()),
        "cumulative figures": int((claims["scope"] == "cumulative").sum()),
        "figures attributed to a source": int(attributed.sum()),
        "figures with a hedge (not exact)": int((claims["bound"] != "exact").sum()),
    }


def chosen_n_topics(candidates: pd.DataFrame, *, n_topics: int | None) -> int:
    """``n_topics`` when the parameters fix it, else the k that ``choose_n_topics`` marked ``chosen``."""
    if n_topics is not None:
        return int(n_topics)
    return int(candidates.loc[candidates["chosen"], "n_topics"].iloc[0])


def topics_headlines(
    candidates: pd.DataFrame, model: Any, assignments: pd.DataFrame, claims_with_topics: pd.DataFrame
) -> dict[str, Any]:
    """The topics notebook's headline numbers: k and why, share unexplained, top topic of the figures."""
    chosen = candidates[candidates["n_topics"] == model.n_topics_]
    explained = assignments[assignments["explained"]]
    carried = claims_with_topics[claims_with_topics["explained"]]
    top = carried["topic_label"].value_counts()
    return {
        "units clustered": len(assignments),
        "topics (k)": int(model.n_topics_),
        "coherence of that k (NPMI)": float(chosen["coherence_npmi"].iloc[0]) if len(chosen) else "",
        "stability of that k (mean ARI between seeds)": float(chosen["stability_ari"].iloc[0]) if len(chosen) else "",
        "share of units no topic explains": float(1 - len(explained) / len(assignments)) if len(assignments) else "",
        "topic carrying most casualty figures": f"{top.index[0]} ({top.iloc[0]} figures)" if len(top) else "",
    }


def removals_by_rule(removals: pd.DataFrame) -> pd.DataFrame:
    """``rule, n_removed, n_articles, n_chars``: what each cleaning rule dropped, most first."""
    table = (
        removals.assign(n_chars=removals["text"].str.len())
        .groupby("rule", as_index=False)
        .agg(n_removed=("article_id", "size"), n_articles=("article_id", "nunique"), n_chars=("n_chars", "sum"))
    )
    return table.sort_values(["n_removed", "rule"], ascending=[False, True], ignore_index=True)


def bar_chart(table: pd.DataFrame, *, label: str, counts: list[str], title: str) -> tuple[Any, pd.DataFrame]:
    """A horizontal bar chart of the ``counts`` columns by ``label``; returns ``(figure, data)``."""
    import matplotlib.pyplot as plt

    data = table[[label, *counts]].reset_index(drop=True)
    figure, axes = plt.subplots(figsize=(7, 0.45 * len(data) + 1.4))
    data.set_index(label)[counts].iloc[::-1].plot.barh(ax=axes, width=0.8)
    axes.set_title(title)
    axes.set_ylabel("")
    figure.tight_layout()
    return figure, data


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


def _json_value(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _format_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)


# --------------------------------------------------------------------------------------------------
# The runner


def run_report(
    params_path: str | Path | None = None,
    corpus: str | Path | None = None,
    out_dir: str | Path | None = None,
    overrides: Iterable[str] = (),
    *,
    notebooks: Iterable[str] | None = None,
    progress: bool = True,
    prewarm: bool = True,
) -> Path:
    """Run the notebooks in order and write the report folder; return its path.

    ``params_path`` defaults to ``params/sample.yaml`` (a report's ``manifest.json`` works too, to
    reproduce it); ``corpus`` overrides its corpus path; ``overrides`` are ``key=value`` texts;
    ``out_dir`` defaults to ``reports/<params name>``. Parameters are validated before anything runs.
    Raises ReportError naming the notebook and cell that failed, with the cell's error; the previous
    report at ``out_dir`` is then left untouched.

    ``prewarm``: start each notebook's kernel, and import the modules the notebook imports, while
    the previous notebook runs (see :class:`WarmKernel`); the outputs are the same either way.
    """
    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    values = resolve_params(params_path, corpus=corpus, overrides=list(overrides))
    if params_path is not None and Path(params_path).suffix == ".json":
        for problem in check_manifest_inputs(params_path):
            warnings.warn(f"reproducing {params_path}: input {problem}", NewskitWarning, stacklevel=2)
    names = list(RUN_ORDER if notebooks is None else notebooks)
    unknown = [n for n in names if n not in NOTEBOOK_PARAMETERS]
    if unknown:
        raise ReportError(f"no notebook(s) {unknown}; the notebooks are {list(RUN_ORDER)}")
    params_file = Path(params_path) if params_path is not None else PARAMS_DIR / "sample.yaml"
    inputs = [params_file, *(values[n] for n, p in PARAMETERS.items() if p.kind == "path" and values.get(n))]
    target = check_out_dir(out_dir if out_dir is not None else REPORTS_DIR / params_file.stem, inputs=inputs)
    _check_kernel()
    recover(target)
    build_dir = make_work_dir(target, "building")
    seconds: dict[str, float] = {}
    try:
        headlines = _run_notebooks(names, values, build_dir, seconds, progress=progress, prewarm=prewarm)
        write_index(build_dir, values, names, headlines)
        run = {
            "started_at": started_at,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "seconds_total": round(time.perf_counter() - started, 2),
            "seconds_per_notebook": seconds,
        }
        write_manifest(build_dir, values, names, run=run)
        replace_folder(build_dir, target)
    finally:
        if build_dir.exists():
            shutil.rmtree(build_dir, ignore_errors=True)
    return target


def _check_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL_NAME not in KernelSpecManager().find_kernel_specs():
        raise ReportError(
            f"the Jupyter kernel {KERNEL_NAME!r} is not registered: run `make setup`, or "
            f"`{sys.executable} -m ipykernel install --sys-prefix --name {KERNEL_NAME}`"
        )


def _run_notebooks(
    names: list[str],
    values: dict[str, Any],
    build_dir: Path,
    seconds: dict[str, float],
    *,
    progress: bool,
    prewarm: bool,
) -> dict[str, dict[str, Any]]:
    from tqdm.auto import tqdm

    (build_dir / "notebooks").mkdir()
    headlines: dict[str, dict[str, Any]] = {}
    bar = tqdm(names, desc="report", unit="notebook", disable=not progress, file=sys.stderr)
    sources = [NOTEBOOKS_DIR / f"{name}.ipynb" for name in names]
    for source_path in sources:
        if not source_path.is_file():
            raise ReportError(f"notebook {source_path} is missing (run `make sync-notebooks`)")
    warm: dict[int, WarmKernel] = {}
    try:
        for index, name in enumerate(bar):
            bar.set_postfix_str(name)
            if prewarm:
                # this notebook's kernel and the next ones' start and import while this one runs
                for ahead in range(index, min(index + 1 + PREWARM_AHEAD, len(sources))):
                    if ahead not in warm:
                        warm[ahead] = WarmKernel(sources[ahead], cwd=build_dir)
            current = warm.pop(index, None)
            parameters = notebook_params(name, values) | {"report_dir": "."}
            try:
                executed, run_seconds, html_seconds = run_notebook(
                    sources[index],
                    build_dir / "notebooks" / f"{name}.ipynb",
                    build_dir / f"{name}.html",
                    parameters=parameters,
                    cwd=build_dir,
                    name=name,
                    kernel_manager=current.kernel_manager if current else None,
                    private_prefixes=private_prefixes(values, build_dir),
                )
            finally:
                if current is not None:
                    current.shutdown()
            seconds[name] = round(run_seconds + html_seconds, 2)
            seconds[f"{name} (html)"] = round(html_seconds, 2)
            headlines.update(collect_headlines(executed))
    finally:
        for kernel in warm.values():
            kernel.shutdown()
    return headlines


@contextmanager
def _kernel_environment() -> Iterator[None]:
    """Set :data:`KERNEL_ENV` for kernels started inside the block (they inherit it), then restore."""
    saved = {k: os.environ.get(k) for k in KERNEL_ENV}
    os.environ.update(KERNEL_ENV)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_notebook(
    source_path: Path,
    executed_path: Path,
    html_path: Path,
    *,
    parameters: Mapping[str, Any],
    cwd: Path,
    name: str,
    kernel_manager: Any = None,
    private_prefixes: Iterable[tuple[str, str]] = (),
) -> tuple[Any, float, float]:
    """Execute one notebook with papermill on the kit's kernel, normalise it, render its HTML.

    Returns ``(executed notebook, seconds executing, seconds rendering)``. Raises ReportError naming
    the notebook and the cell that failed, with the cell's error. ``kernel_manager``: an already
    started kernel (a :class:`WarmKernel`'s) to run on instead of starting one.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    begin = time.perf_counter()
    try:
        with _kernel_environment():
            papermill.execute_notebook(
                str(source_path),
                str(executed_path),
                parameters=dict(parameters),
                kernel_name=KERNEL_NAME,
                cwd=str(cwd),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                extra_arguments=KERNEL_ARGUMENTS,
                km=kernel_manager,
            )
    except PapermillExecutionError as error:
        first_line = next((line for line in error.source.splitlines() if line.strip()), "")
        raise ReportError(
            f"notebook {name} failed in cell In [{error.exec_count}] (the cell starting "
            f"{first_line.strip()!r}): {error.ename}: {error.evalue}"
        ) from None
    except Exception as error:
        raise ReportError(f"notebook {name} could not run: {type(error).__name__}: {error}") from None
    executed = normalise_notebook(nbformat.read(executed_path, as_version=4))
    nbformat.write(executed, executed_path)
    middle = time.perf_counter()
    html_path.write_text(redact_paths(render_html(executed), private_prefixes), encoding="utf-8")
    return executed, middle - begin, time.perf_counter() - middle


def notebook_imports(source_path: Path) -> list[str]:
    """The modules a notebook's code cells import, in order (``from a import b`` gives a and a.b)."""
    import nbformat

    names: list[str] = []
    for cell in nbformat.read(source_path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
                names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return list(dict.fromkeys(names))


class WarmKernel:
    """A ``newskit`` kernel started ahead of its notebook, importing the modules the notebook imports.

    Importing is most of a short notebook's time (NLTK, scikit-learn, matplotlib); done while the
    previous notebook runs, it overlaps with that work. The import runs silently and outside the
    history, and binds no name, so the notebook starts from the same namespace and execution count
    as in a fresh kernel and its outputs do not change.
    """

    def __init__(self, source_path: Path, *, cwd: Path):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.kernel_manager = AsyncKernelManager(kernel_name=KERNEL_NAME)
        run_sync(self.kernel_manager.start_kernel)(
            extra_arguments=KERNEL_ARGUMENTS, cwd=str(cwd), env=os.environ | KERNEL_ENV
        )
        self._client = None
        modules = notebook_imports(source_path)
        if modules:
            code = (
                "import importlib as _newskit_importlib\n"
                f"for _newskit_module in {modules!r}:\n"
                "    try:\n"
                "        _newskit_importlib.import_module(_newskit_module)\n"
                "    except ImportError:\n"
                "        pass\n"
                "del _newskit_importlib, _newskit_module\n"
            )
            from jupyter_client import BlockingKernelClient

            # a blocking client of its own: no event loop shared with papermill's client
            self._client = BlockingKernelClient()
            self._client.load_connection_info(self.kernel_manager.get_connection_info())
            self._client.start_channels()
            self._client.execute(code, silent=True, store_history=False)

    def shutdown(self) -> None:
        """Stop the kernel (papermill does not stop a kernel it did not start)."""
        from jupyter_core.utils import run_sync

        if self._client is not None:
            self._client.stop_channels()
            self._client = None
        if self.kernel_manager.has_kernel:
            run_sync(self.kernel_manager.shutdown_kernel)(now=False)


def normalise_notebook(notebook: Any) -> Any:
    """Remove what changes from run to run: papermill times and paths, execution timestamps, cell ids.

    Cell ids become ``cell-N`` (papermill gives its injected cell a random one); the notebook keeps
    the parameters papermill injected.
    """
    papermill_meta = notebook.metadata.get("papermill", {})
    notebook.metadata["papermill"] = {"parameters": papermill_meta.get("parameters", {})}
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return notebook


def render_html(notebook: Any) -> str:
    """The executed notebook as one offline HTML page, code hidden."""
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
    body, _resources = exporter.from_notebook_node(notebook)
    return body


def collect_headlines(notebook: Any) -> dict[str, dict[str, Any]]:
    """The headline numbers a notebook showed with :func:`show_headlines`, by notebook."""
    found: dict[str, dict[str, Any]] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if HEADLINES_MIMETYPE in data:  # a list of pairs: nbformat sorts the keys of a mapping
                headline = data[HEADLINES_MIMETYPE]
                found.setdefault(headline["notebook"], {}).update(dict(headline["numbers"]))
    return found


# --------------------------------------------------------------------------------------------------
# Index and manifest


def display_path(path: str | Path) -> str:
    """A path as a report shows it: relative to the project (``../shared/...`` beside it), else absolute."""
    path = Path(path).resolve()
    if path.is_relative_to(PROJECT_DIR.parent):
        return os.path.relpath(path, PROJECT_DIR)
    return str(path)


def private_prefixes(values: Mapping[str, Any], build_dir: Path) -> list[tuple[str, str]]:
    """Absolute path prefixes a report page must not publish, each with what it shows instead.

    The build folder and the project become relative paths, the folder above an input outside the
    project is dropped (``/home/me/corpora/gaza/3.txt`` shows as ``gaza/3.txt``), the home folder
    becomes ``~``. Longest prefix first, so the most specific wins.
    """
    pairs = {str(build_dir.resolve()): ".", str(PROJECT_DIR): "."}
    for name, parameter in PARAMETERS.items():
        if parameter.kind == "path" and values.get(name):
            path = Path(values[name]).resolve()
            if not path.is_relative_to(PROJECT_DIR):
                folder = path if path.is_dir() else path.parent
                pairs.setdefault(str(folder.parent), "")
    pairs.setdefault(str(Path.home()), "~")
    return sorted(((p, r) for p, r in pairs.items() if p not in ("/", "")), key=lambda pair: -len(pair[0]))


def redact_paths(text: str, prefixes: Iterable[tuple[str, str]]) -> str:
    """``text`` with each absolute ``prefix/`` written as its replacement (see :func:`private_prefixes`).

    >>> redact_paths("file /home/me/corpora/gaza/3.txt: not UTF-8", [("/home/me/corpora", "")])
    'file gaza/3.txt: not UTF-8'
    """
    for prefix, replacement in prefixes:
        text = text.replace(prefix + "/", replacement + "/" if replacement else "")
        text = text.replace(prefix, replacement or ".")
    return text


def _portable(name: str, value: Any) -> Any:
    if name in PARAMETERS and PARAMETERS[name].kind == "path" and value is not None:
        return display_path(value)
    return value


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_index(report_dir: Path, values: Mapping[str, Any], names: list[str], headlines: Mapping[str, Any]) -> Path:
    """Write ``index.html``: the run's headline numbers, links to each notebook, tables and charts."""
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(values['title'])}</title>",
        f"<style>{INDEX_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(values['title'])}</h1>",
        '<p class="muted">Figures in news articles are claims, not facts: each is recorded as written, '
        'with its attribution and evidence. Provenance: <a href="manifest.json">manifest.json</a>.</p>',
        "<h2>Headline numbers</h2>",
    ]
    for name in names:
        numbers = headlines.get(name)
        if numbers:
            rows = "".join(
                f"<tr><td>{esc(label)}</td><td>{esc(_format_value(value))}</td></tr>"
                for label, value in numbers.items()
            )
            parts.append(f'<p><a href="{esc(name)}.html">{esc(name)}</a></p><table>{rows}</table>')
    parts.append("<h2>Notebooks, in run order</h2><ol>")
    for name in names:
        parts.append(
            f'<li><a href="{esc(name)}.html">{esc(name)}</a>: {esc(QUESTIONS.get(name, ""))} '
            f'(<a href="notebooks/{esc(name)}.ipynb">notebook</a>)</li>'
        )
    parts.append("</ol><h2>Tables</h2><ul>")
    for path in sorted((report_dir / "tables").glob("*.csv")):
        parts.append(f'<li><a href="tables/{esc(path.name)}">{esc(path.name)}</a></li>')
    parts.append("</ul><h2>Charts</h2>")
    for path in sorted((report_dir / "charts").glob("*.png")):
        stem = esc(path.stem)
        parts.append(
            f'<figure><a href="charts/{stem}.png"><img src="charts/{stem}.png" alt="{stem}"></a>'
            f'<figcaption>{stem} (<a href="charts/{stem}.csv">numbers</a>)</figcaption></figure>'
        )
    parts.append("<h2>Parameters</h2><table>")
    for name, value in values.items():
        if not PARAMETERS[name].runner_only:
            shown = json.dumps(_portable(name, value), ensure_ascii=False)
            parts.append(f"<tr><td>{esc(name)}</td><td>{esc(shown)}</td></tr>")
    parts.append("</table></body></html>")
    path = report_dir / "index.html"
    path.write_text(redact_paths("\n".join(parts) + "\n", private_prefixes(values, report_dir)), encoding="utf-8")
    return path


def package_versions() -> dict[str, str | None]:
    """Installed versions of the packages a report depends on (None when absent)."""
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state() -> dict[str, Any]:
    """The project's git commit and whether tracked files differ from it (None outside git)."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(PROJECT_DIR), *args],
                capture_output=True,
                text=True,
                timeout=GIT_TIMEOUT_SECONDS,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def write_manifest(report_dir: Path, values: Mapping[str, Any], names: list[str], *, run: Mapping[str, Any]) -> Path:
    """Write ``manifest.json``: inputs with sha256, parameters, versions, git state, seeds, outputs.

    Times are only in ``run``; everything else is the same for two runs on the same inputs. Its
    ``parameters`` section is a valid parameter file (``newskit report --params manifest.json``).
    """
    parameters = {n: _portable(n, v) for n, v in values.items() if not PARAMETERS[n].runner_only}
    outputs = {
        str(p.relative_to(report_dir)): sha256_file(p)
        for p in sorted(report_dir.rglob("*"))
        if p.is_file() and p.suffix in (".csv", ".png", ".html")
    }
    manifest = {
        "newskit": metadata.version("newskit"),
        "notebooks": names,
        "parameters": parameters,
        "inputs": [
            {"path": display_path(p), "sha256": sha256_file(p), "bytes": p.stat().st_size} for p in input_paths(values)
        ],
        "seeds": {n: v for n, v in values.items() if n == "seed" or n.endswith("_seed")}
        | {"PYTHONHASHSEED": KERNEL_ENV["PYTHONHASHSEED"]},
        "python": platform.python_version(),
        "packages": package_versions(),
        "git": git_state(),
        "kernel": KERNEL_NAME,
        "outputs": outputs,
        "run": dict(run),
    }
    path = report_dir / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def check_manifest_inputs(manifest_path: str | Path) -> list[str]:
    """Compare a manifest's input files with those on disk now; return one line per difference."""
    manifest = read_manifest(manifest_path)
    problems = []
    for entry in manifest.get("inputs", []):
        path = Path(entry["path"])
        path = path if path.is_absolute() else PROJECT_DIR / path
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
        elif sha256_file(path) != entry["sha256"]:
            problems.append(f"{entry['path']}: sha256 differs from the manifest")
    return problems


def compare_manifests(first_path: str | Path, second_path: str | Path) -> list[str]:
    """What differs between two reports, from their manifests: one line per difference.

    Compares the inputs, parameters, seeds, package and Python versions, git commit, notebooks and
    every output's sha256; the ``run`` section (times) is left out. Empty when the two reports are
    reproductions of each other.
    """
    first, second = (read_manifest(p) for p in (first_path, second_path))
    lines = []
    for section in ("notebooks", "parameters", "seeds", "python", "packages", "git", "kernel"):
        if first.get(section) != second.get(section):
            lines.append(f"{section}: {json.dumps(first.get(section))} != {json.dumps(second.get(section))}")
    for section in ("inputs", "outputs"):
        if section == "inputs":
            a = {e["path"]: e["sha256"] for e in first.get(section, [])}
            b = {e["path"]: e["sha256"] for e in second.get(section, [])}
        else:
            a, b = first.get(section, {}), second.get(section, {})
        for path in sorted(set(a) | set(b)):
            if a.get(path) != b.get(path):
                what = "only in the second" if path not in a else "only in the first" if path not in b else "differs"
                lines.append(f"{section[:-1]} {path}: {what}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """``python -m newskit.report compare A/manifest.json B/manifest.json``: list what differs."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3 or args[0] != "compare":
        print("usage: python -m newskit.report compare FIRST/manifest.json SECOND/manifest.json", file=sys.stderr)
        return 2
    try:
        lines = compare_manifests(args[1], args[2])
    except NewskitError as error:
        print(f"newskit: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines) if lines else "the two reports are identical (apart from their run times)")
    return 1 if lines else 0


if __name__ == "__main__":
    raise SystemExit(main())
