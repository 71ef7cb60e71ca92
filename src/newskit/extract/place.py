"""Place stage: where the people suffered the outcome, as one key of the vocabulary's places.

Order of evidence (eval/README.md, "Place"):

1. a location the figure's clause names ("killed in Rafah" -> gaza; the nearest after the number, else
   the nearest before), or a place it refers back to ("in the territory", "there");
2. an event known by its place ("the October 7 attack" -> israel), unless the event is the start of
   the war the figure belongs to ("since the October 7 attack") or the victims' demonym says otherwise;
3. "thousands more", "another 20": the place of the figure before; a location elsewhere in its sentence;
4. the place of its parent figure (a subset);
5. a word of its sentence that implies a place ("settlers" -> west_bank), else a demonym of the victims in
   its own noun phrase ("1,400 Israelis" -> israel);
6. the defaults of the Gaza war (a health-ministry toll, hostages -> gaza), only in a text about that war
   (one that names one of ``place_default_war`` or no place at all);
7. a place its sentence names without a preposition ("Israel says ..."), not in a dateline;
8. the last place named before its sentence (flagged for review), or its own dateline ("KHARTOUM —");
9. a demonym in its sentence;
10. the place the passage is about (the first place named after it, else its first demonym); else `unknown`.

A name is a location when a preposition of the vocabulary's ``place_prepositions`` stands right before it
("in Gaza", "in southern Lebanon"), unless it is a possessor ("in Israel's assault"); the seat of an
institution ("the Ministry of Health in Ramallah", "a press conference in Geneva") is no evidence at all.
Names are found whatever their case in all-caps text ("GAZA CITY"), and a name that runs on into a
longer one ("Lagos de Moreno") is not the shorter one.
"""

from __future__ import annotations

import bisect
import re

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns
from newskit.extract.scope import RE_WORD, clause_bounds

RULES = {
    "place.spanning": "its clause spreads its people over places or none (\"hundreds on both sides\"): unknown",
    "place.in_clause": "a location named in the figure's clause (\"killed in Rafah\" -> gaza)",
    "place.anaphor": "its clause refers back to a place (\"in the territory\", \"there\"): the last place named",
    "place.event": "an event known by its place (\"the October 7 attack\" -> israel)",
    "place.same_as_before": "\"thousands more\", \"another 20\": the place of the figure before",
    "place.in_sentence": "a location named elsewhere in the figure's sentence",
    "place.parent": "a subset with no place of its own takes its parent's",
    "place.cue": "a word that implies a place (\"settlers\" -> west_bank)",
    "place.own_demonym": "a demonym in the figure's own noun phrase (\"1,400 Israelis\")",
    "place.source_type": "the place of its source's running totals (a health-ministry toll -> gaza)",
    "place.outcome": "the place of its outcome (hostages held or released were held in Gaza)",
    "place.group": "the place of its group (hostages are held in Gaza)",
    "place.named_in_sentence": "a place its sentence names, not as a location (\"Israel says\"), nor as a dateline",
    "place.previous_sentence": "its sentence names no place: the last place named before it in the text",
    "place.dateline": "its sentence opens with a dateline (\"KHARTOUM —\") and names no other place",
    "place.demonym": "a demonym in its sentence (\"Lebanese\", \"Palestinians\")",
    "place.title": "no place in its text tells: the place its headline names (a location first)",
    "place.passage": "no place before it: the first place named after its sentence, else a demonym in the text",
    "place.unknown": "nothing in the text tells where",
}
RE_APOSTROPHE = re.compile(r"['’]")
# How far back a location named before a sentence outranks a later name that is no location (characters).
LOCATED_BEFORE_REACH = 400
# How far before the number a location in its clause may stand (characters).
MAX_BEFORE = 80
# How far from the number a word of taking ("took", "kidnapped") is read for a hostage figure (characters).
TAKEN_REACH = 60
# A name in a dateline ("(Nairobi) –", "GAZA CITY —") says where the report was filed: it counts for the
# sentences after it, not as a place its own sentence names.
RE_DATELINE_AFTER = re.compile(r"\)?\s*[–—]|\)\s*-")
DATELINE_REACH = 40  # how far into its sentence a dateline's name may start (characters)
# A name that runs on into a longer one ("Lagos de Moreno"): not the shorter name.
RE_RUNS_ON = re.compile(r"\s+(?:de|del|do|da|dos|das|di)\s+[A-Z]")
RE_POSSESSIVE = re.compile(r"['’]s?(?!\w)")
# words that put what happened beside an institution, whose seat is then where it happened
RE_BESIDE = re.compile(r"\b(?:near|outside|next\s+to|behind|opposite|beside)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
# a new clause with its own verb (", and security was stepped up in cities around the United States")
RE_NEW_FINITE_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while|whereas)\s+[^,;]*?\b(?:was|were|is|are|has|have|had)\b",
                                  re.IGNORECASE)
# a headline's label: a name then a colon ("Sudan: ...")
RE_LABEL_AFTER = re.compile(r"\s*:")
# where a part of a headline starts after its punctuation ("...; Israel displays ...")
RE_TITLE_PART = re.compile(r"[;:|—–]\s*")
# "14 of its citizens": a country's nationals, wherever they are
RE_ITS_NATIONALS = re.compile(r"\s+of\s+(?:its|their)\s+(?:own\s+)?(?:citizens|nationals|people)\b", re.IGNORECASE)
# a few words after a number with no clause break or number: where "on both sides" is the number's own
SPANNING_REACH = 40
RE_BREAK_OR_NUMBER = re.compile(r"[,;.]|\d")
# a clause break, then another number written in digits
RE_NEXT_COUNT = re.compile(r"[,;][^,;]*?(?<![\w.,])\d")
# the people a clause is about when a number is their kin's ("the families of the 203 hostages rallied")
RE_KIN_OF = re.compile(r"\b(?:families|relatives|parents|loved\s+ones|friends|supporters|widows|mothers|fathers)\s+"
                       r"of\s+(?:(?:the|some|about|around|nearly|more\s+than|over|at\s+least)\s+)*$", re.IGNORECASE)
# a relative clause of place right after a name: what it tells happened there
RE_WHERE_AFTER = re.compile(r",?\s+where\b")
# Lower-case words a title-case headline keeps ("Villagers In Mali in Fresh Attacks of ...").
TITLE_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "and", "to", "for", "at", "by", "as", "with"})
# the "on" of a phrasal verb is no preposition of place ("called on Sudan to protect civilians")
RE_PHRASAL_ON = re.compile(
    r"\b(?:call|calls|called|calling|urged?|urging|press(?:es|ed|ing)?|prevail(?:s|ed)?)\s+on\s+$", re.IGNORECASE
)
# what an actor's act struck, after its noun ("U.S. strikes [on Yemen]")
RE_TARGET_AFTER = re.compile(r"\s+(?:on|against|targeting|in)\s+(?:the\s+)?(?:[a-z]+\s+){0,4}([A-Z][\w'’.-]*(?<![.-]))")
RE_DESTINATION = re.compile(r"\b(?:into|to|inside)\s+(?:the\s+)?$", re.IGNORECASE)
# How far after an event a figure told by a participle is that event's ("attacked Israel on Oct. 7,
# killing 1,200": characters).
EVENT_REACH = 80
# How far after an event's own words its number may stand with nothing between but qualifiers ("Hamas gunmen
# killed at least 1,400": characters).
EVENT_VERB_REACH = 20
# ", which killed 1,200": a relative clause of the event before it
RE_RELATIVE = re.compile(r"(?:,\s+|\s)(?:which|that|in\s+which)\b")
# what an event struck, after its words ("the Hamas attack [on southern Israel]"): a preposition, a word, a name
RE_EVENT_TARGET = re.compile(r"\s+(?:on|in|into|against)\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][\w'’-]*")
RE_CLAUSE_BREAK = re.compile(r"[,;:.()—–]|\b(?:while|and|but|as|whereas|when|after|before|since|then)\b", re.IGNORECASE)
# Words before a demonym that make it the demonym of part of a count ("most of them Palestinians").
RE_PART_BEFORE = re.compile(r"\b(?:most|many|some|half|majority|mostly|mainly|largely|including)\b"
                            r"(?:\s+of\s+(?:them|whom|those|the\s+dead))?\s+(?:the\s+|\w+\s+)?$", re.IGNORECASE)
# How far before its number a demonym's toll may stand ("the Palestinian death toll has now passed": characters).
TOLL_REACH = 70
# Between a toll and its number: a new clause or sentence means the number is not the toll's.
RE_TOLL_BREAK = re.compile(r"[;:.()]|,\s+(?:and|but|while)\b|\d")
# A number of two or more digits ("178", "1,200"; not the 7 of "Oct. 7"): a location past it is its own.
RE_OTHER_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*\d(?![\w])")
# All-caps words shorter than this are taken for acronyms, not names ("GAO" is no town of Mali).
MIN_CAPS_NAME = 4
_CASELESS: dict[re.Pattern, re.Pattern] = {}
_NEW_CLAUSE: dict[int, tuple[Patterns, re.Pattern]] = {}

Found = tuple[int, int, str, bool]  # start, end, place key, named as a location


def _caseless(pattern: re.Pattern) -> re.Pattern:
    if pattern not in _CASELESS:
        _CASELESS[pattern] = re.compile(pattern.pattern, pattern.flags | re.IGNORECASE)
    return _CASELESS[pattern]


def _name_patterns(token: str, p: Patterns) -> tuple[tuple[re.Pattern, str], ...]:
    """The name patterns to try at a word: by its spelling, then (all-caps text) by its title case."""
    first_word = p.place_first_word
    candidates = first_word.get(token)
    if candidates is None and ("'" in token or "’" in token):
        candidates = first_word.get(token.replace("’", "'")) or first_word.get(RE_APOSTROPHE.split(token)[0])
    if candidates is None and token.isupper() and len(token) >= MIN_CAPS_NAME:
        title = first_word.get(token.title()) or first_word.get(token.capitalize())
        candidates = tuple((_caseless(pattern), key) for pattern, key in title or ())
    return candidates or ()


def _new_clause(p: Patterns) -> re.Pattern:
    """A participle that opens a new clause ("..., taking 200 hostages")."""
    cached = _NEW_CLAUSE.get(id(p))
    if cached is None or cached[0] is not p:
        words = "|".join(sorted(map(re.escape, p.new_clause_participles), key=len, reverse=True))
        cached = _NEW_CLAUSE[id(p)] = (p, re.compile(rf"\b(?:{words or '(?!)'})\b", re.IGNORECASE))
    return cached[1]


def _person_name(text: str, a: int, b: int, p: Patterns) -> bool:
    """Whether the name at ``[a, b)`` is a person's first name: after a title ("Defence Minister Israel Katz") or
    before a surname and a report verb ("Jordan Bardella said") or an age ("Golan Levi, 40,").
    """
    return bool(p.re_person_title_before.search(text, max(0, a - 40), a) or p.re_surname_said_after.match(text, b))


def _located(text: str, a: int, b: int, p: Patterns) -> bool | None:
    """Whether the name at ``[a, b)`` of ``text`` is where something happened ("in Gaza"); None when it is an
    institution's seat ("the Ministry of Health in Ramallah"), which says nothing of where.
    """
    before = text[max(0, a - 60) : a]
    seat = p.re_place_institution.search(before)
    # "near Al Azhar University in Gaza City": beside an institution, the place is where it happened
    if (seat and not RE_BESIDE.search(before, 0, seat.start())) or p.re_place_possessed.match(text, b):
        return None
    if text[a:b] in p.place_main_names and p.re_place_near.search(before):
        return None  # "near Gaza": beside the country, not in it
    if p.re_place_destination.search(before):
        return False  # "allowed into Egypt", "fled to Chad": where they went, not where it happened
    if RE_WHERE_AFTER.match(text, b):
        return True  # "Kibbutz Be'eri, where 100 civilians were killed"
    # "in Gaza's largest hospital", "in Ukraine's east": a possessed place is in its possessor
    possessive = RE_POSSESSIVE.match(text, b) is not None and not p.re_possessed_place.match(text, b)
    located = bool(p.re_place_preposition.search(before)) and not possessive and not RE_PHRASAL_ON.search(before)
    if not located and p.re_place_actor.match(text, b):
        return None  # "Israel has killed ...": the side that did it
    actor = p.re_demonym_actor.match(text, b)
    target = RE_TARGET_AFTER.match(text, actor.end()) if actor else None
    if target and any(pattern.match(text, target.start(1)) for pattern, _ in _name_patterns(target.group(1), p)):
        return None  # "killed in U.S. strikes on Yemen": the side that struck, the place struck named after
    return located


def _aside_spans(text: str, p: Patterns) -> list[tuple[int, int]]:
    """The headlines of lines pointing to another story ("Read Also: Jihadists Massacre 51 Villagers In Mali"):
    from the opener to the first word that is neither capitalised, a number, nor a short function word.
    """
    spans = []
    for m in p.re_place_aside.finditer(text):
        end = m.end()
        for word in RE_WORD.finditer(text, m.end()):
            if not (word.group()[0].isupper() or word.group()[0].isdigit() or word.group() in TITLE_FUNCTION_WORDS):
                break
            end = word.end()
        spans.append((m.start(), end))
    return spans


def _places(text: str, offset: int, p: Patterns, renames: dict[str, str] | None = None, *,
            seats: bool = False) -> list[Found]:
    """``(start, end, key, located)`` of every place name in ``text`` (offsets plus ``offset``), in order.

    A name inside a longer one is not found again ("Congo" in "Democratic Republic of Congo"); names in
    a line pointing to another story are not found; ``renames`` maps a name to the place it means in
    this document (:func:`_renames`); ``seats`` keeps the names that are no evidence of where (an institution's
    seat, an actor), as not located.
    """
    found = []
    for word in p.re_place_word.finditer(text):
        for pattern, key in _name_patterns(word.group(), p):
            m = pattern.match(text, word.start())
            if m:
                found.append((m.start(), m.end(), key))
                break
    if p.re_place is not None:
        found += [(m.start(), m.end(), p.place_keys[int(m.lastgroup[1:])])  # type: ignore[index]
                  for m in p.re_place.finditer(text)]
    if p.re_demonym_territory is not None:  # "on the Lebanese side", "Syrian villages"
        found += [(m.start(), m.end(), p.demonym_place[m.group(1).lower()])
                  for m in p.re_demonym_territory.finditer(text)]
    found.sort(key=lambda f: (f[0], -f[1]))
    asides = _aside_spans(text, p)
    kept: list[Found] = []
    reach = 0
    for a, b, key in found:
        if a < reach or RE_RUNS_ON.match(text, b) or p.re_place_continuation.match(text, b):
            continue
        reach = b
        if any(x <= a < y for x, y in asides) or _person_name(text, a, b, p):
            continue
        key = (renames or {}).get(text[a:b], key)
        located = _located(text, a, b, p)
        if located is not None or seats:
            kept.append((offset + a, offset + b, key, bool(located)))
    return kept


def _renames(text: str, p: Patterns, found: dict) -> dict[str, str]:
    """Names of two places mapped to the one this document means (vocabulary ``place_alternatives``): the
    alternative it names by another name ("Atlanta"), unless it also names the name's own place ("Tbilisi").
    """
    if "renames" not in found:
        renames = {}
        pieces = [found.get("context") or "", found.get("title") or "", text]
        for key, name, re_key_names, re_own_names in p.place_alternatives:
            # only a text or headline holding the name reads the earlier passages (they can be long)
            if any(name in piece for piece in pieces[1:]) and any(re_key_names.search(piece) for piece in pieces) \
                    and not any(re_own_names.search(piece) for piece in pieces):
                renames[name] = key
        found["renames"] = renames
    return found["renames"]


def _text_places(text: str, p: Patterns, found: dict) -> tuple[list[Found], list[int]]:
    """The place names of the whole text and their starts (found once)."""
    if "text" not in found:
        names = _places(text, 0, p, _renames(text, p, found))
        found["text"] = (names, [name[0] for name in names])
    return found["text"]


def _last_place_before(text: str, position: int, p: Patterns, found: dict) -> str | None:
    """The key of the last place name that ends at or before ``position``, else the last of the context."""
    names, starts = _text_places(text, p, found)
    k = bisect.bisect_left(starts, position) - 1
    while k >= 0 and names[k][1] > position:
        k -= 1
    if k >= 0:
        # a location ("in Khan Younis") within reach outranks a later name as an actor ("Israel has said")
        for j in range(k, -1, -1):
            if names[j][1] < position - LOCATED_BEFORE_REACH:
                break
            if names[j][3]:
                return names[j][2]
        return names[k][2]
    if "context_place" not in found:  # the last place named in the document before this text
        context = found.get("context") or ""
        context_names = _places(context, 0, p, _renames(text, p, found)) if context else []
        found["context_place"] = context_names[-1][2] if context_names else None
    return found["context_place"]


def _title_place(text: str, p: Patterns, found: dict) -> str | None:
    """The place where the story of the document's headline (``found["title"]``) happens, if it names only one.

    A name counts as a location ("... in Gaza") or as what the headline's act reaches ("Thousands Flee Northern
    Gaza", "Survivors of the Israel music festival"); not as its opening subject ("Israel Says ..."), an actor, a
    possessor or the seat of a statement. Two places say nothing of which ("strikes at Israel during the war in Gaza").
    """
    if "title_place" not in found:
        title = found.get("title") or ""
        names = _places(title, 0, p, _renames(text, p, found)) if title else []
        # the subject of the headline or of one of its parts ("...; Israel displays ...") is its actor
        subjects = {0, len(title) - len(title.lstrip())} | {m.end() for m in RE_TITLE_PART.finditer(title)}
        # a name the headline opens with as its label ("Afghanistan: floods kill dozens") is where its story happens
        located = {name[2] for name in names
                   if name[3] or (name[0] in subjects and RE_LABEL_AFTER.match(title, name[1]))}
        reached = {name[2] for name in names if not name[3] and name[0] not in subjects
                   and not (RE_POSSESSIVE.match(title, name[1]) and not p.re_possessed_place.match(title, name[1]))
                   and not p.re_title_name_of_war.match(title, name[1])}
        keys = located or reached  # a location first ("... collapse in Gaza; Israel displays ...")
        found["title_place"] = keys.pop() if len(keys) == 1 else None
    return found["title_place"]


def _demonym(text: str, p: Patterns, *, victims_only: bool = False) -> str | None:
    """The place of the first demonym of victims in ``text`` (in its own case, or in all-caps text).

    A demonym before a noun of the side that did it ("Russian forces", "an Israeli strike") or its act
    ("Hezbollah killed") is skipped; with ``victims_only`` (a demonym anywhere in a sentence) also one naming part
    of a count ("most of them Palestinians") or a source ("Palestinian medical officials say").
    """
    if p.re_demonym is None:
        return None
    pattern = p.re_demonym
    if any(c.isupper() for c in text) and text.upper() == text:
        pattern = _caseless(p.re_demonym)
    for m in pattern.finditer(text):
        # "Russian forces", "Hezbollah killing three": the side that did it
        if not p.re_demonym_actor.match(text, m.end()) and not p.re_place_actor.match(text, m.end()) and not (
                victims_only and (RE_PART_BEFORE.search(text, max(0, m.start() - 30), m.start())
                                  or (p.re_demonym_source.match(text, m.end())
                                      and m.group().lower() not in p.demonyms_of_authorities))):
            return p.demonym_place.get(m.group().lower())
    return None


def _told_as_event(sentence: str, event_end: int, number: int, p: Patterns) -> bool:
    """Whether the number at ``number`` is told as the event's ending at ``event_end``: "..., killing 1,200" after
    it, the event's own verb right before ("Hamas gunmen killed 1,400"), or its relative clause ("that killed").
    """
    return 0 <= number - event_end <= EVENT_REACH and bool(
        _new_clause(p).search(sentence, event_end, number)
        or (number - event_end <= EVENT_VERB_REACH and not RE_CLAUSE_BREAK.search(sentence, event_end, number))
        or (RE_RELATIVE.search(sentence, event_end, number) is not None
            and not RE_OTHER_NUMBER.search(sentence, event_end, number)))


def _toll_demonym(left: str, p: Patterns) -> str | None:
    """The place of a demonym before the toll the number is ("the Palestinian death toll passed 7,300")."""
    if p.re_demonym_toll is None:
        return None
    near = left[-TOLL_REACH:]
    tolls = list(p.re_demonym_toll.finditer(near))
    if not tolls or RE_TOLL_BREAK.search(near, tolls[-1].end()):
        return None
    return p.demonym_place.get(tolls[-1].group().split()[0].lower())


def _event_place(sentence: str, number: int, p: Patterns, starts: list[tuple[int, int]]) -> tuple[str | None, bool]:
    """The place of an event the sentence names as its own, not as the start of a war (``starts``: its
    :func:`_war_starts`), and whether the figure at ``number`` (offset in ``sentence``) is told as that event's
    ("..., killing 1,200").

    An event told by its actor and act (vocabulary ``place_event_acts``) counts only for the figures told as its own.
    """
    for key, pattern in p.place_of_event:
        for m in pattern.finditer(sentence):
            attached = _told_as_event(sentence, m.end(), number, p)
            # a war's start named in several overlapping ways ("in response to the Hamas rampage in southern Israel on")
            if attached or not any(a <= m.start() < b for a, b in starts):
                return key, attached
    for key, pattern in p.place_of_event_act:
        for m in pattern.finditer(sentence):
            if _told_as_event(sentence, m.end(), number, p):
                return key, True
    return None, False


def _war_starts(sentence: str, p: Patterns) -> list[tuple[int, int]]:
    """Spans of the events a sentence names as the start of a war ("since the Hamas attack on Israel"), with the
    place they struck: that place is the event's, not the figures' after it.
    """
    spans = []
    for _, pattern in (*p.place_of_event, *p.place_of_event_act):
        for m in pattern.finditer(sentence):
            if p.re_place_event_start.search(sentence, max(0, m.start() - 40), m.start()):
                target = RE_EVENT_TARGET.match(sentence, m.end())
                spans.append((m.start(), target.end() if target else m.end()))
    return spans


def _default_place(key: str | None, text: str, p: Patterns, found: dict) -> str | None:
    """``key`` when the text is about the war its defaults belong to (it names one of its places or none)."""
    if key is None:
        return None
    if "about_war" not in found:
        # every name counts here, the seats of institutions too ("the Health Ministry in Gaza")
        names = _places(text, 0, p, _renames(text, p, found), seats=True)
        found["about_war"] = not names or any(name[2] in p.place_default_war for name in names)
    return key if found["about_war"] else None


def decide_place(
    cand: Candidate, text: str, spans: list[tuple[int, int]], i: int, p: Patterns, *, source_type: str,
    outcome: str | None = None, group: str | None = None, parent: Candidate | None = None,
    previous: Candidate | None = None, found: dict | None = None,
) -> tuple[str, str]:
    """``(place, rule)`` of a figure in sentence ``i`` of ``spans`` (offsets into ``text``; ``previous``: the
    figure before it in its sentence).

    ``found`` caches the place names of the pieces of the text read, between calls on the same text;
    its ``"context"``, when given, is the text of the document before ``text`` (earlier passages).
    """
    found = {} if found is None else found

    def places_in(a: int, b: int) -> list[Found]:
        if (a, b) not in found:
            found[(a, b)] = _places(text[a:b], a, p, _renames(text, p, found))
        return found[(a, b)]

    if "asides" not in found:
        found["asides"] = _aside_spans(text, p)
    for x, y in found["asides"]:
        if x <= cand.start < y:  # a figure in a headline of another story: the place that headline names
            names = _places(text[x:y].split(":", 1)[-1], 0, p)
            return (names[0][2], "place.in_sentence") if names else ("unknown", "place.unknown")
    s, e = spans[i]
    sentence = text[s:e]
    start, end = cand.start, cand.end
    # the place a war's first event struck is no place of the figures after it (unless it is this figure's event)
    sentence_war_starts = _war_starts(sentence, p)
    war_starts = [(s + a, s + b) for a, b in sentence_war_starts if not a <= start - s < b]
    in_sentence = [pl for pl in places_in(s, e) if not any(a <= pl[0] < b for a, b in war_starts)]
    if RE_KIN_OF.search(cand.left[-40:]):
        in_sentence = []  # "the families of the 203 hostages rallied in Tel Aviv": its places are the families'
    located = [pl for pl in in_sentence if pl[3]]
    lo, hi = clause_bounds(sentence, start - s, end - s)
    near = (max(s, start - TAKEN_REACH), min(e, end + TAKEN_REACH))
    taken = outcome == "hostage" and p.re_place_taken.search(text, *near) is not None
    # prisoners and detainees are placed where they were detained or are held, never by nationality or a
    # default (eval/README.md, "Hostages"); released prisoners are no hostages held in Gaza
    detention = outcome == "detained" or group in p.place_detention_groups
    # hostages named in its own noun phrase ("four Israeli hostages had been killed") were held too
    own_words = RE_WORD.findall(cand.right[: max(cand.np_end, 1) + 1].lower())
    held_by_noun = next((p.place_by_group[p.people_groups[word]] for word in own_words
                         if p.people_groups.get(word) in p.place_by_group), None)
    held = not taken and not detention and (outcome in p.place_by_outcome or group in p.place_by_group
                                            or held_by_noun is not None)

    def belongs(pl: Found) -> bool:
        # a place past a new clause ("..., taking 200 hostages into Gaza"), another number or a taking is
        # theirs
        return not past_clause(pl) and fits(pl)

    def past_clause(pl: Found) -> bool:
        return pl[0] >= end and bool(
            _new_clause(p).search(text, end, pl[0]) or RE_OTHER_NUMBER.search(text, end, pl[0])
            or p.re_nominal_gap_bad.search(text, end, pl[0])
            or (not taken and p.re_place_taken.search(text, end, pl[0]))
            or RE_NEW_FINITE_CLAUSE.search(text, end, pl[0])
        )

    def in_dateline(pl: Found) -> bool:
        return pl[0] - s <= DATELINE_REACH and RE_DATELINE_AFTER.match(text, pl[1]) is not None

    def fits(pl: Found) -> bool:
        # where people were taken to is no place but that of the hostages held there; held or released
        # hostages were held where they are, not where they were taken from ("kidnapped from Israel")
        if not held and RE_DESTINATION.search(text, max(s, pl[0] - 12), pl[0]) and (
            (taken and pl[0] >= end) or p.re_place_taken.search(text, max(s, pl[0] - TAKEN_REACH), pl[0])
        ):
            return False
        return not (held and p.re_place_taken.search(text, max(s, pl[0] - 25), pl[0]))

    # "more than 4,000 dead on both sides": one number of two places, whatever event it follows
    window = text[end : min(e, end + SPANNING_REACH)]
    spanning = p.re_place_spanning.search(window)
    if spanning and not RE_BREAK_OR_NUMBER.search(window, 0, spanning.start()):
        return "unknown", "place.spanning"
    own_event, attached = _event_place(sentence, start - s, p, sentence_war_starts)
    if held:  # hostages held or released were held where they are, whatever event they were taken in
        own_event = None
    if own_event is not None and (taken or attached):
        # people taken hostage in an event known by its place were taken there ("... into Gaza" is where to);
        # a figure told as the event's ("attacked Israel on October 7, killing 1,200") is that event's
        return own_event, "place.event"
    after = [pl for pl in located if pl[0] >= end and pl[1] <= s + hi and belongs(pl)]
    before = [pl for pl in located if pl[1] <= start and pl[0] >= max(s + lo, start - MAX_BEFORE) and belongs(pl)]
    if after:
        return after[0][2], "place.in_clause"
    if p.re_place_spanning.search(sentence, lo, hi):
        return "unknown", "place.spanning"
    if before:
        return before[-1][2], "place.in_clause"
    clause = sentence[lo:hi]
    if p.re_place_anaphor.search(clause):
        referred = _last_place_before(text, start, p, found)
        if referred is not None:
            return referred, "place.anaphor"
    # an army's dead fall wherever it fights: its demonym places none of them ("Israeli soldiers")
    army = group in p.place_army_groups
    own_demonym = None if army else _demonym(cand.right[: max(cand.np_end, 1) + 1], p) or _toll_demonym(cand.left, p)
    if own_event is not None and (own_demonym in (None, own_event) or own_demonym not in p.place_default_war):
        return own_event, "place.event"
    more = previous is not None and (p.re_another_before.search(cand.left[-12:]) or p.re_more_after.match(cand.right))
    if more and previous.get("place") not in (None, "unknown"):
        return previous.get("place"), "place.same_as_before"
    # a place past a clause break and another number is that number's ("..., and that 126 are held in Gaza")
    located = [pl for pl in located if fits(pl) and not (pl[0] >= end and RE_NEXT_COUNT.search(text, end, pl[0]))]
    if located and not held:
        return located[0][2], "place.in_sentence"
    if parent is not None and parent.get("place") not in (None, "unknown") and not held:
        return parent.get("place"), "place.parent"
    if p.re_place_cue is not None and not held:
        cue = p.re_place_cue.search(sentence)
        if cue:
            return p.place_cues[cue.group().lower()], "place.cue"
    if own_demonym is not None and not held and not detention:
        return own_demonym, "place.own_demonym"
    for key, rule in ((p.place_by_source_type.get(source_type), "place.source_type"),
                      (None if taken or detention else p.place_by_outcome.get(outcome or ""), "place.outcome"),
                      (None if taken else p.place_by_group.get(group or "", held_by_noun), "place.group")):
        default = _default_place(key, text, p, found)
        if default is not None:
            return default, rule
    # where people were moved to is where the displaced are, no one else's ("ten wounded were flown to Jordan")
    # a country that speaks of its nationals abroad is not where they are ("U.S. officials said 20 Americans ...")
    # a country that frees prisoners is the side that did it, not where they were detained ("Israel released 39
    # Palestinian prisoners", "Russia freed 90 prisoners of war"); an army's country is not where its soldiers fell
    # ("Jordan said 3 of its soldiers died")
    named = [pl for pl in in_sentence if not in_dateline(pl) and not past_clause(pl) and fits(pl)
             and (outcome == "displaced" or not p.re_place_destination.search(text, max(0, pl[0] - 60), pl[0]))
             and group not in p.place_nationals_groups and not RE_ITS_NATIONALS.match(cand.right)
             and not (detention and outcome == "released") and not army]
    if named:
        return named[0][2], "place.named_in_sentence"
    named_before = _last_place_before(text, s, p, found)
    if named_before is not None:
        return named_before, "place.previous_sentence"
    dateline = [pl for pl in in_sentence if in_dateline(pl)]
    if dateline:
        return dateline[0][2], "place.dateline"
    # neither a detainee's nationality nor that of who detained them says where ("Israeli police said"); a
    # demonym of part of the count ("2,200 died, most of them Palestinians") says nothing of the rest
    sentence_demonym = None if detention or army else _demonym(sentence, p, victims_only=True)
    if sentence_demonym is not None:
        return sentence_demonym, "place.demonym"
    # no headline places a count told as the whole war's ("have been killed in the conflict")
    if _title_place(text, p, found) is not None and not p.re_place_whole_war.search(clause):
        return _title_place(text, p, found), "place.title"
    # the place the passage is about: the first place named after the sentence, else a demonym anywhere
    names, starts = _text_places(text, p, found)
    k = bisect.bisect_left(starts, e)
    if k < len(names):
        return names[k][2], "place.passage"
    if "demonym" not in found:  # the first demonym of the text, found once
        found["demonym"] = _demonym(text, p, victims_only=True)
    if found["demonym"] is not None and not detention and not army:
        return found["demonym"], "place.passage"
    return "unknown", "place.unknown"
