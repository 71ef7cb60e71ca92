"""Attribution stage: the source of a figure as written, and its source type.

The source comes from "according to X", "X said", "said X", "X's total of" in the figure's own
sentence (the nearest attribution whose direction covers it, else any in the sentence), or from the
next sentence when it explicitly attaches the figure ("That's according to X", "The figures come from
X"), or from the sentences before when this one says "it said" / "they said", or from the speaker of
the quotation that holds it; a subset with none takes its parent's. An attribution also covers the
clause that goes on after it ("..., according to X, with five children among the dead"), not one that
tells something else (", as the toll rose") nor a toll told as background in a relative clause of an
attack or a war ("Hamas, which led the attacks that killed 1,300"). ``source_type`` maps the phrase
through the vocabulary's ``sources`` section (:func:`classify_source`); the types of the Israel-Gaza
war (``home_war_types``) go to a phrase that names another country, or to a generic one ("the army",
"police") in a text about another country, as ``other``. Text is read with runs of white space as one
space, so source phrases are clean.
"""

from __future__ import annotations

import re

from newskit.extract.candidates import Candidate
from newskit.extract.patterns import Patterns
from newskit.extract.sentences import sentence_spans_of_block
from newskit.extract.source_types import (
    classify_source_rule,
    is_home_war_text,
    is_journalist,
    is_place_name,
    last_ministry_type,
    last_typed_before,
    named_in_text,
    names_another_country,
    not_counted_by_health_ministry,
    organisation_type,
    type_by_place,
    type_from_context,
    typed_match,
)
from newskit.numbers import ascii_lower, has_number, number_positions
from newskit.schema import SourceType

RULES = {
    "source.according_to": "\"according to X\" (or \"figures from X\") in the figure's sentence",
    "source.reporting_verb": "\"X said\", \"said X\" in the figure's sentence",
    "source.named_organisation": "\"the organisation said\": the NGO or UN body the sentence names",
    "source.pronoun_previous_sentence": "\"it said\": the source named in the previous sentence",
    "source.next_sentence": "the next sentence attaches the figure (\"That's according to X\")",
    "source.quote_closed_next_sentence": "a quotation that holds it is closed in a later sentence by \"..., he said\"",
    "source.quote_speaker": "in a quotation whose speaker the sentence before names (\"X told AFP.\" then a quote)",
    "source.same_sentence": "no attribution covers it by direction: the nearest one in its sentence",
    "source.not_reported": "its attribution does not count these victims (a Gaza health ministry and Israelis)",
    "source.first_person_report": "\"we documented\" outside quotations: the NGO or UN body named before",
    "source.journalist": "the attribution is the outlet's own journalist (\"Correspondent X says\"): no source",
    "source.parent": "a subset with no source of its own takes its parent's",
    "source_type.generic_ministry": "a bare \"the ministry\" after a health ministry is named: health_ministry",
    "source_type.sources_told_outlet": "\"sources told CNN\": media",
    "source_type.phrase": "a phrase of the vocabulary's sources section in the attribution",
    "source_type.organisation_name": "a name the vocabulary lacks that ends like an NGO's (\"... Foundation\") or "
                                     "is a UN acronym (\"UNAMID\")",
    "source_type.place": "\"police\", \"authorities there\": the side of the place its sentence (else the text "
                         "before) names",
    "source_type.apposition": "a person's apposition says the kind (\"X, spokesperson for the UN rights office\")",
    "source_type.subject": "the subject before the verb says the kind (\"X, head of a rights group, ..., said\")",
    "source_type.last_ministry": "a bare \"the ministry\": the ministry named last before it, else the health ministry",
    "source_type.earlier_mention": "a person named by name alone: the kind the text gave them before "
                                   "(\"UNRWA's director John Ging\" ... \"Ging said\")",
    "source_type.other_war": "a type of the Israel-Gaza war for a source of another country: other",
    "source_type.other": "an attribution that names no known kind of source: other",
    "source_type.none": "no attribution",
}
# How far before a reporting verb its source phrase is looked for (characters).
LOOK_BACK = 200
# How far before a figure an open quotation is looked for (characters).
QUOTE_LOOK_BACK = 600
# How many sentences after a figure's the quotation that holds it may close; how many before its
# sentence "it said" looks for what "it" is.
QUOTE_SENTENCES = 3
PRONOUN_SENTENCES = 3
# How many sentences back a pronoun may look when the sentences between have the same pronoun source.
PRONOUN_CHAIN_SENTENCES = 8
# How much text before its paragraph a figure's sentence may read for "he said", "it said" (characters).
CROSS_BLOCK_LOOK_BACK = 1_500
# The longest parenthetical between a source and its verb ("X, speaking on condition of anonymity, said").
MAX_ASIDE = 90
RE_BELIEVED_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:\w+\s+)?$", re.IGNORECASE)
RE_SOURCE_WORD = re.compile(r"[\w'’\-.&]+")
RE_UP_TO_COMMA = re.compile(r"[^,]*,")
RE_QUOTE_OR_COMMA_END = re.compile(r"[,\"”’]\s*$")
RE_SOURCE_TAIL_WORD = re.compile(r"\s+(?:of|for|and|the)$")
RE_OUTLET_AFTER = re.compile(r"\s+([A-Z][\w&.]*(?:\s+[A-Z][\w&.]*)*)")
RE_LAST_WORD = re.compile(r"(?:^|[\s,“”\"])(\w+)$")
PRONOUNS = ("he", "she", "they", "it")
# the pronouns a source phrase may be, resolved later ("he said": the sentence before; "we documented": the
# organisation named before)
SOURCE_PRONOUNS = frozenset((*PRONOUNS, "we"))
PERSONAL_PRONOUNS = frozenset((*SOURCE_PRONOUNS, "i", "you"))
RE_AND_END = re.compile(r"\band\s*$", re.IGNORECASE)
# "sent to The Globe", "delivered to Congress": a participle and the preposition its object opens with
RE_PARTICIPLE_BEFORE = re.compile(r"(?<!\S)(?:\w+ed|sent|given|shown|made|seen|written|shared)\s+$", re.I)
RE_PREPOSITION_FIRST = re.compile(r"(?:to|by|from|at|with|on)\s", re.I)
# a day or a time word a source phrase may open with ("On Saturday Hezbollah said")
RE_TIME_LEAD = re.compile(
    r"^(?:(?:on|by|early|late)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"earlier|later|meanwhile|overnight)\b[,\s]+(?=\S)", re.I
)
# what a source published, before its name ("The latest figures from Gaza's health ministry say")
RE_DOCUMENT_LEAD = re.compile(
    r"^(?:the\s+|a\s+)?(?:(?:latest|new|official|updated|preliminary|final|daily)\s+)*"
    r"(?:figures|data|statistics|numbers|count|tally|estimates?)\s+(?:from|of|by)\s+(?=\S)", re.I
)
# a phrase that names a time, not a source ("Saturday's death toll", "the Thursday statement")
RE_TIME_WORD = re.compile(
    r"(?:the\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|week|"
    r"month|year|day|weekend|january|february|march|april|may|june|july|august|september|october|november|"
    r"december)", re.I
)
# an attack or a war, and a relative clause with its toll that ends right before a figure
RE_BACKGROUND_EVENT = re.compile(
    r"(?<![\d,]\s)(?<![\d,]\s\s)"  # not counted attacks ("178 attacks", "178  attacks")
    r"\b(?:attacks?|assault|rampage|incursion|offensive|war|campaign|bombardment|onslaught|invasion)\b"
    r"[^,;:\"“”]{0,60}?,?\s*\b(?:that|which)\s+(?:[^,;:\"“”]{0,80}?\s+and\s+)?"  # "which began ... and has"
    r"(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:now\s+)?"
    r"(?:killed|left|wounded|injured|claimed\s+the\s+lives\s+of)\s+(?:[\w-]+\s+){0,2}$", re.I
)
# a headline in capitals glued before a source ("KILLED IN GAZA The Palestinian Health Ministry")
RE_CAPS_LEAD = re.compile(r"^(?:[A-Z0-9’'&.,:-]{2,}\s+){3,}(?=[A-Z][a-z])")
RE_REPEATED_ARTICLE = re.compile(r"\b(the|a|an)\s+\1\b", re.I)
# a sentence's final period after a word, not an abbreviation's ("Moustafa." but "U.N.", "Jr.")
RE_FINAL_PERIOD = re.compile(r"(?<=[a-z]{2})\.$")
# a clause after an attribution that goes on with the attributed count ("..., according to X, with five
# children among the dead"; "..., according to officials, and at least 178 have been killed")
RE_GOING_ON = re.compile(r"(?:\s+(?:said|says|reported|on\s+\w+|in\s+a\s+statement))*[,;]\s*(?:with|and|including)\s"
                         r"[^,;:\"“”]*$", re.I)
# a person named by name alone, with an honorific or not ("Ging", "Mr. Lazzarini", "Dr. Abu Selmia")
RE_PERSON_REFERENCE = re.compile(r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?(?:[A-Z][\w'’-]+\s+)?(?P<surname>[A-Z][\w'’-]+)")
RE_FIRST_NAMES = re.compile(r"(?:[A-Z][\w'’.-]*\s+)*$")
RE_NOT_AN_APPOSITION = re.compile(r"(?:\w+ing|who|which|said|says|told|added)\b", re.I)
RE_CLAUSE_BREAK = re.compile(r"[.;:!?\"“”(]|,\s")
RE_APPOSITION_AFTER_NAME = re.compile(r",\s*((?:the\s+|a\s+|an\s+)?[^,;.]{2,100}?)\s*(?:,|\bsaid\b|$)")
# How far before its sentence the earlier mention of a person named by name alone is looked for (characters).
PERSON_LOOK_BACK = 20_000
# "officials from the ministry": the members of a body, typed as the body
RE_MEMBERS_OF = re.compile(r"^.*?\b(?:from|of|at|for)\s+(?=the\s)", re.I)
RE_WITH_OPENING = re.compile(r"\W*with\b", re.I)
# a clause after an attribution that tells something else ("..., the military said, as the death toll rose")
RE_LATER_CLAUSE = re.compile(r"(?:\s+(?:said|says|reported|on\s+\w+|in\s+a\s+statement))*"
                             r"(?:,\s*(?:the|a|an)\s[^,;:\"“”\d]{0,80})?"  # ", the Hezbollah-owned broadcaster"
                             r",\s*(?:as|while|after|when)\s[^,;:\"“”]*$", re.I)
RE_PER_CENT = re.compile(r"per\s+cent\b", re.I)
# "according to a running count by the UN": a document word right after the words read as its source
RE_DOCUMENT_AHEAD = re.compile(r"\s*(?:report|statement|tally|count|figures|data|estimates?|analysis|assessment|"
                               r"study|survey|tabulation)\b", re.I)
# report verbs that are also nouns, and what follows them as nouns ("reports on Monday said", "reports from Gaza")
NOUN_LIKE_VERBS = frozenset(("report", "reports", "estimate", "estimates", "claim", "claims", "records", "counts",
                             "count", "record"))
# singular ones after a determiner are nouns ("An Amnesty report", "the army's estimate", "a UN count")
SINGULAR_NOUN_LIKE_VERBS = frozenset(("report", "estimate", "claim", "count", "record"))
RE_DETERMINED_BEFORE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|this|that|[\w.]+['’]s)\s+(?:[\w.'’-]+\s+){0,2}$", re.I
)
RE_FINDING_AFTER = re.compile(r"\s+(?:has\s+|had\s+|also\s+)?(?:found|finds|showed|shows|concluded|concludes|"
                              r"documented|documents|recorded|records|counted|counts)\b", re.I)
RE_NOUN_USE = re.compile(r"\s+(?:said|say|says|showed|show|shows|suggest\w*|indicate\w*|on|from|of|about)\b", re.I)
RE_BOTH_SIDES = r"\s+on\s+(?:both|each|either|the\s+two)\s+sides?\b"
RE_QUOTED_AS_SAYING = re.compile(r"\bquot(?:ed|ing|es)\s+(?P<src>[^,;:.]{3,80}?)\s+as\s+(?:saying|stating|reporting)\b")
# a document as the subject of a verb of finding, with its complement ("An Associated Press analysis of
# ministry data released last week showed", "An analysis by The Washington Post found")
RE_DOCUMENT_SUBJECT = re.compile(
    r"(?:^|(?<=[,;:]\s))(?P<src>(?:[Aa]n?|[Tt]he)\s+(?:[\w.'’&-]+\s+){0,4}?(?:analysis|review|tally|count|study|"
    r"investigation|survey|assessment|audit|tabulation|database))(?P<rest>\s[^.;:]{0,120}?)?\s+(?:has\s+|had\s+)?"
    r"(?P<verb>found|finds|showed|shows|shown|concluded|concludes|indicated|indicates|suggested|suggests|counted|"
    r"documented|recorded)\b"
)
RE_BY_AUTHOR = re.compile(r"\s+by\s+(?P<src>(?:[Tt]he\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*)*)")
RE_AFTER_CLAUSE = re.compile(r"[,\"”’)]\s*$")
# a person's name set off by commas: "the state governor, David Monreal, said"; "Rear Adm. Daniel Hagari"
RE_PERSON_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,4}[A-Z][\w'’-]*[^\W\d_]")
# an organisation's acronym set off by commas: "the UN refugee agency, UNHCR, said"
RE_ACRONYM = re.compile(r"[A-Z][A-Z.&-]{1,11}[A-Z.]")
# a person's name set off by commas after a title ("The spokesman for Ituri, lieutenant Jules Ngongo, ...")
RE_APPOSED_NAME = re.compile(r"(?<=\w),\s+(?P<name>(?:[a-z]+\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}),")
# a wire headline that ends with its source after a dash, before a dateline in capitals, a bracket or the end
RE_DASH_SOURCE = re.compile(
    r"\s[-–—]\s(?P<src>(?:[A-Z][\w'’.-]*\s+|(?:state|local|security|medical|hospital|military|government|health)\s+)?"
    r"(?:police|officials|official|army|military|ministry|sources|source|witnesses|medics|residents|state media|"
    r"media|activists|U\.?N\.?|WHO|Red Cross|Red Crescent|monitor|governor|spokesman|agency))"
    r"(?=\s*(?:$|\n|\(|[A-Z]{3,}\b))"
)
RE_DASH_END = re.compile(r"\s[-–—]$")
RE_COLON_SOURCE = re.compile(r"^\W*(?P<src>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3})\s*:\s+[‘“'\"]")
# a figure that adds to one before it: "another 20", "a further 9"; "thousands more", "20 others"
RE_ADDED_BEFORE = re.compile(r"\b(?:another|a\s+further|further|an\s+additional|additional)\s+$", re.IGNORECASE)
RE_ADDED_AFTER = re.compile(r"^\s+(?:\w+\s+)?(?:more|others|other|additional)\b", re.IGNORECASE)
RE_QUOTATION = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
RE_SENTENCE_END = re.compile(r"[.!?][”\"]?\s+(?=[“\"]?[A-Z])")
RE_ACCORDING_OPENING = re.compile(r"\W*according\s+to$", re.I)
RE_QUOTE_CLOSE = re.compile(r"[,.!?…—-][”\"]")
RE_CLOSING_QUOTE = re.compile(r"[’”'\"](?!\w)")
# "A soldier who said he saw the blast said": a relative clause between a source and its verb
RE_RELATIVE_CLAUSE = re.compile(r"\s(?:who|which)\s[^,;:\"“”]{3,80}$")
RE_DETERMINER = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)
RE_AGE_END = re.compile(r"(?<=[^\W\d_]),\s*\d{1,3}$")
RE_ACRONYM_END = re.compile(r"\s*\([A-Z][\w.&-]{1,12}\)$")
# "according to a new report released Monday by the army": the author of the document
RE_DOCUMENT_BY = re.compile(r"(?:(?!\b\w+ing\b)[^;.]){0,50}?\bby\s+(?P<src>(?:the\s+)?[\w'’-]+(?:\s+[A-Z][\w'’-]*)*)")
RE_DOCUMENT_END = re.compile(r"\b(?:report|statement|tally|count|figures|data|estimate|estimates|analysis)"
                             r"(?:\s+(?:issued|released|published|compiled|provided))?$", re.I)
RE_WORD = re.compile(r"\w+")
RE_NEXT_SENTENCE = re.compile(r"(?<=\.)\s+[A-Z].*$")
RE_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")
# source words that are no head noun of a source ("spoke to reporters at ...")
NOT_HEAD_WORDS = frozenset(("of", "and", "the", "for", "on", "in", "to", "a", "an", "at", "by", "from", "with", "its",
                            "his", "their"))
# words of quantity between a verb and a number that is its object ("warned some 300,000 residents")
OBJECT_QUANTIFIERS = frozenset("some about around nearly almost roughly approximately over more than at least up to an "
                               "estimated all another".split())
# names of broadcasters a number follows ("Israel's Channel 12", "Kan 11")
CHANNEL_WORDS = frozenset(("channel", "kan", "reshet", "keshet"))
# words that open a noun phrase (before a noun the vocabulary does not list: "the coast guard")
DETERMINERS = frozenset(("the", "a", "an", "its", "his", "her", "their", "our"))
# lower-case words that are no noun of a source phrase
NOT_NOUN_WORDS = frozenset(
    "that this these those who whom whose which what was were is are be been has have had will would could should "
    "may might can not also but than then when where while after before since there here all both some many most "
    "more other others such only just very said says told over under into onto about toll tolls number numbers "
    "death deaths dead casualties victims bodies".split()
)
RE_AND_START = re.compile(r"\s+and\s")
# what a source phrase never ends with
SOURCE_LAST_NOT = ("of", "and", "the", "for", "on", "in", "to", "a", "an", "at", "by", "from", "with")
# what a source phrase is stripped of at both ends
SOURCE_STRIP = " ,()[]'\"‘’“”"

Attribution = tuple[int, str, str, str]  # offset, phrase, direction, rule


def _single_spaced(text: str) -> tuple[str, list[int] | None]:
    """``text`` with each run of white space as one space, and the offset in ``text`` of each character
    (None when nothing changed)."""
    if not RE_SPACE_RUN.search(text):
        return text, None
    pieces, where, last = [], [], 0
    for m in RE_SPACE_RUN.finditer(text):
        pieces += [text[last : m.start()], " "]
        where += [*range(last, m.start()), m.start()]
        last = m.end()
    pieces.append(text[last:])
    where += range(last, len(text) + 1)
    return "".join(pieces), where


def _source_phrase_before(sentence: str, verb_start: int, p: Patterns) -> str | None:
    """The noun phrase right before a reporting verb, walking back over source words."""
    head = sentence[:verb_start].rstrip()
    verb = RE_WORD.match(sentence, verb_start)
    auxiliary = p.re_auxiliary_end.search(head)  # "the ministry has (also) said"
    if auxiliary and auxiliary.start() > 0 and verb and verb.group().lower() in p.auxiliary_report_verbs:
        head = head[: auxiliary.start()]
    head = RE_ACRONYM_END.sub("", head)  # "the Syrian Network for Human Rights (SNHR) said"
    head = RE_AGE_END.sub("", head)  # "Samir Hamad, 45, a farmer, said": the name before the age
    # a source phrase is a few words: read back at most LOOK_BACK characters, from a word start
    cut = max(0, len(head) - LOOK_BACK)
    if cut:
        space = head.find(" ", cut)
        cut = space + 1 if space >= 0 else len(head)
    words = list(RE_SOURCE_WORD.finditer(head, cut))
    if not words:
        return None
    if head[-1] == ",":
        # "X, speaking on condition of anonymity, said", "Mr. Alfred, while confirming the incident, said":
        # the source stands before a parenthetical set off by commas
        k = head.rfind(",", 0, len(head) - 1)
        aside = head[k + 1 : -1].strip()
        if k > 0 and aside[:1].islower() and len(aside) <= MAX_ASIDE and not has_number(aside):
            return _source_phrase_before(sentence, k, p)
        if (RE_PERSON_NAME.fullmatch(aside) or RE_ACRONYM.fullmatch(aside)) and not has_number(aside):
            # "the state governor, David Monreal, said", "the UN refugee agency, UNHCR, said": the name, with
            # the title before it if there is one
            title = _source_phrase_before(sentence, k, p) if k > 0 else None
            return f"{title}, {aside}" if title and title not in PERSONAL_PRONOUNS else aside
        if k > 0 and len(aside) <= MAX_ASIDE:
            # "Juliette Touma, UNRWA's communications director, said", "Samir Hamad, 45, a farmer, said": a
            # person's name before an apposition
            name = _source_phrase_before(sentence, k, p)
            if name and RE_PERSON_NAME.fullmatch(name):
                return name
        return None
    if RE_DASH_END.search(head):
        # "Herzog - whose role is largely ceremonial - said": the source stands before the dashes
        k = max(head.rfind(" - ", 0, len(head) - 2), head.rfind(" – ", 0, len(head) - 2),
                head.rfind(" — ", 0, len(head) - 2))
        aside = head[k + 3 : -2]
        if k > 0 and len(aside) <= MAX_ASIDE and not has_number(aside):
            return _source_phrase_before(sentence, k, p)
        return None
    if head[-1] in "\"”'’:":
        return None
    relative = RE_RELATIVE_CLAUSE.search(head)
    if relative and not has_number(relative.group()):
        phrase = _source_phrase_before(sentence, relative.start(), p)
        if phrase and phrase.lower() not in PERSONAL_PRONOUNS:
            return phrase
    last = RE_LAST_WORD.search(head)
    if last and last.group(1) in SOURCE_PRONOUNS:  # "..., she said": the pronoun, resolved by the sentence before
        return last.group(1)
    first = None
    for k in range(len(words) - 1, -1, -1):
        match = words[k]
        if match.end() < len(head) and head[match.end() :].strip() and first is not None:
            gap = head[match.end() : first.start()] if first else ""
            if gap.strip() not in ("", "-", "(", ")"):
                break
        word = match.group().lower().replace("’", "'")
        base = word[:-2] if word.endswith("'s") else word
        adjective = (first is not None and first.group()[:1].isupper() and match.group().isalpha()
                     and k > 0 and words[k - 1].group().lower() in ("the", "a", "an"))  # "in the embattled Strip"
        adjective = adjective or (first is not None and word.endswith("'s"))  # "the U.N. children's agency"
        channel = word.isdigit() and k > 0 and words[k - 1].group().lower() in CHANNEL_WORDS  # "Channel 12"
        if word in p.source_words or base in p.source_words or match.group()[:1].isupper() or "-" in word \
                or adjective or channel or _in_determined_phrase(words, k, head, p):
            if first is not None and head[match.end() : first.start()].strip() not in ("", "-"):
                break
            first = match
            continue
        break
    if first is None:
        return None
    phrase = head[first.start() :].strip(" ,")
    if RE_PREPOSITION_FIRST.match(phrase):
        # "An intelligence assessment delivered to Congress estimated": the source stands before the participle
        participle = RE_PARTICIPLE_BEFORE.search(head, 0, first.start())
        return _source_phrase_before(sentence, participle.start(), p) if participle else None
    phrase = RE_DOCUMENT_LEAD.sub("", RE_TIME_LEAD.sub("", phrase))
    phrase = p.re_source_lead.sub("", phrase)
    lowered = phrase.lower()
    if not phrase or not any(c.isalpha() for c in phrase) or lowered in ("the", "a", "of", "and"):
        return None
    if lowered.split()[-1] in SOURCE_LAST_NOT:
        return None
    if lowered in PERSONAL_PRONOUNS:  # "he", "they", "we" are resolved later
        return lowered if lowered in SOURCE_PRONOUNS else None
    return phrase


def _is_unlisted_noun(word: str) -> bool:
    """Whether ``word`` may be a noun of a source phrase the vocabulary does not list ("coast", "guard",
    "coroner", "delegation"): a lower-case word, no verb form, adverb or function word."""
    return (word.isalpha() and word.islower() and len(word) > 2 and not word.endswith(("ed", "ing", "ly"))
            and word not in NOT_HEAD_WORDS and word not in NOT_NOUN_WORDS)


def _in_determined_phrase(words: list[re.Match], k: int, head: str, p: Patterns) -> bool:
    """Whether the unlisted noun ``words[k]`` stands in a noun phrase opened, a few words before, by a
    determiner or a possessive ("the coast guard", "the county coroner", "the ICRC delegation", "Our
    correspondent", "UNRWA's communications director"), with no punctuation between."""
    if not _is_unlisted_noun(words[k].group()) or p.re_said.fullmatch(words[k].group()):
        return False
    if RE_AND_START.match(head, words[k].end()):  # "the negotiations and a diplomatic source": another phrase
        return False
    if k + 1 < len(words) and words[k + 1].group().lower() in DETERMINERS:  # "died in the fire the chief said"
        return False
    unlisted = 1
    for j in range(k - 1, max(-1, k - 4), -1):
        if head[words[j].end() : words[j + 1].start()].strip():
            return False
        word = words[j].group()
        if word.lower() in DETERMINERS or word.endswith(("'s", "’s")):
            return True
        if word.lower() not in p.source_words and not word[:1].isupper():
            unlisted += 1  # at most two ("the coast guard"), not a clause ("where the bomb went off")
            if unlisted > 2 or not _is_unlisted_noun(word):
                return False
    return False


def clean_source(phrase: str) -> str:
    """A source phrase with single spaces, without a headline in capitals glued before it, dashes at its
    ends, a repeated article or a sentence's final period.

    >>> clean_source("HEALTH MINISTRY SAYS The  Palestinian Health Ministry --")
    'The Palestinian Health Ministry'
    >>> clean_source("the the U.N."), clean_source("Mr. Moustafa.")
    ('the U.N.', 'Mr. Moustafa')
    """
    phrase = RE_CAPS_LEAD.sub("", " ".join(phrase.split())).strip(" -–—")
    phrase = RE_REPEATED_ARTICLE.sub(r"\1", phrase)
    return RE_FINAL_PERIOD.sub("", phrase)


def _object_is_a_number(after: str) -> bool:
    """Whether the words after a verb open with a number (its object: "warned some 300,000 residents"),
    at most two words of quantity before it (not "told reporters 300 rockets were fired")."""
    numbers = number_positions(after)
    before = after[: numbers[0]].split() if numbers else []
    return bool(numbers) and len(before) <= 2 and all(w.lower() in OBJECT_QUANTIFIERS for w in before)


def _is_source_word(word: str, p: Patterns) -> bool:
    """A capitalised word or a word of the vocabulary's ``source_words`` (possessive or not)."""
    lowered = word.lower().replace("’", "'")
    base = lowered[:-2] if lowered.endswith("'s") else lowered
    return word[:1].isupper() or lowered in p.source_words or base in p.source_words


def _sentence_subject(sentence: str, p: Patterns) -> str | None:
    """The source-like noun phrase a sentence opens with ("Human rights organizations in the country"),
    walking forward over capitalised words and source words, and over up to two other lower-case words
    before a source word ("A media freedom group")."""
    intro = RE_TIME_LEAD.match(sentence)  # "On Friday, the health ministry released ..."
    sentence = sentence[intro.end() :] if intro else sentence
    words = list(RE_SOURCE_WORD.finditer(sentence))
    end, k = 0, 0
    while k < len(words):
        gap = sentence[words[k - 1].end() if k else 0 : words[k].start()]
        if gap.strip(" \"“‘'"):
            break
        if _is_source_word(words[k].group(), p):
            end, k = k + 1, k + 1
            continue
        ahead = [j for j in range(k + 1, min(k + 3, len(words))) if words[j].group().islower()
                 and _is_source_word(words[j].group(), p) and words[j].group() not in NOT_HEAD_WORDS]
        if not end or not ahead or not all(w.group().islower() for w in words[k : ahead[0]]):
            break
        end = k = ahead[0] + 1
    while end and words[end - 1].group().lower() in (*SOURCE_LAST_NOT, "its", "his", "their"):
        end -= 1
    if not end:
        return None
    phrase = p.re_source_lead.sub("", sentence[words[0].start() : words[end - 1].end()])
    return phrase if phrase and phrase.lower() not in PERSONAL_PRONOUNS else None


def attributions(sentence: str, p: Patterns) -> list[Attribution]:
    """Every attribution of ``sentence`` as ``(offset, phrase, direction, rule)``.

    ``direction`` says which figures it covers: "forward" ("the ministry said 20 were killed",
    "According to X, 20 ...") covers figures after it, "backward" ("20 were killed, according to
    X", "..., the ministry said.") figures before it, "both" either. The sentence is read with runs
    of white space as one space; offsets are those of ``sentence``.
    """
    single, where = _single_spaced(sentence)
    found = _attributions(single, p)
    if where is not None:
        found = [(where[offset], phrase, direction, rule) for offset, phrase, direction, rule in found]
    return found


def _attributions(sentence: str, p: Patterns) -> list[Attribution]:
    """:func:`attributions` of a sentence with single spaces."""
    found: list[Attribution] = []
    for m in p.re_according.finditer(ascii_lower(sentence)):
        if RE_PER_CENT.match(m.group()):
            continue  # "40 per cent of those killed"
        src = RE_NEXT_SENTENCE.sub("", sentence[m.start("src") : m.end("src")])  # "the U.N. The next day"
        src = p.re_source_trim.sub("", src).strip(" '\"‘’")
        document = RE_DOCUMENT_END.search(src) or RE_DOCUMENT_AHEAD.match(sentence, m.start("src") + len(src))
        author = RE_DOCUMENT_BY.match(sentence, m.start("src") + len(src)) if document else None
        if author and not p.re_not_a_source.match(author.group("src")):
            src = author.group("src")
        if src and not p.re_not_a_source.match(src):
            forward = not has_number(sentence[: m.start()]) and bool(
                RE_UP_TO_COMMA.match(sentence[m.end("src") :] or ",")
            )
            found.append((m.start(), src, "forward" if forward else "backward", "source.according_to"))
    for m in p.re_said.finditer(sentence):
        verb = m.group()
        if verb.lower() in NOUN_LIKE_VERBS and (RE_NOUN_USE.match(sentence, m.end()) or (
                verb.lower() in SINGULAR_NOUN_LIKE_VERBS and RE_DETERMINED_BEFORE.search(sentence, 0, m.start()))):
            # "Initial reports on Monday said", "An Amnesty report said": a noun, not a verb; the document is the
            # source when a verb of finding follows it ("A U.N. report has found at least 26 ...")
            document = _source_phrase_before(sentence, m.end() + 1, p) if RE_FINDING_AFTER.match(sentence, m.end()) \
                else None
            if document and not p.re_not_a_source.match(document):
                found.append((m.start(), document.strip(SOURCE_STRIP), "forward", "source.reporting_verb"))
            continue
        passive = RE_BELIEVED_PASSIVE.search(sentence[: m.start()])
        if passive and (verb.lower() in p.passive_report_verbs or verb.lower().endswith("ed")):
            continue  # "240 are believed to be held", "the report, which was published Friday": no reporter
        if p.re_not_report_object.match(sentence[m.end() :]):  # "claimed responsibility for an attack that ..."
            continue
        if verb.lower() in p.addressee_verbs and _object_is_a_number(sentence[m.end() : m.end() + 30]):
            continue  # "the military warned 300,000 residents to leave": the people addressed, not a report
        phrase = _source_phrase_before(sentence, m.start(), p)
        direction = "forward"
        if phrase is None and RE_AND_END.search(sentence[: m.start()]):
            phrase = _sentence_subject(sentence, p)  # "Israel is ... and says 240 are held"
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
                phrase = f"{phrase} told {outlet.group(1).rstrip('.')}" if outlet else phrase
            found.append((m.start(), phrase, direction, "source.reporting_verb"))
    for m in RE_DOCUMENT_SUBJECT.finditer(sentence):  # "An AP analysis of ministry data showed that ..."
        rest = m.group("rest") or ""
        author = RE_BY_AUTHOR.match(rest)
        phrase = author.group("src") if author else m.group("src")
        if not has_number(rest) and not any(a[0] == m.start("verb") for a in found) \
                and not p.re_not_a_source.match(phrase):
            found.append((m.start("verb"), phrase, "forward", "source.reporting_verb"))
    for m in RE_QUOTED_AS_SAYING.finditer(sentence):  # "local media quoted the ministry as saying ..."
        phrase = p.re_source_lead.sub("", m.group("src")).strip(SOURCE_STRIP)
        if phrase and not p.re_not_a_source.match(phrase):
            found.append((m.start("src"), phrase, "forward", "source.reporting_verb"))
    for m in p.re_participle_report.finditer(sentence):  # "The office expressed concern, saying 99 ..."
        said_before = [a for a in found if a[0] < m.start() and a[3] == "source.reporting_verb"]
        phrase = said_before[-1][1] if said_before else _sentence_subject(sentence, p)
        if phrase and not p.re_not_a_source.match(phrase) and not has_number(phrase):
            found.append((m.start(), phrase, "forward", "source.reporting_verb"))
    for m in RE_DASH_SOURCE.finditer(sentence):  # a wire headline "Blast kills 3 in capital - police MOGADISHU"
        if not p.re_not_a_source.match(m.group("src")):
            found.append((m.start("src"), m.group("src"), "backward", "source.according_to"))
    colon = RE_COLON_SOURCE.match(sentence)  # a headline "OCHA: '5.5 million now displaced'": the quotation only
    if colon:
        close = RE_CLOSING_QUOTE.search(sentence, colon.end())
        if close:
            found.append((close.start(), colon.group("src"), "backward", "source.according_to"))
    for m in p.re_possessive_tally.finditer(sentence):  # "The Gaza Health Ministry's total of more than 9,000"
        phrase = _source_phrase_before(sentence, m.start(), p)
        if phrase and (RE_TIME_WORD.fullmatch(phrase) or is_place_name(phrase, p)):
            continue  # "Saturday's death toll", "Gaza's latest death toll": a day's or a place's, no source's
        if phrase and phrase.lower() not in PERSONAL_PRONOUNS and not p.re_not_a_source.match(phrase):
            found.append((m.start(), phrase.strip(SOURCE_STRIP), "forward", "source.according_to"))
    found.sort()
    return found


def _by_distance(found: list[Attribution], position: int) -> tuple[list[Attribution], list[Attribution]]:
    """The attributions whose direction covers a figure at ``position``, nearest first, and the others."""
    covering, others = [], []
    for attribution in sorted(found, key=lambda a: abs(a[0] - position)):
        offset, _, direction, _ = attribution
        covers = direction == "both" or (direction == "backward") == (offset > position)
        (covering if covers else others).append(attribution)
    return covering, others


def decide_source(
    cand: Candidate, found: list[Attribution], text: str, spans: list[tuple[int, int]], i: int, p: Patterns,
    *, parent: Candidate | None, cache: dict | None = None, text_found: dict | None = None,
) -> tuple[str | None, str | None, SourceType, str]:
    """``(source, rule, source_type, rule)``: its sentence, else the quotation or the next sentence that
    attaches it, else its parent's.

    ``spans`` are the sentences of the figure's block (paragraph); ``cache`` keeps, between calls on the
    same block, the attributions of its sentences by index, the last sentences before the block
    ("before"; their attributions under ``("before", k)``); ``text_found`` keeps, between calls on the
    same text, whether it is about the Israel-Gaza war ("home_war": a scan of the whole text).
    """
    cache = {} if cache is None else cache
    text_found = cache if text_found is None else text_found
    if "before" not in cache:  # the last sentences of the paragraphs before: "He added ..." reads them
        start = spans[0][0] if spans else 0
        low = max(0, start - CROSS_BLOCK_LOOK_BACK)
        before = sentence_spans_of_block(text[low:start], low)[0] if text[low:start].strip() else []
        cache["before"] = before[-PRONOUN_CHAIN_SENTENCES:]
    n_before = len(cache["before"])
    spans = [*cache["before"], *spans]
    i += n_before

    def sentence_of(k: int) -> str:
        return text[spans[k][0] : spans[k][1]]

    def attributions_of(k: int) -> list[Attribution]:
        key = k - n_before if k >= n_before else ("before", k)
        if key not in cache:
            cache[key] = attributions(sentence_of(k), p)
        return cache[key]

    picked = _pick(cand, found, text, spans, i, p, attributions_of)
    if picked is None and parent is not None and parent.get("source") is not None and parent.start >= spans[i][0]:
        # a subset in its parent's sentence; one in a sentence of its own is attached by nothing
        return parent.get("source"), "source.parent", parent.get("source_type"), parent.rules["source_type"]
    if picked is None:
        return None, None, "none", "source_type.none"
    k, (offset, phrase, _direction, rule), typed_by = picked
    phrase = clean_source(phrase)
    if is_journalist(phrase, text, p, text_found):
        return None, "source.journalist", "none", "source_type.none"
    if typed_by is not None:  # "the group said": the organisation named before
        source_type, type_rule = classify_source_rule(typed_by, p)
    elif p.re_generic_ministry.match(RE_MEMBERS_OF.sub("", phrase)):  # a bare "the ministry": the one named before
        source_type = last_ministry_type(text, cand.start, p)
        type_rule = "source_type.generic_ministry" if source_type == "health_ministry" else "source_type.last_ministry"
    else:
        source_type, type_rule = classify_source_rule(phrase, p)
    if p.re_place_typed_source.match(phrase) and not re.search(  # "authorities on both sides"
            _spaced(phrase).pattern + RE_BOTH_SIDES, sentence_of(k)):
        by_place = type_by_place(text, spans[k][0], spans[k][1], offset, p)
        if by_place is not None:
            source_type, type_rule = by_place, "source_type.place"
    if type_rule == "source_type.other":
        sentence = sentence_of(k)
        source_type, type_rule = type_from_context(phrase, sentence, _single_spaced(sentence)[0], offset, text,
                                                   spans[k][0], p)
    person = RE_PERSON_REFERENCE.fullmatch(phrase) if type_rule == "source_type.other" else None
    if person:  # "Ging said", "Mr. Lazzarini said": the kind said where the text named the person before
        earlier = _type_at_earlier_mention(person.group("surname"), text, spans[k][0], p)
        if earlier:
            source_type, type_rule = earlier, "source_type.earlier_mention"
    if source_type == "health_ministry" and not_counted_by_health_ministry(cand, text, spans[i][1], p):
        return None, "source.not_reported", "none", "source_type.none"
    if source_type in p.home_war_types and (
        names_another_country(phrase, p)
        or (not p.re_home_war.search(phrase) and not is_home_war_text(text, p, text_found))
    ):
        source_type, type_rule = "other", "source_type.other_war"
    return phrase, rule, source_type, type_rule  # type: ignore[return-value]


def _pick(cand: Candidate, found: list[Attribution], text: str, spans: list[tuple[int, int]], i: int, p: Patterns,
          attributions_of) -> tuple[int, Attribution, str | None] | None:
    """``(sentence index, attribution, what it is typed by)`` that gives the figure its source, pronouns
    and "the group" resolved: the nearest covering attribution of its sentence, the quotation's, the next
    sentence's, else, for a figure that adds to another ("with thousands more missing"), the nearest of
    its sentence."""
    start = spans[i][0]
    covering, others = _by_distance(found, cand.start - start)
    covering = [a for a in covering if not _in_background_clause(text, start + a[0], cand.start)
                and not _in_clause_after(text, start, a, cand.start, RE_LATER_CLAUSE)]
    # "..., according to X, with five children among the dead": a clause that goes on after the attribution
    covering += [_with_rule(a, "source.same_sentence") for a in others
                 if a[0] < cand.start - start and _in_clause_after(text, start, a, cand.start, RE_GOING_ON)
                 and not RE_WITH_OPENING.match(text, start)]  # "With 900 killed, according to X, and 60% ...,"
    picks = [(i, a) for a in covering]
    picks += [_quote_closed_later(cand, text, spans, i, attributions_of),
              _quote_speaker(cand, text, spans, i, p, attributions_of),
              _next_sentence_attaches(text, spans, i, p, attributions_of)]
    if _continues(cand, text, spans[i][1], p):
        picks += [(i, _with_rule(a, "source.same_sentence")) for a in others]
    for picked in picks:
        if picked is None:
            continue
        resolved = _resolve(*picked, text, spans, p, attributions_of)
        if resolved is not None:
            return resolved
    return None


def _in_background_clause(text: str, attribution_at: int, figure_at: int) -> bool:
    """Whether the figure stands in a relative clause of a war or attack the words after an attribution
    mention ("The military said it would wipe out Hamas, which led the attacks in Israel that killed 1,300
    people"): a toll told as background, not as what the source reports."""
    return attribution_at < figure_at and bool(RE_BACKGROUND_EVENT.search(text, attribution_at, figure_at))


def _in_clause_after(text: str, sentence_start: int, attribution: Attribution, figure_at: int,
                     clause: re.Pattern) -> bool:
    """Whether the figure stands in a clause of the kind ``clause`` opening right after the attribution's
    phrase, before the figure."""
    offset, phrase = attribution[0] + sentence_start, attribution[1]
    # "X said" or "said X", in a text that may hold runs of white space ("Al  Manar")
    found = _spaced(phrase).search(text, max(sentence_start, offset - LOOK_BACK), figure_at)
    return found is not None and bool(clause.match(text, found.end(), figure_at))


def _spaced(phrase: str) -> re.Pattern:
    """A pattern of ``phrase`` (written with single spaces) that matches it with any white space between words."""
    return re.compile(r"\s+".join(map(re.escape, phrase.split())))


def _type_at_earlier_mention(surname: str, text: str, before: int, p: Patterns) -> str | None:
    """The kind of source a person is where the text before ``before`` names them with a title or an
    apposition ("UNRWA's director John Ging", "Philippe Lazzarini, head of UNRWA,"), the latest such
    mention within PERSON_LOOK_BACK characters; None when no mention says a kind other than "other"."""
    low = max(0, before - PERSON_LOOK_BACK)
    pattern = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])")
    for m in reversed(list(pattern.finditer(text, low, before))):
        # the words before the name and its first names; a title set off by a comma ("UNRWA's director, John Ging")
        words_before = RE_FIRST_NAMES.sub("", text[max(low, m.start() - 80) : m.start()]).rstrip()
        title = RE_CLAUSE_BREAK.split(words_before.removesuffix(","))[-1].strip()
        last = title.split()[-1] if title else ""
        is_title = last[:1].isupper() or (last.lower() in p.source_words and last.lower() not in NOT_HEAD_WORDS)
        typed = typed_match(title, p) if is_title else None
        apposition = RE_APPOSITION_AFTER_NAME.match(text, m.end())
        if apposition and RE_NOT_AN_APPOSITION.match(apposition.group(1)):
            apposition = None  # "Biden, speaking to the UN, ..."
        if not (typed and typed[0] not in ("other", "media")) and apposition:
            typed = typed_match(apposition.group(1), p) or (
                (by_name, "") if (by_name := organisation_type(apposition.group(1))) else None)
        if typed and typed[0] not in ("other", "media"):
            return typed[0]
    return None


def _continues(cand: Candidate, text: str, sentence_end: int, p: Patterns) -> bool:
    """Whether the figure adds to a figure before it ("with thousands more missing", "another 20",
    "a further 9"), so that the attribution of its sentence covers it whatever its place."""
    before = text[max(0, cand.start - 20) : cand.start]
    after = text[cand.end : min(sentence_end, cand.end + 30)]
    return bool(RE_ADDED_BEFORE.search(before) or RE_ADDED_AFTER.match(after))


def _with_rule(attribution: Attribution, rule: str) -> Attribution:
    return attribution[0], attribution[1], attribution[2], rule


def _resolve(k: int, attribution: Attribution, text: str, spans: list[tuple[int, int]], p: Patterns,
             attributions_of) -> tuple[int, Attribution, str | None] | None:
    """``(sentence index, attribution, what it is typed by)``: a pronoun ("it said") becomes the source
    named in up to PRONOUN_SENTENCES sentences before; "the group said" keeps its words and is typed by
    the NGO or UN body named in the sentence or before it. None when a pronoun has no antecedent."""
    offset, phrase, direction, rule = attribution
    if phrase.lower() == "we":
        # "We also documented the killing of 696 rebels" in an organisation's report: the NGO or UN body named
        # before; "we counted" in a quotation is the speaker's, no source of its own
        if _in_open_quote(text, spans[max(0, k - QUOTE_SENTENCES)][0], spans[k][0] + offset):
            return None
        author = last_typed_before(text, spans[k][0] + offset, p, types=("ngo", "un"))
        return (k, (offset, author[1], direction, "source.first_person_report"), author[1]) if author else None
    if p.re_generic_organisation.match(phrase.strip()):
        # "..., including four Red Crescent medics, the group said": the NGO or UN body its own sentence names
        named_here = typed_match(text[spans[k][0] : spans[k][1]], p, types=("ngo", "un"))
        if named_here:
            return k, (offset, phrase, direction, "source.named_organisation"), named_here[1]
    if p.re_pronoun_source.match(phrase.strip()):
        antecedent = None
        back, limit = 1, PRONOUN_SENTENCES
        while back <= limit and k - back >= 0:
            said = attributions_of(k - back)
            if any(a[1].lower() == phrase.lower() for a in said):
                # "“...,” he said (, according to Reuters)." before: the same speaker goes on; the name may
                # stand further back
                limit = min(back + PRONOUN_SENTENCES, PRONOUN_CHAIN_SENTENCES)
                back += 1
                continue
            named = [a for a in said if a[1].lower() not in PERSONAL_PRONOUNS]
            if named:
                antecedent = (k - back, named[-1][0], named[-1][1])
                break
            antecedent = _named_in(k - back, phrase.lower(), text, spans, p)
            if antecedent is not None:
                break
            back += 1
        if antecedent is not None:
            k, offset, phrase = antecedent
            rule = "source.pronoun_previous_sentence"
        elif not phrase.lower().startswith("the "):
            return None
    if p.re_generic_organisation.match(phrase.strip()):
        # "the organisation said": the NGO or UN body this sentence names ("Palestinian Red Crescent medics")
        named_here = typed_match(text[spans[k][0] : spans[k][1]], p, types=("ngo", "un"))
        if named_here is None:  # named earlier in the passage: the last NGO or UN body before the sentence
            named_here = last_typed_before(text, spans[k][0], p, types=("ngo", "un"))
        if named_here:
            return k, (offset, phrase, direction, "source.named_organisation"), named_here[1]
    return k, (offset, phrase, direction, rule), None


def _named_in(k: int, pronoun: str, text: str, spans: list[tuple[int, int]], p: Patterns
              ) -> tuple[int, int, str] | None:
    """``(k, offset, phrase)``: a source sentence ``k`` names without a reporting verb, for a pronoun:
    a health ministry, army, UN body... ("The Gaza health ministry gave its update. It said ..."), or
    for "he"/"she" the person the sentence opens with ("Warda Ali spoke to reporters.")."""
    sentence = text[spans[k][0] : spans[k][1]]
    if _in_open_quote(text, spans[max(0, k - QUOTE_SENTENCES)][0], spans[k][0]):  # it opens inside a quotation
        close = RE_CLOSING_QUOTE.search(sentence)
        cut = close.end() if close else len(sentence)
        sentence = " " * cut + sentence[cut:]
    sentence = RE_QUOTATION.sub(lambda m: " " * len(m.group()), sentence)  # no antecedent in a quotation
    if pronoun in ("he", "she"):  # a person: "The army spokesman for Ituri, Lt. Jules Ngongo, did not answer"
        apposed = RE_APPOSED_NAME.search(sentence)
        if apposed:
            title = _source_phrase_before(sentence, apposed.start(), p)
            name = apposed.group("name")
            return k, apposed.start(), f"{title}, {name}" if title and title.lower() not in PRONOUNS else name
    named = named_in_text(sentence, p)
    if named:
        longest = named[1]
        whole = _source_phrase_before(sentence, longest.end(), p)  # "The Gaza health ministry"
        whole_is_a_phrase = whole and longest.group() in whole and (whole[:1].isupper() or RE_DETERMINER.match(whole))
        phrase = whole if whole_is_a_phrase else longest.group()
        return k, longest.start(), phrase
    if pronoun in ("he", "she"):
        subject = _sentence_subject(sentence, p)
        if subject and RE_PERSON_NAME.fullmatch(subject):
            return k, 0, subject
    return None


def _in_open_quote(text: str, start: int, position: int) -> bool:
    """Whether a quotation opened between ``start`` (a sentence start) and ``position`` is still open at
    ``position``; the quotation marks are counted from a sentence start, not from inside a quotation."""
    low = max(start, position - QUOTE_LOOK_BACK)
    if low > start:  # a window cut inside a sentence may cut a quotation: start at the next sentence end
        end = RE_SENTENCE_END.search(text, low, position)
        low = end.end() if end else low
    own = text[low:position]
    return own.count("“") > own.count("”") or own.count('"') % 2 == 1


def _quote_closed_later(cand: Candidate, text: str, spans: list[tuple[int, int]], i: int,
                        attributions_of) -> tuple[int, Attribution] | None:
    """A quotation opened before the figure and closed in one of the next sentences by "..., he said"."""
    if not _in_open_quote(text, spans[max(0, i - QUOTE_SENTENCES)][0], cand.start):
        return None
    own_rest = text[cand.end : spans[i][1]]
    if "”" in own_rest or '"' in own_rest:  # closed in its own sentence: that sentence's attributions decided
        return None
    for k in range(i + 1, min(i + 1 + QUOTE_SENTENCES, len(spans))):
        sentence = text[spans[k][0] : spans[k][1]]
        # a quotation closes after its punctuation (',” he said'), not around a word ('"Uncommitted" leaders')
        closing = RE_QUOTE_CLOSE.search(sentence)
        if closing is None:
            continue
        close = closing.end() - 1
        closing = [a for a in attributions_of(k) if 0 < a[0] - close <= MAX_ASIDE]
        return (k, _with_rule(closing[0], "source.quote_closed_next_sentence")) if closing else None
    return None


def _quote_speaker(cand: Candidate, text: str, spans: list[tuple[int, int]], i: int, p: Patterns,
                   attributions_of) -> tuple[int, Attribution] | None:
    """A quotation that holds the figure and follows a sentence that quotes a named speaker
    ("..." Malangay told AFP. "On Tuesday, we found 11 bodies."): that speaker."""
    if i == 0 or not _in_open_quote(text, spans[i - 1][0], cand.start):
        return None
    previous = text[spans[i - 1][0] : spans[i - 1][1]]
    said = attributions_of(i - 1)
    opens = text[spans[i][0] : cand.start].lstrip()[:1] in ("“", '"')
    if said and (opens or any(q in previous for q in "“”\"")):  # 'Ali said the ward was full. "We lost 6."'
        return i - 1, _with_rule(said[-1], "source.quote_speaker")
    subject = _sentence_subject(previous, p) if opens and not said else None  # "Herzog criticized it. “I saw ...”"
    if subject and (RE_PERSON_NAME.fullmatch(subject) or typed_match(subject, p)):
        return i - 1, (0, subject, "forward", "source.quote_speaker")
    return None


def _next_sentence_attaches(text: str, spans: list[tuple[int, int]], i: int, p: Patterns,
                            attributions_of) -> tuple[int, Attribution] | None:
    """The next sentence opens with "That's according to X", "The figures come from X"."""
    if i + 1 >= len(spans):
        return None
    following, _ = _single_spaced(text[spans[i + 1][0] : spans[i + 1][1]])
    opening = p.re_next_attaches.match(following)
    if opening and not (RE_ACCORDING_OPENING.match(opening.group()) and has_number(following)):
        # "According to the report, ISIS killed 10": a claim of its own, no word back to the figure before
        named = attributions_of(i + 1)
        if named:
            return i + 1, _with_rule(named[0], "source.next_sentence")
    return None


