"""Group stage: who the people are, the most specific group the text gives for this number.

The head noun of the number's noun phrase decides ("3,542 children"), or an adjective on a generic
head ("Palestinian workers", a role before a nationality: "Palestinian aid workers"); a share or
subset says it after ("40% of them children"); "another two" takes the group before; a subset
with no noun takes its parent's; a number with no noun takes an adjective before its toll ("the
Palestinian death toll"), "the number of X", "the toll among X", "bodies of X", or what it is said
to be after it ("34 were children"); else `people`.
"""

from __future__ import annotations

import re

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns

RULES = {
    "group.head_noun": "the noun after the number (\"3,542 children\", \"Palestinian aid workers\")",
    "group.dash_apposition": "the noun a dashed number stands for (\"the Israeli hostages - 253 -\")",
    "group.predicate": "said after a share or subset (\"40% of them children\")",
    "group.same_as_before": "\"another two\", \"thousands more\", \"from 560 to 761\": the group of the figure before",
    "group.parent": "a subset with no noun of its own takes its parent's group",
    "group.toll_adjective": "an adjective before the toll (\"the Palestinian death toll\")",
    "group.number_of": "\"the number of X\", before the number or in apposition after it",
    "group.taken_hostage": "people taken hostage (\"took some 240 hostages\", \"239 hostages were taken\"): people",
    "group.coordinated_before": "no noun, joined to the figure before (\"12 soldiers were killed and eight wounded\")",
    "group.toll_among": "\"the death toll among Palestinians\": who the toll counts",
    "group.bodies_of": "\"eight bodies of civilians\": who the bodies were",
    "group.said_after": "a number with no noun, said after it (\"34 were children\")",
    "group.default_people": "no word for who they are: people",
}
RE_NUMBER_OF = re.compile(r"\bnumber\s+of\s+(\w+)")
# "rising to 4, the number of children killed": the count a number is, told in apposition right after it
RE_NUMBER_OF_AFTER = re.compile(r",\s+the\s+(?:total\s+)?number\s+of\s+(\w+)")
# "the death toll among Palestinians passed 8,300": who a toll counts, said before the number
RE_TOLL_AMONG = re.compile(r"\b(?:toll|deaths|dead|casualties|fatalities)\s+among\s+(?:the\s+)?(\w+)")
# "eight bodies of civilians": who the bodies were
RE_BODIES_OF = re.compile(r"\s+(?:\w+\s+)?(?:bodies|remains|corpses)\s+of\s+(?:the\s+)?(\w+)(?:\s+(\w+))?")
# "34 were children", "three of those killed were police officers", "nine of them as its fighters": who a number
# with no noun is
RE_NUMBER_WERE = re.compile(
    r"\s+(?:of\s+(?:those|them|these|the)\b[^,.;:]{0,25}?\s+)?(?:were|are|as(?:\s+(?:its|their|his|her))?)\s+"
    r"(?:all\s+|mostly\s+|mainly\s+)?"
    r"([\w-]+)(?:\s+(\w+))?"
)
# "..., and eight wounded", "and a further 1,760 injured": a number joined to the figure before it
RE_JOINED_BEFORE = re.compile(r"\band\s+(?:a\s+further\s+|another\s+|an\s+additional\s+)?$", re.IGNORECASE)
# "rose from 2,666 to 2,798": the second number of a change counts the same people as the first
# (a number's left context reaches back to the number before it)
RE_FROM = re.compile(r"\bfrom\s+(?:about\s+|some\s+|around\s+)?$", re.IGNORECASE)
RE_TO = re.compile(r"\s*to\s+$", re.IGNORECASE)
# how far from the number a word of taking is read for a hostage count (characters)
TAKEN_REACH = 40


def _near_cue(cand: Candidate, p: Patterns) -> tuple[str, str]:
    clause = cand.left[-60:].lower()
    m = p.re_adjective_toll.search(clause)
    if m:
        return p.adjective_groups[m.group(1)], "group.toll_adjective"
    m = RE_NUMBER_OF.search(clause) or RE_NUMBER_OF_AFTER.match(cand.right.lower())
    if m and m.group(1) in p.people_groups:
        return p.people_groups[m.group(1)], "group.number_of"
    m = RE_TOLL_AMONG.search(clause)
    if m and m.group(1) in p.people_groups:
        return p.people_groups[m.group(1)], "group.toll_among"
    bodies_of = _said_after(cand, RE_BODIES_OF, p)
    if bodies_of is not None:
        return bodies_of, "group.bodies_of"
    return "people", "group.default_people"


def _said_after(cand: Candidate, pattern: re.Pattern, p: Patterns) -> str | None:
    """The group (other than people) of the first group word ``pattern`` reads right after the number."""
    m = pattern.match(cand.right.lower())
    named = [w for w in (m.groups() if m else ()) if w in p.people_groups]
    return p.people_groups[named[0]] if named and p.people_groups[named[0]] != "people" else None


def decide_group(
    cand: Candidate, p: Patterns, *, parent: Candidate | None, previous: Candidate | None,
) -> tuple[str, str]:
    """``(group, rule)`` of a figure (``previous``: the figure before it in its sentence)."""
    group, rule = cand.np_group, "group.head_noun"
    if cand.rules.get("outcome") == "outcome.dash_apposition":
        dash = p.re_dash_apposition.search(cand.left[-60:])
        noun, adjective = dash.group("noun").lower(), (dash.group("adj") or "").lower()  # type: ignore[union-attr]
        group, rule = p.adjective_groups.get(adjective) or p.people_groups.get(noun, "people"), "group.dash_apposition"
    predicate = p.re_predicate_group.match(cand.right)
    if predicate and (cand.number.unit == "percent" or cand.of_relative or parent is not None):
        group, rule = p.people_groups[predicate.group("noun").lower()], "group.predicate"
    elif group is None and previous is not None and (
        p.re_another_before.search(cand.left[-12:]) or p.re_more_after.match(cand.right)
        or (RE_TO.match(cand.left) and RE_FROM.search(previous.left[-20:]))
    ):
        group, rule = previous.get("group"), "group.same_as_before"
    if group is None:
        group, rule = _said_after(cand, RE_NUMBER_WERE, p), "group.said_after"
    if group is None and parent is not None:
        # a parent that is no figure itself keeps the group its noun phrase gave
        parent_group = parent.get("group") if "group" in parent.values else parent.np_group
        if parent_group is not None:
            group, rule = parent_group, "group.parent"
    if group is None and previous is not None and previous.get("group") not in (None, "people") and (
        RE_JOINED_BEFORE.search(p.re_qualifier_before.sub("", cand.left[-40:]))
        and previous.get("outcome") != cand.get("outcome")
    ):
        group, rule = previous.get("group"), "group.coordinated_before"
    if group == "hostages" and rule == "group.head_noun" and cand.get("outcome") == "hostage" and (
        p.re_place_taken.search(cand.left[-TAKEN_REACH:]) or p.re_place_taken.search(cand.right[:TAKEN_REACH])
    ):
        group, rule = "people", "group.taken_hostage"
    if group is None:
        group, rule = _near_cue(cand, p)
    return group, rule
