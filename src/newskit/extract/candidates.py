"""Candidates: every number of a sentence with what the words around it say (no decision yet).

A :class:`Candidate` holds the number, its offsets, the text between it and its neighbouring
numbers, and the *reading* of its noun phrase ("3,542 children": head group `children`; "20,000
deaths": the outcome noun `killed`; "3,000 rockets": a thing). Stages decide fields from these
readings; each decided field is stored once, with the id of the rule that decided it
(:meth:`Candidate.decide`), and never changed by another stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newskit.extract.patterns import Patterns
from newskit.numbers import NumberExpr, find_numbers

RE_VERBISH = re.compile(r"^[a-z]+(?:ed|en|ing|ly)$")
# a word ends with a letter or digit: "wounded.’" is the word "wounded", then its punctuation
RE_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*(?<![.\-'’])|\d[\d,.]*|[()]|[^\w\s]")
# a title ("Mr", "Dr") or an initialism ("U.S", "U.N") whose period follows
RE_TITLE = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,3}|(?:[A-Z]\.)+[A-Z])$")
RE_NEXT_WORDS = re.compile(r"(?:\s+[^\W\d_][\w'’-]*){0,2}")
RE_AGE_APPOSITION_BEFORE = re.compile(r"[^\W\d_][\w'’]*(?:\s*,|\s+\()\s*$")
RE_AGE_APPOSITION_AFTER = re.compile(r"\s*[,)]")
RE_SENTENCE_END = re.compile(r"\s*[.!?]?[\"”’)]*\s*$")
# "30 detainees to one hostage": the "one" of an exchange ratio
RE_TO_ONE = re.compile(r"^\s+[^\W\d_][\w'’-]*\s+to\s+$")
RE_OF_GROUP = re.compile(r"\s+(?:the\s+(?:total\s+)?number\s+)?of\s+(?:the\s+)?([^\W\d_]+)")
# "half the territory's 2.3 million people", "60% of Sudan's 48 million": after a share, a possessed
# number is a population
RE_SHARE_OF_POSSESSED = re.compile(r"^\s*(?:of\s+)?(?:the\s+)?[^\W\d_][\w-]*['’]s?\s+$")
# "Saeed Al-Taweel, one of three journalists killed": "one" names the person before it, it counts no one
RE_NAME_COMMA_BEFORE = re.compile(r"(?<![\w'’.-])[A-Z][\w'’.-]*\s*,\s*$")
RE_OF_AFTER = re.compile(r"\s+of\s+(?!whom|them|which|these|those)\b")
RE_TRAILING_COORDINATOR = re.compile(r"\s+(?:and|or)\s*$")
RE_IN_DENOMINATOR = re.compile(r"^\s+in\s+$")
RE_OF_RELATIVE = re.compile(r"\s+(?:whom|them|those|these|which)\b")
_DETERMINERS_AFTER_OF = ("the", "its", "their", "his", "her", "our", "those", "these", "all")
_POSSESSIVES = frozenset({"their", "his", "her", "our", "my"})

RULES = {
    "candidate.thing": "the noun after the number names a thing, not people (\"3,000 rockets\"): no figure",
    "candidate.population": "\"a population of N\", \"for every N\", \"half the territory's N people\": the number "
                            "counts no casualties",
    "candidate.rate": "a rate or ratio, not a count (\"an average of six died\", \"15 people die every day\", \"the "
                      "ratio ... is 2 to 1\", \"for every soldier killed, ten civilians\"): no figure",
    "candidate.not_people": "a measure, a unit's name, an age in apposition, \"a loved one\", \"Name, one of\" or a "
                            "date range: no figure",
}


@dataclass
class Candidate:
    """One number of a sentence while its sentence is read (internal to the extractor)."""

    number: NumberExpr
    start: int
    end: int
    sentence_index: int
    left: str
    right: str
    # up to 300 characters before the sentence, for its first number (a toll an anaphor names: "It now stands at")
    previous_sentence: str = ""
    # readings of the words around the number
    np_end: int = 0
    np_group: str | None = None
    np_outcome: str | None = None  # outcome named by the noun phrase itself
    np_outcome_rule: str | None = None
    thing: bool = False
    thing_rule: str | None = None
    of_relative: bool = False
    subset_cue: bool = False
    partitive_of_previous: bool = False  # "Three of those killed" linked to the sentence before: no outcome from it
    # decisions: field -> value, field -> rule id; flags for a reviewer
    values: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    def decide(self, name: str, value: Any, rule: str | None) -> None:
        """Record a field's value and the rule that decided it; a field is decided once."""
        if name in self.values:
            raise AssertionError(f"field {name!r} decided twice ({self.rules.get(name)}, then {rule})")
        self.values[name] = value
        if rule is not None and value is not None:
            self.rules[name] = rule

    def get(self, name: str) -> Any:
        return self.values.get(name)


def _people_noun_follows(right: str, at: int, p: Patterns) -> bool:
    """Whether a people or outcome noun is one of the next two words of ``right`` from ``at``."""
    for word in RE_NEXT_WORDS.match(right, at).group().split()[:2]:
        low = word.lower().replace("’", "'")
        if low in p.people_groups or (low in p.outcome_nouns and low not in p.headless_adjectives):
            return True  # "government troops", "lifeless bodies"; not "55 families killed"
        if low in p.function_words:
            return False
    return False


def read_noun_phrase(cand: Candidate, p: Patterns) -> None:
    """Head noun, group, outcome noun and thing-ness of the words right after the number."""
    right = cand.right
    cases = p.re_cases_of.match(right)
    if cases:  # "327 cases of arbitrary detention": one case per person
        cand.np_outcome, cand.np_outcome_rule = p.outcome_cues[cases.group("w").lower()], "outcome.cases_of"
        cand.np_end = cases.end()
        return
    qualifier = p.re_qualifier_after.match(right)  # "40 or so people", "12,000-plus people", "500+ dead"
    pos = qualifier.end() if qualifier else 0
    adjective_groups: list[str] = []
    head_group: str | None = None
    generic = False
    steps = 0
    after_of = False
    kin = False  # "of his", "of Mr. Maymon's": someone's people, whom the vocabulary may not name
    after_and = False
    for match in RE_TOKEN.finditer(right, pos):
        if match.start() - pos > 3 and steps:
            break
        token = match.group()
        low = token.lower().replace("’", "'")
        steps += 1
        if steps > 9:
            break
        if low == "of" and head_group is None and not after_of:
            nxt = right[match.end() : match.end() + 12].lower()
            if RE_OF_RELATIVE.match(nxt):
                cand.of_relative = True
                pos = match.end()
                break
            after_of = True
            pos = match.end()
            continue
        if after_of and not p.re_qualifier_before.sub("", right[match.start() :]).strip():
            break  # "100 of some 1,100": only the next number's qualifier is left
        if steps == 1 and cand.number.unit == "percent" and low in _DETERMINERS_AFTER_OF:
            after_of = True  # "half the population", "a third their homes": a share with "of" left out
        if after_of and low in _DETERMINERS_AFTER_OF:
            kin = kin or low in _POSSESSIVES
            pos = match.end()
            continue
        base = low[:-2] if low.endswith("'s") else low
        if "." in base and right.startswith(".", match.end()) and base + "." in p.adjective_groups:
            base = base + "."  # "U.S. citizens": the initialism's last period is the next token
        after_and = after_and or base == "and"
        nxt_word = RE_TOKEN.search(right, match.end())
        nxt_low = nxt_word.group().lower() if nxt_word else ""
        if (base in p.outcome_nouns and after_and and base in p.active_verbs
                and nxt_low not in p.people_groups and nxt_low not in p.adjective_groups):
            break  # "killed 9 and injured 31": the verb of the next number ("sick and injured patients" is no verb)
        if base in p.headless_adjectives and nxt_low in p.not_people_heads:
            cand.thing, cand.thing_rule = True, "candidate.thing"  # "8,000 displaced families"
            break
        if base in p.outcome_nouns and (base not in p.headless_adjectives or (
                nxt_low not in p.people_groups and nxt_low not in p.adjective_groups and not nxt_low[:1].isdigit()
                and not (nxt_word and nxt_word.group()[:1].isupper()))):
            if cand.np_outcome is None:
                cand.np_outcome, cand.np_outcome_rule = p.outcome_nouns[base], "outcome.noun_after_number"
            pos = match.end()
            break
        if base in p.not_people_heads and base not in p.people_groups:
            cand.thing, cand.thing_rule = True, "candidate.thing"  # "55 families killed", "seven Canadian families"
            break
        if head_group is not None and base in p.compound_heads and base not in p.people_groups:
            pos = match.end()  # the second noun of a compound head: "terrorist elements"
            break
        noun_follows = nxt_low in p.people_groups or nxt_low in p.adjective_groups or (
            nxt_low in p.outcome_nouns and nxt_low not in p.headless_adjectives) or (
            base in p.np_modifiers and nxt_word is not None and nxt_word.group()[:1].isupper())  # "elderly Syrian men"
        if noun_follows and base not in p.function_words and (
                (base in p.np_modifiers and base not in p.outcome_nouns)
                or (base.endswith("ed") and base not in p.people_groups and base not in p.outcome_cues
                    and base not in p.active_verbs)):
            pos = match.end()  # a modifier before the people noun: "two other journalists", "seven bloodied bodies"
            continue
        if base in p.people_groups and (nxt_low in p.people_groups or (
                token[:1].isupper() and nxt_word and nxt_word.group()[:1].isupper())):
            # a people word before a people noun ("Nepalese students") or inside a name ("Doctors Without Borders
            # staff") is a modifier
            adjective_groups.append(p.adjective_groups.get(base) or p.people_groups[base])
            pos = match.end()
            continue
        if base in p.people_groups:
            head_group = p.people_groups[base]
            generic = base in p.generic_people
            if base in p.status_nouns and cand.np_outcome is None:
                cand.np_outcome, cand.np_outcome_rule = p.status_nouns[base], "outcome.status_noun"
            if p.status_nouns.get(base) == "hostage" and not base.endswith("s") and (cand.number.value or 0) != 1:
                head_group = None  # "took 240 hostage": a predicate, not who they are
            elif head_group == "hostages":
                nationality = [g for g in adjective_groups if g in ("israelis", "palestinians", "foreigners")]
                head_group = nationality[0] if nationality else head_group  # "four Israeli hostages"
            pos = match.end()
            # a compound head ("aid workers", "health workers") keeps reading one more word
            nxt = RE_TOKEN.match(right, match.end() + 1) if match.end() < len(right) else None
            if nxt and nxt.group().lower() in p.compound_heads:
                continue
            more = p.re_more_heads.match(right, match.end())
            if more:
                pos = more.end()
            break
        if base in p.adjective_groups:
            adjective_groups.append(p.adjective_groups[base])
            pos = match.end()
            continue
        if base in p.np_modifiers or token[:1].isupper() or token == "'s" or low.endswith("'s"):
            kin = kin or (after_of and low.endswith("'s"))
            if base in p.headless_adjectives and cand.np_outcome is None:
                # an outcome used as an adjective: "12,000 displaced civilians", "10 injured people"
                cand.np_outcome, cand.np_outcome_rule = p.outcome_nouns[base], "outcome.adjective"
            pos = match.end()
            continue
        if token == "." and match.start() == pos and RE_TITLE.search(right, max(0, pos - 5), pos):
            pos = match.end()  # the period of a title ("Mr.", "Dr.") inside the noun phrase
            continue
        if base in p.outcome_cues and nxt_low in p.compound_heads:
            pos = match.end()  # a cue word naming a trade: "rescue workers", "release staff"
            continue
        if (RE_VERBISH.match(base) and base not in p.function_words and base not in p.outcome_cues
                and base not in p.active_verbs and _people_noun_follows(right, match.end(), p)):
            pos = match.end()  # an adjective in -ed before a modifier and its people noun: "unarmed teenage boys"
            continue
        if base in p.function_words or base in p.outcome_cues or not base[:1].isalpha() or RE_VERBISH.match(base):
            if RE_VERBISH.match(base) and nxt_low in p.not_people_heads:
                cand.thing, cand.thing_rule = True, "candidate.thing"  # "10,500 housing units"
            break
        if base not in p.not_people_heads and p.re_people_verb_after.match(right, match.end()):
            pos = match.end()  # a noun the vocabulary lacks, whose verb only people suffer: "seven loyalists died"
            break
        if kin or "-" in base[1:] or _people_noun_follows(right, match.end(), p):
            # a compound modifier ("pro-government fighters", "government troops", "lifeless bodies"), or a
            # partitive whose noun the vocabulary lacks ("four of her closest friends"): the cue decides
            pos = match.end()
            continue
        if p.re_cue.match(right, match.start()):
            break  # a cue phrase opening with a word no list names: "22 froze to death"
        if after_and and head_group is None and not adjective_groups:
            break  # a verb of the clause after "and": "killed 12 and took the total to 80"
        cand.thing, cand.thing_rule = True, "candidate.thing"
        break
    trailing = RE_TRAILING_COORDINATOR.search(right, 0, pos)
    cand.np_end = trailing.start() if trailing else pos  # "1,100 and the number of wounded": no "and" at the end
    if head_group is not None and not generic:
        group = head_group
    else:
        roles = [g for g in adjective_groups if g in p.role_groups]
        group = roles[0] if roles else (adjective_groups[0] if adjective_groups else head_group)
    if group is None:
        # "eight bodies of civilians", "1,101 the number of civilians who": the people named after "of"
        of_group = RE_OF_GROUP.match(right, pos)
        if of_group and of_group.group(1).lower() in p.people_groups and (cand.np_outcome or not pos):
            group = p.people_groups[of_group.group(1).lower()]
    cand.np_group = group
    if cand.np_outcome is None:
        m = p.re_headless_outcome.match(cand.right, qualifier.end() if qualifier else 0)
        if m and "," in m.group() and m.group("w").lower() in p.active_verbs and not cand.right[m.end() :].strip():
            m = None  # "killed 3, wounded 12": the verb of the next number
        if m:  # "20,000 dead", "5,400 wounded": an outcome word straight after the number, with no head
            cand.np_outcome, cand.np_outcome_rule = p.outcome_nouns[m.group("w").lower()], "outcome.noun_after_number"


def _not_people(number: NumberExpr, sentence: str, p: Patterns, rate_or_unit: bool) -> bool:
    """A measure, a unit's name, an age in apposition, an idiom or a date range: the number counts no people.

    Such numbers are dropped before the candidates are made, so they split no neighbour's context.
    """
    start, end = number.start, number.end
    before = sentence[max(0, start - 30) : start]
    if p.re_measure_before.search(before[-20:]) or p.re_measure_after.match(sentence, end):
        return True  # "a quake of magnitude 7.5", "the 7.9-magnitude quake"
    if p.re_age_before.search(before) or p.re_age_after.match(sentence, end):
        return True  # an age limit: "children under five", "boys over the age of 12", "615 who were 3 or younger"
    if (rate_or_unit and p.re_unit_after.match(sentence, end)) or p.re_date_range_after.match(sentence, end):
        return True  # "122 Infantry Brigade", "the attacks of 13 and 14 November"
    if number.surface.lower() == "one" and (p.re_idiom_before.search(before[-12:]) or (
            RE_NAME_COMMA_BEFORE.search(before) and RE_OF_AFTER.match(sentence, end))):
        return True  # "a loved one", "Saeed Al-Taweel, one of three journalists killed"
    # an age set off by commas after a person: "one of his sons, 25, was killed", "Ahmed (12)", and after a name at
    # the sentence's end ("a video of hostage Omer Neutra, 22.")
    return bool(number.kind == "number" and number.surface.isdigit() and (number.value or 0) <= 120
                and RE_AGE_APPOSITION_BEFORE.search(before) and (
                    RE_AGE_APPOSITION_AFTER.match(sentence, end)
                    or (RE_NAME_COMMA_BEFORE.search(before) and RE_SENTENCE_END.match(sentence, end))))


def read_sentence(text: str, s: int, e: int, index: int, p: Patterns) -> list[Candidate]:
    """The candidates of ``text[s:e]`` (offsets into ``text``), each with its noun phrase read."""
    sentence = text[s:e]
    numbers = find_numbers(sentence)
    rate_or_unit = bool(numbers) and p.re_rate_or_unit_word.search(sentence) is not None
    numbers = [n for n in numbers if not _not_people(n, sentence, p, rate_or_unit)]
    cands: list[Candidate] = []
    for k, number in enumerate(numbers):
        prev_end = numbers[k - 1].end if k else 0
        next_start = numbers[k + 1].start if k + 1 < len(numbers) else len(sentence)
        cand = Candidate(
            number=number, start=s + number.start, end=s + number.end, sentence_index=index,
            left=sentence[prev_end : number.start], right=sentence[number.end : next_start],
            previous_sentence=text[max(0, s - 300) : s] if not k else "",
        )
        read_noun_phrase(cand, p)
        cand.subset_cue = bool(p.re_subset_before.search(cand.left[-70:]) or p.re_subset_after.match(cand.right)
                               or p.re_among_after.match(cand.right, cand.np_end))
        if (p.re_population_before.search(cand.left[-40:]) or p.re_every_before.search(cand.left[-10:])
                or p.re_each_for_before.search(cand.left[-70:])
                or (cands and cands[-1].number.unit == "percent" and RE_SHARE_OF_POSSESSED.match(cand.left))):
            cand.thing, cand.thing_rule = True, "candidate.population"
        elif (p.re_rate_before.search(cand.left[-25:]) or (rate_or_unit and p.re_rate_after.match(sentence, number.end))
              or p.re_rate_unit_after.match(cand.right, cand.np_end)):
            cand.thing, cand.thing_rule = True, "candidate.rate"
        elif (p.re_ratio_after.match(sentence, number.end + cand.np_end)  # "50 prisoners to one hostage"
              or p.re_ratio_before.search(cand.left[-70:])
              or (cands and RE_IN_DENOMINATOR.match(cand.left))  # "one in five": a share's denominator
              or (cands and number.value == 1 and RE_TO_ONE.match(cand.left))):  # "30 detainees to one hostage"
            cand.thing, cand.thing_rule = True, "candidate.rate"
        elif cands and cands[-1].thing_rule == "candidate.rate" and p.re_list_join.match(cand.left):
            cand.thing, cand.thing_rule = True, "candidate.rate"  # "an average of six died and 20 were hurt"
        cands.append(cand)
    return cands
