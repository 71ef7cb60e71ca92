"""Engines: same results in the same order on every engine; faults retried, or reported with their articles.

One process pool and one Dask LocalCluster (2 workers) serve the whole module.
"""

from __future__ import annotations

import math
import os

import pytest

from newskit.engine import (
    ENGINES,
    EngineSession,
    PartitionError,
    describe_item,
    map_items,
    open_engine,
    split_partitions,
)
from newskit.errors import EngineError, ParameterError


@pytest.fixture(scope="module")
def dask_session():
    with open_engine("dask", n_workers=2, retries=1) as session:
        yield session


@pytest.fixture(scope="module")
def process_session():
    with open_engine("processes", n_workers=2, retries=1) as session:
        yield session


@pytest.fixture(scope="module")
def sessions(dask_session, process_session):
    return {"local": None, "processes": process_session, "dask": dask_session}


@pytest.mark.parametrize(
    ("n_items", "n_partitions", "expected"),
    [
        (10, 3, [(0, 4), (4, 7), (7, 10)]),
        (4, 4, [(0, 1), (1, 2), (2, 3), (3, 4)]),
        (3, 8, [(0, 1), (1, 2), (2, 3)]),
        (5, 1, [(0, 5)]),
        (0, 3, []),
    ],
)
def test_split_partitions_covers_items_in_order(n_items, n_partitions, expected):
    spans = split_partitions(n_items, n_partitions=n_partitions)
    assert [(r.start, r.stop) for r in spans] == expected


@pytest.mark.parametrize(
    ("item", "index", "expected"),
    [
        (("aje-17", "some text"), 0, "aje-17"),
        ((42, "rows"), 1, "42"),
        ({"article_id": "bbc-3", "text": "t"}, 2, "bbc-3"),
        ([1, 2], 5, "item 5"),
        ("plain text", 9, "item 9"),
    ],
)
def test_describe_item_names_articles(item, index, expected):
    assert describe_item(item, index) == expected


def test_describe_item_lists_the_article_ids_of_a_table():
    pd = pytest.importorskip("pandas")
    rows = pd.DataFrame({"article_id": ["a1", "a1", "b2"], "text": ["x", "y", "z"]})
    assert describe_item(rows, 0) == "a1, b2"


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_returns_results_in_input_order(engine, sessions):
    words = [f"w{i:03d}" for i in range(37, 0, -1)]
    result = map_items(str.upper, words, engine=engine, scheduler=sessions[engine], partition_size=5)
    assert result == [f"W{i:03d}" for i in range(37, 0, -1)]


@pytest.mark.parametrize("engine", ENGINES)
def test_closures_run_on_every_engine(engine, sessions):
    offset = 1000
    result = map_items(lambda x: x + offset, [3, 1, 2], engine=engine, scheduler=sessions[engine])
    assert result == [1003, 1001, 1002]


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_input_gives_empty_list(engine, sessions):
    assert map_items(str.upper, [], engine=engine, scheduler=sessions[engine]) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_failing_partition_names_its_articles_and_keeps_the_others(engine, sessions):
    items = [("art-a", 4.0), ("art-b", 9.0), ("art-c", -1.0), ("art-d", 16.0), ("art-e", 25.0), ("art-f", -4.0)]
    with pytest.raises(PartitionError) as caught:
        map_items(lambda item: math.sqrt(item[1]), items, engine=engine, scheduler=sessions[engine],
                  partition_size=2)
    error = caught.value
    # partitions: [a, b] ok, [c, d] fails on c, [e, f] fails on f; the failed ones are rerun item by
    # item, so d and e (the neighbours) keep their results
    assert error.failed_indices == [2, 5]
    assert error.failed_labels == ["art-c", "art-f"]
    assert error.failed_causes == ["ValueError: math domain error"] * 2
    assert error.results == [2.0, 3.0, None, 4.0, 5.0, None]
    assert error.succeeded() == [2.0, 3.0, 4.0, 5.0]
    assert "art-c" in str(error) and "art-f" in str(error) and "math domain error" in str(error)
    assert "art-d" not in str(error) and "art-e" not in str(error)
    assert isinstance(error, EngineError)


def test_labels_override_the_item_description():
    with pytest.raises(PartitionError, match="story-2") as caught:
        map_items(math.sqrt, [1.0, -1.0, 4.0], labels=["story-1", "story-2", "story-3"], partition_size=1)
    assert caught.value.results == [1.0, None, 2.0]


def test_a_partition_that_fails_once_is_retried(tmp_path):
    marker = tmp_path / "failed-once"

    def flaky(x):
        if x == 3 and not marker.exists():
            marker.write_text("x")
            raise RuntimeError("transient")
        return x * 10

    assert map_items(flaky, [1, 2, 3, 4], retries=1, partition_size=1) == [10, 20, 30, 40]
    assert marker.exists()


def test_without_retries_a_transient_failure_is_reported(tmp_path):
    marker = tmp_path / "failed-once"

    def flaky(x):
        if not marker.exists():
            marker.write_text("x")
            raise RuntimeError("transient")
        return x

    with pytest.raises(PartitionError, match="transient"):
        map_items(flaky, [1], retries=0)


def _die_once(marker_path):
    def run(x):
        if x == 2 and not os.path.exists(marker_path):
            with open(marker_path, "w") as handle:
                handle.write("died")
            os._exit(1)
        return -x

    return run


def test_processes_worker_that_dies_is_replaced_and_its_partition_rerun(tmp_path, process_session):
    func = _die_once(str(tmp_path / "died"))
    assert map_items(func, [1, 2, 3, 4, 5], engine="processes", scheduler=process_session,
                     partition_size=1) == [-1, -2, -3, -4, -5]
    assert (tmp_path / "died").exists()


def test_processes_worker_that_always_dies_is_reported_alone(process_session):
    def poison(x):
        if x == "bad":
            os._exit(1)
        return x

    items = [("ok-1", "a"), ("bad-1", "bad"), ("ok-2", "b"), ("ok-3", "c")]
    with pytest.raises(PartitionError, match="died") as caught:
        map_items(lambda item: poison(item[1]), items, engine="processes", scheduler=process_session,
                  partition_size=1)
    assert caught.value.failed_labels == ["bad-1"]
    assert caught.value.results == ["a", None, "b", "c"]


def test_dask_worker_that_dies_is_retried_by_dask(tmp_path, dask_session):
    func = _die_once(str(tmp_path / "died"))
    assert map_items(func, [1, 2, 3, 4], engine="dask", scheduler=dask_session,
                     partition_size=1) == [-1, -2, -3, -4]
    assert (tmp_path / "died").exists()


def test_dask_partition_that_always_kills_its_worker_is_reported_and_the_rest_kept(dask_session):
    def poison(item):
        if item[1] == "bad":
            os._exit(1)
        return item[1]

    items = [("ok-1", "a"), ("bad-1", "bad"), ("ok-2", "b")]
    with pytest.raises(PartitionError, match="KilledWorker") as caught:
        map_items(poison, items, engine="dask", scheduler=dask_session, partition_size=1)
    assert caught.value.failed_labels == ["bad-1"]
    assert caught.value.results == ["a", None, "b"]
    assert dask_session.map(str.upper, ["x"]) == ["X"]  # the cluster has replaced its workers


def test_unreachable_scheduler_fails_fast_with_its_address():
    with pytest.raises(EngineError, match=r"tcp://127\.0\.0\.1:9' cannot be reached within 1 s") as caught:
        map_items(str.upper, ["a"], engine="dask", scheduler="tcp://127.0.0.1:9", connect_timeout=1)
    assert "use engine='local'" in str(caught.value)


def test_existing_scheduler_address_is_used_and_left_running(dask_session):
    address = dask_session.client.scheduler.address
    assert map_items(str.lower, ["A", "B"], engine="dask", scheduler=address) == ["a", "b"]
    # the cluster we did not start is still there for the rest of the module
    assert dask_session.map(str.lower, ["C"]) == ["c"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"engine": "spark"}, "engine must be one of"),
        ({"engine": "processes", "n_workers": 0}, "n_workers must be a positive integer"),
        ({"engine": "local", "retries": -1}, "retries must be a non-negative integer"),
        ({"engine": "local", "scheduler": "tcp://h:8786"}, "needs engine='dask'"),
        ({"engine": "local", "partition_size": 0}, "partition_size must be >= 1"),
        ({"engine": "local", "labels": ["only-one"]}, "labels has 1 entries for 2 items"),
    ],
)
def test_bad_options_are_parameter_errors(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        map_items(str.upper, ["a", "b"], **kwargs)


def test_session_of_another_engine_is_refused(process_session):
    with pytest.raises(ParameterError, match="runs 'processes'"):
        map_items(str.upper, ["a"], engine="dask", scheduler=process_session)


def test_closed_process_session_refuses_work():
    with open_engine("processes", n_workers=1) as session:
        assert session.map(str.upper, ["a"]) == ["A"]
    assert isinstance(session, EngineSession)
    with pytest.raises(EngineError, match="closed"):
        session.map(str.upper, ["a"])


@pytest.fixture(scope="module")
def small_corpus(synthetic):
    """The two sample articles and 30 synthetic ones, as (passages, articles)."""
    pd = pytest.importorskip("pandas")
    from newskit.clean import clean_articles
    from newskit.corpus import load_corpus
    from newskit.paths import SAMPLE_DIR

    made = pd.DataFrame(list(synthetic.iter_synthetic_articles(30, seed=21)))
    made["published"] = pd.to_datetime(made["published"])
    articles = pd.concat([load_corpus(SAMPLE_DIR), made], ignore_index=True)
    passages, _ = clean_articles(articles)
    return passages, articles


def test_claims_tables_are_identical_on_every_engine(small_corpus, sessions):
    pd = pytest.importorskip("pandas")
    from newskit import figures
    from newskit.pipeline import claims_table

    passages, articles = small_corpus
    local = claims_table(passages, articles, engine="local")
    assert len(local) > 60 and local["article_id"].nunique() == articles["article_id"].nunique()
    pd.testing.assert_frame_equal(figures.claims_table(passages, articles), local, check_exact=True)
    for engine in ("processes", "dask"):
        other = claims_table(passages, articles, engine=engine, scheduler=sessions[engine])
        pd.testing.assert_frame_equal(other, local, check_exact=True)
        assert other.attrs["failures"] == []


def test_figures_does_not_import_the_engine():
    import subprocess
    import sys

    code = ("import sys, newskit.figures; "
            "print(sorted(m for m in sys.modules if m in ('newskit.engine', 'newskit.pipeline')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
