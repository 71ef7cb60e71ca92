"""The extractor: sentences, candidates, then one stage per field, in the one order of :data:`STAGES`.

Each stage is a pure function of the candidate's words, its sentence and the fields decided by the
stages before it, and returns its value with the id of the rule that decided it; the candidate
records both once (:meth:`Candidate.decide`), so no stage overwrites another's field. Sentences of
a block are decided in text order, because a subset may belong to the last figure of the sentence
before ("Of those, ...") and a pronoun source ("it said") reads the sentence before.
"""

from __future__ import annotations

from newskit.extract.attribution import attributions, decide_source
from newskit.extract.bound import decide_bound
from newskit.extract.candidates import Candidate, read_sentence
from newskit.extract.group import decide_group
from newskit.extract.outcome import linked_outcomes, own_outcomes, sentence_start_outcome
from newskit.extract.parent import link_in_sentence, link_to_previous_sentence
from newskit.extract.patterns import Patterns, compile_patterns
from newskit.extract.place import decide_place
from newskit.extract.record import DEFAULT_CONVENTIONS, Conventions, Figure
from newskit.extract.scope import RE_REPORT_BACK, REPORT_LOOK_BACK, decide_scope, own_scope, scope_cues
from newskit.extract.sentences import blocks, sentence_spans_of_block, split_at_abbreviation
from newskit.extract.vocabulary import Vocabulary
from newskit.numbers import ascii_lower, has_number

# The order of the stages (each decides the fields named, reading only fields decided before it).
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bound", ("bound",)),
    ("parent", ("parent",)),
    ("outcome", ("outcome",)),
    ("attribution", ("source", "source_type")),
    ("group", ("group",)),
    ("scope", ("scope",)),
    ("place", ("place",)),
)
# What a reviewer should check, per figure: flag -> when it is raised.
FLAGS = {
    "attribution_from_neighbouring_sentence": "the source was read from the sentence before or after",
    "scope_by_default": "no scope cue: the scope is a default (scope.default_*)",
    "sentence_split_at_abbreviation": "the sentence starts right after an abbreviation's period (check the split)",
    "place_from_previous_sentence": "the sentence names no place: the last place named before it",
    "place_from_passage": "no place named up to its sentence: a place named later in the text, or a demonym",
    "vague_quantifier": "a vague quantifier (\"dozens\"): the interval is a convention",
}
# How much text before a sentence tells which event a toll with no frame of its own belongs to (characters).
SCOPE_LOOK_BACK = 400
FIELD_ORDER = [name for _, names in STAGES for name in names]


def _decide_sentence(
    text: str, spans: list[tuple[int, int]], i: int, cands: list[Candidate], previous: list[Candidate],
    p: Patterns, places_found: dict, attributions_found: dict,
) -> None:
    s, e = spans[i]
    sentence = text[s:e]
    for cand in cands:
        cand.decide("bound", *decide_bound(cand, p))
    in_sentence = link_in_sentence(cands, p)
    before = link_to_previous_sentence(cands, sentence, previous, p, first=i == 0)
    for cand, (parent, subset), earlier in zip(cands, in_sentence, before, strict=True):
        if parent is not None:
            cand.decide("parent", parent, "parent.subset_in_sentence")
        elif earlier is not None:
            cand.decide("parent", earlier, "parent.previous_sentence")
            subset = True
        else:
            cand.decide("parent", None, None)
        cand.decide("subset", subset, None)
    linked = linked_outcomes(cands, own_outcomes(cands, p), p)
    for cand, decision in zip(cands, linked, strict=True):
        cand.decide("outcome", *sentence_start_outcome(cand, decision))
    live = [c for c in cands if c.get("outcome") and not c.thing]
    if not live:
        return
    cues = scope_cues(sentence, p)
    # a number that is no figure ("where some 80 people were staying") splits no frame
    numbers_at = [(c.start - s, c.end - s) for c in live]
    position = {id(c): k for k, c in enumerate(live)}
    own_scopes = {}
    for cand in live:
        k = position[id(cand)]
        segment = (numbers_at[k - 1][1] if k else 0, numbers_at[k + 1][0] if k + 1 < len(live) else len(sentence))
        own_scopes[id(cand)] = own_scope(cand, sentence, s, cues, segment, p, has_parent=cand.get("parent") is not None,
                                         outcome=cand.get("outcome"))
    found = attributions_found.get(i)
    if found is None:
        found = attributions_found[i] = attributions(sentence, p)
    # a sentence that cites a report back, or follows one that does, goes on within the report's window
    cites_report = bool(RE_REPORT_BACK.search(sentence) or (i and RE_REPORT_BACK.search(text[slice(*spans[i - 1])])))
    for k, cand in enumerate(live):
        parent, prev = cand.get("parent"), (live[k - 1] if k else None)
        source, source_rule, source_type, type_rule = decide_source(
            cand, found, text, spans, i, p, parent=parent, cache=attributions_found, text_found=places_found
        )
        cand.decide("source", source, source_rule)
        cand.decide("source_type", source_type, type_rule)
        cand.decide("group", *decide_group(cand, p, parent=parent, previous=prev))
        cand.decide("scope", *decide_scope(cand, own_scopes[id(cand)], sentence, p, parent=parent, previous=prev,
                                                  before=text[max(0, s - SCOPE_LOOK_BACK) : s],
                                                  report_before=text[max(0, s - REPORT_LOOK_BACK) : s]
                                                  if cites_report else "",
                                                  sentence_cues=cues[1], sentence_start=s))
        cand.decide("place", *decide_place(cand, text, spans, i, p, source_type=source_type,
                                                  outcome=cand.get("outcome"), group=cand.get("group"),
                                                  parent=parent, previous=prev, found=places_found))


def _flags(cand: Candidate, text: str, sentence_start: int, split: dict[int, bool]) -> tuple[str, ...]:
    rules = cand.rules
    flags = []
    if rules.get("source") in ("source.next_sentence", "source.pronoun_previous_sentence"):
        flags.append("attribution_from_neighbouring_sentence")
    if rules.get("scope", "").startswith("scope.default_"):
        flags.append("scope_by_default")
    if sentence_start not in split:
        split[sentence_start] = split_at_abbreviation(text, sentence_start)
    if split[sentence_start]:
        flags.append("sentence_split_at_abbreviation")
    if rules.get("place") == "place.previous_sentence":
        flags.append("place_from_previous_sentence")
    if rules.get("place") in ("place.passage", "place.title"):
        flags.append("place_from_passage")
    if cand.get("bound") == "vague":
        flags.append("vague_quantifier")
    return tuple(flags)


def extract_figures(
    text: str, *, vocabulary: Vocabulary | None = None, conventions: Conventions = DEFAULT_CONVENTIONS,
    context: str = "", title: str = "",
) -> list[Figure]:
    """Every casualty figure in ``text``, in text order, as :class:`Figure` records.

    ``vocabulary`` (default: the packaged one, see :func:`newskit.vocabulary.load_vocabulary`) gives
    every word the rules read; ``conventions`` the intervals. Offsets index ``text`` exactly as
    passed (raw markup included). A text with no digit and no number word returns ``[]`` without
    further work; so does a non-string. ``context`` is the text of the same document before ``text``
    (its earlier passages, a dateline), read only for the place of a figure whose text names none
    before it; ``title`` the document's headline, read only for the place of a figure nothing else
    places.

    >>> [(f.surface, f.bound, f.outcome, f.group) for f in extract_figures(
    ...     "Hamas gunmen killed about 1,300 Israelis and took some 240 hostage.")]
    [('1,300', 'approximate', 'killed', 'israelis'), ('240', 'approximate', 'hostage', 'people')]
    >>> extract_figures("Nine of the 14 trucks were hit; 3,000 rockets fell on 7 October.")
    []
    """
    if not isinstance(text, str) or not has_number(text):
        return []
    p = compile_patterns(vocabulary)
    kept: list[tuple[Candidate, tuple[int, int]]] = []
    # the place names of the text, found once when a figure needs them
    places_found: dict = {"context": context, "title": title}
    for block_start, block_end in blocks(text):
        spans, numbered = sentence_spans_of_block(text[block_start:block_end], block_start)
        previous: list[Candidate] = []
        attributions_found: dict = {}  # per sentence of the block: its attributions, found once
        for i, (s, e) in enumerate(spans):
            worth_reading = numbered[i] and p.re_sentence_cue.search(ascii_lower(text[s:e]))
            cands = read_sentence(text, s, e, i, p) if worth_reading else []
            if cands:
                _decide_sentence(text, spans, i, cands, previous, p, places_found, attributions_found)
                kept.extend((c, (s, e)) for c in cands if c.get("outcome") and not c.thing)
            previous = cands
    index = {id(c): n for n, (c, _) in enumerate(kept)}
    split: dict[int, bool] = {}  # per sentence start: does it follow an abbreviation's period?
    figures = []
    for cand, (s, e) in kept:
        number = cand.number
        percent = number.unit == "percent"
        bound = cand.get("bound")
        low, high = conventions.interval(bound, number.value, high=number.high, vague=number.vague, percent=percent)
        parent = cand.get("parent")
        rules = {name: cand.rules[name] for name in FIELD_ORDER if name in cand.rules}
        if parent is not None and id(parent) not in index:
            rules.pop("parent", None)  # its parent is no figure itself
        figures.append(
            Figure(
                start=cand.start, end=cand.end, surface=text[cand.start : cand.end], value=number.value,
                unit="percent" if percent else "people", bound=bound, low=low, high=high,
                outcome=cand.get("outcome"), group=cand.get("group") or "people", place=cand.get("place"),
                scope=cand.get("scope") or "unknown", source=cand.get("source"),
                source_type=cand.get("source_type"), parent=index.get(id(parent)) if parent is not None else None,
                sentence=text[s:e], rules=rules, flags=_flags(cand, text, s, split),
            )
        )
    return figures
