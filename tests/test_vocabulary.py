"""The extraction vocabulary: the file contract, merging, refusals, caching, and rule ids."""

from __future__ import annotations

import doctest
import hashlib
import re

import pytest

from newskit.errors import NewskitError
from newskit.extract.patterns import compile_patterns
from newskit.extract.phrases import alternation
from newskit.extract.rules import all_rules, rules_markdown
from newskit.figures import extract_figures
from newskit.paths import PROJECT_DIR
from newskit.vocabulary import DEFAULT_VOCABULARY_PATH, VocabularyError, load_vocabulary

README = PROJECT_DIR / "README.md"
PACKAGE_DIR = PROJECT_DIR / "src" / "newskit"


def write(tmp_path, text: str, name: str = "vocabulary.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_readme_worked_example_runs_as_a_doctest():
    failed, attempted = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert attempted >= 8 and failed == 0


@pytest.mark.parametrize(
    ("text", "key", "choices"),
    [
        ("outcomes: {kiled: {verbs: [perished]}}", "outcomes.kiled", "killed, injured, hostage"),
        ("outcomes: {killed: {verb: [perished]}}", "outcomes.killed.verb", "verbs, cues, tolls"),
        ("sources: {government: [the Atlantis Council]}", "sources.government", "health_ministry, palestinian"),
        ("groups: {kids: [youngsters]}", "groups.kids", "people, palestinians"),
        ("placez: {atlantis: [Atlantis]}", "unknown section 'placez'", "outcomes, nominal_needs_gap"),
        ("groups: {children: youngsters}", "groups.children", "expected a list"),
        ("places: {atlantis: Atlantis}", "places.atlantis", "expected a list"),
        ("outcomes: {killed: {verbs: [perished, 3]}}", "outcomes.killed.verbs", "expected a list"),
        ("places: {Atlantis: [Atlantis]}", "places.Atlantis", "snake_case"),
        ("scope: {running_total: [(so far]}", "scope.running_total", "unclosed"),
    ],
)
def test_malformed_files_are_refused_naming_file_key_and_choices(tmp_path, text, key, choices):
    path = write(tmp_path, text)
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(path)
    message = str(caught.value)
    assert isinstance(caught.value, NewskitError)
    assert str(path) in message and key in message and choices in message


def test_missing_and_invalid_yaml_files_are_refused(tmp_path):
    with pytest.raises(VocabularyError, match="not found"):
        load_vocabulary(tmp_path / "nope.yaml")
    with pytest.raises(VocabularyError, match="not valid YAML"):
        load_vocabulary(write(tmp_path, "outcomes: {killed: [unclosed"))


def test_a_user_file_adds_to_the_default_and_leaves_it_unchanged(tmp_path):
    default = load_vocabulary()
    text = "groups: {children: [wee ones]}\noutcomes: {killed: {verbs: [passed away]}}"
    extended = load_vocabulary(write(tmp_path, text))
    assert extended.section("groups")["children"][-1] == "wee ones"
    assert set(default.section("groups")["children"]) < set(extended.section("groups")["children"])
    assert "passed away" not in default.section("outcomes")["killed"]["verbs"]
    assert extended.paths[0] == str(DEFAULT_VOCABULARY_PATH) and extended.paths[1].endswith("vocabulary.yaml")
    assert extended != default and load_vocabulary() == default


def test_patterns_are_compiled_once_per_vocabulary(tmp_path):
    default = load_vocabulary()
    assert compile_patterns(default) is compile_patterns(load_vocabulary()) is compile_patterns(None)
    path = write(tmp_path, "groups: {children: [wee ones]}")
    assert compile_patterns(load_vocabulary(path)) is compile_patterns(load_vocabulary(path))
    assert compile_patterns(load_vocabulary(path)) is not compile_patterns(default)


def test_an_edited_file_is_read_again(tmp_path):
    path = write(tmp_path, "groups: {children: [wee ones]}")
    assert "bairns" not in load_vocabulary(path).section("groups")["children"]
    path.write_text("groups: {children: [wee ones, bairns]}", encoding="utf-8")
    assert "bairns" in load_vocabulary(path).section("groups")["children"]


def _package_digest() -> dict[str, str]:
    return {str(p.relative_to(PACKAGE_DIR)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(PACKAGE_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def test_one_new_outcome_verb_needs_only_the_user_file(tmp_path):
    """The issue's example ("succumbed", now in the package; "passed away" here) added once, as a verb, behaves as
    "died" (outcome and scope)."""
    before = _package_digest()
    died = extract_figures("12 children died.")
    assert extract_figures("12 children passed away.") == []
    path = write(tmp_path, "outcomes: {killed: {verbs: [passed away]}}\n")
    passed_away = extract_figures("12 children passed away.", vocabulary=load_vocabulary(path))
    assert [(f.outcome, f.group, f.scope, f.rules["scope"]) for f in passed_away] == [
        (f.outcome, f.group, f.scope, f.rules["scope"]) for f in died
    ] == [("killed", "children", "unknown", "scope.bare_count")]
    assert _package_digest() == before


def test_readme_lists_every_rule_id_of_the_code():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- rules:start -->\n(.*?)\n<!-- rules:end -->", text, re.S)
    assert block is not None, "README lacks the rule list markers"
    assert block.group(1) == rules_markdown(), "README rule list is stale: run python -m newskit.extract.rules"


def test_every_rule_a_figure_names_is_documented():
    text = ("Over 100 soldiers have been killed since October 7, the army said. Of those, 20 were reservists. "
            "An estimated 1.9 million people are displaced in Gaza, according to the UN. Dozens were hurt.")
    figures = extract_figures(text)
    assert len(figures) == 4
    known = all_rules()
    for figure in figures:
        assert set(figure.rules) <= {"bound", "parent", "outcome", "source", "source_type", "group", "scope", "place"}
        assert {"bound", "outcome", "group", "scope", "place", "source_type"} <= set(figure.rules)
        assert all(rule in known for rule in figure.rules.values()), figure.rules
    assert figures[1].rules["parent"] == "parent.previous_sentence"
    assert "vague_quantifier" in figures[3].flags


@pytest.mark.parametrize(
    ("text", "place", "rule"),
    [
        ("An airstrike in Rafah killed 12 people.", "gaza", "place.in_clause"),
        ("Israeli forces killed 3 people in Jenin on Monday.", "west_bank", "place.in_clause"),
        ("The October 7 attack killed 1,200 people.", "israel", "place.event"),
        ("More than 40,000 have been killed, the health ministry said.", "gaza", "place.source_type"),
        ("Shelling hit Khan Younis overnight. It killed 9 people.", "gaza", "place.previous_sentence"),
        ("Twelve Lebanese were killed.", "lebanon", "place.own_demonym"),
        ("Twelve people were killed.", "unknown", "place.unknown"),
        ("Russian strikes on Kharkiv killed 7 civilians.", "ukraine", "place.in_clause"),
    ],
)
def test_place(text, place, rule):
    (figure,) = extract_figures(text)
    assert (figure.place, figure.rules["place"]) == (place, rule)


def test_phrase_grammar_in_a_user_file(tmp_path):
    path = write(tmp_path, 'places: {atlantis: ["(North|South) Atlantis"]}\nsources: {un: [ATL]}')
    vocabulary = load_vocabulary(path)
    (figure,) = extract_figures("Five people were killed in South Atlantis, ATL said.", vocabulary=vocabulary)
    assert (figure.place, figure.source_type) == ("atlantis", "un")
    assert re.fullmatch(alternation(["(North|South) Atlantis"]), "North  Atlantis")
