"""Red team (issue 10, items 3, 6 and 7): hostile inputs against the engine, pipeline, reference and params.

Each test is one class of bad input with the exact outcome the kit promises:
- failure isolation: one article that fails is reported by id with its error, every other article's
  claims are kept, on every engine, in memory, streaming, in the CLI and in the report notebooks;
- exposure: a LocalCluster listens on loopback only; a scheduler address that answers garbage or
  stays silent is an EngineError within the connect timeout (servers here bind 127.0.0.1 only);
- reference counts: finite, non-negative, whole; a missing value column named; vocabularies checked;
- parameters: non-UTF-8 files, malformed manifests and YAML alias bombs are clear ParameterErrors,
  and error messages show a bounded excerpt of a bad value.

An article is made to fail by swapping ``newskit.pipeline.claims_for_article`` for a closure that
raises (or kills its worker) on one id: cloudpickle ships the closure to process and Dask workers,
so the same poison runs on every engine without depending on a particular extraction bug.
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from newskit import figures, pipeline
from newskit.clean import clean_articles
from newskit.corpus import load_corpus
from newskit.engine import ENGINES, PartitionError, check_scheduler, map_items, open_engine
from newskit.errors import EngineError, NewskitWarning, ParameterError, ReferenceSeriesError
from newskit.paths import PROJECT_DIR, SAMPLE_DIR
from newskit.reference import load_reference

# ----------------------------------------------------------------------------------------------
# Fixtures: one corpus, one process pool and one Dask LocalCluster for the module.
# ----------------------------------------------------------------------------------------------

N_ARTICLES = 12
POISON = "ValueError: poisoned article"


@pytest.fixture(scope="module")
def corpus(synthetic):
    """12 synthetic articles with figures, as (articles, passages)."""
    articles = pd.DataFrame(list(synthetic.iter_synthetic_articles(N_ARTICLES, seed=31)))
    articles["published"] = pd.to_datetime(articles["published"])
    passages, _ = clean_articles(articles)
    return articles, passages


@pytest.fixture(scope="module")
def bad_id(corpus):
    """An article in the middle of the corpus (it has partition neighbours on every engine)."""
    articles, _ = corpus
    return str(articles["article_id"].iloc[5])


@pytest.fixture(scope="module")
def expected(corpus, bad_id):
    """The claims every other article gives, in order: the local table less the bad article's rows."""
    articles, passages = corpus
    full = figures.claims_table(passages, articles)
    assert (full["article_id"] == bad_id).sum() > 0 and full["article_id"].nunique() == N_ARTICLES
    return full.loc[full["article_id"] != bad_id].reset_index(drop=True)


@pytest.fixture(scope="module")
def engine_sessions():
    with open_engine("processes", n_workers=2, retries=1) as processes, \
            open_engine("dask", n_workers=2, retries=1) as dask:
        yield {"local": None, "processes": processes, "dask": dask}


def poison_raising(bad_id):
    real = figures.claims_for_article

    def claims_for_article(item):
        if str(item[0]["article_id"]) == bad_id:
            raise ValueError("poisoned article")
        return real(item)

    return claims_for_article


def poison_killing(bad_id):
    real = figures.claims_for_article

    def claims_for_article(item):
        if str(item[0]["article_id"]) == bad_id:
            os._exit(1)
        return real(item)

    return claims_for_article


# ----------------------------------------------------------------------------------------------
# B. Failure isolation (issue 10 item 3)
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_failing_article_is_reported_and_every_other_kept_on_every_engine(
    engine, corpus, bad_id, expected, engine_sessions, monkeypatch
):
    articles, passages = corpus
    monkeypatch.setattr(pipeline, "claims_for_article", poison_raising(bad_id))
    with pytest.warns(NewskitWarning, match=rf"1 of {N_ARTICLES} articles failed extraction .*: {bad_id} \({POISON}\)"):
        claims = pipeline.claims_table(passages, articles, engine=engine, scheduler=engine_sessions[engine])
    pd.testing.assert_frame_equal(claims, expected, check_exact=True)
    assert claims.attrs["failures"] == [{"article_id": bad_id, "error": POISON}]
    assert pipeline.failures_table(claims).to_dict("records") == [{"article_id": bad_id, "error": POISON}]


@pytest.mark.parametrize(("engine", "cause"), [("processes", "worker process died"), ("dask", "KilledWorker")])
def test_article_that_kills_its_worker_is_reported_and_every_other_kept(
    engine, cause, corpus, bad_id, expected, engine_sessions, monkeypatch
):
    # five articles (the bad one in the middle): every death costs a worker restart, so keep them few
    articles, passages = corpus
    articles = articles.iloc[3:8]
    passages = passages.loc[passages["article_id"].isin(articles["article_id"])]
    kept = expected.loc[expected["article_id"].isin(articles["article_id"])].reset_index(drop=True)
    monkeypatch.setattr(pipeline, "claims_for_article", poison_killing(bad_id))
    with pytest.warns(NewskitWarning, match=rf"1 of 5 articles failed extraction .*{bad_id} \(.*{cause}"):
        claims = pipeline.claims_table(passages, articles, engine=engine, scheduler=engine_sessions[engine])
    pd.testing.assert_frame_equal(claims, kept, check_exact=True)
    assert [f["article_id"] for f in claims.attrs["failures"]] == [bad_id]
    assert engine_sessions[engine].map(str.upper, ["x"]) == ["X"]  # the engine recovered


def test_item_that_kills_its_process_worker_does_not_take_its_partition_neighbour(engine_sessions):
    def poison(item):
        if item[0] == "bad":
            os._exit(1)
        return item[1]

    items = [("n-1", 1), ("bad", 2), ("n-3", 3), ("n-4", 4)]
    with pytest.raises(PartitionError, match="died") as caught:
        map_items(poison, items, engine="processes", scheduler=engine_sessions["processes"], partition_size=2)
    assert caught.value.failed_labels == ["bad"]
    assert caught.value.results == [1, None, 3, 4]


@pytest.mark.parametrize("engine", ENGINES)
def test_failing_item_does_not_take_its_partition_neighbour(engine, engine_sessions):
    items = [("n-1", 1), ("n-2", 0), ("n-3", 3), ("n-4", 4)]
    with pytest.raises(PartitionError) as caught:
        map_items(lambda item: 12 // item[1], items, engine=engine, scheduler=engine_sessions[engine],
                  partition_size=2)
    assert caught.value.failed_labels == ["n-2"]
    assert caught.value.failed_causes == ["ZeroDivisionError: integer division or modulo by zero"]
    assert caught.value.results == [12, None, 4, 3]
    assert "n-1" not in str(caught.value)


def test_dask_cluster_without_workers_fails_instead_of_hanging(monkeypatch):
    from distributed import LocalCluster

    from newskit import engine as engine_module

    monkeypatch.setattr(engine_module, "NO_WORKERS_TIMEOUT", 1.0)
    monkeypatch.setattr(engine_module, "DASK_POLL_SECONDS", 0.2)
    with LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address="127.0.0.1:0", processes=True) as cluster:
        started = time.monotonic()
        with pytest.raises(PartitionError, match=r"had no worker for 1 s") as caught:
            map_items(str.upper, [("w-1", "a"), ("w-2", "b")], engine="dask", scheduler=cluster.scheduler_address)
        assert time.monotonic() - started < 15
    assert caught.value.failed_labels == ["w-1", "w-2"]


def test_figures_claims_table_still_raises_on_a_bad_article(corpus, bad_id, monkeypatch):
    """The local library function is strict (a traceback for a developer); pipeline's keeps going."""
    articles, passages = corpus
    monkeypatch.setattr(figures, "claims_for_article", poison_raising(bad_id))
    with pytest.raises(ValueError, match="poisoned article"):
        figures.claims_table(passages, articles)


@pytest.fixture
def corpus_csv(tmp_path, corpus):
    articles, _ = corpus
    path = tmp_path / "corpus.csv"
    articles.assign(published=articles["published"].dt.strftime("%Y-%m-%d")).to_csv(path, index=False)
    return path


def test_stream_names_only_the_failing_article(tmp_path, corpus_csv, bad_id, expected, monkeypatch):
    monkeypatch.setattr(pipeline, "claims_for_article", poison_raising(bad_id))
    out_path = tmp_path / "claims.parquet"
    with pytest.warns(NewskitWarning, match=rf"1 of 5 articles failed extraction .*: {bad_id} \({POISON}\)"):
        counts = pipeline.run_claims_stream(corpus_csv, out_path, chunk_size=5)
    assert counts.failed_articles == [bad_id]
    assert counts.failures == [{"article_id": bad_id, "error": POISON}]
    assert counts.articles == N_ARTICLES
    got = pipeline.read_claims(out_path)
    assert got["article_id"].tolist() == expected["article_id"].tolist()
    assert got[["start", "end", "surface", "outcome"]].equals(expected[["start", "end", "surface", "outcome"]])


def test_stream_cleaning_failure_costs_only_its_article(tmp_path, corpus_csv, bad_id, expected, monkeypatch):
    real = clean_articles

    def clean(articles, **kwargs):
        if bad_id in set(articles["article_id"].astype(str)):
            if len(articles) == 1:
                raise RuntimeError("unreadable text")
            raise RuntimeError("a slice holding the bad article")
        return real(articles, **kwargs)

    monkeypatch.setattr(pipeline, "clean_articles", clean)
    out_path = tmp_path / "claims.csv"
    with pytest.warns(NewskitWarning, match=rf"{bad_id} \(RuntimeError: unreadable text\)"):
        counts = pipeline.run_claims_stream(corpus_csv, out_path, chunk_size=N_ARTICLES)
    assert counts.failures == [{"article_id": bad_id, "error": "RuntimeError: unreadable text"}]
    assert pipeline.read_claims(out_path)["article_id"].tolist() == expected["article_id"].tolist()


def test_cli_stream_summary_names_the_failing_article_not_its_neighbour(
    tmp_path, corpus_csv, corpus, bad_id, monkeypatch, capsys
):
    from newskit.cli import main

    neighbours = {str(corpus[0]["article_id"].iloc[i]) for i in (4, 6)}
    monkeypatch.setattr(pipeline, "claims_for_article", poison_raising(bad_id))
    with pytest.warns(NewskitWarning, match=bad_id):
        code = main(["figures", str(corpus_csv), "--stream", "--chunk-size", "4", "-o", str(tmp_path / "c.csv")])
    err = capsys.readouterr().err
    assert code == 3
    assert f"1 article failed: {bad_id})" in err
    assert not any(n in err for n in neighbours)


def test_cli_in_memory_keeps_the_others_and_names_the_failing_article(
    tmp_path, corpus_csv, bad_id, expected, monkeypatch, capsys
):
    from newskit.cli import main

    monkeypatch.setattr(pipeline, "claims_for_article", poison_raising(bad_id))
    out_path = tmp_path / "claims.csv"
    with pytest.warns(NewskitWarning, match=rf"{bad_id} \({POISON}\)"):
        assert main(["figures", str(corpus_csv), "-o", str(out_path)]) == 3
    summary = f"{len(expected)} figures from {N_ARTICLES} articles (1 article failed: {bad_id})"
    assert summary in capsys.readouterr().err
    assert pd.read_csv(out_path)["article_id"].astype(str).tolist() == expected["article_id"].tolist()


def test_cli_to_standard_output_names_the_failing_article_on_standard_error_and_exits_3(
    corpus_csv, bad_id, expected, monkeypatch, capsys
):
    from newskit.cli import main

    monkeypatch.setattr(pipeline, "claims_for_article", poison_raising(bad_id))
    with pytest.warns(NewskitWarning, match=bad_id):
        assert main(["figures", str(corpus_csv)]) == 3
    captured = capsys.readouterr()
    assert f"(1 article failed: {bad_id}) -> standard output" in captured.err
    written = pd.read_csv(io.StringIO(captured.out))
    assert written["article_id"].astype(str).tolist() == expected["article_id"].tolist()


def test_cli_without_failures_exits_0_and_says_none_failed(corpus_csv, capsys):
    from newskit.cli import main

    assert main(["figures", str(corpus_csv)]) == 0
    assert "articles (0 articles failed) -> standard output" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["02-casualty-figures", "03-figure-statistics", "04-topics"])
def test_report_notebooks_use_the_isolating_claims_table(name):
    """The report reads claims from pipeline.load_stages (built with pipeline.claims_table), so one bad
    article no longer fails the report."""
    for suffix in (".py", ".ipynb"):
        text = (PROJECT_DIR / "notebooks" / f"{name}{suffix}").read_text(encoding="utf-8")
        assert "pipeline.load_stages(p" in text and "claims" in text
        assert "claims_table" not in text


def test_the_claims_stage_keeps_every_other_article_when_one_fails(monkeypatch, tmp_path):
    import types

    monkeypatch.setenv(pipeline.STAGE_DIR_VARIABLE, str(tmp_path))
    articles = load_corpus(SAMPLE_DIR)
    bad_id = articles["article_id"].iloc[0]
    monkeypatch.setattr(pipeline, "claims_for_article", poison_raising(bad_id))
    params = types.SimpleNamespace(corpus_path=str(SAMPLE_DIR), corpus_columns={}, corpus_encoding=None,
                                   vocabulary_path=None, engine="local", scheduler=None)
    with pytest.warns(NewskitWarning, match="1 of 2 articles failed"):
        (claims,) = pipeline.load_stages(params, "claims")
    assert pipeline.failures_table(claims)["article_id"].tolist() == [bad_id]
    assert len(claims) and set(claims["article_id"]) == set(articles["article_id"]) - {bad_id}


def test_figures_imports_no_engine():
    code = ("import sys, newskit.figures; "
            "print(sorted(m for m in sys.modules if m in ('newskit.engine', 'newskit.pipeline')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


# ----------------------------------------------------------------------------------------------
# C. Nothing exposed (issue 10 item 6)
# ----------------------------------------------------------------------------------------------

LOOPBACK = {"127.0.0.1", "::1"}


def test_local_cluster_listens_on_loopback_only():
    psutil = pytest.importorskip("psutil")
    with open_engine("dask", n_workers=1) as session:
        assert session.map(str.upper, ["a"]) == ["A"]
        processes = [psutil.Process(), *psutil.Process().children(recursive=True)]
        listening = [(p.pid, c.laddr) for p in processes for c in p.net_connections(kind="inet")
                     if c.status == psutil.CONN_LISTEN]
    assert len(listening) >= 3  # scheduler, its HTTP server, a worker
    assert [entry for entry in listening if entry[1].ip not in LOOPBACK] == []


class FakeServer:
    """A TCP server on 127.0.0.1 that answers every connection the same way, until closed."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.address = f"tcp://127.0.0.1:{self.sock.getsockname()[1]}"
        self.stop = threading.Event()
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            if self.behaviour == "huge_length":  # Dask would allocate 2**64 - 1 bytes
                conn.sendall(b"\xff" * 64)
            elif self.behaviour == "http":
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            elif self.behaviour == "framed_garbage":  # a plausible length, then not a Dask message
                conn.sendall((40).to_bytes(8, "little") + b"\x01" + b"\x00" * 7 + b"garbage!" * 4)
            elif self.behaviour == "close":
                conn.close()
                continue
            self.held.append(conn)  # "silent" sends nothing and keeps the connection open

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        for conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture
def fake_server(request):
    server = FakeServer(request.param)
    yield server
    server.close()


CONNECT_TIMEOUT = 1.0
SLACK = 2.0  # seconds beyond the connect timeout a refusal may take (thread start, imports)


@pytest.mark.parametrize(
    ("fake_server", "message"),
    [
        ("huge_length", r"does not answer as a Dask scheduler \(its first bytes are b'\\xff"),
        ("http", r"does not answer as a Dask scheduler \(its first bytes are b'HTTP/1.1'\)"),
        ("framed_garbage", r"does not answer as a Dask scheduler \(its first message is .*not a Dask handshake"),
        ("close", r"does not answer as a Dask scheduler \(it closed the connection"),
        ("silent", r"accepted the connection but sent no Dask handshake within 1 s"),
    ],
    indirect=["fake_server"],
)
def test_scheduler_that_is_not_dask_is_refused_within_the_connect_timeout(fake_server, message):
    started = time.monotonic()
    with pytest.raises(EngineError, match=message) as caught:
        map_items(str.upper, ["a"], engine="dask", scheduler=fake_server.address, connect_timeout=CONNECT_TIMEOUT)
    assert time.monotonic() - started < CONNECT_TIMEOUT + SLACK
    assert fake_server.address in str(caught.value) and "engine='local'" in str(caught.value)


def test_closed_port_is_unreachable_within_the_connect_timeout():
    with socket.socket() as probe:  # a port nobody listens on: bind, read its number, close
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(EngineError, match=rf"tcp://127\.0\.0\.1:{port}' cannot be reached within 1 s"):
        check_scheduler(f"tcp://127.0.0.1:{port}", connect_timeout=CONNECT_TIMEOUT)
    assert time.monotonic() - started < CONNECT_TIMEOUT + SLACK


def test_real_scheduler_passes_the_handshake_check(engine_sessions):
    address = engine_sessions["dask"].client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    check_scheduler(address, connect_timeout=CONNECT_TIMEOUT)
    assert map_items(str.lower, ["A"], engine="dask", scheduler=address, connect_timeout=CONNECT_TIMEOUT) == ["a"]


# ----------------------------------------------------------------------------------------------
# D. Reference counts and parameters (issue 10 item 7)
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("s.csv", "date,killed\n2023-12-13,Infinity\n",
         r"s.csv, field 'killed', row 0 \(2023-12-13\): 'Infinity' is not a finite count"),
        ("s.csv", "date,killed\n2023-12-13,5\n2023-12-14,-inf\n",
         r"s.csv, field 'killed', row 1 \(2023-12-14\): '-inf' is not a finite count"),
        ("s.csv", "date,killed\n2023-12-13,1e400\n", r"field 'killed', row 0 .*'1e400' is not a finite count"),
        ("s.csv", "date,killed\n2023-12-13,NaN\n", r"field 'killed', row 0 .*'NaN' is not a number"),
        ("s.csv", "date,killed\n2023-12-13,12.5\n",
         r"field 'killed', row 0 \(2023-12-13\): '12.5' is not a whole number of people"),
        ("s.csv", "date,series,value\n2023-12-13,killed_cum,18608.5\n",
         r"field 'value', row 0 .*'18608.5' is not a whole number of people"),
        ("s.csv", "date,killed\n2023-12-13,true\n", r"field 'killed', row 0 .*'true' is not a number"),
        ("s.json", '[{"report_date": "2023-12-13", "killed_cum": true}]',
         r"s.json, field 'killed_cum', row 0 \(2023-12-13\): True is a boolean, not a count"),
        ("s.json", '[{"report_date": "2023-12-13", "killed_cum": 5}, '
                   '{"report_date": "2023-12-14", "killed_cum": false}]',
         r"field 'killed_cum', row 1 .*False is a boolean, not a count"),
        ("s.json", '[{"report_date": "2023-12-13", "killed_cum": Infinity}]',
         r"field 'killed_cum', row 0 .*'Infinity' is not a finite count"),
        ("s.json", '[{"report_date": "2023-12-13", "killed_cum": NaN}]',
         r"field 'killed_cum', row 0 .*'NaN' is not a number"),
        ("s.json", '[{"report_date": "2023-12-13", "killed_cum": 12.5}]',
         r"field 'killed_cum', row 0 .*12.5 is not a whole number of people"),
        ("s.csv", "date,series\n2023-12-13,killed_cum\n",
         r"s.csv: a tidy table \(date, series, ...\) without its value column 'value'"),
        ("s.csv", "date,series,value,outcome,group\n2023-12-13,killed_cum,5,murdered,palestinians\n",
         r"s.csv, field 'outcome', row 0: 'murdered' is not one of \['killed', 'injured'"),
        ("s.csv", "date,series,value,outcome,group\n2023-12-13,killed_cum,5,killed,aliens\n",
         r"s.csv, field 'group', row 0: 'aliens' is not one of \['people', 'palestinians'"),
    ],
)
def test_reference_refuses_what_is_not_a_count_of_people(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReferenceSeriesError, match=match):
        load_reference(path)


def test_reference_whole_counts_written_as_decimals_are_kept(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("date,series,value\n2023-12-13,killed_cum,18608.0\n2023-12-14,killed_cum,1.8787e4\n",
                    encoding="utf-8")
    assert load_reference(path)["value"].tolist() == [18608.0, 18787.0]


def test_reference_series_map_words_are_checked(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("date,gaza\n2023-12-13,5\n", encoding="utf-8")
    message = r"field 'gaza': series_map gives outcome 'slain', which is not one of"
    with pytest.raises(ReferenceSeriesError, match=message):
        load_reference(path, series_map={"gaza": ("slain", "palestinians")})


def test_reference_error_shows_a_bounded_excerpt(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("date,killed\n2023-12-13," + "7x" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(ReferenceSeriesError) as caught:
        load_reference(path)
    assert len(str(caught.value)) < 300 + len(str(path)) and "..." in str(caught.value)


def test_latin1_params_file_names_the_file_and_byte(tmp_path, capsys):
    from newskit.cli import main
    from newskit.params import read_params_file

    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Caf\u00e9 r\u00e9sum\u00e9\n".encode("latin-1"))
    message = rf"parameter file {path}: not UTF-8 at byte 10 \(b'\\xe9 r\\xe9sum\\xe9'\); save it as UTF-8"
    with pytest.raises(ParameterError, match=message):
        read_params_file(path)
    assert main(["report", "--params", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not UTF-8 at byte 10" in err and "Traceback" not in err


BOMB = "\n".join(
    ["a: &a ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']"]
    + [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
    + ["title: *i"]
) + "\n"


def test_yaml_alias_bomb_on_a_known_parameter_is_refused_unexpanded(tmp_path, capsys):
    from newskit.cli import main
    from newskit.params import read_params_file

    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    started = time.monotonic()
    message = r"line 1: YAML anchor '&a' \(anchors and aliases are not allowed"
    with pytest.raises(ParameterError, match=message) as caught:
        read_params_file(path)
    assert time.monotonic() - started < 1.0 and len(str(caught.value)) < 300 + len(str(path))
    assert main(["report", "--params", str(path)]) == 2
    assert "anchors and aliases are not allowed" in capsys.readouterr().err


def test_alias_in_an_override_is_refused():
    from newskit.params import parse_override

    with pytest.raises(ParameterError, match=r"-p 'topic_candidates=&x \[2, 3\]': cannot read .*YAML anchor '&x'"):
        parse_override("topic_candidates=&x [2, 3]")


@pytest.mark.parametrize(
    "override", ["title=" + "t" * 100_000, "n_topics=" + "9" * 5000, "topic_candidates=[" + "1, " * 20_000 + "1]"]
)
def test_bad_parameter_value_is_shown_as_a_bounded_excerpt(tmp_path, override):
    from newskit.params import resolve_params

    with pytest.raises(ParameterError) as caught:
        if override.startswith("title="):  # a text is valid at any length: make it bad by type in a file
            path = tmp_path / "p.yaml"
            path.write_text("n_rows_shown: '" + "t" * 100_000 + "'\n", encoding="utf-8")
            resolve_params(path)
        else:
            resolve_params(None, overrides=[override])
    first_line = str(caught.value).splitlines()[0]
    assert len(first_line) < 400 and "..." in first_line


MANIFEST = {"newskit": "0.1", "notebooks": ["01-corpus"], "parameters": {"title": "t"}, "inputs": [],
            "seeds": {}, "python": "3.11", "packages": {}, "git": None, "kernel": "newskit", "outputs": {},
            "run": {}}


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("{not json", r"manifest.json: not JSON"),
        ("[1, 2]", r"manifest.json: expected a JSON object with a 'parameters' section, got list"),
        (json.dumps({"notebooks": []}), r"manifest.json: no 'parameters' section; it has \['notebooks'\]"),
        (json.dumps({**MANIFEST, "parameters": "title"}), r"section 'parameters' is 'title'; it must be an object"),
        (json.dumps({**MANIFEST, "inputs": {"a": 1}}), r"section 'inputs' is \{'a': 1\}; it must be a list"),
        (json.dumps({**MANIFEST, "inputs": [{"path": "x.csv"}]}),
         r"inputs\[0\] is \{'path': 'x.csv'\}; it must be an object with text 'path' and 'sha256'"),
        (json.dumps({**MANIFEST, "notebooks": [1]}), r"notebooks\[0\] is 1; it must be a name"),
        (json.dumps({**MANIFEST, "outputs": {"index.html": 5}}), r"outputs\['index.html'\] is 5; it must be a sha256"),
        (json.dumps({**MANIFEST, "git": "main"}), r"section 'git' is 'main'; it must be an object or null"),
        ("[" * 100_000, r"manifest.json: not JSON"),
    ],
)
def test_malformed_manifest_is_a_clear_error(tmp_path, content, match):
    from newskit.params import read_manifest, read_params_file

    path = tmp_path / "manifest.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParameterError, match=match):
        read_manifest(path)
    with pytest.raises(ParameterError, match=match):
        read_params_file(path)


def test_latin1_manifest_names_the_byte(tmp_path):
    from newskit.params import read_manifest

    path = tmp_path / "manifest.json"
    path.write_bytes(b'{"parameters": {"title": "Caf\xe9"}}')
    with pytest.raises(ParameterError, match=r"report manifest .*manifest.json: not UTF-8 at byte 29"):
        read_manifest(path)


def test_good_manifest_reads(tmp_path):
    from newskit.params import read_manifest

    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(MANIFEST), encoding="utf-8")
    assert read_manifest(path) == MANIFEST


def test_report_compare_of_a_malformed_manifest_is_a_clear_error(tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(MANIFEST), encoding="utf-8")
    bad.write_text('{"parameters": {}, "inputs": [{"path": 1}]}', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newskit.report", "compare", str(good), str(bad)],
                          capture_output=True, text=True, timeout=120, cwd=Path(PROJECT_DIR))
    assert done.returncode == 2
    assert "inputs[0]" in done.stderr and "Traceback" not in done.stderr
