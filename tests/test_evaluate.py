"""Scoring functions of eval/evaluate.py on tiny hand-made gold and prediction lists."""

from __future__ import annotations

import doctest
import importlib.util
import json

import pytest

from newskit.errors import SchemaError
from newskit.paths import DEV_ARTICLES_PATH, PROJECT_DIR

_spec = importlib.util.spec_from_file_location("evaluate", PROJECT_DIR / "eval" / "evaluate.py")
evaluate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluate)


needs_dev_corpus = pytest.mark.skipif(
    not DEV_ARTICLES_PATH.is_file(), reason="../shared dev corpus is not beside the checkout"
)


def test_doctests_of_evaluate():
    failed, attempted = doctest.testmod(evaluate)
    assert attempted >= 5 and failed == 0


def fig(doc, start, end, **fields):
    return {"doc": doc, "start": start, "end": end, **fields}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 5), (3, 10), 2),
        ((0, 3), (3, 6), 0),  # touching half-open spans share nothing
        ((2, 4), (0, 10), 2),
        ((0, 10), (20, 30), 0),
        ((5, 9), (5, 9), 4),
    ],
)
def test_overlap(a, b, expected):
    assert evaluate.overlap(*a, *b) == expected


def test_match_is_one_to_one_and_greedy_by_overlap():
    gold = [fig("a", 0, 6), fig("a", 10, 14), fig("b", 0, 4)]
    # pred 0 overlaps gold 0 by 2 chars; pred 1 overlaps gold 0 by 5 and gold 1 by 0; pred 2 is in doc b.
    pred = [fig("a", 4, 12), fig("a", 1, 6), fig("b", 2, 3)]
    # gold0-pred1 (5) first, then gold1-pred0 (2: chars 10,11), gold2-pred2 (1).
    assert evaluate.match_figures(gold, pred) == [(0, 1), (1, 0), (2, 2)]


def test_match_never_pairs_across_documents_or_without_overlap():
    gold = [fig("a", 0, 5), fig("a", 20, 25)]
    pred = [fig("b", 0, 5), fig("a", 5, 9), fig("a", 21, 23), fig("a", 22, 24)]
    # Only pred 2 and 3 overlap gold 1 (2 chars each); tie broken by start distance: pred 2 (1) < pred 3 (2).
    assert evaluate.match_figures(gold, pred) == [(1, 2)]


def test_match_empty():
    assert evaluate.match_figures([], [fig("a", 0, 1)]) == []
    assert evaluate.match_figures([fig("a", 0, 1)], []) == []


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((3, 4, 6), (0.5, 0.75, 0.6)),
        ((0, 0, 0), (1.0, 1.0, 1.0)),
        ((0, 5, 0), (1.0, 0.0, 0.0)),
        ((0, 0, 2), (0.0, 1.0, 0.0)),
        ((2, 2, 2), (1.0, 1.0, 1.0)),
        ((1, 4, 1), (1.0, 0.25, 0.4)),
    ],
)
def test_precision_recall_f1(counts, expected):
    assert evaluate.precision_recall_f1(*counts) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("field", "gold", "pred", "expected"),
    [
        ("value", 9, 9.0, True),
        ("value", None, None, True),
        ("value", None, 12, False),
        ("value", 18600, 1860, False),
        ("high", None, None, True),
        ("bound", "lower", "lower", True),
        ("bound", "lower", "upper", False),
        ("source", "the Hamas-run health ministry", "Hamas-run Health Ministry", True),
        ("source", "Gaza's health ministry", "the health ministry", True),
        ("source", None, None, True),
        ("source", "the UN", None, False),
        ("source", "the Israeli military", "Hamas", False),
    ],
)
def test_field_agrees(field, gold, pred, expected):
    assert evaluate.field_agrees(field, {field: gold}, {field: pred}) is expected


def test_field_accuracy_and_parent():
    # Document "a": gold 10 at 0 (parent of 9 at 20); prediction gets the parent of 9 right.
    gold = [
        fig("a", 0, 2, bound="exact", outcome="killed", parent_start=None),
        fig("a", 20, 24, bound="exact", outcome="killed", parent_start=0),
        fig("a", 40, 43, bound="lower", outcome="injured", parent_start=None),
    ]
    pred = [
        fig("a", 0, 2, bound="exact", outcome="killed", parent_start=None),
        fig("a", 20, 24, bound="exact", outcome="injured", parent_start=0),
        fig("a", 40, 43, bound="upper", outcome="injured", parent_start=0),  # spurious parent
    ]
    pairs = evaluate.match_figures(gold, pred)
    assert pairs == [(0, 0), (1, 1), (2, 2)]
    acc = evaluate.field_accuracy(gold, pred, pairs, ["bound", "outcome", "parent"])
    assert acc["bound"] == (2, 3, pytest.approx(2 / 3))
    assert acc["outcome"] == (2, 3, pytest.approx(2 / 3))
    assert acc["parent"] == (2, 3, pytest.approx(2 / 3))


def test_parent_must_point_to_the_prediction_paired_with_the_gold_parent():
    gold = [
        fig("a", 0, 3, parent_start=None),
        fig("a", 10, 12, parent_start=0),
        fig("a", 30, 33, parent_start=None),
    ]
    # The predicted child points to the figure at 30, which is paired with gold 2, not gold 0.
    pred = [
        fig("a", 0, 3, parent_start=None),
        fig("a", 10, 12, parent_start=30),
        fig("a", 30, 33, parent_start=None),
    ]
    pairs = evaluate.match_figures(gold, pred)
    assert evaluate.parent_agreement(gold, pred, pairs) == {0: True, 1: False, 2: True}


def test_field_accuracy_with_no_pairs_is_one():
    assert evaluate.field_accuracy([], [], [], ["bound"]) == {"bound": (0, 0, 1.0)}


def test_confusion_counts_only_disagreements():
    gold = [
        fig("a", 0, 1, scope="cumulative"),
        fig("a", 5, 6, scope="incident"),
        fig("a", 9, 10, scope="incident"),
    ]
    pred = [
        fig("a", 0, 1, scope="cumulative"),
        fig("a", 5, 6, scope="unknown"),
        fig("a", 9, 10, scope="unknown"),
    ]
    pairs = evaluate.match_figures(gold, pred)
    assert dict(evaluate.confusion(gold, pred, pairs, "scope")) == {("incident", "unknown"): 2}


def test_score_end_to_end():
    gold = [fig("a", 0, 5, bound="exact"), fig("a", 10, 12, bound="lower"), fig("b", 3, 6, bound="vague")]
    pred = [fig("a", 1, 5, bound="exact"), fig("b", 3, 6, bound="exact"), fig("b", 20, 22, bound="exact")]
    result = evaluate.score(gold, pred, fields=["bound"])
    assert (result["n_gold"], result["n_pred"], result["n_matched"]) == (3, 3, 2)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["fields"]["bound"]["accuracy"] == pytest.approx(0.5)


GOOD = {
    "start": 6,
    "end": 8,
    "surface": "12",
    "value": 12,
    "unit": "people",
    "bound": "exact",
    "high": None,
    "outcome": "killed",
    "group": "people",
    "scope": "incident",
    "source": None,
    "source_type": "none",
    "parent_start": None,
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({}, None),
        ({"start": 5}, "not surface"),
        ({"end": 99}, "bad span"),
        ({"outcome": "dead"}, "outcome='dead'"),
        ({"bound": "range"}, "high is null"),
        ({"high": 20}, "bound is 'exact'"),
        ({"source": "police"}, "disagree"),
    ],
)
def test_check_figure(change, message):
    problems = evaluate.check_figure({**GOOD, **change}, "Storm 12 people killed", where="t")
    if message is None:
        assert problems == []
    else:
        assert len(problems) == 1 and message in problems[0]


def test_check_document_parent_must_exist():
    child = {**GOOD, "parent_start": 0}
    problems = evaluate.check_document([child], "Storm 12 people killed", where="t")
    assert any("parent_start 0" in p for p in problems)


def test_load_dev_gold_checks_the_manifest(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [{"article_id": "x", "annotated": True, "n_figures": 2}, {**GOOD, "article_id": "x"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="n_figures=2"):
        evaluate.load_dev_gold(path)
    lines[0]["n_figures"] = 1
    lines.append({"article_id": "empty", "annotated": True, "n_figures": 0})
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    manifest, figures = evaluate.load_dev_gold(path)
    assert sorted(manifest) == ["empty", "x"]
    assert figures["empty"] == [] and figures["x"][0]["surface"] == "12"


def test_shipped_sentence_gold_is_sound():
    cases = evaluate.load_sentence_gold()
    assert len(cases) >= 60
    assert evaluate.validate_gold(None, {}, cases) == []


@needs_dev_corpus
def test_shipped_article_gold_is_sound():
    manifest, figures = evaluate.load_dev_gold()
    articles = evaluate.read_dev_articles()
    assert len(manifest) >= 25
    assert evaluate.validate_gold(articles, figures, []) == []


_tools_spec = importlib.util.spec_from_file_location("annotation_tools", PROJECT_DIR / "eval" / "annotation_tools.py")
annotation_tools = importlib.util.module_from_spec(_tools_spec)
_tools_spec.loader.exec_module(annotation_tools)


def test_doctests_of_annotation_tools():
    failed, attempted = doctest.testmod(annotation_tools)
    assert attempted >= 1 and failed == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killed 18,600 people", [(7, 13, "18,600")]),
        ("about 85% of", [(6, 9, "85%")]),
        ("1.9 million displaced", [(0, 11, "1.9 million")]),
        ("hundreds of thousands fled", [(0, 21, "hundreds of thousands")]),
        ("nobody here", []),
    ],
)
def test_list_candidates(text, expected):
    assert annotation_tools.list_candidates(text) == expected


def test_parse_decision_checks_the_surface():
    text = "Storm: 12 people killed"
    line = "7 | 12 | 12 | exact | - | killed | people | incident | - | none | -"
    record = annotation_tools.parse_decision(line, article_id="x", text=text)
    assert (record["start"], record["end"], record["unit"], record["source"]) == (7, 9, "people", None)
    with pytest.raises(ValueError, match="not '12'"):
        annotation_tools.parse_decision("6" + line[1:], article_id="x", text=text)


def test_high_is_scored_only_on_gold_ranges():
    gold = [fig("a", 0, 2, bound="range", high=40), fig("a", 10, 12, bound="exact", high=None)]
    # The prediction's high is its interval top; for the exact figure that must not count.
    pred = [fig("a", 0, 2, bound="range", high=45), fig("a", 10, 12, bound="exact", high=12)]
    pairs = evaluate.match_figures(gold, pred)
    assert evaluate.field_accuracy(gold, pred, pairs, ["high"]) == {"high": (0, 1, 0.0)}


def _label(start: int, end: int, **fields) -> dict:
    base = {"bound": "exact", "outcome": "killed", "group": "people", "scope": "incident",
            "source_type": "none", "source": None, "value": 1, "place": "gaza", "parent_start": None}
    return {"start": start, "end": end, **base, **fields}


def test_agreement_of_two_annotations_counts_only_the_second_ones_documents():
    first = {
        "d1": [_label(0, 2), _label(10, 12, scope="cumulative"), _label(20, 22)],
        "d2": [_label(0, 2)],  # not annotated twice: left out
    }
    second = {"d1": [_label(0, 2), _label(10, 12, scope="period", place="israel")]}
    result = evaluate.agreement(first, second)
    assert (result["n_documents"], result["n_gold"], result["n_pred"], result["n_matched"]) == (1, 3, 2, 2)
    assert result["f1"] == pytest.approx(2 * (1.0 * 2 / 3) / (1.0 + 2 / 3))
    assert result["fields"]["scope"]["agree"] == 1 and result["fields"]["scope"]["n"] == 2
    assert result["fields"]["place"]["accuracy"] == 0.5
    assert result["fields"]["outcome"]["accuracy"] == 1.0


def test_diagnostics_leave_out_held_out_misses_unless_asked(capsys):
    labels = {"value": 5, "unit": "people", "bound": "exact", "outcome": "killed", "group": "people",
              "scope": "incident", "source_type": "none", "source": None, "place": "gaza", "parent": None}
    texts = {"crossdomain:XD-010": "Five people were killed.", "crossdomain:XD-060": "Five people were hurt."}
    gold = [fig("crossdomain:XD-010", 0, 4, kind="crossdomain", split="tune", **labels),
            fig("crossdomain:XD-060", 0, 4, kind="crossdomain", split="heldout", **labels)]
    evaluate.report(gold, [], texts, n_show=10)
    tuning = capsys.readouterr().out
    evaluate.report(gold, [], texts, n_show=10, show_heldout=True)
    held_out = capsys.readouterr().out
    assert "crossdomain:XD-010 @0" in tuning and "crossdomain:XD-060" not in tuning.split("False negatives")[1]
    assert "crossdomain:XD-060 @0" in held_out
    assert "R=0.000" in tuning.split("crossdomain/heldout")[1].splitlines()[0]  # scores still cover both halves
