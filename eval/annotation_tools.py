"""Helpers used to build the dev gold standard by hand (eval/gold_dev.jsonl).

The tools never decide anything: they list every number-like token so that none is overlooked,
and turn the annotator's compact decisions into checked JSON lines.

- ``python eval/annotation_tools.py show ARTICLE_ID``: the raw article with every candidate marked
  inline as ``[[surface@start]]``, then the candidates one per line with their sentence.
- ``python eval/annotation_tools.py build DECISIONS.txt``: compact decision lines to JSON lines on
  stdout (one manifest line per article, one line per figure), checked against the raw text.

Decision file format: a line ``# ARTICLE_ID`` opens an article (an article with no figure is just
that line); each figure is one line of ``|``-separated fields::

    start | surface | value | bound | high | outcome | group | scope | source | source_type | parent_start

with ``-`` for null. ``unit`` is ``percent`` when the surface ends in "%" or "percent" or is a share
word ("half"), else ``people``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from newskit.nlp import sentence_spans

_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundreds?|thousands?|millions?|billions?|dozens?|scores|half|third|quarter|percent|tens"
)
RE_CANDIDATE = re.compile(
    r"\d+(?:[,.]\d+)*(?:\s*(?:%|percent|per cent|million|billion|m\b))?"
    rf"|\b(?:{_WORDS})(?:[- ](?:(?:and|of|a)[- ])?(?:{_WORDS}))*\b",
    re.IGNORECASE,
)


# Shares written as words; their value is given in percent ("half" = 50).
SHARE_WORDS = {"half", "a third", "a quarter", "two-thirds", "two thirds"}


def list_candidates(text: str) -> list[tuple[int, int, str]]:
    """Every number-like token of ``text`` as ``(start, end, surface)``, in order.

    >>> list_candidates("Nine killed, 760injured and tens of thousands fled on 7 October.")
    [(0, 4, 'Nine'), (13, 16, '760'), (28, 45, 'tens of thousands'), (54, 55, '7')]
    """
    return [(m.start(), m.end(), m.group()) for m in RE_CANDIDATE.finditer(text)]


def sentence_of(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds ``offset``, on one line."""
    for start, end in sentence_spans(text):
        if start <= offset < end:
            return " ".join(text[start:end].split())
    return ""


def mark_candidates(text: str) -> str:
    """``text`` with each candidate written ``[[surface@start]]``."""
    pieces, last = [], 0
    for start, end, surface in list_candidates(text):
        pieces += [text[last:start], f"[[{surface}@{start}]]"]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _null(field: str) -> str | None:
    field = field.strip()
    return None if field == "-" else field


def _number(field: str) -> int | float | None:
    field = field.strip()
    if field == "-":
        return None
    number = float(field)
    return int(number) if number.is_integer() else number


def parse_decision(line: str, *, article_id: str, text: str) -> dict:
    """One compact decision line to a gold figure record; ValueError when it does not fit ``text``."""
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 11:
        raise ValueError(f"{article_id}: expected 11 fields, got {len(parts)}: {line!r}")
    start, surface = int(parts[0]), parts[1]
    if text[start : start + len(surface)] != surface:
        raise ValueError(f"{article_id}: text at {start} is {text[start : start + len(surface)]!r}, not {surface!r}")
    share = surface.endswith("%") or surface.lower().endswith("percent") or surface.lower() in SHARE_WORDS
    unit = "percent" if share else "people"
    return {
        "article_id": article_id,
        "start": start,
        "end": start + len(surface),
        "surface": surface,
        "value": _number(parts[2]),
        "unit": unit,
        "bound": parts[3],
        "high": _number(parts[4]),
        "outcome": parts[5],
        "group": parts[6],
        "scope": parts[7],
        "source": _null(parts[8]),
        "source_type": parts[9],
        "parent_start": None if parts[10] == "-" else int(parts[10]),
    }


def build(decisions: str, articles: dict[str, dict]) -> list[dict]:
    """Compact decisions (see module docstring) to gold records: a manifest line, then figures."""
    records: list[dict] = []
    article_id, figures = None, []

    def flush() -> None:
        if article_id is not None:
            records.append({"article_id": article_id, "annotated": True, "n_figures": len(figures)})
            records.extend(sorted(figures, key=lambda f: f["start"]))

    for line in decisions.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            flush()
            article_id, figures = line[1:].strip(), []
            if article_id not in articles:
                raise ValueError(f"{article_id!r} is not in the dev corpus")
            continue
        figures.append(parse_decision(line, article_id=article_id, text=articles[article_id]["Article"]))
    flush()
    return records


def main(argv: list[str]) -> int:
    """Command line: ``show ARTICLE_ID`` or ``build DECISIONS.txt``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from evaluate import read_dev_articles

    articles = read_dev_articles()
    if len(argv) == 2 and argv[0] == "show":
        row = articles[argv[1]]
        text = row["Article"]
        print(f"== {argv[1]} | {row['Source']} | {row['Date']} | {len(text)} chars\n")
        print(mark_candidates(text))
        print("\n== candidates")
        for start, _end, surface in list_candidates(text):
            print(f"{start:>6} {surface!r:<22} {sentence_of(text, start)[:160]}")
        return 0
    if len(argv) == 2 and argv[0] == "build":
        with open(argv[1], encoding="utf-8") as handle:
            for record in build(handle.read(), articles):
                print(json.dumps(record, ensure_ascii=False))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
