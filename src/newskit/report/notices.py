"""Notices shown to readers: a sentence for researchers (what it means, what to do), with the
developer detail (exception, file and line) folded in a ``<details>`` block; and the record of the
notebooks that did not run on this corpus (``not_run.json``), which later pages read.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

# The report's record of the notebooks that did not run: {notebook: {"advice": ..., "error": ...}}.
NOT_RUN_NAME = "not_run.json"
NOTICE_CLASS = "newskit-notice"


def as_sentence(text: str) -> str:
    """``text`` with a capital first letter and a closing full stop.

    >>> as_sentence("no candidate k reaches stability_ari >= 0.75: read them with care")
    'No candidate k reaches stability_ari >= 0.75: read them with care.'
    """
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def notice_html(sentence: str, *, detail: str = "", anchor: str = "") -> str:
    """A notice: the escaped ``sentence``, then ``detail`` (escaped, preformatted) folded under
    "Details for developers"; ``anchor`` is the notice's id for links to it."""
    id_attribute = f' id="{html.escape(anchor)}"' if anchor else ""
    parts = [f'<div class="{NOTICE_CLASS}" role="note"{id_attribute}><p>{html.escape(sentence)}</p>']
    if detail:
        parts.append(f"<details><summary>Details for developers</summary><pre>{html.escape(detail)}</pre></details>")
    parts.append("</div>")
    return "".join(parts)


def warning_notice(message: str, category: type, filename: str, lineno: int) -> str:
    """A warning raised while a notebook ran, for readers: its message as a sentence, then what the
    run did; the warning class, file (relative to the project) and line folded below."""
    from newskit.report.shown_paths import display_path

    sentence = f"{as_sentence(str(message))} The run went on; this page shows what could be computed."
    return notice_html(sentence, detail=f"{category.__name__} at {display_path(filename)}:{lineno}\n{message}")


def not_run_notice(notebook: str, *, advice: str, error: str) -> str:
    """The notice a notebook that did not run on this corpus shows where it stopped."""
    sentence = (
        f"This step did not run on this corpus: {advice}. The other pages of the report are complete; "
        "what they show does not depend on this step."
    )
    return notice_html(sentence, detail=f"{notebook} stopped with {error}", anchor="not-run")


def missing_output_notice(name: str, not_run: dict[str, dict[str, str]]) -> str:
    """What a page shows in place of a saved table or chart whose notebook did not run."""
    notebooks = ", ".join(sorted(not_run))
    sentence = (f"Not in this report: {notebooks} did not run on this corpus (its page says why), "
                f"so {name} was not made.")
    return notice_html(sentence, detail="; ".join(f"{k}: {v['error']}" for k, v in sorted(not_run.items())))


def write_not_run(report_dir: Path, not_run: dict[str, dict[str, str]]) -> None:
    """Record the notebooks that did not run in ``report_dir/not_run.json`` (nothing when all ran)."""
    if not_run:
        text = json.dumps(not_run, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        (report_dir / NOT_RUN_NAME).write_text(text, encoding="utf-8")


def read_not_run(report_dir: str | Path) -> dict[str, dict[str, str]]:
    """The notebooks of a report that did not run on its corpus, with why (empty when all ran)."""
    path = Path(report_dir) / NOT_RUN_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
