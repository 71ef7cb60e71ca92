"""Bound stage: how the text qualifies the number (exact, lower, upper, approximate, range, vague).

The qualifier right before the number ("more than", "almost", "about") or right after it ("or
more", "or so") decides; a range ("between 30 and 40") is `range` and a vague quantifier
("dozens") `vague`, except "a dozen" with a qualifier of its own.
"""

from __future__ import annotations

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns

RULES = {
    "bound.range": "a range (\"between 30 and 40\", \"30-40\")",
    "bound.vague": "a vague quantifier (\"dozens\", \"hundreds\")",
    "bound.lower_before": "a lower-bound qualifier before it (\"at least\", \"more than\")",
    "bound.lower_after": "a lower-bound qualifier after it (\"or more\", \"1,000+\")",
    "bound.upper_before": "an upper-bound qualifier before it (\"almost\", \"up to\")",
    "bound.upper_after": "an upper-bound qualifier after it (\"or fewer\")",
    "bound.approximate_before": "an approximation before it (\"about\", \"some\")",
    "bound.approximate_after": "an approximation after it (\"or so\")",
    "bound.exact": "no qualifier",
}


def decide_bound(cand: Candidate, p: Patterns) -> tuple[str, str]:
    """``(bound, rule)`` of one candidate, from the qualifiers around its number."""
    number = cand.number
    if number.kind == "range":
        return "range", "bound.range"
    if number.kind == "vague" and number.vague != "a dozen":
        return "vague", "bound.vague"
    left, right = cand.left[-40:], cand.right[:20]
    for bound, before, after in (("lower", p.re_lower_before, p.re_lower_after),
                                 ("upper", p.re_upper_before, p.re_upper_after),
                                 ("approximate", p.re_approx_before, p.re_approx_after)):
        if before.search(left):
            return bound, f"bound.{bound}_before"
        if after.match(right):
            return bound, f"bound.{bound}_after"
    if number.kind == "vague":
        return "vague", "bound.vague"
    return "exact", "bound.exact"
