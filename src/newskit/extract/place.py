"""Place stage: where the people suffered the outcome, as one key of the vocabulary's places.

Order of evidence (eval/README.md, "Place"): a place the figure's clause names (the nearest after
the number, else the nearest before: "killed in Rafah" -> gaza), a place elsewhere in its sentence,
an event known by its place ("the October 7 attack" -> israel), the place of the running totals of
its source type (a health-ministry toll -> gaza), the place named by the one or two sentences
before it (flagged for review), a demonym of the victims ("Lebanese" -> lebanon), else `unknown`.
"""

from __future__ import annotations

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns
from newskit.extract.scope import clause_bounds

RULES = {
    "place.in_clause": "a place named in the figure's clause (\"killed in Rafah\" -> gaza)",
    "place.in_sentence": "a place named elsewhere in the figure's sentence",
    "place.event": "an event known by its place (\"the October 7 attack\" -> israel)",
    "place.source_type": "the place of its source's running totals (a health-ministry toll -> gaza)",
    "place.previous_sentence": "no place in its sentence: the place the sentence before names",
    "place.demonym": "a demonym of the victims (\"Lebanese\", \"Palestinians\")",
    "place.unknown": "nothing in the text tells where",
}
PREVIOUS_SENTENCES = 2


def _places(text: str, p: Patterns) -> list[tuple[int, int, str]]:
    """``(start, end, place key)`` of every place name in ``text``."""
    if p.re_place is None:
        return []
    return [(m.start(), m.end(), p.place_keys[int(m.lastgroup[1:])]) for m in p.re_place.finditer(text)]


def decide_place(
    cand: Candidate, text: str, spans: list[tuple[int, int]], i: int, p: Patterns, *, source_type: str,
    found: dict[tuple[int, int], list[tuple[int, int, str]]] | None = None,
) -> tuple[str, str]:
    """``(place, rule)`` of a figure in sentence ``i`` of ``spans`` (offsets into ``text``).

    ``found`` caches the places of each span between calls on the same text.
    """
    found = {} if found is None else found

    def places_of(k: int) -> list[tuple[int, int, str]]:
        if spans[k] not in found:
            found[spans[k]] = _places(text[spans[k][0] : spans[k][1]], p)
        return found[spans[k]]

    s, e = spans[i]
    sentence = text[s:e]
    start, end = cand.start - s, cand.end - s
    places = places_of(i)
    if places:
        lo, hi = clause_bounds(sentence, start, end)
        after = [pl for pl in places if pl[0] >= end and pl[1] <= hi]
        before = [pl for pl in places if pl[1] <= start and pl[0] >= lo]
        if after:
            return after[0][2], "place.in_clause"
        if before:
            return before[-1][2], "place.in_clause"
        return places[0][2], "place.in_sentence"
    if p.re_place_event is not None and p.re_place_event.search(sentence):
        for key, pattern in p.place_of_event:
            if pattern.search(sentence):
                return key, "place.event"
    if source_type in p.place_by_source_type:
        return p.place_by_source_type[source_type], "place.source_type"
    for back in range(1, PREVIOUS_SENTENCES + 1):
        if i - back < 0:
            break
        earlier = places_of(i - back)
        if earlier:
            return earlier[-1][2], "place.previous_sentence"
    if p.re_demonym is not None:
        own = p.re_demonym.search(cand.right[: max(cand.np_end, 1) + 40])
        found = own or p.re_demonym.search(sentence)
        if found:
            return p.demonym_place[found.group().lower()], "place.demonym"
    return "unknown", "place.unknown"
