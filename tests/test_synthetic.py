"""The synthetic corpus generator (bench/synthetic.py): deterministic by seed, readable as a corpus."""

from __future__ import annotations

import pytest

from newskit.clean import clean_articles
from newskit.corpus import load_corpus
from newskit.errors import ParameterError
from newskit.figures import claims_table


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_same_seed_writes_byte_identical_files(tmp_path, synthetic, suffix):
    first = synthetic.write_synthetic_corpus(tmp_path / f"a.{suffix}", 25, seed=11)
    second = synthetic.write_synthetic_corpus(tmp_path / f"b.{suffix}", 25, seed=11)
    assert first.read_bytes() == second.read_bytes()


def test_another_seed_gives_other_articles(synthetic):
    one = [a["text"] for a in synthetic.iter_synthetic_articles(10, seed=1)]
    two = [a["text"] for a in synthetic.iter_synthetic_articles(10, seed=2)]
    assert all(a != b for a, b in zip(one, two, strict=True))


def test_an_article_depends_only_on_seed_and_index(synthetic):
    whole = list(synthetic.iter_synthetic_articles(12, seed=5))
    tail = list(synthetic.iter_synthetic_articles(4, seed=5, start=8))
    assert tail == whole[8:]
    assert synthetic.synthetic_article(3, seed=5) == whole[3]


def test_articles_have_every_field_and_paragraphs(synthetic):
    article = synthetic.synthetic_article(0, seed=0)
    assert list(article) == synthetic.FIELDS
    assert article["article_id"] == "syn0-0000000"
    assert article["outlet"] in synthetic.OUTLETS
    assert 4 <= len(article["text"].split("\n\n")) <= 10


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_written_corpus_loads_as_articles(tmp_path, synthetic, suffix):
    path = synthetic.write_synthetic_corpus(tmp_path / f"corpus.{suffix}", 15, seed=3)
    articles = load_corpus(path)
    expected = list(synthetic.iter_synthetic_articles(15, seed=3))
    assert articles["article_id"].tolist() == [a["article_id"] for a in expected]
    assert articles["text"].tolist() == [a["text"] for a in expected]
    assert articles["published"].notna().all()


def test_synthetic_text_holds_casualty_figures(synthetic):
    import pandas as pd

    articles = pd.DataFrame(list(synthetic.iter_synthetic_articles(20, seed=9)))
    articles["published"] = pd.to_datetime(articles["published"])
    passages, _ = clean_articles(articles)
    claims = claims_table(passages, articles)
    # 40 % of sentences are figure patterns: every outcome family should turn up in 20 articles
    assert {"killed", "injured", "displaced"} <= set(claims["outcome"])
    assert claims["article_id"].nunique() >= 15


def test_unknown_format_is_refused(tmp_path, synthetic):
    with pytest.raises(ParameterError, match=r"\.csv or \.jsonl"):
        synthetic.write_synthetic_corpus(tmp_path / "corpus.xml", 3)


@pytest.mark.parametrize("paragraphs", [(1, 1), (2, 3)])
def test_paragraph_count_follows_the_option(synthetic, paragraphs):
    for article in synthetic.iter_synthetic_articles(8, seed=2, paragraphs=paragraphs):
        assert paragraphs[0] <= len(article["text"].split("\n\n")) <= paragraphs[1]
