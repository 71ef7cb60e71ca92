"""The report folder is the kit's own or nothing: what --out may be, the atomic swap, recovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newskit.errors import NewskitWarning, ReportError
from newskit.paths import PROJECT_DIR, RAW_DIR, SAMPLE_DIR
from newskit.report import run_report
from newskit.report.folder import check_out_dir, foreign_files, make_work_dir, recover, replace_folder


def _write_report(folder: Path, outputs: dict[str, str]) -> None:
    """A folder shaped like a newskit report: its files and a manifest listing them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    manifest = {"newskit": "0.1.0", "outputs": {name: "0" * 64 for name in outputs}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- what --out may be


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("", "--out is empty"),
        ("   ", "--out is empty"),
        ("/", "file-system root"),
        (str(RAW_DIR), "holds the raw data folder data/raw"),
        (str(RAW_DIR.parent), "holds the raw data folder data/raw"),
        (str(SAMPLE_DIR / "report"), "is inside data/raw"),
        (str(PROJECT_DIR), "holds the raw data folder"),
    ],
)
def test_out_dirs_that_would_destroy_data_are_refused(out, message):
    with pytest.raises(ReportError, match=message):
        check_out_dir(out)


def test_a_folder_of_the_users_files_is_refused_and_left_alone(tmp_path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.docx").write_bytes(b"my thesis")
    (thesis / "data").mkdir()
    (thesis / "data" / "survey.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    before = _snapshot(thesis)
    expected = r"holds 2 file\(s\) a newskit report did not write \(chapter1.docx, data/survey.csv\)"
    with pytest.raises(ReportError, match=expected):
        check_out_dir(thesis)
    assert _snapshot(thesis) == before


def test_an_existing_file_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    with pytest.raises(ReportError, match="is a file, not a folder"):
        check_out_dir(notes)
    assert notes.read_text(encoding="utf-8") == "keep me"


def test_the_folder_of_an_input_or_a_folder_inside_an_input_folder_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("text", encoding="utf-8")
    params = tmp_path / "params" / "mine.yaml"
    params.parent.mkdir()
    params.write_text("title: x\n", encoding="utf-8")
    inputs = [corpus, params]
    with pytest.raises(ReportError, match=f"holds the input {corpus}"):
        check_out_dir(corpus, inputs=inputs)
    with pytest.raises(ReportError, match="is inside the input"):
        check_out_dir(corpus / "report", inputs=inputs)
    with pytest.raises(ReportError, match=f"holds the input {params}"):
        check_out_dir(params.parent, inputs=inputs)
    with pytest.raises(ReportError, match="holds the input"):
        check_out_dir(tmp_path, inputs=inputs)
    assert check_out_dir(tmp_path / "reports" / "mine", inputs=inputs) == (tmp_path / "reports" / "mine").resolve()


def test_absent_empty_and_report_folders_are_accepted(tmp_path):
    assert check_out_dir(tmp_path / "new") == (tmp_path / "new").resolve()
    (tmp_path / "empty").mkdir()
    assert check_out_dir(tmp_path / "empty") == (tmp_path / "empty").resolve()
    report = tmp_path / "report"
    _write_report(report, {"index.html": "<p>old</p>", "tables/claims.csv": "a\n"})
    (report / "notebooks").mkdir()
    (report / "notebooks" / "01-corpus.ipynb").write_text("{}", encoding="utf-8")
    assert check_out_dir(report) == report.resolve()


def test_a_report_folder_with_a_file_the_report_did_not_write_is_refused(tmp_path):
    report = tmp_path / "report"
    _write_report(report, {"index.html": "<p>old</p>"})
    (report / "my-annotations.xlsx").write_bytes(b"\x00")
    assert foreign_files(report) == ["my-annotations.xlsx"]
    with pytest.raises(ReportError, match=r"my-annotations\.xlsx"):
        check_out_dir(report)


def test_a_manifest_of_something_else_does_not_make_a_report(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "manifest.json").write_text('{"name": "an npm package"}', encoding="utf-8")
    assert foreign_files(folder) == ["manifest.json"]


def test_run_report_refuses_before_any_work(tmp_path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.docx").write_bytes(b"my thesis")
    with pytest.raises(ReportError, match="did not write"):
        run_report(out_dir=thesis, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]  # no build folder either
    assert (thesis / "chapter1.docx").read_bytes() == b"my thesis"


def test_the_cli_refuses_data_raw_and_leaves_it_unchanged():
    before = _snapshot(RAW_DIR)
    done = subprocess.run(
        [sys.executable, "-m", "newskit.cli", "report", "--out", str(RAW_DIR)],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        check=False,
    )
    assert done.returncode != 0
    assert "holds the raw data folder data/raw" in done.stderr
    assert "Traceback" not in done.stderr
    assert _snapshot(RAW_DIR) == before


# --------------------------------------------------------------------------- the swap and recovery


def test_replace_folder_swaps_the_new_report_in_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "report"
    _write_report(target, {"index.html": "old"})
    build = make_work_dir(target, "building")
    (build / "index.html").write_text("new", encoding="utf-8")
    replace_folder(build, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    assert not (target / "manifest.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_work_folders_follow_the_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        build = make_work_dir(tmp_path / "report", "building")
    finally:
        os.umask(previous)
    assert build.stat().st_mode & 0o777 == 0o755


def test_recover_restores_a_report_left_only_under_an_old_name(tmp_path):
    target = tmp_path / "report"
    old = tmp_path / f".report.old-{_dead_pid()}-abcd1234"
    _write_report(old, {"index.html": "the previous report"})
    with pytest.warns(NewskitWarning, match="restored the previous report"):
        actions = recover(target)
    assert len(actions) == 1
    assert (target / "index.html").read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_recover_removes_stale_work_folders_but_not_a_running_ones(tmp_path):
    target = tmp_path / "report"
    _write_report(target, {"index.html": "current"})
    stale_build = tmp_path / f".report.building-{_dead_pid()}-00000000"
    stale_old = tmp_path / f".report.old-{_dead_pid()}-11111111"
    running = tmp_path / f".report.building-{os.getpid()}-22222222"
    for folder in (stale_build, stale_old, running):
        folder.mkdir()
    with pytest.warns(NewskitWarning, match="left by an interrupted run"):
        recover(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [running.name, "report"]
    assert (target / "index.html").read_text(encoding="utf-8") == "current"
