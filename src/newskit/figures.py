"""Casualty figures as attributed claims: :func:`extract_figures` and :func:`claims_table`.

A casualty figure is a count, or a share, of PEOPLE said to have been killed, injured, taken
hostage, gone missing, displaced, detained or released (../shared/FIGURES.md). Each occurrence in
the text is its own :class:`Figure`, with the interval its wording allows (see
:class:`Conventions`), the outcome, victim group, scope and attribution decided by the rules below,
and offsets into the very string passed in (raw HTML entities and double spaces included), so that
``text[figure.start:figure.end] == figure.surface`` always.

How each field is decided, in short:

- a number (see :mod:`newskit.numbers`) is a figure when an outcome cue binds to it: a noun right
  after it ("20,000 deaths", "240 hostages"), a participle after its noun phrase ("18,600
  Palestinians have now been killed"), an active verb right before it ("killed about 1,300"), a
  nominal cue before it in the same clause ("the death toll rose to 20,000"), or a subset link to
  another figure ("including 3,542 children", "nine of whom"); and its noun phrase names no thing
  ("3,000 rockets" is not a figure);
- ``bound`` from the qualifier right before it ("more than", "almost", "about") or after it ("or so");
- ``group`` from the most specific people word of its own noun phrase, else the noun after "of",
  else an adjective before a nominal cue ("the Palestinian death toll"), else the parent's group;
- ``scope`` from the scope cues of the figure's own clause, strongest class first: "since ..." and
  "so far"/"to date" (cumulative) > a stated window ("over the past week": period) > a present
  perfect ("have been killed": cumulative) > a single event ("strike", "ambush", "the October 7
  attack": incident) > a toll ("the death toll", cumulative) > a day ("on Tuesday": period) > plural
  events ("strikes") > war words ("the war", "the offensive": cumulative); an event that is the
  agent of the verb ("the strike that killed 30", "attacked Israel, killing 1,200") makes it an
  incident; a release is an event; a subset takes its parent's window; with no cue in its clause,
  the nearest cue of the sentence, else a health-ministry source or a hostage count (cumulative),
  an active past verb (incident), else unknown;
- ``source`` from "according to X", "X said", "said X", "X's figures" in the same sentence, or from
  the next sentence when it explicitly attaches the figure ("That's according to X", "The figures
  come from X"), or from the previous sentence when this one says "it said" / "they said";
  ``source_type`` maps the phrase through ordered patterns (:data:`SOURCE_TYPE_PATTERNS`).
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date

import pandas as pd

from newskit.errors import NewskitWarning
from newskit.nlp import ABBREVIATIONS, sentence_spans
from newskit.numbers import NumberExpr, ascii_lower, find_numbers, has_number, number_positions
from newskit.schema import (
    ARTICLE_COLUMNS,
    CLAIM_COLUMNS,
    FIGURE_FIELDS,
    PASSAGE_COLUMNS,
    Bound,
    Group,
    Outcome,
    Scope,
    SourceType,
    Unit,
    validate_columns,
)

# =========================================================================== conventions


@dataclass(frozen=True)
class Conventions:
    """How the words of a figure become an interval ``[low, high]`` (None = unbounded).

    - ``exact`` -> ``[v, v]``;
    - ``lower`` ("more than", "at least", "over") -> ``[v + lower_step, None]``; ``lower_step`` is 0 by
      default, so "more than 100" and "at least 100" share the interval ``[100, None]``;
    - ``upper`` ("almost", "nearly", "up to") -> ``[None, v]``; ``upper_floor`` (default None) can
      give a finite lower end as a share of v (e.g. 0.9 for "nearly v" -> ``[0.9 v, v]``);
    - ``approximate`` ("about", "some", "roughly") -> ``[v (1 - e), v (1 + e)]`` with
      ``e = approximate_error`` (default 0.1, i.e. +-10%), rounded to whole people;
    - ``range`` ("between 30 and 40") -> ``[v, high]``;
    - ``vague`` -> ``vague_intervals[word]`` ("dozens" [24, 99], "hundreds" [200, 999], ...), and
      separately a conservative point ``vague_points[word]`` for whoever needs one number (ACLED
      counts dozens as 12 and hundreds as 100): see :meth:`point`.

    Percentages follow the same rules in percent and are capped at 100.
    """

    approximate_error: float = 0.1
    lower_step: int = 0
    upper_floor: float | None = None
    vague_intervals: Mapping[str, tuple[int, int]] = field(
        default_factory=lambda: {
            "a dozen": (10, 14),
            "dozens": (24, 99),
            "scores": (40, 99),
            "hundreds": (200, 999),
            "thousands": (2_000, 9_999),
            "tens of thousands": (20_000, 99_999),
            "hundreds of thousands": (200_000, 999_999),
            "millions": (2_000_000, 9_999_999),
        }
    )
    vague_points: Mapping[str, int] = field(
        default_factory=lambda: {
            "a dozen": 12,
            "dozens": 12,
            "scores": 20,
            "hundreds": 100,
            "thousands": 1_000,
            "tens of thousands": 10_000,
            "hundreds of thousands": 100_000,
            "millions": 1_000_000,
        }
    )

    def interval(
        self, bound: str, value: float | None, *, high: float | None = None, vague: str | None = None,
        percent: bool = False,
    ) -> tuple[float | None, float | None]:
        """``(low, high)`` for a figure of this ``bound`` and ``value``.

        >>> c = Conventions()
        >>> c.interval("exact", 9), c.interval("lower", 100), c.interval("upper", 25000)
        ((9, 9), (100, None), (None, 25000))
        >>> c.interval("approximate", 1300), c.interval("range", 30, high=40)
        ((1170, 1430), (30, 40))
        >>> c.interval("vague", None, vague="dozens"), c.interval("approximate", 95, percent=True)
        ((24, 99), (86, 100))
        """
        cap = 100 if percent else None
        if bound == "vague":
            low_high = self.vague_intervals.get(vague or "")
            if low_high is not None:
                return low_high
            return (value, value)
        if value is None:
            return (None, None)
        if bound == "lower":
            return (_whole(value + self.lower_step), None)
        if bound == "upper":
            low = _whole(value * self.upper_floor) if self.upper_floor is not None else None
            return (low, value)
        if bound == "approximate":
            low, up = _whole(value * (1 - self.approximate_error)), _whole(value * (1 + self.approximate_error))
            return (low, min(up, cap) if cap is not None else up)
        if bound == "range":
            return (value, high)
        return (value, value)

    def point(self, figure: Figure) -> float | None:
        """One number for ``figure``: its value, or the conservative point of its vague word."""
        if figure.value is not None:
            return figure.value
        vague = " ".join(figure.surface.lower().split())
        return self.vague_points.get(vague)


def _whole(value: float) -> int | float:
    rounded = round(value)
    return int(rounded) if abs(rounded) < 1e18 else value


DEFAULT_CONVENTIONS = Conventions()

# =========================================================================== the record


@dataclass(frozen=True)
class Figure:
    """One casualty figure in a text, with its evidence (see the module docstring for the rules).

    ``parent`` is the index, in the list :func:`extract_figures` returned, of the figure this one is
    a subset of ("including 3,542 children"), else None. ``sentence`` is the sentence as written.
    """

    start: int
    end: int
    surface: str
    value: int | float | None
    unit: Unit
    bound: Bound
    low: int | float | None
    high: int | float | None
    outcome: Outcome
    group: Group
    scope: Scope
    source: str | None
    source_type: SourceType
    parent: int | None
    sentence: str


assert [f.name for f in fields(Figure)] == FIGURE_FIELDS  # the record is the schema's, in order

# =========================================================================== vocabularies
# Outcome cues: phrase -> outcome. Longer phrases win over their parts.
OUTCOME_CUES: dict[str, str] = {}
for _outcome, (_words, _phrases) in {
    "killed": (
        """killed kill kills killing killings dead died die dies dying deaths death fatalities fatality
        slain murdered murder murders massacred massacre executed perished martyred martyrs bodies
        slaughtered casualties casualty victims toll eliminated elimination""",
        """lost their lives|lost his life|lost her life|shot dead|gunned down|burned to death|death toll|
        claimed the lives of|among the dead|among the killed|among those killed|among the victims|
        bodies of|remains of""",
    ),
    "injured": (
        "wounded wounding wounds injured injuring injuries injury hurt maimed",
        "were hurt|treated for injuries|treated for wounds|among the wounded|among the injured|among those wounded",
    ),
    "hostage": (
        """hostage hostages captive captives abducted abducting abduction abductions kidnapped kidnapping
        kidnappings seized captured abductees captivity""",
        """taken hostage|held hostage|taken captive|held captive|in captivity|being held|still held|
        taken into gaza|taken to gaza|among the hostages""",
    ),
    "missing": ("missing", "unaccounted for|under the rubble|under rubble|beneath the rubble|trapped under"),
    "displaced": (
        "displaced displacing displacement fled flee fleeing homeless uprooted evacuated evacuate evacuating",
        "forced to flee|forced from their homes|fled their homes|left homeless|made homeless|forced to leave|"
        "sought shelter|out of their homes|to evacuate|to flee|internally displaced",
    ),
    "detained": (
        """arrested arresting arrest arrests detained detaining detention detentions detainees detainee
        imprisoned jailed prisoners prisoner inmates""",
        "rounded up|in custody|held in israeli|among those detained|among those arrested|in its prisons|"
        "in israeli prisons|in israeli jails|in prison|in jail|in detention",
    ),
    "released": (
        "released releasing release freed freeing exchanged exchange swap swapped returned free rescued rescue",
        "set free|handed over|in exchange for",
    ),
}.items():
    for _cue in [*_words.split(), *(" ".join(p.split()) for p in _phrases.split("|"))]:
        OUTCOME_CUES[_cue] = _outcome
# Nouns that name people by their status: the outcome when no verb says otherwise.
STATUS_NOUNS = {
    "hostages": "hostage", "hostage": "hostage", "captives": "hostage", "captive": "hostage",
    "abductees": "hostage", "prisoners": "detained", "prisoner": "detained", "detainees": "detained",
    "detainee": "detained", "inmates": "detained",
}
# Nouns that are outcomes in themselves when they follow the number ("20,000 deaths").
OUTCOME_NOUNS = {
    "deaths": "killed", "death": "killed", "dead": "killed", "fatalities": "killed", "fatality": "killed",
    "casualties": "killed", "bodies": "killed", "victims": "killed", "martyrs": "killed",
    "killed": "killed", "killings": "killed",
    "wounded": "injured", "injured": "injured", "injuries": "injured", "hurt": "injured",
    "missing": "missing", "displaced": "displaced", "arrests": "detained", "arrested": "detained",
    "detentions": "detained", "abductions": "hostage", "kidnapped": "hostage", "abducted": "hostage",
    "released": "released", "freed": "released", "lives": "killed",
}
# People words -> group. "generic" heads take their group from an adjective when there is one.
GENERIC_PEOPLE = {
    "people", "persons", "person", "individuals", "residents", "citizens", "nationals", "members",
    "staff", "staffers", "employees", "workers", "worker", "personnel", "colleagues", "others", "other",
    "population", "inhabitants", "men", "man", "patients", "relatives", "suspects",
    "worshippers", "passengers", "volunteers", "youths", "adults", "villagers", "locals", "souls",
    "partygoers", "festivalgoers", "revellers", "revelers", "attendees", "mourners", "protesters",
    "demonstrators", "students", "teachers", "farmers", "fishermen", "refugees", "family",
    "elderly", "pensioners", "settlers", "officers", "policemen", "guards", "rescuers",
}
PEOPLE_GROUPS = {
    "people": "people", "persons": "people", "person": "people", "individuals": "people",
    "residents": "people", "citizens": "people", "nationals": "people", "members": "people",
    "staff": "people", "staffers": "people", "employees": "people", "workers": "people",
    "worker": "people", "personnel": "people", "colleagues": "people", "others": "people",
    "other": "people", "population": "people", "inhabitants": "people", "men": "people", "man": "people",
    "patients": "people", "relatives": "people", "worshippers": "people", "passengers": "people",
    "volunteers": "people", "youths": "people", "adults": "people", "villagers": "people",
    "locals": "people", "souls": "people", "partygoers": "people", "festivalgoers": "people",
    "revellers": "people", "revelers": "people", "attendees": "people", "mourners": "people",
    "protesters": "other", "demonstrators": "other", "students": "people", "teachers": "people",
    "farmers": "people", "fishermen": "people", "refugees": "people", "family": "people",
    "elderly": "people", "pensioners": "people", "settlers": "israelis", "rescuers": "other",
    "officers": "other", "policemen": "other", "guards": "other",
    "civilians": "civilians", "civilian": "civilians", "noncombatants": "civilians",
    "non-combatants": "civilians",
    "palestinians": "palestinians", "gazans": "palestinians", "israelis": "israelis",
    "cousins": "people", "brothers": "people", "sisters": "people", "parents": "people",
    "grandparents": "people", "nephews": "children", "nieces": "children", "uncles": "people",
    "aunts": "people", "husbands": "people", "grandchildren": "children", "siblings": "people",
    "grandmothers": "women", "grandfathers": "people", "fathers": "people", "sons-in-law": "people",
    "children": "children", "child": "children", "kids": "children", "minors": "children",
    "babies": "children", "infants": "children", "toddlers": "children", "newborns": "children",
    "boys": "children", "girls": "children", "teenagers": "children", "teens": "children",
    "schoolchildren": "children", "sons": "children", "daughters": "children", "juveniles": "children",
    "youngsters": "children", "premature": "children",
    "women": "women", "woman": "women", "mothers": "women", "wives": "women",
    "soldiers": "soldiers", "soldier": "soldiers", "troops": "soldiers", "servicemen": "soldiers",
    "servicemembers": "soldiers", "reservists": "soldiers", "conscripts": "soldiers",
    "paratroopers": "soldiers", "commandos": "soldiers", "marines": "soldiers", "sailors": "soldiers",
    "militants": "militants", "militant": "militants", "fighters": "militants", "fighter": "militants",
    "gunmen": "militants", "terrorists": "militants", "terrorist": "militants",
    "combatants": "militants", "operatives": "militants", "insurgents": "militants",
    "commanders": "militants", "jihadists": "militants", "infiltrators": "militants",
    "attackers": "militants", "assailants": "militants", "guerrillas": "militants",
    "journalists": "journalists", "journalist": "journalists", "reporters": "journalists",
    "photographers": "journalists", "photojournalists": "journalists", "cameramen": "journalists",
    "correspondents": "journalists",
    "doctors": "medical_workers", "nurses": "medical_workers", "medics": "medical_workers",
    "paramedics": "medical_workers", "physicians": "medical_workers", "surgeons": "medical_workers",
    "hostages": "hostages", "hostage": "hostages", "captives": "hostages", "abductees": "hostages",
    "prisoners": "prisoners", "prisoner": "prisoners", "detainees": "prisoners", "detainee": "prisoners",
    "inmates": "prisoners",
    "foreigners": "foreigners", "americans": "foreigners", "thais": "foreigners", "britons": "foreigners",
    "nepalese": "foreigners", "nepalis": "foreigners", "filipinos": "foreigners", "germans": "foreigners",
    "argentines": "foreigners", "ukrainians": "foreigners", "russians": "foreigners",
    "infant": "children", "toddler": "children", "baby": "children", "boy": "children", "girl": "children",
    "suspects": "people", "lives": "people",
    "lebanese": "other", "syrians": "other", "egyptians": "other", "jordanians": "other",
    "yemenis": "other", "iranians": "other", "iraqis": "other",
}
# Adjectives (and noun modifiers) that give a group to a generic head ("aid workers", "Thai nationals").
ADJECTIVE_GROUPS = {
    "palestinian": "palestinians", "gazan": "palestinians",
    "israeli": "israelis", "israel": "israelis", "jewish": "israelis",
    "civilian": "civilians",
    "foreign": "foreigners", "american": "foreigners", "thai": "foreigners", "british": "foreigners",
    "french": "foreigners", "german": "foreigners", "nepalese": "foreigners", "nepali": "foreigners",
    "us": "foreigners", "u.s.": "foreigners", "filipino": "foreigners", "dual": "foreigners",
    "chinese": "foreigners", "canadian": "foreigners", "argentine": "foreigners", "russian": "foreigners",
    "ukrainian": "foreigners", "mexican": "foreigners", "irish": "foreigners", "australian": "foreigners",
    "hamas": "militants", "hezbollah": "militants", "militant": "militants", "jihad": "militants",
    "qassam": "militants",
    "aid": "aid_workers", "humanitarian": "aid_workers", "relief": "aid_workers", "un": "aid_workers",
    "u.n.": "aid_workers", "unrwa": "aid_workers", "ngo": "aid_workers",
    "medical": "medical_workers", "health": "medical_workers", "healthcare": "medical_workers",
    "media": "journalists", "press": "journalists",
    "idf": "soldiers", "army": "soldiers", "military": "soldiers",
    "police": "other", "security": "soldiers", "terror": "militants",
}
# Groups named by a role outrank nationality adjectives on a generic head ("Palestinian aid workers").
ROLE_GROUPS = {"aid_workers", "medical_workers", "journalists", "soldiers", "militants", "civilians", "other"}
# Words that may sit between a number and its head noun without ending the noun phrase.
NP_MODIFIERS = {
    "more", "other", "additional", "further", "young", "old", "elderly", "newborn", "pregnant",
    "female", "male", "sick", "critically", "seriously", "severely", "lightly", "moderately", "badly",
    "injured", "wounded", "dead", "displaced", "missing", "kidnapped", "abducted", "captive",
    "detained", "released", "freed", "remaining", "surviving", "local", "fellow", "active", "off-duty",
    "senior", "top", "armed", "reserve", "killed", "new", "internally", "total", "unidentified",
    "-", "(", ")", "and", "health-care", "mostly", "including", "all", "forces",
}
# Words that end a noun phrase without making it a thing ("18,600 have been killed").
FUNCTION_WORDS = {
    "have", "has", "had", "were", "was", "are", "is", "be", "been", "being", "will", "would", "could",
    "may", "might", "must", "should", "can", "remain", "remained", "remains", "still", "now",
    "reportedly", "also", "already", "in", "on", "at", "of", "from", "since", "during", "and", "or",
    "but", "to", "who", "that", "which", "whom", "according", "as", "by", "for", "with", "after",
    "before", "when", "while", "including", "among", "a", "an", "the", "than", "so", "this", "last",
    "over", "across", "inside", "near", "amid", "into", "out", "up", "there", "each",
    "more", "others", "alone", "altogether", "combined", "total", "apiece", "plus", "or so",
    "not", "all", "both", "it", "they", "he", "she", "we", "its", "their", "his", "her", "said", "says",
    "say", "reported", "per", "just", "only", "whose", "where", "if", "because", "though",
    "although", "yet", "then", "later", "earlier", "under", "outside", "between", "dozens", "hundreds",
    "thousands", "scores", "people's", "lives", "held", "kept", "got", "left", "made",
}

# =========================================================================== compiled patterns


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


_CUE = _alternation(OUTCOME_CUES)
# A sentence is read only when it holds one of these word starts: every word of the outcome cues
# and of the outcome and status nouns, and the words a subset inherits its outcome through. Cheap,
# generous, and checked to change no result on ~17,000 news sentences; most numbered sentences
# (dates, ages, sums) hold none of them.
_SENTENCE_CUE_STOP = {"the", "of", "in", "to", "for", "their", "his", "her", "its", "a", "an", "and", "into",
                      "out", "by", "from", "on"}
RE_SENTENCE_CUE = re.compile(
    r"\b(?:" + _alternation(
        {w for phrase in [*OUTCOME_CUES, *STATUS_NOUNS, *OUTCOME_NOUNS] for w in phrase.split()}
        - _SENTENCE_CUE_STOP
        | {"whom", "them", "those", "these", "includ", "among", "los", "took", "tak", "alive", "remain", "toll"}
    ) + ")"
)
_WS = r"[^\S\n]"
# More heads joined to the first ("women and children", "journalists and media workers").
RE_MORE_HEADS = re.compile(
    r"(?:\s*(?:,|and|or|&)\s*(?:\w+\s+)?(?:people|persons|children|women|men|elderly|girls|boys|workers|"
    r"staff|personnel|members|civilians|soldiers|journalists|medics|doctors|nurses|babies|infants|"
    r"teenagers|adults|fighters|militants|officers|police|foreigners|toddlers?|infants?|babies|baby|child|"
    r"woman|man|boys?|girls?))+",
    re.IGNORECASE,
)
RE_VERBISH = re.compile(r"^[a-z]+(?:ed|en|ing|ly)$")
RE_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*(?<![.\-])|\d[\d,.]*|[()]|[^\w\s]")
RE_CUE = re.compile(rf"\b(?:{_CUE})\b", re.IGNORECASE)
# Qualifiers: right before the number (lower, upper, approximate) or right after it.
RE_LOWER_BEFORE = re.compile(
    r"\b(?:at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|exceeding|exceeded|exceeds|"
    r"surpassed|surpassing|surpasses|surpass|topped|topping|tops|passed|passing|past|above|"
    r"no\s+fewer\s+than|no\s+less\s+than|well\s+over|well\s+above|greater\s+than|a\s+minimum\s+of|"
    r"beyond|in\s+excess|crossed|at\s+a\s+minimum)\s+(?:the\s+)?(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
RE_UPPER_BEFORE = re.compile(
    r"\b(?:almost|nearly|up\s+to|fewer\s+than|less\s+than|under|as\s+many\s+as|close\s+to|"
    r"just\s+under|not\s+more\s+than|no\s+more\s+than|at\s+most|shy\s+of|below|approaching|nearing|"
    r"short\s+of|just\s+shy\s+of|a\s+maximum\s+of|as\s+much\s+as|closer\s+to|approached)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
RE_APPROX_BEFORE = re.compile(
    r"\b(?:about|around|some|roughly|approximately|an\s+estimated|estimated|approx\.?|circa|"
    r"more\s+or\s+less|an\s+approximate|a\s+rough|perhaps|maybe|likely)\s+$",
    re.IGNORECASE,
)
RE_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|exceeding|surpassing|"
    r"no\s+fewer\s+than|no\s+less\s+than|well\s+over|greater\s+than|almost|nearly|up\s+to|"
    r"fewer\s+than|less\s+than|under|as\s+many\s+as|close\s+to|just\s+under|about|around|some|"
    r"roughly|approximately|an\s+estimated|estimated|a\s+total\s+of|the|a|an|another|all|just|only|"
    r"exactly|precisely|a\s+further|an\s+additional|additional|further|still|yet)\s+)*$",
    re.IGNORECASE,
)
RE_LOWER_AFTER = re.compile(r"^(?:\+|\s+or\s+more\b|\s+and\s+counting\b|\s+plus\b)", re.IGNORECASE)
RE_UPPER_AFTER = re.compile(r"^\s+or\s+(?:fewer|less)\b", re.IGNORECASE)
RE_APPROX_AFTER = re.compile(r"^\s+or\s+so\b", re.IGNORECASE)

# An outcome cue after the noun phrase: passive, participle or intransitive ("were killed", "died").
RE_CUE_AFTER = re.compile(
    r"^[\s,]*(?:(?:who|that|which|whom)\s+)?"
    r"(?:(?:have|has|had|were|was|are|is|be|been|being|got|get|reportedly|now|also|already|all|still|"
    r"allegedly|likely|believed|thought|said|feared|confirmed|so|far|since|each|remain|remained|remains|"
    r"later|subsequently|eventually|initially|officially|either|to|were|then|who|having|just|presumed|"
    r"declared|reported|known|feared|listed|found|left|those|these|the|"
    r"mostly|many|most|both|either|been|in\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|"
    r"[-–—][^-–—.]{1,60}[-–—]|(?:of|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?|"
    r"in\s+the\s+(?:strip|enclave|territory|city|north|south|camp|area|region|attack|war|"
    r"fighting|bombardment)|inside\s+[A-Z]\w*|in\s+(?:southern|northern|central)\s+[A-Z]\w*"
    r")\s+)*"
    rf"(?P<cue>{_CUE})\b",
    re.IGNORECASE,
)
# An active verb right before the number ("killed about", "wounding at least", "lost").
_ACTIVE = (
    "killed kill kills killing massacred murdered slaughtered executed wounded wounding injured injuring "
    "wounds injures abducted abducting kidnapped kidnapping seized seizing captured capturing "
    "arrested arresting detained detaining displaced displacing uprooted released releasing freed "
    "freeing free release exchange exchanged swapped returned return lost losing losses holds holding "
    "rescued rescue rescuing "
    "held hold"
).split()
RE_ACTIVE_BEFORE = re.compile(
    rf"\b(?P<cue>{_alternation(_ACTIVE)}|claimed\s+the\s+lives\s+of|bodies\s+of|remains\s+of|"
    r"in\s+exchange\s+for|handed\s+over|rounded\s+up|took|taken|take|taking|evacuated|evacuate|evacuating)"
    r"\s+(?:(?:a|an|the|at|least|more|than|over|some|about|around|nearly|almost|up|to|roughly|"
    r"approximately|estimated|another|additional|further|as|many|no|fewer|less|upwards|of|"
    r"close|exactly|just|under|total|whole|all|his|her|its|their|both)\s+)*$",
    re.IGNORECASE,
)
# A nominal cue earlier in the same clause ("the death toll in Gaza rose to").
RE_NOMINAL_BEFORE = re.compile(
    rf"^.*\b(?P<cue>{_CUE})\b(?P<gap>[^;:.!?()\"“”—–]{{0,70}})$",
    re.IGNORECASE,
)
RE_NOMINAL_GAP_BAD = re.compile(r"\b(?:while|whereas|but|after|before|when)\b", re.IGNORECASE)
RE_GAP_BAD = re.compile(r"\d|\b(?:said|says|told|while|whereas|but|after|before|when)\b", re.IGNORECASE)

# Subsets: "including 3,542 children", "nine of whom", "among them 20 women".
RE_SUBSET_BEFORE = re.compile(
    r"\b(?:including|includes|include|included|among\s+them|among\s+whom|among\s+those|of\s+whom|"
    r"of\s+them|of\s+those|of\s+these|of\s+which|among\s+the\s+(?:dead|killed|victims|hostages|wounded|"
    r"injured)\s+(?:were|are)|of\s+the\s+(?:dead|killed|victims|hostages))"
    r"[\s,]+(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|roughly|approximately|"
    r"an\s+estimated|up\s+to|as\s+many\s+as)\s+)?$",
    re.IGNORECASE,
)
RE_SUBSET_AFTER = re.compile(r"^\s+(?:of\s+(?:whom|them|those|these|which)|among\s+them)\b", re.IGNORECASE)
RE_SUBSET_SENTENCE_START = re.compile(
    r"^\W*(?:of|among)\s+(?:those|them|these|the\s+(?:dead|killed|victims|hostages|wounded))\b", re.I
)
# Between two members of one list: "children and", "children, ", "women, and".
RE_LIST_GAP = re.compile(r"^[\s,]*(?:[\w'’-]+\s+){0,3}?[\w'’-]*(?:,\s*|\s+and\s+|\s+or\s+|,\s*and\s+)$", re.I)
RE_COORDINATION = re.compile(r"^[\s,]*(?:and|or|as\s+well\s+as|plus)?\s*$", re.IGNORECASE)
RE_APPOSITION = re.compile(
    r"^\s*(?:,|\(|—|–|-)\s*(?:or|about|nearly|almost|some|roughly|around|approximately|more\s+than|"
    r"over|at\s+least|including)?\s*$",
    re.IGNORECASE,
)

# Scope cues: (pattern, scope). "since ..." swallows the event it names ("since the October 7 attack").
RE_SINCE = re.compile(
    r"\bsince\s+(?:the\s+)?(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"last\s+night|this\s+morning|overnight|midnight|dawn)\b)[^,;:.()—–]{0,60}",
    0  # applied to ASCII-lowered text,
)
RE_SCOPE_STRONG_CUMULATIVE = re.compile(
    r"\b(?:so\s+far|to\s+date|in\s+total|in\s+all|overall|thus\s+far|until\s+now|up\s+to\s+now|"
    r"cumulative|running\s+total)\b",
    0  # applied to ASCII-lowered text
)
# Present perfect: a running total unless a stated window or an event says otherwise.
RE_SCOPE_PERFECT = re.compile(
    r"\b(?:(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+|reportedly\s+|also\s+)?"
    r"(?:been\s+)?(?:killed|died|claimed\s+the\s+lives|wounded|injured|risen|climbed|reached|surpassed|exceeded|passed|"
    r"topped|detained|arrested|displaced|fled|abducted|kidnapped|taken|evacuated))\b",
    0  # applied to ASCII-lowered text,
)
# A stated window ("over the past week", "in the last 24 hours"): beats a present perfect.
RE_SCOPE_WINDOW = re.compile(
    r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?)\b"
)
RE_SCOPE_TOLL = re.compile(r"\b(?:tally|death\s+toll|toll)\b")
RE_SCOPE_CUMULATIVE = re.compile(
    r"\b(?:war|conflict|offensive|campaign|bombardment|fighting|hostilities|operations|"
    r"ground\s+invasion|invasion|assault|retaliation|onslaught|siege|the\s+past\s+(?:few\s+)?(?:weeks|months)|"
    r"in\s+recent\s+(?:weeks|months)|remain|remains|remaining|still|currently|now)\b",
    0  # applied to ASCII-lowered text,
)
# One event: singular event nouns, and the October 7 attack named by its date.
RE_SCOPE_INCIDENT = re.compile(
    r"\b(?:attack|attacked|strike|airstrike|air\s+strike|air\s+raid|raid|ambush(?:ed)?|bombing|blast|"
    r"explosion|exploded|massacre|shooting|stabbing|incident|battle|clash|rampage|incursion|ramming|"
    r"bombed|struck|crash|festival|kibbutz|rave|firefight|gunfight|shootout|infiltration|stampede|"
    r"collapse|collapsed|operation|protest|shelling|hamas(?:'s|’s|-led)?\s+attacks|(?:october|oct\.?)\s+7|7\s+october)\b",
    0  # applied to ASCII-lowered text,
)
# An event as the agent of the figure's verb: "the strike killed", "an attack ..., killing".
RE_EVENT_AGENT = re.compile(
    r"\b(?:attacks?|attacked|strikes?|airstrikes?|raids?|bombings?|blast|explosion|shelling|ambush|"
    r"rockets?|missiles?|operations?|incursion|assault|stormed|launched|broke|struck|bombed|exploded)\b"
    r"[^;:]{0,100}?(?:\b(?:that|which)\s+|,\s*|\s)(?:(?:reportedly|also|then)\s+)?"
    r"(?<!has\s)(?<!have\s)(?<!had\s)(?<!been\s)"
    r"(?:killed|killing|kills|wounded|wounding|injured|injuring|left|leaving|claimed)\s+"
    r"(?:(?:at\s+least|more\s+than|about|around|some|roughly|nearly|almost|over|up\s+to|an\s+estimated)\s+)?$"
)
# Many events: plural event nouns (weaker than a stated window).
RE_SCOPE_INCIDENTS = re.compile(
    r"\b(?:attacks|strikes|airstrikes|air\s+strikes|air\s+raids|raids|bombings|blasts|explosions|"
    r"massacres|shootings|clashes|battles|missiles?|rockets?)\b",
    0  # applied to ASCII-lowered text,
)
RE_SCOPE_PERIOD = re.compile(
    r"\b(?:(?:on|since|by|last|this|early|late)\s+)?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)(?:\s+(?:night|morning|evening|afternoon))?\b|\byesterday\b|\btoday\b|"
    r"\bovernight\b|\blast\s+night\b|\bthis\s+(?:morning|evening|afternoon)\b|\btonight\b|"
    r"\b(?:this|last|past|previous|the\s+past|the\s+last|the\s+previous)\s+(?:week|weekend|month|day|"
    r"night|year|few\s+days)\b|\b(?:in|within|over|during)\s+(?:the\s+)?(?:past|last|previous)?\s*"
    r"(?:\d+|one|two|three|four|five|six|seven|24|48|72|a\s+single|a|one\s+single)\s+(?:hours?|days?|"
    r"weeks?)\b|\b(?:a|per|each|every)\s+day\b|\bdaily\b|\bin\s+(?:a|one)\s+(?:single\s+)?day\b|"
    r"\bin\s+(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b|\b(?:earlier|later)\s+(?:this|that)\s+(?:week|month|day)\b|\bthe\s+day\s+before\b|"
    r"\b(?:on|over)\s+the\s+weekend\b|\bdays?\s+earlier\b|\bthe\s+previous\s+day\b",
    0  # applied to ASCII-lowered text,
)
# Present-perfect tallies and status verbs: a running total when nothing else says otherwise.
RE_CUMULATIVE_DEFAULT = re.compile(
    r"\b(?:ha(?:ve|s)\s+(?:now\s+|so\s+far\s+|already\s+|reportedly\s+)?(?:been|died|killed|"
    r"risen|rose|climbed|reached|passed|surpassed|topped|exceeded|left)|remain|remains|still|"
    r"holding|toll|tally|total)\b",
    re.IGNORECASE,
)
RE_PAST_EVENT = re.compile(
    r"\b(?:killed|died|wounded|injured|arrested|detained|freed|released|rescued|"
    r"brought|recovered|took|seized|abducted|kidnapped|shot|fled)\b",
    re.IGNORECASE,
)
# Clause boundaries inside a sentence (scope is looked for in the figure's own clause first).
# (applied to ASCII-lowered text)
RE_CLAUSE_BREAK = re.compile(r"\s[—–-]\s|;|:|\(|\)|\bwhen\b|\bwhile\b|\bbut\b|,\s*(?=\S+\s+of\s+whom)")

# Attribution.
_REPORT_VERBS = (
    r"said|says|say|reported|reports|report|announced|announces|stated|states|confirmed|confirms|"
    r"estimated|estimates|estimate|believes|believe|told|tells|claimed|claims|claim|counted|recorded|"
    r"records|added|noted|tallied|documented|wrote|tweeted|posted|published|indicated|showed|shows|"
    r"put|puts|listed|cited|cites|warned|says\s+that|said\s+that|reported\s+that"
)
RE_ACCORDING = re.compile(
    r"\b(?:according\s+to|citing|per|figures\s+from|data\s+from|statistics\s+from|numbers\s+from|"
    r"figures\s+released\s+by|figures\s+provided\s+by|figures\s+compiled\s+by|a\s+tally\s+by|"
    r"a\s+count\s+by|estimates\s+from|estimates\s+by|released\s+by|provided\s+by|compiled\s+by)\s+"
    r"(?:the\s+latest\s+|latest\s+|new\s+|updated\s+)?"
    r"(?:(?:figures|data|statistics|numbers|estimates|tallies|tally|counts?|reports?|a\s+statement|"
    r"a\s+report|an\s+estimate|a\s+tally|a\s+count|officials|information)\s+(?:from|by|of|released\s+by|"
    r"compiled\s+by|issued\s+by|provided\s+by)\s+)?"
    r"(?P<src>[^,.;:()\"“”—–\n]{2,90})",
    0  # applied to ASCII-lowered text,
)
RE_SAID = re.compile(rf"\b(?:{_REPORT_VERBS})\b")
RE_SOURCE_AFTER_VERB = re.compile(
    r"\s+(?P<src>(?:the\s+|a\s+)?(?:[A-Z][\w'’\-.&]*|health|ministry|military|army|officials?|"
    r"spokes\w+|office|authorities|agency|of|for|and|the)(?:\s+(?:[A-Z][\w'’\-.&]*|health|"
    r"ministry|military|army|officials?|spokes\w+|office|authorities|agency|of|for|the|"
    r"Hamas-run|hamas-run|run))*)"
)
# What may follow a reporting verb that closes its sentence ("..., the ministry said on Monday.").
RE_SENTENCE_TAIL = re.compile(
    r"^(?:\s+(?:on|in|late|early|last|this|earlier|later|at|yesterday|today|overnight|in\s+a\s+statement|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|night|morning|evening|afternoon|week|"
    r"statement|a|its|their|his|her|[A-Z]\w*))*\s*[.;!?\"”’)]*\s*$"
)
RE_BELIEVED_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:\w+\s+)?$", re.IGNORECASE)
RE_SOURCE_TRIM = re.compile(
    r"\s+(?:on|in\s+(?:a|its|their|his|her)|as|who|which|that|said|says|and\s+(?:the\s+)?[a-z]+ed|"
    r"with|after|while|when|since|at|for|from\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|this|last|earlier|late|early|released|to|has|have|had|is|are|was|were|reported|estimates?|"
    r"figures?|data|statistics|tally|count)\b.*$",
    re.IGNORECASE,
)
RE_PRONOUN_SOURCE = re.compile(
    r"^(?:it|they|he|she|the\s+(?:ministry|agency|office|military|army|group|organisation|organization|charity))$",
    re.I,
)
RE_GENERIC_ORGANISATION = re.compile(r"^the\s+(?:group|organisation|organization|charity|agency)$", re.I)
RE_SENTENCE_SUBJECT = re.compile(r"^\W*((?:The\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
RE_NEXT_ATTACHES = re.compile(
    r"^\W*(?:that(?:'s|’s|\s+is|\s+was)\s+according\s+to|according\s+to|the\s+(?:figures?|toll|tally|"
    r"numbers?|data|count|estimates?)\s+(?:\w+\s+){0,3}(?:comes?|came|is|are|was|were)\s+(?:from|"
    r"according\s+to|provided\s+by|released\s+by|compiled\s+by)|(?:those|these|the)\s+(?:figures?|"
    r"numbers?)\s+(?:come|came|are|were)\s+from)",
    re.IGNORECASE,
)
# Words a source phrase may be built of, walking back from its reporting verb.
SOURCE_WORDS = {
    "the", "health", "ministry", "authorities", "authority", "officials", "official", "office",
    "military", "army", "spokesperson", "spokesman", "spokeswoman", "government", "agency", "media",
    "forces", "defence", "defense", "service", "services", "group", "groups", "organisation",
    "organization", "committee", "council", "prime", "minister", "minister's", "ministry's", "doctors",
    "medics", "hospital", "director", "head", "chief", "police", "rescue", "emergency", "civil",
    "human", "rights", "of", "for", "and", "run", "hamas-run", "its", "his", "their", "sources",
    "source", "monitor", "watchdog", "charity", "officers", "workers", "staff", "mission", "team",
    "department", "branch", "wing", "bureau", "command", "commander", "general", "secretary",
    "secretary-general", "president", "administration", "embassy", "state", "foreign", "interior",
    "security", "intelligence", "humanitarian", "aid", "relief", "palestinian",
    "israeli", "gaza", "gaza's", "israel's", "hamas's", "un", "world", "international", "national",
    "local", "senior", "top", "spokespeople", "authorities'", "body", "bodies", "tally", "statement",
    "figures", "medical", "data", "coordinator", "teams", "board", "news", "analysis", "hamas-controlled",
    "hamas-led", "most", "recent", "latest", "daily", "federation", "society", "union", "network",
    "center", "centre", "institute", "foundation", "association", "club", "commission", "a",
    "witnesses", "residents", "people", "experts", "analysts", "researchers", "investigators", "in",
    "witness", "resident", "doctor", "medic", "nurse", "paramedic", "survivor", "survivors", "relative",
    "relatives", "father", "mother", "brother", "sister", "neighbour", "neighbor", "journalist", "reporter",
    "analyst", "expert", "researcher", "lawyer", "activist", "activists", "to", "on",
}
SOURCE_TYPE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("israeli_government", re.compile(r"\bisrael(?:i|'s|’s)?\s+(?:health\s+)?ministry\s+of\s+health|"
                                      r"\bisrael(?:i|'s|’s)\s+health\s+ministry", re.I)),
    ("other", re.compile(r"\b(?:lebanon|lebanese|syria|syrian|egypt|egyptian|jordan|yemen|iraq|iran|qatar|"
                         r"turkey|turkish|houthi)\w*(?:'s|’s)?\s+(?:health\s+ministry|ministry\s+of\s+health|"
                         r"civil\s+defen[cs]e|government|officials?|authorities|army|military)", re.I)),
    ("health_ministry", re.compile(r"\bhealth\s+(?:ministry|authorit|officials|department|officers)|"
                                   r"\bministry\s+of\s+health\b|\bmoh\b|\bhealth\s+ministry", re.I)),
    ("ngo", re.compile(r"\b(?:human\s+rights\s+watch|hrw|amnesty|msf|m[ée]decins|doctors\s+without\s+"
                       r"borders|red\s+cross|red\s+crescent|icrc|save\s+the\s+children|oxfam|ngos?|"
                       r"charit(?:y|ies)|b['’]tselem|euro-med|euro-mediterranean|committee\s+to\s+protect|"
                       r"cpj|reporters\s+without\s+borders|rsf|airwars|actionaid|action\s+aid|care\s+"
                       r"international|norwegian\s+refugee|international\s+rescue\s+committee|rights\s+"
                       r"groups?|aid\s+groups?|aid\s+agenc(?:y|ies)|humanitarian\s+groups?|medical\s+aid\s+"
                       r"for\s+palestinians|defence\s+for\s+children|anera|islamic\s+relief|watchdog|"
                       r"monitor|physicians\s+for\s+human\s+rights|gisha|peace\s+now|yesh\s+din|"
                       r"al-haq|al\s+mezan|pchr|palestinian\s+centre\s+for\s+human\s+rights|"
                       r"hostages\s+and\s+missing\s+families\s+forum|families\s+forum|"
                       r"prisoners['’]?\s+(?:society|club))\b", re.I)),
    ("un", re.compile(r"\b(?:UN|U\.N\.|WHO|WFP|UNICEF|Unicef|UNRWA|Unrwa|OCHA|Ocha|UNHCR|UNFPA|OHCHR|"
                      r"IOM)\b|(?i:\b(?:united\s+nations|world\s+health\s+organi[sz]ation|world\s+food\s+"
                      r"programme|guterres|griffiths|lazzarini|un\s+humanitarian|humanitarian\s+office|"
                      r"secretary[-\s]general|un['’]s)\b)")),
    ("israeli_military", re.compile(r"\b(?:idf|israel\s+defen[cs]e\s+forces|israeli\s+defen[cs]e\s+"
                                    r"forces|israeli\s+(?:military|army|forces|troops|air\s+force|navy)|"
                                    r"(?:the\s+)?military|(?:the\s+)?army|hagari|halevi|israeli\s+"
                                    r"military\s+spokes\w+|idf\s+spokes\w+|military\s+spokes\w+|"
                                    r"army\s+spokes\w+|cogat)\b", re.I)),
    ("israeli_government", re.compile(r"\b(?:netanyahu|prime\s+minister['’]s\s+office|pmo|israel(?:i|'s|"
                                      r"’s)?\s+(?:officials?|government|authorities|ministers?|"
                                      r"foreign\s+ministry|prime\s+minister|police|president|"
                                      r"national\s+security|embassy|spokes\w+|cabinet|war\s+cabinet|"
                                      r"ambassador|figures|estimates|tally|count|sources)|gallant|"
                                      r"herzog|shin\s+bet|mossad|israel|israeli|the\s+israeli\s+"
                                      r"government)\b", re.I)),
    ("palestinian_officials", re.compile(r"\b(?:hamas|gaza\s+government|authorities\s+in\s+gaza|"
                                         r"officials\s+in\s+gaza|government\s+media\s+office|"
                                         r"media\s+office|gaza\s+authorities|gaza\s+officials|"
                                         r"palestinian\s+(?:authority|officials?|ministry|government|"
                                         r"prisoners|president|presidency|foreign\s+ministry|"
                                         r"interior\s+ministry|civil\s+defen[cs]e)|pa\b|civil\s+defen[cs]e|"
                                         r"interior\s+ministry|islamic\s+jihad|commission\s+of\s+detainees|"
                                         r"detainees['’]?\s+affairs|abbas|sinwar|haniyeh|qassam|"
                                         r"palestinian|gaza['’]s\s+government|hamas-run\s+government)",
                                         re.I)),
    ("media", re.compile(r"\b(?:cnn|bbc|reuters|associated\s+press|ap|afp|agence\s+france|al\s+jazeera|"
                         r"new\s+york\s+times|times|washington\s+post|wall\s+street\s+journal|haaretz|"
                         r"times\s+of\s+israel|jerusalem\s+post|ynet|channel\s+\d+|kan|israeli\s+media|"
                         r"local\s+media|media\s+reports?|guardian|sky\s+news|nbc|abc|cbs|fox|bloomberg|"
                         r"economist|telegraph|axios|wafa|state\s+media|news\s+agency|newspaper|"
                         r"broadcaster|reports|analysis|(?<!medical\s)(?<!hospital\s)(?<!security\s)sources|independent|npr|politico|"
                         r"al-monitor|the\s+times|maariv|yedioth|i24|walla|the\s+post)\b", re.I)),
)
# How far back a bare "the ministry" looks for the health ministry it stands for (characters).
CONTEXT_FOR_MINISTRY = 5_000
RE_GENERIC_MINISTRY = re.compile(r"^(?:the\s+)?(?:ministry|ministry['’]s\s+\w+)$", re.IGNORECASE)
RE_HEALTH_MINISTRY_MENTION = re.compile(r"health\s+ministry|ministry\s+of\s+health|health\s+authorit", re.I)

# "as of December 12": the date the text gives for its own figures.
RE_AS_OF = re.compile(
    r"\b(?:as\s+of|as\s+at|by|on|through|until)\s+(?:(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday),?\s+)?(?P<a>(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\b(?:,?\s+(?P<y>20\d\d))?",
    re.IGNORECASE,
)
MONTH_NUMBERS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
# An unambiguous sentence end: word + [.!?] (+ closing quote) + space + capital or opening quote.
RE_SENTENCE_CUT = re.compile(
    r"[.!?](?:(?<=[^\W_][.!?])|(?<=[)\]\"”’'][.!?])(?<![.!?][)\]\"”’'][.!?]))[\"”’')\]]?[^\S\n]+"
    r"(?=[\"“‘'(]?[A-Z])"
)
# A place where Punkt could end a sentence inside a piece (not at its very end).
MAX_SENTENCE_CHARS = 2_000
RE_INNER_BREAK = re.compile(r"[.!?…][^\s.!?…]*\s+\S")
RE_TOKEN_BEFORE_MARK = re.compile(r"(?<!\S)\S+$")
RE_LAST_WORD = re.compile(r"(?<![\w.])[^\W\d_]+$")
# A block: lines with no whitespace-only line between them. The lookahead reads one line only
# (``[^\S\n]*``, not ``\s*``, which re-read a whole run of blank lines at every line of it).
RE_BLOCK = re.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]*)*")


# Small patterns used by the readers below.
# Active participles: after a figure they start a new clause with its own object.
ACTIVE_ING = frozenset(
    "killing wounding injuring abducting kidnapping arresting detaining displacing releasing freeing "
    "taking leaving claiming seizing capturing executing massacring".split()
)
# Only a qualifier left before the next number: the cue just read is that number's verb.
RE_OBJECT_FOLLOWS = re.compile(
    r"^\s+(?:(?:at\s+least|more\s+than|over|about|around|some|nearly|almost|roughly|up\s+to|another|"
    r"an\s+estimated|as\s+many\s+as)\s+)?$",
    re.IGNORECASE,
)
RE_POPULATION_BEFORE = re.compile(
    r"\bpopulation\s+of\s+(?:(?:more\s+than|over|about|around|some|nearly|almost|roughly|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)
RE_EVERY_BEFORE = re.compile(r"\b(?:every|each|per)\s+$", re.IGNORECASE)
RE_DASH_APPOSITION = re.compile(
    r"\b(?:(?P<adj>israeli|palestinian|thai|american|foreign)\s+)?(?P<noun>hostages|captives|prisoners|"
    r"detainees|dead|deaths|casualties)(?:\s+[\w'’]+){0,3}\s+[-–—]\s+(?:(?:more\s+than|over|about|around|"
    r"some|nearly|almost|at\s+least)\s+)?$",
    re.IGNORECASE,
)
RE_DASH_AFTER = re.compile(r"^\s*[-–—]")
RE_OF_RELATIVE = re.compile(r"\s+(?:whom|them|those|these|which)\b")
RE_HEADLESS_OUTCOME = re.compile(
    r"^[\s,]*(?:people\s+|others\s+|more\s+)?(?P<w>dead|wounded|injured|missing|displaced|"
    r"killed|kidnapped|abducted|released|freed|arrested)\b",
    re.IGNORECASE,
)
RE_CAPTIVES_AFTER = re.compile(r"\s*(?:as\s+)?(?:hostages?|captives?|prisoners?)\b")
RE_SOURCE_WORD = re.compile(r"[\w'’\-.&]+")
RE_SOURCE_LEAD = re.compile(r"^(?:(?:and|but|as|while|so|then|also|which|who|in|of|for)\s+)+", re.IGNORECASE)
RE_NOT_A_SOURCE = re.compile(r"^(?:reports?|some|many|him|her|them|it|one)$", re.IGNORECASE)
RE_UP_TO_COMMA = re.compile(r"[^,]*,")
RE_QUOTE_OR_COMMA_END = re.compile(r"[,\"”’]\s*$")
RE_SOURCE_TAIL_WORD = re.compile(r"\s+(?:of|for|and|the)$")
RE_OUTLET_AFTER = re.compile(r"\s+([A-Z][\w&.]*(?:\s+[A-Z][\w&.]*)*)")
RE_TOLD_OUTLET = re.compile(r"\btold\s+[A-Z]")
RE_SOURCES_WORD = re.compile(r"(?:sources?|a\s+source)\b", re.IGNORECASE)
RE_AND_END = re.compile(r"\band\s*$", re.IGNORECASE)
RE_ADJECTIVE_TOLL = re.compile(
    r"\b(palestinian|israeli|gazan|civilian)s?\s+(?:death\s+toll|toll|deaths|dead|casualties|fatalities)\b"
)
RE_NUMBER_OF = re.compile(r"\bnumber\s+of\s+(\w+)")
RE_AS_OF_WORDS = re.compile(r"\s*as\s+(?:of|at)\b", re.IGNORECASE)

# =========================================================================== extraction


@dataclass
class _Candidate:
    """Working state of one number while its sentence is read (internal)."""

    number: NumberExpr
    start: int
    end: int
    sentence_index: int
    left: str
    right: str
    bound: str = "exact"
    outcome: str | None = None
    outcome_how: str = ""
    group: str | None = None
    thing: bool = False
    np_end: int = 0
    of_relative: bool = False
    subset: bool = False
    parent: _Candidate | None = None
    scope: str | None = None
    source: str | None = None
    source_type: str = "none"


def _tokens(text: str) -> list[str]:
    return RE_TOKEN.findall(text)


def _read_noun_phrase(cand: _Candidate) -> None:
    """Head noun, group, outcome noun and thing-ness of the words right after the number."""
    right = cand.right
    pos = 0
    adjective_groups: list[str] = []
    head_group: str | None = None
    generic = False
    steps = 0
    after_of = False
    for match in RE_TOKEN.finditer(right):
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
        if after_of and low in ("the", "its", "their", "his", "her", "our", "those", "these", "all"):
            pos = match.end()
            continue
        base = low[:-2] if low.endswith("'s") else low
        nxt_word = RE_TOKEN.search(right, match.end())
        nxt_low = nxt_word.group().lower() if nxt_word else ""
        if base in OUTCOME_NOUNS and (base not in NP_MODIFIERS_HEADLESS or (
                nxt_low not in PEOPLE_GROUPS and nxt_low not in ADJECTIVE_GROUPS and not nxt_low[:1].isdigit()
                and not (nxt_word and nxt_word.group()[:1].isupper()))):
            cand.outcome = cand.outcome or OUTCOME_NOUNS[base]
            cand.outcome_how = cand.outcome_how or "noun"
            pos = match.end()
            break
        if base in PEOPLE_GROUPS:
            head_group = PEOPLE_GROUPS[base]
            generic = base in GENERIC_PEOPLE
            if base in STATUS_NOUNS and not cand.outcome:
                cand.outcome = STATUS_NOUNS[base]
                cand.outcome_how = "status"
            if base == "hostage" and (cand.number.value or 0) != 1:
                head_group = None  # "took 240 hostage": a predicate, not who they are
            elif head_group == "hostages":
                nationality = [g for g in adjective_groups if g in ("israelis", "palestinians", "foreigners")]
                head_group = nationality[0] if nationality else head_group  # "four Israeli hostages"
            pos = match.end()
            # a compound head ("aid workers", "health workers") keeps reading one more word
            nxt = RE_TOKEN.match(right, match.end() + 1) if match.end() < len(right) else None
            if nxt and nxt.group().lower() in ("workers", "staff", "personnel", "members", "employees"):
                continue
            more = RE_MORE_HEADS.match(right, match.end())
            if more:
                pos = more.end()
            break
        if base in ADJECTIVE_GROUPS:
            adjective_groups.append(ADJECTIVE_GROUPS[base])
            pos = match.end()
            continue
        if base in NP_MODIFIERS or token[:1].isupper() or token == "'s" or low.endswith("'s"):
            if base in NP_MODIFIERS_HEADLESS and not cand.outcome:
                # an outcome used as an adjective: "12,000 displaced civilians", "10 injured people"
                cand.outcome, cand.outcome_how = OUTCOME_NOUNS[base], "noun"
            pos = match.end()
            continue
        if base in FUNCTION_WORDS or base in OUTCOME_CUES or not base[:1].isalpha() or RE_VERBISH.match(base):
            break
        cand.thing = True
        break
    cand.np_end = pos
    if head_group is not None and not generic:
        group = head_group
    else:
        roles = [g for g in adjective_groups if g in ROLE_GROUPS]
        group = roles[0] if roles else (adjective_groups[0] if adjective_groups else head_group)
    cand.group = group


# A word that is an outcome noun in "20,000 dead" but only a modifier in "20,000 dead Palestinians".
NP_MODIFIERS_HEADLESS = {"dead", "wounded", "injured", "missing", "displaced", "killed", "kidnapped",
                         "abducted", "released", "freed", "arrested"}


def _refine_headless_outcome(cand: _Candidate) -> None:
    """ "20,000 dead" / "5,400 wounded": an outcome word straight after the number, with no head."""
    m = RE_HEADLESS_OUTCOME.match(cand.right)
    if m and not cand.outcome:
        cand.outcome = OUTCOME_NOUNS[m.group("w").lower()]
        cand.outcome_how = "noun"


def _find_outcome(cand: _Candidate) -> None:
    """Bind an outcome cue to the number: after its noun phrase, before it, or a nominal cue.

    A verb beats a status noun ("released 50 hostages", "three hostages were killed"); for other
    heads the cue after the noun phrase beats the verb before it ("killed 20 and wounded 30").
    """
    if cand.outcome and cand.outcome_how == "noun":
        return
    rest = cand.right[cand.np_end :]
    after_outcome = before_outcome = None
    after = RE_CUE_AFTER.match(rest)
    if after and (after.group("cue").lower() in ACTIVE_ING or RE_OBJECT_FOLLOWS.match(rest[after.end() :])):
        after = None  # ", injuring scores more", ", wounded over 5,000": the verb of the next number
    if after and not RE_GAP_BAD.search(rest[: after.start("cue")]):
        after_outcome = _cue_outcome(after.group("cue"), rest[after.end() : after.end() + 30])
    before = RE_ACTIVE_BEFORE.search(cand.left[-80:])
    if before:
        before_outcome = _active_outcome(" ".join(before.group("cue").lower().split()), cand)
    if cand.outcome_how == "status":
        if before_outcome:
            cand.outcome, cand.outcome_how = before_outcome, "before"
        elif after_outcome and not (cand.outcome == "hostage" and after_outcome in ("missing", "hostage")):
            cand.outcome, cand.outcome_how = after_outcome, "after"
        return
    if after_outcome:
        cand.outcome, cand.outcome_how = after_outcome, "after"
        return
    if before_outcome:
        cand.outcome, cand.outcome_how = before_outcome, "before"
        return
    left = cand.left
    breaks = list(RE_CLAUSE_BREAK.finditer(ascii_lower(left)))
    clause = left[breaks[-1].end() :] if breaks else left
    nominal = RE_NOMINAL_BEFORE.search(clause[-90:]) if cand.number.unit != "percent" else None
    if nominal and not RE_NOMINAL_GAP_BAD.search(nominal.group("gap")):
        cue = " ".join(nominal.group("cue").lower().split())
        if cue not in ("lives", "free", "return", "exchange", "release", "death") or nominal.group("gap").strip():
            cand.outcome = _cue_outcome(cue, "")
            cand.outcome_how = "nominal"


def _cue_outcome(cue: str, following: str) -> str:
    cue = " ".join(cue.lower().split())
    if cue in ("taken", "took", "take", "taking") or cue.startswith("held") or cue == "being held":
        return "hostage"
    return OUTCOME_CUES.get(cue, "killed")


def _active_outcome(cue: str, cand: _Candidate) -> str | None:
    following = cand.right[cand.np_end : cand.np_end + 25].lower()
    if cue in ("took", "taken", "take", "taking", "seized", "seizing", "captured", "capturing", "holds",
               "holding", "held", "hold"):
        if RE_CAPTIVES_AFTER.match(following) or cand.outcome:
            return cand.outcome or "hostage"
        if cue in ("seized", "seizing", "captured", "capturing"):
            return "hostage" if cand.group not in (None,) else None
        return None
    if cue in ("lost", "losing", "losses"):
        return "killed" if cand.group in ("soldiers", "people", "civilians", "militants", "children", "women",
                                          "journalists", "medical_workers", "aid_workers") else None
    if cue in ("evacuated", "evacuate", "evacuating"):
        return "displaced"
    if cue in ("claimed the lives of", "bodies of", "remains of"):
        return "killed"
    if cue in ("return", "returned", "exchange", "exchanged", "swapped", "in exchange for", "handed over",
               "release", "released", "releasing", "freed", "freeing", "free", "rescued", "rescue", "rescuing"):
        return "released"
    return OUTCOME_CUES.get(cue)


def _find_bound(cand: _Candidate) -> None:
    number = cand.number
    if number.kind == "range":
        cand.bound = "range"
        return
    left = cand.left[-40:]
    right = cand.right[:20]
    if number.kind == "vague" and number.vague != "a dozen":
        cand.bound = "vague"
        return
    if RE_LOWER_BEFORE.search(left) or RE_LOWER_AFTER.match(right):
        cand.bound = "lower"
    elif RE_UPPER_BEFORE.search(left) or RE_UPPER_AFTER.match(right):
        cand.bound = "upper"
    elif RE_APPROX_BEFORE.search(left) or RE_APPROX_AFTER.match(right):
        cand.bound = "approximate"
    elif number.kind == "vague":
        cand.bound = "vague"


# Scope cue classes, strongest first: (class, scope).
SCOPE_CLASSES = {"since": "cumulative", "strong": "cumulative", "window": "period", "perfect": "cumulative",
                 "incident": "incident", "toll": "cumulative", "period": "period", "incidents": "incident",
                 "weak": "cumulative"}
SCOPE_RANK = {name: rank for rank, name in enumerate(SCOPE_CLASSES)}


def _scope_cues(sentence: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Scope cues of ``sentence`` as ``(start, end, class)``: masked and unmasked.

    In the masked list "since ..." swallows the event it names ("since the October 7 attack" is a
    running total, not the attack); the unmasked list keeps every cue, for figures outside the
    clause the "since" belongs to.
    """
    sentence = ascii_lower(sentence)
    since = [(m.start(), m.end(), "since") for m in RE_SINCE.finditer(sentence)]
    others = [
        (m.start(), m.end(), name)
        for pattern, name in ((RE_SCOPE_STRONG_CUMULATIVE, "strong"), (RE_SCOPE_PERIOD, "period"),
                              (RE_SCOPE_PERFECT, "perfect"), (RE_SCOPE_WINDOW, "window"),
                              (RE_SCOPE_TOLL, "toll"),
                              (RE_SCOPE_INCIDENT, "incident"), (RE_SCOPE_INCIDENTS, "incidents"),
                              (RE_SCOPE_CUMULATIVE, "weak"))
        for m in pattern.finditer(sentence)
    ]
    masked = since + [c for c in others if not any(s <= c[0] < e for s, e, _ in since)]
    since_words = [(s, s + len("since"), name) for s, _, name in since]
    return masked, since_words + others


def _nearest(cues: list[tuple[int, int, str]], start: int, end: int, *, by_class: bool = False) -> str | None:
    """The scope of the nearest cue (of the strongest class first when ``by_class``)."""
    best, best_rank = None, None
    for s, e, name in cues:
        distance = s - end if s >= end else (start - e if e <= start else 0)
        rank = (SCOPE_RANK[name], distance) if by_class else (distance, SCOPE_RANK[name])
        if best_rank is None or rank < best_rank:
            best, best_rank = SCOPE_CLASSES[name], rank
    return best


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = 0, len(sentence)
    for m in RE_CLAUSE_BREAK.finditer(ascii_lower(sentence)):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _find_scope(cand: _Candidate, sentence: str, sentence_start: int, cues, segment: tuple[int, int]) -> None:
    """Nearest scope cue in the figure's own clause, else in the sentence (see the module docstring)."""
    masked, unmasked = cues
    start, end = cand.start - sentence_start, cand.end - sentence_start
    lo, hi = _clause_bounds(sentence, start, end)
    seg_lo, seg_hi = segment
    own = [c for c in masked if c[0] >= max(lo, seg_lo) and c[1] <= min(hi, seg_hi)]
    scope = _nearest(own, start, end, by_class=True)
    if scope is None:
        scope = _nearest([c for c in masked if c[0] >= lo and c[1] <= hi], start, end, by_class=True)
    if cand.parent is not None and scope in (None, "period"):
        cand.scope = None
        return  # inherits the parent's later: a stated window belongs to the whole count
    if scope is None:
        scope = _nearest(unmasked, start, end)
    strong = any(c[2] in ("strong", "perfect") for c in own)
    if not strong and RE_EVENT_AGENT.search(ascii_lower(cand.left[-140:])) and not any(
        c[2] == "period" and c[0] >= end for c in own
    ):
        scope = "incident"  # "the strike that killed 30", "attacked Israel, killing 1,200"
    if cand.outcome == "released" and scope in ("period", "cumulative") and not any(
        c[2] in ("since", "strong") for c in own
    ):
        scope = "incident"  # a release is an event, even when the text dates it ("on Friday")
    cand.scope = scope


def _source_phrase_before(sentence: str, verb_start: int) -> str | None:
    """The noun phrase right before a reporting verb, walking back over source words."""
    head = sentence[:verb_start].rstrip()
    words = list(RE_SOURCE_WORD.finditer(head))
    if not words:
        return None
    if head and head[-1] in ",\"”'’:":
        return None
    first = None
    for match in reversed(words):
        if match.end() < len(head) and head[match.end() :].strip() and first is not None:
            gap = head[match.end() : first.start()] if first else ""
            if gap.strip() not in ("", "-", "(", ")"):
                break
        word = match.group().lower().replace("’", "'")
        base = word[:-2] if word.endswith("'s") else word
        if word in SOURCE_WORDS or base in SOURCE_WORDS or match.group()[:1].isupper() or "-" in word:
            if first is not None and head[match.end() : first.start()].strip() not in ("", "-"):
                break
            first = match
            continue
        break
    if first is None:
        return None
    phrase = head[first.start() :].strip(" ,")
    phrase = RE_SOURCE_LEAD.sub("", phrase)
    lowered = phrase.lower()
    if not phrase or lowered in ("the", "a", "of", "and") or lowered.split()[-1] in ("of", "and", "the", "for"):
        return None
    if lowered in ("it", "they", "he", "she", "we", "i", "you"):
        return lowered
    return phrase


def _attributions(sentence: str) -> list[tuple[int, str, str]]:
    """Every attribution of ``sentence`` as ``(offset, phrase, direction)``.

    ``direction`` says which figures it covers: "forward" ("the ministry said 20 were killed",
    "According to X, 20 ...") covers figures after it, "backward" ("20 were killed, according to
    X", "..., the ministry said.") figures before it.
    """
    found: list[tuple[int, str, str]] = []
    for m in RE_ACCORDING.finditer(ascii_lower(sentence)):
        src = RE_SOURCE_TRIM.sub("", sentence[m.start("src") : m.end("src")]).strip(" '\"‘’")
        if src and not RE_NOT_A_SOURCE.match(src):
            forward = not has_number(sentence[: m.start()]) and bool(
                RE_UP_TO_COMMA.match(sentence[m.end("src") :] or ",")
            )
            found.append((m.start(), src, "forward" if forward else "backward"))
    for m in RE_SAID.finditer(sentence):
        verb = m.group()
        if verb.lower() in ("believe", "believes", "believed") and RE_BELIEVED_PASSIVE.search(sentence[: m.start()]):
            continue
        phrase = _source_phrase_before(sentence, m.start())
        direction = "forward"
        if phrase is None and RE_AND_END.search(sentence[: m.start()]):
            subject = RE_SENTENCE_SUBJECT.match(sentence)  # "Israel is ... and says 240 are held"
            phrase = subject.group(1).strip() if subject else None
        if phrase is None:
            after = RE_SOURCE_AFTER_VERB.match(sentence[m.end() :])
            if after and RE_QUOTE_OR_COMMA_END.search(sentence[: m.start()]):
                phrase = after.group("src").strip()
                phrase = RE_SOURCE_TAIL_WORD.sub("", phrase)
                direction = "backward"
        elif RE_SENTENCE_TAIL.match(sentence[m.end() :]):
            direction = "backward"
        if phrase and phrase.lower() not in ("the", "a"):
            if verb.startswith("told") and phrase.lower() in ("sources", "a source", "source"):
                outlet = RE_OUTLET_AFTER.match(sentence[m.end() :])
                phrase = f"{phrase} told {outlet.group(1)}" if outlet else phrase
            found.append((m.start(), phrase, direction))
    found.sort()
    return found


def classify_source(source: str | None, *, context: str = "") -> SourceType:
    """The ``source_type`` of an attribution phrase (None -> "none").

    ``context`` is the text the phrase comes from: a bare "the ministry" is the health ministry when
    the context names one.

    >>> classify_source("the Hamas-run health ministry"), classify_source("Mr Netanyahu's office")
    ('health_ministry', 'israeli_government')
    >>> classify_source("the Israeli military"), classify_source("sources told CNN"), classify_source(None)
    ('israeli_military', 'media', 'none')
    """
    if not source:
        return "none"
    if RE_GENERIC_MINISTRY.match(source.strip()) and RE_HEALTH_MINISTRY_MENTION.search(context):
        return "health_ministry"
    if RE_TOLD_OUTLET.search(source) and RE_SOURCES_WORD.match(source):
        return "media"
    for source_type, pattern in SOURCE_TYPE_PATTERNS:
        if pattern.search(source):
            return source_type  # type: ignore[return-value]
    return "other"


def _analyse_sentence(text: str, s: int, e: int, index: int) -> list[_Candidate]:
    sentence = text[s:e]
    numbers = find_numbers(sentence)
    cands: list[_Candidate] = []
    for k, number in enumerate(numbers):
        prev_end = numbers[k - 1].end if k else 0
        next_start = numbers[k + 1].start if k + 1 < len(numbers) else len(sentence)
        cand = _Candidate(
            number=number,
            start=s + number.start,
            end=s + number.end,
            sentence_index=index,
            left=sentence[prev_end : number.start],
            right=sentence[number.end : next_start],
        )
        _find_bound(cand)
        _read_noun_phrase(cand)
        _refine_headless_outcome(cand)
        if RE_SUBSET_BEFORE.search(cand.left[-70:]) or RE_SUBSET_AFTER.match(cand.right):
            cand.subset = True
        if RE_POPULATION_BEFORE.search(cand.left[-40:]) or RE_EVERY_BEFORE.search(cand.left[-10:]):
            cand.thing = True  # "a population of 2.3 million", "for every 10 hostages": no casualty count
            population_cue = RE_CUE_AFTER.match(cand.right[cand.np_end :])
            if population_cue and cands and cands[-1].outcome is None and not cands[-1].thing:
                # "half of Gaza's population of more than two million has been displaced": the share is
                cands[-1].outcome, cands[-1].outcome_how = _cue_outcome(population_cue.group("cue"), ""), "after"
        if cand.thing:
            cand.outcome = None
        else:
            _find_outcome(cand)
            if cand.outcome == "displaced" and cand.group == "foreigners":
                cand.outcome = None  # foreign nationals evacuated from a war zone are not its displaced
            dash = RE_DASH_APPOSITION.search(cand.left[-60:]) if cand.outcome is None else None
            if dash and RE_DASH_AFTER.match(cand.right):
                # "the Israeli hostages - 253 - held by Hamas"
                noun = dash.group("noun").lower()
                cand.outcome = STATUS_NOUNS.get(noun) or OUTCOME_NOUNS.get(noun)
                cand.outcome_how = "noun"
                adjective = (dash.group("adj") or "").lower()
                cand.group = ADJECTIVE_GROUPS.get(adjective) or PEOPLE_GROUPS.get(noun, "people")
        cands.append(cand)
    _link_within_sentence(cands, sentence)
    return cands


def _link_within_sentence(cands: list[_Candidate], sentence: str) -> None:
    """Subsets to parents; outcomes shared between parents, subsets, coordinated and appositive numbers."""
    live = [c for c in cands if not c.thing]
    for k, cand in enumerate(live):
        prev = live[k - 1] if k else None
        if prev is not None and not cand.subset and prev.subset and prev.parent is not None:
            if RE_LIST_GAP.match(RE_QUALIFIER_BEFORE.sub("", cand.left)) and not RE_CUE.search(cand.left):
                cand.subset = True
        if cand.subset or cand.of_relative:
            parent = next((p for p in reversed(live[:k]) if not p.subset), None)
            if parent is not None:
                cand.subset = True
                cand.parent = parent
    # a total with no cue of its own takes the cue after its "including ..." list
    last_kid: dict[int, _Candidate] = {}
    for cand in live:
        if cand.parent is not None and cand.outcome_how == "after":
            last_kid[id(cand.parent)] = cand
    for cand in live:
        if cand.outcome is None and id(cand) in last_kid:
            cand.outcome, cand.outcome_how = last_kid[id(cand)].outcome, "after"
    for k, cand in enumerate(live):
        prev = live[k - 1] if k else None
        if cand.parent is not None and (cand.outcome is None or cand.outcome_how == "status"):
            if cand.parent.outcome and (cand.outcome is None or cand.parent.outcome_how != "status"):
                cand.outcome, cand.outcome_how = cand.parent.outcome, "parent"
            continue
        # coordinated objects of one verb: "release 50 hostages ... and some 150 Palestinians"
        if (prev is not None and prev.outcome_how == "before" and prev.parent is None
                and RE_AND_END.search(RE_QUALIFIER_BEFORE.sub("", cand.left[-80:]))
                and not RE_ACTIVE_BEFORE.search(cand.left[-80:])
                and (cand.outcome is None or cand.outcome_how == "status"
                     or (prev.outcome == "released" and cand.outcome in ("detained", "hostage")))):
            cand.outcome, cand.outcome_how = prev.outcome, "shared"
            continue
        if cand.outcome:
            continue
        nxt = live[k + 1] if k + 1 < len(live) else None
        gap = cand.right[cand.np_end :]
        if nxt is not None and nxt.outcome and nxt.outcome_how == "after" and (
            RE_COORDINATION.match(gap) or RE_APPOSITION.match(gap)
        ):
            cand.outcome, cand.outcome_how = nxt.outcome, "shared"
            continue
        if prev is not None and prev.outcome and RE_APPOSITION.match(cand.left) and cand.number.unit == "percent":
            cand.outcome, cand.outcome_how = prev.outcome, "shared"


def _sentence_spans(block: str, offset: int) -> tuple[list[tuple[int, int]], list[bool]]:
    """Sentence spans of ``block`` (shifted by ``offset``), Punkt run only where it matters.

    Also returns, per span, whether its piece holds a number at all (only those are read).

    Punkt (:func:`newskit.nlp.sentence_spans`) is most of the cost of extraction, so the block is
    first cut at unambiguous boundaries (a sentence-final mark after a word that is no known
    abbreviation, then white space and a capital), which Punkt with the kit's parameters also
    makes; Punkt then runs only on the pieces that hold a number and their neighbours (whose
    sentences attribution may read). Other pieces stay whole: nothing is read from them.
    """
    cuts = [0]
    for m in RE_SENTENCE_CUT.finditer(block):
        if not block[m.start() - 1].isalpha():  # "October 7. The", "(Newstex). The": no abbreviation
            cuts.append(m.end())
            continue
        word = RE_LAST_WORD.search(block, max(0, m.start() - 30), m.start())
        if word and word.group().lower() not in ABBREVIATIONS and len(word.group()) > 1:
            cuts.append(m.end())
    cuts.append(len(block))
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = block[a:b]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            pieces.append((a + lead, a + lead + len(stripped), stripped))
    positions = number_positions(block)  # one pass over the block, not one per piece
    numbered = [_holds_position(positions, a, b) for a, b, _ in pieces]
    spans: list[tuple[int, int]] = []
    flags: list[bool] = []
    for i, (a, b, piece) in enumerate(pieces):
        near = numbered[i] or (i and numbered[i - 1]) or (i + 1 < len(pieces) and numbered[i + 1])
        if near and _may_break_inside(piece):
            found = [(offset + a + s, offset + a + e) for s, e in sentence_spans(piece)]
            spans.extend(found)
            flags.extend([numbered[i]] * len(found))
        else:  # no possible sentence break inside: Punkt would return the piece whole
            spans.append((offset + a, offset + b))
            flags.append(numbered[i])
    capped = [(cut, flag) for span, flag in zip(spans, flags, strict=True) for cut in _cap_length(block, span, offset)]
    return [cut for cut, _ in capped], [flag for _, flag in capped]


def _holds_position(positions: list[int], start: int, end: int) -> bool:
    """Does the sorted list ``positions`` hold an offset in [start, end)?"""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _may_break_inside(piece: str) -> bool:
    """Whether Punkt could end a sentence inside ``piece``: a mark after a token that is no known abbreviation."""
    for m in RE_INNER_BREAK.finditer(piece):
        if piece[m.start()] != ".":
            return True
        token = RE_TOKEN_BEFORE_MARK.search(piece, max(0, m.start() - 30), m.start())
        if token is None or token.group().lower() not in ABBREVIATIONS:
            return True
    return False


def _cap_length(block: str, span: tuple[int, int], offset: int) -> list[tuple[int, int]]:
    """Cut a run-on "sentence" longer than MAX_SENTENCE_CHARS at clause punctuation or white space.

    Real sentences are far shorter; this only bounds the work on pathological input (a 1 MB line).
    """
    start, end = span
    if end - start <= MAX_SENTENCE_CHARS:
        return [span]
    parts = []
    while end - start > MAX_SENTENCE_CHARS:
        window = block[start - offset : start - offset + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(";"), window.rfind("\n"))
        if cut < MAX_SENTENCE_CHARS // 2:
            cut = window.rfind(" ")
        if cut < MAX_SENTENCE_CHARS // 2:
            cut = MAX_SENTENCE_CHARS - 1
        parts.append((start, start + cut + 1))
        start += cut + 1
    parts.append((start, end))
    return [(a, b) for a, b in parts if b > a]


def _blocks(text: str) -> Iterable[tuple[int, int]]:
    for m in RE_BLOCK.finditer(text):
        yield m.start(), m.end()


def extract_figures(text: str, *, conventions: Conventions = DEFAULT_CONVENTIONS) -> list[Figure]:
    """Every casualty figure in ``text``, in text order, as :class:`Figure` records.

    Offsets index ``text`` exactly as passed (raw markup included). A text with no digit and no
    number word returns ``[]`` without further work; so does a non-string.

    >>> [(f.surface, f.bound, f.outcome, f.group) for f in extract_figures(
    ...     "Hamas gunmen killed about 1,300 Israelis and took some 240 hostage.")]
    [('1,300', 'approximate', 'killed', 'israelis'), ('240', 'approximate', 'hostage', 'people')]
    >>> f = extract_figures("Nine of the 14 trucks were hit; 3,000 rockets fell on 7 October.")
    >>> f
    []
    """
    if not isinstance(text, str) or not has_number(text):
        return []
    kept: list[_Candidate] = []
    sentences: dict[int, tuple[int, int]] = {}
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        spans, numbered = _sentence_spans(block, block_start)
        by_sentence: list[list[_Candidate]] = []
        for i, (s, e) in enumerate(spans):
            worth_reading = numbered[i] and RE_SENTENCE_CUE.search(ascii_lower(text[s:e]))
            cands = _analyse_sentence(text, s, e, i) if worth_reading else []
            by_sentence.append(cands)
        _resolve_block(text, spans, by_sentence)
        for i, cands in enumerate(by_sentence):
            for cand in cands:
                if cand.outcome and not cand.thing:
                    sentences[id(cand)] = spans[i]
                    kept.append(cand)
    index = {id(c): n for n, c in enumerate(kept)}
    figures = []
    for cand in kept:
        s, e = sentences[id(cand)]
        number = cand.number
        percent = number.unit == "percent"
        low, high = conventions.interval(cand.bound, number.value, high=number.high, vague=number.vague,
                                         percent=percent)
        parent = index.get(id(cand.parent)) if cand.parent is not None else None
        figures.append(
            Figure(
                start=cand.start, end=cand.end, surface=text[cand.start : cand.end], value=number.value,
                unit="percent" if percent else "people", bound=cand.bound, low=low, high=high,  # type: ignore[arg-type]
                outcome=cand.outcome, group=cand.group or "people", scope=cand.scope or "unknown",  # type: ignore[arg-type]
                source=cand.source, source_type=cand.source_type, parent=parent,  # type: ignore[arg-type]
                sentence=text[s:e],
            )
        )
    return figures


def _resolve_block(text: str, spans: list[tuple[int, int]], by_sentence: list[list[_Candidate]]) -> None:
    """Cross-sentence work: parents named at a sentence start, scope, attribution, inheritance."""
    for i, cands in enumerate(by_sentence):
        if not cands:
            continue
        s, e = spans[i]
        sentence = text[s:e]
        if i and RE_SUBSET_SENTENCE_START.match(sentence):
            previous = [c for c in by_sentence[i - 1] if c.outcome and not c.subset]
            for cand in cands:
                if cand.parent is None and previous and not cand.thing:
                    cand.parent, cand.subset = previous[-1], True
                    if not cand.outcome:
                        cand.outcome, cand.outcome_how = previous[-1].outcome, "parent"
        live = [c for c in cands if c.outcome and not c.thing]
        if not live:
            continue
        cues = _scope_cues(sentence)
        numbers_at = [(c.start - s, c.end - s) for c in cands]
        position = {id(c): k for k, c in enumerate(cands)}
        for cand in live:
            k = position[id(cand)]
            seg_lo = numbers_at[k - 1][1] if k else 0
            seg_hi = numbers_at[k + 1][0] if k + 1 < len(cands) else len(sentence)
            _find_scope(cand, sentence, s, cues, (seg_lo, seg_hi))
        attributions = _attributions(sentence)
        for cand in live:
            _attach_source(cand, attributions, text, spans, i, s)
        for k, cand in enumerate(live):
            predicate = RE_PREDICATE_GROUP.match(cand.right)
            if predicate and (cand.number.unit == "percent" or cand.of_relative or cand.parent is not None):
                cand.group = PEOPLE_GROUPS[predicate.group("noun").lower()]
            elif cand.group is None and k and (RE_ANOTHER_BEFORE.search(cand.left[-12:])
                                               or RE_MORE_AFTER.match(cand.right)):
                cand.group = live[k - 1].group  # "two hostages were released ... and another two"
            if cand.parent is not None:
                if cand.scope is None:
                    cand.scope = cand.parent.scope
                if cand.group is None:
                    cand.group = cand.parent.group
                if cand.source is None and cand.parent.source is not None:
                    cand.source, cand.source_type = cand.parent.source, cand.parent.source_type
            if cand.scope is None:
                cand.scope = _default_scope(cand, sentence)
            if k and RE_MORE_AFTER.match(cand.right) and cand.scope in ("unknown", "incident"):
                cand.scope = live[k - 1].scope  # "..., with thousands more missing": the same count's frame
            if cand.group is None:
                cand.group = _group_near_cue(cand)


def _attach_source(cand: _Candidate, attributions, text: str, spans, i: int, s: int) -> None:
    """Attribution of one figure: its sentence, else the next sentence that attaches it."""
    position = cand.start - s
    phrase = _covering(attributions, position)
    if phrase is not None and RE_GENERIC_ORGANISATION.match(phrase.strip()):
        # "the organisation said": the NGO or UN body this sentence names ("Palestinian Red Crescent medics")
        sentence = text[spans[i][0] : spans[i][1]]
        for source_type, pattern in SOURCE_TYPE_PATTERNS:
            named_here = pattern.search(sentence) if source_type in ("ngo", "un") else None
            if named_here:
                phrase = named_here.group()
                break
    if phrase is not None and RE_PRONOUN_SOURCE.match(phrase.strip()):
        prev = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
        named = [a[1] for a in _attributions(prev) if not RE_PRONOUN_SOURCE.match(a[1])]
        if named:
            phrase = named[-1]
        else:
            phrase = _named_source_in(prev) or (phrase if phrase.lower().startswith("the ") else None)
    if phrase is None and i + 1 < len(spans):
        nxt = text[spans[i + 1][0] : spans[i + 1][1]]
        if RE_NEXT_ATTACHES.match(nxt):
            named = _attributions(nxt)
            if named:
                phrase = named[0][1]
    cand.source = phrase
    context = ""
    if phrase and RE_GENERIC_MINISTRY.match(phrase.strip()):  # only a bare "the ministry" needs the context
        named = RE_HEALTH_MINISTRY_MENTION.search(text, max(0, cand.start - CONTEXT_FOR_MINISTRY), cand.start)
        context = named.group() if named else ""
    cand.source_type = classify_source(phrase, context=context) if phrase else "none"


def _covering(attributions: list[tuple[int, str, str]], position: int) -> str | None:
    """The nearest attribution whose direction covers a figure at ``position``."""
    best, best_distance = None, None
    for offset, phrase, direction in attributions:
        if (direction == "backward") != (offset > position):
            continue
        distance = abs(offset - position)
        if best_distance is None or distance < best_distance:
            best, best_distance = phrase, distance
    return best


def _named_source_in(sentence: str) -> str | None:
    """The first phrase of ``sentence`` that names an organisation a figure could come from."""
    for source_type, pattern in SOURCE_TYPE_PATTERNS:
        if source_type in ("media", "other"):
            continue
        m = pattern.search(sentence)
        if m:
            return m.group()
    return None


def _default_scope(cand: _Candidate, sentence: str) -> str:
    """No scope cue anywhere: a health-ministry count is a running total; else unknown."""
    if cand.source_type == "health_ministry" or cand.outcome == "hostage" or RE_CUMULATIVE_DEFAULT.search(sentence):
        return "cumulative"
    if RE_PAST_EVENT.search(sentence):
        return "incident"
    return "unknown"


# Who a share or a subset is, said after it: "40% of them children", "half of those killed are women".
RE_PREDICATE_GROUP = re.compile(
    r"^\s*(?:of\s+(?:them|those|whom|these|the\s+(?:dead|killed|victims|wounded|injured))"
    r"(?:\s+(?:killed|wounded|injured|dead|detained|held))?)[\s,]*(?:(?:are|were|was|is)\s+)?"
    r"(?:(?:believed|thought|said|reported|estimated)\s+to\s+(?:be|have\s+been)\s+|mostly\s+|mainly\s+|"
    r"overwhelmingly\s+|predominantly\s+)?(?P<noun>"
    + "|".join(sorted((w for w, g in PEOPLE_GROUPS.items() if g != "people"), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
RE_ANOTHER_BEFORE = re.compile(r"\banother\s+$", re.IGNORECASE)
RE_MORE_AFTER = re.compile(r"^\s+(?:more|others)\b", re.IGNORECASE)


def _group_near_cue(cand: _Candidate) -> str:
    """No noun after the number: a people adjective before the nominal cue, else "people"."""
    clause = cand.left[-60:].lower()
    m = RE_ADJECTIVE_TOLL.search(clause)
    if m:
        return ADJECTIVE_GROUPS[m.group(1)]
    m = RE_NUMBER_OF.search(clause)
    if m and m.group(1) in PEOPLE_GROUPS:
        return PEOPLE_GROUPS[m.group(1)]
    return "people"


# =========================================================================== claims table


def resolve_as_of(sentence: str, published: object) -> pd.Timestamp | None:
    """The date a sentence gives for its figures ("as of December 12"), in the article's year.

    A stated month later than the article's month is taken to be in the year before. Returns the
    article date (or None) when the sentence states none.

    >>> str(resolve_as_of("as of December 12, 18,000 were killed", pd.Timestamp("2024-01-03")).date())
    '2023-12-12'
    >>> str(resolve_as_of("18,000 were killed", pd.Timestamp("2024-01-03")).date())
    '2024-01-03'
    """
    published_ts = pd.Timestamp(published) if published is not None and not pd.isna(published) else None
    m = RE_AS_OF.search(sentence)
    if m is None or not RE_AS_OF_WORDS.match(m.group()):
        return published_ts
    month = MONTH_NUMBERS[(m["m1"] or m["m2"]).lower()[:3]]
    day = int(m["d1"] or m["d2"])
    if m["y"]:
        year = int(m["y"])
    elif published_ts is not None:
        year = published_ts.year - (1 if month > published_ts.month else 0)
    else:
        return None
    try:
        return pd.Timestamp(date(year, month, day))
    except ValueError:
        return published_ts


def claims_for_article(item: tuple[dict, list[dict]]) -> list[dict]:
    """The claims rows of ONE article: ``(article, passages)`` -> a list of dicts keyed by CLAIM_COLUMNS.

    ``article`` is a dict with ``article_id``, ``outlet``, ``published`` (and optionally
    ``conventions``); ``passages`` a list of dicts with ``passage_id`` and ``text``, in passage
    order. Rows, not a DataFrame: the caller builds one table for many articles, since a frame per
    article costs more than the extraction. ``parent`` in the table is the ``start`` offset of the
    parent figure within the SAME passage (None when the figure is no subset), so it stays valid
    when rows are filtered or concatenated. Pure and picklable, so any engine of
    :func:`newskit.engine.map_items` can run it.
    """
    article, passages = item
    conventions = article.get("conventions") or DEFAULT_CONVENTIONS
    rows = []
    for passage in passages:
        text = passage["text"]
        figures = extract_figures(text, conventions=conventions) if isinstance(text, str) else []
        for figure in figures:
            row = {
                "article_id": article["article_id"],
                "passage_id": passage["passage_id"],
                "outlet": article.get("outlet"),
                "published": article.get("published"),
                "as_of": resolve_as_of(figure.sentence, article.get("published")),
            }
            for name in FIGURE_FIELDS:
                row[name] = getattr(figure, name)
            row["parent"] = figures[figure.parent].start if figure.parent is not None else None
            rows.append(row)
    return rows


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows of :func:`claims_for_article` (any number of articles) as one claims table, CLAIM_COLUMNS dtypes."""
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    frame["as_of"] = pd.to_datetime(frame["as_of"], errors="coerce")
    for column in ("start", "end"):
        frame[column] = frame[column].astype("int64")
    frame["parent"] = frame["parent"].astype("Int64")
    for column in ("value", "low", "high"):
        frame[column] = frame[column].astype("float64")
    return frame


def article_items(
    passages: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> list[tuple[dict, list[dict]]]:
    """The ``(article, passages)`` items :func:`claims_for_article` takes, one per article, in article order.

    Articles come in the order of ``articles`` (passages of unknown articles last, by id, with a
    warning: their figures keep a null outlet and dates). Empty ``passages`` give an empty list.
    """
    validate_columns(passages, PASSAGE_COLUMNS, table_name="passages")
    validate_columns(articles, [c for c in ARTICLE_COLUMNS if c in ("article_id", "outlet", "published")],
                     table_name="articles")
    if passages.empty:
        return []
    meta = {
        row["article_id"]: row
        for row in articles[["article_id", "outlet", "published"]].to_dict("records")
    }
    order = {aid: n for n, aid in enumerate(articles["article_id"])}
    unknown = sorted({str(a) for a in passages["article_id"] if a not in meta})
    if unknown:
        warnings.warn(
            f"passages table: {len(unknown)} article_id(s) not in the articles table ({unknown[:5]}...); their "
            "figures keep a null outlet, published and as_of. Pass the articles table the passages came from.",
            NewskitWarning,
            stacklevel=3,
        )
    grouped: dict[object, list[dict]] = {}
    for row in passages[["article_id", "passage_id", "text"]].to_dict("records"):
        grouped.setdefault(row["article_id"], []).append(row)
    items = []
    for article_id in sorted(grouped, key=lambda a: (order.get(a, len(order)), str(a))):
        info = meta.get(article_id, {"article_id": article_id, "outlet": None, "published": None})
        article = {
            "article_id": article_id,
            "outlet": info.get("outlet"),
            "published": info.get("published"),
            "conventions": conventions if conventions is not DEFAULT_CONVENTIONS else None,
        }
        items.append((article, grouped[article_id]))
    return items


def claims_table(
    passages: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> pd.DataFrame:
    """One row per casualty figure in ``passages``: CLAIM_COLUMNS, in article, passage, offset order.

    ``outlet`` and ``published`` come from ``articles``; ``as_of`` is the article date unless the
    figure's sentence states another ("as of December 12", in the article's year). Offsets index
    the passage text; ``parent`` is the ``start`` of the parent figure in the same passage. Passages
    whose article is not in ``articles`` keep null outlet and dates. Empty input gives an empty
    table with the right columns. Runs here, one article after another, and lets an article's
    error propagate; :func:`newskit.pipeline.claims_table` runs it on an engine and keeps the
    other articles' claims when one fails.
    """
    items = article_items(passages, articles, conventions=conventions)
    return claims_frame([row for item in items for row in claims_for_article(item)])
