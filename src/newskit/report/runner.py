"""The runner: papermill on the kit's kernel, two notebooks at a time on two kernels started ahead and reused.

:func:`run_report` builds the whole report in a temporary folder beside the target and moves it into
place only when every notebook ran, so a failed run leaves the previous report as it was. A notebook
that stops on :class:`~newskit.errors.NotEnoughDataError` (too little data in this corpus for its
step) is not a failure: its page says why, the others run, and the index and ``manifest.json`` name it.
Reproducibility: the kernel runs with ``PYTHONHASHSEED=0``; papermill's timing metadata, execution
timestamps and random cell ids are removed from the saved notebooks before they are rendered, and
every time a run measures goes in the ``run`` section of ``manifest.json`` and nowhere else.
"""

from __future__ import annotations

import ast
import os
import shutil
import sys
import threading
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newskit.errors import NewskitWarning, NotEnoughDataError, ReportError
from newskit.params import NOTEBOOK_PARAMETERS, PARAMETERS, notebook_params, parameter_sources, resolve_params
from newskit.paths import NOTEBOOKS_DIR, PARAMS_DIR, REPORTS_DIR
from newskit.report.folder import check_out_dir, make_work_dir, recover, replace_folder
from newskit.report.manifest import check_manifest_inputs, write_manifest
from newskit.report.notices import not_run_notice, write_not_run
from newskit.report.order import HEADLINES_MIMETYPE, KERNEL_ENV, KERNEL_NAME, RUN_ORDER
from newskit.report.render import render_html, write_index
from newskit.report.shown_paths import private_prefixes, redact_paths

# the kernel's own log (e.g. its TCP notice) would break the progress bar


KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
# What a kernel runs (silently, outside the history) between two notebooks, so that the next one starts
# as in a new kernel: no names, history or execution count of the last one (IPython's reset), and the
# display state it changed undone (newskit.report.display.reset_notebook_state). Modules stay imported.
RESET_CODE = (
    "get_ipython().reset(new_session=True)\n"
    "import newskit.report.display as _newskit_display\n"
    "_newskit_display.reset_notebook_state()\n"
    "del _newskit_display\n"
)
# Notebooks that run at the same time once the stages are computed (each reads stage files and writes
# its own tables), each lane on a kernel it reuses: two fill a two-core machine. The longest start
# first, so that the others share the second core meanwhile; a notebook that reads the tables of the
# others runs after them. With the topic stage computed by the runner, 03 is the longest (sample,
# dev; 142 s of 300 on 20,000 articles).
CONCURRENT_NOTEBOOKS = 2
LONGEST_FIRST: tuple[str, ...] = ("03-figure-statistics", "04-topics")
RUN_AFTER_OTHERS: tuple[str, ...] = ("00-summary",)
# The notebook whose parameters name every stage's inputs (corpus, vocabulary, engine).
STAGES_NOTEBOOK = "02-casualty-figures"
# The notebook whose topic stage (pipeline.load_topic_stage) the runner computes with the others.
TOPICS_NOTEBOOK = "04-topics"
# `git status` runs the nbstripout filter on notebooks whose stat information is stale: slow on a busy
# machine, so the dirty flag gets time before it is recorded as unknown (null).


def run_report(
    params_path: str | Path | None = None,
    corpus: str | Path | None = None,
    out_dir: str | Path | None = None,
    overrides: Iterable[str] = (),
    *,
    notebooks: Iterable[str] | None = None,
    progress: bool = True,
    prewarm: bool = True,
) -> Path:
    """Run the notebooks in order and write the report folder; return its path.

    ``params_path`` defaults to ``params/sample.yaml`` (a report's ``manifest.json`` works too, to
    reproduce it); ``corpus`` overrides its corpus path; ``overrides`` are ``key=value`` texts;
    ``out_dir`` defaults to ``reports/<params name>``. Parameters are validated before anything runs.
    Raises ReportError naming the notebook and cell that failed, with the cell's error; the previous
    report at ``out_dir`` is then left untouched. A notebook that stops on NotEnoughDataError is not
    a failure: the report is written, and a NewskitWarning names the notebooks that did not run.

    ``prewarm``: start the kernels while the stages are computed, importing what their first notebook
    imports, and run the next notebooks on them once reset (see :class:`WarmKernel`); without it,
    every notebook gets a new kernel (plain papermill). The outputs are the same either way.
    """
    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    values = resolve_params(params_path, corpus=corpus, overrides=list(overrides))
    params_path = Path(params_path).resolve() if params_path is not None else None
    if params_path is not None and Path(params_path).suffix == ".json":
        for problem in check_manifest_inputs(params_path):
            warnings.warn(f"reproducing {params_path}: input {problem}", NewskitWarning, stacklevel=2)
    names = list(RUN_ORDER if notebooks is None else notebooks)
    unknown = [n for n in names if n not in NOTEBOOK_PARAMETERS]
    if unknown:
        raise ReportError(f"no notebook(s) {unknown}; the notebooks are {list(RUN_ORDER)}")
    params_file = Path(params_path) if params_path is not None else PARAMS_DIR / "sample.yaml"
    inputs = [params_file, *(values[n] for n, p in PARAMETERS.items() if p.kind == "path" and values.get(n))]
    target = check_out_dir(out_dir if out_dir is not None else REPORTS_DIR / params_file.stem, inputs=inputs)
    _check_kernel()
    recover(target)
    build_dir = make_work_dir(target, "building")
    seconds: dict[str, float] = {}
    not_run: dict[str, dict[str, str]] = {}
    stopping: list[threading.Thread] = []  # kernels being stopped while the index and manifest are written
    try:
        headlines = _run_notebooks(names, values, build_dir, seconds, not_run, stopping,
                                   progress=progress, prewarm=prewarm)
        sources = parameter_sources(params_file, corpus=corpus, overrides=overrides)
        write_index(build_dir, values, names, headlines, not_run=not_run, sources=sources)
        run = {
            "started_at": started_at,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "seconds_total": round(time.perf_counter() - started, 2),
            "seconds_per_notebook": seconds,
        }
        write_manifest(build_dir, values, names, run=run, not_run=not_run)
        replace_folder(build_dir, target)
    finally:
        for thread in stopping:
            thread.join()
        if build_dir.exists():
            shutil.rmtree(build_dir, ignore_errors=True)
    for name, why in not_run.items():
        warnings.warn(f"report {target}: notebook {name} did not run on this corpus: {why['advice']} "
                      f"({why['error']})", NewskitWarning, stacklevel=2)
    return target


def compute_stages(values: Mapping[str, Any], names: Iterable[str] = RUN_ORDER) -> None:
    """Compute (or find) the report's stage files once, in this process, before the notebooks read them.

    The parameters are those of the notebook that reads every stage (:data:`STAGES_NOTEBOOK`); a stage
    file already made from the same inputs, parameters and code is reused (see
    :func:`newskit.pipeline.load_stages`). With :data:`TOPICS_NOTEBOOK` among ``names``, the topic
    stage too: extraction has already imported what topics need here (NLTK imports SciPy and
    scikit-learn), which that notebook's kernel would otherwise import again.
    """
    from newskit import pipeline
    from newskit.params import check_notebook_params

    params = check_notebook_params(STAGES_NOTEBOOK, notebook_params(STAGES_NOTEBOOK, dict(values)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the notebooks show them, with the stage they read
        try:
            pipeline.load_stages(params, *pipeline.STAGES)
            if TOPICS_NOTEBOOK in names:
                pipeline.load_topic_stage(check_notebook_params(TOPICS_NOTEBOOK,
                                                                notebook_params(TOPICS_NOTEBOOK, dict(values))))
        except Exception:  # noqa: BLE001 - the notebook that needs the stage computes it and fails naming its cell
            pass


def _check_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL_NAME not in KernelSpecManager().find_kernel_specs():
        raise ReportError(
            f"the Jupyter kernel {KERNEL_NAME!r} is not registered: run `make setup`, or "
            f"`{sys.executable} -m ipykernel install --sys-prefix --name {KERNEL_NAME}`"
        )


def _run_notebooks(
    names: list[str],
    values: dict[str, Any],
    build_dir: Path,
    seconds: dict[str, float],
    not_run: dict[str, dict[str, str]],
    stopping: list[threading.Thread],
    *,
    progress: bool,
    prewarm: bool,
) -> dict[str, dict[str, Any]]:
    """Run the notebooks; return their headlines. ``stopping`` gets the threads stopping kernels no notebook
    needs any more (the caller joins them: the last one's stop overlaps writing the index)."""
    (build_dir / "notebooks").mkdir()
    for name in names:
        if not (NOTEBOOKS_DIR / f"{name}.ipynb").is_file():
            raise ReportError(f"notebook {NOTEBOOKS_DIR / name}.ipynb is missing (run `make sync-notebooks`)")
    run = _NotebookRun(names, values, build_dir, seconds, not_run, stopping, progress=progress, prewarm=prewarm)
    try:
        run.start_kernels()  # the kernels start and import while the stages are computed
        compute_stages(values, names)
        executed = run.run_all()
    finally:
        run.close()
    headlines: dict[str, dict[str, Any]] = {}
    for name in names:  # in run order, whatever order they finished in
        headlines.update(collect_headlines(executed[name]))
    return headlines


def dispatch_order(names: Iterable[str]) -> list[str]:
    """The order notebooks start in: the longest first, the ones that read the others' tables last.

    >>> dispatch_order(["01-corpus", "02-casualty-figures", "03-figure-statistics", "04-topics", "00-summary"])
    ['03-figure-statistics', '04-topics', '01-corpus', '02-casualty-figures', '00-summary']
    """
    names = list(names)
    first = [n for n in LONGEST_FIRST if n in names]
    last = [n for n in names if n in RUN_AFTER_OTHERS]
    return first + [n for n in names if n not in first and n not in last] + last


class _NotebookRun:
    """The notebooks of one report, CONCURRENT_NOTEBOOKS at a time, on kernels started ahead and reused.

    A kernel's start and imports cost more CPU than most notebooks' own work (about 1.3 s of 1.6 s on
    the sample), so with ``prewarm`` a kernel whose notebook has run is reset (:data:`RESET_CODE`)
    and runs the next notebook: CONCURRENT_NOTEBOOKS kernels run the whole report.

    A notebook's outputs do not depend on which ran beside it: each reads the stage files and writes
    its own tables and charts (RUN_AFTER_OTHERS run once the others are done). The first notebook
    that fails stops the others from starting, and its ReportError is raised.
    """

    def __init__(self, names: list[str], values: dict[str, Any], build_dir: Path, seconds: dict[str, float],
                 not_run: dict[str, dict[str, str]], stopping: list[threading.Thread], *, progress: bool,
                 prewarm: bool):
        from tqdm.auto import tqdm

        self.values, self.build_dir, self.seconds, self.prewarm = values, build_dir, seconds, prewarm
        self.not_run = not_run
        self.waiting = dispatch_order(names)  # not started yet, in the order they start
        self.warm: dict[str, WarmKernel] = {}  # started for the notebook named, which has not run yet
        self.idle: list[WarmKernel] = []  # their notebook has run: reset for the next one (see _release)
        self.stopping = stopping  # threads stopping the kernels no notebook needs any more
        self.executed: dict[str, Any] = {}
        self.failed: list[BaseException] = []
        self.lock = threading.Lock()
        self.bar = tqdm(total=len(names), desc="report", unit="notebook", disable=not progress, file=sys.stderr)

    def start_kernels(self) -> None:
        """Start one kernel for each of the first CONCURRENT_NOTEBOOKS notebooks, importing what they import."""
        for name in self.waiting[:CONCURRENT_NOTEBOOKS]:
            if self.prewarm and name not in self.warm:
                self.warm[name] = WarmKernel(NOTEBOOKS_DIR / f"{name}.ipynb", cwd=self.build_dir)

    def run_all(self) -> dict[str, Any]:
        """Run every notebook; return the executed notebooks by name."""
        together = [n for n in self.waiting if n not in RUN_AFTER_OTHERS]
        lanes = [threading.Thread(target=self._lane, args=(together,), name=f"newskit-notebooks-{i}")
                 for i in range(min(CONCURRENT_NOTEBOOKS, len(together)))]
        for lane in lanes:
            lane.start()
        for lane in lanes:
            lane.join()
        self._lane([n for n in self.waiting if n in RUN_AFTER_OTHERS])
        if self.failed:
            raise self.failed[0]
        return self.executed

    def _lane(self, queue: list[str]) -> None:
        """Run notebooks from ``queue`` (shared by the lanes) until it is empty or a notebook failed."""
        while not self.failed:
            with self.lock:
                if not queue:
                    return
                name = queue.pop(0)
                self.waiting.remove(name)
                kernel = self.warm.pop(name, None) or (self.idle.pop() if self.idle else None)
            try:
                self._run(name, kernel)
            except BaseException as error:  # noqa: BLE001 - raised again by run_all, in the calling thread
                self.failed.append(error)

    def _run(self, name: str, kernel: WarmKernel | None) -> None:
        self.bar.set_postfix_str(name)
        if kernel is None:  # not prewarmed: a cold kernel, started here all the same (see run_notebook's cwd)
            kernel = WarmKernel(NOTEBOOKS_DIR / f"{name}.ipynb", cwd=self.build_dir, imports=False)
        elif kernel.notebook != name:  # another notebook ran on it
            kernel.reset(NOTEBOOKS_DIR / f"{name}.ipynb")
        try:
            self.executed[name], run_seconds, html_seconds = run_notebook(
                NOTEBOOKS_DIR / f"{name}.ipynb",
                self.build_dir / "notebooks" / f"{name}.ipynb",
                self.build_dir / f"{name}.html",
                parameters=notebook_params(name, self.values) | {"report_dir": "."},
                cwd=self.build_dir,
                name=name,
                kernel_manager=kernel.kernel_manager,
                private_prefixes=private_prefixes(self.values, self.build_dir),
            )
        finally:
            if self.prewarm:
                self._release(kernel)
            else:
                kernel.shutdown()
        self.seconds[name] = round(run_seconds + html_seconds, 2)
        self.seconds[f"{name} (html)"] = round(html_seconds, 2)
        if "not_run" in self.executed[name].metadata.get("newskit", {}):
            with self.lock:
                self.not_run[name] = dict(self.executed[name].metadata["newskit"]["not_run"])
                write_not_run(self.build_dir, self.not_run)  # the summary notebook reads it
        self.bar.update(1)

    def _release(self, kernel: WarmKernel) -> None:
        """Hand on a kernel whose notebook has run: to a notebook still to run, else stop it.

        While notebooks that run together are waiting, it waits for one of them. Once none is left, it
        is reset at once for a notebook that runs after the others and has no kernel yet (the reset
        overlaps the notebooks still running), else stopped (no notebook will run on it).
        """
        with self.lock:
            if any(n not in RUN_AFTER_OTHERS for n in self.waiting):
                self.idle.append(kernel)
                return
            after = next((n for n in self.waiting if n not in self.warm), None)
            if after is not None:
                self.warm[after] = kernel
        if after is None:  # stopped beside what still runs; run_report waits for it before returning
            stopping = threading.Thread(target=kernel.shutdown, name="newskit-kernel-stop")
            stopping.start()
            with self.lock:
                self.stopping.append(stopping)
        else:
            kernel.reset(NOTEBOOKS_DIR / f"{after}.ipynb")

    def close(self) -> None:
        """Stop the kernels still waiting for a notebook (those in ``stopping`` are being stopped)."""
        self.bar.close()
        for kernel in [*self.warm.values(), *self.idle]:
            kernel.shutdown()


@contextmanager
def _kernel_environment() -> Iterator[None]:
    """Set :data:`KERNEL_ENV` for kernels started inside the block (they inherit it), then restore."""
    saved = {k: os.environ.get(k) for k in KERNEL_ENV}
    os.environ.update(KERNEL_ENV)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_notebook(
    source_path: Path,
    executed_path: Path,
    html_path: Path,
    *,
    parameters: Mapping[str, Any],
    cwd: Path,
    name: str,
    kernel_manager: Any = None,
    private_prefixes: Iterable[tuple[str, str]] = (),
) -> tuple[Any, float, float]:
    """Execute one notebook with papermill on the kit's kernel, normalise it, render its HTML.

    Returns ``(executed notebook, seconds executing, seconds rendering)``. Raises ReportError naming
    the notebook and the cell that failed, with the cell's error. A cell that stops on a
    NotEnoughDataError is no failure: the page ends there with a notice saying why, and the executed
    notebook's ``metadata.newskit.not_run`` holds ``advice`` and ``error`` (see :func:`mark_not_run`).
    ``kernel_manager``: an already started kernel (a :class:`WarmKernel`'s) to run on instead of starting one.
    With one, ``cwd`` is the kernel's already and papermill is not given it: papermill changes the whole
    process's working folder while a notebook runs, which two notebooks running at once would leave
    pointing at the wrong folder (the runner's relative paths then fail).
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    begin = time.perf_counter()
    stopped = None
    try:
        with _kernel_environment():
            papermill.execute_notebook(
                str(source_path),
                str(executed_path),
                parameters=dict(parameters),
                kernel_name=KERNEL_NAME,
                cwd=None if kernel_manager is not None else str(cwd),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                extra_arguments=KERNEL_ARGUMENTS,
                km=kernel_manager,
            )
    except PapermillExecutionError as error:
        if not_enough_data_advice(error.ename) is None:
            _raise_failed(name, error)
        stopped = error
    except Exception as error:
        raise ReportError(f"notebook {name} could not run: {type(error).__name__}: {error}") from None
    executed = nbformat.read(executed_path, as_version=4)
    if stopped is not None:
        executed = mark_not_run(executed, stopped, name=name)
    executed = normalise_notebook(executed)
    nbformat.write(executed, executed_path)
    middle = time.perf_counter()
    html_path.write_text(redact_paths(render_html(executed), private_prefixes), encoding="utf-8")
    return executed, middle - begin, time.perf_counter() - middle


def _raise_failed(name: str, error: Any) -> None:
    first_line = next((line for line in error.source.splitlines() if line.strip()), "")
    raise ReportError(
        f"notebook {name} failed in cell In [{error.exec_count}] (the cell starting "
        f"{first_line.strip()!r}): {error.ename}: {error.evalue}"
    ) from None


def not_enough_data_advice(ename: str) -> str | None:
    """The ``advice`` of the NotEnoughDataError class named ``ename`` (a cell error's class name);
    None when ``ename`` names no such class (the error is a failure).

    >>> not_enough_data_advice("TooFewTextsError").startswith("there are too few passages")
    True
    >>> not_enough_data_advice("KeyError") is None
    True
    """
    classes = [NotEnoughDataError]
    while classes:
        cls = classes.pop()
        if cls.__name__ == ename:
            return cls.advice
        classes.extend(cls.__subclasses__())
    return None


def mark_not_run(notebook: Any, error: Any, *, name: str) -> Any:
    """A notebook that stopped on a NotEnoughDataError, as its page shows it.

    The cells after the one that stopped are dropped (they never ran), the error output becomes a
    notice for readers (:func:`~newskit.report.notices.not_run_notice`), a line under the title links
    to it, and ``metadata.newskit.not_run`` records ``advice`` and ``error``.
    """
    import nbformat
    from papermill.execute import remove_error_markers

    advice = not_enough_data_advice(error.ename) or ""
    notebook = remove_error_markers(notebook)
    stopped = notebook.cells[error.cell_index]
    notice = not_run_notice(name, advice=advice, error=f"{error.ename}: {error.evalue}")
    outputs = []
    for output in stopped.get("outputs", []):
        if output.get("output_type") == "error":
            output = nbformat.v4.new_output("display_data", data={"text/html": notice})
        outputs.append(output)
    stopped["outputs"] = outputs
    notebook.cells = notebook.cells[: error.cell_index + 1]
    first_markdown = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "markdown"), -1)
    notebook.cells.insert(first_markdown + 1, nbformat.v4.new_markdown_cell(
        "**This step did not run on this corpus** ([why](#not-run)); the other pages of the report are complete."))
    notebook.metadata["newskit"] = {"not_run": {"advice": advice, "error": f"{error.ename}: {error.evalue}"}}
    return notebook


def notebook_imports(source_path: Path) -> list[str]:
    """The modules a notebook's code cells import, in order (``from a import b`` gives a and a.b)."""
    import nbformat

    names: list[str] = []
    for cell in nbformat.read(source_path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
                names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return list(dict.fromkeys(names))


class WarmKernel:
    """A ``newskit`` kernel started ahead of its notebook, importing the modules the notebook imports.

    Importing is most of a short notebook's time (pandas, matplotlib); done while the stages are
    computed, it overlaps with that work. The import runs silently and outside the history, and
    binds no name, so the notebook starts from the same namespace and execution count as in a fresh
    kernel and its outputs do not change. :meth:`reset` makes it ready for another notebook the
    same way. ``imports=False``: a cold kernel (started in ``cwd``, importing nothing ahead).
    """

    def __init__(self, source_path: Path, *, cwd: Path, imports: bool = True):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.kernel_manager = AsyncKernelManager(kernel_name=KERNEL_NAME)
        run_sync(self.kernel_manager.start_kernel)(
            extra_arguments=KERNEL_ARGUMENTS, cwd=str(cwd), env=os.environ | KERNEL_ENV
        )
        self.notebook = source_path.stem
        self._client = None
        if imports:
            self._execute_silently(_import_code(notebook_imports(source_path)))

    def reset(self, source_path: Path) -> None:
        """Make the kernel ready for the notebook at ``source_path``: as new (:data:`RESET_CODE`), with its imports.

        Sent ahead of the notebook's cells: the kernel runs what it receives in order.
        """
        self.notebook = source_path.stem
        self._execute_silently(RESET_CODE + _import_code(notebook_imports(source_path)))

    def _execute_silently(self, code: str) -> None:
        if not code:
            return
        if self._client is None:
            from jupyter_client import BlockingKernelClient

            # a blocking client of its own: no event loop shared with papermill's client
            self._client = BlockingKernelClient()
            self._client.load_connection_info(self.kernel_manager.get_connection_info())
            self._client.start_channels()
        self._client.execute(code, silent=True, store_history=False)

    def shutdown(self) -> None:
        """Stop the kernel (papermill does not stop a kernel it did not start).

        Killed, not asked to exit: its notebook has run and its outputs are saved, and a polite
        shutdown waits seconds on a busy machine while the next notebook could run.
        """
        from jupyter_core.utils import run_sync

        if self._client is not None:
            self._client.stop_channels()
            self._client = None
        if self.kernel_manager.has_kernel:
            run_sync(self.kernel_manager.shutdown_kernel)(now=True)


def _import_code(modules: list[str]) -> str:
    """Code that imports ``modules`` (those that fail are left to the notebook) and binds no name."""
    if not modules:
        return ""
    return (
        "import importlib as _newskit_importlib\n"
        f"for _newskit_module in {modules!r}:\n"
        "    try:\n"
        "        _newskit_importlib.import_module(_newskit_module)\n"
        "    except ImportError:\n"
        "        pass\n"
        "del _newskit_importlib, _newskit_module\n"
    )


def normalise_notebook(notebook: Any) -> Any:
    """Remove what changes from run to run: papermill times and paths, execution timestamps, cell ids.

    Cell ids become ``cell-N`` (papermill gives its injected cell a random one); the notebook keeps
    the parameters papermill injected.
    """
    papermill_meta = notebook.metadata.get("papermill", {})
    notebook.metadata["papermill"] = {"parameters": papermill_meta.get("parameters", {})}
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return notebook


def collect_headlines(notebook: Any) -> dict[str, dict[str, Any]]:
    """The headline numbers a notebook showed with :func:`show_headlines`, by notebook."""
    found: dict[str, dict[str, Any]] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if HEADLINES_MIMETYPE in data:  # a list of pairs: nbformat sorts the keys of a mapping
                headline = data[HEADLINES_MIMETYPE]
                found.setdefault(headline["notebook"], {}).update(dict(headline["numbers"]))
    return found
