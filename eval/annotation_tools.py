"""Helpers used to build the dev gold standard by hand (eval/gold_dev.jsonl).

The tools never decide anything: they list every number-like token so that none is overlooked,
and turn the annotator's compact decisions into checked JSON lines.

- ``python eval/annotation_tools.py show ARTICLE_ID``: the document's headline when it has one, the raw
  article with every candidate marked inline as ``[[surface@start]]``, then the candidates one per line
  with their sentence.
- ``python eval/annotation_tools.py build DECISIONS.txt``: compact decision lines to JSON lines on
  stdout (one manifest line per article, one line per figure), checked against the raw text.
- ``python eval/annotation_tools.py ids CORPUS``: the document ids of a corpus, one per line.
- ``python eval/annotation_tools.py sample SET N SEED``: N ids of sentence set SET drawn with
  ``random.Random(SEED).sample`` from the ids (in row order) whose sentence has at least one
  candidate that is not a 4-digit year 19xx/20xx; printed in draw order.

Documents come from four corpora in ../shared, each id saying which (see ``read_documents``):
dev articles by their ``id`` (``69MC-...``), cross-domain passages by ``article_id`` (``XD-001``),
and sentences of the other outlets as ``SET:ROW`` with ROW the 0-based data row of the CSV
(``globe:17``, ``post:3``, ``star:0``, ``nyt1:5``, ``nyt2:5``, ``wp:12``, ``wsj:40``), and sentences
of the 2008-2014 Gaza coverage as ``cvn:ROW`` with ROW the 0-based data row of the first instance
of that sentence in ``cvn_instances_past_conflicts_llm.csv`` (its language-model labels are not read).

Decision file format: a line ``# ARTICLE_ID`` opens an article (an article with no figure is just
that line); each figure is one line of ``|``-separated fields::

    start | surface | value | bound | high | outcome | group | scope | source | source_type | parent_start | place

with ``-`` for null (``place`` may be left out in old decision files: it is then absent).
``unit`` is ``percent`` when the surface ends in "%", "percent" or "per cent" or is a share word
("half"), else ``people``.
"""

from __future__ import annotations

import csv
import json
import random
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


RE_YEAR = re.compile(r"(?:19|20)\d\d")


def sample_ids(articles: dict[str, str], prefix: str, n: int, seed: int) -> list[str]:
    """``n`` ids of sentence set ``prefix`` drawn with ``random.Random(seed)`` (see the docstring).

    Eligible: ids of the set in row order whose text has a candidate other than a year 19xx/20xx.
    """
    eligible = [
        doc_id
        for doc_id, text in articles.items()
        if doc_id.startswith(f"{prefix}:")
        and any(not RE_YEAR.fullmatch(surface) for _s, _e, surface in list_candidates(text))
    ]
    eligible.sort(key=lambda doc_id: int(doc_id.split(":")[1]))
    return random.Random(seed).sample(eligible, n)


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
    if len(parts) not in (11, 12):
        raise ValueError(f"{article_id}: expected 12 fields, got {len(parts)}: {line!r}")
    start, surface = int(parts[0]), parts[1]
    if text[start : start + len(surface)] != surface:
        raise ValueError(f"{article_id}: text at {start} is {text[start : start + len(surface)]!r}, not {surface!r}")
    share = surface.endswith("%") or surface.lower().endswith(("percent", "per cent")) or surface.lower() in SHARE_WORDS
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
    } | ({"place": parts[11]} if len(parts) == 12 else {})


def build(decisions: str, articles: dict[str, str]) -> list[dict]:
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
                raise ValueError(f"{article_id!r} is not in the corpora")
            continue
        figures.append(parse_decision(line, article_id=article_id, text=articles[article_id]))
    flush()
    return records


SHARED_CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# Sentence sets of other outlets: id prefix -> CSV under ../shared/corpus (text in ``sentence``).
SENTENCE_SETS = {
    "globe": "breach-gaza-coverage/globe_sentences.csv",
    "post": "breach-gaza-coverage/post_sentences.csv",
    "star": "breach-gaza-coverage/star_sentences.csv",
    "nyt1": "casualty_mentions_nyt/tagged_data_nyt_oct7_to_oct18.csv",
    "nyt2": "casualty_mentions_nyt/tagged_data_nyt_oct18_to_oct22.csv",
    "wp": "casualty_mentions_nyt/tagged_data_wp_oct7_to_oct22.csv",
    "wsj": "casualty_mentions_nyt/tagged_data_wsj_oct7_to_oct22.csv",
}
CROSSDOMAIN_PATH = SHARED_CORPUS_DIR / "crossdomain-dev" / "passages.jsonl"
# Sentences of past wars' coverage, one instance per row (text in ``Full_Sent``; a sentence with
# several instances repeats, and is one document, named by its first row).
PAST_CONFLICTS_PATH = SHARED_CORPUS_DIR / "nyuad-media-coverage-of-war-victims" / "cvn_instances_past_conflicts_llm.csv"


def read_documents() -> dict[str, str]:
    """Every annotatable document in ../shared as ``{doc_id: raw text}`` (see the module docstring)."""
    return read_documents_and_titles()[0]


def read_documents_and_titles() -> tuple[dict[str, str], dict[str, str]]:
    """:func:`read_documents` and the headline of every document that has one (cross-domain passages,
    outlet sentences) as ``{doc_id: title}``, from one reading of the files."""
    records = _read_records()
    return {doc_id: text for doc_id, text, _ in records}, {doc_id: title for doc_id, _, title in records if title}


def _read_records() -> list[tuple[str, str, str]]:
    """``(doc_id, raw text, title or "")`` of every annotatable document in ../shared."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from evaluate import read_dev_articles

    dev_path = SHARED_CORPUS_DIR / "nyuad-media-coverage-of-war-victims" / "articles_dev.csv"
    records = [(article_id, row["Article"], "") for article_id, row in read_dev_articles(dev_path).items()]
    with open(CROSSDOMAIN_PATH, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records.append((record["article_id"], record["text"], record.get("title") or ""))
    for prefix, relative in SENTENCE_SETS.items():
        with open(SHARED_CORPUS_DIR / relative, encoding="utf-8", newline="") as handle:
            for row_number, row in enumerate(csv.DictReader(handle)):
                title = row.get("title") or row.get("article_title") or ""
                records.append((f"{prefix}:{row_number}", row["sentence"], title))
    seen: set[str] = set()
    with open(PAST_CONFLICTS_PATH, encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle)):
            if row["Full_Sent"] not in seen:
                seen.add(row["Full_Sent"])
                records.append((f"cvn:{row_number}", row["Full_Sent"], ""))
    return records


def main(argv: list[str]) -> int:
    """Command line: ``ids CORPUS``, ``show ARTICLE_ID``, ``sample SET N SEED`` or ``build DECISIONS.txt``."""
    articles, titles = read_documents_and_titles()
    if len(argv) == 2 and argv[0] == "ids":
        if argv[1] == "dev":
            ids = [d for d in articles if ":" not in d and not d.startswith("XD-")]
        else:
            prefix = "XD-" if argv[1] == "crossdomain" else f"{argv[1]}:"
            ids = [d for d in articles if d.startswith(prefix)]
        print("\n".join(ids))
        return 0
    if len(argv) == 4 and argv[0] == "sample" and argv[1] in (*SENTENCE_SETS, "cvn"):
        print("\n".join(sample_ids(articles, argv[1], int(argv[2]), int(argv[3]))))
        return 0
    if len(argv) == 2 and argv[0] == "show":
        text = articles[argv[1]]
        print(f"== {argv[1]} | {len(text)} chars")
        print(f"== headline: {titles[argv[1]]}\n" if argv[1] in titles else "")
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
