"""Report parameters: one schema per notebook, parameter files, ``key=value`` overrides, validation.

Every parameter is declared once in :data:`PARAMETERS` (name, type, default, allowed range, help);
:data:`NOTEBOOK_PARAMETERS` says which notebook takes which. Unknown names, wrong types and
out-of-range values raise :class:`~newskit.errors.ParameterError` before any work starts, with the
list of valid parameters and their types.

Parameter files are flat YAML mappings (``params/sample.yaml``), UTF-8, without anchors or aliases
(``&a`` / ``*a``: a flat file never needs them, and they let a few lines stand for gigabytes).
Report manifests are read by :func:`read_manifest`, which checks their shape. Error messages show
at most ~80 characters of a bad value. Relative paths in a parameter file
are resolved against the project directory (where ``make`` runs); relative paths given on the command
line (``--corpus``, ``-p corpus_path=...``) against the current directory.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Literal

import yaml

from newskit.errors import ParameterError, excerpt
from newskit.paths import PARAMS_DIR, PROJECT_DIR
from newskit.schema import ENGINES

Kind = Literal["int", "float", "str", "bool", "path", "mapping", "int_list"]
KIND_NAMES: dict[str, str] = {
    "int": "integer",
    "float": "number",
    "str": "text",
    "bool": "true/false",
    "path": "file or folder path",
    "mapping": "mapping of text to text, e.g. {text: Article}",
    "int_list": "list of integers",
}
DEFAULT_PARAMS_PATH = PARAMS_DIR / "sample.yaml"
ARTICLE_FIELDS = ("article_id", "outlet", "published", "title", "url", "text")
MAX_SEED = 2**32 - 1
@dataclass(frozen=True)
class Parameter:
    """One report parameter: its type, default, allowed values and a one-line help."""

    name: str
    kind: Kind
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] | None = None
    nullable: bool = False
    must_exist: bool = False
    runner_only: bool = False  # set by the runner, never by a parameter file or -p

    def describe(self) -> str:
        """``name: type [range] (default ...): help`` for error messages and ``--help`` lists."""
        kind = KIND_NAMES[self.kind]
        if self.choices:
            kind = "one of " + ", ".join(self.choices)
        if self.low is not None or self.high is not None:
            low, high = ("" if x is None else f"{x:,g}" if x % 1 else f"{int(x)}" for x in (self.low, self.high))
            kind += f"{' each' if self.kind == 'int_list' else ''} in [{low}, {high}]"
        if self.nullable:
            kind += " or null"
        return f"{self.name}: {kind} (default {self.default!r}) - {self.help}"


def _declare(*parameters: Parameter) -> dict[str, Parameter]:
    return {p.name: p for p in parameters}


PARAMETERS: dict[str, Parameter] = _declare(
    Parameter("title", "str", "newskit report", "report title shown on the index page"),
    Parameter(
        "corpus_path",
        "path",
        "data/raw/sample",
        "a folder of .txt files, or one .csv/.jsonl/.parquet file",
        must_exist=True,
    ),
    Parameter(
        "corpus_columns",
        "mapping",
        {},
        "map the kit's article fields to the file's columns, e.g. {text: Article, published: Date}",
    ),
    Parameter("corpus_encoding", "str", None, "text encoding of the corpus files (null: detect)", nullable=True),
    Parameter(
        "report_dir",
        "str",
        "",
        "folder the notebook saves tables and charts into ('' = show only)",
        runner_only=True,
    ),
    Parameter(
        "n_rows_shown",
        "int",
        20,
        "rows of each table shown in the report (tables/*.csv hold all)",
        low=1,
        high=10_000,
    ),
    Parameter("engine", "str", "local", "how per-article work runs", choices=ENGINES),
    Parameter(
        "scheduler",
        "str",
        None,
        "address of an existing Dask scheduler for engine dask, e.g. tcp://host:8786 (null: a local cluster)",
        nullable=True,
    ),
    Parameter(
        "vocabulary_path",
        "path",
        None,
        "a vocabulary YAML file merged over the extractor's default word lists (null: the default)",
        nullable=True,
        must_exist=True,
    ),
    Parameter(
        "reviews_path",
        "path",
        None,
        "a reviews CSV of reviewer corrections applied to the claims after extraction (null: none; README)",
        nullable=True,
        must_exist=True,
    ),
    Parameter(
        "reference_path",
        "path",
        "data/reference/techforpalestine_daily.csv",
        "official daily series: tidy CSV, Tech for Palestine JSON or wide CSV (default: the shipped series)",
        must_exist=True,
    ),
    Parameter(
        "lag_window_days",
        "int",
        30,
        "days searched before and after a claim for the official value that gives it (signed lag)",
        low=0,
        high=3650,
    ),
    Parameter(
        "n_bootstrap",
        "int",
        1000,
        "bootstrap resamples for intervals on daily increases",
        low=0,
        high=1_000_000,
    ),
    Parameter("seed", "int", 0, "seed of every random draw (bootstrap, topic model)", low=0, high=MAX_SEED),
    Parameter(
        "topic_unit",
        "str",
        "paragraph",
        "unit clustered into topics",
        choices=("article", "paragraph", "sentence"),
    ),
    Parameter("topic_method", "str", "nmf", "topic model", choices=("nmf", "kmeans", "lda")),
    Parameter(
        "n_topics",
        "int",
        None,
        "topics of the model shown (null: the k that coherence and stability pick)",
        low=2,
        high=200,
        nullable=True,
    ),
    Parameter(
        "topic_candidates",
        "int_list",
        [2, 3, 4, 5],
        "numbers of topics compared by coherence and stability",
        low=2,
        high=200,
    ),
    Parameter("n_stability_seeds", "int", 3, "seeds per candidate when measuring stability", low=2, high=50),
    Parameter("n_top_terms", "int", 10, "terms shown per topic", low=3, high=100),
)

COMMON = ("title", "corpus_path", "corpus_columns", "corpus_encoding", "report_dir", "n_rows_shown")
# Run order: the summary is numbered 00 because it is read first, and runs last because it
# reads the tables the other notebooks wrote.
NOTEBOOK_PARAMETERS: dict[str, tuple[str, ...]] = {
    "01-corpus": COMMON,
    "02-casualty-figures": (*COMMON, "engine", "scheduler", "vocabulary_path", "reviews_path"),
    "03-figure-statistics": (
        *COMMON, "engine", "scheduler", "vocabulary_path", "reviews_path", "reference_path", "lag_window_days",
        "n_bootstrap",
        "seed",
    ),
    "04-topics": (
        *COMMON,
        "vocabulary_path",
        "reviews_path",
        "topic_unit",
        "topic_method",
        "n_topics",
        "topic_candidates",
        "n_stability_seeds",
        "n_top_terms",
        "seed",
    ),
    "00-summary": ("title", "report_dir", "n_rows_shown"),
}
NOTEBOOKS: tuple[str, ...] = tuple(NOTEBOOK_PARAMETERS)


def describe_parameters(names: Iterable[str] | None = None) -> str:
    """The valid parameters (all, or ``names``) one per line, with type, range, default and help."""
    chosen = PARAMETERS if names is None else {n: PARAMETERS[n] for n in names}
    return "\n".join("  " + p.describe() for p in chosen.values() if not p.runner_only)


def _fail(message: str, names: Iterable[str] | None = None) -> ParameterError:
    return ParameterError(f"{message}\nvalid parameters:\n{describe_parameters(names)}")


def did_you_mean(unknown: Iterable[str], names: Iterable[str]) -> str:
    """`` (did you mean ...?)`` naming the closest valid parameter of each unknown name, or ``""``.

    >>> did_you_mean(["n_topic", "xyz"], ["n_topics", "seed"])
    " (did you mean 'n_topics'?)"
    """
    import difflib

    close = [m for u in unknown for m in difflib.get_close_matches(str(u), list(names), n=1, cutoff=0.75)]
    return f" (did you mean {', '.join(map(repr, close))}?)" if close else ""


def check_value(parameter: Parameter, value: Any, *, where: str = "") -> Any:
    """Check one value against its parameter's type and range; return it normalised.

    Integers are accepted where a number is expected (and returned as float); booleans are never
    accepted as numbers; a path is returned as text, unchanged.
    """
    name = f"{where}parameter {parameter.name!r}"
    expected = parameter.describe().split(" (default")[0].split(": ", 1)[1]
    if value is None:
        if parameter.nullable:
            return None
        raise _fail(f"{name} is null; it must be {expected}")
    kind = parameter.kind
    bad = ParameterError(f"{name}={excerpt(value)} is not {expected}\nvalid parameters:\n{describe_parameters()}")
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise bad
        value = float(value)
    elif kind in ("str", "path"):
        if not isinstance(value, str) or (kind == "path" and not value.strip()):
            raise bad
    elif kind == "bool":
        if not isinstance(value, bool):
            raise bad
    elif kind == "mapping":
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise bad
        value = dict(value)
    elif kind == "int_list":
        if (
            not isinstance(value, list | tuple)
            or not value
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            raise bad
        value = list(value)
    numbers = value if kind == "int_list" else [value] if kind in ("int", "float") else []
    for number in numbers:
        if (parameter.low is not None and number < parameter.low) or (
            parameter.high is not None and number > parameter.high
        ):
            raise bad
    if parameter.choices and value not in parameter.choices:
        raise bad
    if parameter.name == "corpus_columns":
        unknown = sorted(set(value) - set(ARTICLE_FIELDS))
        if unknown:
            raise _fail(
                f"{name}: {excerpt(unknown)} are not article fields; the keys must be among {list(ARTICLE_FIELDS)} "
                "and the values the file's column names, e.g. {text: Article, published: Date}"
            )
    return value


def validate_params(
    values: Mapping[str, Any], *, notebook: str | None = None, source: str = "parameters"
) -> dict[str, Any]:
    """Check names, types and ranges; return every parameter of ``notebook`` (or of all notebooks).

    Missing names take their defaults. Paths are returned as given (see :func:`resolve_paths`).
    Raises ParameterError naming ``source`` and listing the valid parameters with their types.
    """
    if notebook is not None and notebook not in NOTEBOOK_PARAMETERS:
        raise ParameterError(f"no notebook {notebook!r}; the notebooks are {list(NOTEBOOKS)}")
    names = NOTEBOOK_PARAMETERS[notebook] if notebook else tuple(PARAMETERS)
    unknown = [k for k in values if k not in names]
    if unknown:
        raise _fail(f"{source}: unknown parameter(s) {excerpt(unknown)}{did_you_mean(unknown, names)}", names)
    checked = {}
    for name in names:
        parameter = PARAMETERS[name]
        value = values.get(name, parameter.default)
        checked[name] = check_value(parameter, value, where=f"{source}: ")
    return checked


def parse_override(text: str) -> tuple[str, Any]:
    """``"n_topics=6"`` -> ``("n_topics", 6)``, typed by the parameter's schema.

    Text and path values are taken verbatim; other values are read as YAML (``[4, 6]``,
    ``{text: Article}``, ``true``, ``null``).

    >>> parse_override("n_topics=6")
    ('n_topics', 6)
    >>> parse_override("title=2024: a year")
    ('title', '2024: a year')
    """
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise _fail(f"-p {excerpt(text)} is not key=value (e.g. -p n_topics=6)")
    if name not in PARAMETERS or PARAMETERS[name].runner_only:
        known = [n for n, p in PARAMETERS.items() if not p.runner_only]
        raise _fail(f"-p {excerpt(text)}: unknown parameter {excerpt(name)}{did_you_mean([name], known)}")
    parameter = PARAMETERS[name]
    if parameter.kind in ("str", "path") and raw.strip().lower() not in ("null", "~"):
        value: Any = raw
    else:
        try:
            value = load_yaml(raw) if raw.strip() else None
        except (yaml.YAMLError, ValueError, RecursionError) as error:
            raise _fail(f"-p {excerpt(text)}: cannot read {excerpt(raw)} as a value ({error})") from None
    check_value(parameter, value, where="-p: ")
    return name, value


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` that refuses anchors and aliases (``&a``, ``*a``) before building anything.

    A parameter file is a flat mapping and never needs them; refused, they cannot blow a few lines
    up into gigabytes (the "billion laughs"). Raises ValueError naming the line.

    >>> load_yaml("n_topics: 6")
    {'n_topics': 6}
    >>> load_yaml("a: &x [1]\\nb: *x")
    Traceback (most recent call last):
    ...
    ValueError: line 1: YAML anchor '&x' (anchors and aliases are not allowed in parameters)
    """
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            sign = "alias '*" if isinstance(event, yaml.AliasEvent) else "anchor '&"
            raise ValueError(
                f"line {event.start_mark.line + 1}: YAML {sign}{excerpt(anchor)[1:-1]}' (anchors and aliases "
                "are not allowed in parameters)"
            )
    return yaml.safe_load(text)


def read_text_file(path: Path, *, what: str) -> str:
    """A UTF-8 text file's content, or a ParameterError naming the file (and the first bad byte)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParameterError(f"{what} {path}: cannot read it ({error.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParameterError(
            f"{what} {path}: not UTF-8 at byte {error.start} ({excerpt(data[error.start : error.start + 8])}); "
            "save it as UTF-8"
        ) from None


def read_params_file(params_path: str | Path) -> dict[str, Any]:
    """Read a YAML parameter file, or the ``parameters`` section of a report's manifest.json."""
    path = Path(params_path)
    if path.suffix == ".json":
        data = read_manifest(path)["parameters"]
    else:
        text = read_text_file(path, what="parameter file")
        try:
            data = load_yaml(text)
        except (ValueError, yaml.YAMLError, RecursionError) as error:
            raise ParameterError(f"parameter file {path}: not YAML ({excerpt(str(error), limit=300)[1:-1]})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(f"parameter file {path}: expected a mapping of name: value, got {type(data).__name__}")
    runner = [k for k in data if k in PARAMETERS and PARAMETERS[k].runner_only]
    if runner:
        raise ParameterError(f"parameter file {path}: {runner} are set by the runner (use --out), not by a file")
    return data


# The sections of a report's manifest.json (report.write_manifest) and the JSON type each must have.
MANIFEST_SECTIONS: dict[str, tuple[type, ...]] = {
    "newskit": (str,),
    "notebooks": (list,),
    "not_run": (dict,),
    "parameters": (dict,),
    "inputs": (list,),
    "seeds": (dict,),
    "python": (str,),
    "packages": (dict,),
    "git": (dict, type(None)),
    "kernel": (str,),
    "outputs": (dict,),
    "run": (dict,),
}
MANIFEST_REQUIRED = ("parameters",)


def read_manifest(manifest_path: str | Path) -> dict[str, Any]:
    """A report's ``manifest.json``, its shape checked; ParameterError naming the file and key otherwise.

    Required: a JSON object with a ``parameters`` mapping. Each other known section, when present,
    has its type (``notebooks`` a list of names, ``inputs`` a list of ``{"path", "sha256"}``
    objects, ``outputs`` a mapping of path to sha256, ...). Unknown sections are kept. Meant for
    ``report --params manifest.json``, ``report compare`` and the input check.
    """
    path = Path(manifest_path)
    text = read_text_file(path, what="report manifest")
    try:
        manifest = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ParameterError(
            f"report manifest {path}: not JSON ({excerpt(str(error), limit=200)[1:-1]})"
        ) from None
    if not isinstance(manifest, dict):
        raise ParameterError(
            f"report manifest {path}: expected a JSON object with a 'parameters' section, got "
            f"{type(manifest).__name__}"
        )
    for key in MANIFEST_REQUIRED:
        if key not in manifest:
            raise ParameterError(f"report manifest {path}: no {key!r} section; it has {excerpt(list(manifest))}")
    for key, kinds in MANIFEST_SECTIONS.items():
        if key in manifest and not isinstance(manifest[key], kinds):
            wanted = " or ".join("null" if k is type(None) else {"str": "text", "dict": "an object",
                                 "list": "a list"}[k.__name__] for k in kinds)
            raise ParameterError(
                f"report manifest {path}: section {key!r} is {excerpt(manifest[key])}; it must be {wanted}"
            )
    for i, name in enumerate(manifest.get("notebooks", [])):
        if not isinstance(name, str):
            raise ParameterError(f"report manifest {path}: notebooks[{i}] is {excerpt(name)}; it must be a name")
    for i, entry in enumerate(manifest.get("inputs", [])):
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str)
                and isinstance(entry.get("sha256"), str)):
            raise ParameterError(
                f"report manifest {path}: inputs[{i}] is {excerpt(entry)}; it must be an object with "
                "text 'path' and 'sha256'"
            )
    for key, value in manifest.get("outputs", {}).items():
        if not isinstance(value, str):
            raise ParameterError(
                f"report manifest {path}: outputs[{excerpt(key)}] is {excerpt(value)}; it must be a sha256 text"
            )
    return manifest


def _absolute(value: str, base: Path) -> str:
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else (base / path).resolve())


def resolve_params(
    params_path: str | Path | None = None,
    *,
    corpus: str | Path | None = None,
    overrides: Iterable[str] = (),
    check_exists: bool = True,
) -> dict[str, Any]:
    """The validated parameters of a run: file (default ``params/sample.yaml``), then ``--corpus``,
    then ``-p key=value`` overrides, each later one winning.

    Path parameters come back absolute and are checked to exist. Raises ParameterError before any
    work is done.
    """
    path = Path(params_path) if params_path is not None else DEFAULT_PARAMS_PATH
    values = read_params_file(path)
    source = f"parameter file {path}"
    values = validate_params(values, source=source)
    for name, parameter in PARAMETERS.items():
        if parameter.kind == "path" and values[name] is not None:
            values[name] = _absolute(values[name], PROJECT_DIR)
    if corpus is not None:
        values["corpus_path"] = _absolute(str(corpus), Path.cwd())
    for text in overrides:
        name, value = parse_override(text)
        if PARAMETERS[name].kind == "path" and value is not None:
            value = _absolute(value, Path.cwd())
        values[name] = value
    values = validate_params(values, source=source)
    for name, parameter in PARAMETERS.items():
        if check_exists and parameter.must_exist and values[name] is not None and not Path(values[name]).exists():
            raise ParameterError(
                f"parameter {name!r}: {values[name]} does not exist (relative paths in a parameter file "
                f"are read from {PROJECT_DIR}; on the command line from the current folder)"
            )
    return values


def parameter_sources(
    params_path: str | Path | None = None, *, corpus: str | Path | None = None, overrides: Iterable[str] = ()
) -> dict[str, str]:
    """Where each parameter of :func:`resolve_params` got its value: ``default``, ``params file NAME``,
    ``--corpus`` or ``-p`` (the last one that set it wins, as there). Runner-only parameters are left out.

    >>> parameter_sources(overrides=["seed=3"])["seed"], parameter_sources()["corpus_path"]
    ('-p', 'params file sample.yaml')
    """
    path = Path(params_path) if params_path is not None else DEFAULT_PARAMS_PATH
    sources = {name: "default" for name, parameter in PARAMETERS.items() if not parameter.runner_only}
    sources.update({name: f"params file {path.name}" for name in read_params_file(path) if name in sources})
    if corpus is not None:
        sources["corpus_path"] = "--corpus"
    for text in overrides:
        sources[parse_override(text)[0]] = "-p"
    return sources


def notebook_params(notebook: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The subset of ``values`` that ``notebook`` takes."""
    return {name: values[name] for name in NOTEBOOK_PARAMETERS[notebook] if name in values}


def check_notebook_params(notebook: str, namespace: Mapping[str, Any]) -> SimpleNamespace:
    """Validate a notebook's parameters from its namespace (``globals()``); return them as attributes.

    Used by each notebook's validation cell, after the parameters cell and any injected overrides.
    A name the notebook takes but its namespace lacks is an error, so a parameters cell that forgot
    one fails here rather than later.
    """
    if notebook not in NOTEBOOK_PARAMETERS:
        raise ParameterError(f"no notebook {notebook!r}; the notebooks are {list(NOTEBOOKS)}")
    names = NOTEBOOK_PARAMETERS[notebook]
    missing = [n for n in names if n not in namespace]
    if missing:
        raise _fail(f"notebook {notebook}: the parameters cell lacks {missing}", names)
    values = validate_params({n: namespace[n] for n in names}, notebook=notebook, source=f"notebook {notebook}")
    return SimpleNamespace(**values)


def input_paths(values: Mapping[str, Any]) -> list[Path]:
    """Every input file a run reads (folders expanded, sorted), for hashing and Make dependencies."""
    files: list[Path] = []
    for name, parameter in PARAMETERS.items():
        if parameter.kind != "path" or values.get(name) is None:
            continue
        path = Path(values[name])
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.exists():
            files.append(path)
    return files


def main(argv: list[str]) -> int:
    """``python -m newskit.params inputs PARAMS``: print the input files of a parameter file (for Make).

    Exits 3 when an input is missing, so ``make reports`` can skip a parameter file whose corpus
    is not on this machine.
    """
    if len(argv) != 2 or argv[0] != "inputs":
        print("usage: python -m newskit.params inputs PARAMS.yaml", file=sys.stderr)
        return 2
    try:
        values = resolve_params(argv[1], check_exists=False)
    except ParameterError as error:
        print(f"newskit: {error}", file=sys.stderr)
        return 2
    missing = [
        values[name]
        for name, parameter in PARAMETERS.items()
        if parameter.must_exist and values[name] is not None and not Path(values[name]).exists()
    ]
    if missing:
        print(f"newskit: {argv[1]}: missing input(s) {missing}", file=sys.stderr)
        return 3
    print("\n".join(str(p) for p in [Path(argv[1]), *input_paths(values)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
