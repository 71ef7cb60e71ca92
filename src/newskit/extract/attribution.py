"""Attribution stage: the source of a figure as written, and its source type.

The source comes from "according to X", "X said", "said X", "X's figures" in the figure's own
sentence (the nearest attribution whose direction covers it), or from the next sentence when it
explicitly attaches the figure ("That's according to X", "The figures come from X"), or from the
previous sentence when this one says "it said" / "they said"; a subset with none takes its
parent's. ``source_type`` maps the phrase through the vocabulary's ``sources`` section
(:func:`classify_source`).
"""

from __future__ import annotations

import re

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns, compile_patterns
from newskit.numbers import ascii_lower, has_number
from newskit.schema import SourceType

RULES = {
    "source.according_to": "\"according to X\" (or \"figures from X\") in the figure's sentence",
    "source.reporting_verb": "\"X said\", \"said X\" in the figure's sentence",
    "source.named_organisation": "\"the organisation said\": the NGO or UN body the sentence names",
    "source.pronoun_previous_sentence": "\"it said\": the source named in the previous sentence",
    "source.next_sentence": "the next sentence attaches the figure (\"That's according to X\")",
    "source.quote_closed_next_sentence": "a quotation that holds it is closed in the next sentence by \"..., he said\"",
    "source.parent": "a subset with no source of its own takes its parent's",
    "source_type.generic_ministry": "a bare \"the ministry\" after a health ministry is named: health_ministry",
    "source_type.sources_told_outlet": "\"sources told CNN\": media",
    "source_type.phrase": "a phrase of the vocabulary's sources section in the attribution",
    "source_type.apposition": "a person's apposition says the kind (\"X, spokesperson for the UN rights office\")",
    "source_type.other": "an attribution that names no known kind of source: other",
    "source_type.none": "no attribution",
}
# How far before a reporting verb its source phrase is looked for (characters).
LOOK_BACK = 200
# How far before its sentence "the group said" looks for the organisation it stands for (characters).
ORGANISATION_LOOK_BACK = 1_000
# How far before a figure an open quotation is looked for (characters).
QUOTE_LOOK_BACK = 600
# The longest parenthetical between a source and its verb ("X, speaking on condition of anonymity, said").
MAX_ASIDE = 90
# How far back a bare "the ministry" looks for the health ministry it stands for (characters).
CONTEXT_FOR_MINISTRY = 5_000
RE_BELIEVED_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:\w+\s+)?$", re.IGNORECASE)
RE_SENTENCE_SUBJECT = re.compile(r"^\W*((?:The\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
RE_SOURCE_WORD = re.compile(r"[\w'’\-.&]+")
RE_UP_TO_COMMA = re.compile(r"[^,]*,")
RE_QUOTE_OR_COMMA_END = re.compile(r"[,\"”’]\s*$")
RE_SOURCE_TAIL_WORD = re.compile(r"\s+(?:of|for|and|the)$")
RE_OUTLET_AFTER = re.compile(r"\s+([A-Z][\w&.]*(?:\s+[A-Z][\w&.]*)*)")
RE_TOLD_OUTLET = re.compile(r"\btold\s+[A-Z]")
RE_APPOSITION = re.compile(r",\s*((?:the\s+|a\s+|an\s+)?[^,;.]{3,100}?)\s*(?:,|\bsaid\b|$)")
RE_LAST_WORD = re.compile(r"(?:^|[\s,“”\"])(\w+)$")
PRONOUNS = ("he", "she", "they", "it")
RE_AND_END = re.compile(r"\band\s*$", re.IGNORECASE)
RE_QUOTED_AS_SAYING = re.compile(r"\bquot(?:ed|ing|es)\s+(?P<src>[^,;:.]{3,80}?)\s+as\s+(?:saying|stating|reporting)\b")
RE_AFTER_CLAUSE = re.compile(r"[,\"”’)]\s*$")
# what a source phrase is stripped of at both ends
SOURCE_STRIP = " ,()[]'\"‘’“”"

Attribution = tuple[int, str, str, str]  # offset, phrase, direction, rule


def _source_phrase_before(sentence: str, verb_start: int, p: Patterns) -> str | None:
    """The noun phrase right before a reporting verb, walking back over source words."""
    head = sentence[:verb_start].rstrip()
    # a source phrase is a few words: read back at most LOOK_BACK characters, from a word start
    cut = max(0, len(head) - LOOK_BACK)
    if cut:
        space = head.find(" ", cut)
        cut = space + 1 if space >= 0 else len(head)
    words = list(RE_SOURCE_WORD.finditer(head, cut))
    if not words:
        return None
    if head and head[-1] == ",":
        # "X, speaking on condition of anonymity, said", "Mr. Alfred, while confirming the incident, said":
        # the source stands before a parenthetical set off by commas
        k = head.rfind(",", 0, len(head) - 1)
        aside = head[k + 1 : -1].strip()
        if k > 0 and aside[:1].islower() and len(aside) <= MAX_ASIDE and not has_number(aside):
            return _source_phrase_before(sentence, k, p)
        return None
    if head and head[-1] in "\"”'’:":
        return None
    last = RE_LAST_WORD.search(head)
    if last and last.group(1) in PRONOUNS:  # "..., she said": the pronoun, resolved by the sentence before
        return last.group(1)
    first = None
    for match in reversed(words):
        if match.end() < len(head) and head[match.end() :].strip() and first is not None:
            gap = head[match.end() : first.start()] if first else ""
            if gap.strip() not in ("", "-", "(", ")"):
                break
        word = match.group().lower().replace("’", "'")
        base = word[:-2] if word.endswith("'s") else word
        if word in p.source_words or base in p.source_words or match.group()[:1].isupper() or "-" in word:
            if first is not None and head[match.end() : first.start()].strip() not in ("", "-"):
                break
            first = match
            continue
        break
    if first is None:
        return None
    phrase = head[first.start() :].strip(" ,")
    phrase = p.re_source_lead.sub("", phrase)
    lowered = phrase.lower()
    if not phrase or lowered in ("the", "a", "of", "and") or lowered.split()[-1] in ("of", "and", "the", "for"):
        return None
    if lowered in ("it", "they", "he", "she", "we", "i", "you"):
        return lowered
    return phrase


def attributions(sentence: str, p: Patterns) -> list[Attribution]:
    """Every attribution of ``sentence`` as ``(offset, phrase, direction, rule)``.

    ``direction`` says which figures it covers: "forward" ("the ministry said 20 were killed",
    "According to X, 20 ...") covers figures after it, "backward" ("20 were killed, according to
    X", "..., the ministry said.") figures before it.
    """
    found: list[Attribution] = []
    for m in p.re_according.finditer(ascii_lower(sentence)):
        src = p.re_source_trim.sub("", sentence[m.start("src") : m.end("src")]).strip(" '\"‘’")
        if src and not p.re_not_a_source.match(src):
            forward = not has_number(sentence[: m.start()]) and bool(
                RE_UP_TO_COMMA.match(sentence[m.end("src") :] or ",")
            )
            found.append((m.start(), src, "forward" if forward else "backward", "source.according_to"))
    for m in p.re_said.finditer(sentence):
        verb = m.group()
        if verb.lower() in p.passive_report_verbs and RE_BELIEVED_PASSIVE.search(sentence[: m.start()]):
            continue
        phrase = _source_phrase_before(sentence, m.start(), p)
        direction = "forward"
        if phrase is None and RE_AND_END.search(sentence[: m.start()]):
            subject = RE_SENTENCE_SUBJECT.match(sentence)  # "Israel is ... and says 240 are held"
            phrase = subject.group(1).strip() if subject else None
        if phrase is None:
            after = p.re_source_after_verb.match(sentence[m.end() :])
            if after and RE_QUOTE_OR_COMMA_END.search(sentence[: m.start()]):
                phrase = after.group("src").strip()
                phrase = RE_SOURCE_TAIL_WORD.sub("", phrase)
                direction = "backward"
        elif p.re_sentence_tail.match(sentence[m.end() :]):
            direction = "backward"
        if phrase:
            phrase = phrase.strip(SOURCE_STRIP)
        if phrase and direction == "forward":
            # ", the ministry said ...": an attribution after a clause that holds a number covers both sides
            at = sentence.rfind(phrase, 0, m.start())
            before = sentence[:at] if at >= 0 else ""
            if RE_AFTER_CLAUSE.search(before) and has_number(before):
                direction = "both"
        if phrase and (p.re_pronoun_source.match(phrase) or not p.re_not_a_source.match(phrase)):
            if verb.startswith("told") and phrase.lower() in ("sources", "a source", "source"):
                outlet = RE_OUTLET_AFTER.match(sentence[m.end() :])
                phrase = f"{phrase} told {outlet.group(1)}" if outlet else phrase
            found.append((m.start(), phrase, direction, "source.reporting_verb"))
    for m in RE_QUOTED_AS_SAYING.finditer(sentence):  # "local media quoted the ministry as saying ..."
        phrase = p.re_source_lead.sub("", m.group("src")).strip(SOURCE_STRIP)
        if phrase and not p.re_not_a_source.match(phrase):
            found.append((m.start("src"), phrase, "forward", "source.reporting_verb"))
    found.sort()
    return found


def _typed_match(text: str, p: Patterns, *, types: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """``(source_type, phrase found)``: the first type in the vocabulary's order with a phrase in ``text``,
    unless a longer phrase of another type contains it."""
    matches = []
    for source_type, pattern in p.source_types:
        if types is not None and source_type not in types:
            continue
        m = pattern.search(text)
        if m:
            matches.append((source_type, m))
    if not matches:
        return None
    best_type, best = matches[0]
    for source_type, m in matches[1:]:
        if m.start() <= best.start() and m.end() >= best.end() and m.end() - m.start() > best.end() - best.start():
            best_type, best = source_type, m
    return best_type, best.group()


def _last_typed_before(text: str, position: int, p: Patterns, *, types: tuple[str, ...]) -> tuple[str, str] | None:
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
    found = _typed_match(source, p)
    if found:
        return found[0], "source_type.phrase"  # type: ignore[return-value]
    return "other", "source_type.other"


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


def _covering(found: list[Attribution], position: int) -> tuple[str, str] | None:
    """The nearest attribution whose direction covers a figure at ``position``: ``(phrase, rule)``."""
    best, best_distance = None, None
    for offset, phrase, direction, rule in found:
        if direction != "both" and (direction == "backward") != (offset > position):
            continue
        distance = abs(offset - position)
        if best_distance is None or distance < best_distance:
            best, best_distance = (phrase, rule), distance
    return best


def decide_source(
    cand: Candidate, found: list[Attribution], text: str, spans: list[tuple[int, int]], i: int, p: Patterns,
    *, parent: Candidate | None, cache: dict | None = None,
) -> tuple[str | None, str | None, SourceType, str]:
    """``(source, rule, source_type, rule)``: its sentence, else the next one that attaches it, else its parent's.

    ``cache`` keeps the attributions of neighbouring sentences by index, between calls on the same text.
    """
    cache = {} if cache is None else cache

    def attributions_of(k: int) -> list[Attribution]:
        if k not in cache:
            cache[k] = attributions(text[spans[k][0] : spans[k][1]], p)
        return cache[k]

    covering = _covering(found, cand.start - spans[i][0])
    phrase, rule = covering if covering else (None, None)
    if phrase is not None and p.re_generic_organisation.match(phrase.strip()):
        # "the organisation said": the NGO or UN body this sentence names ("Palestinian Red Crescent medics")
        named_here = _typed_match(text[spans[i][0] : spans[i][1]], p, types=("ngo", "un"))
        if named_here is None:  # named earlier in the passage: the last NGO or UN body before the sentence
            named_here = _last_typed_before(text, spans[i][0], p, types=("ngo", "un"))
        if named_here:
            phrase, rule = named_here[1], "source.named_organisation"
    if phrase is not None and p.re_pronoun_source.match(phrase.strip()):
        prev = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
        named = [a[1] for a in (attributions_of(i - 1) if i else []) if not p.re_pronoun_source.match(a[1])]
        if named:
            phrase, rule = named[-1], "source.pronoun_previous_sentence"
        else:
            in_prev = _typed_match(prev, p, types=tuple(t for t, _ in p.source_types if t not in ("media", "other")))
            if in_prev:
                phrase, rule = in_prev[1], "source.pronoun_previous_sentence"
            elif not phrase.lower().startswith("the "):
                phrase, rule = None, None
    if phrase is None and i + 1 < len(spans):
        # a quotation opened before the figure and closed in the next sentence by "..., he said"
        own = text[max(spans[i][0], cand.start - QUOTE_LOOK_BACK) : cand.start]
        if own.count("“") > own.count("”") or own.count('"') % 2:
            nxt = text[spans[i + 1][0] : spans[i + 1][1]]
            close = max(nxt.find("”"), nxt.find('"'))
            if close >= 0:
                closing = [a for a in attributions_of(i + 1) if 0 < a[0] - close <= MAX_ASIDE]
                if closing:
                    phrase, rule = closing[0][1], "source.quote_closed_next_sentence"
    if phrase is None and i + 1 < len(spans):
        nxt = text[spans[i + 1][0] : spans[i + 1][1]]
        if p.re_next_attaches.match(nxt):
            named_next = attributions_of(i + 1)
            if named_next:
                phrase, rule = named_next[0][1], "source.next_sentence"
    if phrase is None and parent is not None and parent.get("source") is not None:
        return parent.get("source"), "source.parent", parent.get("source_type"), parent.rules["source_type"]
    context = ""
    if phrase and p.re_generic_ministry.match(phrase.strip()):  # only a bare "the ministry" needs the context
        named = p.re_health_ministry_mention.search(text, max(0, cand.start - CONTEXT_FOR_MINISTRY), cand.start)
        context = named.group() if named else ""
    source_type, type_rule = classify_source_rule(phrase, p, context=context)
    if type_rule == "source_type.other" and phrase:
        # "Jeremy Laurence, spokesperson for the UN human rights office, said": the apposition says who
        sentence = text[spans[i][0] : spans[i][1]]
        at = sentence.find(phrase)
        apposition = RE_APPOSITION.match(sentence, at + len(phrase)) if at >= 0 else None
        typed = _typed_match(apposition.group(1), p) if apposition else None
        if typed and typed[0] not in ("other", "media"):
            source_type, type_rule = typed[0], "source_type.apposition"
    return phrase, rule, source_type, type_rule
