"""`make eval` as a gate: the extractor must stay above accuracy floors on the shipped gold.

The floors sit a little under the scores of the commit that introduced them (README, "Evaluation"):
a change that lowers detection F1 or any field's accuracy on a gold set below its floor fails
here. Raise a floor when a change improves a score on purpose; lower one only with a reason in the
commit. The sentence gold ships with the kit; the article, cross-domain and outlet gold index texts
in ../shared and are skipped, saying so, when it is absent.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from newskit.figures import extract_figures
from newskit.paths import DEV_ARTICLES_PATH, PROJECT_DIR

EVAL_DIR = PROJECT_DIR / "eval"
_spec = importlib.util.spec_from_file_location("evaluate_for_gate", EVAL_DIR / "evaluate.py")
evaluate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluate)

FIELDS = ["bound", "outcome", "group", "scope", "source_type", "place"]
# kind -> (detection F1 floor, {field: accuracy floor}); scores when set: see the module docstring.
FLOORS: dict[str, tuple[float, dict[str, float]]] = {
    # scores: F1 1.000 (detect round); 1.000 0.962 0.975 0.823 0.987 place 0.886
    # scope after the third scope round (audited gold): sentence 0.951, article 0.953, crossdomain 0.860,
    # outlets 0.864, crossdomain/heldout 0.759, outlets/heldout 0.773 (whole 0.888); after the fourth scope round
    # (consistency-passed gold, 1107 matched): sentence 1.000, article 0.961, crossdomain 0.851, outlets 0.868,
    # crossdomain/heldout 0.721, outlets/heldout 0.759 (whole 0.877); after the fifth scope round (1109 matched
    # without fresh2): article 0.967, crossdomain 0.878, outlets 0.868, fresh 0.858, crossdomain/heldout 0.754,
    # outlets/heldout 0.763, fresh/heldout 0.867 (whole 0.892 without fresh2)
    # place after the place round (issue 12): sentence 0.939, article 0.980, crossdomain 0.950, outlets 0.885
    # (outlet headlines read), crossdomain/heldout 0.879, outlets/heldout 0.820; with the fourth detection round
    # (835 matched): 0.951, 0.974, 0.947, 0.877, 0.883, 0.809
    # place after the held-out place round (today's gold, 1,105 matched): sentence 0.951, article 0.974, crossdomain
    # 0.947, outlets 0.900, crossdomain/heldout 0.885, outlets/heldout 0.818; group outlets 0.944; after the third
    # place round (person names, outlet seats, actors, cross-domain names): sentence 0.976, article 0.980,
    # crossdomain 0.964, outlets 0.905, fresh 0.914, crossdomain/heldout 0.902, outlets/heldout 0.830
    # detection F1 after the fourth detection round: sentence 1.000, article 0.987, crossdomain 0.950, outlets 0.968,
    # crossdomain/heldout 0.851, outlets/heldout 0.949 (whole 0.968); after the fifth (battery) round, on the
    # consistency-passed gold: article 0.990, crossdomain 0.953, outlets 0.971, crossdomain/heldout 0.853,
    # outlets/heldout 0.953, fresh 0.967 (whole 0.970); outcome crossdomain 0.983, outlets 0.977; after the sixth
    # detection round (without fresh2): outlets 0.976, outlets/heldout 0.964 (whole 0.971); outcome crossdomain 0.987,
    # outlets 0.980
    "sentence": (0.99, {"bound": 0.98, "outcome": 0.94, "group": 0.95, "scope": 0.97, "source_type": 0.97,
                        "place": 0.97}),
    # scores: F1 0.977 (detect round); 1.000 1.000 0.966 0.841 0.883 place 0.966
    # source_type after the attribution round: sentence 0.988, article 0.966, crossdomain 0.942, outlets 0.898,
    # crossdomain/heldout 0.912, outlets/heldout 0.859; after the second attribution round (issue 12): 0.988,
    # 0.974, 0.947, 0.927, crossdomain/heldout 0.918, outlets/heldout 0.879; after the third (issue 12, round 3):
    # sentence 0.988, article 0.980, crossdomain 0.980, outlets 0.947, fresh 0.933, crossdomain/heldout 0.918,
    # outlets/heldout 0.881, fresh/heldout 0.896
    "article": (0.98, {"bound": 0.98, "outcome": 0.98, "group": 0.94, "scope": 0.96, "source_type": 0.97,
                       "place": 0.97}),
    # scores: F1 0.909 (detect round); 0.988 0.972 0.960 0.635 0.735 place 0.944
    # scope floor 0.84 -> 0.83 by the fifth detection round: one more held-out figure matched and one held-out
    # figure's scope changed with it (253 of 302 right, was 254 of 301; tune scope unchanged)
    "crossdomain": (0.945, {"bound": 0.96, "outcome": 0.98, "group": 0.94, "scope": 0.87, "source_type": 0.97,
                           "place": 0.96}),
    # scores: F1 0.941 (detect round); 0.986 0.968 0.929 0.740 0.801 place 0.829
    "outlets": (0.97, {"bound": 0.96, "outcome": 0.97, "group": 0.93, "scope": 0.85, "source_type": 0.94,
                       "place": 0.90}),
    # the held-out halves (evaluate.split_of; no rule was tuned on them), fewer figures: wider margins
    # scores: F1 0.829 (detect round); 0.983 0.983 0.983 0.741 0.845 place 0.862 (58 matched)
    "crossdomain/heldout": (0.84, {"bound": 0.94, "outcome": 0.94, "group": 0.94, "scope": 0.73,
                                   "source_type": 0.89, "place": 0.89}),
    # scores: F1 0.938 (detect round); 0.992 0.969 0.938 0.721 0.798 place 0.798 (129 matched)
    # (the sixth detection round lowered scope 0.75 -> 0.74 when this gate read 0.748 mid-round; the scope round
    # after it brought it back to 0.763 and the floor to 0.75)
    "outlets/heldout": (0.955, {"bound": 0.96, "outcome": 0.94, "group": 0.91, "scope": 0.75, "source_type": 0.86,
                               "place": 0.82}),
    # the fresh portion (blind, landed this round), detection and its fields only: F1 0.967 (tune 1.000, held-out
    # 0.937), outcome 0.996, bound 0.985
    # place after the held-out place round: fresh 0.918, fresh/heldout 0.881; scope after the fourth scope round:
    # fresh 0.832 (tune 0.797, held-out 0.867)
    "fresh": (0.955, {"bound": 0.97, "outcome": 0.98, "place": 0.91, "scope": 0.84, "source_type": 0.93}),
    "fresh/heldout": (0.92, {"bound": 0.96, "outcome": 0.97, "place": 0.86, "scope": 0.85, "source_type": 0.89}),
}
needs_shared = pytest.mark.skipif(
    not DEV_ARTICLES_PATH.is_file(),
    reason=f"../shared is absent ({DEV_ARTICLES_PATH}): the article, cross-domain and outlet gold index "
    "its texts; only the sentence gold is scored",
)


def _check(kind: str, gold: list[dict], pred: list[dict]) -> None:
    result = evaluate.score(gold, pred, fields=FIELDS)
    f1_floor, field_floors = FLOORS[kind]
    below = []
    if result["f1"] < f1_floor:
        below.append(f"detection F1 {result['f1']:.3f} < {f1_floor}")
    for field, floor in field_floors.items():
        accuracy = result["fields"][field]["accuracy"]
        if result["fields"][field]["n"] and accuracy < floor:
            below.append(f"{field} {accuracy:.3f} < {floor}")
    assert not below, f"{kind} gold: " + "; ".join(below) + " (run `make eval` for the misses)"


def test_sentence_gold_stays_above_its_floors():
    cases = evaluate.load_sentence_gold()
    gold, pred, _ = evaluate.collect(None, {}, cases, extract_figures)
    assert len(gold) >= 80
    _check("sentence", gold, pred)


@pytest.fixture(scope="module")
def shared_gold():
    # evaluate.load_portions imports annotation_tools from beside it: put eval/ on the path for that
    # call only, and leave sys.modules as it was (test_evaluate loads those modules its own way)
    modules, path = set(sys.modules), list(sys.path)
    sys.path.insert(0, str(EVAL_DIR))
    try:
        _, figures_by_article = evaluate.load_dev_gold()
        articles = evaluate.read_dev_articles()
        portions = evaluate.load_portions()
    finally:
        sys.path[:] = path
        for name in ("annotation_tools", "evaluate"):
            if name not in modules:
                sys.modules.pop(name, None)
    gold, pred, _ = evaluate.collect(articles, figures_by_article, [], extract_figures, portions)
    return gold, pred


@needs_shared
@pytest.mark.parametrize("kind", ["article", "crossdomain", "outlets", "crossdomain/heldout", "outlets/heldout",
                                  "fresh", "fresh/heldout"])
def test_shared_gold_stays_above_its_floors(shared_gold, kind):
    gold, pred = shared_gold
    portion, _, half = kind.partition("/")

    def keep(f: dict) -> bool:
        return f["kind"] == portion and (not half or f["split"] == half)

    gold = [f for f in gold if keep(f)]
    if not gold:
        pytest.skip(f"no {kind} gold in this checkout")
    _check(kind, gold, [f for f in pred if keep(f)])
