"""Notebooks stay thin, paired and output-free (the checks behind ``make lint``).

Running every notebook under papermill is in tests/test_report.py (one sample report per session).
"""

from __future__ import annotations

import json

import papermill
import pytest

from newskit.notebook_checks import check_code, check_notebook, check_parameters_cell, check_paths, main
from newskit.params import NOTEBOOK_PARAMETERS
from newskit.paths import NOTEBOOKS_DIR


def test_the_project_notebooks_pass_every_check():
    assert check_paths([str(NOTEBOOKS_DIR)]) == []
    assert main([str(NOTEBOOKS_DIR)]) == 0


@pytest.mark.parametrize("notebook_path", sorted(NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.stem)
def test_papermill_sees_the_schema_parameters(notebook_path):
    """papermill must parse every line of the parameters cell, or it warns and ignores an override."""
    seen = papermill.inspect_notebook(str(notebook_path))
    assert sorted(seen) == sorted(NOTEBOOK_PARAMETERS[notebook_path.stem])


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("def f(x):\n    return x\n", "a function definition"),
        ("class A:\n    pass\n", "a class definition"),
        ("key = lambda row: row[0]\n", "a lambda"),
        ("for article in articles:\n    print(article)\n", "a loop"),
        ("while True:\n    break\n", "a loop"),
        ("ids = [a for a in articles]\n", "a loop (comprehension)"),
        ("import re\n", "imports re"),
        ("from pathlib import Path\n", "imports pathlib"),
        ("import sys\nsys.path.insert(0, '../src')\n", "imports sys"),
        ("import os.path\n", "imports os.path"),
        ("x = (\n", "does not parse"),
    ],
)
def test_code_that_belongs_in_the_library_is_flagged(source, problem):
    problems = check_code(source, where="nb: cell 3")
    assert any(problem in p for p in problems), problems
    assert all(p.startswith("nb: cell 3") for p in problems)


@pytest.mark.parametrize(
    "source",
    [
        "from newskit import report\nreport.show_table(claims, 'claims', report_dir=p.report_dir)\n",
        "claims = claims_table(passages, articles)\nclaims['outcome'].value_counts()\n",
        "%matplotlib inline\nx = 1\n",
    ],
)
def test_thin_code_passes(source):
    assert check_code(source, where="nb: cell 3") == []


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (
            "title = 'x'  # the title\nn_rows_shown = 2 * 10  # rows\nreport_dir = ''  # out\n",
            "is not a plain literal",
        ),
        ("title = 'x'\nn_rows_shown = 20  # rows\nreport_dir = ''  # out\n", "without a comment"),
        ("title = 'x'  # t\nreport_dir = ''  # out\n", "differ from the schema"),
        (
            "title = 'x'  # t\nn_rows_shown = 20  # rows\nreport_dir = ''  # o\nextra = 1  # e\n",
            "differ from the schema",
        ),
        ("title, x = 'a', 'b'  # t\n", "may hold only `name = literal`"),
        ("print('hi')  # t\n", "may hold only `name = literal`"),
    ],
)
def test_parameters_cell_problems(source, problem):
    problems = check_parameters_cell("nb: cell 2", source, notebook_name="00-summary")
    assert any(problem in p for p in problems), problems


def test_a_good_parameters_cell_passes():
    source = "title = 'x'  # title\nn_rows_shown = 20  # rows\nreport_dir = ''  # runner sets it\n"
    assert check_parameters_cell("nb: cell 2", source, notebook_name="00-summary") == []


def _notebook(cells, kernel="newskit"):
    return json.dumps(
        {
            "cells": cells,
            "metadata": {"kernelspec": {"name": kernel, "display_name": "x", "language": "python"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def _code(source, *, tags=(), outputs=(), execution_count=None):
    return {
        "cell_type": "code",
        "source": source,
        "metadata": {"tags": list(tags)},
        "outputs": list(outputs),
        "execution_count": execution_count,
    }


PARAMETERS_CELL = _code(
    "title = 'x'  # t\nn_rows_shown = 20  # r\nreport_dir = ''  # o\n", tags=["parameters"]
)


def test_committed_outputs_and_other_notebook_problems_are_found(tmp_path):
    path = tmp_path / "00-summary.ipynb"
    (tmp_path / "00-summary.py").write_text("# twin\n")
    clean = _notebook([PARAMETERS_CELL, _code("report.show_headlines({})\n")])
    assert check_notebook(path, clean) == []
    with_output = _notebook(
        [
            PARAMETERS_CELL,
            _code(
                "1 + 1\n",
                outputs=[{"output_type": "execute_result", "data": {"text/plain": "2"}}],
                execution_count=1,
            ),
        ]
    )
    problems = check_notebook(path, with_output)
    assert any("cell 2: has outputs" in p for p in problems)
    assert any("cell 2: has an execution count" in p for p in problems)
    assert any(
        "kernel is 'python3'" in p for p in check_notebook(path, _notebook([PARAMETERS_CELL], "python3"))
    )
    assert any(
        "0 cells tagged 'parameters'" in p for p in check_notebook(path, _notebook([_code("x = 1\n")]))
    )
    assert any("not a notebook" in p for p in check_notebook(path, "{not json"))
    lonely = tmp_path / "04-topics.ipynb"
    assert any("no py:percent twin" in p for p in check_notebook(lonely, clean))


def test_lint_entry_point_fails_on_a_notebook_with_outputs(tmp_path, capsys):
    path = tmp_path / "00-summary.ipynb"
    (tmp_path / "00-summary.py").write_text("# twin\n")
    path.write_text(
        _notebook(
            [
                PARAMETERS_CELL,
                _code("1 + 1\n", outputs=[{"output_type": "stream", "name": "stdout", "text": "2"}]),
            ]
        )
    )
    assert main([str(tmp_path)]) == 1
    assert "has outputs" in capsys.readouterr().err
