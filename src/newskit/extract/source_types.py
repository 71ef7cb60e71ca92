"""Source types: the kind of source an attribution phrase names, read from the phrase and its context.

The vocabulary's ``sources`` section maps phrases to types (the type listed first wins, unless a
longer phrase of another type contains it); a bare "the ministry" is the ministry named before it;
a person with no kind of their own takes the kind of their apposition or of the subject they stand
in; the types of the Israel-Gaza war (``home_war_types``) go to a phrase that names another country,
or to a generic phrase ("the army", "police") in a text about another country, as ``other``; "police"
and "authorities there" take the side of the place their sentence names (``source_type_by_place``); a
name the vocabulary lacks is an NGO or a UN body by how it is made ("... Foundation", "UNAMID"). The
rule ids are the attribution stage's (:data:`newskit.extract.attribution.RULES`).
"""

from __future__ import annotations

import re

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns, compile_patterns
from newskit.extract.place import _places
from newskit.numbers import has_number, number_positions
from newskit.schema import SourceType

# How far before its sentence "the group said" looks for the organisation it stands for (characters).
ORGANISATION_LOOK_BACK = 2_500
# How far back a bare "the ministry" looks for the ministry it stands for (characters).
CONTEXT_FOR_MINISTRY = 5_000
# How far after a number the victims a source does not count are looked for (characters).
VICTIMS_AFTER = 60
# where a source's own words end and a place begins: "the health ministry in Hamas-ruled Gaza"
RE_LOCATED = re.compile(r"\s(?:in|at|inside)\s")
# where the head of a source ends and its complement or a second source begins: "the U.N. agency for
# Palestinians", "Israel's ambassador to the UN", "the health ministry and witnesses" (the first named)
RE_HEAD_CUT = re.compile(r",?\s(?:and|for|to)\s")
# what may follow the phrase that names a kind at the end of a head ("UN officials", "the U.N. agency")
RE_HEAD_NOUNS = re.compile(
    r"(?:\s+(?:officials?|spokes(?:man|woman|person|people|men|women)|sources?|staff|workers?|teams?|officers?|"
    r"members?|agency|agencies|office|mission|body|bodies|department|services?|report|figures|data|statement))*"
)
# an organisation of civil society the vocabulary does not list, by the noun its name ends with
# ("the Hind Rajab Foundation", "Sudan Doctors Network", "Plan International")
RE_ORGANISATION_NAME = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|the)\s+)?)+"
    r"(?:Foundation|Society|Watch|Network|Coalition|Alliance|Association|Federation|Trust|Initiative|Observatory|"
    r"Monitor|Project|Committee|Forum|Campaign|Syndicate|Center|Centre|International)(?![\w-])(?!\s+[A-Z])"
)
# the capitalised words a name opens with, before a match inside it
RE_CAPITALISED_RUN_END = re.compile(r"(?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|the)\s+)?)+$")
# a name of a body of a state, not of civil society ("the National Counterterrorism Center")
RE_STATE_BODY_START = re.compile(r"(?:[Tt]he\s+)?(?:National|Federal|Central|Joint|Government|State|Presidential|"
                                 r"Supreme)\s")
# a UN agency or mission by an acronym the vocabulary does not list ("UNAMID", "MINUSCA")
RE_UN_ACRONYM = re.compile(r"(?<![\w-])(?:UN[A-Z]{2,}|MINUS[A-Z]{2,})(?![\w-])")
# a place named as where things happen ("in Manhattan", "at the camp in Jenin"), not as what is acted on
# ("the bombardment of Gaza")
RE_LOCATION_BEFORE = re.compile(
    r"\b(?:in|at|near|inside|outside|across|throughout)\s+(?:the\s+)?(?:[\w'’-]+\s+)?$", re.I
)
RE_RELATIVE_START = re.compile(r"\s(?:who|whom|whose|which|that)\s")
RE_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")
# How far before its sentence the place that types "police", "authorities there" is looked for (characters).
PLACE_LOOK_BACK = 1_500
RE_TOLD_OUTLET = re.compile(r"\btold\s+[A-Z]")
# an outlet's person, where they report from or not ("The BBC's Lyse Doucet in Rafah", "CNN's Nic Robertson")
RE_OUTLET_PERSON = re.compile(
    r"^(?:[Tt]he\s+)?(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s\s+"
    r"(?P<person>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})(?:\s+(?:in|from)\s+[A-Z][\w'’ -]*)?$"
)
# ", spokesperson for the U.N. rights office, said": periods of abbreviations stay inside
RE_APPOSITION = re.compile(r",\s*((?:the\s+|a\s+|an\s+)?(?:[^,;.]|\.(?=\S))[^,;]{2,100}?)\s*(?:,|\bsaid\b|$)")
# "the head of the mission": an organisation named before, by its generic noun
RE_GENERIC_BODY = re.compile(
    r"\bthe\s+(?:\w+\s+)?(?:mission|group|organi[sz]ation|agency|monitor|network|observatory|office|report)\b", re.I
)
RE_MINISTRY_MENTION = re.compile(r"((?:[\w'’-]+\s+){0,2})ministry\b(\s+of\s+(?:the\s+)?[\w'’-]+)?", re.IGNORECASE)
MINISTRY_FUNCTION_WORDS = frozenset("the a an at of in to by from said says and that with for its".split())
# a capitalised name before "'s" ("Russia's ambassador")
RE_POSSESSOR = re.compile(r"(?<![\w-])([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)['’]s\b")
# a capitalised adjective of a country the vocabulary may not list ("the Philippine Embassy")
RE_COUNTRY_ADJECTIVE = re.compile(
    r"^(?:[Tt]he\s+)?(?P<adj>[A-Z][a-z]+(?:an|ine|ese|ish|ic|i))\s+"
    r"(?:[Ee]mbassy|[Gg]overnment|[Mm]inistry|[Aa]rmy|[Mm]ilitary|[Pp]olice|[Aa]uthorities|officials?)\b"
)


def typed_match(text: str, p: Patterns, *, types: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """``(source_type, phrase found)``: the phrase of the vocabulary that ends last in ``text`` before a
    place after "in"/"at" (the head of "Israel's Kan TV", "the health ministry in Hamas-ruled Gaza"); of
    phrases that end together the longest, then the type listed first."""
    located = RE_LOCATED.search(text)
    if located and located.start() > 0:
        found = typed_match(text[: located.start()], p, types=types)
        if found:
            return found
    matches = []
    for order, (source_type, pattern) in enumerate(p.source_types):
        if types is not None and source_type not in types:
            continue
        matches += [(m.end(), m.end() - m.start(), -order, source_type, m) for m in pattern.finditer(text)]
    if not matches:
        return None
    *_, best_type, best = max(matches, key=lambda match: match[:3])
    head = RE_HEAD_CUT.search(text)
    if head and head.start() > 0 and best.start() >= head.end():
        # the phrase found stands after "and"/"for"/"to": the words before are the head when they end
        # with a phrase of a kind ("Israel's envoy to the UN", "the UN and hospital officials"), not
        # when they share a noun with the words after ("Palestinian health and Israeli military officials")
        before = text[: head.start()].rstrip()
        found = typed_match(before, p, types=types)
        rest = before[before.rfind(found[1]) + len(found[1]) :] if found else ""
        if found and RE_HEAD_NOUNS.fullmatch(rest) and not (p.re_demonym and p.re_demonym.fullmatch(found[1])):
            return found
    return best_type, best.group()


def last_typed_before(text: str, position: int, p: Patterns, *, types: tuple[str, ...]) -> tuple[str, str] | None:
    """``(source_type, phrase)``: the last phrase of ``types`` in the text just before ``position``."""
    window = text[max(0, position - ORGANISATION_LOOK_BACK) : position]
    best = None
    for source_type, pattern in p.source_types:
        if source_type in types:
            for m in pattern.finditer(window):
                if best is None or m.start() > best[0]:
                    best = (m.start(), source_type, m.group())
    return (best[1], best[2]) if best else None


def classify_source_rule(source: str | None, p: Patterns, *, context: str = "") -> tuple[SourceType, str]:
    """``(source_type, rule)`` of an attribution phrase."""
    if not source:
        return "none", "source_type.none"
    if p.re_generic_ministry.match(source.strip()) and p.re_health_ministry_mention.search(context):
        return "health_ministry", "source_type.generic_ministry"
    if RE_TOLD_OUTLET.search(source) and p.re_sources_word.match(source):
        return "media", "source_type.sources_told_outlet"
    found = typed_match(source, p)
    if found:
        return found[0], "source_type.phrase"  # type: ignore[return-value]
    by_name = organisation_type(source)
    if by_name:
        return by_name, "source_type.organisation_name"  # type: ignore[return-value]
    return "other", "source_type.other"


def organisation_type(text: str) -> str | None:
    """"un" or "ngo" for a name the vocabulary lacks that is a UN acronym ("UNAMID") or ends like the name
    of an organisation of civil society ("the Hind Rajab Foundation", "Adalah Legal Center"), else None.

    >>> [organisation_type(name) for name in ("the Sudan Emergency Lawyers Network", "UNAMID", "Mr. Li")]
    ['ngo', 'un', None]
    """
    if RE_UN_ACRONYM.search(text):
        return "un"
    for m in RE_ORGANISATION_NAME.finditer(text):
        run = RE_CAPITALISED_RUN_END.search(text, 0, m.start())  # the whole name: "The National Counterterrorism"
        if not RE_STATE_BODY_START.match(run.group() + m.group() if run else m.group()):
            return "ngo"
    return None


def classify_source(source: str | None, *, context: str = "", vocabulary=None) -> SourceType:
    """The ``source_type`` of an attribution phrase (None -> "none").

    ``context`` is the text the phrase comes from: a bare "the ministry" is the health ministry when
    the context names one.

    >>> classify_source("the Hamas-run health ministry"), classify_source("Mr Netanyahu's office")
    ('health_ministry', 'israeli_government')
    >>> classify_source("the Israeli military"), classify_source("sources told CNN"), classify_source(None)
    ('israeli_military', 'media', 'none')
    """
    return classify_source_rule(source, compile_patterns(vocabulary), context=context)[0]


def is_home_war_text(text: str, p: Patterns, cache: dict) -> bool:
    """Whether ``text`` is about the Israel-Gaza war: it names that war's places and words at least as
    often as other countries (a text that names no country counts as about it)."""
    if "home_war" not in cache:
        keys = [key for _, key in _place_keys(text, p)]
        foreign = sum(key not in p.home_war_places for key in keys)
        cache["home_war"] = len(keys) - foreign + len(p.re_home_war.findall(text)) >= foreign
    return cache["home_war"]


def _place_keys(text: str, p: Patterns) -> list[tuple[int, str]]:
    """``(offset, place key)`` of every place name and demonym of ``text``, in order."""
    found = [(a, key) for a, _b, key, _located in _places(text, 0, p)]
    if p.re_demonym is not None:
        found += [(m.start(), p.demonym_place[m.group().lower()]) for m in p.re_demonym.finditer(text)]
    return sorted(found)


def is_place_name(phrase: str, p: Patterns) -> bool:
    """Whether ``phrase`` is only a place name ("Gaza", "the West Bank")."""
    words = phrase.removeprefix("the ").removeprefix("The ")
    found = _places(words, 0, p)
    return len(found) == 1 and found[0][0] == 0 and found[0][1] == len(words)


def names_another_country(phrase: str, p: Patterns) -> bool:
    """Whether the first place or demonym ``phrase`` names is not of the Israel-Gaza war ("Sudan's
    Ministry of Health", "the Philippine Embassy in Israel")."""
    names = [(at, key not in p.home_war_places) for at, key in _place_keys(phrase, p)]
    names += [(m.start(), False) for m in p.re_home_war.finditer(phrase)]
    for m in RE_POSSESSOR.finditer(phrase):  # "Russia's ambassador to Israel": a possessor the place stage skips
        keys = [key for _a, _b, key, _located in _places(m.group(1), 0, p)]
        if keys:
            names.append((m.start(), keys[0] not in p.home_war_places))
    adjective = RE_COUNTRY_ADJECTIVE.match(phrase)  # "the Kenyan embassy", a demonym the vocabulary lacks
    if adjective:
        names.append((adjective.start("adj"), not p.re_home_war.fullmatch(adjective.group("adj"))))
    return min(names)[1] if names else False


def is_journalist(phrase: str, text: str, p: Patterns, found: dict) -> bool:
    """Whether ``phrase`` is a journalist of the outlet ("Security Correspondent X", "Al Jazeera's X,
    reporting from Rafah"); ``found`` keeps, per name, the answer of the scan of ``text``."""
    if p.re_journalist.search(phrase):
        return True
    outlet = RE_OUTLET_PERSON.match(phrase)  # "The BBC's Lyse Doucet in Rafah": the outlet's own reporter
    if outlet and typed_match(outlet.group("outlet"), p, types=("media",)) and not \
            typed_match(outlet.group("person"), p):
        return True
    name = phrase.split()[-1]
    if not name[:1].isupper():
        return False
    if ("reporting_from", name) not in found:
        pattern = rf"\b{re.escape(name)},?\s+(?:who\s+is\s+)?reporting\s+from\b"
        found[("reporting_from", name)] = bool(re.search(pattern, text))
    return found[("reporting_from", name)]


def last_ministry_type(text: str, position: int, p: Patterns) -> str:
    """The type of a bare "the ministry" at ``position``: the ministry named last before it, else the
    health ministry (the ministry that counts casualties)."""
    window = text[max(0, position - CONTEXT_FOR_MINISTRY) : position]
    for m in reversed(list(RE_MINISTRY_MENTION.finditer(window))):
        qualifiers = [w for w in m.group(1).split() if w.lower() not in MINISTRY_FUNCTION_WORDS]
        if not qualifiers and not m.group(2):  # another bare "the ministry"
            continue
        mention = " ".join(qualifiers + ["ministry"]) + (m.group(2) or "")
        if p.re_health_ministry_mention.search(mention):
            return "health_ministry"
        typed = typed_match(mention, p)
        return typed[0] if typed else "other"
    return "health_ministry"


def named_in_text(text: str, p: Patterns) -> tuple[str, re.Match] | None:
    """``(type, match)``: the longest phrase of ``text`` that names a kind of source other than media or
    "other" ("Save the Children", not "charity"), a demonym or a place alone excepted ("Palestinians")."""
    named = [(t, m) for t, pattern in p.source_types if t not in ("media", "other") for m in pattern.finditer(text)
             if not (p.re_demonym and p.re_demonym.fullmatch(m.group())) and not p.re_home_war.fullmatch(m.group())]
    return max(named, key=lambda tm: (tm[1].end() - tm[1].start(), -tm[1].start())) if named else None


def type_from_context(phrase: str, sentence: str, single: str, offset: int, text: str, sentence_start: int,
                      p: Patterns) -> tuple[str, str]:
    """The type of a phrase that names no kind of source, from its apposition ("X, spokesperson for the
    UN rights office, said"; "X, the head of the mission": the mission named before) or from the subject
    it stands in ("X, head of a local rights group ..., said"). ``single`` is ``sentence`` with single
    spaces (as ``phrase`` is written); ``offset`` is the reporting verb's in ``sentence``."""
    # the mention nearest the reporting verb ("A girl, Lway O Dae, died, according to Lway, an official ...")
    mentions = [m.start() for m in re.finditer(re.escape(phrase), single)] if phrase else []
    at = min(mentions, key=lambda a: abs(a - offset)) if mentions else -1
    apposition = RE_APPOSITION.match(single, at + len(phrase)) if at >= 0 else None
    if apposition:
        # "a young man who witnessed the Israeli operation": the head of the apposition, not its relative clause
        words = RE_RELATIVE_START.split(apposition.group(1), maxsplit=1)[0]
        typed = typed_match(words, p)
        if typed and typed[0] not in ("other", "media"):
            return typed[0], "source_type.apposition"
        if typed is None and (by_name := organisation_type(words)):
            return by_name, "source_type.apposition"
        if typed is None and RE_GENERIC_BODY.search(words):
            named = last_typed_before(text, sentence_start, p, types=("ngo", "un"))
            if named:
                return named[0], "source_type.apposition"
    subject = sentence[:offset]
    if subject and not has_number(subject):
        named = named_in_text(subject, p)
        if named and named[0] in ("ngo", "un"):
            return named[0], "source_type.subject"
    return "other", "source_type.other"


def type_by_place(text: str, sentence_start: int, sentence_end: int, offset: int, p: Patterns) -> str | None:
    """The type of a source a place decides ("police", "authorities there", "the government"): the
    vocabulary's ``types_by_place`` of the place its sentence names nearest before ``offset`` (else
    first after it), else of the last place the text before the sentence names after "in"/"at", outside
    quotations ("in Manhattan", not "the bombardment of Gaza" or a banner's "siege on Gaza"); "other" for a place
    not listed there, None when no place is named."""
    sentence = text[sentence_start:sentence_end]
    keys = [(a, key) for a, _b, key, _located in _places(sentence, 0, p)]
    before = [key for a, key in keys if a < offset]
    key = before[-1] if before else (keys[0][1] if keys else None)
    if key is None:
        low = max(0, sentence_start - PLACE_LOOK_BACK)
        window = text[low:sentence_start]
        quoted = [m.span() for m in RE_QUOTATION.finditer(window)]
        earlier = [key for a, _b, key, _located in _places(window, 0, p)
                   if RE_LOCATION_BEFORE.search(window, 0, a) and not any(x <= a < y for x, y in quoted)]
        key = earlier[-1] if earlier else None
    if key is None:
        return None
    return p.types_by_place.get(key, "other")


def not_counted_by_health_ministry(cand: Candidate, text: str, sentence_end: int, p: Patterns) -> bool:
    """Whether the words right after the number name victims a Gaza health ministry does not count
    ("1,400 Israelis", "people in Israel"), up to the next number."""
    after = text[cand.end : min(sentence_end, cand.end + VICTIMS_AFTER)]
    numbers = number_positions(after)
    if numbers:
        after = after[: numbers[0]]
    return bool(p.re_not_reported_by_health_ministry.search(after))
