"""The report runner: every notebook under papermill, outputs, manifest, reproducibility, safe HTML,
failures that leave the previous report intact.

The sample report is built twice per test session (the second run replaces the first in place, after
a copy of the first is kept): every other test reads those two runs.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from newskit.errors import ParameterError, ReportError
from newskit.params import NOTEBOOK_PARAMETERS
from newskit.paths import NOTEBOOKS_DIR, PROJECT_DIR, SAMPLE_DIR
from newskit.report import RUN_ORDER, compare_manifests, read_table, run_report

RE_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.fixture(scope="session")
def sample_runs(tmp_path_factory) -> tuple[Path, Path]:
    """(first run, second run) of the sample report, same inputs, different build folders; the first
    starts each kernel cold, the second prewarms them, so identical outputs prove both modes."""
    base = tmp_path_factory.mktemp("reports")
    target = base / "sample"
    run_report(out_dir=target, progress=False, prewarm=False)  # every kernel cold: plain papermill
    first = base / "first"
    shutil.copytree(target, first)
    assert run_report(out_dir=target, progress=False) == target.resolve()
    return first, target


@pytest.fixture(scope="session")
def sample_report(sample_runs) -> Path:
    return sample_runs[1]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_notebook_in_the_run_order_ran(sample_report):
    for name in RUN_ORDER:
        assert (sample_report / f"{name}.html").is_file(), name
        executed = json.loads((sample_report / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        code = [c for c in executed["cells"] if c["cell_type"] == "code"]
        assert all(c["execution_count"] is not None for c in code), name
        errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], name


def test_the_run_order_holds_every_notebook():
    on_disk = sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    assert sorted(RUN_ORDER) == on_disk
    assert sorted(NOTEBOOK_PARAMETERS) == on_disk
    assert RUN_ORDER[-1] == "00-summary"  # it reads what the others wrote


def test_report_layout(sample_report):
    assert (sample_report / "index.html").is_file()
    assert (sample_report / "manifest.json").is_file()
    tables = sorted(p.name for p in (sample_report / "tables").glob("*.csv"))
    assert {"articles.csv", "removals.csv", "removals_by_rule.csv", "passages.csv"} <= set(tables)
    pngs = sorted((sample_report / "charts").glob("*.png"))
    assert pngs, "no charts"
    for png in pngs:
        assert png.with_suffix(".csv").is_file(), f"{png.name} has no CSV of its numbers"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # nothing left over from the build beside the report
    assert [p.name for p in sample_report.parent.iterdir() if p.name.startswith(".")] == []


def test_corpus_tables_hold_the_sample(sample_report):
    articles = (sample_report / "tables" / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert articles[0].startswith("article_id,outlet,published,title,n_chars,n_passages,n_removed")
    ids = sorted(line.split(",")[0] for line in articles[1:])
    assert ids == ["000_ac6a83ea76d8dca2", "002_da15ff6bf3766d8c"]


def test_claims_and_comparison_tables(sample_report):
    import pandas as pd

    claims = pd.read_csv(sample_report / "tables" / "claims.csv")
    toll = claims[claims["surface"] == "18,600"]
    assert len(toll) == 1  # the photo caption repeating it is dropped by cleaning
    assert toll.iloc[0][["bound", "outcome", "group", "source_type"]].tolist() == [
        "lower",
        "killed",
        "palestinians",
        "health_ministry",
    ]
    comparison = pd.read_csv(sample_report / "tables" / "comparison.csv")
    assert claims.loc[claims["surface"] == "18,600", "place"].tolist() == ["gaza"]
    row = comparison[comparison["surface"] == "18,600"].iloc[0]
    # issue 4's sample expectation: 18,787 on 2023-12-14, agrees on its day, lag +1 (18,608 the day before)
    assert (row["reference_value"], bool(row["agrees_on_day"]), row["lag_days"]) == (18787, True, 1)
    dating = pd.read_csv(sample_report / "tables" / "dating.csv")
    assert dating["article_id"].tolist() == ["000_ac6a83ea76d8dca2"]


def test_index_links_every_notebook_and_shows_headlines(sample_report):
    index = (sample_report / "index.html").read_text(encoding="utf-8")
    for name in RUN_ORDER:
        assert f'href="{name}.html"' in index
    assert "<td>articles</td><td>2</td>" in index
    # headlines keep the order the notebook gave them
    assert index.index("<td>casualty figures</td>") < index.index("<td>articles with a figure</td>")
    assert 'href="manifest.json"' in index
    for png in (sample_report / "charts").glob("*.png"):
        assert f'src="charts/{png.name}"' in index


def test_manifest(sample_report):
    manifest = json.loads((sample_report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["notebooks"] == list(RUN_ORDER)
    sample_files = sorted(p for p in SAMPLE_DIR.iterdir() if p.is_file())
    recorded = {entry["path"]: entry["sha256"] for entry in manifest["inputs"]}
    for path in sample_files:
        assert recorded[str(path.relative_to(PROJECT_DIR))] == _sha256(path)
    assert "data/reference/techforpalestine_daily.csv" in recorded
    assert manifest["parameters"]["corpus_path"] == "data/raw/sample"
    assert "report_dir" not in manifest["parameters"]
    assert manifest["seeds"]["seed"] == 0
    assert manifest["python"].count(".") == 2
    assert manifest["packages"]["papermill"] and manifest["packages"]["pandas"]
    assert set(manifest["git"]) == {"commit", "dirty"}
    assert manifest["kernel"] == "newskit"
    for relative, digest in manifest["outputs"].items():
        assert _sha256(sample_report / relative) == digest, relative
    assert manifest["run"]["seconds_total"] > 0
    assert set(manifest["run"]["seconds_per_notebook"]) >= set(RUN_ORDER)
    # wall-clock times only in the run section
    outside_run = json.dumps({k: v for k, v in manifest.items() if k != "run"})
    assert not RE_TIMESTAMP.search(outside_run)
    assert "seconds" not in outside_run


def test_charts_with_too_little_data_are_sentences_on_the_page_in_the_manifest_and_index(sample_report):
    # the sample has 1 lagged claim, one outlet ("unknown"), dated units in one month, no West Bank claim
    charts = sample_report / "charts"
    not_drawn = {"bounds_by_outlet", "daily_increase", "discrepancies", "lag_by_outlet", "rounding_by_outlet",
                 "timeline_killed_west_bank", "topic_prevalence_month"}
    assert {p.name.split(".")[0] for p in charts.glob("*.not_drawn.txt")} == not_drawn
    assert {p.stem for p in charts.glob("*.png")} == {p.stem for p in charts.glob("*.csv")} == {
        "claims_by_source_type", "passages_per_article", "timeline_killed", "topic_map", "topic_terms"}
    manifest = json.loads((sample_report / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["charts_not_drawn"]) == not_drawn
    lag = manifest["charts_not_drawn"]["lag_by_outlet"]
    assert "because there is 1 compared claim with a lag, at lag 1; a histogram needs at least 5" in lag
    assert "charts/lag_by_outlet.not_drawn.txt" in manifest["outputs"]
    page = (sample_report / "03-figure-statistics.html").read_text(encoding="utf-8")
    assert lag in html.unescape(page) and 'class="chart-not-drawn"' in page
    assert "charts/lag_by_outlet.csv" not in page
    topics_page = (sample_report / "04-topics.html").read_text(encoding="utf-8")
    assert ("all 15 dated units fall in one month (2023-12); a chart over time needs dated units in at least 2 "
            "different months") in topics_page
    index = (sample_report / "index.html").read_text(encoding="utf-8")
    assert f"<li>lag_by_outlet: {lag}" in html.unescape(index)


def test_two_runs_give_identical_outputs(sample_runs):
    """Also the executed notebooks: a kernel reused for the next notebook gives what a new one gives."""
    first, second = sample_runs
    suffixes = (".csv", ".png", ".html", ".ipynb")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and p.suffix in suffixes)
    assert any(str(f).startswith("charts/") for f in files) and any(str(f).startswith("tables/") for f in files)
    assert any(str(f).startswith("notebooks/") for f in files)
    assert sorted(p.relative_to(second) for p in second.rglob("*") if p.suffix in suffixes) == files
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative
    manifests = [json.loads((run / "manifest.json").read_text(encoding="utf-8")) for run in (first, second)]
    for manifest in manifests:
        manifest.pop("run")
        manifest.pop("git")  # other engineers commit to this checkout between the two runs
    assert manifests[0] == manifests[1]


def test_a_report_leaves_no_kernel_running(sample_runs):
    """The kernels are stopped when run_report returns, also those stopped while the last notebook ran."""
    import psutil

    kernels = [p for p in psutil.Process().children(recursive=True)
               if p.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(p.cmdline())]
    assert kernels == []


def test_saved_notebooks_hold_no_timings_or_build_paths(sample_report):
    for name in RUN_ORDER:
        text = (sample_report / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        assert not RE_TIMESTAMP.search(text), name
        assert ".building-" not in text, name
        assert '"duration"' not in text, name


def test_html_is_offline_and_hides_code(sample_report):
    for path in sample_report.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        # scripts are inline (the claims explorer's, embedded from the itables wheel): none is fetched
        assert not re.search(r"<script[^>]*\bsrc\s*=", page), path.name
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), path.name
        assert "<link" not in page, path.name
        assert "check_notebook_params" not in page, path.name  # code cells are hidden


def test_pages_are_nbconvert_pages_less_its_beautifulsoup_pass(sample_report):
    """PageExporter skips nbconvert's last pass (BeautifulSoup adds alt texts and tabindex, then writes the
    page out again): given a page of the kit, that pass writes out nbconvert's page byte for byte."""
    import nbformat
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from newskit.report.render import export_page, page_exporter, render_html

    for path in sorted((sample_report / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        page = render_html(notebook)
        assert 'tabindex="0"' in page, path.name
        theirs = export_page(page_exporter(HTMLExporter), notebook)
        assert str(BeautifulSoup(page, features="html.parser")) == theirs, path.name
    # inputs shown, a div whose class is not its first attribute, and images without alt text (a chart
    # the kit shows always has one), one with a ">" inside a quoted attribute
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    cell = nbformat.v4.new_code_cell("print('a < b')", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="a < b\n"),
        nbformat.v4.new_output("display_data", data={"image/png": png}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "void 0;"}),
    ])
    markdown = nbformat.v4.new_markdown_cell("# T\n![x](a.png) <img src='b.png'> <IMG title=\"1>0\" src=c.png>")
    notebook = nbformat.v4.new_notebook(cells=[markdown, cell])
    page = export_page(page_exporter(hide_code=False), notebook)
    assert page.count("No description has been provided for this image") == 3  # the output's, b.png, c.png
    assert re.search(r'<div id="[^"]+" class="jp-RenderedJavaScript jp-OutputArea-output "[^>]* tabindex="0">', page)
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # a JavaScript output's id
    theirs = export_page(page_exporter(HTMLExporter, hide_code=False), notebook)
    assert uuid.sub("id", str(BeautifulSoup(page, features="html.parser"))) == uuid.sub("id", theirs)


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory) -> Path:
    """The corpus and claims notebooks on an article, a title and a parameter that all hold markup."""
    corpus = tmp_path_factory.mktemp("hostile_corpus")
    (corpus / "x1.txt").write_text(
        'Officials said <script>alert("boom")</script> 12 people were killed & 30 injured.\n\n'
        "A second paragraph <img src=x onerror=alert(1)> about the strike.\n",
        encoding="utf-8",
    )
    (corpus / "notes.docx").write_bytes(b"a stray file: the corpus warning names it")
    (corpus / "metadata.csv").write_text(
        'file,title,outlet\nx1.txt,"<b>Title</b> <script>evil()</script>",=HYPERLINK("http://x")\n', encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("hostile") / "report"
    return run_report(
        corpus=corpus,
        out_dir=out,
        overrides=["title=<script>t()</script> & co"],
        notebooks=["01-corpus", "02-casualty-figures"],
        progress=False,
    )


def test_article_text_titles_and_parameters_are_escaped(hostile_report):
    pages = {p.name: p.read_text(encoding="utf-8") for p in hostile_report.glob("*.html")}
    assert set(pages) == {"01-corpus.html", "02-casualty-figures.html", "index.html"}
    for name, page in pages.items():
        for planted in ('<script>alert("boom")', "<script>evil()", "<script>t()"):
            assert planted not in page, name  # the page's own scripts are the kit's, never the corpus's
        assert "<img src=x" not in page, name
        assert "<b>Title</b>" not in page, name
    corpus_page = pages["01-corpus.html"]
    assert "&lt;script&gt;alert(&quot;boom&quot;)&lt;/script&gt; 12 people were killed &amp; 30" in corpus_page
    assert "&lt;b&gt;Title&lt;/b&gt;" in corpus_page
    assert "&lt;script&gt;t()&lt;/script&gt; &amp; co" in pages["index.html"]
    # the evidence sentence, with the figure marked and the markup around it escaped
    claims_page = pages["02-casualty-figures.html"]
    assert "&lt;script&gt;alert(&quot;boom&quot;)&lt;/script&gt; <mark>12</mark> people" in claims_page


def test_csv_cells_a_spreadsheet_would_run_are_escaped_and_read_back_exactly(hostile_report):
    rows = [line for line in (hostile_report / "tables").glob("*.csv") for line in line.read_text().splitlines()]
    assert any(',"\'=HYPERLINK(""http://x"")",' in row for row in rows)
    assert not any(',"=HYPERLINK' in row or ",=HYPERLINK" in row for row in rows)
    claims = read_table("claims", report_dir=str(hostile_report))
    assert set(claims["outlet"]) == {'=HYPERLINK("http://x")'}


def test_pages_publish_no_absolute_path_of_this_machine(hostile_report):
    corpus_dir = next(p for p in hostile_report.parent.parent.glob("hostile_corpus*") if not p.is_symlink())
    for page in hostile_report.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert str(corpus_dir.parent) not in text, page.name
        assert str(PROJECT_DIR) not in text, page.name
    corpus_page = (hostile_report / "01-corpus.html").read_text(encoding="utf-8")
    assert f"corpus folder {corpus_dir.name}: ignored" in corpus_page


def test_a_failed_run_names_notebook_and_cell_and_keeps_the_previous_report(tmp_path):
    target = tmp_path / "report"
    target.mkdir()
    (target / "index.html").write_text("previous report", encoding="utf-8")
    manifest = {"newskit": "0.1.0", "outputs": {"index.html": "0" * 64}}
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    empty_corpus = tmp_path / "empty"
    empty_corpus.mkdir()
    with pytest.raises(ReportError) as raised:
        run_report(corpus=empty_corpus, out_dir=target, notebooks=["01-corpus"], progress=False)
    message = str(raised.value)
    assert "notebook 01-corpus failed in cell In [" in message
    assert "load_stages" in message
    assert "CorpusError" in message and "holds no .txt files" in message
    assert (target / "index.html").read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "report"]  # no build folder left


def _kernels_of_this_process() -> list[int]:
    """Process ids of the ipykernel processes this process started (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and b"ipykernel" in command:
            found.append(int(entry.name))
    return found


def test_an_interrupted_run_stops_its_kernels_and_keeps_the_previous_report(tmp_path, monkeypatch):
    """Ctrl-C while the stages are computed (here: the corpus stages given, 01-corpus running or about
    to, then KeyboardInterrupt): the error comes through, the previous report stays, no kernel is left."""
    import time

    from newskit.report import runner

    target = tmp_path / "report"
    target.mkdir()
    (target / "index.html").write_text("previous report", encoding="utf-8")
    manifest = {"newskit": "0.1.0", "outputs": {"index.html": "0" * 64}}
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    compute = runner.compute_stages

    def interrupted(values, names, ready=None):
        compute(values, ["01-corpus"], ready=lambda stage: ready(stage) if stage != "claims" else None)
        time.sleep(2)
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "compute_stages", interrupted)
    monkeypatch.setenv("NEWSKIT_STAGE_DIR", str(tmp_path / "stages"))
    with pytest.raises(KeyboardInterrupt):
        run_report(out_dir=target, progress=False)
    assert (target / "index.html").read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report", "stages"]  # no build folder left
    assert _kernels_of_this_process() == []


def test_bad_parameter_fails_before_any_work(tmp_path):
    with pytest.raises(ParameterError, match="valid parameters"):
        run_report(out_dir=tmp_path / "r", overrides=["n_topics=abc"], progress=False)
    with pytest.raises(ReportError, match="no notebook"):
        run_report(out_dir=tmp_path / "r", notebooks=["05-nothing"], progress=False)
    assert list(tmp_path.iterdir()) == []


def test_compare_manifests_finds_only_real_differences(sample_runs, tmp_path):
    first, second = sample_runs
    lines = compare_manifests(first / "manifest.json", second / "manifest.json")
    assert [line for line in lines if not line.startswith("git:")] == []  # others commit between runs here
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    manifest["outputs"]["tables/claims.csv"] = "0" * 64
    manifest["parameters"]["seed"] = 1
    changed = tmp_path / "manifest.json"
    changed.write_text(json.dumps(manifest), encoding="utf-8")
    lines = [line for line in compare_manifests(first / "manifest.json", changed) if not line.startswith("git:")]
    assert lines[0].startswith("parameters: ")
    assert lines[1:] == ["output tables/claims.csv: differs"]


def test_stages_are_computed_once_per_report_and_reused_by_the_next_run(tmp_path, monkeypatch):
    from newskit.pipeline import STAGE_DIR_VARIABLE, STAGE_LOG_NAME, STAGES

    monkeypatch.setenv(STAGE_DIR_VARIABLE, str(tmp_path / "stages"))
    log_path = tmp_path / "stages" / STAGE_LOG_NAME

    def actions() -> list[tuple[str, str]]:
        return [(line.split()[1], line.split()[2].split("-")[0]) for line in log_path.read_text().splitlines()]

    names = ["01-corpus", "03-figure-statistics"]
    run_report(out_dir=tmp_path / "first", notebooks=names, progress=False)
    first = actions()
    assert [stage for action, stage in first if action == "computed"] == list(STAGES)  # by the runner, once
    # by the notebooks, each once the stages it reads are there: 01 reads the corpus stages, 03 the claims
    # (two at a time, while the runner computes the next stages, so the lines interleave)
    reused = sorted(stage for action, stage in first if action == "reused")
    assert reused == ["articles", "claims", "passages", "removals"]
    assert len(first) == len(STAGES) + len(reused)
    run_report(out_dir=tmp_path / "second", notebooks=names, progress=False)
    assert all(action == "reused" for action, _ in actions()[len(first):])
    for folder in ("tables", "charts"):
        for path in sorted((tmp_path / "first" / folder).iterdir()):
            assert path.read_bytes() == (tmp_path / "second" / folder / path.name).read_bytes(), path.name


def test_each_notebook_waits_for_the_stages_it_reads_and_only_those():
    """order.NOTEBOOK_STAGES, which the runner waits for before starting a notebook, names the stages each
    notebook's code reads (pipeline.load_stages names; load_topic_stage is "topics")."""
    import nbformat

    from newskit.report.order import NOTEBOOK_STAGES

    assert set(NOTEBOOK_STAGES) == set(RUN_ORDER)
    for name in RUN_ORDER:
        code = "\n".join(c.source for c in nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4).cells
                         if c.cell_type == "code")
        calls = re.findall(r"load_stages\(p, ([^)]*)\)", code)
        read = {stage for call in calls for stage in re.findall(r'"(\w+)"', call)}
        if "load_topic_stage(" in code:
            read.add("topics")
        assert set(NOTEBOOK_STAGES[name]) == read, name


@pytest.mark.parametrize("name", RUN_ORDER)
def test_a_notebooks_imports_leave_out_the_heavy_libraries_its_kernel_does_not_need(name):
    """What a kernel imports for a notebook (what the runner prewarms) pulls in no SciPy, scikit-learn,
    NLTK or Dask: the stages are computed by the runner, and those libraries load only for a step that
    computes with them (a notebook opened alone with no stage file)."""
    import subprocess
    import sys

    from newskit.report.runner import _import_code, notebook_imports

    heavy = ("scipy", "sklearn", "nltk", "dask", "distributed")
    code = _import_code(notebook_imports(NOTEBOOKS_DIR / f"{name}.ipynb"))  # what the runner's kernel runs
    code += f"import sys\nprint(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", (name, result.stdout)


def test_a_reviews_file_changes_the_claims_statistics_and_index_and_keeps_the_raw_extraction(tmp_path):
    reviews_path = tmp_path / "reviews.csv"
    reviews_path.write_text(
        "article_id,start,surface,field,value,reviewer,note\n"
        "002_da15ff6bf3766d8c,199,10,scope,incident,ann,one ambush\n"
        "002_da15ff6bf3766d8c,60,116,figure,not_a_figure,ann,alive: not a casualty\n"
        "002_da15ff6bf3766d8c,9999,7,scope,period,ann,a claim that does not exist\n",
        encoding="utf-8",
    )
    out = run_report(out_dir=tmp_path / "report", overrides=[f"reviews_path={reviews_path}"],
                     notebooks=["01-corpus", "02-casualty-figures", "03-figure-statistics"], progress=False)
    claims = read_table("claims", report_dir=str(out))
    ten = claims[(claims["surface"].astype(str) == "10") & (claims["start"] == 199)].iloc[0]
    assert (ten["scope"], ten["extracted_scope"], bool(ten["reviewed"])) == ("incident", "period", True)
    alive = claims[(claims["surface"].astype(str) == "116")].iloc[0]
    assert bool(alive["not_a_figure"]) and alive["scope"] == "cumulative"  # the row stays, for audit
    assert len(claims) == 11  # every extracted row is still in the claims table
    unmatched = read_table("unmatched_reviews", report_dir=str(out))
    assert list(unmatched["start"]) == [9999]
    by_outcome = read_table("claims_by_outcome_group", report_dir=str(out))
    hostages = by_outcome[(by_outcome["outcome"] == "hostage") & (by_outcome["group"] == "hostages")]
    assert int(hostages["n"].iloc[0]) == 1  # the 135 held; the 116 marked not a figure is not counted
    index = (out / "index.html").read_text(encoding="utf-8")
    for headline in ("figures corrected by a reviewer</td><td>1<", "rows a reviewer marked not a figure</td><td>1<",
                     "reviews that match no claim</td><td>1<", "casualty figures</td><td>10<"):
        assert headline in index, headline


def test_each_notebook_page_is_titled_by_its_heading(sample_report):
    titles = {
        p.name: re.search(r"<title>(.*?)</title>", p.read_text(encoding="utf-8")).group(1)
        for p in sample_report.glob("0*.html")
    }
    assert titles["02-casualty-figures.html"] == "02 · Casualty figures as claims"
    assert titles["01-corpus.html"].startswith("01 · ")
    assert "Notebook" not in titles.values()


# --- navigation, headline claims, notices, parameters in use, a step with too little data (issue 15) ---

RE_NAV = re.compile(r'<nav class="newskit-nav"[^>]*>(.*?)</nav>', re.S)
RE_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.S)
RE_HREF = re.compile(r'href="([^"#]+)"')
# A date, then an interval, then the year: the word "tables/" in a path names the report's tables folder.
RE_OUTPUT_NAME = re.compile(r"(?:tables|charts)/[A-Za-z0-9_.-]+\.csv")


def test_every_page_links_the_index_and_its_neighbours(sample_report):
    reading = ["index", "00-summary", "01-corpus", "02-casualty-figures", "03-figure-statistics", "04-topics"]
    for at, name in enumerate(reading):
        page = (sample_report / f"{name}.html").read_text(encoding="utf-8")
        bars = RE_NAV.findall(page)
        assert len(bars) == 2, name  # top and bottom
        hrefs = RE_HREF.findall(bars[0])
        expected = ([] if name == "index" else ["index.html"]) + [
            f"{neighbour}.html" for neighbour in reading[max(at - 1, 1) : at + 2] if neighbour not in (name, "index")
        ]
        assert hrefs == expected, name
        assert page.index(bars[0]) < page.index("<h1")  # the bar comes before the page's title


def test_table_and_chart_csvs_named_on_pages_are_links_that_resolve(sample_report):
    for path in sample_report.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        without_links = RE_LINK.sub("", page)
        text = re.sub(r"<[^>]+>", " ", without_links)  # tags (and their attributes) out: the text a reader sees
        assert RE_OUTPUT_NAME.findall(text) == [], path.name
        for href in RE_HREF.findall(page):
            if not href.startswith(("http:", "https:", "data:")):
                assert (sample_report / href).is_file(), f"{path.name}: {href}"
    claims_page = (sample_report / "02-casualty-figures.html").read_text(encoding="utf-8")
    assert 'all in <a href="tables/claims.csv">tables/claims.csv</a>' in claims_page
    statistics_page = (sample_report / "03-figure-statistics.html").read_text(encoding="utf-8")
    assert 'Numbers drawn: <a href="charts/timeline_killed.csv">charts/timeline_killed.csv</a>' in statistics_page


def test_index_leads_with_the_headline_claims_and_their_evidence(sample_report):
    index = (sample_report / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", index))
    assert index.index("Headline claims") < index.index("Headline numbers") < index.index("Pages, in reading order")
    # data/raw/sample/002: "More than 18,600 Palestinians have now been killed in the strip since Israel
    # launched its assault, according to Gaza health authorities." (dated 2023-12-14 by metadata.csv)
    evidence = ("More than <mark>18,600</mark> Palestinians have now been killed in the strip since Israel "
                "launched its assault, according to Gaza health authorities.")
    assert index.count(evidence) == 2  # latest official toll, and the agreement example
    assert "(outlet not given) , 2023-12-14: 18,600 (palestinians killed, gaza), according to Gaza health " \
           "authorities (health_ministry)" in text
    # 18,787 killed in Gaza on 2023-12-14 in the Tech for Palestine series; the claim's interval [18,600, inf)
    assert "100% (1 of 1) of the running totals compared" in text
    assert "the series gives 18,787 on 2023-12-14; agrees on its day: yes" in text
    assert "No two articles give different values for one quantity." in text  # the sample has no discrepancy
    assert not re.search(r"\d\.\d{5,}", text)  # no raw floats such as 0.181818


def test_warnings_on_pages_are_sentences_with_the_developer_detail_folded(sample_report):
    from newskit.report.notices import warning_notice

    notice = warning_notice("no usable date in row 3: pass dates as 2024-01-31", UserWarning,
                            str(PROJECT_DIR / "src" / "newskit" / "corpus.py"), 12)
    assert notice.startswith('<div class="newskit-notice" role="note"><p>No usable date in row 3: pass dates as '
                             "2024-01-31. The run went on; this page shows what could be computed.</p>")
    assert "<details><summary>Details for developers</summary><pre>UserWarning at src/newskit/corpus.py:12\n" in notice
    for path in sample_report.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert not re.search(r'class="muted">\w*Warning:', page), path.name  # the old bare developer line
        for block in re.findall(r"<details>.*?</details>", page, re.S):
            assert str(PROJECT_DIR) not in block, path.name


def test_the_index_lists_each_parameter_with_its_value_and_where_it_came_from(sample_report):
    index = (sample_report / "index.html").read_text(encoding="utf-8")
    assert '<tr><td>topic_candidates</td><td>[2, 3, 4]</td><td>params file sample.yaml</td></tr>' in index
    assert "<tr><td>reviews_path</td><td>null</td><td>default</td></tr>" in index  # not in params/sample.yaml


def test_parameter_sources_name_default_file_corpus_and_p(tmp_path):
    from newskit.params import parameter_sources

    params_path = tmp_path / "mine.yaml"
    params_path.write_text("title: Mine\nseed: 4\n", encoding="utf-8")
    sources = parameter_sources(params_path, corpus=tmp_path, overrides=["seed=5", "n_topics=3"])
    assert (sources["title"], sources["seed"], sources["n_topics"]) == ("params file mine.yaml", "-p", "-p")
    assert (sources["corpus_path"], sources["engine"]) == ("--corpus", "default")
    assert "report_dir" not in sources  # set by the runner, never by a user


def test_latest_official_tolls_take_the_latest_day_per_outlet_and_place():
    import pandas as pd

    from newskit.report.summaries import latest_official_tolls

    base = {"unit": "people", "outcome": "killed", "scope": "cumulative", "parent": None, "as_of": None,
            "place": "gaza", "source_type": "health_ministry", "not_a_figure": False}
    rows = [
        {"article_id": "a1", "start": 5, "outlet": "Post", "published": "2024-01-02", "value": 100},
        {"article_id": "a2", "start": 9, "outlet": "Post", "published": "2024-01-05", "value": 90},  # latest day
        {"article_id": "a2", "start": 1, "outlet": "Post", "published": "2024-01-05", "value": 80,
         "source_type": "none"},  # not official
        {"article_id": "a3", "start": 1, "outlet": "Post", "published": "2024-01-09", "value": 120,
         "not_a_figure": True},  # a reviewer: not a figure
        {"article_id": "a4", "start": 1, "outlet": "Post", "published": "2024-01-09", "value": 50,
         "parent": "a4-p1:0"},  # a subset of another figure
        {"article_id": "a5", "start": 3, "outlet": "Post", "published": "2024-01-01", "value": 70,
         "as_of": "2024-01-06"},  # as_of wins over published: the latest
        {"article_id": "a6", "start": 2, "outlet": "Globe", "published": None, "value": 60},  # undated only
        {"article_id": "a7", "start": 2, "outlet": "Globe", "published": "2024-01-03", "value": 65,
         "place": "west_bank", "source_type": "un"},
        {"article_id": "a8", "start": 2, "outlet": "Globe", "published": "2024-01-04", "value": 9,
         "place": "west_bank", "group": "medical_workers"},  # not a whole population
    ]
    claims = pd.DataFrame([{"group": "palestinians"} | base | row for row in rows])
    tolls = latest_official_tolls(claims)
    assert tolls[["outlet", "place", "article_id"]].values.tolist() == [
        ["Globe", "gaza", "a6"], ["Globe", "west_bank", "a7"], ["Post", "gaza", "a5"]]


def test_widest_discrepancies_and_agreement_on_day():
    import pandas as pd

    from newskit.report.summaries import agreement_on_day, widest_discrepancies

    discrepancies = pd.DataFrame({
        "discrepancy_id": [1, 1, 1, 2, 2],
        "value": [100, 130, 110, 1000, 3000],  # group 1 spans x1.3, group 2 x3
        "article_id": ["a", "b", "c", "d", "e"],
    })
    groups = widest_discrepancies(discrepancies, n=2)
    assert [g["article_id"].tolist() for g in groups] == [["d", "e"], ["a", "b"]]
    comparison = pd.DataFrame({
        "status": ["compared", "compared", "compared", "no_series"],
        "agrees_on_day": [True, False, True, None],
        "article_id": ["a", "b", "c", "d"], "passage_id": ["a-p1", "b-p1", "c-p1", "d-p1"],
        "surface": ["10", "20", "30", "40"],
    })
    claims = comparison[["article_id", "passage_id", "surface"]].assign(
        source=["x", "y", "z", "w"], sentence=["s10", "s20", "s30", "s40"])
    agreeing, compared, examples = agreement_on_day(comparison, claims, n=2)
    assert (agreeing, compared) == (2, 3)
    assert examples[["surface", "sentence", "source"]].values.tolist() == [["20", "s20", "y"], ["10", "s10", "x"]]


@pytest.fixture(scope="module")
def small_corpus_report(tmp_path_factory) -> tuple[Path, list]:
    """The whole report on two one-sentence articles: too few passages for topics."""
    corpus = tmp_path_factory.mktemp("two_articles")
    (corpus / "2024-01-02_a.txt").write_text("Gaza health officials said 20 people were killed on Monday.\n",
                                             encoding="utf-8")
    (corpus / "2024-01-03_b.txt").write_text("At least 5 soldiers were injured in the attack, the army said.\n",
                                             encoding="utf-8")
    from newskit.errors import NewskitWarning

    with pytest.warns(NewskitWarning) as warned:
        out = run_report(corpus=corpus, out_dir=tmp_path_factory.mktemp("small") / "report", progress=False)
    return out, [str(w.message) for w in warned if issubclass(w.category, NewskitWarning)]


def test_a_step_without_enough_data_shows_why_and_the_report_completes(small_corpus_report):
    out, warned = small_corpus_report
    assert any("notebook 04-topics did not run on this corpus: there are too few passages" in w for w in warned)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["not_run"]) == ["04-topics"]
    assert manifest["not_run"]["04-topics"]["error"].startswith("TooFewTextsError: ")
    assert manifest["notebooks"] == list(RUN_ORDER)
    for name in ("01-corpus", "02-casualty-figures", "03-figure-statistics", "00-summary"):
        executed = json.loads((out / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        outputs = [o for c in executed["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
        assert [o for o in outputs if o.get("output_type") == "error"] == [], name
    claims = read_table("claims", report_dir=str(out))
    assert sorted(claims["surface"].astype(str)) == ["20", "5"]
    topics_page = (out / "04-topics.html").read_text(encoding="utf-8")
    assert "This step did not run on this corpus: there are too few passages with enough distinct words" in topics_page
    assert "<summary>Details for developers</summary><pre>04-topics stopped with TooFewTextsError: " in topics_page
    assert "Traceback" not in topics_page and "papermill" not in topics_page.lower()
    assert "Prevalence over time" not in topics_page  # the cells that never ran are not shown
    summary_page = (out / "00-summary.html").read_text(encoding="utf-8")
    assert ("Not in this report: 04-topics did not run on this corpus (its page says why), so the table "
            "topic_candidates was not made.") in summary_page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "04-topics did not run on this corpus: there are too few passages" in index
    assert '<a href="04-topics.html">04-topics</a>: What does the coverage talk about' in index
    assert "<strong>Did not run on this corpus.</strong>" in index


def test_a_not_enough_data_error_is_told_apart_from_a_bug():
    from newskit.errors import NotEnoughDataError, TooFewTextsError, TopicModelError
    from newskit.report.runner import not_enough_data_advice

    assert issubclass(TooFewTextsError, TopicModelError) and issubclass(TooFewTextsError, NotEnoughDataError)
    assert not_enough_data_advice("NotEnoughDataError") == NotEnoughDataError.advice
    for bug in ("TopicModelError", "KeyError", "ReportError", "CellExecutionError"):
        assert not_enough_data_advice(bug) is None, bug


def test_reset_notebook_state_gives_the_next_notebook_of_a_kernel_what_a_new_kernel_gives():
    """What the runner runs when a kernel moves on: tables numbered from 1, warnings printed, and a
    warning already shown once (Python's default) shown again."""
    import warnings

    from newskit.report import display

    def warn_here() -> None:
        warnings.warn("a warning given from one place", UserWarning, stacklevel=1)

    first_id = display._table_id("claims")
    assert display._table_id("claims") != first_id
    shown: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        display.show_warnings_inline()
        assert warnings.showwarning is not display._SHOWWARNING_AT_IMPORT
        warnings.showwarning = lambda message, *args, **kwargs: shown.append(str(message))
        warn_here()
        warn_here()
        assert shown == ["a warning given from one place"]  # once per place: the second is not shown
        display.reset_notebook_state()
        assert warnings.showwarning is display._SHOWWARNING_AT_IMPORT
        warnings.showwarning = lambda message, *args, **kwargs: shown.append(str(message))
        warn_here()
    assert shown == ["a warning given from one place"] * 2
    assert display._table_id("claims") == "nk-claims-1"
