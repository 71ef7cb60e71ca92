"""Score ``newskit.figures.extract_figures`` against the dev gold standard (``make eval``).

Two gold files sit beside this script:

- ``gold_dev.jsonl``: figures annotated by hand in articles of the NYUAD dev corpus
  (``../shared/corpus/nyuad-media-coverage-of-war-victims/articles_dev.csv``). One JSON line per
  figure (``article_id, start, end, surface, value, unit, bound, high, outcome, group, scope,
  source, source_type, parent_start``) and one manifest line per annotated article
  (``{"article_id": ..., "annotated": true, "n_figures": N}``), so that articles with no figure
  still count against false positives. Offsets index the raw ``Article`` string as read by ``csv``
  with UTF-8 (HTML entities and odd spacing included); the text itself is never stored here.
- ``gold_sentences.jsonl``: targeted sentences written for the kit, ``{"id", "text", "figures"}``.

The extractor runs on each gold article's raw text and on each gold sentence. Predicted and gold
figures of the same document are paired one-to-one, greedily by overlap of their ``[start, end)``
spans (largest overlap first). A paired figure is a true positive; detection precision, recall and
F1 follow, and each field is scored as the share of paired figures where gold and prediction agree.

Run ``python eval/evaluate.py --help`` for options. When ../shared is absent the article part is
skipped with a message and the script exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newskit.errors import SchemaError
from newskit.paths import DEV_ARTICLES_PATH
from newskit.schema import VOCABULARIES

EVAL_DIR = Path(__file__).resolve().parent
GOLD_DEV_PATH = EVAL_DIR / "gold_dev.jsonl"
GOLD_SENTENCES_PATH = EVAL_DIR / "gold_sentences.jsonl"
# Gold of other corpora in ../shared, same line shape as gold_dev.jsonl, documents named as in
# annotation_tools.read_documents: the kind each portion is reported under, and its files.
GOLD_PORTIONS: dict[str, list[Path]] = {
    "crossdomain": sorted(EVAL_DIR.glob("gold_crossdomain_part*.jsonl")),
    "outlets": [EVAL_DIR / "gold_outlets.jsonl"],
    # Annotated in a later round (issue 12, 2026-11-26), scored before any rule was tuned on it:
    # more outlet sentences of the same sets, and sentences of the 2008-2014 Gaza coverage (cvn:ROW).
    "fresh": sorted(EVAL_DIR.glob("gold_fresh_*.jsonl")),
    # Annotated blind in the round after (2026-11-26, second session) and held out whole: nothing was
    # tuned on any of it, so it measures the rules of that round on text they never saw.
    "fresh2": sorted(EVAL_DIR.glob("gold_fresh2_*.jsonl")),
}
KINDS = ("article", "sentence", *GOLD_PORTIONS)
# Each wider portion is cut in two by a fixed rule, decided before any rule was tuned on it: rules
# are tuned on the "tune" half only, and the "heldout" half measures them on text they never saw.
# Cross-domain passages XD-001..XD-050 tune, XD-051..XD-077 held out; outlet sentences of the
# Globe, Post, Star and the first NYT set tune, the second NYT set, WP and WSJ held out. The
# article and sentence gold were tuned on before the split: they count as "tune". The fresh portion
# follows the outlet rule for outlet sentences and holds out the past-war sentences of odd rows;
# the fresh2 portion is held out whole.
SPLITS = ("tune", "heldout")
HELDOUT_OUTLET_SETS = ("nyt2", "wp", "wsj")
FIRST_HELDOUT_PASSAGE = 51


def split_of(kind: str, doc_id: str) -> str:
    """``"tune"`` or ``"heldout"``: the half of its portion a document belongs to (see SPLITS).

    >>> split_of("crossdomain", "XD-050"), split_of("crossdomain", "XD-051"), split_of("outlets", "wp:12")
    ('tune', 'heldout', 'heldout')
    >>> split_of("outlets", "globe:3"), split_of("article", "123")
    ('tune', 'tune')
    >>> split_of("fresh", "cvn:10"), split_of("fresh", "cvn:11"), split_of("fresh", "wsj:7")
    ('tune', 'heldout', 'heldout')
    >>> split_of("fresh2", "cvn:10"), split_of("fresh2", "globe:3")
    ('heldout', 'heldout')
    """
    if kind == "fresh2":
        return "heldout"
    if kind == "crossdomain":
        return "heldout" if int(doc_id.rsplit("-", 1)[1]) >= FIRST_HELDOUT_PASSAGE else "tune"
    if kind in ("outlets", "fresh"):
        prefix, row = doc_id.split(":", 1)
        held_out = prefix in HELDOUT_OUTLET_SETS or (prefix == "cvn" and int(row) % 2 == 1)
        return "heldout" if held_out else "tune"
    return "tune"

# Fields of a gold figure record (besides the document key).
GOLD_FIELDS = [
    "start",
    "end",
    "surface",
    "value",
    "unit",
    "bound",
    "high",
    "outcome",
    "group",
    "scope",
    "source",
    "source_type",
    "parent_start",
]
# The fields the acceptance criteria name, in report order; the weakest gets a confusion summary.
MAIN_FIELDS = ["bound", "outcome", "group", "scope", "source_type"]
# Also reported, not part of the acceptance criteria.
EXTRA_FIELDS = ["value", "high", "unit", "source", "parent", "place"]
CONTEXT_CHARS = 80


# --------------------------------------------------------------------------- scoring (pure)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of characters shared by the half-open spans ``[a_start, a_end)`` and ``[b_start, b_end)``.

    >>> overlap(0, 5, 3, 10), overlap(0, 3, 3, 6)
    (2, 0)
    """
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_figures(gold: Sequence[dict], pred: Sequence[dict]) -> list[tuple[int, int]]:
    """Pair gold and predicted figures one-to-one: same ``doc``, overlapping spans, greedy by overlap.

    Each figure is a dict with at least ``doc``, ``start`` and ``end``. Candidate pairs are taken in
    order of decreasing overlap, then smallest start difference, then gold and prediction index, so
    the result is deterministic. Returns ``(gold_index, pred_index)`` pairs sorted by gold index.

    >>> match_figures([{"doc": "a", "start": 0, "end": 5}], [{"doc": "a", "start": 3, "end": 8}])
    [(0, 0)]
    """
    by_doc: dict[Any, list[int]] = {}
    for j, p in enumerate(pred):
        by_doc.setdefault(p["doc"], []).append(j)
    candidates = []
    for i, g in enumerate(gold):
        for j in by_doc.get(g["doc"], []):
            p = pred[j]
            shared = overlap(g["start"], g["end"], p["start"], p["end"])
            if shared > 0:
                candidates.append((-shared, abs(g["start"] - p["start"]), i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def precision_recall_f1(n_matched: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Detection precision, recall and F1 from counts.

    An empty denominator scores 1.0 (nothing predicted: no false positive; nothing to find: no miss);
    F1 is 0.0 when precision and recall are both 0.

    >>> precision_recall_f1(3, 4, 6)
    (0.5, 0.75, 0.6)
    """
    precision = n_matched / n_pred if n_pred else 1.0
    recall = n_matched / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def normalize_source(source: str | None) -> str | None:
    """Lower-case a source phrase (curly apostrophes as straight ones), drop a leading article and
    surrounding punctuation; None stays None.

    >>> normalize_source("The Hamas-run Health Ministry,"), normalize_source("Gaza’s ministry")
    ('hamas-run health ministry', "gaza's ministry")
    """
    if source is None:
        return None
    text = " ".join(source.casefold().replace("’", "'").replace("‘", "'").split()).strip(" .,;:'\"")
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            text = text[len(article) :]
    return text or None


def same_number(a: Any, b: Any) -> bool:
    """True when both are None or both are numbers that are equal (``9 == 9.0``)."""
    if a is None or b is None:
        return a is None and b is None
    return float(a) == float(b)


def field_agrees(field: str, gold: dict, pred: dict, *, parent_ok: bool | None = None) -> bool:
    """Whether a paired gold and predicted figure agree on ``field``.

    ``value`` and ``high`` compare as numbers; ``source`` compares normalized phrases and accepts
    one containing the other ("Gaza's health ministry" vs "health ministry"); ``parent`` is decided
    by the caller (``parent_ok``) because it depends on the pairing of the parents.
    """
    if field == "parent":
        return bool(parent_ok)
    if field in ("value", "high"):
        return same_number(gold.get(field), pred.get(field))
    if field == "source":
        g, p = normalize_source(gold.get("source")), normalize_source(pred.get("source"))
        if g is None or p is None:
            return g is None and p is None
        return g in p or p in g
    return gold.get(field) == pred.get(field)


def parent_agreement(gold: Sequence[dict], pred: Sequence[dict], pairs: Sequence[tuple[int, int]]) -> dict[int, bool]:
    """For each paired gold index, whether its parent is right.

    Right means: neither has a parent, or the predicted parent is the prediction paired with the
    gold parent. A gold parent is named by ``parent_start`` (start offset of the parent figure in the
    same document); a predicted parent by ``parent_start`` too (converted from the index).
    """
    gold_at = {(g["doc"], g["start"]): i for i, g in enumerate(gold)}
    pred_at = {(p["doc"], p["start"]): j for j, p in enumerate(pred)}
    pred_for_gold = dict(pairs)
    result = {}
    for i, j in pairs:
        g_parent = gold[i].get("parent_start")
        p_parent = pred[j].get("parent_start")
        if g_parent is None or p_parent is None:
            result[i] = g_parent is None and p_parent is None
            continue
        gi = gold_at.get((gold[i]["doc"], g_parent))
        pj = pred_at.get((pred[j]["doc"], p_parent))
        result[i] = gi is not None and pj is not None and pred_for_gold.get(gi) == pj
    return result


def field_accuracy(
    gold: Sequence[dict], pred: Sequence[dict], pairs: Sequence[tuple[int, int]], fields: Iterable[str]
) -> dict[str, tuple[int, int, float]]:
    """Per field, ``(n_agree, n_scored, accuracy)`` over the paired figures (accuracy 1.0 when none).

    ``high`` is scored only where the gold figure is a range: the gold keeps ``high`` for the upper
    number of a range, while a prediction's ``high`` is the top of its interval for every bound.
    """
    parents = parent_agreement(gold, pred, pairs)
    result = {}
    for field in fields:
        scored = [(i, j) for i, j in pairs if is_scored(field, gold[i])]
        agree = sum(field_agrees(field, gold[i], pred[j], parent_ok=parents[i]) for i, j in scored)
        result[field] = (agree, len(scored), agree / len(scored) if scored else 1.0)
    return result


def is_scored(field: str, gold: dict) -> bool:
    """Whether ``field`` of this gold figure is scored (``high`` only for ranges, ``place`` where labelled)."""
    if field == "high":
        return gold.get("bound") == "range"
    if field == "place":
        return "place" in gold
    return True


def confusion(gold: Sequence[dict], pred: Sequence[dict], pairs: Sequence[tuple[int, int]], field: str) -> Counter:
    """Count ``(gold_label, predicted_label)`` disagreements of ``field`` over the paired figures."""
    return Counter(
        (gold[i].get(field), pred[j].get(field)) for i, j in pairs if gold[i].get(field) != pred[j].get(field)
    )


def score(gold: Sequence[dict], pred: Sequence[dict], *, fields: Iterable[str] = MAIN_FIELDS + EXTRA_FIELDS) -> dict:
    """Match and score in one call: counts, precision, recall, F1 and per-field accuracy."""
    pairs = match_figures(gold, pred)
    precision, recall, f1 = precision_recall_f1(len(pairs), len(gold), len(pred))
    accuracy = field_accuracy(gold, pred, pairs, fields)
    return {
        "n_gold": len(gold),
        "n_pred": len(pred),
        "n_matched": len(pairs),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fields": {f: {"agree": a, "n": n, "accuracy": acc} for f, (a, n, acc) in accuracy.items()},
        "pairs": pairs,
    }


# --------------------------------------------------------------------------- gold files


def read_jsonl(path: Path) -> list[dict]:
    """Read a JSON-lines file; blank lines are skipped; a bad line raises SchemaError naming it."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise SchemaError(f"{path}, line {n}: not valid JSON ({err}); fix or remove the line") from err
    return records


def check_figure(figure: dict, text: str, *, where: str) -> list[str]:
    """Problems with one gold figure against the text it indexes (empty list when it is sound)."""
    problems = []
    missing = [f for f in GOLD_FIELDS if f not in figure]
    if missing:
        return [f"{where}: lacks field(s) {missing}"]
    start, end, surface = figure["start"], figure["end"], figure["surface"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        problems.append(f"{where}: bad span [{start}, {end}) for a text of {len(text)} chars")
    elif text[start:end] != surface:
        problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not surface {surface!r}")
    for field, words in VOCABULARIES.items():
        if figure[field] not in words:
            problems.append(f"{where}: {field}={figure[field]!r} is not one of {list(words)}")
    if figure["bound"] == "range" and figure["high"] is None:
        problems.append(f"{where}: bound is range but high is null")
    if figure["bound"] != "range" and figure["high"] is not None:
        problems.append(f"{where}: high={figure['high']!r} but bound is {figure['bound']!r}")
    if (figure["source"] is None) != (figure["source_type"] == "none"):
        problems.append(f"{where}: source {figure['source']!r} and source_type {figure['source_type']!r} disagree")
    return problems


def check_document(figures: Sequence[dict], text: str, *, where: str) -> list[str]:
    """Problems with all gold figures of one document: each figure, duplicate spans, parent links."""
    problems = []
    starts = Counter(f.get("start") for f in figures)
    for k, figure in enumerate(figures):
        at = f"{where}, figure {k} ({figure.get('surface')!r} at {figure.get('start')})"
        problems += check_figure(figure, text, where=at)
        parent = figure.get("parent_start")
        if parent is not None and starts.get(parent, 0) != 1:
            problems.append(f"{at}: parent_start {parent} is not the start of exactly one figure")
        if parent is not None and parent == figure.get("start"):
            problems.append(f"{at}: figure is its own parent")
    doubled = [s for s, n in starts.items() if n > 1]
    if doubled:
        problems.append(f"{where}: more than one figure starts at {doubled}")
    return problems


def load_dev_gold(path: Path = GOLD_DEV_PATH) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Read gold_dev.jsonl into ``(manifest by article_id, figures by article_id)``.

    Raises SchemaError when a figure belongs to an article with no manifest line, or when a
    manifest's ``n_figures`` disagrees with the figures listed.
    """
    manifest: dict[str, dict] = {}
    figures: dict[str, list[dict]] = {}
    if not path.is_file():
        return manifest, figures
    for record in read_jsonl(path):
        if record.get("annotated"):
            manifest[record["article_id"]] = record
        else:
            figures.setdefault(record["article_id"], []).append(record)
    for article_id in figures:
        if article_id not in manifest:
            raise SchemaError(f"{path}: article {article_id!r} has figures but no manifest line; add one")
    for article_id, record in manifest.items():
        n = len(figures.get(article_id, []))
        if record.get("n_figures") != n:
            raise SchemaError(
                f"{path}: article {article_id!r} manifest says n_figures={record.get('n_figures')} "
                f"but {n} figure line(s) are listed"
            )
        figures.setdefault(article_id, [])
    for items in figures.values():
        items.sort(key=lambda f: f["start"])
    return manifest, figures


def load_sentence_gold(path: Path = GOLD_SENTENCES_PATH) -> list[dict]:
    """Read gold_sentences.jsonl (``id, text, figures``); ids must be unique."""
    if not path.is_file():
        return []
    cases = read_jsonl(path)
    ids = Counter(c.get("id") for c in cases)
    doubled = [i for i, n in ids.items() if n > 1]
    if doubled:
        raise SchemaError(f"{path}: duplicate id(s) {doubled}")
    return cases


def load_portions() -> dict[str, tuple[dict[str, list[dict]], dict[str, str], dict[str, str]]]:
    """The gold of GOLD_PORTIONS with the texts its documents index and their headlines (needs ../shared)."""
    from annotation_tools import read_documents_and_titles

    texts, titles = read_documents_and_titles()
    portions = {}
    for kind, paths in GOLD_PORTIONS.items():
        figures: dict[str, list[dict]] = {}
        for path in paths:
            figures.update(load_dev_gold(path)[1])
        if figures:
            portions[kind] = (figures, {doc_id: texts[doc_id] for doc_id in figures if doc_id in texts},
                              {doc_id: titles[doc_id] for doc_id in figures if doc_id in titles})
    return portions


def read_dev_articles(path: Path = DEV_ARTICLES_PATH) -> dict[str, dict]:
    """The dev corpus rows keyed by ``Article_ID``: raw ``Article`` text, ``Source`` and ``Date``.

    Read with ``csv`` and UTF-8, no cleaning, so offsets are those of the raw string.
    """
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["Article_ID"]: row for row in csv.DictReader(handle)}


def validate_gold(
    articles: dict[str, dict] | None, figures_by_article: dict[str, list[dict]], cases: Sequence[dict]
) -> list[str]:
    """Every problem in the gold files (empty list when all is sound); articles None skips them."""
    problems = []
    if articles is not None:
        for article_id, figures in figures_by_article.items():
            if article_id not in articles:
                problems.append(f"gold_dev: article {article_id!r} is not in the dev corpus")
                continue
            problems += check_document(figures, articles[article_id]["Article"], where=f"gold_dev {article_id}")
    for case in cases:
        problems += check_document(
            case.get("figures", []), case.get("text", ""), where=f"gold_sentences {case.get('id')}"
        )
    return problems


# --------------------------------------------------------------------------- predictions


def predicted_figures(text: str, doc: str, extract, *, title: str = "") -> list[dict]:
    """Run ``extract`` on ``text`` (with its headline ``title``, when it has one) and return its figures as
    dicts with ``doc`` and ``parent_start``.
    """
    figures = list(extract(text, title=title) if title else extract(text))
    records = []
    for figure in figures:
        record = {name: getattr(figure, name, None) for name in (*GOLD_FIELDS, "place", "low", "parent", "sentence")}
        parent = record.pop("parent")
        record["parent_start"] = figures[parent].start if isinstance(parent, int) else None
        record["doc"] = doc
        records.append(record)
    return records


def load_extractor():
    """Import ``extract_figures`` lazily, so scoring and its tests do not depend on the extractor."""
    from newskit.figures import extract_figures

    return extract_figures


# --------------------------------------------------------------------------- report


def context(text: str, start: int, end: int, *, width: int = CONTEXT_CHARS) -> str:
    """About ``width`` characters around ``[start, end)``, the span in [[brackets]], on one line.

    >>> context("one two three four", 4, 7, width=8)
    'one [[two]] thr'
    """
    half = width // 2
    left = text[max(0, start - half) : start]
    right = text[end : end + half]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def describe(figure: dict) -> str:
    """A figure's labels on one line."""
    parts = [f"value={figure.get('value')}"]
    if figure.get("high") is not None:
        parts.append(f"high={figure['high']}")
    parts += [f"{f}={figure.get(f)}" for f in ("unit", "bound", "outcome", "group", "scope", "source_type")]
    if figure.get("parent_start") is not None:
        parts.append(f"parent@{figure['parent_start']}")
    return " ".join(parts)


def print_scores(title: str, result: dict) -> None:
    """Print one block of detection scores."""
    print(
        f"{title:<20} gold={result['n_gold']:<5} pred={result['n_pred']:<5} matched={result['n_matched']:<5} "
        f"P={result['precision']:.3f} R={result['recall']:.3f} F1={result['f1']:.3f}"
    )


def report(
    gold: list[dict], pred: list[dict], texts: dict[str, str], *, n_show: int, show_heldout: bool = False
) -> dict:
    """Print the whole evaluation and return its figures (for ``--json``).

    Scores cover every portion; the diagnostics (confusion, misses, disagreements) leave out the held-out
    halves unless ``show_heldout``, so tuning never reads held-out errors by accident.
    """
    result = score(gold, pred)
    pairs = result.pop("pairs")
    print("\nDetection")
    print_scores("all", result)
    by_kind = {}
    parts = [(kind, lambda f, kind=kind: f["kind"] == kind) for kind in KINDS]
    parts += [(f"{kind}/{half}", lambda f, kind=kind, half=half: f["kind"] == kind and f.get("split") == half)
              for kind in GOLD_PORTIONS for half in SPLITS]
    parts += [(f"all/{half}", lambda f, half=half: f.get("split") == half) for half in SPLITS]
    for name, keep in parts:
        g = [f for f in gold if keep(f)]
        p = [f for f in pred if keep(f)]
        if not g and not p:
            continue
        part = score(g, p)
        part.pop("pairs")
        by_kind[name] = part
        print_scores(name, part)
    result["by_kind"] = by_kind
    fields = MAIN_FIELDS + ["place"]
    print("\nField accuracy by corpus (matched figures)")
    print(f"  {'':<20}" + "".join(f"{f:>12}" for f in fields))
    for kind, part in by_kind.items():
        print(f"  {kind:<20}" + "".join(f"{part['fields'][f]['accuracy']:>12.3f}" for f in fields))

    print("\nField accuracy on matched figures")
    for field in MAIN_FIELDS + EXTRA_FIELDS:
        f = result["fields"][field]
        mark = "" if field in MAIN_FIELDS else "  (extra)"
        print(f"  {field:<12} {f['accuracy']:.3f}  ({f['agree']}/{f['n']}){mark}")

    def shown(figure: dict) -> bool:
        return show_heldout or figure.get("split") != "heldout"

    if not show_heldout and any(f.get("split") == "heldout" for f in gold + pred):
        print("\n(diagnostics below leave out the held-out halves; `--split heldout` shows them)")
    pairs = [(i, j) for i, j in pairs if shown(gold[i])]
    weakest = min(MAIN_FIELDS, key=lambda f: result["fields"][f]["accuracy"])
    print(f"\nConfusion of the weakest field, {weakest} (gold -> predicted: count)")
    for (g_label, p_label), n in confusion(gold, pred, pairs, weakest).most_common(12):
        print(f"  {g_label} -> {p_label}: {n}")
    result["weakest_field"] = weakest

    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    misses = [g for i, g in enumerate(gold) if i not in matched_gold and shown(g)]
    false_alarms = [p for j, p in enumerate(pred) if j not in matched_pred and shown(p)]
    # Specific numbers first: a missed "18,600" matters more than a missed "dozens".
    misses.sort(key=lambda f: (f.get("bound") == "vague", f["doc"], f["start"]))
    print(f"\nFalse negatives ({len(misses)}; first {min(n_show, len(misses))})")
    for g in misses[:n_show]:
        print(f"  {g['doc']} @{g['start']}: {context(texts[g['doc']], g['start'], g['end'])}")
        print(f"      gold: {describe(g)}")
    print(f"\nFalse positives ({len(false_alarms)}; first {min(n_show, len(false_alarms))})")
    for p in false_alarms[:n_show]:
        print(f"  {p['doc']} @{p['start']}: {context(texts[p['doc']], p['start'], p['end'])}")
        print(f"      pred: {describe(p)}")

    parents = parent_agreement(gold, pred, pairs)
    disagreements = []
    for i, j in pairs:
        wrong = [
            f
            for f in MAIN_FIELDS + ["value", "high", "parent"]
            if is_scored(f, gold[i]) and not field_agrees(f, gold[i], pred[j], parent_ok=parents[i])
        ]
        if gold[i]["start"] != pred[j]["start"] or gold[i]["end"] != pred[j]["end"]:
            wrong.append("span")
        if wrong:
            disagreements.append((len(wrong), i, j, wrong))
    disagreements.sort(key=lambda d: (-d[0], d[1]))
    print(f"\nMatched with field disagreements ({len(disagreements)}; first {min(n_show, len(disagreements))})")
    for _, i, j, wrong in disagreements[:n_show]:
        g, p = gold[i], pred[j]
        print(f"  {g['doc']} @{g['start']}: {context(texts[g['doc']], g['start'], g['end'])}")
        diffs = []
        for f in wrong:
            if f == "span":
                diffs.append(f"span {g['start']}-{g['end']}/{p['start']}-{p['end']}")
            elif f == "parent":
                diffs.append(f"parent {g.get('parent_start')}/{p.get('parent_start')}")
            else:
                diffs.append(f"{f} {g.get(f)}/{p.get(f)}")
        print(f"      gold/pred: {'; '.join(diffs)}")
    result["n_false_negatives"] = len(misses)
    result["n_false_positives"] = len(false_alarms)
    result["n_field_disagreements"] = len(disagreements)
    return result


def collect(
    articles: dict[str, dict] | None,
    figures_by_article: dict[str, list[dict]],
    cases: Sequence[dict],
    extract,
    portions: Mapping[str, tuple[dict[str, list[dict]], Mapping[str, str]]] | None = None,
    *, split: str | None = None,
) -> tuple[list[dict], list[dict], dict[str, str]]:
    """Gold and predicted figures of every document, tagged with ``doc``, ``kind`` and ``split``, and the texts.

    ``portions``: per kind, ``(figures by document id, text by document id[, headline by document id])``
    (see GOLD_PORTIONS); the extractor reads a document's headline as the pipeline does.
    ``split``: keep only the documents of that half (:func:`split_of`); None keeps all.
    """
    gold: list[dict] = []
    pred: list[dict] = []
    texts: dict[str, str] = {}
    documents = []
    if articles is not None:
        for article_id, figures in sorted(figures_by_article.items()):
            documents.append((f"a:{article_id}", "article", articles[article_id]["Article"], figures, ""))
    for case in cases:
        documents.append((f"s:{case['id']}", "sentence", case["text"], case["figures"], ""))
    for kind, (figures_by_doc, texts_by_doc, *headlines) in (portions or {}).items():
        titles = headlines[0] if headlines else {}
        for doc_id, figures in sorted(figures_by_doc.items()):
            documents.append((f"{kind}:{doc_id}", kind, texts_by_doc[doc_id], figures, titles.get(doc_id, "")))
    for doc, kind, text, figures, title in documents:
        half = split_of(kind, doc.split(":", 1)[1])
        if split is not None and half != split:
            continue
        texts[doc] = text
        gold += [{**f, "doc": doc, "kind": kind, "split": half} for f in figures]
        if extract is not None:
            pred += [{**f, "kind": kind, "split": half} for f in predicted_figures(text, doc, extract, title=title)]
    return gold, pred, texts


def agreement(first: dict[str, list[dict]], second: dict[str, list[dict]]) -> dict:
    """How two annotations of the same documents agree: span F1 and per-field agreement on paired figures.

    Only the documents of ``second`` are compared (it is the smaller, second annotation). Scored as
    if ``first`` were gold, which makes precision and recall mirror images and F1 symmetric.
    """
    a = [{**f, "doc": doc} for doc in sorted(second) for f in first.get(doc, [])]
    b = [{**f, "doc": doc} for doc in sorted(second) for f in second[doc]]
    result = score(a, b, fields=MAIN_FIELDS + ["place", "value", "source", "parent"])
    result.pop("pairs")
    result["n_documents"] = len(second)
    return result


def print_agreement(first_path: Path, second_path: Path) -> None:
    """Print :func:`agreement` of two gold files."""
    result = agreement(load_dev_gold(first_path)[1], load_dev_gold(second_path)[1])
    print(f"{first_path.name} vs {second_path.name}: {result['n_documents']} documents")
    print_scores("spans", result)
    for field, f in result["fields"].items():
        print(f"  {field:<12} {f['accuracy']:.3f}  ({f['agree']}/{f['n']})")


def main(argv: list[str] | None = None) -> int:
    """Command line: validate the gold, run the extractor, print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dev", type=Path, default=GOLD_DEV_PATH, help="article gold (JSON lines)")
    parser.add_argument("--gold-sentences", type=Path, default=GOLD_SENTENCES_PATH, help="sentence gold")
    parser.add_argument("--corpus", type=Path, default=DEV_ARTICLES_PATH, help="the dev corpus CSV")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON here")
    parser.add_argument("--show", type=int, default=25, help="how many misses of each kind to print")
    parser.add_argument(
        "--split", choices=SPLITS, help="score only one half: tune (articles, sentences, tuning halves) or heldout"
    )
    parser.add_argument("--validate-only", action="store_true", help="check the gold files and stop")
    parser.add_argument(
        "--agreement",
        nargs=2,
        type=Path,
        metavar=("FIRST", "SECOND"),
        help="inter-annotator agreement of two gold files on the documents of SECOND, then stop",
    )
    args = parser.parse_args(argv)
    if args.agreement:
        print_agreement(*args.agreement)
        return 0

    manifest, figures_by_article = load_dev_gold(args.gold_dev)
    cases = load_sentence_gold(args.gold_sentences)
    articles = None
    if args.corpus.is_file():
        articles = read_dev_articles(args.corpus)
    else:
        print(f"../shared not found, skipping the article gold ({args.corpus} is absent)")
        figures_by_article = {}

    portions = load_portions() if articles is not None else {}
    problems = validate_gold(articles, figures_by_article, cases)
    for kind, (figures_by_doc, texts_by_doc, *_) in portions.items():
        for doc_id, figures in figures_by_doc.items():
            if doc_id not in texts_by_doc:
                problems.append(f"{kind}: document {doc_id!r} is not in ../shared")
            else:
                problems += check_document(figures, texts_by_doc[doc_id], where=f"{kind} {doc_id}")
    if problems:
        print(f"{len(problems)} problem(s) in the gold files:", file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 1
    n_article_figures = sum(len(f) for f in figures_by_article.values())
    n_sentence_figures = sum(len(c["figures"]) for c in cases)
    print(
        f"gold: {len(figures_by_article)} articles, {n_article_figures} figures; "
        f"{len(cases)} sentences, {n_sentence_figures} figures"
    )
    if articles is not None and figures_by_article:
        outlets = Counter(articles[a]["Source"] for a in figures_by_article)
        figs = Counter()
        for a, f in figures_by_article.items():
            figs[articles[a]["Source"]] += len(f)
        print("  by outlet: " + "; ".join(f"{o}: {outlets[o]} articles, {figs[o]} figures" for o in sorted(outlets)))
    for kind, (figures_by_doc, *_) in portions.items():
        print(f"  {kind}: {len(figures_by_doc)} documents, {sum(map(len, figures_by_doc.values()))} figures")
    if args.validate_only:
        return 0

    try:
        extract = load_extractor()
    except ImportError as err:
        print(f"newskit.figures.extract_figures cannot be imported ({err}); nothing to score")
        return 1
    gold, pred, texts = collect(articles, figures_by_article, cases, extract, portions, split=args.split)
    result = report(gold, pred, texts, n_show=args.show, show_heldout=args.split == "heldout")
    result["n_articles"] = len(figures_by_article)
    result["n_sentences"] = len(cases)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
