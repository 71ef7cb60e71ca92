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
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newskit.errors import NewskitWarning, NotEnoughDataError, ReportError
from newskit.params import NOTEBOOK_PARAMETERS, PARAMETERS, notebook_params, parameter_sources, resolve_params
from newskit.paths import NOTEBOOKS_DIR, PARAMS_DIR, REPORTS_DIR
from newskit.report.folder import check_out_dir, make_work_dir, recover, replace_folder
from newskit.report.manifest import check_manifest_inputs, write_manifest
from newskit.report.notices import not_run_notice, write_not_run
from newskit.report.order import HEADLINES_MIMETYPE, KERNEL_ENV, KERNEL_NAME, NOTEBOOK_STAGES, RUN_ORDER
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
# Notebooks that run at the same time, each once the stages it reads are computed (each reads stage
# files and writes its own tables), each lane on a kernel it reuses: two fill a two-core machine. Of
# those ready, the longest start first, so that the others share the second core meanwhile; a notebook
# that reads the tables of the others runs after them. With the topic stage computed by the runner, 03
# is the longest (sample, dev; 142 s of 300 on 20,000 articles).
CONCURRENT_NOTEBOOKS = 2
LONGEST_FIRST: tuple[str, ...] = ("03-figure-statistics", "04-topics")
RUN_AFTER_OTHERS: tuple[str, ...] = ("00-summary",)
# The notebook whose parameters name every stage's inputs (corpus, vocabulary, engine).
STAGES_NOTEBOOK = "02-casualty-figures"
# The notebook whose topic stage (pipeline.load_topic_stage) the runner computes with the others.
TOPICS_NOTEBOOK = "04-topics"
# Every stage a notebook can wait for.
ALL_STAGES: tuple[str, ...] = tuple(dict.fromkeys(stage for stages in NOTEBOOK_STAGES.values() for stage in stages))


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
    """Run the notebooks (each once the stages it reads are computed) and write the report folder; return its path.

    ``params_path`` defaults to ``params/sample.yaml`` (a report's ``manifest.json`` works too, to
    reproduce it); ``corpus`` overrides its corpus path; ``overrides`` are ``key=value`` texts;
    ``out_dir`` defaults to ``reports/<params name>``. Parameters are validated before anything runs.
    Raises ReportError naming the notebook and cell that failed, with the cell's error; the previous
    report at ``out_dir`` is then left untouched. A notebook that stops on NotEnoughDataError is not
    a failure: the report is written, and a NewskitWarning names the notebooks that did not run.

    ``prewarm``: start the kernels while the stages are computed, importing what the notebooks import,
    and run the next notebooks on them once reset (see :class:`WarmKernel`); without it, every notebook
    gets a new kernel (plain papermill). The outputs are the same either way.
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
    if len(set(names)) < len(names):
        raise ReportError(f"notebooks {names} name one notebook twice; name each once")
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
    for name, why in sorted(not_run.items()):
        warnings.warn(f"report {target}: notebook {name} did not run on this corpus: {why['advice']} "
                      f"({why['error']})", NewskitWarning, stacklevel=2)
    return target


def compute_stages(values: Mapping[str, Any], names: Iterable[str] = RUN_ORDER,
                   ready: Callable[[str], None] | None = None) -> None:
    """Compute (or find) the report's stage files once, in this process, before the notebooks read them.

    The parameters are those of the notebook that reads every stage (:data:`STAGES_NOTEBOOK`); a stage
    file already made from the same inputs, parameters and code is reused (see
    :func:`newskit.pipeline.load_stages`). With :data:`TOPICS_NOTEBOOK` among ``names``, the topic
    stage too: extraction has already imported what topics need here (NLTK imports SciPy and
    scikit-learn), which that notebook's kernel would otherwise import again. ``ready`` is called with
    each stage's name (``"topics"`` last) once its file is there: the notebooks reading it start.

    Its warnings are not shown here: the notebooks show them, with the stage they read. Warning filters
    are the whole process's, so what the runner's other threads give meanwhile is not shown either;
    the stages keep only the kit's NewskitWarnings, which those threads never give.
    """
    from newskit import pipeline
    from newskit.params import check_notebook_params

    params = check_notebook_params(STAGES_NOTEBOOK, notebook_params(STAGES_NOTEBOOK, dict(values)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pipeline.load_stages(params, *pipeline.STAGES, ready=ready)
            if TOPICS_NOTEBOOK in names:
                pipeline.load_topic_stage(check_notebook_params(TOPICS_NOTEBOOK,
                                                                notebook_params(TOPICS_NOTEBOOK, dict(values))))
                if ready is not None:
                    ready("topics")
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
        run.start()  # the kernels start and import; each notebook starts once the stages it reads are there
        compute_stages(values, names, ready=run.stage_ready)
        run.stages_done()  # a stage not computed is computed by the notebook reading it, which fails naming its cell
        executed = run.wait()
    except BaseException:
        run.abort()  # e.g. Ctrl-C: the notebooks running stop now rather than when done
        raise
    finally:
        run.close()
    headlines: dict[str, dict[str, Any]] = {}
    for name in names:  # in run order, whatever order they finished in
        headlines.update(collect_headlines(executed[name]))
    return headlines


def dispatch_order(names: Iterable[str]) -> list[str]:
    """The order notebooks start in when their stages are there: the longest first, the ones that read
    the others' tables last.

    >>> dispatch_order(["01-corpus", "02-casualty-figures", "03-figure-statistics", "04-topics", "00-summary"])
    ['03-figure-statistics', '04-topics', '01-corpus', '02-casualty-figures', '00-summary']
    """
    names = list(names)
    first = [n for n in LONGEST_FIRST if n in names]
    last = [n for n in names if n in RUN_AFTER_OTHERS]
    return first + [n for n in names if n not in first and n not in last] + last


class _NotebookRun:
    """The notebooks of one report on CONCURRENT_NOTEBOOKS lanes: threads, each with a kernel it reuses.

    A free lane starts the first notebook of :func:`dispatch_order` whose stages
    (:data:`NOTEBOOK_STAGES`) are there, told by :meth:`stage_ready` as the runner computes them, so
    the first notebooks run while later stages are computed; RUN_AFTER_OTHERS start once the others
    have run. Pages are rendered by one thread of their own (:meth:`_render`) once every stage is
    computed, so a lane goes on to its next notebook at once.

    A kernel's start and imports cost more CPU than most notebooks' own work (about 1.3 s of 1.6 s on
    the sample), so with ``prewarm`` each lane's kernel starts at once, importing what the report's
    notebooks import, and is reset (:data:`RESET_CODE`) between notebooks; without it, every notebook
    gets a new kernel (plain papermill).

    A notebook's outputs do not depend on which ran beside it or when: each reads the stage files and
    writes its own tables and charts. The first notebook that fails stops the others from starting
    (those running finish), and its ReportError is raised.
    """

    def __init__(self, names: list[str], values: dict[str, Any], build_dir: Path, seconds: dict[str, float],
                 not_run: dict[str, dict[str, str]], stopping: list[threading.Thread], *, progress: bool,
                 prewarm: bool):
        from tqdm.auto import tqdm

        self.names, self.values, self.build_dir, self.prewarm = names, values, build_dir, prewarm
        self.seconds, self.not_run = seconds, not_run
        self.stopping = stopping  # threads stopping the kernels no notebook needs any more
        self.waiting = dispatch_order(names)  # not started yet, in the order they start
        self.stages: set[str] = set()  # stages whose files are there
        self.executed: dict[str, Any] = {}
        self.failed: list[BaseException] = []
        self.closing = False
        self.kernels: list[WarmKernel] = []  # started and not yet stopped (abort interrupts them)
        self.changed = threading.Condition()  # guards the above; notified whenever one of them changes
        self.lanes: list[threading.Thread] = []
        self.pages = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newskit-pages")
        self.rendered: list[Future] = []
        self.bar = tqdm(total=len(names), desc="report", unit="notebook", disable=not progress, file=sys.stderr)

    def start(self) -> None:
        """Start the lanes, and with ``prewarm`` their kernels, importing what the notebooks import."""
        import papermill  # noqa: F401 - here, not in a lane while compute_stages holds the warning filters

        imports = list(dict.fromkeys(module for name in self.names
                                     for module in notebook_imports(NOTEBOOKS_DIR / f"{name}.ipynb")))
        for number in range(min(CONCURRENT_NOTEBOOKS, len(self.names))):
            kernel = self._started(WarmKernel(cwd=self.build_dir, imports=imports)) if self.prewarm else None
            lane = threading.Thread(target=self._lane, args=(kernel,), name=f"newskit-notebooks-{number}")
            self.lanes.append(lane)
            lane.start()

    def stage_ready(self, stage: str) -> None:
        """The file of ``stage`` is there: the notebooks reading it may start."""
        with self.changed:
            self.stages.add(stage)
            self.changed.notify_all()
        self.bar.set_postfix_str(f"stage {stage} ready")

    def stages_done(self) -> None:
        """No more stage will be computed: a notebook still waiting for one starts (and computes it)."""
        with self.changed:
            self.stages.update(ALL_STAGES)
            self.changed.notify_all()

    def wait(self) -> dict[str, Any]:
        """Wait for every notebook and page; return the executed notebooks by name.

        Raises the first notebook's failure, else the first page's error.
        """
        for lane in self.lanes:
            lane.join()
        page_errors = [error for page in self.rendered if (error := page.exception()) is not None]
        if self.failed or page_errors:
            raise (self.failed or page_errors)[0]
        return self.executed

    def abort(self) -> None:
        """Start no more notebooks, and interrupt those running (their lanes then stop)."""
        from jupyter_core.utils import run_sync

        with self.changed:
            self.closing = True
            self.changed.notify_all()
            kernels = list(self.kernels)
        for kernel in kernels:
            try:
                run_sync(kernel.kernel_manager.interrupt_kernel)()
            except Exception:  # noqa: BLE001, S112 - a kernel already gone needs no interrupt
                continue

    def _started(self, kernel: WarmKernel) -> WarmKernel:
        with self.changed:
            self.kernels.append(kernel)
        return kernel

    def _stop(self, kernel: WarmKernel) -> None:
        with self.changed:
            self.kernels.remove(kernel)
        kernel.shutdown()

    def _can_start(self, name: str) -> bool:
        if name in RUN_AFTER_OTHERS:
            return all(n in self.executed for n in self.names if n not in RUN_AFTER_OTHERS)
        return set(NOTEBOOK_STAGES.get(name, ALL_STAGES)) <= self.stages

    def _next(self) -> tuple[str | None, bool]:
        """The next notebook for a free lane, once one can start (None: none left, or one failed), and
        whether others are still waiting."""
        with self.changed:
            while not (self.failed or self.closing) and self.waiting:
                name = next((n for n in self.waiting if self._can_start(n)), None)
                if name is not None:
                    self.waiting.remove(name)
                    return name, bool(self.waiting)
                self.changed.wait()
            return None, False

    def _lane(self, kernel: WarmKernel | None) -> None:
        try:
            while True:
                name, more = self._next()
                if name is None:
                    return
                self._run(name, kernel)
                if kernel is not None and more:  # reset now: the next notebook on it need not wait for it
                    kernel.reset()
        except BaseException as error:  # noqa: BLE001 - raised again by wait(), in the calling thread
            with self.changed:
                self.failed.append(error)
                self.changed.notify_all()
        finally:
            if kernel is not None:  # stopped beside what still runs; run_report waits for it before returning
                stopping = threading.Thread(target=self._stop, args=(kernel,), name="newskit-kernel-stop")
                stopping.start()
                with self.changed:
                    self.stopping.append(stopping)

    def _run(self, name: str, kernel: WarmKernel | None) -> None:
        self.bar.set_postfix_str(name)
        cold = kernel is None  # not prewarmed: a new kernel, started here all the same (see execute_notebook's cwd)
        if cold:
            kernel = self._started(WarmKernel(cwd=self.build_dir))
        try:
            executed, run_seconds = execute_notebook(
                NOTEBOOKS_DIR / f"{name}.ipynb",
                self.build_dir / "notebooks" / f"{name}.ipynb",
                parameters=notebook_params(name, self.values) | {"report_dir": "."},
                cwd=self.build_dir,
                name=name,
                kernel_manager=kernel.kernel_manager,
            )
        finally:
            if cold:
                self._stop(kernel)
        with self.changed:
            if "not_run" in executed.metadata.get("newskit", {}):
                self.not_run[name] = dict(executed.metadata["newskit"]["not_run"])
                write_not_run(self.build_dir, self.not_run)  # the summary notebook reads it
            self.executed[name] = executed
            self.changed.notify_all()
            self.rendered.append(self.pages.submit(self._render, name, executed, run_seconds))
            self.bar.update(1)

    def _render(self, name: str, executed: Any, run_seconds: float) -> None:
        with self.changed:  # the stages come first: they hold back notebooks, a page holds back nothing
            self.changed.wait_for(lambda: self.closing or set(ALL_STAGES) <= self.stages)
        html_seconds = write_page(executed, self.build_dir / f"{name}.html",
                                  private_prefixes=private_prefixes(self.values, self.build_dir))
        with self.changed:
            self.seconds[name] = round(run_seconds + html_seconds, 2)
            self.seconds[f"{name} (html)"] = round(html_seconds, 2)

    def close(self) -> None:
        """Stop the lanes from starting notebooks, and wait for them and the pages (after an error too)."""
        with self.changed:
            self.closing = True
            self.changed.notify_all()
        for lane in self.lanes:
            lane.join()
        self.pages.shutdown(wait=True)
        self.bar.close()


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
    """Execute one notebook (:func:`execute_notebook`) and render its page (:func:`write_page`).

    Returns ``(executed notebook, seconds executing, seconds rendering)``.
    """
    executed, run_seconds = execute_notebook(source_path, executed_path, parameters=parameters, cwd=cwd,
                                             name=name, kernel_manager=kernel_manager)
    return executed, run_seconds, write_page(executed, html_path, private_prefixes=private_prefixes)


def execute_notebook(
    source_path: Path,
    executed_path: Path,
    *,
    parameters: Mapping[str, Any],
    cwd: Path,
    name: str,
    kernel_manager: Any = None,
) -> tuple[Any, float]:
    """Execute one notebook with papermill on the kit's kernel, normalise it and save it at ``executed_path``.

    Returns ``(executed notebook, seconds)``. Raises ReportError naming the notebook and the cell that
    failed, with the cell's error. A cell that stops on a NotEnoughDataError is no failure: the page
    ends there with a notice saying why, and the executed notebook's ``metadata.newskit.not_run`` holds
    ``advice`` and ``error`` (see :func:`mark_not_run`). ``kernel_manager``: an already started kernel
    (a :class:`WarmKernel`'s) to run on instead of starting one. With one, ``cwd`` is the kernel's
    already and papermill is not given it: papermill changes the whole process's working folder while
    a notebook runs, which two notebooks running at once would leave pointing at the wrong folder (the
    runner's relative paths then fail).
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    begin = time.perf_counter()
    stopped = None
    try:
        # a kernel already started has its environment; setting os.environ here would race with other lanes
        with _kernel_environment() if kernel_manager is None else nullcontext():
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
    return executed, time.perf_counter() - begin


def write_page(executed: Any, html_path: Path, *, private_prefixes: Iterable[tuple[str, str]] = ()) -> float:
    """Write an executed notebook's page (:func:`render_html`, this machine's paths redacted); return the seconds."""
    begin = time.perf_counter()
    html_path.write_text(redact_paths(render_html(executed), private_prefixes), encoding="utf-8")
    return time.perf_counter() - begin


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
    """A ``newskit`` kernel a lane of the runner reuses: started ahead, importing ``imports``, reset between notebooks.

    Importing is most of a short notebook's time (pandas, matplotlib); done while the stages are
    computed, it overlaps with that work. The import runs silently and outside the history, and
    binds no name, so a notebook starts from the same namespace and execution count as in a fresh
    kernel and its outputs do not change; :meth:`reset` makes it so again after a notebook. With no
    ``imports``: a plain new kernel (started in ``cwd``).
    """

    def __init__(self, *, cwd: Path, imports: Iterable[str] = ()):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.kernel_manager = AsyncKernelManager(kernel_name=KERNEL_NAME)
        run_sync(self.kernel_manager.start_kernel)(
            extra_arguments=KERNEL_ARGUMENTS, cwd=str(cwd), env=os.environ | KERNEL_ENV
        )
        self._client = None
        self._execute_silently(_import_code(list(imports)))

    def reset(self) -> None:
        """Make the kernel as new for the next notebook (:data:`RESET_CODE`; modules stay imported).

        Sent ahead of the notebook's cells: the kernel runs what it receives in order.
        """
        self._execute_silently(RESET_CODE)

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
