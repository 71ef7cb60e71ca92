"""Scope stage: running total, one incident, a stated period, or unknown.

The scope cues of the figure's own clause decide, strongest class first: "since ..." (cumulative) >
a stated window ("over the past week": period) > "so far"/"to date" (cumulative) > a present perfect
("have been killed": cumulative) > a single event ("strike", "ambush", "the October 7 attack":
incident) > a toll ("the death toll": cumulative) > a day ("on Tuesday": period) > plural events
("strikes") > war words ("the war", "the offensive") > a present state ("still": cumulative); a stated
window in the clause ("this year", "during the truce") frames a present perfect or "so far". An event
that is the agent of the verb ("the strike that killed 30") makes it an incident; a release is an
event; a subset takes its parent's window; a figure joined by "and" to the one before shares its
frame; with no cue in its clause, the nearest cue of the sentence, else a health-ministry source or
a hostage count (cumulative), one event the passage has just told (incident), a past event verb
(incident; a bare count with nothing before it: unknown), else unknown.
"""

from __future__ import annotations

import bisect
import functools
import re

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns
from newskit.numbers import ascii_lower, has_number

# Scope cue classes, strongest first: class -> (scope, rule id).
SCOPE_CLASSES = {
    "since": ("cumulative", "scope.since_date"),
    "window": ("period", "scope.window"),
    "strong": ("cumulative", "scope.running_total"),
    "perfect": ("cumulative", "scope.present_perfect"),
    "incident": ("incident", "scope.event"),
    "length": ("cumulative", "scope.war_length"),
    "toll": ("cumulative", "scope.toll"),
    "period": ("period", "scope.day_or_period"),
    "counted": ("period", "scope.counted_events"),
    "day": ("period", "scope.day_or_period"),
    "incidents": ("cumulative", "scope.events"),
    "weak": ("cumulative", "scope.war_words"),
    "state": ("cumulative", "scope.present_state"),
}
SCOPE_RANK = {name: rank for rank, name in enumerate(SCOPE_CLASSES)}
RULES = {
    "scope.since_date": "\"since ...\" in the figure's clause: a running total",
    "scope.running_total": "\"so far\", \"to date\", \"in total\" in the figure's clause",
    "scope.window": "a stated window in the figure's clause (\"over the past week\")",
    "scope.present_perfect": "a present perfect in the figure's clause (\"have been killed\"): a running total",
    "scope.event": "a single event in the figure's clause (\"strike\", \"ambush\", \"the October 7 attack\")",
    "scope.toll": "a toll in the figure's clause (\"the death toll\"): a running total",
    "scope.day_or_period": "a day or period in the figure's clause (\"on Tuesday\", \"last month\")",
    "scope.counted_events": "events counted in the figure's clause (\"in two blasts\", \"a series of attacks\"): "
                            "the period they span",
    "scope.events": "plural events in the figure's clause (\"strikes\"): incident",
    "scope.war_words": "war words in the figure's clause (\"the war\", \"the offensive\"): a running total",
    "scope.present_state": "\"still\", \"remain\", \"now\" in the figure's clause: a current count, a running total",
    "scope.nearest_in_sentence": "no cue in its clause: the nearest scope cue of the sentence",
    "scope.event_agent": "an event is the agent of the figure's verb (\"the strike that killed 30\")",
    "scope.wounded_at_a_place": "wounded told as patients or as people now in a hospital, no frame: a count where "
                                "they are now",
    "scope.events_agent": "many events are the agent of the figure's verb (\"airstrikes killed a family of six\"): "
                          "incident, unless a window stated before frames them",
    "scope.release_event": "a release is an event, even when the text dates it",
    "scope.fighting_in_window": "only \"in the fighting\" in the figure's clause, after a window stated before it "
                                "(\"over the past four days ... dozens died in the fighting\"): that window",
    "scope.subset_own_clause": "a subset with a relative clause of its own (\"including four medics who were killed "
                               "on Wednesday\"): the frame of that clause, not its parent's",
    "scope.release_total": "a released part of people taken or held, \"so far\" or \"since\" in its clause: a "
                           "running total",
    "scope.release_unframed": "a released part of people taken or held (\"took 242 hostage, four of whom were later "
                              "freed\"), no deal, day or window of its own: not determinable",
    "scope.parent": "a subset with no frame of its own takes its parent's scope",
    "scope.default_running_total": "no cue: a health-ministry count, a hostage count or a tally word (cumulative)",
    "scope.default_past_event": "no cue: a past event verb in the sentence (\"died\", \"were wounded\"): incident",
    "scope.default_unknown": "no cue at all",
    "scope.single_day_event": "a named day, no plural events in the sentence (\"killed on Monday in a blast\")",
    "scope.same_period": "\"during the same period\" after a \"since ...\": the same running total",
    "scope.report_window": "no frame of its own, a sentence that cites a report back (\"according to the report\", "
                           "\"it said\"): the window the report was given before",
    "scope.period_toll": "a toll of a day or period (\"its largest single-day toll\", \"the daily toll\")",
    "scope.event_toll": "a toll of one event the sentence names (\"the toll from the earthquake rose to\")",
    "scope.taking_hostages": "people taken hostage (\"took 240 hostage\", \"abducted five\"): the act of taking, one "
                             "incident",
    "scope.passage_window": "no frame of its own, a window stated just before its sentence (\"in April\"): that period",
    "scope.perfect_in_event": "a present perfect, then one event named after the number (\"have killed 40 in an "
                              "attack on a village\", \"70 people, mostly women, have been killed in an airstrike\")",
    "scope.attackers_perfect": "the attackers of one attack are the agent of a present perfect (\"five villagers have "
                                "been killed by gunmen\", \"gunmen have killed 14\"), no other frame: that attack",
    "scope.displaced_at_a_place": "displaced people named by an adjective (\"12,000 displaced civilians\"), no frame: "
                                  "a count where they are now",
    "scope.more_same_frame": "\"..., with thousands more missing\": the frame of the figure before",
    "scope.event_perfect": "one event is the subject of a present perfect (\"the flood has killed 90\", \"the attack "
                           "that has killed 300\", \"a landslide in Kerala has killed nine\"): that event's toll, in "
                           "any tense",
    "scope.event_after_number": "war words, then one event named after the number in its clause (\"killed 1,200 and "
                                "seized 240 in the October 7 attack\")",
    "scope.since_clause_event": "the number is in the clause \"since\" opens (\"since gunmen killed 40 in a raid\"): "
                                "that event",
    "scope.passage_event": "no cue, a passage that has just told of one event (\"Later it put the dead in the "
                           "hundreds\"): that event",
    "scope.bare_count": "a bare count (\"Witnesses said 12 people were killed.\"), nothing before it tells of an "
                        "event: unknown",
    "scope.coordinated": "a weak frame, joined by \"and\" to the figure before (\"were killed and a further 640 "
                         "injured\"): its frame",
    "scope.hostages_held": "hostages told as held, remaining or in captivity (\"the 200 people held in Gaza\"), even "
                           "beside the event that took them: a current count",
    "scope.share_of_the_dead": "no frame, a part of the dead (\"330 of the dead were children\", \"15,000 of those "
                                "killed\"), no event told before: a part of a running total",
    "scope.war_length": "a war told by its length in the figure's clause (\"in 11 days of air strikes\", \"after 50 "
                        "days of fighting\"): a running total",
    "scope.perfect_on_a_day": "a present perfect with a named day after the number and no comma between (\"three "
                               "have been killed in strikes on Sunday\"): that day",
    "scope.events_untallied": "plural events with no window (\"died in the air strikes\"), no tally word and not "
                              "given by a body that keeps tallies: not determinable",
    "scope.reported_perfect": "no cue, a past perfect after a report verb (\"officials said 9,000 had been "
                              "killed\"), nothing before it tells of an event: a reported running total",
    "scope.perfect_in_window": "a present perfect or \"so far\" with a stated window in the figure's clause (\"120 "
                               "have been killed this year\", \"during the truce\"): that period",
    "scope.perfect_participle": "a participle after a present perfect or an ongoing campaign (\"has shelled the "
                                "towns, killing 300\", \"as warplanes pound Gaza, killing 1,500\"), no event, day or "
                                "window between them: a running total",
}
PERFECT_REACH = 25  # characters before a hostage figure where a perfect ("have abducted") is its verb
TAKEN_REACH = 40  # characters either side of a hostage figure where "took", "abducted" say an act of taking
RE_APART = re.compile(r",|\b(?:most|mostly|following|after|before)\b", re.I)  # an event told apart from the count
RE_DEFINITE_BEFORE = re.compile(
    r"\b(?:the|those|these)\s+(?:(?!(?:from|in|of|on|at|by|for|with|to|and|or)\b)[\w'’-]+\s+){0,3}$")
RE_POSSESSIVE_END = re.compile(r"['’]s$")
RE_ACTOR_COMPOUND = re.compile(r"-(?:led|backed|run|allied)$")
# words that make "the Israeli air strikes", "the Russian attacks" a campaign, not one named set of events
CAMPAIGN_MODIFIERS = frozenset({"air", "aerial", "military", "ongoing", "continuing", "continued", "relentless",
                                "heavy", "intense", "retaliatory", "coalition", "government", "army", "enemy",
                                "repeated", "daily", "nightly", "artillery", "rocket", "missile", "drone"})
RE_CAUSE_BEFORE = re.compile(
    r"\b(?:after|following|followed|triggered\s+by|sparked\s+by|in\s+response\s+to|in\s+retaliation\s+for)\s+"
    r"(?:[\w'’.-]+\s+){0,5}$", re.I)
RE_RESPONSE = re.compile(r"\b(?:in\s+response\s+to|in\s+retaliation\s+for|to\s+avenge)\b", re.I)
# "who had sought refuge at the school from the fighting", "rather than finding safety from a feared ground invasion":
# a war word as the danger people fled, which frames no count of the dead or wounded
RE_FLED_FROM = re.compile(
    r"\b(?:fled|flee|flees|fleeing|escape|escaped|escaping|refuge|shelter|sheltering|safety|protection)\b"
    r"(?:\s+(?!(?:and|but|when|while|killing|killed|where)\b)[\w'’-]+){0,5}?\s+(?:from\s+)?(?:(?:the|a|an)\s+)?"
    r"(?:[\w'’-]+\s+)?$", re.I)
# a subset's own relative clause ("including four medics who were killed on Wednesday"), its verb an outcome's
RE_OWN_RELATIVE = re.compile(
    r"(?:\s+(?!(?:who|that|which|but)\b|\d)[\w'’.-]+){0,8}?,?\s+(?P<rel>(?:who|that)\s+"
    r"(?:(?:were|was|had|have|has|been|also|later|reportedly)\s+){0,3}(?:killed|died|wounded|injured|hurt|slain|shot|"
    r"abducted|kidnapped|detained|arrested|displaced|perished)\b)", re.I)
RE_SUBSET_BEFORE = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?:(?:at\s+least|about|around|some|more\s+than|nearly|"
    r"almost)\s+)?$", re.I)
RE_HELD_AFTER = re.compile(r"[^,;.]{0,60}?\b(?:held|holding|remain|remaining|still|in\s+captivity)\b", re.I)
RE_PART_OF = re.compile(r"\b(?:most|mostly|many|majority|some) of (?:them|those|whom)\b|\bmostly\b", re.I)
RE_CLAUSE_BREAK = re.compile(
    r"\s[—–-]\s|;|:|\(|\)|\bwhen\b|\bwhile\b|\bbut\b|,\s*(?=\S+\s+of\s+whom)"
    r"|,\s*(?=(?:taking|bringing|raising|pushing)\s+the\b)"  # "..., bringing the toll to 24": a sum of its own
    r"|,\s*(?:adding|saying|noting)\s+that\b"  # "X died Thursday, he said, adding that 650 patients are ..."
)

Cue = tuple[int, int, str]
STATE_WORDS = frozenset({"remain", "remains", "remaining", "still", "currently", "now"})


def scope_cues(sentence: str, p: Patterns) -> tuple[list[Cue], list[Cue]]:
    """Scope cues of ``sentence`` as ``(start, end, class)``: masked and unmasked.

    In the masked list "since ..." swallows the event it names ("since the October 7 attack" is a
    running total, not the attack); the unmasked list keeps every cue, for figures outside the
    clause the "since" belongs to.
    """
    sentence = ascii_lower(sentence)
    since = [(m.start(), m.end(), "since") for m in p.re_since.finditer(sentence)]
    others = [
        (m.start(), m.end(), name)
        for pattern, name in ((p.re_scope_strong, "strong"), (p.re_scope_period, "period"), (p.re_scope_day, "day"),
                              (p.re_scope_perfect, "perfect"), (p.re_scope_window, "window"),
                              (p.re_scope_toll, "toll"), (p.re_scope_incident, "incident"),
                              (p.re_scope_incidents, "incidents"), (p.re_scope_weak, "weak"),
                              (p.re_scope_length, "length"))
        for m in pattern.finditer(sentence)
    ]
    # the war list's words of a present state ("still", "remain") tell a current count, not a war
    others = [(s, e, "state") if name == "weak" and sentence[s:e] in STATE_WORDS else (s, e, name)
              for s, e, name in others]
    plural_starts = {c[0] for c in others if c[2] == "incidents"}
    # "two car bomb explosions": a singular event word that modifies a plural one is no single event
    others = [c for c in others if not _not_a_frame(sentence, c, p)
              and not (c[2] == "incident" and c[1] + 1 in plural_starts and sentence[c[1]] == " ")]
    # "the pager explosions", "the attacks by Hamas": plural events the text has named, one incident;
    # "a misfired rocket": one; "two blasts", "a series of attacks": a set of events, the period they span
    others = [(s, e, _events_class(sentence, s, e, p)) if name == "incidents" else (s, e, name)
              for s, e, name in others]
    # "in airstrikes and shelling", "either during clashes or under shelling": one kind of event joined to many
    # events is many events too, not one
    many = [c for c in others if c[2] in ("incidents", "counted")]
    others = [c for c in others if not (c[2] == "incident" and any(
        RE_JOINED_EVENTS.fullmatch(sentence, m[1], c[0]) or RE_JOINED_EVENTS.fullmatch(sentence, c[1], m[0])
        for m in many))]
    masked = since + [c for c in others if not any(s <= c[0] < e for s, e, _ in since)]
    since_words = [(s, s + len("since"), name) for s, _, name in since]
    return masked, since_words + others


RE_JOINED_EVENTS = re.compile(
    r"\s*,?\s+(?:and|or|as\s+well\s+as)\s+(?:(?:in|under|during|by|from)\s+)?(?:(?:the|heavy|intense|artillery|"
    r"aerial|air|naval|ground|tank|mortar|rocket)\s+)*")
RE_TO_BEFORE = re.compile(r"\bto\s+$")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
RE_DATED_BEFORE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}|\d{{1,2}}/\d{{1,2}})\s+(?:[\w'’-]+\s+)?$", re.I)
RE_ONE_BEFORE = re.compile(r"\b(?:a|an|one|single)\s+(?:[\w-]+\s+)?$")
# "two car bomb explosions", "a series of attacks"; not a count of people before them ("300 villagers in clashes")
# nor a date ("the 9/11 attacks")
RE_ONE_OF_BEFORE = re.compile(r"\bone\s+of\s+(?:the|those|these|its|their)\s+(?:[\w'’-]+\s+){0,2}$")
RE_COUNTED_BEFORE = re.compile(
    r"(?:\b(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple)|(?<![\d/.,])\d+(?![/\d])"
    r"|\b(?:a\s+)?(?:series|wave|string|spate|barrage|volley|salvo)\s+of)\s+"
    r"(?:(?!(?:in|of|on|at|by|from|during|after|with|and|were|was|died|killed)\b)[\w-]+\s+){0,2}$")
RE_PERFECT_END = re.compile(r"\b(?:has|have|had)\s+$", re.I)
RE_OWN_PAST = re.compile(r"^[^,;]{0,40}?\b(?:were|was)\b", re.I)
RE_CHANGE_AFTER = re.compile(r"\s+(?:increase|decrease|rise|drop|decline|reduction)\b")
RE_LOST_EVENT = re.compile(r"\bin\s{2,}on\b", re.I)  # "in" then the gap of a lost link, then "on Tuesday"
RE_RATE_CUE = re.compile(r"(?:a|per|each|every)\s+day|daily")
RE_SAME_PERIOD = re.compile(r"\b(?:during|in|over)\s+the\s+same\s+(?:period|time)\b", re.I)
RE_SHELTER_AFTER = re.compile(
    r"^[^,.;]{0,60}?\b(?:(?:sought|seeking|took|taking|found)\s+(?:shelter|refuge)|(?:are|were|is)\s+(?:now\s+)?sheltering)\b",
    re.I)
RE_THAT_ONLY = re.compile(r"\s+(?:(?:that|which)\s+)?")
# "a landslide in Kerala has", "the earthquake in Turkey and Syria has", "the bombing of the mosque by militants that
# has": a place or agent between an event and its verb
RE_EVENT_MODIFIER = re.compile(
    r"(?:\s+(?:in|at|on|near|off|of|by|outside|along)(?:\s+(?!(?:that|which|who|but|has|have|had)\b)"
    r"[\w'’.-]+){1,6})+\s+(?:(?:that|which)\s+)?", re.I)
# the attackers of one attack: "killed by unknown gunmen", "gunmen have killed" (not forces, armies or militias, which
# wage campaigns)
_ATTACKERS = r"(?:gunmen|gunman|assailants|assailant|attackers|attacker|suicide\s+bombers?|bombers?|shooters?)"
RE_BY_ATTACKERS = re.compile(rf"\bby\s+(?:(?:an?|the|unknown|unidentified|suspected|armed|masked)\s+)*{_ATTACKERS}\b")
RE_ATTACKERS_HAVE = re.compile(rf"\b{_ATTACKERS}\s+(?:(?:have|has)\s+)(?:(?:now|also|reportedly)\s+)?[a-z]+\b")
# event words that may name a campaign when a place follows ("the operation in Gaza", "Russia's attack on Ukraine")
CAMPAIGN_EVENTS = frozenset({"attack", "attacked", "operation", "shelling", "incursion", "battle", "clash", "protest",
                             "infiltration", "rampage", "stormed", "struck", "bombed", "massacre"})
RE_PATIENTS = re.compile(r"\bpatients\b", re.I)
RE_NOW_IN_HOSPITAL = re.compile(r"^[^,;.]{0,60}?\b(?:are|is)\b[^,;.]{0,40}?\bhospitals?\b", re.I)
RE_YEAR_CUE = re.compile(r"in\s+(?:19|20)\d\d")


def _events_class(sentence: str, start: int, end: int, p: Patterns) -> str:
    """The class of a word of the plural events list: one named event, one event, a counted set, or many events."""
    before = sentence[max(0, start - 40) : start]
    if (_definite(sentence, start, p) or RE_DATED_BEFORE.search(before)
            or (not sentence[start:end].endswith("s") and RE_ONE_BEFORE.search(before))):
        return "incident"  # "the pager explosions", "the 7 October attacks", "a misfired rocket"
    if RE_ONE_OF_BEFORE.search(before):
        return "incident"  # "in one of the Israeli strikes": one of them
    if p.re_scope_event_site.match(sentence, end):
        return "incident"  # "strikes on a school": one attack on one site
    if RE_COUNTED_BEFORE.search(before):
        return "counted"
    return "incidents"


def _definite(sentence: str, start: int, p: Patterns) -> bool:
    """Is the plural event word at ``start`` definite and uncounted ("the pager explosions", "those attacks")?

    Not "the two blasts", nor a campaign told by its actor's nationality and its kind ("the Israeli air
    strikes", "the Russian attacks") or by its actor ("the coalition's airstrikes", "the Saudi-led strikes").
    """
    m = RE_DEFINITE_BEFORE.search(sentence, max(0, start - 40), start)
    if m is None or has_number(m.group()):
        return False
    words = m.group().split()[1:]
    # an actor told by a possessive or "-led" ("the coalition's airstrikes", "the Saudi-led strikes") tells a campaign
    if any(RE_POSSESSIVE_END.search(word) or RE_ACTOR_COMPOUND.search(word) for word in words):
        return False
    modifiers = [RE_POSSESSIVE_END.sub("", word) for word in words]
    return not modifiers or not all(
        word in CAMPAIGN_MODIFIERS or (p.re_demonym is not None and p.re_demonym.fullmatch(word.capitalize()))
        for word in modifiers)


def _not_a_frame(sentence: str, cue: Cue, p: Patterns) -> bool:
    """A cue that is no frame of a figure.

    A day that dates the statement ("said on Friday"); an infinitive ("said to have killed"); the
    noun "remains" ("the remains of nine men"); "an overall increase"; a year that dates a war ("the
    conflict in 2014, when 2,200 were killed": the war's total, not a window of it).
    """
    start, end, name = cue
    before = sentence[max(0, start - 30) : start]
    if name == "day":
        return bool(p.re_said_before.search(before))
    if name == "perfect":
        return bool(RE_TO_BEFORE.search(before))
    if name == "state":
        return sentence.startswith("remains of", start)
    if name == "strong":
        return bool(RE_CHANGE_AFTER.match(sentence, end))  # "an overall increase in deaths" compares, counts nothing
    if name == "period" and RE_YEAR_CUE.fullmatch(sentence, start, end):
        return bool(p.re_scope_weak.search(sentence, max(0, start - 60), start)) and "," not in sentence[
            max(0, start - 60) : start]
    return False


def _nearest(cues: list[Cue], start: int, end: int, *, by_class: bool = False) -> str | None:
    """The class of the nearest cue (of the strongest class first when ``by_class``)."""
    best, best_rank = None, None
    for s, e, name in cues:
        distance = s - end if s >= end else (start - e if e <= start else 0)
        rank = (SCOPE_RANK[name], distance) if by_class else (distance, SCOPE_RANK[name])
        if best_rank is None or rank < best_rank:
            best, best_rank = name, rank
    return best


@functools.lru_cache(maxsize=64)
def _clause_breaks(sentence: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the clause breaks of ``sentence``, found once per sentence."""
    found = [(m.start(), m.end()) for m in RE_CLAUSE_BREAK.finditer(ascii_lower(sentence))]
    return tuple(a for a, _ in found), tuple(b for _, b in found)


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the clause of ``sentence`` that holds ``[start, end)``."""
    starts, ends = _clause_breaks(sentence)
    # the last break ending at or before the number, and the first break after it that starts at or after its end
    k = bisect.bisect_right(ends, start) - 1
    lo = ends[k] if k >= 0 else 0
    j = bisect.bisect_left(starts, end, lo=k + 1)
    hi = starts[j] if j < len(starts) else len(sentence)
    return lo, hi


def _plural_agent(left: str, agent: re.Match, p: Patterns) -> bool:
    """Is the event nearest the verb of ``agent`` (an event-agent match in ``left``) many events?

    "strikes" are; "attack", "the pager explosions", "the 7 October attacks" are not.
    """
    events = [(m.start(), m.end(), "one") for m in p.re_scope_incident.finditer(left, agent.start(), agent.end())]
    events += [(m.start(), m.end(), "many") for m in p.re_scope_incidents.finditer(left, agent.start(), agent.end())]
    if not events:
        return False
    start, end, kind = max(events)
    return kind == "many" and _events_class(left, start, end, p) == "incidents"


def _where_they_are_now(cand: Candidate) -> bool:
    """Is a wounded count told as patients, or as people now in a hospital ("... are streaming into hospitals")?"""
    noun_phrase, after = cand.right[: cand.np_end], cand.right[cand.np_end :]
    return bool(RE_PATIENTS.search(noun_phrase) or RE_NOW_IN_HOSPITAL.match(after))


def _verb_end(cues: list[Cue], end: int, event_start: int) -> int:
    """Where an event after a figure is read from: the end of a present perfect between them, else the figure's end.

    "Seventy people, mostly women, have been killed in an airstrike": what stands between the number and
    its verb (an apposition, a place) does not set the event apart; what follows the verb does ("have been
    killed, most of them in the attack").
    """
    verbs = [e for s, e, name in cues if name == "perfect" and end <= s and e <= event_start]
    return max(verbs, default=end)


def _event_subject(sentence: str, event: Cue, verb_start: int, cues: list[Cue]) -> bool:
    """Is one event the subject of the present perfect at ``verb_start`` ("the flood has killed", "the attack
    that has killed", "a landslide in Kerala has killed")?

    A place or agent may stand between a bounded event and its verb, not between a campaign-like one ("the
    operation in Gaza has killed": a campaign told as an action) nor with another event or war word.
    """
    if RE_THAT_ONLY.fullmatch(sentence, event[1], verb_start):
        return True
    if ascii_lower(sentence[event[0] : event[1]]) in CAMPAIGN_EVENTS:
        return False
    return bool(RE_EVENT_MODIFIER.fullmatch(sentence, event[1], verb_start)) and not any(
        event[1] <= s < verb_start and name not in ("day", "period") for s, _, name in cues)


def _attackers_agent(sentence: str, lo: int, hi: int, start: int, end: int, own: list[Cue]) -> bool:
    """Are the attackers of one attack the agent of the figure's present perfect ("five villagers have been killed
    by gunmen", "gunmen have killed 14 worshippers")? Not with a war word, plural events or a frame in the clause.
    """
    if any(c[2] != "perfect" for c in own):
        return False
    lowered = ascii_lower(sentence)
    return bool(RE_BY_ATTACKERS.search(lowered, end, hi) or RE_ATTACKERS_HAVE.search(lowered, lo, start))


def _inside_since(masked: list[Cue], start: int, sentence: str) -> bool:
    """Is the number at ``start`` inside a clause that "since" opens ("since gunmen killed 1,400", not "has since")?"""
    return any(name == "since" and s < start < e and not RE_PERFECT_END.search(sentence, max(0, s - 8), s)
               for s, e, name in masked)


# "has risen to 30,000 this week": a toll that grew within the window, still a running total
RE_TOLL_PERFECT = re.compile(r"\b(?:risen|climbed|reached|surpassed|exceeded|passed|topped)\b")
RE_SO_FAR = re.compile(r"so far|to date|thus far|until now|up to now")
# "until last week", "as of this month": the end of a running total, no window
RE_TOTAL_END_BEFORE = re.compile(r"\b(?:until|till|up\s+to|by|as\s+of|through|before|since)\s+$")
# "in a week", "in two days", "in 147 shelters": a length, which may be the whole war's ("the offensive has killed
# 1,900 in a week"), or a number that is no time; "in 2023" is a window
RE_COUNTED_SPAN = re.compile(
    r"(?:in|within|during|throughout|over)\s+(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,]*)"
    r"(?:(?:\s+single)?\s+(?:hours?|days?|weeks?|months?|years?))?")
# a clause opened by its window: nothing before it but punctuation, "so far", "and", "but"
RE_CLAUSE_OPENING = re.compile(r"[\W_]*(?:(?:so\s+far|thus\s+far|to\s+date|and|but|yet)\b[\W_]*)*")


def window_of_perfect(sentence: str, clause_start: int, clause: list[Cue], p: Patterns) -> bool:
    """Does a stated window frame the present perfect or "so far" of a figure's clause?

    "120 journalists have been killed this year", "so far this month 40 have died", "during the truce":
    FIGURES.md's period ("this week", "last month"), whatever the tense (eval/README.md: a window not tied
    to the war's start is a period "even when the text adds so far"). The window opens the clause or
    follows the verb; not one inside the subject ("the attack last weekend has killed"), a rate ("every
    day"), a length, which may be the war's own ("in 11 days of war", "the offensive has killed 1,900 in a
    week"; "in 2023" is a window), a window that dates the statement ("said this week that"), the end of a
    total ("until last week"), nor a toll that has risen within it ("has risen to 30,000 this week").
    ``clause``: the cues of the figure's clause, which starts at ``clause_start``.
    """
    lowered = ascii_lower(sentence)
    totals = [c for c in clause if c[2] in ("perfect", "strong")]
    if not totals or any(
        (c[2] == "strong" and not RE_SO_FAR.fullmatch(lowered, c[0], c[1]))
        or (c[2] == "perfect" and RE_TOLL_PERFECT.search(lowered, c[0], c[1])) for c in totals
    ):
        return False
    verb = min(c[0] for c in totals)
    for s, e, name in clause:
        if name != "period" or RE_RATE_CUE.fullmatch(lowered, s, e) or any(
                c[2] == "length" and c[0] <= s < c[1] for c in clause):
            continue
        if RE_COUNTED_SPAN.fullmatch(lowered, s, e) and not RE_YEAR_CUE.fullmatch(lowered, s, e):
            continue
        before = lowered[max(0, s - 30) : s]
        if p.re_said_before.search(before) or RE_TOTAL_END_BEFORE.search(before):
            continue
        if RE_CLAUSE_OPENING.fullmatch(lowered, clause_start, s) or s > verb:
            return True
    return False


def own_scope(
    cand: Candidate, sentence: str, sentence_start: int, cues: tuple[list[Cue], list[Cue]],
    segment: tuple[int, int], p: Patterns, *, has_parent: bool, outcome: str | None,
) -> tuple[str | None, str | None]:
    """The scope the figure's own words give (None: a subset that inherits its parent's)."""
    masked, unmasked = cues
    start, end = cand.start - sentence_start, cand.end - sentence_start
    lo, hi = clause_bounds(sentence, start, end)
    seg_lo, seg_hi = segment
    # "1,400 are dead, most of them killed in the attack": the event frames a part, not the count
    # "killed each day in the onslaught after a Hamas attack": an event told as the cause of the frame
    # between it and the number frames nothing
    def frames_whole(c) -> bool:
        if c[0] >= end and c[2] != "since" and RE_RESPONSE.search(sentence, end, c[0]):
            return False  # "pound Gaza, killing 1,500, in response to last weekend's attack": the cause, no frame
        if c[2] == "weak" and outcome != "displaced" and RE_FLED_FROM.search(sentence, max(0, c[0] - 60), c[0]):
            return False  # "killing 30 among hundreds who had sought refuge from the fighting": what they fled
        return not (c[2] == "incident" and c[0] >= end and (
            RE_PART_OF.search(sentence, _verb_end(unmasked, end, c[0]), c[0])
            or (RE_CAUSE_BEFORE.search(sentence, end, c[0]) and any(end <= o[0] < c[0] for o in unmasked))))

    masked, unmasked = ([c for c in found if frames_whole(c)] for found in (masked, unmasked))
    own = [c for c in masked if c[0] >= max(lo, seg_lo) and c[1] <= min(hi, seg_hi)]
    in_clause = [c for c in masked if c[0] >= lo and c[1] <= hi]
    name = _nearest(own, start, end, by_class=True)
    if name is None:
        name = _nearest(in_clause, start, end, by_class=True)
    rule = SCOPE_CLASSES[name][1] if name else None
    if name == "since" and p.re_active_before.search(cand.left[-60:]) and _inside_since(masked, start, sentence):
        # "Since gunmen killed 1,400 people in a raid, ...": the clause after "since" tells the event
        return "incident", "scope.since_clause_event"
    subset = has_parent or RE_SUBSET_BEFORE.search(cand.left[-40:])
    relative = RE_OWN_RELATIVE.match(sentence, end) if subset else None
    if relative is not None:  # "including four medics who were killed on Wednesday": the subset's own frame
        inside = [c for c in masked if relative.start("rel") <= c[0] < hi]
        framed = _nearest(inside, start, end, by_class=True)
        if framed == "day" and not any(c[2] in ("incidents", "counted", "window", "period") for c in inside):
            return "incident", "scope.subset_own_clause"
        if framed in ("since", "window", "strong", "incident", "day", "period", "counted"):
            return SCOPE_CLASSES[framed][0], "scope.subset_own_clause"
    if has_parent and name not in ("since", "strong", "incident"):
        return None, None  # inherits the parent's later: a stated window belongs to the whole count
    if name is None:
        name = _nearest(unmasked, start, end)
        rule = "scope.nearest_in_sentence" if name else None
    scope = SCOPE_CLASSES[name][0] if name else None
    if name == "perfect" and any(c[2] == "day" and c[0] >= end and "," not in sentence[end:c[0]] for c in own):
        scope, rule = "period", "scope.perfect_on_a_day"  # "three people have been killed in strikes on Sunday"
    if name in ("perfect", "strong") and window_of_perfect(sentence, lo, own or in_clause, p):
        scope, rule = "period", "scope.perfect_in_window"  # "120 journalists have been killed this year"
    if name == "perfect" and any(
        c[2] == "incident" and c[0] >= end and not RE_APART.search(sentence, _verb_end(own, end, c[0]), c[0])
        for c in own
    ):
        scope, rule = "incident", "scope.perfect_in_event"  # "have killed 40 people in an attack on a village"
    if name == "perfect" and any(
        e[2] == "incident" and _event_subject(sentence, e, c[0], unmasked)
        for c in own if c[2] == "perfect" and c[1] <= start for e in unmasked):
        scope, rule = "incident", "scope.event_perfect"  # "the flood has killed 90": one event's toll in any tense
    if name == "perfect" and rule == "scope.present_perfect" and _attackers_agent(sentence, lo, hi, start, end, own):
        scope, rule = "incident", "scope.attackers_perfect"  # "five villagers have been killed by gunmen"
    if name == "weak" and any(
        c[2] == "incident" and c[0] >= end and not RE_APART.search(sentence, end, c[0])
        for c in masked if lo <= c[0] < hi
    ):
        scope, rule = "incident", "scope.event_after_number"  # "killed 1,200 and seized 240 in the Oct. 7 attack"
    strong = any(c[2] in ("strong", "perfect") for c in own)
    left = ascii_lower(cand.left[-140:])
    agent = p.re_event_agent.search(left)
    # "strikes killed 18 people in Rafah on Saturday", "airstrikes overnight, leaving thousands homeless": many
    # events on a day or in a window named after them are that period
    agent_at = start - len(left) + agent.start() if agent is not None else start
    plural_agent = agent is not None and _plural_agent(left, agent, p)
    plural_in_window = plural_agent and any(c[2] in ("day", "period", "window") and c[0] >= agent_at for c in own)
    if not strong and agent and not plural_in_window and not any(c[2] == "period" and c[0] >= end for c in own):
        scope, rule = "incident", "scope.events_agent" if plural_agent else "scope.event_agent"
    # "were killed in   on Tuesday": the event's name was a link the text lost, so the day's total stays a period
    if name == "day" and not any(c[2] in ("incidents", "counted", "window", "period") for c in unmasked) and not (
            RE_LOST_EVENT.search(sentence)):
        scope, rule = "incident", "scope.single_day_event"
    if name == "toll" and any(c[2] in ("day", "period") and 0 <= t[0] - c[1] <= 2 for c in own for t in own
                              if t[2] == "toll"):
        scope, rule = "period", "scope.period_toll"  # "its largest single-day toll", "the daily toll"
    elif name == "toll" and any(c[2] == "incident" for c in unmasked) and not any(
        c[2] in ("since", "strong", "weak", "window", "period", "incidents", "counted") for c in unmasked
    ):
        scope, rule = "incident", "scope.event_toll"
    taken_near = outcome == "hostage" and p.re_place_taken.search(
        sentence, max(0, start - TAKEN_REACH), end + TAKEN_REACH
    )
    # a perfect counts when it is the taking's own verb: after the number, just before it, or shared
    # ("1,400 have been killed and 240 taken hostage"), not one of an earlier clause ("... and 239 were taken")
    own_past = RE_OWN_PAST.search(sentence[end:])
    if taken_near and not any(
        c[2] in ("since", "strong", "window", "period") for c in own
    ) and not any(c[2] == "strong" for c in masked if lo <= c[0] < hi) and not any(
        c[2] == "perfect" and (c[0] >= end or start - c[1] <= PERFECT_REACH or not own_past) for c in unmasked
    ):
        scope, rule = "incident", "scope.taking_hostages"
    held = RE_HELD_AFTER.match(sentence, end) if outcome == "hostage" and scope == "incident" else None
    if held and not p.re_place_taken.search(sentence, end, held.end()):
        scope, rule = "cumulative", "scope.hostages_held"  # "the 200 people held captive in Gaza since the attack"
    if (cand.np_outcome_rule == "outcome.adjective" and outcome == "displaced"
            and not any(c[2] in ("since", "strong", "perfect", "window", "period", "day", "toll") for c in own)):
        scope, rule = "unknown", "scope.displaced_at_a_place"  # "12,000 displaced civilians" sheltering somewhere
    elif outcome == "displaced" and RE_SHELTER_AFTER.match(cand.right[cand.np_end :]) and not any(
            c[2] in ("since", "strong", "perfect", "window", "period", "day", "toll") and c[0] >= end for c in own):
        # "where a million Palestinians sought shelter": at the site they fled to; a cue before them is another clause's
        scope, rule = "unknown", "scope.displaced_at_a_place"
    if outcome == "injured" and _where_they_are_now(cand) and not any(
            c[2] in ("since", "strong", "perfect", "window", "period", "day", "toll") for c in own):
        scope, rule = "unknown", "scope.wounded_at_a_place"  # "650 wounded patients are in the hospital"
    if outcome == "released" and scope in ("period", "cumulative") and not any(
        c[2] in ("since", "strong") for c in own
    ):
        scope, rule = "incident", "scope.release_event"
    return scope, rule


RE_RELEASE_FRAME = re.compile(r"\b(?:deal|exchange|swap|truce|cease-?fire|agreement|pause|trade|handover)\b", re.I)


RE_IN_FIGHTING = re.compile(r"\b(?:in|during|amid)\s+(?:the\s+)?(?:(?:fierce|heavy|renewed|latest|ensuing)\s+)?$")


def fighting_in_window(
    cand: Candidate, sentence: str, sentence_start: int | None, before: str, p: Patterns, *, sentence_cues: list[Cue],
) -> bool:
    """Is the figure framed only by "in the fighting" after a window stated before it, in its sentence or just
    before ("over the past four days ... dozens have also died in the fighting")?

    "The fighting" is a spell of the war, the one the text has just told: within that window it is the
    window's. Not with any other frame in the clause (a war, "since", an event, a day), nor when an event,
    "since", "so far" or a war word closes the window before the figure ("in May the army launched an
    offensive": the fighting of the offensive). ``sentence_cues``: the unmasked cues of :func:`scope_cues`.
    """
    if sentence_start is None:
        return False
    lo, hi = clause_bounds(sentence, cand.start - sentence_start, cand.end - sentence_start)
    lowered = ascii_lower(sentence)
    cues = [c for c in sentence_cues if lo <= c[0] < hi]
    fighting = [c for c in cues if c[2] == "weak"]  # every war word of the clause must be "fighting"
    if not fighting or any(c[2] not in ("perfect", "weak") for c in cues) or any(
            lowered[c[0] : c[1]] != "fighting" for c in fighting):
        return False
    if not all(RE_IN_FIGHTING.search(lowered, max(0, c[0] - 40), c[0]) for c in fighting):
        return False
    closers = ("since", "strong", "incident", "day", "weak", "length")  # "in May the army launched an offensive"
    return passage_window(sentence[:lo], p, closers) or (bool(before) and passage_window(before, p, closers)
                                                           and not event_told(sentence[:lo], p))


def release_scope(cand: Candidate, sentence: str, sentence_start: int | None, p: Patterns) -> tuple[str, str]:
    """The scope of a released part of people taken or held: the frame of its own release, not of the taking.

    "so far", "since": a running total; a deal, an exchange, an event, a day or a window: the release, one
    event (as ``scope.release_event``); nothing ("took 242 hostage, four of whom were later freed"): unknown.
    """
    if sentence_start is None:
        clause = sentence
    else:  # from the number to the end of its clause
        start, end = cand.start - sentence_start, cand.end - sentence_start
        clause = sentence[start : clause_bounds(sentence, start, end)[1]]
    cues = {c[2] for c in scope_cues(clause, p)[1]}
    if cues & {"since", "strong"}:
        return "cumulative", "scope.release_total"
    if RE_RELEASE_FRAME.search(clause) or cues & {"window", "period", "day", "incident"}:
        return "incident", "scope.release_event"
    return "unknown", "scope.release_unframed"


def default_scope(sentence: str, p: Patterns, *, source_type: str, outcome: str | None) -> tuple[str, str]:
    """No scope cue anywhere: a health-ministry or hostage count is a running total; else unknown."""
    tally = any(not ascii_lower(sentence).startswith("remains of", m.start())  # "the remains of": bodies
                for m in p.re_cumulative_default.finditer(sentence))
    if source_type == "health_ministry" or outcome == "hostage" or tally:
        return "cumulative", "scope.default_running_total"
    if p.re_past_event.search(sentence):
        return "incident", "scope.default_past_event"
    return "unknown", "scope.default_unknown"


# Bodies that keep tallies of a war: many events with no window are their running total (eval/README.md, "A count
# with no frame")
TALLYING_SOURCE_TYPES = ("health_ministry", "palestinian_officials", "israeli_government", "israeli_military", "un",
                         "ngo")

# Rules weak enough that the frame of a figure joined by "and" beats them ("were killed and 45 wounded").
COORDINATION_OVERRIDES = ("scope.events", "scope.events_untallied", "scope.war_words", "scope.nearest_in_sentence",
                          "scope.toll", "scope.default_past_event", "scope.default_unknown",
                          "scope.default_running_total", "scope.bare_count")
RE_COORDINATED = re.compile(
    r"^(?![^;:()—–]*\b(?:while|but|whereas|who|which|after|before|when)\b)[^;:()—–\d]{0,50}?\band\s+"
    r"(?:[a-z-]+\s+){0,3}$", re.I)
RE_BARE_LEFT = re.compile(
    r"^\W*(?:(?:[\w'’.-]+\s+){0,8}?(?:said|says|reported|told\s+\w+)\s+(?:that\s+)?)?"
    r"(?:(?:at\s+least|about|around|some|nearly|almost|more\s+than|over|up\s+to|approximately|roughly)\s+)?$", re.I)
# a noun phrase (with an aside: "Five soldiers, most of them medics,"), a passive outcome verb or "died", then
# nothing that frames it: no agent, place, time or event ("by", "in", "when", "on"), a reporter or "according to"
# aside, "mostly women", "and 26 were wounded" allowed
RE_BARE_NOUN_PHRASE = re.compile(
    r"(?:\s+(?!(?:were|was|and|who|that|had|has|have)\b)[\w'’-]+){0,6}(?:,[^,;:]{1,40},)?", re.I)
RE_BARE_VERB = re.compile(
    r"\s+(?P<passive>(?:were|was)\s+(?:(?:also|reportedly|reported|later)\s+)*)?(?P<verb>[a-z]+)\b", re.I)
RE_WORD = re.compile(r"[\w'’-]+")
BARE_OUTCOMES = ("killed", "injured")  # outcomes whose verb alone tells an isolated count ("12 were hurt")
# "330 of the dead", "half of those wounded": a part of the dead or wounded so far, with no event of its own
RE_OF_THE_DEAD = re.compile(
    r"\s+of\s+(?:the|those)\s+(?:(?:people|persons|civilians)\s+)?(?:dead|killed|slain|victims|deaths|fatalities|wounded|injured)\b",
    re.I)
RE_AND_END = re.compile(r"\band\s+$", re.I)
RE_BARE_REPORT_TAIL = re.compile(r",\s*(?:according\s+to\b.*|(?:[\w'’.-]+\s+){1,6}(?:said|says|reported)\b.*)$",
                                 re.I | re.S)
RE_BARE_FRAME = re.compile(
    r"\b(?:by|in|at|inside|near|on|during|when|after|before|there|as|from|since|across|outside|into|along|amid|"
    r"under|over|to|this|last|today|yesterday|tonight|following)\b", re.I)

# "Officials said 9,000 civilians had been killed": a past perfect after a report verb reports a present perfect
# ("have been killed"), a running total, when its own verb follows the number and no event was told before.
RE_HAD_RIGHT = re.compile(
    r"^(?:\s+[\w'’,-]+){0,6}?\s+had\s+(?:(?:now|already|so\s+far|reportedly|also)\s+)?(?:been\s+)?"
    r"(?:killed|died|wounded|injured|hurt|detained|arrested|displaced|abducted|kidnapped|evacuated|fled|slain|"
    r"lost\s+their\s+lives)\b", re.I)
# "Russia has pounded the cities with missiles, killing 9,000", "strikes have crushed buildings and killed 2,200": a
# participle or a second verb that tells what a present perfect (of any verb but a report verb) has done, a running
# total; not when one event is named between them
RE_PARTICIPLE_LEFT = re.compile(
    r"(?:,\s*(?:killing|leaving|wounding|injuring|displacing|forcing)"
    r"|(?:\band|,)\s+(?:killed|wounded|injured|displaced|left))"
    r"\s+(?:(?:at\s+least|more\s+than|over|nearly|"
    r"almost|about|around|some|an\s+estimated|up\s+to|tens\s+of|hundreds\s+of)\s+)?$", re.I)
RE_MAIN_PERFECT = re.compile(
    r"(?<!could )(?<!would )(?<!should )(?<!might )(?<!must )(?<!may )\b(?:has|have)\s+"
    r"(?!(?:said|told|reported|confirmed|announced|estimated|warned|vowed|denied|claimed|insisted|acknowledged|"
    r"called|urged|to|not)\b)(?:(?:now|already|also|since|repeatedly|been)\s+)*[a-z]+\b", re.I)
# "as warplanes pound Gaza, killing 1,500", "jets are pounding the city, killing": a campaign going on, told in the
# present, whose participle tells what it has done so far
RE_ONGOING_CAMPAIGN = re.compile(
    r"\b(?:as\s+(?:[\w'’-]+\s+){1,4}?(?:pound|bombard|shell|batter|hammer|bomb|besiege|pummel)s?"
    r"|(?:is|are)\s+(?:still\s+)?(?:pounding|bombarding|shelling|battering|hammering|bombing|besieging|pummeling))\b",
    re.I)
RE_THAT_CLAUSE = re.compile(r"\b(?:that|reports?|claims?)\b", re.I)
PARTICIPLE_OVERRIDES = ("scope.event_agent", "scope.events_agent", "scope.default_past_event",
                        "scope.nearest_in_sentence", "scope.events", "scope.events_untallied")

# A sentence that cites a report back continues the window the report was given further back.
RE_REPORT_BACK = re.compile(
    r"\b(?:according to (?:the|this|that) (?:report|document|tally|count)"
    r"|the (?:report|document) (?:said|says|added|found)"
    r"|(?:it|they) (?:also )?(?:said|says|added|included|include)|the victims (?:also )?(?:included|include))\b", re.I)
REPORT_LOOK_BACK = 2000  # characters

# Rules weak enough that a window stated just before the sentence beats them.
PASSAGE_OVERRIDES = ("scope.events", "scope.events_untallied", "scope.toll", "scope.events_agent",
                     "scope.nearest_in_sentence", "scope.default_past_event", "scope.default_unknown")


def passage_window(before: str, p: Patterns, closers: tuple[str, ...] = ("since", "strong", "incident", "day")) -> bool:
    """Does the text just before a sentence state a window that nothing after it closes?

    A report that opens "324 civilians were killed in April" goes on counting within April: a later
    figure with no frame of its own belongs to the same window. A later event, "since ..." or "so far"
    closes it (``closers``: the cue classes that do).
    """
    lowered = ascii_lower(before)
    # a rate ("1,000 deaths every day") tells how often, and opens no window
    cues = [c for c in sorted(scope_cues(before, p)[1]) if not RE_RATE_CUE.fullmatch(lowered, c[0], c[1])]
    last = max((k for k, c in enumerate(cues) if c[2] in ("window", "period")), default=None)
    return last is not None and not any(c[2] in closers for c in cues[last + 1 :])


def passage_event(before: str, p: Patterns) -> bool:
    """Has the text just before a sentence told of one event, and of no war, "since" or many events?"""
    earlier = scope_cues(before, p)[1]
    return any(c[2] == "incident" for c in earlier) and not any(c[2] in ("since", "weak", "incidents") for c in earlier)


def event_told(before: str, p: Patterns) -> bool:
    """Does the text just before a sentence tell of any event (an event word, a day, a past event verb)?"""
    return bool(p.re_past_event.search(before)) or any(
        c[2] in ("incident", "incidents", "day") for c in scope_cues(before, p)[1])


def bare_count(cand: Candidate, p: Patterns, sentence_right: str | None = None) -> bool:
    """Is the figure a count with no frame at all ("Witnesses said 12 people were killed.")?

    Nothing before the number but a reporter and a qualifier, a few words of noun phrase, a passive
    outcome verb or "died", then nothing that tells an agent, a place, a time or an event (a reporter,
    "mostly women and children", "and 26 were wounded" may follow). ``sentence_right``: its sentence after
    the number (None: the text up to the next number).
    """
    if not RE_BARE_LEFT.match(cand.left):
        return False
    right = cand.right if sentence_right is None else sentence_right
    for verb in RE_BARE_VERB.finditer(right):
        if not RE_BARE_NOUN_PHRASE.fullmatch(right, 0, verb.start()):
            continue
        words = list(RE_WORD.finditer(right, verb.start("verb")))[:3]
        # a passive outcome ("were killed", "were hurt"), or an outcome verb alone ("died", "passed away")
        for k in range(len(words), 0, -1):
            cue = " ".join(ascii_lower(w.group()) for w in words[:k])
            if p.outcome_cues.get(cue) in BARE_OUTCOMES and (verb.group("passive") or cue not in p.active_outcome):
                rest = right[words[k - 1].end():]
                return ";" not in rest and ":" not in rest and not RE_BARE_FRAME.search(
                    RE_BARE_REPORT_TAIL.sub("", rest))
    return False


def reported_perfect(cand: Candidate, p: Patterns) -> bool:
    """Is the figure's own verb a past perfect after a report verb ("Officials said 9,000 had been killed")?"""
    return bool(RE_HAD_RIGHT.match(cand.right) and p.re_said.search(ascii_lower(cand.left[-150:])))


def perfect_participle(cand: Candidate, left: str, p: Patterns) -> bool:
    """Is the figure the object of a participle after a present perfect ("has shelled towns, killing 300") or an
    ongoing campaign told in the present ("as warplanes pound Gaza, killing 1,500")?

    ``left``: its sentence up to the number. Not when one event, one site, a day, a window or a reported
    clause comes between the perfect and the number ("has launched a strike on the city, killing 12", "have
    shelled a hospital, killing five", "has received reports that ...").
    """
    if not RE_PARTICIPLE_LEFT.search(left):
        return False
    perfects = list(RE_MAIN_PERFECT.finditer(left)) + list(RE_ONGOING_CAMPAIGN.finditer(left))
    perfects.sort(key=lambda m: m.end())
    if not perfects:
        return False
    between = ascii_lower(left[perfects[-1].end():])
    if RE_THAT_CLAUSE.search(between) or p.re_scope_one_site.search(between):
        return False  # "has received reports that tanks shelled a house, killing 30"; "have shelled a hospital"
    cues = scope_cues(between, p)[1]
    return not any(c[2] in ("incident", "day", "period", "window", "counted") for c in cues)


def _total_in_clause(cand: Candidate, sentence: str, sentence_start: int | None, p: Patterns) -> bool:
    """Does the figure's clause (its sentence, when its offset is unknown) hold a running-total or war cue?"""
    lo, hi = (0, len(sentence)) if sentence_start is None else clause_bounds(
        sentence, cand.start - sentence_start, cand.end - sentence_start)
    return any(c[2] in ("since", "strong", "perfect", "toll", "weak", "state", "length")
               for c in scope_cues(sentence[lo:hi], p)[1])


def decide_scope(
    cand: Candidate, own: tuple[str | None, str | None], sentence: str, p: Patterns,
    *, parent: Candidate | None, previous: Candidate | None, before: str = "", report_before: str = "",
    sentence_cues: list[Cue] | None = None, sentence_start: int | None = None,
) -> tuple[str, str]:
    """The scope of a figure: its own, else its parent's, else the default; "N more" keeps the frame before.

    ``before``: the text just before its sentence; a toll with no frame of its own in a passage that
    has just told of one event is that event's toll. ``report_before``: a longer stretch before a
    sentence that cites a report back ("according to the report", "it said"), for the report's window
    (empty when it cites none). ``sentence_cues``: the unmasked cues of
    :func:`scope_cues` for the sentence, when the caller has them. ``sentence_start``: the offset of the
    sentence in the text (None: only the text since the number before is read as its left).
    """
    scope, rule = own
    source_type, outcome = cand.get("source_type"), cand.get("outcome")
    if sentence_cues is None:
        sentence_cues = scope_cues(sentence, p)[1]
    sentence_left = sentence[: cand.start - sentence_start] if sentence_start is not None else cand.left
    sentence_right = sentence[cand.end - sentence_start :] if sentence_start is not None else None
    if rule == "scope.toll" and source_type != "health_ministry" and before:
        if not any(c[2] in ("since", "strong", "weak", "window", "period", "incidents", "counted")
                   for c in sentence_cues):
            if passage_event(before, p):
                scope, rule = "incident", "scope.event_toll"
    # "12 people are still missing", "so far we have counted 14 bodies" after a passage about one attack:
    # the count of that one event, which may still rise
    if (rule in ("scope.present_state", "scope.running_total") and source_type != "health_ministry"
            and outcome != "hostage" and before and passage_event(before, p)):
        if not any(c[2] in ("since", "weak", "window", "period", "incidents", "counted") for c in sentence_cues):
            scope, rule = "incident", "scope.passage_event"
    if (rule == "scope.events" and source_type not in TALLYING_SOURCE_TYPES
            and not p.re_cumulative_default.search(sentence)
            and not _total_in_clause(cand, sentence, sentence_start, p)):
        # "Medical sources said nine people died in the Israeli air strikes": many events, no window, no tally
        scope, rule = "unknown", "scope.events_untallied"
    if rule in ("scope.day_or_period", "scope.perfect_in_window") and before and RE_SAME_PERIOD.search(sentence):
        frames = [c[2] for c in sorted(scope_cues(before, p)[0]) if c[2] in ("since", "window", "period", "day")]
        if frames and frames[-1] == "since":
            scope, rule = "cumulative", "scope.same_period"  # "since mid-June ... during the same period"
    if scope is None and parent is not None and parent.get("scope") is not None:
        scope, rule = parent.get("scope"), "scope.parent"
        if outcome == "released" and parent.get("outcome") != "released":  # "took 242 hostage, four of whom were freed"
            scope, rule = release_scope(cand, sentence, sentence_start, p)
    if scope is None:
        scope, rule = default_scope(sentence, p, source_type=source_type, outcome=outcome)
        tally_only = rule == "scope.default_running_total" and source_type != "health_ministry" and outcome != "hostage"
        if (rule == "scope.default_unknown" or tally_only) and before and passage_event(before, p):
            scope, rule = "incident", "scope.passage_event"  # "Later it put the number of dead in the hundreds"
        elif (rule == "scope.default_past_event" and bare_count(cand, p, sentence_right)
              and not event_told(before, p)):
            scope, rule = "unknown", "scope.bare_count"  # "Witnesses said at least a dozen people were killed."
        elif rule == "scope.default_past_event" and reported_perfect(cand, p) and not event_told(before, p):
            scope, rule = "cumulative", "scope.reported_perfect"  # "Officials said 9,000 had been killed."
    if (rule in ("scope.default_past_event", "scope.default_unknown", "scope.bare_count") and sentence_right
            and RE_OF_THE_DEAD.match(sentence_right) and not event_told(before, p)
            and not any(c[2] in ("incident", "day") for c in (sentence_cues or []))):
        scope, rule = "cumulative", "scope.share_of_the_dead"  # "330 of the dead were children"
    if rule in PARTICIPLE_OVERRIDES and perfect_participle(cand, sentence_left, p):
        scope, rule = "cumulative", "scope.perfect_participle"  # "has shelled the towns for months, killing 300"
    if (rule == "scope.default_past_event" and previous is not None
            and previous.rules.get("scope") == "scope.bare_count" and previous.end + len(cand.left) == cand.start
            and RE_AND_END.search(cand.left) and "," not in cand.left):
        scope, rule = "unknown", "scope.bare_count"  # "Eleven were killed and 26 were wounded, witnesses said."
    # a taking joined to a figure of a stated window is within it, as a taking with a window of its own is
    joined_taking = rule == "scope.taking_hostages" and previous is not None and previous.get("scope") == "period"
    if ((rule in COORDINATION_OVERRIDES or joined_taking) and previous is not None
            and previous.end + len(cand.left) == cand.start
            and RE_COORDINATED.match(cand.left) and previous.rules.get("scope") not in COORDINATION_OVERRIDES):
        scope, rule = previous.get("scope"), "scope.coordinated"  # "killed 16 people and injured 25"
    if rule in ("scope.war_words", "scope.present_perfect") and fighting_in_window(
            cand, sentence, sentence_start, before, p, sentence_cues=sentence_cues):
        scope, rule = "period", "scope.fighting_in_window"  # "over the past week ... dozens died in the fighting"
    tally_only = rule == "scope.default_running_total" and source_type != "health_ministry" and outcome != "hostage"
    if (rule in PASSAGE_OVERRIDES or tally_only) and before and passage_window(before, p):
        scope, rule = "period", "scope.passage_window"
    elif (rule in PASSAGE_OVERRIDES or tally_only) and report_before and passage_window(report_before, p):
        scope, rule = "period", "scope.report_window"  # "324 civilians were killed in April ... They also included 54"
    if previous is not None and p.re_more_after.match(cand.right) and scope in ("unknown", "incident"):
        scope, rule = previous.get("scope"), "scope.more_same_frame"
    return scope, rule  # type: ignore[return-value]
