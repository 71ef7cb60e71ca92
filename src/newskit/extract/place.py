"""Place stage: where the people suffered the outcome, as one key of the vocabulary's places.

Order of evidence (eval/README.md, "Place"): a place the figure's clause names as a location ("killed
in Rafah" -> gaza; the nearest after the number, else the nearest before), an event known by its
place ("the October 7 attack" -> israel), a location elsewhere in its sentence, the place of the
running totals of its source type (a health-ministry toll -> gaza), the place of its outcome
(hostages are held in Gaza), a place its sentence names without a preposition ("Israel says"), the
last place named before its sentence (flagged for review), a demonym of the victims ("Lebanese" ->
lebanon), else `unknown`. A name is a location when a preposition of the vocabulary's
``place_prepositions`` stands right before it ("in Gaza", "in southern Lebanon").
"""

from __future__ import annotations

import bisect
import re

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns
from newskit.extract.scope import clause_bounds

RULES = {
    "place.in_clause": "a location named in the figure's clause (\"killed in Rafah\" -> gaza)",
    "place.event": "an event known by its place (\"the October 7 attack\" -> israel)",
    "place.in_sentence": "a location named elsewhere in the figure's sentence",
    "place.source_type": "the place of its source's running totals (a health-ministry toll -> gaza)",
    "place.outcome": "the place of its outcome (hostages held or released were held in Gaza)",
    "place.named_in_sentence": "a place its sentence names, not as a location (\"Israel says ...\")",
    "place.previous_sentence": "its sentence names no place: the last place named before it in the text",
    "place.demonym": "a demonym of the victims (\"Lebanese\", \"Palestinians\")",
    "place.passage": "no place before it: the first place named after its sentence, else a demonym in the text",
    "place.unknown": "nothing in the text tells where",
}
RE_APOSTROPHE = re.compile(r"['’]")
# How far before the number a location in its clause may stand (characters).
MAX_BEFORE = 80

# How far from the number a word of taking ("took", "kidnapped") is read for a hostage figure (characters).
TAKEN_REACH = 60

Found = tuple[int, int, str, bool]  # start, end, place key, named as a location


def _places(text: str, offset: int, p: Patterns) -> list[Found]:
    """``(start, end, key, located)`` of every place name in ``text`` (offsets plus ``offset``), in order."""
    found = []
    first_word = p.place_first_word
    for word in p.re_place_word.finditer(text):
        token = word.group()
        candidates = first_word.get(token)
        if candidates is None:
            if "'" not in token and "’" not in token:
                continue
            candidates = first_word.get(token.replace("’", "'")) or first_word.get(RE_APOSTROPHE.split(token)[0], ())
        for pattern, key in candidates:
            m = pattern.match(text, word.start())
            if m:
                found.append((m.start(), m.end(), key))
                break
    if p.re_place is not None:
        found += [(m.start(), m.end(), p.place_keys[int(m.lastgroup[1:])])  # type: ignore[index]
                  for m in p.re_place.finditer(text)]
        found.sort()
    return [(offset + a, offset + b, key, bool(p.re_place_preposition.search(text, max(0, a - 60), a)))
            for a, b, key in found]


def _last_place_before(text: str, position: int, p: Patterns, found: dict) -> str | None:
    """The key of the last place name that ends at or before ``position`` (names of ``text`` found once)."""
    index = found.get("text")
    if index is None:
        names = _places(text, 0, p)
        index = found["text"] = (names, [name[0] for name in names])
    names, starts = index
    k = bisect.bisect_left(starts, position) - 1
    while k >= 0 and names[k][1] > position:
        k -= 1
    return names[k][2] if k >= 0 else None


def decide_place(
    cand: Candidate, text: str, spans: list[tuple[int, int]], i: int, p: Patterns, *, source_type: str,
    outcome: str | None = None, found: dict | None = None,
) -> tuple[str, str]:
    """``(place, rule)`` of a figure in sentence ``i`` of ``spans`` (offsets into ``text``).

    ``found`` caches the place names of the pieces of the text read, between calls on the same text.
    """
    found = {} if found is None else found

    def places_in(a: int, b: int) -> list[Found]:
        if (a, b) not in found:
            found[(a, b)] = _places(text[a:b], a, p)
        return found[(a, b)]

    s, e = spans[i]
    sentence = text[s:e]
    in_sentence = places_in(s, e)
    located = [pl for pl in in_sentence if pl[3]]
    start, end = cand.start, cand.end
    lo, hi = clause_bounds(sentence, start - s, end - s)
    after = [pl for pl in located if pl[0] >= end and pl[1] <= s + hi]
    before = [pl for pl in located if pl[1] <= start and pl[0] >= max(s + lo, start - MAX_BEFORE)]
    near = (max(s, start - TAKEN_REACH), min(e, end + TAKEN_REACH))
    taken = outcome == "hostage" and p.re_place_taken.search(text, *near) is not None
    if taken and p.re_place_event is not None and p.re_place_event.search(sentence):
        # people taken hostage in an event known by its place were taken there ("... into Gaza" is where to)
        for key, pattern in p.place_of_event:
            if pattern.search(sentence):
                return key, "place.event"
    if after:
        return after[0][2], "place.in_clause"
    if before:
        return before[-1][2], "place.in_clause"
    if p.re_place_event is not None and p.re_place_event.search(sentence):
        for key, pattern in p.place_of_event:
            if pattern.search(sentence):
                return key, "place.event"
    if located:
        return located[0][2], "place.in_sentence"
    if source_type in p.place_by_source_type:
        return p.place_by_source_type[source_type], "place.source_type"
    if outcome in p.place_by_outcome and not taken:  # people taken hostage: where they were taken, not held
        return p.place_by_outcome[outcome], "place.outcome"
    if in_sentence:
        return in_sentence[0][2], "place.named_in_sentence"
    # the last place named before the sentence: the place names of the whole text, found once
    named_before = _last_place_before(text, s, p, found)
    if named_before is not None:
        return named_before, "place.previous_sentence"
    if p.re_demonym is not None:
        own = p.re_demonym.search(cand.right[: max(cand.np_end, 1) + 40])
        named = own or p.re_demonym.search(sentence)
        if named:
            return p.demonym_place[named.group().lower()], "place.demonym"
    # the place the passage is about: the first place named after the sentence, else a demonym anywhere
    names, starts = found["text"]
    k = bisect.bisect_left(starts, e)
    if k < len(names):
        return names[k][2], "place.passage"
    if "demonym" not in found:  # the first demonym of the text, found once
        named = p.re_demonym.search(text) if p.re_demonym is not None else None
        found["demonym"] = p.demonym_place[named.group().lower()] if named else None
    if found["demonym"] is not None:
        return found["demonym"], "place.passage"
    return "unknown", "place.unknown"
