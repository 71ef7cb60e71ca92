"""The manifest: inputs with sha256, parameters, seeds, versions, git state and every output's sha256.

``python -m newskit.report compare A/manifest.json B/manifest.json`` lists what differs between two
reports (:func:`compare_manifests`).
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from newskit.errors import NewskitError
from newskit.params import PARAMETERS, input_paths, read_manifest
from newskit.paths import PROJECT_DIR, sha256_file
from newskit.report.order import KERNEL_ENV, KERNEL_NAME
from newskit.report.shown_paths import display_path, portable_value

PACKAGES = (
    "newskit",
    "pandas",
    "numpy",
    "scikit-learn",
    "matplotlib",
    "nltk",
    "pyarrow",
    "papermill",
    "nbconvert",
    "nbclient",
    "nbformat",
    "jupytext",
    "ipykernel",
    "pyyaml",
    "tqdm",
    "dask",
    "distributed",
)


GIT_TIMEOUT_SECONDS = 120


def package_versions() -> dict[str, str | None]:
    """Installed versions of the packages a report depends on (None when absent)."""
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state() -> dict[str, Any]:
    """The project's git commit and whether tracked files differ from it (None outside git)."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(PROJECT_DIR), *args],
                capture_output=True,
                text=True,
                timeout=GIT_TIMEOUT_SECONDS,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def write_manifest(
    report_dir: Path,
    values: Mapping[str, Any],
    names: list[str],
    *,
    run: Mapping[str, Any],
    not_run: Mapping[str, Mapping[str, str]] | None = None,
) -> Path:
    """Write ``manifest.json``: inputs with sha256, parameters, versions, git state, seeds, outputs.

    ``not_run``: the notebooks that did not run on this corpus, each with ``advice`` and ``error``
    (``{}`` when every notebook ran). ``charts_not_drawn`` names each chart left out for too little
    data, with the sentence shown instead.

    Times are only in ``run``; everything else is the same for two runs on the same inputs. Its
    ``parameters`` section is a valid parameter file (``newskit report --params manifest.json``).
    """
    from newskit.plots.enough import charts_not_drawn

    parameters = {n: portable_value(n, v) for n, v in values.items() if not PARAMETERS[n].runner_only}
    outputs = {
        str(p.relative_to(report_dir)): sha256_file(p)
        for p in sorted(report_dir.rglob("*"))
        if p.is_file() and p.suffix in (".csv", ".png", ".html", ".txt")
    }
    manifest = {
        "newskit": metadata.version("newskit"),
        "notebooks": names,
        "not_run": {name: dict(why) for name, why in sorted((not_run or {}).items())},
        "parameters": parameters,
        "inputs": [
            {"path": display_path(p), "sha256": sha256_file(p), "bytes": p.stat().st_size} for p in input_paths(values)
        ],
        "seeds": {n: v for n, v in values.items() if n == "seed" or n.endswith("_seed")}
        | {"PYTHONHASHSEED": KERNEL_ENV["PYTHONHASHSEED"]},
        "python": platform.python_version(),
        "packages": package_versions(),
        "git": git_state(),
        "kernel": KERNEL_NAME,
        "outputs": outputs,
        "charts_not_drawn": charts_not_drawn(report_dir / "charts"),
        "run": dict(run),
    }
    path = report_dir / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def check_manifest_inputs(manifest_path: str | Path) -> list[str]:
    """Compare a manifest's input files with those on disk now; return one line per difference."""
    manifest = read_manifest(manifest_path)
    problems = []
    for entry in manifest.get("inputs", []):
        path = Path(entry["path"])
        path = path if path.is_absolute() else PROJECT_DIR / path
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
        elif sha256_file(path) != entry["sha256"]:
            problems.append(f"{entry['path']}: sha256 differs from the manifest")
    return problems


def compare_manifests(first_path: str | Path, second_path: str | Path) -> list[str]:
    """What differs between two reports, from their manifests: one line per difference.

    Compares the inputs, parameters, seeds, package and Python versions, git commit, notebooks and
    every output's sha256; the ``run`` section (times) is left out. Empty when the two reports are
    reproductions of each other.
    """
    first, second = (read_manifest(p) for p in (first_path, second_path))
    lines = []
    for section in ("notebooks", "not_run", "parameters", "seeds", "python", "packages", "git", "kernel"):
        if first.get(section) != second.get(section):
            lines.append(f"{section}: {json.dumps(first.get(section))} != {json.dumps(second.get(section))}")
    for section in ("inputs", "outputs"):
        if section == "inputs":
            a = {e["path"]: e["sha256"] for e in first.get(section, [])}
            b = {e["path"]: e["sha256"] for e in second.get(section, [])}
        else:
            a, b = first.get(section, {}), second.get(section, {})
        for path in sorted(set(a) | set(b)):
            if a.get(path) != b.get(path):
                what = "only in the second" if path not in a else "only in the first" if path not in b else "differs"
                lines.append(f"{section[:-1]} {path}: {what}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """``python -m newskit.report compare A/manifest.json B/manifest.json``: list what differs."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3 or args[0] != "compare":
        print("usage: python -m newskit.report compare FIRST/manifest.json SECOND/manifest.json", file=sys.stderr)
        return 2
    try:
        lines = compare_manifests(args[1], args[2])
    except NewskitError as error:
        print(f"newskit: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines) if lines else "the two reports are identical (apart from their run times)")
    return 1 if lines else 0


if __name__ == "__main__":
    raise SystemExit(main())
