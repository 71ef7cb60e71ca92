"""Reports: parameters shown, tables and charts saved, notebooks run with papermill, HTML, the manifest.

One module per job:

- :mod:`~newskit.report.display`: what notebooks call to show (and save) tables, charts, headlines;
- :mod:`~newskit.report.table_html`: tables as HTML for readers, claims evidence first, the offline explorer;
- :mod:`~newskit.report.summaries`: summary tables and headline numbers of the notebooks;
- :mod:`~newskit.report.runner`: :func:`run_report`, papermill on the kit's kernel, prewarmed kernels,
  each notebook started once the stages it reads are computed;
- :mod:`~newskit.report.render`: notebook pages and the index page (headline claims with their evidence,
  navigation between pages, links to the CSVs pages name) from Jinja2 templates (autoescape);
- :mod:`~newskit.report.page_exporter`: nbconvert's HTML exporter less its slow BeautifulSoup pass;
- :mod:`~newskit.report.order`: the notebooks in run order, the stages each reads, their questions, the
  kernel's name;
- :mod:`~newskit.report.notices`: warnings and notebooks that did not run, as sentences for researchers;
- :mod:`~newskit.report.manifest`: ``manifest.json``, and ``python -m newskit.report compare A B``;
- :mod:`~newskit.report.folder`: the output folder's safety, the atomic swap and recovery;
- :mod:`~newskit.report.shown_paths`: paths as a report shows them.

The names notebooks and callers use are importable from ``newskit.report`` itself. The runner,
rendering and manifest load on first use, so a notebook's kernel does not import them.
"""

from __future__ import annotations

from typing import Any

from newskit.report.display import (
    read_table,
    show_chart,
    show_claims,
    show_headlines,
    show_parameters,
    show_saved_chart,
    show_saved_table,
    show_table,
    show_text,
    show_warnings_inline,
)
from newskit.report.order import HEADLINES_MIMETYPE, KERNEL_ENV, KERNEL_NAME, QUESTIONS, RUN_ORDER
from newskit.report.summaries import (
    claims_headlines,
    corpus_headlines,
    corpus_overview,
    count_by,
    removals_by_rule,
    topics_headlines,
)

# name -> module, for the names loaded on first use (PEP 562)
_LAZY = {
    "run_report": "runner", "run_notebook": "runner", "notebook_imports": "runner", "WarmKernel": "runner",
    "normalise_notebook": "runner", "collect_headlines": "runner",
    "render_html": "render", "write_index": "render",
    "write_manifest": "manifest", "compare_manifests": "manifest", "check_manifest_inputs": "manifest",
    "package_versions": "manifest", "git_state": "manifest", "main": "manifest",
    "display_path": "shown_paths", "private_prefixes": "shown_paths", "redact_paths": "shown_paths",
}

__all__ = [
    "HEADLINES_MIMETYPE", "KERNEL_ENV", "KERNEL_NAME", "QUESTIONS", "RUN_ORDER",
    "claims_headlines", "corpus_headlines", "corpus_overview", "count_by", "read_table", "removals_by_rule",
    "show_chart", "show_claims", "show_headlines", "show_parameters", "show_saved_chart", "show_saved_table",
    "show_table", "show_text", "show_warnings_inline", "topics_headlines", *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"newskit.report.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'newskit.report' has no attribute {name!r}")
