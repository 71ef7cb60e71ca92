"""Streaming corpus -> claims file: the same table as the in-memory path, counts that add up."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from newskit.clean import clean_articles
from newskit.corpus import load_corpus
from newskit.errors import CorpusError, NewskitWarning, ParameterError
from newskit.figures import claims_table
from newskit.paths import SAMPLE_DIR
from newskit.pipeline import CLAIM_ARROW_SCHEMA, read_claims, run_claims_stream
from newskit.schema import CLAIM_COLUMNS


@pytest.fixture(scope="module")
def corpus_csv(tmp_path_factory, synthetic):
    return synthetic.write_synthetic_corpus(tmp_path_factory.mktemp("corpus") / "synthetic.csv", 40, seed=4)


def in_memory_claims(path) -> tuple[pd.DataFrame, int, int]:
    articles = load_corpus(path)
    passages, removals = clean_articles(articles)
    return claims_table(passages, articles), len(passages), len(removals)


@pytest.fixture(scope="module")
def expected(corpus_csv):
    return in_memory_claims(corpus_csv)


@pytest.mark.parametrize("suffix", ["parquet", "csv"])
def test_stream_in_chunks_equals_in_memory(tmp_path, corpus_csv, expected, suffix):
    claims, n_passages, n_removals = expected
    out_path = tmp_path / f"claims.{suffix}"
    seen = []
    counts = run_claims_stream(corpus_csv, out_path, chunk_size=7, on_chunk=lambda c: seen.append(c.articles))
    assert seen == [7, 14, 21, 28, 35, 40]
    assert (counts.articles, counts.chunks, counts.passages, counts.removals, counts.claims) == (
        40, 6, n_passages, n_removals, len(claims)
    )
    assert counts.dropped_rows == [] and counts.failed_articles == []
    pd.testing.assert_frame_equal(read_claims(out_path), claims, check_exact=True)
    assert not out_path.with_name(out_path.name + ".partial").exists()


def test_parquet_output_has_the_fixed_schema_and_one_row_group_per_chunk(tmp_path, corpus_csv):
    import pyarrow.parquet as pq

    out_path = tmp_path / "claims.parquet"
    run_claims_stream(corpus_csv, out_path, chunk_size=10)
    parquet = pq.ParquetFile(out_path)
    assert parquet.schema_arrow == CLAIM_ARROW_SCHEMA
    assert parquet.metadata.num_row_groups == 4


def test_stream_on_a_process_pool_equals_in_memory(tmp_path, corpus_csv, expected):
    out_path = tmp_path / "claims.parquet"
    run_claims_stream(corpus_csv, out_path, chunk_size=25, engine="processes", n_workers=2)
    pd.testing.assert_frame_equal(read_claims(out_path), expected[0], check_exact=True)


def test_stream_of_a_text_folder_equals_in_memory(tmp_path):
    out_path = tmp_path / "claims.csv"
    counts = run_claims_stream(SAMPLE_DIR, out_path, chunk_size=1)
    claims, _, _ = in_memory_claims(SAMPLE_DIR)
    assert (counts.articles, counts.chunks, counts.claims) == (2, 2, len(claims))
    assert claims["outlet"].isna().all()  # the sample has no metadata: a column of None in memory
    claims["outlet"] = claims["outlet"].astype("str")
    assert claims["flags"].isna().all()  # nothing to review in the sample: a column of None, read back as str
    claims["flags"] = claims["flags"].astype("str")
    pd.testing.assert_frame_equal(read_claims(out_path), claims, check_exact=True)


def test_dropped_rows_are_counted(tmp_path, synthetic):
    rows = list(synthetic.iter_synthetic_articles(3, seed=8))
    corpus_path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r) for r in [*rows, rows[1]]]  # the same article twice
    corpus_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(NewskitWarning, match="line 4|row 4|repeat|duplicate"):
        counts = run_claims_stream(corpus_path, tmp_path / "claims.csv", chunk_size=2)
    assert counts.articles == 3
    assert len(counts.dropped_rows) == 1


def test_empty_result_still_writes_a_header(tmp_path):
    corpus_path = tmp_path / "corpus.csv"
    corpus_path.write_text("article_id,text\nq1,The weather was mild on Tuesday.\n", encoding="utf-8")
    out_path = tmp_path / "claims.csv"
    counts = run_claims_stream(corpus_path, out_path)
    assert (counts.articles, counts.claims) == (1, 0)
    assert out_path.read_text(encoding="utf-8") == ",".join(CLAIM_COLUMNS) + "\n"


def test_output_must_be_parquet_or_csv(tmp_path, corpus_csv):
    with pytest.raises(ParameterError, match=r"\.parquet or \.csv"):
        run_claims_stream(corpus_csv, tmp_path / "claims.xlsx")


def test_failed_run_leaves_no_output(tmp_path):
    out_path = tmp_path / "claims.parquet"
    with pytest.raises(CorpusError, match="does not exist"):
        run_claims_stream(tmp_path / "missing.csv", out_path)
    assert list(tmp_path.iterdir()) == []


def test_cli_stream_writes_the_claims_file(tmp_path, capsys):
    from newskit.cli import main

    out_path = tmp_path / "claims.csv"
    assert main(["figures", str(SAMPLE_DIR), "--stream", "--chunk-size", "1", "-o", str(out_path)]) == 0
    claims, _, _ = in_memory_claims(SAMPLE_DIR)
    claims["outlet"] = claims["outlet"].astype("str")
    assert claims["flags"].isna().all()  # nothing to review in the sample: a column of None, read back as str
    claims["flags"] = claims["flags"].astype("str")
    pd.testing.assert_frame_equal(read_claims(out_path), claims, check_exact=True)
    assert f"{len(claims)} figures from 2 articles (2 chunks" in capsys.readouterr().err


def test_cli_stream_needs_an_output_file(capsys):
    from newskit.cli import main

    assert main(["figures", str(SAMPLE_DIR), "--stream"]) == 2
    assert "--stream writes a file" in capsys.readouterr().err


@pytest.mark.parametrize("stream", [False, True])
def test_cli_csv_is_safe_in_a_spreadsheet_and_keeps_whole_counts(tmp_path, stream):
    from newskit.cli import main

    corpus = tmp_path / "corpus.csv"
    corpus.write_text(
        'article_id,outlet,text\n'
        'a1,=HYPERLINK("http://x"),"The flood displaced 1234567 people, officials said."\n',
        encoding="utf-8",
    )
    out_path = tmp_path / "claims.csv"
    assert main(["figures", str(corpus), *(["--stream"] if stream else []), "-o", str(out_path)]) == 0
    text = out_path.read_text(encoding="utf-8")
    assert '"\'=HYPERLINK(""http://x"")"' in text
    assert ",1234567," in text and "e+06" not in text


# --- stage files


def stage_params(corpus_path, **extra):
    import types

    values = {"corpus_path": str(corpus_path), "corpus_columns": {}, "corpus_encoding": None,
              "vocabulary_path": None, "engine": "local", "scheduler": None}
    return types.SimpleNamespace(**(values | extra))


def stage_log() -> list[str]:
    from newskit.pipeline import STAGE_LOG_NAME, stage_dir

    path = stage_dir() / STAGE_LOG_NAME
    return [" ".join(line.split()[1:]) for line in path.read_text().splitlines()] if path.is_file() else []


def test_stages_computed_once_then_read_back_with_dtypes_and_attrs(tmp_path, corpus_csv, monkeypatch):
    from newskit import pipeline

    monkeypatch.setenv(pipeline.STAGE_DIR_VARIABLE, str(tmp_path / "stages"))
    corpus = tmp_path / "corpus.csv"
    # one empty text: the reader drops it, and the dropped row must survive the stage file
    corpus.write_text(corpus_csv.read_text(encoding="utf-8") + 'x-empty,,,,,\n', encoding="utf-8")
    params = stage_params(corpus)
    with pytest.warns(NewskitWarning):
        computed = pipeline.load_stages(params, *pipeline.STAGES)
    assert [line.split()[0] for line in stage_log()] == ["computed"] * 4
    with pytest.warns(NewskitWarning, match="empty text") as given_again:  # a stage read warns as computing it did
        again = pipeline.load_stages(params, *pipeline.STAGES)
    assert len(given_again) == 1
    assert [line.split()[0] for line in stage_log()[4:]] == ["reused"] * 4
    for first, second in zip(computed, again, strict=True):
        pd.testing.assert_frame_equal(first, second, check_exact=True)
        assert first.attrs == second.attrs
    assert len(pipeline.dropped_table(again[0])) == 1
    assert list(pipeline.dropped_table(again[0]).columns) == ["source_path", "row", "reason"]
    assert again[3].attrs["failures"] == []
    with pytest.warns(NewskitWarning):
        expected_claims, _, _ = in_memory_claims(corpus)
    # without a reviews file the claims are the extraction, plus review columns that say so
    pd.testing.assert_frame_equal(again[3][list(expected_claims.columns)], expected_claims, check_exact=True)
    assert not again[3][["reviewed", "not_a_figure", "added"]].any().any()


def test_a_stage_read_gives_its_warnings_again_from_the_file_and_line_computing_gave_them(
        tmp_path, corpus_csv, monkeypatch):
    """The articles stage and the topic stage keep their warnings the same way and give them again the same way."""
    import warnings

    from newskit import pipeline

    monkeypatch.setenv(pipeline.STAGE_DIR_VARIABLE, str(tmp_path / "stages"))
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(corpus_csv.read_text(encoding="utf-8") + 'x-empty,,,,,\n', encoding="utf-8")
    given = []
    for _ in ("computed", "read"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", NewskitWarning)
            pipeline.load_stages(stage_params(corpus), "articles")
        given.append([(str(w.message), w.filename, w.lineno) for w in caught if issubclass(w.category, NewskitWarning)])
    assert [line.split()[0] for line in stage_log()] == ["computed", "reused"]
    assert len(given[0]) == 1 and "empty text" in given[0][0][0]
    assert given[0][0][1].endswith("corpus.py")  # where the reader gave it, not where the stage was read
    assert given[1] == given[0]


def test_a_changed_input_or_vocabulary_makes_a_new_stage(tmp_path, corpus_csv):
    from newskit import pipeline

    corpus = tmp_path / "corpus.csv"
    corpus.write_text(corpus_csv.read_text(encoding="utf-8"), encoding="utf-8")
    keys = pipeline.stage_keys(stage_params(corpus))
    vocabulary = tmp_path / "words.yaml"
    vocabulary.write_text("groups: {children: [youngsters]}\n", encoding="utf-8")
    with_words = pipeline.stage_keys(stage_params(corpus, vocabulary_path=str(vocabulary)))
    assert with_words["articles"] == keys["articles"] and with_words["claims"] != keys["claims"]
    assert pipeline.stage_keys(stage_params(corpus, engine="processes")) == keys  # same claims on every engine
    corpus.write_text(corpus_csv.read_text(encoding="utf-8").replace("killed", "slain", 1), encoding="utf-8")
    changed = pipeline.stage_keys(stage_params(corpus))
    assert all(changed[name] != keys[name] for name in pipeline.STAGES)


def test_each_stage_is_keyed_on_the_code_it_runs_only():
    from newskit import pipeline

    def names(stage):
        return {str(path.relative_to(pipeline.PACKAGE_DIR)) for path in pipeline.code_files(pipeline.STAGE_CODE[stage])}

    articles, clean, claims = names("articles"), names("clean"), names("claims")
    assert {"corpus.py", "dates.py", "pipeline.py"} <= articles and "clean.py" not in articles
    assert {"clean.py", "pipeline.py"} <= clean and "corpus.py" not in clean
    # the extractor, imported lazily by figures' modules or not, and its word list
    assert {"figures.py", "extract/claims.py", "extract/run.py", "extract/vocabulary.yaml", "vocabulary.py"} <= claims
    # what notebooks do with the stages is no part of any stage: editing it reuses every stage file
    for elsewhere in ("topics/__init__.py", "topics/models.py", "stats/__init__.py", "stats.py", "reviews.py",
                      "report/runner.py", "plots/core.py"):
        assert elsewhere not in articles | clean | claims


@pytest.mark.parametrize(
    ("source", "modules"),
    [
        ("from newskit.clean import clean_articles\n", {"newskit", "newskit.clean", "newskit.clean.clean_articles"}),
        ("def f():\n    from newskit import figures as f, topics  # lazily\n",
         {"newskit", "newskit.figures", "newskit.topics"}),
        ("from newskit.extract import (\n    attribution,\n    place as places,\n)\n",
         {"newskit", "newskit.extract", "newskit.extract.attribution", "newskit.extract.place"}),
        ("import os, newskit.numbers as numbers\nfrom pandas import DataFrame\n", {"newskit", "newskit.numbers"}),
        ("from .relative import x\nx = 'import y'\n", set()),
    ],
)
def test_the_newskit_imports_of_a_module_are_read_from_its_text(tmp_path, source, modules):
    from newskit import pipeline

    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    assert pipeline._newskit_imports(path) == modules


def test_the_imports_read_as_text_are_those_python_parses_in_every_module_of_the_kit():
    import ast

    from newskit import pipeline

    for path in sorted(pipeline.PACKAGE_DIR.rglob("*.py")):
        parsed = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                parsed.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                parsed.update([node.module, *(f"{node.module}.{alias.name}" for alias in node.names)])
        packages = {".".join(name.split(".")[:n]) for name in parsed for n in range(1, name.count(".") + 2)}
        assert pipeline._newskit_imports(path) == {n for n in packages if n.startswith("newskit")}, path


def test_failures_survive_the_claims_stage_file(tmp_path, corpus_csv, monkeypatch):
    from newskit import pipeline

    monkeypatch.setenv(pipeline.STAGE_DIR_VARIABLE, str(tmp_path / "stages"))
    articles = load_corpus(corpus_csv)
    bad_id = articles["article_id"].iloc[2]
    original = pipeline.claims_for_article

    def poisoned(item):
        if item[0]["article_id"] == bad_id:
            raise ValueError("poisoned article")
        return original(item)

    passages, _ = clean_articles(articles)
    monkeypatch.setattr(pipeline, "claims_for_article", poisoned)
    with pytest.warns(NewskitWarning, match="poisoned"):
        claims = pipeline.claims_table(passages, articles)
    pipeline.write_stage("claims", "k" * 16, claims)
    with pytest.warns(NewskitWarning, match="poisoned"):
        back = pipeline.read_stage("claims", "k" * 16)
    assert back.attrs["failures"] == claims.attrs["failures"]
    assert pipeline.failures_table(back)["article_id"].tolist() == [bad_id]


def test_an_unknown_stage_is_refused(corpus_csv):
    from newskit import pipeline

    with pytest.raises(ParameterError, match="no stage"):
        pipeline.load_stages(stage_params(corpus_csv), "topics")
