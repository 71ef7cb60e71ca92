"""Outcome stage: which outcome cue binds to each number of a sentence (None: not a figure).

A number is a figure when an outcome cue binds to it: a noun right after it ("20,000 deaths",
"240 hostages"), a verb after its noun phrase ("18,600 Palestinians have now been killed"), an
active verb right before it ("killed about 1,300"), a nominal cue before it in the same clause
("the death toll rose to 20,000"), or a link to another figure of the sentence (its parent, a
coordinated or appositive number). A verb beats a status noun ("released 50 hostages").
"""

from __future__ import annotations

import re

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import RE_AGE_AFTER, Patterns
from newskit.numbers import ascii_lower

RULES = {
    "outcome.noun_after_number": "an outcome noun right after the number (\"20,000 deaths\", \"5,400 wounded\")",
    "outcome.adjective": "an outcome word before the noun (\"12,000 displaced civilians\")",
    "outcome.cases_of": "cases of an outcome after the number (\"327 cases of arbitrary detention\")",
    "outcome.status_noun": "a status noun names the people (\"240 hostages\", \"prisoners\")",
    "outcome.cue_after": "an outcome verb after the noun phrase (\"18,600 have been killed\", \"died\")",
    "outcome.active_verb_before": "an active verb right before the number (\"killed about 1,300\")",
    "outcome.nominal_cue_before": "a nominal cue earlier in the clause (\"the death toll rose to 20,000\")",
    "outcome.toll_verb_before": "a toll earlier in the clause brought to the number by a toll verb (\"the death toll "
                                "from the quake that struck the north climbed to 15,000\")",
    "outcome.dash_apposition": "a noun and its number set off by dashes (\"the hostages - 253 - held\")",
    "outcome.dash_list": "a list of people set off by a dash after an outcome noun (\"the victims - 11 men, four "
                         "women and a child -\")",
    "outcome.partitive_opening": "a sentence opening with a partitive of the outcome (\"Of those killed, 60% were\")",
    "outcome.population_share": "a share of a population said to have suffered it (\"half of ... displaced\")",
    "outcome.from_subsets": "a total with no cue of its own takes the cue after its \"including ...\" list",
    "outcome.parent": "a subset takes the outcome of the figure it belongs to",
    "outcome.shared_coordination": "coordinated objects of one verb (\"release 50 hostages ... and 150 Palestinians\")",
    "outcome.shared_next": "a number coordinated with, or in apposition to, the next figure shares its cue",
    "outcome.shared_apposition": "a share in apposition to the figure before (\"1,200, or 80%\")",
    "outcome.shared_list": "the next member of a list after a figure cued before it (\"include 20 children and 15 "
                           "women\")",
    "outcome.shared_comparison": "a number compared with the figure before (\"rose from 560 to 761\", \"compared "
                                 "with\")",
    "outcome.shared_gapping": "a number with its verb left out shares the cue of the figure before (\"71 were "
                              "linked to the army and 36 to armed groups\")",
    "outcome.parent_previous_sentence": "\"Of those, ...\": the outcome of the figure the previous sentence ends with",
}
_NOUN_RULES = {"outcome.noun_after_number", "outcome.adjective", "outcome.dash_apposition", "outcome.cases_of"}
RE_CLAUSE_BREAK = re.compile(r"\s[—–-]\s|;|:|\(|\)|\bwhen\b|\bwhile\b|\bbut\b|,\s*(?=\S+\s+of\s+whom)")
RE_DASH_AFTER = re.compile(r"^\s*(?:(?:in\s+all|in\s+total|altogether|all\s+told)\s*)?[-–—]", re.IGNORECASE)
# the predicate of a subset in an aside, up to the comma that closes it ("of whom 12 were children, died")
RE_SUBSET_PREDICATE = re.compile(r"^\s*(?:were|was|are|is)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+\s*,", re.IGNORECASE)
# the rest of one list member and its separator; up to three members ("members, an Israeli officer, and ")
RE_LIST_GAP = re.compile(
    r"^[\s,]*(?:(?:[\w'’-]+\s+){0,3}?[\w'’-]*(?:,\s*|\s+and\s+|\s+or\s+|,\s*and\s+)){1,3}$", re.I)
# a relative clause after the noun phrase, up to the main verb's auxiliary ("who fled the fighting were killed")
RE_RELATIVE_THEN_MAIN = re.compile(
    r"^[\s,]*(?:who|that)\s+[^;:.()\"“”—–]{1,80}?[\s,]+(?=(?:were|was|have|has|had|are|is)\s)", re.IGNORECASE)
# a participle or relative clause right after the people ("attending a funeral", "that had been patrolling")
RE_MODIFIER_OPENS = re.compile(
    r"^(?:\s+of\s+(?:[\w'’-]+\s+){1,4}?[\w'’-]+)?\s+(?:(?P<w>[a-z]+ing)|who|that)\s", re.IGNORECASE)
RE_MAIN_VERB = re.compile(
    r"(?<=[\s,])(?=(?:were|was|have|has|had|are|is|died|perished|drowned|remain|remained)\b)", re.IGNORECASE)
RE_RELATIVE_START = re.compile(r"^[\s,]*(?:who|whom|that|which)\b", re.IGNORECASE)
RE_BRACKET_CLOSES = re.compile(r"^\s*\)")
RE_SENTENCE_END = re.compile(r"[.!?][\"”’]*\s+")
RE_COPULA_END = re.compile(r"(?:^|,)\s*(?:was|is)\s+$", re.IGNORECASE)
RE_WHO = re.compile(r"\b(?:who|whom)\b", re.IGNORECASE)
RE_AND_IN_GAP = re.compile(r"\band\b", re.IGNORECASE)
# a verb of the number's own after it ("and a further 14 were being sought", "and 10 escaped")
RE_OWN_CLAUSE_AFTER = re.compile(r"^\s+(?:were|was|are|is|have|has|had|will|would|remain|remained|[a-z]{2,}ed)\b",
                                 re.IGNORECASE)
RE_AND_END = re.compile(r"\band\s*$", re.IGNORECASE)
# Groups whose "lost N" is a loss of life ("lost 10 soldiers"), unlike "lost 5 Israelis" (a hedge).
LOSS_GROUPS = frozenset({"soldiers", "people", "civilians", "militants", "children", "women", "journalists",
                         "medical_workers", "aid_workers"})

Decision = tuple[str | None, str | None]


def cue_outcome(cue: str, p: Patterns) -> str:
    """The outcome of a cue phrase found after the noun phrase or before the number."""
    phrase = " ".join(cue.lower().split())
    if phrase in p.outcome_cues:
        return p.outcome_cues[phrase]
    return next((o for pattern, o in p.outcome_cue_phrases if pattern.fullmatch(phrase)), "killed")


def _active_outcome(cue: str, cand: Candidate, outcome: str | None, p: Patterns) -> str | None:
    following = cand.right[cand.np_end : cand.np_end + 25].lower()
    group = cand.np_group
    captives = p.active_with_captives.get(cue)
    people = p.active_with_people.get(cue)
    if captives or people == "hostage":
        if (p.re_captives_after.match(following) or p.re_captives_after.match(cand.right[:25].lower()) or outcome
                or p.re_captive_noun.search(cand.right[: cand.np_end])):  # "taking 150 civilians and soldiers hostage"
            return outcome or "hostage"
        if people == "hostage":
            return "hostage" if group is not None else None
        if group is None and p.re_captive_noun.search(cand.left):
            return "hostage"  # "released 44 hostages but are still holding 12": the captives of the clause before
        return None
    if people is not None and cue in p.burial_verbs and group in LOSS_GROUPS and (
            p.re_buried_missing_after.match(cand.right[cand.np_end :])
            or p.re_buried_missing_agent.search(cand.left[-80:])):
        return "missing"  # "the landslide buried 40 people under mud": not a burial of the dead
    if people is not None:
        return people if group in LOSS_GROUPS else None
    return p.active_outcome.get(cue)


def _last_clause(left: str) -> str:
    """The words of ``left`` after its last clause break (all of it when it has none)."""
    breaks = list(RE_CLAUSE_BREAK.finditer(ascii_lower(left)))
    return left[breaks[-1].end() :] if breaks else left


def _own_outcome(cand: Candidate, p: Patterns, *, wide_left: str) -> Decision:
    """The cue of the number's own words (see the module docstring); None when none binds.

    ``wide_left`` is ``cand.left`` reaching back over the things before it ("which swept through three districts,
    reached 128"), for a toll far from its number.
    """
    outcome, rule = cand.np_outcome, cand.np_outcome_rule
    rest = cand.right[cand.np_end :]
    if outcome and rule == "outcome.adjective" and outcome != "killed":
        died = p.re_cue_after.match(rest)  # "32 wounded people have died": the verb says what became of them
        if died and cue_outcome(died.group("cue"), p) == "killed" and not p.re_gap_bad.search(
                rest[: died.start("cue")]) and died.group("cue").lower() not in p.new_clause_participles:
            return "killed", "outcome.cue_after"
    if outcome and rule in _NOUN_RULES:
        return outcome, rule
    after_outcome = before_outcome = None
    after = p.re_cue_after.match(rest)
    if after and (after.group("cue").lower() in p.new_clause_participles
                  or p.re_object_follows.match(rest[after.end() :])):
        after = None  # ", injuring scores more", ", wounded over 5,000": the verb of the next number
    if after and not p.re_gap_bad.search(RE_AGE_AFTER.sub("", rest[: after.start("cue")])):
        after_outcome = cue_outcome(after.group("cue"), p)
    relative = RE_RELATIVE_THEN_MAIN.match(rest)
    main_clause = rest[relative.end() :] if relative else ""
    main = p.re_cue_after.match(main_clause) if relative else None
    if main and main.group("cue").lower() not in p.new_clause_participles and not p.re_gap_bad.search(
            main_clause[: main.start("cue")]):
        after_outcome = cue_outcome(main.group("cue"), p)  # "Dozens of people who escaped the attack were murdered"
    if after_outcome is None and not main and cand.np_end:
        after_outcome = _main_verb_after_modifier(rest, p)
    elif after and cand.np_end and after.group("cue").lower().endswith("ing"):
        # the participle describes the people, a main verb after it says what became of them
        # ("Nine people fleeing the offensive were killed")
        after_outcome = _main_verb_after_modifier(rest, p) or after_outcome
    before = p.re_active_before.search(cand.left[-80:])
    if before:
        before_outcome = _active_outcome(" ".join(before.group("cue").lower().split()), cand, outcome, p)
    if rule == "outcome.status_noun":
        if before_outcome:
            return before_outcome, "outcome.active_verb_before"
        if after_outcome and not (outcome == "hostage" and after_outcome in ("missing", "hostage")):
            return after_outcome, "outcome.cue_after"
        return outcome, rule
    if after_outcome and not (before_outcome and RE_RELATIVE_START.match(rest)):
        return after_outcome, "outcome.cue_after"  # not "killing 20 people who had sought refuge"
    if before_outcome:
        return before_outcome, "outcome.active_verb_before"
    left = cand.left
    clause = _last_clause(left)
    opening = p.re_partitive_opening.match(left)
    if opening:  # "Of those killed, 60% were women", "Among the wounded, 12 are in a critical condition"
        return cue_outcome(opening.group("cue"), p), "outcome.partitive_opening"
    label = p.re_label_cue.search(left)
    if label:  # "Killed: 310; wounded: 1,045"
        return cue_outcome(label.group("cue"), p), "outcome.nominal_cue_before"
    if cand.number.unit == "percent":
        share = p.re_share_in_brackets.match(left) if RE_BRACKET_CLOSES.match(cand.right) else None
        if share:  # "Most of the casualties occurred in Donetsk region (58%)"
            return cue_outcome(share.group("cue"), p), "outcome.nominal_cue_before"
        return None, None
    nominal = p.re_nominal_before.search(clause[-90:])
    if nominal and p.re_forecast.search(p.re_qualifier_before.sub("", nominal.group("gap"))):
        return None, None  # "the toll could exceed 1,000": a forecast, not a count
    if nominal and RE_AND_IN_GAP.search(nominal.group("gap")) and RE_OWN_CLAUSE_AFTER.match(rest):
        nominal = None  # "eight had been arrested and a further 14 were being sought": the 14 have a verb of their own
    if (nominal and not cand.np_end and RE_COPULA_END.search(nominal.group("gap"))
            and cue_outcome(nominal.group("cue"), p) and nominal.group("cue").lower() in p.outcome_verbs
            and not p.re_scope_toll.search(clause[: nominal.start("cue")])):
        nominal = None  # "Sami, one of three journalists killed in the strike, was 24": an age, not a toll
    if nominal and not p.re_nominal_gap_bad.search(nominal.group("gap")):
        cue = " ".join(nominal.group("cue").lower().split())
        if (cue not in p.nominal_needs_gap or nominal.group("gap").strip()) and (
                _toll_verb_ends(nominal.group("gap"), p) or p.re_nominal_company.match(nominal.group("gap"))
                or not p.re_nominal_needs_change.search(nominal.string[: nominal.end("cue")])):
            return cue_outcome(cue, p), "outcome.nominal_cue_before"
    # a report clause set off by commas ("the toll, officials said, has risen to 40") breaks no toll
    far = p.re_nominal_far_before.search(p.re_report_aside.sub(" ", _last_clause(wide_left)[-230:]))
    if (far and not p.re_toll_gap_bad.search(far.group("gap"))
            and not p.re_forecast.search(p.re_qualifier_before.sub("", far.group("gap")))
            and _toll_verb_ends(far.group("gap"), p)):
        return cue_outcome(far.group("cue"), p), "outcome.toll_verb_before"
    anaphor = p.re_toll_anaphor.match(cand.left) if cand.previous_sentence else None
    if anaphor and _toll_verb_ends(cand.left, p):
        toll = p.re_toll_in_sentence.search(RE_SENTENCE_END.split(cand.previous_sentence.rstrip(" \n.!?\"”’"))[-1])
        if toll:  # "The death toll has risen again. It now stands at 87"
            return cue_outcome(toll.group("cue"), p), "outcome.toll_verb_before"
    return None, None


def _main_verb_after_modifier(rest: str, p: Patterns) -> str | None:
    """The outcome of the main verb after a participle or relative clause that modifies the people.

    ("30 people attending a funeral in the town were killed", "Nine members of a group that had been patrolling
    the road were ambushed and killed"): the first auxiliary or verb up to 150 characters on whose cue binds.
    """
    opening = RE_MODIFIER_OPENS.match(rest)
    if opening is None or (opening.group("w") or "").lower() in p.new_clause_participles:
        return None
    span = rest[: opening.end() + 150]
    for verb in RE_MAIN_VERB.finditer(span, opening.end()):
        main = p.re_cue_after.match(span[verb.start() :])
        if main is None:
            continue
        if (p.re_gap_bad.search(span[: verb.start() + main.start("cue")])
                or main.group("cue").lower() in p.new_clause_participles):
            return None
        return cue_outcome(main.group("cue"), p)
    return None


def _toll_verb_ends(gap: str, p: Patterns) -> bool:
    """Whether a toll verb ends the words before the number ("rose to almost", "stood at")."""
    return bool(p.re_toll_change_end.search(p.re_qualifier_before.sub("", gap)))


def own_outcomes(cands: list[Candidate], p: Patterns) -> list[Decision]:
    """Each number's outcome from its own words, before any link to another figure."""
    work: list[Decision] = []
    for k, cand in enumerate(cands):
        if cand.thing_rule == "candidate.population":
            population_cue = p.re_cue_after.match(cand.right[cand.np_end :])
            if population_cue and k and work[k - 1][0] is None and not cands[k - 1].thing:
                # "half of Gaza's population of more than two million has been displaced": the share is
                work[k - 1] = (cue_outcome(population_cue.group("cue"), p), "outcome.population_share")
        if cand.thing:
            work.append((None, None))
            continue
        wide_left = cand.left
        for thing in reversed(cands[:k]):  # the words before the numbers that count things
            if not thing.thing:
                break
            wide_left = f"{thing.left}{thing.number.surface}{wide_left}"
        outcome, rule = _own_outcome(cand, p, wide_left=wide_left)
        window = f"{cand.left[-80:]} {cand.right[:80]}"
        if outcome == "displaced" and (
                cand.np_group in ("soldiers", "militants")
                or (cand.np_group == "foreigners" and p.re_departure.search(window))):
            # foreign nationals evacuated from a war zone are not its displaced, nor troops crossing a border
            outcome, rule = None, None
        if outcome == "released" and p.re_rescue.search(window) and not p.re_captive_word.search(window):
            outcome, rule = None, None  # "rescued 30 people from the rubble": survivors, not freed captives
        if outcome is None:
            dash = p.re_dash_apposition.search(cand.left[-60:])
            if dash and RE_DASH_AFTER.match(cand.right):  # "the Israeli hostages - 253 - held by Hamas"
                noun = dash.group("noun").lower()
                outcome = p.status_nouns.get(noun) or p.outcome_nouns.get(noun)
                rule = "outcome.dash_apposition"
            elif dash and cand.np_group is not None:  # "the victims - 11 men, four women and a child - were"
                noun = dash.group("noun").lower()
                outcome = p.status_nouns.get(noun) or p.outcome_nouns.get(noun)
                rule = "outcome.dash_list" if outcome else None
        work.append((outcome, rule))
    return work


def _verb_after_apposition(cand: Candidate, p: Patterns) -> bool:
    """Whether the verb after a subset "of them" follows a comma, so is its total's.

    ("Six, three of them British, died")
    """
    after = p.re_cue_after.match(cand.right[cand.np_end :])
    return bool(after and "," in after.string[: after.start("cue")])


def _compared(cand: Candidate, prev: Candidate, p: Patterns) -> bool:
    """Whether ``cand`` is compared with the number before it, of the same unit ("from 560 to 761")."""
    if cand.number.unit != prev.number.unit:
        return False
    left = p.re_qualifier_before.sub("", cand.left)
    if p.re_change_to.match(left):
        return bool(p.re_change_from.search(p.re_qualifier_before.sub("", prev.left)))
    return bool(p.re_comparison_before.search(left[-40:]))


def _how(rule: str | None) -> str | None:
    """The kind of binding a rule is, as the linking rules below read it."""
    if rule in _NOUN_RULES:
        return "noun"
    return {"outcome.status_noun": "status", "outcome.cue_after": "after", "outcome.population_share": "after",
            "outcome.from_subsets": "after", "outcome.active_verb_before": "before",
            "outcome.nominal_cue_before": "nominal", "outcome.toll_verb_before": "nominal", "outcome.parent": "parent",
            "outcome.shared_list": "list", "outcome.dash_list": "list",
            "outcome.partitive_opening": "nominal"}.get(rule or "", "shared")


def linked_outcomes(cands: list[Candidate], own: list[Decision], p: Patterns) -> list[Decision]:
    """Outcomes shared between a figure and its parent, subsets, coordinated and appositive numbers.

    ``cands`` carry their in-sentence parents already (the parent stage runs first).
    """
    work = {id(c): list(d) for c, d in zip(cands, own, strict=True)}
    parent_of = {id(c): c.values.get("parent") if c.rules.get("parent") == "parent.subset_in_sentence" else None
                 for c in cands}
    live = [c for c in cands if not c.thing]

    def how(c: Candidate) -> str | None:
        return _how(work[id(c)][1]) if work[id(c)][0] is not None or work[id(c)][1] else None

    order = {id(c): k for k, c in enumerate(cands)}
    for cand in live:
        parent = parent_of[id(cand)]
        if (parent is not None and order[id(parent)] > order[id(cand)]
                and parent.np_outcome_rule == "outcome.status_noun"
                and work[id(parent)][1] == "outcome.cue_after"):
            # "Five of the 17 hostages were freed": the verb is the five's; the 17 stay what their noun says
            if work[id(cand)][0] is None:
                work[id(cand)] = [work[id(parent)][0], "outcome.cue_after"]
            work[id(parent)] = [parent.np_outcome, "outcome.status_noun"]
    for cand in live:
        parent = parent_of[id(cand)]
        aside = RE_SUBSET_PREDICATE.match(cand.right) if parent is not None and cand.subset_cue else None
        verb = p.re_cue_after.match(cand.right[aside.end() :]) if aside else None
        if (verb and work[id(parent)][0] is None
                and not p.re_gap_bad.search(cand.right[aside.end() : aside.end() + verb.start("cue")])):
            # "Forty people, of whom 12 were children, died": the verb after the aside is the total's
            work[id(parent)] = [cue_outcome(verb.group("cue"), p), "outcome.from_subsets"]
    last_kid: dict[int, Candidate] = {}
    for cand in live:
        parent = parent_of[id(cand)]
        if parent is not None and work[id(cand)][0] is not None and how(cand) == "after" and (
                not cand.of_relative or _verb_after_apposition(cand, p)):
            last_kid[id(parent)] = cand
    for cand in live:
        if work[id(cand)][0] is None and id(cand) in last_kid:
            work[id(cand)] = [work[id(last_kid[id(cand)])][0], "outcome.from_subsets"]
    for k, cand in enumerate(live):
        prev = live[k - 1] if k else None
        outcome = work[id(cand)][0]
        parent = parent_of[id(cand)]
        # (also a subset whose only cue is its total's own noun: "freed 24 hostages, including 13 Israelis")
        if parent is not None and (outcome is None or how(cand) == "status"
                                   or (how(cand) == "nominal" and outcome == parent.np_outcome)):
            parent_outcome = work[id(parent)][0]
            if parent_outcome and (outcome is None or how(parent) != "status"):
                work[id(cand)] = [parent_outcome, "outcome.parent"]
            continue
        # coordinated objects of one verb: "release 50 hostages ... and some 150 Palestinians"
        if (prev is not None and work[id(prev)][0] is not None and how(prev) == "before"
                and parent_of[id(prev)] is None
                and RE_AND_END.search(p.re_qualifier_before.sub("", cand.left[-80:]))
                and not p.re_active_before.search(cand.left[-80:])
                and (outcome is None or how(cand) == "status"
                     or (work[id(prev)][0] == "released" and outcome in ("detained", "hostage")))):
            work[id(cand)] = [work[id(prev)][0], "outcome.shared_coordination"]
            continue
        # the next member of a list after a cue that comes first: "the dead include 2,100 children and 1,300 women"
        if (outcome is None and prev is not None and work[id(prev)][0] is not None
                and how(prev) in ("before", "nominal", "list") and cand.np_group is not None
                and parent_of[id(cand)] in (None, parent_of[id(prev)]) and list_gap_continues(cand, p)):
            work[id(cand)] = [work[id(prev)][0], "outcome.shared_list"]
            continue
        if outcome:
            continue
        nxt = live[k + 1] if k + 1 < len(live) else None
        gap = cand.right[cand.np_end :]
        if nxt is not None and work[id(nxt)][0] and how(nxt) == "after" and parent_of[id(nxt)] is not cand and (
            p.re_coordination.match(gap) or p.re_apposition.match(gap)
        ):
            work[id(cand)] = [work[id(nxt)][0], "outcome.shared_next"]
            continue
        if (prev is not None and work[id(prev)][0] and p.re_apposition.match(cand.left)
                and cand.number.unit == "percent"):
            work[id(cand)] = [work[id(prev)][0], "outcome.shared_apposition"]
            continue
        if prev is not None and work[id(prev)][0] and _compared(cand, prev, p):
            work[id(cand)] = [work[id(prev)][0], "outcome.shared_comparison"]
            continue
        if prev is not None and work[id(prev)][0] and gapped_after(cand, prev, p):
            work[id(cand)] = [work[id(prev)][0], "outcome.shared_gapping"]
            continue
        if (prev is not None and work[id(prev)][0] and cand.number.unit == prev.number.unit
                and p.re_total_raised_to.search(cand.left)):
            # "Five soldiers were killed ..., bringing the total since the ground invasion to 350"
            work[id(cand)] = [work[id(prev)][0], "outcome.shared_comparison"]
            continue
        if (prev is not None and work[id(prev)][0] and how(prev) == "nominal" and cand.number.unit == prev.number.unit
                and _toll_verb_ends(cand.left, p) and not p.re_cue.search(cand.left) and not RE_WHO.search(cand.left)
                and not p.re_toll_gap_bad.search(p.re_qualifier_before.sub("", cand.left))):
            # "The death toll, which had stood at 48 on Monday, rose to 71": the toll's next value
            work[id(cand)] = [work[id(prev)][0], "outcome.shared_comparison"]
    # a list read from its end: "124,752 men, 17,139 children and 15,278 women had been killed"
    for k in range(len(live) - 2, -1, -1):
        cand, nxt = live[k], live[k + 1]
        if (work[id(cand)][0] is None and work[id(nxt)][1] == "outcome.shared_next"
                and parent_of[id(cand)] is None and p.re_coordination.match(cand.right[cand.np_end :])):
            work[id(cand)] = [work[id(nxt)][0], "outcome.shared_next"]
    return [tuple(work[id(c)]) for c in cands]  # type: ignore[misc]


def sentence_start_outcome(cand: Candidate, decision: Decision) -> Decision:
    """A subset of the previous sentence's figure ("Of those, 20 ...") with no cue takes its outcome."""
    from_previous = cand.rules.get("parent") == "parent.previous_sentence"
    if decision[0] is None and from_previous and not cand.partitive_of_previous:
        return cand.values["parent"].get("outcome"), "outcome.parent_previous_sentence"
    return decision


def gapped_after(cand: Candidate, prev: Candidate, p: Patterns) -> bool:
    """Whether ``cand`` repeats the frame of the number before it with the verb left out.

    ("71 were linked to the army and 36 to armed groups", "50 died in custody, three others in ...")
    """
    if cand.thing or cand.np_outcome or cand.number.unit != prev.number.unit:
        return False
    word = p.re_gapping_word.match(cand.right, cand.np_end)
    if word is None or not p.re_gapping_open.match(p.re_qualifier_before.sub("", cand.left)):
        return False
    return re.search(rf"\b{re.escape(word.group('w'))}\b", cand.left, re.IGNORECASE) is not None


def list_gap_continues(cand: Candidate, p: Patterns) -> bool:
    """Between two members of one subset list ("including 20 children, 10 women"): no cue between."""
    return bool(RE_LIST_GAP.match(p.re_qualifier_before.sub("", cand.left)) and not p.re_cue.search(cand.left))
