"""Parameter schemas: overrides, parameter files, validation messages, the Make helper."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from newskit.errors import ParameterError
from newskit.params import (
    NOTEBOOK_PARAMETERS,
    PARAMETERS,
    check_notebook_params,
    input_paths,
    parse_override,
    resolve_params,
    validate_params,
)
from newskit.paths import PARAMS_DIR, PROJECT_DIR, SAMPLE_DIR

from .conftest import needs_dev_corpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n_topics=6", ("n_topics", 6)),
        ("n_topics=null", ("n_topics", None)),  # null: the k that coherence and stability pick
        ("n_topics= 6", ("n_topics", 6)),
        ("topic_candidates=[4, 6, 8]", ("topic_candidates", [4, 6, 8])),
        ("engine=dask", ("engine", "dask")),
        ("title=2024: a year", ("title", "2024: a year")),
        ("title=a=b", ("title", "a=b")),
        ("title=yes", ("title", "yes")),  # text stays text, never YAML's true
        ("corpus_encoding=null", ("corpus_encoding", None)),
        ("corpus_encoding=cp1252", ("corpus_encoding", "cp1252")),
        (
            "corpus_columns={text: Article, published: Date}",
            ("corpus_columns", {"text": "Article", "published": "Date"}),
        ),
        ("seed=4294967295", ("seed", 4294967295)),
    ],
)
def test_parse_override(text, expected):
    assert parse_override(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("n_topics=abc", "'n_topics'='abc' is not integer in [2, 200]"),
        ("n_topics=1", "'n_topics'=1 is not integer in [2, 200]"),
        ("n_topics=201", "is not integer in [2, 200]"),
        ("n_topics=4.5", "is not integer"),
        ("n_topics=true", "is not integer"),
        ("n_bootstrap=", "'n_bootstrap' is null"),
        ("no_such=1", "unknown parameter 'no_such'"),
        ("report_dir=/tmp/x", "unknown parameter 'report_dir'"),
        ("engine=spark", "is not one of local, processes, dask"),
        ("topic_unit=word", "is not one of article, paragraph, sentence"),
        ("topic_candidates=[]", "is not list of integers"),
        ("topic_candidates=[1, 4]", "each in [2, 200]"),
        ("topic_candidates=4", "is not list of integers"),
        ("seed=-1", "is not integer in [0, 4294967295]"),
        ("corpus_columns={txt: Article}", "['txt'] are not article fields"),
        ("corpus_columns=[text]", "is not mapping of text to text"),
        ("n_topics", "is not key=value"),
        ("=5", "is not key=value"),
        ("n_topics=[1", "cannot read"),
    ],
)
def test_bad_override_names_the_problem_and_lists_valid_parameters(text, message):
    with pytest.raises(ParameterError) as raised:
        parse_override(text)
    assert message in str(raised.value)
    assert "valid parameters:" in str(raised.value)
    assert "n_topics: integer in [2, 200]" in str(raised.value)


def test_valid_list_gives_every_user_parameter_with_its_type():
    with pytest.raises(ParameterError) as raised:
        parse_override("no_such=1")
    text = str(raised.value)
    for line in [
        "corpus_path: file or folder path",
        "corpus_columns: mapping of text to text",
        "topic_candidates: list of integers each in [2, 200]",
        "engine: one of local, processes, dask",
        "corpus_encoding: text or null",
    ]:
        assert line in text
    assert "report_dir" not in text  # set by the runner only


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("no_such: 1\n", "unknown parameter(s) ['no_such']"),
        ("n_topics: six\n", "'n_topics'='six' is not integer"),
        ("n_bootstrap: -5\n", "'n_bootstrap'=-5 is not integer in [0, 1000000]"),
        ("corpus_path: 3\n", "'corpus_path'=3 is not file or folder path"),
        ("report_dir: out\n", "set by the runner"),
        ("- a\n- b\n", "expected a mapping of name: value, got list"),
        ("n_topics: [\n", "not YAML"),
        ("corpus_path: data/raw/no_such_corpus\n", "does not exist"),
    ],
)
def test_bad_parameter_file(tmp_path, yaml_text, message):
    path = tmp_path / "x.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ParameterError) as raised:
        resolve_params(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value) or "does not exist" in message


def test_missing_parameter_file(tmp_path):
    with pytest.raises(ParameterError, match="cannot read it"):
        resolve_params(tmp_path / "absent.yaml")


def test_sample_params_resolve_paths_against_the_project():
    values = resolve_params()
    assert values["corpus_path"] == str(SAMPLE_DIR)
    assert values["reference_path"] == str(PROJECT_DIR / "data" / "reference" / "techforpalestine_daily.csv")
    assert values["report_dir"] == ""
    assert set(values) == set(PARAMETERS)


def test_file_then_corpus_then_overrides(tmp_path, monkeypatch):
    path = tmp_path / "x.yaml"
    path.write_text("n_topics: 5\nseed: 7\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    monkeypatch.chdir(tmp_path)
    values = resolve_params(path, corpus="corpus", overrides=["seed=9", "topic_candidates=[3, 5]"])
    assert values["n_topics"] == 5
    assert values["seed"] == 9
    assert values["topic_candidates"] == [3, 5]
    assert values["corpus_path"] == str(tmp_path / "corpus")  # the command line reads from the current folder
    assert values["title"] == PARAMETERS["title"].default


def test_every_params_file_is_valid():
    for path in sorted(PARAMS_DIR.glob("*.yaml")):
        values = resolve_params(path, check_exists=False)
        assert values["corpus_path"], path


@needs_dev_corpus
def test_dev_params_read_the_csv_with_its_column_map():
    values = resolve_params(PARAMS_DIR / "dev.yaml")
    assert values["corpus_path"].endswith("articles_dev.csv")
    assert values["corpus_columns"] == {
        "article_id": "Article_ID",
        "published": "Date",
        "outlet": "Source",
        "text": "Article",
    }


def test_manifest_parameters_work_as_a_parameter_file(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"parameters": {"corpus_path": "data/raw/sample", "n_topics": 5}}))
    values = resolve_params(manifest)
    assert values["n_topics"] == 5
    assert values["corpus_path"] == str(SAMPLE_DIR)


def test_validate_params_for_one_notebook_rejects_other_notebooks_parameters():
    assert validate_params({"title": "x"}, notebook="00-summary") == {
        "title": "x",
        "report_dir": "",
        "n_rows_shown": 20,
    }
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) \['n_topics'\]"):
        validate_params({"n_topics": 4}, notebook="01-corpus")


def test_check_notebook_params_reads_the_namespace():
    namespace = {"title": "t", "report_dir": "", "n_rows_shown": 5, "unrelated": object()}
    params = check_notebook_params("00-summary", namespace)
    assert (params.title, params.report_dir, params.n_rows_shown) == ("t", "", 5)
    with pytest.raises(ParameterError, match=r"the parameters cell lacks \['n_rows_shown'\]"):
        check_notebook_params("00-summary", {"title": "t", "report_dir": ""})
    with pytest.raises(ParameterError, match="'n_rows_shown'='5' is not integer"):
        check_notebook_params("00-summary", {"title": "t", "report_dir": "", "n_rows_shown": "5"})
    with pytest.raises(ParameterError, match="no notebook '99-x'"):
        check_notebook_params("99-x", namespace)


def test_every_notebook_parameter_is_declared():
    for notebook, names in NOTEBOOK_PARAMETERS.items():
        assert set(names) <= set(PARAMETERS), notebook
        assert "report_dir" in names, notebook


def test_input_paths_expand_folders(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    reference = tmp_path / "ref.csv"
    reference.write_text("date,killed_cum\n")
    values = {"corpus_path": str(tmp_path / "a.txt"), "reference_path": str(reference)}
    assert input_paths(values) == [tmp_path / "a.txt", reference]
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "z.txt").write_text("z")
    (folder / "m.txt").write_text("m")
    assert input_paths({"corpus_path": str(folder)}) == [folder / "m.txt", folder / "z.txt"]


@pytest.mark.parametrize(
    ("yaml_text", "exit_code"),
    [
        ("corpus_path: data/raw/sample\n", 0),
        ("corpus_path: data/raw/no_such_corpus\n", 3),
        ("n_topics: six\n", 2),
    ],
)
def test_make_helper_lists_inputs_and_says_when_one_is_missing(tmp_path, yaml_text, exit_code):
    path = tmp_path / "x.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "newskit.params", "inputs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == exit_code, done.stderr
    if exit_code == 0:
        listed = done.stdout.split()
        assert str(SAMPLE_DIR / "000_ac6a83ea76d8dca2.txt") in listed
        assert str(PROJECT_DIR / "data" / "reference" / "techforpalestine_daily.csv") in listed


@pytest.mark.parametrize(
    ("override", "suggestion"),
    [("n_topic=6", "did you mean 'n_topics'?"), ("refrence_path=x.csv", "did you mean 'reference_path'?")],
)
def test_a_misspelt_parameter_gets_a_did_you_mean(override, suggestion):
    from newskit.params import parse_override

    with pytest.raises(ParameterError, match=re.escape(suggestion)):
        parse_override(override)


def test_a_name_like_no_parameter_gets_no_suggestion():
    from newskit.params import parse_override

    with pytest.raises(ParameterError) as raised:
        parse_override("zzzz=1")
    assert "did you mean" not in str(raised.value)


def test_report_command_takes_the_same_column_map_as_figures_and_a_title():
    from newskit.cli import build_parser, report_overrides

    args = build_parser().parse_args(
        ["report", "--columns", "text=Body,published=Date", "--title", "Floods: a year", "-p", "n_topics=4"]
    )
    values = resolve_params(None, overrides=[*report_overrides(args), *args.p])
    assert values["corpus_columns"] == {"text": "Body", "published": "Date"}
    assert values["title"] == "Floods: a year"
    assert values["n_topics"] == 4
