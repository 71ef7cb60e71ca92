"""Every pattern and word map of the extractor, compiled once per vocabulary.

:func:`compile_patterns` builds a :class:`Patterns` from a :class:`~newskit.extract.vocabulary.Vocabulary`
and caches it (``functools.lru_cache`` keyed on the vocabulary, which is hashable), so extraction
pays for compilation once per vocabulary, not per text. The regex skeletons below hold only grammar
(white space, punctuation, determiners and pronouns); every cue word comes from the vocabulary.
Patterns named "lowered" are applied to ASCII-lowered text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newskit.extract.phrases import alternation, phrase_pattern
from newskit.extract.vocabulary import Vocabulary, default_vocabulary
from newskit.numbers import MONTHS


def _ordered(phrases: list[str]) -> str:
    """An alternation in the order written (for skeletons whose first match must stay the one of old)."""
    seen: dict[str, None] = dict.fromkeys(phrases)
    return "|".join(phrase_pattern(p) for p in seen)


@dataclass(frozen=True)
class Patterns:
    """Word maps and compiled patterns of one vocabulary (built by :func:`compile_patterns`)."""

    outcome_cues: dict[str, str]
    outcome_cue_phrases: tuple[tuple[re.Pattern, str], ...]  # cues written with the phrase grammar
    status_nouns: dict[str, str]
    outcome_nouns: dict[str, str]
    headless_adjectives: frozenset[str]
    active_outcome: dict[str, str]
    active_with_people: dict[str, str]
    active_with_captives: dict[str, str]
    active_verbs: frozenset[str]  # every verb that binds before a number, whatever its role
    nominal_needs_gap: frozenset[str]
    re_nominal_needs_change: re.Pattern
    re_nominal_company: re.Pattern
    re_toll_change_end: re.Pattern
    re_nominal_far_before: re.Pattern
    re_report_aside: re.Pattern
    re_age_before: re.Pattern
    outcome_verbs: frozenset[str]
    re_toll_anaphor: re.Pattern
    burial_verbs: frozenset[str]
    re_buried_missing_after: re.Pattern
    re_buried_missing_agent: re.Pattern
    re_label_cue: re.Pattern
    re_share_in_brackets: re.Pattern
    re_toll_in_sentence: re.Pattern
    re_age_after: re.Pattern
    re_each_for_before: re.Pattern
    new_clause_participles: frozenset[str]
    people_groups: dict[str, str]
    adjective_groups: dict[str, str]
    generic_people: frozenset[str]
    compound_heads: frozenset[str]
    role_groups: frozenset[str]
    np_modifiers: frozenset[str]
    not_people_heads: frozenset[str]
    function_words: frozenset[str]
    source_words: frozenset[str]
    passive_report_verbs: frozenset[str]
    re_sentence_cue: re.Pattern
    re_more_heads: re.Pattern
    re_cue: re.Pattern
    re_lower_before: re.Pattern
    re_upper_before: re.Pattern
    re_approx_before: re.Pattern
    re_qualifier_before: re.Pattern
    re_lower_after: re.Pattern
    re_upper_after: re.Pattern
    re_approx_after: re.Pattern
    re_qualifier_after: re.Pattern
    re_cue_after: re.Pattern
    re_active_before: re.Pattern
    re_nominal_before: re.Pattern
    re_subset_before: re.Pattern
    re_subset_after: re.Pattern
    re_subset_sentence_start: re.Pattern
    re_since: re.Pattern
    re_scope_strong: re.Pattern
    re_scope_perfect: re.Pattern
    re_scope_window: re.Pattern
    re_scope_toll: re.Pattern
    re_scope_weak: re.Pattern
    re_scope_incident: re.Pattern
    re_event_agent: re.Pattern
    re_scope_incidents: re.Pattern
    re_scope_event_site: re.Pattern
    re_scope_one_site: re.Pattern
    re_scope_length: re.Pattern
    re_scope_period: re.Pattern
    re_scope_day: re.Pattern
    re_cumulative_default: re.Pattern
    re_past_event: re.Pattern
    re_according: re.Pattern
    re_said: re.Pattern
    re_said_before: re.Pattern
    re_next_attaches: re.Pattern
    re_auxiliary_end: re.Pattern
    re_participle_report: re.Pattern
    re_not_report_object: re.Pattern
    re_journalist: re.Pattern
    re_home_war: re.Pattern
    home_war_types: frozenset[str]
    home_war_places: frozenset[str]
    re_not_reported_by_health_ministry: re.Pattern
    re_possessive_tally: re.Pattern
    addressee_verbs: frozenset[str]
    auxiliary_report_verbs: frozenset[str]
    re_source_after_verb: re.Pattern
    re_sentence_tail: re.Pattern
    re_source_trim: re.Pattern
    re_source_lead: re.Pattern
    re_not_a_source: re.Pattern
    re_pronoun_source: re.Pattern
    re_generic_organisation: re.Pattern
    re_generic_ministry: re.Pattern
    re_place_typed_source: re.Pattern
    types_by_place: dict[str, str]
    re_health_ministry_mention: re.Pattern
    re_sources_word: re.Pattern
    source_types: tuple[tuple[str, re.Pattern], ...]
    re_object_follows: re.Pattern
    re_population_before: re.Pattern
    re_every_before: re.Pattern
    re_rate_before: re.Pattern
    re_rate_after: re.Pattern
    re_rate_unit_after: re.Pattern
    re_rate_or_unit_word: re.Pattern
    re_measure_before: re.Pattern
    re_measure_after: re.Pattern
    re_unit_after: re.Pattern
    re_idiom_before: re.Pattern
    re_ratio_after: re.Pattern
    re_ratio_before: re.Pattern
    re_departure: re.Pattern
    re_partitive_opening: re.Pattern
    re_rescue: re.Pattern
    re_captive_word: re.Pattern
    re_forecast: re.Pattern
    re_date_range_after: re.Pattern
    re_dash_apposition: re.Pattern
    re_people_verb_after: re.Pattern
    re_cases_of: re.Pattern
    re_headless_outcome: re.Pattern
    re_captives_after: re.Pattern
    re_captive_noun: re.Pattern
    re_adjective_toll: re.Pattern
    re_predicate_group: re.Pattern
    re_another_before: re.Pattern
    re_coordination: re.Pattern
    re_list_join: re.Pattern
    re_apposition: re.Pattern
    re_gap_bad: re.Pattern
    re_nominal_gap_bad: re.Pattern
    re_toll_gap_bad: re.Pattern
    re_severity_after: re.Pattern
    re_more_after: re.Pattern
    re_dash_list_open: re.Pattern
    re_dash_list_after_verb: re.Pattern
    re_partitive_after: re.Pattern
    re_among_after: re.Pattern
    re_partitive_of_next: re.Pattern
    re_copula_end: re.Pattern
    re_gapping_word: re.Pattern
    re_gapping_open: re.Pattern
    re_comparison_before: re.Pattern
    re_change_from: re.Pattern
    re_change_to: re.Pattern
    re_total_raised_to: re.Pattern
    place_first_word: dict[str, tuple[tuple[re.Pattern, str], ...]]
    re_place_word: re.Pattern
    re_place: re.Pattern | None
    place_keys: tuple[str, ...]
    place_of_event: tuple[tuple[str, re.Pattern], ...]
    demonym_place: dict[str, str]
    re_demonym: re.Pattern | None
    place_by_source_type: dict[str, str]
    place_by_outcome: dict[str, str]
    re_place_taken: re.Pattern
    re_place_preposition: re.Pattern
    place_by_group: dict[str, str]
    place_default_war: frozenset[str]
    re_place_institution: re.Pattern
    re_place_anaphor: re.Pattern
    re_place_event_start: re.Pattern
    re_place_continuation: re.Pattern
    re_demonym_actor: re.Pattern
    place_cues: dict[str, str]
    re_place_cue: re.Pattern | None
    place_main_names: frozenset[str]
    re_place_near: re.Pattern
    re_place_actor: re.Pattern
    re_place_possessed: re.Pattern
    re_place_aside: re.Pattern
    re_place_spanning: re.Pattern
    place_alternatives: tuple[tuple[str, str, re.Pattern, re.Pattern], ...]  # key, name, its names, name's place's
    place_detention_groups: frozenset[str]
    place_nationals_groups: frozenset[str]
    place_army_groups: frozenset[str]
    re_demonym_source: re.Pattern
    demonyms_of_authorities: frozenset[str]
    re_place_whole_war: re.Pattern
    re_title_name_of_war: re.Pattern
    place_of_event_act: tuple[tuple[str, re.Pattern], ...]
    re_demonym_territory: re.Pattern | None  # group 1: the demonym
    re_place_destination: re.Pattern
    re_possessed_place: re.Pattern
    re_demonym_toll: re.Pattern | None
    re_person_title_before: re.Pattern
    re_surname_said_after: re.Pattern


# an age range after a people noun: "children ages 12 and under", "boys aged 15 to 17" (the numbers are ages)
AGE_AFTER = r"(?:aged?|ages)\s+\d+(?:\s*(?:and|or|to|-|–)\s*(?:under|younger|older|over|above|below|up|\d+))?"
RE_AGE_AFTER = re.compile(AGE_AFTER, re.IGNORECASE)
RE_PLACE_WORD = re.compile(r"(?<![\w-])[^\W\d_][\w'’.-]*(?<![.-])")


def _first_chars(mapping: dict[str, list[str]]) -> str:
    """A lookahead class of the first characters of every name: the alternation is tried only there."""
    chars = {name[0] for names in mapping.values() for name in names if name}
    if any(c in "(#*'’" for c in chars):  # a phrase that opens with grammar: no shortcut
        return r"[\s\S]"
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _by_word(mapping: dict[str, list[str]]) -> dict[str, str]:
    """``{key: [words]}`` -> ``{word: key}``; a word listed under two keys keeps the later key."""
    return {word: key for key, words in mapping.items() for word in words}


def _names_pattern(names: list[str], but: str, continuations: list[str]) -> re.Pattern:
    """One pattern of place ``names`` other than ``but``, as whole words (case as written), not running on into
    an organisation's name ("New York Times")."""
    others = [n for n in names if n != but]
    return _compile(rf"(?<![\w-])(?:{alternation(others) or '(?!)'})(?![\w-])"
                    rf"(?!\s+(?:{alternation(continuations) or '(?!)'})\b)")


def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


def compile_patterns(vocabulary: Vocabulary | None = None) -> Patterns:
    """The :class:`Patterns` of ``vocabulary`` (default: the packaged one), compiled once and cached."""
    return _compile_patterns(vocabulary if vocabulary is not None else default_vocabulary())


@functools.lru_cache(maxsize=16)
def _compile_patterns(vocabulary: Vocabulary) -> Patterns:
    v = vocabulary.to_dict()
    I = re.IGNORECASE  # noqa: E741
    outcomes = v["outcomes"]

    def role(name: str) -> dict[str, list[str]]:
        return {o: roles.get(name, []) for o, roles in outcomes.items()}

    outcome_cues: dict[str, str] = {}
    for outcome, roles in outcomes.items():
        for name in ("verbs", "cues", "tolls", "status", "adjectives"):
            for word in roles.get(name, []):
                outcome_cues[word] = outcome
    status_nouns = _by_word(role("status"))
    outcome_nouns = {**_by_word(role("nouns")), **_by_word(role("adjectives"))}
    headless = frozenset(w for words in role("adjectives").values() for w in words)
    active_outcome = _by_word(role("active"))
    with_people = _by_word(role("active_with_people"))
    with_captives = _by_word(role("active_with_captives"))
    cue = alternation(outcome_cues)
    q = v["qualifiers"]
    short = _ordered(q["short"])

    filter_words = {w for phrase in [*outcome_cues, *outcome_nouns, *active_outcome, *with_people, *with_captives,
                                     *v["subsets"]["before"], *v["subsets"]["after"]]
                    for w in re.sub(r"[()|?]", " ", phrase).split()}
    filter_words = (filter_words - set(v["sentence_filter"]["skip"])) | set(v["sentence_filter"]["extra"])
    # prefixes: "includ" for including/included, "los" for lost/losses, "tak"/"took" for taken/took

    def after_list(phrases: list[str]) -> str:
        glued = [re.escape(p) for p in phrases if not p[:1].isalnum()]
        spaced = [p for p in phrases if p[:1].isalnum()]
        parts = [*glued, rf"\s+(?:{_ordered(spaced)})\b"] if spaced else glued
        return "^(?:" + "|".join(parts) + ")"

    np = v["noun_phrase"]
    fillers = _ordered(np["before_cue_after"])
    # a place set off by commas after a name: "in Barkin Ladi, northern Nigeria, have been killed"
    compass = _ordered(np["compass_before_cue"])
    appositive_place = rf"(?:,\s*(?:(?:{compass})\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,)?"
    auxiliaries = r"(?:have|has|had|were|was|are|is|been|who|which|that)\b"
    re_cue_after = _compile(
        r"^[\s,”\"’]*(?:[-–—]\s*)?(?:(?:who|that|which|whom)\s+|(?:them|these|those)\s+(?:[^,;:.()\"“”]{1,40},\s*)?)?"
        rf"(?:(?:{fillers}|,?\s*(?:including|among\s+them)\s[^,;:.()\"“”]{{1,50}},|{AGE_AFTER}|"
        # a phrase of "of"/"from" ("staff members from its refugee agency have been killed")
        rf"(?:of|from)\s+(?:(?:the|its|their|his|her|a|an)\s+)?(?:(?!{auxiliaries})[\w'’-]+\s+){{0,4}}?"
        rf"(?!{auxiliaries})[\w'’-]+{appositive_place}|"
        r",?\s*(?:most|many|all|some|half|both|none|several)\s+of\s+(?:them|whom)\b[^,;:.()\"“”]{0,40},|in\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|"
        # an aside about who they are: "Nine people, all from the same family, were killed"
        r",\s*(?:all|mostly|mainly|many|most|both|each|several)\s[^,;:.()\"“”\d]{1,50},|"
        r"[-–—][^-–—.]{1,60}[-–—]|(?:of|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?|"
        rf"in\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:{_ordered(np['place_nouns_after_name'])})"
        rf"{appositive_place}|"
        rf"in\s+the\s+(?:{_ordered(np['place_nouns_before_cue'])})|inside\s+[A-Z]\w*|"
        rf"in\s+(?:{_ordered(np['compass_before_cue'])})\s+[A-Z]\w*"
        r")\s+)*"
        rf"(?P<cue>{cue})\b",
        I,
    )
    active_all = [*active_outcome, *with_people, *with_captives]
    re_active_before = _compile(
        rf"\b(?P<cue>{alternation(active_all)})\s+(?:(?:{_ordered(q['after_verb'])})\s+)*$", I
    )
    subsets = v["subsets"]
    scope = v["scope"]
    tolls = [w for words in role("tolls").values() for w in words] + scope["tallies"]
    past_event = [w for words in role("verbs").values() for w in words] + scope["event_verbs"]
    toll_or_noun = alternation([*tolls, *_by_word(role("nouns"))])  # "the death toll", "deaths"
    attribution = v["attribution"]
    first_after_verb = _ordered(attribution["source_first_words_after_verb"])
    after_verb = _ordered(attribution["source_words_after_verb"])
    group_words = sorted((w for w, g in _by_word(v["groups"]).items() if g != "people"), key=len, reverse=True)

    source_types = tuple(
        (source_type, _compile(rf"(?<!\w)(?<!pro-)(?<!anti-)(?:{alternation(phrases)})(?!\w)", I))
        for source_type, phrases in v["sources"].items() if phrases
    )
    place_keys = [key for key, names in v["places"].items() if names]
    # Names are looked up by their first word (a dict, not a scan of every name at every position);
    # names that open with grammar ("(North|South) Atlantis") go into one regex of their own.
    by_first: dict[str, list[tuple[str, str]]] = {}
    opening_with_grammar: list[tuple[str, str]] = []
    for key in place_keys:
        for name in v["places"][key]:
            first = RE_PLACE_WORD.match(name)
            if first and first.end() in (len(name), name.find(" ")) and not re.search(r"[()|#*?]", first.group()):
                by_first.setdefault(first.group().replace("’", "'"), []).append((name, key))
            else:
                opening_with_grammar.append((name, key))
    place_first = {
        word: tuple((_compile(rf"(?:{phrase_pattern(name)})(?![\w-])"), key)
                    for name, key in sorted(names, key=lambda nk: -len(nk[0])))
        for word, names in by_first.items()
    }
    re_place = "|".join(f"(?P<p{k}>{phrase_pattern(name)})" for k, (name, _) in enumerate(opening_with_grammar))
    # the words worth looking up: those that start like a name's first word (mostly a capital)
    capitals = sorted({w[0] for w in by_first if w[0].isupper()})
    lower_starts = sorted({w[:3] for w in by_first if not w[0].isupper()})
    starts = [f"[{''.join(map(re.escape, capitals))}]"] if capitals else []
    starts += [re.escape(x) for x in lower_starts]
    re_place_word = rf"(?<![\w-])(?:{'|'.join(starts) or '(?!)'})[\w'’.-]*(?<![.-])"
    event_places = tuple(
        (key, _compile(rf"\b(?:{alternation(events)})\b", I)) for key, events in v["place_events"].items() if events
    )
    demonyms = {name.lower(): key for key, names in v["demonyms"].items() for name in names}
    several = {name.lower() for name in v["demonyms_of_several_places"]}
    territorial = [n for names in v["demonyms"].values() for n in names if n.lower() not in several]
    return Patterns(
        outcome_cues=outcome_cues,
        outcome_cue_phrases=tuple((_compile(phrase_pattern(c), I), o) for c, o in outcome_cues.items()
                                  if re.search(r"[()*#|]", c)),
        status_nouns=status_nouns,
        outcome_nouns=outcome_nouns,
        headless_adjectives=headless,
        active_outcome=active_outcome,
        active_with_people=with_people,
        active_with_captives=with_captives,
        active_verbs=frozenset([*active_outcome, *with_people, *with_captives]),
        nominal_needs_gap=frozenset(v["nominal_needs_gap"]),
        re_nominal_needs_change=_compile(rf"\b(?:{alternation(v['nominal_needs_change'])})$", I),
        re_nominal_company=_compile(rf"^[\s,]*(?:{alternation(v['nominal_change_not_needed_after'])})\b", I),
        re_toll_change_end=_compile(
            rf"\b(?:{alternation(v['toll_change_verbs'])})(?:(?:\s+[\w'’-]+){{0,2}}?\s+(?:to|at))?\s+$", I
        ),
        re_nominal_far_before=_compile(
            rf"^.*\b(?P<cue>{toll_or_noun})\b"
            rf"(?P<gap>(?:[^;:.!?()\"“”—–]|(?<=\d)\.(?=\d)){{0,160}})$",
            I,
        ),
        re_report_aside=_compile(
            rf",\s*[^,;:.!?()\"“”]{{1,60}}?\b(?:{alternation(subsets['toll_gap_breakers'])})\s*,", I),
        new_clause_participles=frozenset(v["new_clause_participles"]),
        people_groups=_by_word(v["groups"]),
        adjective_groups=_by_word(v["group_adjectives"]),
        generic_people=frozenset(v["generic_heads"]),
        compound_heads=frozenset(v["compound_heads"]),
        role_groups=frozenset(v["role_groups"]),
        np_modifiers=frozenset(np["modifiers"]),
        not_people_heads=frozenset(np["not_people_heads"]),
        function_words=frozenset(np["function_words"]),
        source_words=frozenset(attribution["source_words"]),
        passive_report_verbs=frozenset(attribution["passive_report_verbs"]),
        re_sentence_cue=_compile(r"\b(?:" + alternation(filter_words) + ")"),
        re_more_heads=_compile(
            rf"(?:\s*(?:,|and|or|&)\s*(?:(?!(?:{cue})\b)[\w'’-]+\s+){{0,2}}"
            rf"(?:{alternation({*v['joined_heads'], *_by_word(v['groups'])})})\b)+", I
        ),
        re_cue=_compile(rf"\b(?:{cue})\b", I),
        re_lower_before=_compile(
            rf"\b(?:{_ordered(q['lower_before'])})\s+(?:the\s+)?(?:a\s+total\s+of\s+)?$", I
        ),
        re_upper_before=_compile(rf"\b(?:{_ordered(q['upper_before'])})\s+(?:the\s+)?$", I),
        re_approx_before=_compile(rf"\b(?:{_ordered(q['approximate_before'])})\s+$", I),
        re_qualifier_before=_compile(rf"(?:\b(?:{_ordered(q['skipped_before'])})\s+)*$", I),
        re_lower_after=_compile(after_list(q["lower_after"]), I),
        re_upper_after=_compile(after_list(q["upper_after"]), I),
        re_approx_after=_compile(after_list(q["approximate_after"]), I),
        re_qualifier_after=_compile(after_list([*q["lower_after"], *q["upper_after"], *q["approximate_after"]]), I),
        re_cue_after=re_cue_after,
        re_active_before=re_active_before,
        re_nominal_before=_compile(  # a decimal point ("the 7.9-magnitude quake") ends no clause
            rf"^.*\b(?P<cue>{cue})\b(?P<gap>(?:[^;:.!?()\"“”—–]|(?<=\d)\.(?=\d)){{0,70}})$", I
        ),
        re_subset_before=_compile(rf"\b(?:{_ordered(subsets['before'])})[\s,]+(?:(?:{short})\s+)?$", I),
        re_subset_after=_compile(rf"^\s+(?:{_ordered(subsets['after'])})\b", I),
        re_subset_sentence_start=_compile(rf"^\W*(?:{_ordered(subsets['sentence_start'])})\b", I),
        re_since=_compile(
            rf"\b(?:{alternation(scope['since'])})\s+(?:the\s+)?(?!(?:{alternation(scope['since_not_before'])})\b)"
            r"[^,;:.()—–]{0,60}"
        ),
        re_scope_strong=_compile(rf"\b(?:{_ordered(scope['running_total'])})\b"),
        re_scope_perfect=_compile(rf"\b(?:{_ordered(scope['perfect'])})\b"),
        re_scope_window=_compile(rf"\b(?:{_ordered(scope['window'])})\b"),
        re_scope_toll=_compile(rf"\b(?:{_ordered(tolls + scope['toll_phrases'])})\b"),
        re_scope_weak=_compile(rf"\b(?:{_ordered(scope['war'])})\b"),
        re_scope_incident=_compile(rf"\b(?:{_ordered(scope['event'])})\b"),
        re_event_agent=_compile(
            rf"\b(?:{_ordered(scope['agent_events'])})\b"
            r"[^;:]{0,100}?(?:\b(?:that|which)\s+|,\s*|\s)(?:(?:reportedly|also|then)\s+)?"
            r"(?<!has\s)(?<!have\s)(?<!had\s)(?<!been\s)"
            rf"(?:{_ordered(scope['agent_verbs'])})\s+"
            rf"(?:(?:{_ordered(scope['agent_qualifiers'])})\s+)?$"
        ),
        re_scope_incidents=_compile(rf"\b(?:{_ordered(scope['events'])})\b"),
        re_scope_length=_compile(rf"\b(?:{_ordered(scope['war_length'])})\b"),
        re_scope_event_site=_compile(
            r"\s+(?:on|at|against|that\s+hit|hitting|targeting)\s+(?:(?:the|a|an|one)\s+)?"
            r"(?:(?!(?:in|on|at|of|and|near|across)\b)[\w'’-]+\s+){0,3}?"
            rf"(?:{_ordered(scope['event_sites'])})\b(?!-)"
        ),
        re_scope_one_site=_compile(
            r"\b(?:the|a|an|one)\s+(?:(?!(?:in|on|at|of|and|near|across)\b)[\w'’-]+\s+){0,3}?"
            rf"(?:{_ordered(scope['event_sites'])})\b(?!-)"
        ),
        re_scope_period=_compile(rf"\b(?:{_ordered(scope['period'])})\b"),
        re_scope_day=_compile(rf"\b(?:{_ordered(scope['day'])})\b"),
        re_cumulative_default=_compile(rf"\b(?:{_ordered(scope['default_running_total'])})\b", I),
        re_past_event=_compile(rf"\b(?:{alternation(past_event)})\b", I),
        re_according=_compile(
            rf"\b(?:{_ordered(attribution['according_to'])})\s+"
            rf"(?:(?:{_ordered(attribution['document_qualifiers'])})\s+)?"
            rf"(?:(?:{_ordered(attribution['documents'])})\s+(?:{_ordered(attribution['document_links'])})\s+)?"
            r"(?P<src>(?:[^,.;:()\"“”—–\n]|\.(?=\w)|(?<=\b\w\.\w)\.){2,90})"
        ),
        re_said=_compile(rf"\b(?:{_ordered(attribution['report_verbs'])})\b"),
        re_said_before=_compile(rf"\b(?:{_ordered(attribution['report_verbs'])})\s+$"),
        re_source_after_verb=_compile(
            rf"\s+(?P<src>(?:the\s+|a\s+)?(?:[A-Z][\w'’\-.&]*|{first_after_verb})"
            rf"(?:\s+(?:[A-Z][\w'’\-.&]*|{after_verb}))*)"
        ),
        re_sentence_tail=_compile(
            rf"^(?:\s+(?:{_ordered(attribution['sentence_tail_words'])}|[A-Z]\w*))*\s*[.;!?\"”’)]*\s*$"
        ),
        re_source_trim=_compile(
            rf"\s+(?:{_ordered(attribution['source_ends_before'])}|and\s+(?:the\s+)?[a-z]+ed)\b.*$", I
        ),
        re_source_lead=_compile(rf"^(?:(?:{_ordered(attribution['source_lead_words'])})\s+)+", I),
        re_not_a_source=_compile(rf"^(?:{_ordered(attribution['not_sources'])})$", I),
        re_pronoun_source=_compile(rf"^(?:{_ordered(attribution['pronoun_sources'])})$", I),
        re_generic_organisation=_compile(rf"^(?:{_ordered(attribution['generic_organisations'])})$", I),
        re_generic_ministry=_compile(rf"^(?:{_ordered(attribution['generic_ministry'])})$", I),
        re_place_typed_source=_compile(rf"^(?:{_ordered(attribution['place_typed_sources'])})$", I),
        types_by_place=dict(v["source_type_by_place"]),
        re_health_ministry_mention=_compile(alternation(attribution["health_ministry_mentions"]), I),
        re_sources_word=_compile(rf"(?:{alternation(attribution['unnamed_sources'])})\b", I),
        re_next_attaches=_compile(rf"^\W*(?:{_ordered(attribution['next_sentence_attaches'])})", I),
        re_auxiliary_end=_compile(rf"(?:\s+(?:{_ordered(attribution['auxiliaries_before_verb'])}))+\s*$", I),
        re_participle_report=_compile(rf",\s*(?:{_ordered(attribution['participle_report_verbs'])})\b"),
        re_not_report_object=_compile(rf"^\s+(?:{_ordered(attribution['not_report_objects'])})\b", I),
        re_journalist=_compile(rf"\b(?:{alternation(attribution['journalist_words'])})\b", I),
        re_home_war=_compile(rf"(?<![\w-])(?:{alternation(attribution['home_war_words'])})(?![\w-])"),
        home_war_types=frozenset(attribution["home_war_types"]),
        home_war_places=frozenset(attribution["home_war_places"]),
        re_not_reported_by_health_ministry=_compile(
            rf"(?<![\w-])(?:{alternation(attribution['not_reported_by_health_ministry'])})(?![\w-]|['’]s\b)"
        ),
        re_possessive_tally=_compile(rf"['’]s\s+(?:(?:own|latest|new|daily|updated)\s+)?"
                                     rf"(?:{alternation(attribution['possessive_tallies'])})\b", I),
        addressee_verbs=frozenset(attribution["addressee_verbs"]),
        auxiliary_report_verbs=frozenset(attribution["auxiliary_report_verbs"]),
        source_types=source_types,
        re_object_follows=_compile(rf"^\s+(?:(?:{short}|{_ordered(subsets['another_before'])})\s+)?$", I),
        re_population_before=_compile(
            rf"\b(?:{alternation(v['non_figures']['population_before'])})\s+(?:(?:{short})\s+)?$", I
        ),
        re_every_before=_compile(rf"\b(?:{alternation(v['non_figures']['every_before'])})\s+$", I),
        # "each hostage was exchanged for 30 prisoners": the terms of an exchange, not a count
        re_each_for_before=_compile(
            rf"\b(?:{alternation(v['non_figures']['every_before'])})\s+[\w'’-]+\b[^.;:!?\d]{{0,40}}?\bfor\s+"
            rf"(?:(?:{short})\s+)?$", I),
        outcome_verbs=frozenset(_by_word(role("verbs"))),  # the outcomes' verbs: "killed", "wounded"
        # a label and its number: "Killed: 310; wounded: 1,045"
        re_label_cue=_compile(rf"(?:^|[;,(\n])\s*(?P<cue>{cue})\s*:\s*(?:(?:{short})\s+)?$", I),
        # a share in brackets after a clause about an outcome noun: "Most of the casualties occurred in Donetsk (58%)"
        re_share_in_brackets=_compile(
            rf"^(?:.*[;.]\s)?[^;]*?\b(?P<cue>{toll_or_noun})\b"
            r"[^;]{0,100}\(\s*$", I),
        burial_verbs=frozenset(np["burial_verbs"]),
        re_buried_missing_after=_compile(rf"^\s*(?:{alternation(np['buried_missing_after'])})\b", I),
        re_buried_missing_agent=_compile(rf"\b(?:{alternation(np['buried_missing_agents'])})\b", I),
        re_toll_anaphor=_compile(rf"^\W*(?:{alternation(v['toll_anaphors'])})\s+[^.;:!?\d]{{0,40}}$", I),
        re_toll_in_sentence=_compile(rf"\b(?P<cue>{alternation(tolls)})\b", I),
        re_age_before=_compile(rf"\b(?:{alternation(v['non_figures']['age_before'])})\s+$", I),
        re_age_after=_compile(rf"\s*(?:{alternation(v['non_figures']['age_after'])})\b", I),
        re_rate_before=_compile(rf"\b(?:{alternation(v['non_figures']['rate_before'])})\s+$", I),
        re_rate_unit_after=_compile(
            rf"[\s,]*(?:(?:have|has|are|were|being|been|is|was|still)\s+)*(?:(?:{cue})\s+(?:[\w'’-]+\s+){{0,3}}?)?"
            rf"(?:{alternation(v['non_figures']['rate_units_after'])})\b"
            r"(?!\s+(?:after|before|earlier|later|ago|of|when|since)\b)", I),
        re_rate_after=_compile(rf"[^;:.!?]{{0,80}}?\b(?:{alternation(v['non_figures']['rate_after'])})\b", I),
        # the words without which neither re_rate_after nor re_unit_after can match: one search per sentence
        re_rate_or_unit_word=_compile(
            rf"\b(?:{alternation(v['non_figures']['rate_after'])})\b|"
            rf"\b(?:{alternation(w[:1].upper() + w[1:] for w in v['non_figures']['unit_after'])})\b"
        ),
        re_measure_before=_compile(rf"\b(?:{alternation(v['non_figures']['measure_before'])})\s+(?:of\s+)?$", I),
        re_measure_after=_compile(rf"(?:\s+|(?=-))(?:{alternation(v['non_figures']['measure_after'])})\b", I),
        re_unit_after=_compile(  # capitalised only: "122 Infantry Brigade", not "12 infantry soldiers"
            r"(?:\s+[A-Z][\w'’-]*){0,2}?\s+"
            rf"(?:{alternation(w[:1].upper() + w[1:] for w in v['non_figures']['unit_after'])})\b"
        ),
        re_idiom_before=_compile(rf"\b(?:{alternation(v['non_figures']['idiom_before'])})\s+$", I),
        re_ratio_after=_compile(  # "three prisoners (freed) for every hostage"
            rf"\s+(?:[a-z]+ed\s+)?(?:{alternation(v['non_figures']['ratio_after'])})\b", I),
        # a ratio named earlier in the clause, or a clause "for every X killed," right before the number
        re_ratio_before=_compile(
            rf"(?:\b(?:{alternation(v['non_figures']['ratio_before'])})\b[^.;:!?]{{0,60}}?\b(?:is|was|of|at)\s+"
            rf"(?:(?:{short})\s+)?|\b(?:{alternation(v['non_figures']['ratio_after'])})\b[^,.;:\d]{{1,40}},\s*"
            rf"(?:(?:{short})\s+)?)$", I),
        re_partitive_opening=_compile(
            rf"^\W*(?:of|among)\s+(?:those|the|these)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<cue>{cue})\b"
            rf"[^.;:!?\d]{{0,40}},\s*(?:(?:{short})\s+)?$", I),
        re_rescue=_compile(rf"\b(?:{alternation(v['non_figures']['rescue_words'])})\b", I),
        re_captive_word=_compile(rf"\b(?:{alternation(v['non_figures']['captive_words'])})\b", I),
        re_departure=_compile(rf"\b(?:{alternation(v['non_figures']['departure_words'])})\b", I),
        re_forecast=_compile(rf"\b(?:{alternation(v['non_figures']['forecast_before'])})\s+(?:[\w'’-]+\s+){{1,2}}$", I),
        re_date_range_after=_compile(rf"\s*(?:and|or|to|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b"),
        re_dash_apposition=_compile(
            rf"\b(?:(?P<adj>{alternation(np['dash_adjectives'])})\s+)?(?P<noun>{alternation(np['dash_nouns'])})"
            rf"(?:\s+[\w'’]+){{0,3}}\s+[-–—]\s+(?:(?:{short})\s+)?$",
            I,
        ),
        re_people_verb_after=_compile(
            r"\s+(?:(?:have|has|had|were|was|are|is|been|reportedly|also|all|later|were\s+all)\s+)*"
            rf"(?:{alternation(np['people_verbs_after'])})\b", I
        ),
        re_cases_of=_compile(
            rf"^\s+(?:(?:{alternation(w for w in np['modifiers'] if w.isalpha())})\s+)?"
            rf"(?:{alternation(np['case_nouns'])})\s+of\s+(?:[\w'’-]+\s+){{0,2}}?(?P<w>{cue})\b", I
        ),
        re_headless_outcome=_compile(
            rf"^[\s,]*(?:people\s+|others\s+|more\s+)?(?P<w>{alternation(headless)})\b", I
        ),
        re_captives_after=_compile(rf"\s*(?:as\s+)?(?:{alternation(np['captive_nouns'])})\b"),
        re_captive_noun=_compile(rf"\b(?:{alternation(np['captive_nouns'])})\b"),
        re_adjective_toll=_compile(
            rf"\b({alternation(np['toll_adjectives'])})s?\s+(?:{alternation(np['toll_nouns'])})\b"
        ),
        re_predicate_group=_compile(
            rf"^\s*(?:(?:{_ordered(subsets['predicate_of'])})"
            rf"(?:\s+(?:{_ordered(subsets['predicate_outcomes'])}))?)[\s,]*(?:(?:are|were|was|is)\s+)?"
            rf"(?:(?:{_ordered(subsets['predicate_hedges'])})\s+)?"
            r"(?P<noun>" + "|".join(map(re.escape, group_words)) + r")\b",
            I,
        ),
        # the words between two members of one list, up to a verb of the first: "six people died and "
        re_list_join=_compile(
            rf"^(?:\s+[\w'’-]+){{0,3}}?\s+(?:{_ordered(subsets['coordinators'])})\s+(?:(?:{short})\s+)?$", I
        ),
        re_coordination=_compile(rf"^[\s,]*(?:{_ordered(subsets['coordinators'])})?\s*$", I),
        re_apposition=_compile(rf"^\s*(?:,|\(|—|–|-)\s*(?:{_ordered(subsets['apposition_words'])})?\s*$", I),
        re_gap_bad=_compile(rf"\d|\b(?:{_ordered(subsets['gap_breakers'])})\b", I),
        re_nominal_gap_bad=_compile(rf"\b(?:{_ordered(subsets['nominal_gap_breakers'])})\b", I),
        re_toll_gap_bad=_compile(rf"\d|\b(?:{_ordered(subsets['toll_gap_breakers'])})\b", I),
        re_severity_after=_compile(rf"^\s+(?:{alternation(subsets['severity_after'])})\b", I),
        re_another_before=_compile(rf"\b(?:{alternation(subsets['another_before'])})\s+$", I),
        re_more_after=_compile(rf"^\s+(?:{alternation(subsets['more_after'])})\b", I),
        re_partitive_after=_compile(
            rf"\s+(?:{_ordered(subsets['predicate_of'])})(?:\s+(?:{_ordered(subsets['predicate_outcomes'])}))?\b", I
        ),
        re_among_after=_compile(rf"\s+(?:{_ordered(subsets['among_after'])})\b", I),
        re_partitive_of_next=_compile(
            rf"^\s+(?:(?:{_ordered(subsets['partitive_of_next'])})|(?:[\w'’-]+\s+){{0,2}}?"
            rf"(?:{_ordered(subsets['among_next'])}))\s+(?:(?:{short})\s+)?$", I
        ),
        re_copula_end=_compile(r"\b(?:is|was|are|were|be|been|being|as|representing)\s+$", I),
        re_gapping_word=_compile(rf"\s*(?P<w>{alternation(subsets['gapping_words'])})\b", I),
        # the words between the figure and a gapped number: no report verb or contrast, ending in a list separator
        re_gapping_open=_compile(
            rf"^(?!.*\b(?:{alternation(subsets['gapping_breakers'])})\b)[^.!?\"“”]*(?:,|;|\band)\s*$", I
        ),
        # the figure's verb and its frame, then a dash opening the breakdown: " were killed on Monday – "
        re_dash_list_after_verb=_compile(
            rf"^(?:\s+[\w'’.,]+){{0,3}}?\s+(?:{cue})\b[^.;:!?()\"“”—–\d]{{0,80}}?\s[-–—]\s+(?:(?:{short})\s+)?$", I),
        re_dash_list_open=_compile(rf"^(?:\s+[\w'’.]+){{1,3}}\s+[-–—]\s+(?:(?:{short})\s+)?$", I),
        re_comparison_before=_compile(rf"(?:^|[\s,])(?:{alternation(subsets['comparison_before'])})\s+$", I),
        re_change_from=_compile(rf"\b(?:{alternation(subsets['change_from'])})\s+$", I),
        re_change_to=_compile(rf"^\s*(?:{alternation(subsets['change_to'])})\s+$", I),
        re_total_raised_to=_compile(
            rf"\b(?:{alternation(subsets['total_raisers'])})\s+(?:the|its|their|this|that)\s+(?:[\w'’-]+\s+)?"
            rf"(?:{alternation(subsets['total_nouns'])})\b[^.;:!?\d]{{0,70}}?\bto\s+(?:(?:{short})\s+)?$", I),
        place_first_word=place_first,
        re_place_word=_compile(re_place_word),
        re_place=_compile(rf"(?<![\w-])(?:{re_place})(?![\w-])") if opening_with_grammar else None,
        place_keys=tuple(key for _, key in opening_with_grammar),
        place_of_event=event_places,
        demonym_place=demonyms,
        re_demonym=_compile(rf"\b(?={_first_chars(v['demonyms'])})"
                            rf"(?:{alternation(n for names in v['demonyms'].values() for n in names)})\b")
        if demonyms else None,
        place_by_source_type=dict(v["place_by_source_type"]),
        place_by_outcome=dict(v["place_by_outcome"]),
        re_place_taken=_compile(rf"\b(?:{_ordered(v['place_taken_words'])})\b", I),
        re_place_preposition=_compile(rf"\b(?:{alternation(v['place_prepositions'])})\s+(?:the\s+|an?\s+)?$", I),
        place_by_group=dict(v["place_by_group"]),
        place_default_war=frozenset(v["place_default_war"]),
        re_place_institution=_compile(
            rf"\b(?:(?:{alternation(v['place_institution_nouns'])})\s+(?:based\s+)?(?:in|of)|"
            rf"{alternation(v['place_reference_words'])})\s+(?:the\s+)?$", I),
        re_place_anaphor=_compile(rf"\b(?:{alternation(v['place_anaphors'])})\b", I),
        re_place_event_start=_compile(rf"\b(?:{alternation(v['place_event_starts'])})\s+(?:\S+\s+){{0,3}}$", I),
        re_place_continuation=_compile(rf"\s+(?:{alternation(v['place_name_continuations'])})\b"),
        # "U.S. strikes", "U.S.-led strikes", "U.S. and British strikes": the side that acted, not a place
        re_demonym_actor=_compile(rf"(?:-led)?(?:\s+(?:and|or)\s+(?-i:[A-Z])[\w'’.-]*?(?:-led)?)?\s+"
                                  rf"(?:{alternation(v['demonym_actor_nouns'])})(?!\w)", I),
        place_cues={word.lower(): key for key, words in v["place_cues"].items() for word in words},
        re_place_cue=_compile(rf"\b(?:{alternation(w for words in v['place_cues'].values() for w in words)})\b", I)
        if any(v["place_cues"].values()) else None,
        place_main_names=frozenset(names[0] for names in v["places"].values() if names),
        re_place_actor=_compile(
            rf"\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:{alternation(v['place_actor_verbs']) or '(?!)'})\b"),
        re_place_near=_compile(rf"\b(?:{alternation(v['place_near_words']) or '(?!)'})\s+(?:the\s+)?$", I),
        re_place_possessed=_compile(
            rf"['’]s?\s+(?:\w+\s+)?(?:{alternation(v['place_possessed_nouns']) or '(?!)'})\b"
            rf"|\s+(?:{alternation(v['place_source_modifiers']) or '(?!)'})\b", I),
        re_place_aside=_compile(rf"\b(?:{alternation(v['place_aside_openers']) or '(?!)'})\s*:", I),
        re_place_spanning=_compile(rf"\b(?:{alternation(v['place_spanning_phrases']) or '(?!)'})\b", I),
        place_alternatives=tuple(
            (key, name, _names_pattern(v["places"].get(key, []), name, v["place_name_continuations"]),
             _names_pattern([n for names in v["places"].values() if name in names for n in names], name,
                            v["place_name_continuations"]))
            for key, names in v["place_alternatives"].items() for name in names),
        place_detention_groups=frozenset(v["place_detention_groups"]),
        place_nationals_groups=frozenset(v["place_nationals_groups"]),
        place_army_groups=frozenset(v["place_army_groups"]),
        demonyms_of_authorities=frozenset(name.lower() for name in v["demonyms_of_authorities"]),
        re_demonym_source=_compile(rf"\s+(?:\w+\s+)?(?:{alternation(v['demonym_source_nouns']) or '(?!)'})\b", I),
        re_title_name_of_war=_compile(
            rf"\s+(?:[\w-]+\s+)?(?:{alternation(v['place_title_war_nouns']) or '(?!)'})\b", I
        ),
        re_place_whole_war=_compile(rf"\b(?:{alternation(v['place_whole_war_phrases']) or '(?!)'})\b", I),
        place_of_event_act=tuple((key, _compile(rf"\b(?:{alternation(acts)})\b", I))
                                 for key, acts in v["place_event_acts"].items() if acts),
        re_demonym_territory=_compile(rf"\b({alternation(territorial)})\s+(?:{alternation(v['place_nouns_after_demonym'])})\b")
        if territorial and v["place_nouns_after_demonym"] else None,
        re_possessed_place=_compile(
            rf"['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation(v['place_nouns_after_possessive']) or '(?!)'})\b", I),
        re_place_destination=_compile(
            rf"\b(?:{alternation(v['place_destination_words']) or '(?!)'})\s+(?:[\w'’-]+\s+){{0,4}}?(?:into|to)\s+"
            rf"(?:the\s+)?(?:\w+\s+)?$", I),
        re_demonym_toll=_compile(rf"\b(?:{alternation(demonyms)})\s+(?:{alternation(np['toll_nouns'])})\b", I)
        if demonyms else None,
        # a place's name that is a person's first name ("Defence Minister Israel Katz", "Jordan Bardella said")
        re_person_title_before=_compile(rf"(?<![\w.])(?:{alternation(v['place_person_titles']) or '(?!)'})\s+$"),
        re_surname_said_after=_compile(
            rf"\s+(?!(?:{alternation(v['place_person_not_surnames']) or '(?!)'})\b)[A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.)?"
            rf"(?:\s+(?:{_ordered(attribution['report_verbs'])})\b|['’]s\s+(?:office|statement|remarks|comments)\b"
            rf"|,\s+\d{{1,3}},)"),
    )
