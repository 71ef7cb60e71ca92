"""Checks that keep notebooks thin and free of outputs (run by ``make lint``).

    python -m newskit.notebook_checks notebooks

For each ``.ipynb`` it reads the version git would commit (the index, after the nbstripout filter)
when the file is tracked, else the file itself, and reports:

- outputs or execution counts (outputs never enter git);
- a missing ``py:percent`` twin, or a kernel other than ``newskit``;
- not exactly one cell tagged ``parameters``, a parameters cell that is not plain ``name = literal``
  lines, or parameter names that differ from the notebook's schema in :mod:`newskit.params`;
- code that belongs in the library: function or class definitions, lambdas, loops, comprehensions,
  imports of ``re``, ``os``, ``sys`` or ``pathlib``.

Exits 1 when anything is found, listing every problem with its notebook and cell.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from newskit.params import NOTEBOOK_PARAMETERS

KERNEL_NAME = "newskit"
FORBIDDEN_NODES: dict[type, str] = {
    ast.FunctionDef: "a function definition",
    ast.AsyncFunctionDef: "a function definition",
    ast.ClassDef: "a class definition",
    ast.Lambda: "a lambda",
    ast.For: "a loop",
    ast.While: "a loop",
    ast.ListComp: "a loop (comprehension)",
    ast.SetComp: "a loop (comprehension)",
    ast.DictComp: "a loop (comprehension)",
    ast.GeneratorExp: "a loop (comprehension)",
}
FORBIDDEN_MODULES = ("re", "os", "sys", "pathlib", "glob", "subprocess")


def committed_text(path: Path) -> str:
    """The notebook as git would commit it (index version) when tracked, else the file on disk."""
    try:
        done = subprocess.run(
            ["git", "-C", str(path.parent), "show", f":./{path.name}"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError:
        done = None
    if done is not None and done.returncode == 0:
        return done.stdout
    return path.read_text(encoding="utf-8")


def check_notebook(path: Path, text: str | None = None) -> list[str]:
    """Every problem in one notebook, as ``"path: problem"`` lines (empty when it is clean)."""
    text = committed_text(path) if text is None else text
    try:
        notebook = json.loads(text)
    except ValueError as error:
        return [f"{path}: not a notebook (invalid JSON: {error})"]
    problems = []
    if not path.with_suffix(".py").is_file():
        problems.append(
            f"{path}: no py:percent twin {path.with_suffix('.py').name} (run `make sync-notebooks`)"
        )
    kernel = notebook.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != KERNEL_NAME:
        problems.append(f"{path}: kernel is {kernel!r}, expected {KERNEL_NAME!r}")
    parameter_cells = []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        where = f"{path}: cell {number}"
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            problems.append(
                f"{where}: has outputs (strip them: `nbstripout {path}`; `make setup` installs the filter)"
            )
        if cell.get("execution_count") is not None:
            problems.append(f"{where}: has an execution count (strip it with nbstripout)")
        source = "".join(cell.get("source", []))
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            parameter_cells.append((where, source))
        problems.extend(check_code(source, where=where))
    if len(parameter_cells) != 1:
        problems.append(f"{path}: {len(parameter_cells)} cells tagged 'parameters'; exactly one is needed")
    else:
        problems.extend(check_parameters_cell(*parameter_cells[0], notebook_name=path.stem))
    return problems


def check_code(source: str, *, where: str) -> list[str]:
    """Constructs that belong in ``src/newskit/`` rather than in a notebook cell."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError as error:
        return [f"{where}: does not parse ({error.msg}, line {error.lineno})"]
    problems = []
    for node in ast.walk(tree):
        for kind, what in FORBIDDEN_NODES.items():
            if isinstance(node, kind):
                problems.append(f"{where}, line {node.lineno}: {what}; move it into src/newskit/")
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                if module.split(".")[0] in FORBIDDEN_MODULES:
                    problems.append(
                        f"{where}, line {node.lineno}: imports {module} (paths, regexes and system calls "
                        "belong in src/newskit/)"
                    )
    return problems


def check_parameters_cell(where: str, source: str, *, notebook_name: str) -> list[str]:
    """A parameters cell holds only ``name = literal`` lines, one per schema parameter."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return [f"{where}: parameters cell does not parse ({error.msg})"]
    problems, names = [], []
    for statement in tree.body:
        target = (
            statement.targets[0]
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1
            else None
        )
        if not isinstance(target, ast.Name):
            problems.append(
                f"{where}, line {statement.lineno}: parameters cell may hold only `name = literal`"
            )
            continue
        try:
            ast.literal_eval(statement.value)
        except ValueError:
            problems.append(
                f"{where}, line {statement.lineno}: {target.id} is not a plain literal (derive values after "
                "the parameters cell, so that papermill's overrides reach them)"
            )
        names.append(target.id)
    lines = source.splitlines()
    for statement in tree.body:
        line = lines[statement.lineno - 1]
        if "#" not in line:
            problems.append(
                f"{where}, line {statement.lineno}: parameter without a comment saying what it is"
            )
    expected = NOTEBOOK_PARAMETERS.get(notebook_name)
    if expected is None:
        problems.append(f"{where}: no parameter schema for notebook {notebook_name!r} in newskit.params")
    elif sorted(names) != sorted(expected):
        problems.append(
            f"{where}: parameters {sorted(names)} differ from the schema {sorted(expected)} in newskit.params"
        )
    return problems


def check_paths(paths: list[str]) -> list[str]:
    """Check every ``.ipynb`` under the given files and folders (and that every twin has its notebook)."""
    problems: list[str] = []
    for given in paths:
        path = Path(given)
        notebooks = sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
        for notebook_path in notebooks:
            problems.extend(check_notebook(notebook_path))
        if path.is_dir():
            for twin in sorted(path.glob("*.py")):
                if not twin.with_suffix(".ipynb").is_file():
                    problems.append(
                        f"{twin}: a py:percent twin without its .ipynb (run `make sync-notebooks`)"
                    )
    return problems


def main(argv: list[str] | None = None) -> int:
    paths = (sys.argv[1:] if argv is None else argv) or ["notebooks"]
    problems = check_paths(paths)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"notebook checks: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("notebook checks: ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
