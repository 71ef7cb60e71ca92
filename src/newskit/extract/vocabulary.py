"""The extraction vocabulary: one data file of word lists, loaded, checked and merged.

The default is ``vocabulary.yaml`` beside this module; a user file of the same shape is merged over
it (its lists are added to the default's, its single values replace the default's). The shape is a
contract (README, "The vocabulary file"); :data:`SHAPE` states it. A :class:`Vocabulary` is
immutable and hashable, so the patterns compiled from it are cached per vocabulary
(:func:`newskit.extract.patterns.compile_patterns`).

>>> vocabulary = load_vocabulary()
>>> "youngsters" in vocabulary.section("groups")["children"]
True
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newskit.errors import NewskitError
from newskit.extract.phrases import phrase_pattern
from newskit.schema import GROUPS, OUTCOMES, SOURCE_TYPES

DEFAULT_VOCABULARY_PATH = Path(__file__).resolve().with_name("vocabulary.yaml")

OUTCOME_ROLES = ("verbs", "cues", "tolls", "nouns", "adjectives", "status", "active", "active_with_people",
                 "active_with_captives")
NAMED_SOURCE_TYPES = tuple(t for t in SOURCE_TYPES if t != "none")
ANY_KEY = "any snake_case key"

# section -> what it holds: "list" (of phrases), ("keys", valid keys, inner) or ("value", valid values).
SHAPE: dict[str, Any] = {
    "outcomes": ("keys", OUTCOMES, ("keys", OUTCOME_ROLES, "list")),
    "nominal_needs_gap": "list",
    "nominal_needs_change": "list",
    "nominal_change_not_needed_after": "list",
    "toll_change_verbs": "list",
    "toll_anaphors": "list",
    "new_clause_participles": "list",
    "qualifiers": ("keys", ("lower_before", "upper_before", "approximate_before", "lower_after", "upper_after",
                            "approximate_after", "skipped_before", "short", "after_verb"), "list"),
    "groups": ("keys", GROUPS, "list"),
    "group_adjectives": ("keys", GROUPS, "list"),
    "generic_heads": "list",
    "compound_heads": "list",
    "joined_heads": "list",
    "role_groups": ("values", GROUPS),
    "places": ("keys", ANY_KEY, "list"),
    "place_prepositions": "list",
    "place_by_outcome": ("keys", OUTCOMES, "text"),
    "place_by_group": ("keys", GROUPS, "text"),
    "place_default_war": "list",
    "place_institution_nouns": "list",
    "place_anaphors": "list",
    "place_name_continuations": "list",
    "demonym_actor_nouns": "list",
    "place_cues": ("keys", ANY_KEY, "list"),
    "place_reference_words": "list",
    "place_near_words": "list",
    "place_actor_verbs": "list",
    "place_possessed_nouns": "list",
    "place_source_modifiers": "list",
    "place_aside_openers": "list",
    "place_spanning_phrases": "list",
    "place_alternatives": ("keys", ANY_KEY, "list"),
    "place_detention_groups": ("values", GROUPS),
    "place_nationals_groups": ("values", GROUPS),
    "place_army_groups": ("values", GROUPS),
    "demonym_source_nouns": "list",
    "demonyms_of_authorities": "list",
    "place_whole_war_phrases": "list",
    "place_title_war_nouns": "list",
    "place_event_starts": "list",
    "place_taken_words": "list",
    "place_events": ("keys", ANY_KEY, "list"),
    "place_event_acts": ("keys", ANY_KEY, "list"),
    "place_nouns_after_demonym": "list",
    "place_nouns_after_possessive": "list",
    "demonyms_of_several_places": "list",
    "place_destination_words": "list",
    "place_person_titles": "list",
    "place_person_not_surnames": "list",
    "demonyms": ("keys", ANY_KEY, "list"),
    "place_by_source_type": ("keys", NAMED_SOURCE_TYPES, "text"),
    "sources": ("keys", NAMED_SOURCE_TYPES, "list"),
    "source_type_by_place": ("keys", ANY_KEY, "text"),
    "attribution": ("keys", ("report_verbs", "according_to", "documents", "document_links", "document_qualifiers",
                             "source_first_words_after_verb", "source_words_after_verb", "sentence_tail_words",
                             "source_ends_before", "passive_report_verbs",
                             "source_lead_words", "not_sources", "pronoun_sources", "generic_organisations",
                             "generic_ministry", "health_ministry_mentions", "unnamed_sources",
                             "next_sentence_attaches", "source_words", "auxiliaries_before_verb",
                             "participle_report_verbs", "not_report_objects", "journalist_words", "home_war_words",
                             "home_war_types", "not_reported_by_health_ministry", "possessive_tallies",
                             "home_war_places", "addressee_verbs", "auxiliary_report_verbs",
                             "place_typed_sources"),
                "list"),
    "scope": ("keys", ("running_total", "since", "since_not_before", "perfect", "window", "tallies", "toll_phrases",
                       "event_sites", "war_length", "war",
                       "event", "events", "day", "period", "agent_events", "agent_verbs", "agent_qualifiers",
                       "default_running_total", "event_verbs"), "list"),
    "subsets": ("keys", ("before", "after", "sentence_start", "predicate_of", "predicate_outcomes",
                         "predicate_hedges", "coordinators", "apposition_words", "gap_breakers",
                         "nominal_gap_breakers", "another_before", "more_after", "comparison_before",
                         "change_from", "change_to", "among_after", "partitive_of_next", "among_next", "gapping_words",
                         "gapping_breakers", "toll_gap_breakers", "severity_after", "total_raisers", "total_nouns"),
                "list"),
    "non_figures": ("keys", ("population_before", "every_before", "rate_before", "rate_after", "measure_before",
                             "measure_after", "unit_after", "idiom_before", "ratio_after",
                             "departure_words", "forecast_before", "ratio_before", "rescue_words", "rate_units_after",
                             "captive_words", "age_before", "age_after"), "list"),
    "sentence_filter": ("keys", ("extra", "skip"), "list"),
    "noun_phrase": ("keys", ("modifiers", "function_words", "before_cue_after", "place_nouns_before_cue",
                             "compass_before_cue", "place_nouns_after_name", "dash_adjectives", "dash_nouns",
                             "captive_nouns", "people_verbs_after", "not_people_heads", "case_nouns",
                             "toll_adjectives", "toll_nouns", "burial_verbs", "buried_missing_after",
                             "buried_missing_agents"), "list"),
}


class VocabularyError(NewskitError):
    """A vocabulary file that is not of the contract's shape; names the file, the key and the choices."""


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple((k, _freeze(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any, shape: Any) -> Any:
    if shape == "list" or (isinstance(shape, tuple) and shape[0] == "values"):
        return list(value)
    if shape == "text":
        return value
    inner = shape[2]
    return {k: _thaw(v, inner) for k, v in value}


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Word lists of the extractor, by section (see :data:`SHAPE`); immutable and hashable.

    ``paths`` names the files it was read from, default first. Equal content gives equal (and
    equally hashed) vocabularies, whatever the files. The hash is computed once: patterns are
    looked up by vocabulary on every call of the extractor.
    """

    frozen: tuple = field(repr=False)
    paths: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(self.frozen))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vocabulary):
            return NotImplemented
        return self is other or (self._hash == other._hash and self.frozen == other.frozen)  # type: ignore

    def __getstate__(self) -> dict:
        return {"frozen": self.frozen, "paths": self.paths}  # the hash of strings differs between processes

    def __setstate__(self, state: dict) -> None:
        object.__setattr__(self, "frozen", state["frozen"])
        object.__setattr__(self, "paths", state["paths"])
        self.__post_init__()

    def section(self, name: str) -> Any:
        """One section as plain lists and dicts (a fresh copy)."""
        return _sections(self)[name]

    def to_dict(self) -> dict[str, Any]:
        """Every section, as the YAML file would hold it."""
        return {name: self.section(name) for name in SHAPE}


@functools.lru_cache(maxsize=32)
def _sections(vocabulary: Vocabulary) -> dict[str, Any]:
    return {name: _thaw(value, SHAPE[name]) for name, value in vocabulary.frozen}


def _where(path: str | Path, key: str) -> str:
    return f"vocabulary file {path}, {key}"


def _check_list(value: Any, *, path: str | Path, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise VocabularyError(
            f"{_where(path, key)}: expected a list of words or phrases (e.g. [perished, lost their lives]), "
            f"got {type(value).__name__} {value!r:.60}"
        )
    for phrase in value:
        try:
            phrase_pattern(phrase)
        except ValueError as error:
            raise VocabularyError(f"{_where(path, key)}: {error}") from None
        if not phrase.strip() or phrase != " ".join(phrase.split()):
            raise VocabularyError(f"{_where(path, key)}: {phrase!r} has empty or doubled spaces")
    return value


def _check(value: Any, shape: Any, *, path: str | Path, key: str) -> Any:
    if shape == "list":
        return _check_list(value, path=path, key=key)
    if shape == "text":
        if not isinstance(value, str):
            raise VocabularyError(f"{_where(path, key)}: expected one key, got {value!r:.60}")
        return value
    kind, valid = shape[0], shape[1]
    if kind == "values":
        words = _check_list(value, path=path, key=key)
        bad = [w for w in words if w not in valid]
        if bad:
            raise VocabularyError(f"{_where(path, key)}: unknown value {bad[0]!r}; valid choices: {', '.join(valid)}")
        return words
    if not isinstance(value, Mapping):
        raise VocabularyError(f"{_where(path, key)}: expected a mapping of keys to lists, got {value!r:.60}")
    out = {}
    for name, inner in value.items():
        if valid == ANY_KEY:
            if not isinstance(name, str) or not name.replace("_", "").isalnum() or name != name.lower():
                raise VocabularyError(f"{_where(path, f'{key}.{name}')}: a key must be snake_case (e.g. dr_congo)")
        elif name not in valid:
            what = {"outcomes": "outcome", "sources": "source type", "groups": "group",
                    "group_adjectives": "group", "place_by_source_type": "source type"}.get(key, "key")
            raise VocabularyError(
                f"{_where(path, f'{key}.{name}')}: unknown {what} {name!r}; valid choices: {', '.join(valid)}"
            )
        out[name] = _check(inner, shape[2], path=path, key=f"{key}.{name}")
    return out


def check_vocabulary(data: Any, *, path: str | Path) -> dict[str, Any]:
    """``data`` (a parsed vocabulary file) checked against :data:`SHAPE`; raises VocabularyError."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise VocabularyError(f"vocabulary file {path}: expected a mapping of sections, got {type(data).__name__}")
    checked = {}
    for name, value in data.items():
        if name not in SHAPE:
            raise VocabularyError(
                f"vocabulary file {path}: unknown section {name!r}; valid choices: {', '.join(SHAPE)}"
            )
        checked[name] = _check(value, SHAPE[name], path=path, key=name)
    return checked


def merge_vocabularies(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``extra`` merged over ``base``: lists are extended (new entries appended), values replaced."""
    merged = dict(base)
    for name, value in extra.items():
        old = merged.get(name)
        if isinstance(value, list):
            old = list(old or [])
            merged[name] = old + [v for v in value if v not in old]
        elif isinstance(value, Mapping):
            merged[name] = merge_vocabularies(dict(old or {}), dict(value))
        else:
            merged[name] = value
    return merged


# libyaml's safe loader when PyYAML has it: the same data, ten times faster (the default word lists
# take 0.14 s in pure Python, read by every kernel and worker that extracts or applies reviews)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise VocabularyError(f"vocabulary file {path}: not found")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise VocabularyError(f"vocabulary file {path}: not valid YAML ({error})") from None
    return check_vocabulary(data, path=path)


@functools.lru_cache(maxsize=8)
def _load(path: str | None, stamp: tuple[int, int] | None = None) -> Vocabulary:
    """The vocabulary of ``path`` merged over the default; ``stamp`` (mtime, size) renews the cache on edit."""
    data = _read(DEFAULT_VOCABULARY_PATH)
    missing = [name for name in SHAPE if name not in data]
    if missing:
        raise VocabularyError(f"vocabulary file {DEFAULT_VOCABULARY_PATH}: lacks section(s) {missing}")
    paths = [str(DEFAULT_VOCABULARY_PATH)]
    if path is not None:
        data = merge_vocabularies(data, _read(Path(path)))
        paths.append(str(path))
    ordered = {name: data[name] for name in SHAPE}
    return Vocabulary(frozen=_freeze(ordered), paths=tuple(paths))


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """The default vocabulary, with the file at ``path`` (same shape, any subset of sections) merged over it.

    A file with an unknown section, an unknown outcome, group or source type, or a value that is
    not a list of words raises :class:`VocabularyError` naming the file, the key and the valid
    choices. Loading is cached per path and file version (an edited file is read again).
    """
    if path is None:
        return _load(None)
    resolved = Path(path).resolve()
    try:
        stat = resolved.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None  # _read names the missing file
    return _load(str(resolved), stamp)


def default_vocabulary() -> Vocabulary:
    """The packaged vocabulary (``vocabulary.yaml``), loaded once."""
    return _load(None)
