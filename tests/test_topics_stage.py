"""Tests for the topic stage (newskit.topics.stage, pipeline.load_topic_stage): computed once, read back
the same, the model shown is the one a fresh fit gives, k chosen on a seeded sample of a large corpus."""

from __future__ import annotations

import types
import warnings

import pandas as pd
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from newskit import pipeline, topics
from newskit.clean import clean_articles
from newskit.corpus import load_corpus
from newskit.errors import NewskitWarning, TooFewTextsError
from newskit.topics import stage as topic_stage


def topic_params(corpus_path, **extra):
    values = {"corpus_path": str(corpus_path), "corpus_columns": {}, "corpus_encoding": None, "vocabulary_path": None,
              "engine": "local", "scheduler": None, "topic_unit": "paragraph", "topic_method": "nmf", "n_topics": None,
              "topic_candidates": [2, 3], "n_stability_seeds": 2, "n_top_terms": 6, "seed": 0}
    return types.SimpleNamespace(**(values | extra))


@pytest.fixture(scope="module")
def corpus_csv(tmp_path_factory, synthetic):
    return synthetic.write_synthetic_corpus(tmp_path_factory.mktemp("corpus") / "synthetic.csv", 30, seed=7)


@pytest.fixture(scope="module")
def passages(corpus_csv):
    return clean_articles(load_corpus(corpus_csv))[0]


@pytest.fixture
def stage_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(pipeline.STAGE_DIR_VARIABLE, str(tmp_path / "stages"))
    return tmp_path / "stages"


def stage_log(stage_dir) -> list[str]:
    return [line.split()[1] for line in (stage_dir / pipeline.STAGE_LOG_NAME).read_text().splitlines()
            if "topics-" in line]


def test_the_stage_is_computed_once_then_read_back_table_for_table(corpus_csv, stage_dir):
    params = topic_params(corpus_csv)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        computed = pipeline.load_topic_stage(params)
        read = pipeline.load_topic_stage(params)
    assert stage_log(stage_dir) == ["computed", "reused"]
    for name, table in computed.tables().items():
        pd.testing.assert_frame_equal(read.tables()[name], table, check_dtype=True, obj=name)
        assert read.tables()[name].to_csv(index=False) == table.to_csv(index=False)
    assert len(read.assignments) == len(read.map) == read.about["n_units"].iloc[0]
    assert read.n_topics in (2, 3) and read.candidates["chosen"].sum() == 1
    assert read.how_k_was_chosen().startswith(f"Coherence and stability per candidate k, scored on all "
                                              f"{len(read.assignments)} units; the model shown has k = {read.n_topics}")


def test_a_topic_parameter_makes_a_new_stage_and_a_claims_parameter_does_not(corpus_csv, tmp_path):
    key = pipeline.topic_stage_key(topic_params(corpus_csv))
    assert pipeline.topic_stage_key(topic_params(corpus_csv, seed=1)) != key
    assert pipeline.topic_stage_key(topic_params(corpus_csv, n_top_terms=7)) != key
    vocabulary = tmp_path / "words.yaml"
    vocabulary.write_text("groups: {children: [youngsters]}\n", encoding="utf-8")
    other_claims = topic_params(corpus_csv, vocabulary_path=str(vocabulary), engine="processes")
    assert pipeline.topic_stage_key(other_claims) == key


def test_the_model_shown_is_the_one_a_fresh_fit_gives(passages):
    """The stage shows the model the choice fitted for the chosen k: the same as fitting it again."""
    params = topic_params("unused", topic_candidates=[2, 3, 4])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        stage = topic_stage.compute_topic_stage(passages, params)
        units = topics.make_units(passages)
        model = topics.TopicModel(stage.n_topics, random_state=0).fit(units["text"])
        assignments = topics.assign_topics(model, units)
    assert stage.terms.to_csv(index=False) == model.top_terms(6).to_csv(index=False)
    assert stage.assignments.to_csv(index=False) == assignments.to_csv(index=False)
    assert stage.passages.to_csv(index=False) == model.representative_passages(units["text"], k=2).to_csv(index=False)
    assert stage.map.to_csv(index=False) == topics.unit_map(model, assignments).to_csv(index=False)


def test_a_fixed_n_topics_outside_the_candidates_is_fitted_and_said(passages):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        stage = topic_stage.compute_topic_stage(passages, topic_params("unused", n_topics=5))
    assert stage.n_topics == 5 and set(stage.terms["topic"]) == {0, 1, 2, 3, 4}
    assert stage.how_k_was_chosen().endswith("the model shown has k = 5, as the parameters fix it.")


def test_a_large_corpus_chooses_k_on_a_seeded_sample_and_shows_a_model_of_every_unit(passages, monkeypatch):
    monkeypatch.setattr(topic_stage, "CHOICE_MAX_UNITS", 60)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        first = topic_stage.compute_topic_stage(passages, topic_params("unused"))
        again = topic_stage.compute_topic_stage(passages, topic_params("unused"))
        other_seed = topic_stage.compute_topic_stage(passages, topic_params("unused", seed=3))
    assert first.about["n_units_chosen_on"].iloc[0] == 60 and len(first.assignments) == len(passages) > 60
    assert f"scored on a random sample of 60 of the {len(passages)} units" in first.how_k_was_chosen()
    for name, table in first.tables().items():
        assert again.tables()[name].to_csv(index=False) == table.to_csv(index=False), name
    assert other_seed.candidates.to_csv(index=False) != first.candidates.to_csv(index=False)


def test_from_the_size_switch_the_model_shown_is_the_streaming_model(passages, monkeypatch):
    monkeypatch.setattr(topic_stage, "STREAMING_MIN_UNITS", 100)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        stage = topic_stage.compute_topic_stage(passages, topic_params("unused"))
    assert bool(stage.about["streaming"].iloc[0]) and len(stage.assignments) == len(passages)
    assert "fitted on every unit with the streaming model (MiniBatchNMF)" in stage.how_k_was_chosen()
    assert stage.map[["x", "y"]].notna().all().all()


@pytest.mark.parametrize(("n_units", "method", "expected"), [
    (10, "nmf", False), (49_999, "nmf", False), (50_000, "nmf", True), (10**6, "nmf", True),
    (10**6, "lda", False), (10**6, "kmeans", False),
])
def test_topics_use_the_streaming_model_from_the_size_switch(n_units, method, expected):
    assert topic_stage.STREAMING_MIN_UNITS == 50_000
    assert topic_stage.uses_streaming_topics(n_units, method) is expected


def test_a_corpus_too_small_for_topics_raises_and_writes_no_stage(tmp_path, stage_dir):
    corpus = tmp_path / "tiny.csv"
    corpus.write_text("article_id,published,outlet,text\na1,2023-10-09,BBC,Three people were killed.\n"
                      "a2,2023-10-10,BBC,Two people were injured.\n", encoding="utf-8")
    with warnings.catch_warnings(), pytest.raises(TooFewTextsError):
        warnings.simplefilter("ignore", NewskitWarning)
        pipeline.load_topic_stage(topic_params(corpus))
    assert not list(stage_dir.glob("topics-*"))


def test_the_warnings_computing_gave_are_given_again_on_a_read(tmp_path, passages, stage_dir):
    corpus = tmp_path / "with_blank.csv"
    rows = [{"article_id": f"a{i}", "published": "2023-10-09", "outlet": "BBC", "text": text}
            for i, text in enumerate([*passages["text"].head(60), "the of and in to"])]
    pd.DataFrame(rows).to_csv(corpus, index=False)
    given = []
    for _ in ("computed", "read"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", NewskitWarning)
            pipeline.load_topic_stage(topic_params(corpus))
        given.append([(str(w.message), w.filename, w.lineno) for w in caught if issubclass(w.category, NewskitWarning)])
    assert stage_log(stage_dir) == ["computed", "reused"]
    assert any("1 of 61 passages skipped" in message for message, _, _ in given[0])
    assert given[1] == given[0]  # the same messages, from the same file and line


def test_topic_models_run_on_one_blas_thread_whatever_the_caller_set():
    seen = []
    probe = topics.one_thread(lambda: seen.extend(info["num_threads"] for info in threadpool_info()))
    with threadpool_limits(2):
        probe()
    assert seen and set(seen) == {1}


def test_notebook_04_opened_alone_computes_its_stages_and_a_report_then_reuses_them(tmp_path, stage_dir):
    from newskit.params import notebook_params, resolve_params
    from newskit.paths import NOTEBOOKS_DIR
    from newskit.report import run_notebook, run_report

    alone = tmp_path / "alone"
    (alone / "tables").mkdir(parents=True)
    parameters = notebook_params("04-topics", resolve_params(None)) | {"report_dir": str(alone)}
    run_notebook(NOTEBOOKS_DIR / "04-topics.ipynb", alone / "04.ipynb", alone / "04.html", parameters=parameters,
                 cwd=alone, name="04-topics")
    log = (stage_dir / pipeline.STAGE_LOG_NAME).read_text().splitlines()
    computed = sorted(line.split()[2].split("-")[0] for line in log if line.split()[1] == "computed")
    assert computed == ["articles", "claims", "passages", "removals", "topics"]
    report = run_report(out_dir=tmp_path / "report", notebooks=["04-topics"], progress=False)
    assert stage_log(stage_dir) == ["computed", "reused", "reused"]  # by the runner, then by 04
    for name in ("topic_candidates", "topic_terms", "topic_passages", "topic_prevalence_month"):
        assert (report / "tables" / f"{name}.csv").read_bytes() == (alone / "tables" / f"{name}.csv").read_bytes()


def test_a_report_computes_the_topic_stage_in_the_runner_and_notebook_04_reads_it(tmp_path, stage_dir):
    from newskit.report import run_report

    run_report(out_dir=tmp_path / "report", notebooks=["04-topics"], progress=False)
    # the kernel computing it would log one "computed" line and nothing else
    assert stage_log(stage_dir) == ["computed", "reused"]


def test_the_topic_stage_key_covers_the_topics_code_not_the_charts():
    code = pipeline.code_files(("newskit.topics.stage",))
    files = [path.relative_to(pipeline.PACKAGE_DIR).as_posix() for path in code]
    assert "topics/stage.py" in files and "topics/models.py" in files
    assert not [f for f in files if f.startswith("plots/")]  # editing a chart does not recompute the topics
