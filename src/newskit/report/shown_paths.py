"""Paths as a report shows them: relative to the project, never this machine's absolute paths."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newskit.params import PARAMETERS
from newskit.paths import PROJECT_DIR


def display_path(path: str | Path) -> str:
    """A path as a report shows it: relative to the project (``../shared/...`` beside it), else absolute."""
    path = Path(path).resolve()
    if path.is_relative_to(PROJECT_DIR.parent):
        return os.path.relpath(path, PROJECT_DIR)
    return str(path)


def private_prefixes(values: Mapping[str, Any], build_dir: Path) -> list[tuple[str, str]]:
    """Absolute path prefixes a report page must not publish, each with what it shows instead.

    The build folder and the project become relative paths, the folder above an input outside the
    project is dropped (``/home/me/corpora/gaza/3.txt`` shows as ``gaza/3.txt``), the home folder
    becomes ``~``. Longest prefix first, so the most specific wins.
    """
    pairs = {str(build_dir.resolve()): ".", str(PROJECT_DIR): "."}
    for name, parameter in PARAMETERS.items():
        if parameter.kind == "path" and values.get(name):
            path = Path(values[name]).resolve()
            if not path.is_relative_to(PROJECT_DIR):
                folder = path if path.is_dir() else path.parent
                pairs.setdefault(str(folder.parent), "")
    pairs.setdefault(str(Path.home()), "~")
    return sorted(((p, r) for p, r in pairs.items() if p not in ("/", "")), key=lambda pair: -len(pair[0]))


def redact_paths(text: str, prefixes: Iterable[tuple[str, str]]) -> str:
    """``text`` with each absolute ``prefix/`` written as its replacement (see :func:`private_prefixes`).

    >>> redact_paths("file /home/me/corpora/gaza/3.txt: not UTF-8", [("/home/me/corpora", "")])
    'file gaza/3.txt: not UTF-8'
    """
    for prefix, replacement in prefixes:
        text = text.replace(prefix + "/", replacement + "/" if replacement else "")
        text = text.replace(prefix, replacement or ".")
    return text


def portable_value(name: str, value: Any) -> Any:
    """A parameter's value as a report shows it: a path relative to the project (:func:`display_path`)."""
    if name in PARAMETERS and PARAMETERS[name].kind == "path" and value is not None:
        return display_path(value)
    return value
