"""Parent stage: the figure a subset belongs to ("including 3,542 children", "nine of whom").

A number after a subset cue, or a member of the list that follows one ("including 20 children,
10 women"), belongs to the nearest earlier number of its sentence that is no subset; a sentence
that opens with "Of those" / "Among them" makes its numbers subsets of the last figure of the
sentence before.
"""

from __future__ import annotations

import re

from newskit.extract.candidates import Candidate
from newskit.extract.outcome import gapped_after, list_gap_continues
from newskit.extract.patterns import Patterns

RE_COMMA_ONLY = re.compile(r"^\s*,\s*$")
RE_COLON_ONLY = re.compile(r"^\s*:\s*$")

RULES = {
    "parent.subset_in_sentence": "a subset cue (\"including\", \"of whom\") links it to the figure before it; "
                                 "\"seven of the ten\", \"five were among the hundreds\" to the number after it",
    "parent.previous_sentence": "the sentence opens with \"Of those\"/\"Among them\", or a number is \"N of the dead\" "
                                "with no total in its sentence: the last figure before",
}


def _colon_after_cue(prev: Candidate, cand: Candidate, p: Patterns) -> bool:
    """Whether ``cand`` opens a breakdown after a colon that ends the figure's own clause.

    ("16 people had died: 10 in the fire and six in the stampede")
    """
    cue = p.re_cue_after.match(prev.right[prev.np_end :])
    return bool(cue and RE_COLON_ONLY.match(prev.right[prev.np_end + cue.end() :])
                and (cand.np_end or p.re_gapping_word.match(cand.right)))


def link_in_sentence(cands: list[Candidate], p: Patterns) -> list[tuple[Candidate | None, bool]]:
    """``(parent, is_subset)`` per candidate of one sentence (things have no parent)."""
    live = [c for c in cands if not c.thing]
    subset = {id(c): c.subset_cue for c in cands}
    parent: dict[int, Candidate | None] = {id(c): None for c in cands}
    after = {id(c): cands[k + 1] for k, c in enumerate(cands[:-1])}
    for k, cand in enumerate(live):
        prev = live[k - 1] if k else None
        nxt = after.get(id(cand))
        if (nxt is not None and not nxt.thing and not subset[id(cand)] and not cand.of_relative
                and p.re_partitive_of_next.match(cand.right) and not p.re_copula_end.search(cand.left)):
            subset[id(cand)] = True  # "seven of the ten bodies", "five Canadians were among the hundreds killed"
            parent[id(cand)] = nxt
            continue
        if prev is not None and not subset[id(cand)] and subset[id(prev)] and parent[id(prev)] is not None:
            if list_gap_continues(cand, p) or gapped_after(cand, prev, p):
                subset[id(cand)] = True
        if (prev is not None and not subset[id(prev)] and cand.np_group
                and ((prev.np_end and p.re_dash_list_open.match(cand.left))
                     or p.re_dash_list_after_verb.match(cand.left))):
            # a breakdown set off by dashes: "eight Americans - seven men and one woman -", "Four were killed on
            # Monday - three fighters and a soldier"
            subset[id(cand)] = True
        if (prev is not None and not subset[id(prev)] and not cand.thing and (
                (RE_COMMA_ONLY.match(prev.right[prev.np_end :]) and p.re_severity_after.match(cand.right))
                or (RE_COLON_ONLY.match(prev.right[prev.np_end :]) and cand.np_end)
                or _colon_after_cue(prev, cand, p))):
            # "wounded 12 people, three critically", "killed 26: 20 Tibetans, four Indians", "left 31 dead: 19 soldiers"
            subset[id(cand)] = True
        if subset[id(cand)] or cand.of_relative:
            found = next((q for q in reversed(live[:k]) if not subset[id(q)]), None)
            if found is not None:
                subset[id(cand)] = True
                parent[id(cand)] = found
            elif not k:
                subset[id(cand)] = False  # "The victims included 124 civilians, including 34 children": a total
    return [(parent[id(c)], subset[id(c)]) for c in cands]


def link_to_previous_sentence(
    cands: list[Candidate], sentence: str, previous: list[Candidate], p: Patterns, *, first: bool,
) -> list[Candidate | None]:
    """The parent, in the previous sentence, of each candidate of a sentence that opens with a subset cue."""
    if first:
        return [None] * len(cands)
    opens = p.re_subset_sentence_start.match(sentence)
    # "Three of those killed were police officers": a share of the dead of the sentence before
    partitive = [not c.thing and bool(p.re_partitive_after.match(c.right)) for c in cands]
    if not opens and not any(partitive):
        return [None] * len(cands)
    figures = [c for c in previous if c.get("outcome") and not c.get("subset")]
    if not figures:
        return [None] * len(cands)
    for cand, part in zip(cands, partitive, strict=True):
        cand.partitive_of_previous = part and not opens
    return [figures[-1] if not c.thing and (opens or part) else None for c, part in zip(cands, partitive, strict=True)]
