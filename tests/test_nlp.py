"""Tests for newskit.nlp: sentences, tokens, stems, stopwords, language check, collocations; no NLTK data."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit import nlp
from newskit.errors import ParameterError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith left. He came back.", ["Mr. Smith left.", "He came back."]),
        ("The U.N. said 20 died. Dr. Ahmed agreed.", ["The U.N. said 20 died.", "Dr. Ahmed agreed."]),
        ("On Oct. 7, militants crossed. Many died.", ["On Oct. 7, militants crossed.", "Many died."]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("", []),
        ("   \n ", []),
    ],
)
def test_split_sentences(text, expected):
    assert nlp.split_sentences(text) == expected


def test_sentence_spans_index_the_text():
    text = "  Two were killed.  Ten were hurt. "
    assert [text[a:b] for a, b in nlp.sentence_spans(text)] == ["Two were killed.", "Ten were hurt."]


def punkt_on_the_whole(text: str) -> list[tuple[int, int]]:
    """What sentence_spans gave before it cut texts first: Punkt on the whole text, leading blanks dropped."""
    if not text.strip():
        return []
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in nlp._sentence_tokenizer().span_tokenize(text)]


PUNKT_TOKENS = [
    "killed", "Mr", "U.S.", "J.", "no", "No.", "3", "12", ".", ". ", "! ", "? ", " ", "  ", "\n", "\n\n", '"', "'",
    ")", "(", "A", "b", "ok", "Dead", "etc", "...", "\u201d", "\u201c", "\u2014", ",", ";", ":", "x.y", "Gen", "e.g.",
    "\u00dcber", "\u00f1.", "\t", "\u00a0", "?!", "\u00bb", "]", "}", "\u2019", "*", "@", "--", "I.", "Dr", "5.",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PUNKT_TOKENS), max_size=30).map("".join))
def test_sentence_spans_are_punkt_on_the_whole_text(text):
    # cutting at certain sentence ends first, and skipping pieces with no mark, changes no span
    assert nlp.sentence_spans(text) == punkt_on_the_whole(text)


@pytest.mark.parametrize(
    ("text", "max_chars", "expected"),
    [
        ("short text", 100, [(0, 10)]),
        ("aaaa bbbb\ncccc dddd", 12, [(0, 10), (10, 19)]),  # a line break first
        ("Aa bb. Cc dd. Ee ff.", 8, [(0, 7), (7, 14), (14, 20)]),  # then a sentence end
        ("aaa bbb ccc ddd", 8, [(0, 8), (8, 15)]),  # then white space
        ("x" * 25, 10, [(0, 10), (10, 20), (20, 25)]),  # then the window's end
    ],
)
def test_punkt_windows(text, max_chars, expected):
    assert nlp._punkt_windows(text, max_chars=max_chars) == expected


def test_no_sentence_is_longer_than_punkt_reads_at_once():
    text = "word " * 30_000  # 150 kB with no sentence end
    spans = nlp.sentence_spans(text)
    assert len(spans) > 1 and all(b - a <= nlp.MAX_PUNKT_CHARS for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans).split() == text.split()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hamas-run ministry's 18,600 figure", ["hamas-run", "ministry's", "figure"]),
        ("Israel’s army", ["israel’s", "army"]),
        ("Gaza's 2nd city", ["gaza's", "nd", "city"]),  # digits go, letters stay
        ("Ré-élu à Paris", ["ré-élu", "à", "paris"]),
        ("--- 42 ---", []),
    ],
)
def test_word_tokens(text, expected):
    assert nlp.word_tokens(text) == expected


def test_word_tokens_keeps_case_when_asked():
    assert nlp.word_tokens("The UN said", lowercase=False) == ["The", "UN", "said"]


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_fast_path_matches_the_unicode_pattern(text):
    assert nlp.RE_WORD_ASCII.findall(text) == nlp.RE_WORD.findall(text)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("hostages", "hostag"), ("killed", "kill"), ("Palestinians", "palestinian"), ("ministry’s", "ministri"),
     ("israelis", "isra")],
)
def test_stem(word, expected):
    assert nlp.stem(word.lower()) == expected


def test_stopwords_are_scikit_learns_by_default():
    words = nlp.stopwords()
    assert {"the", "of", "and"} <= words and "hospital" not in words


def test_stopwords_source_checked():
    with pytest.raises(ParameterError, match="source"):
        nlp.stopwords(source="spacy")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said that 20 people were killed in the strike.", True),
        ("Ten killed", True),  # too short to tell; Latin letters
        ("Le ministère a déclaré que vingt personnes ont été tuées dans la frappe.", False),
        ("قالت وزارة الصحة إن عشرين شخصا قتلوا", False),
        ("Gaza Israel Hamas hostages ceasefire Rafah Khan Younis Jabalia", False),  # keywords, not prose
        ("12,000 / 3,500", False),
        ("", False),
    ],
)
def test_looks_english(text, expected):
    assert nlp.looks_english(text) is expected


def test_collocation_bigrams_keeps_pairs_above_chance_only():
    docs = [["west", "bank", "raid"], ["west", "bank", "town"], ["west", "bank"], ["raid", "town"]] * 2
    pairs = nlp.collocation_bigrams(docs, min_count=2, top_n=None)
    assert pairs[0] == ("west", "bank")
    assert ("bank", "west") not in pairs


def test_collocation_bigrams_do_not_cross_documents():
    assert nlp.collocation_bigrams([["alpha"], ["beta"]] * 5, min_count=1) == []


def test_runs_with_no_nltk_data(tmp_path):
    # a fresh interpreter that can see no nltk_data directory at all
    code = (
        f"import nltk; nltk.data.path[:] = [{str(tmp_path)!r}];"
        "from newskit import nlp;"
        "print(nlp.split_sentences('Gen. Halevi spoke. He left.'), nlp.stem('killed'),"
        " nlp.collocation_bigrams([['west', 'bank']] * 3, min_count=2), len(nlp.stopwords()) > 300)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"NLTK_DATA": str(tmp_path)}, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['Gen. Halevi spoke.', 'He left.'] kill [('west', 'bank')] True"


def test_military_and_official_titles_do_not_end_a_sentence():
    # issue 12: "Rear Adm. Daniel Hagari said" is one sentence
    from newskit.nlp import sentence_spans

    for text in ("The military spokesman, Rear Adm. Daniel Hagari, said 20 soldiers were killed.",
                 "Brig. Gen. Yossi Sariel and Cmdr. Dana Levi said 3 died."):
        assert len(sentence_spans(text)) == 1
