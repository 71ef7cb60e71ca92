"""Run a per-article function over partitions of work: in this process, a process pool, or Dask.

Every per-article step in the kit is a pure function of one article's rows, so the engine only has
to split the work into partitions, run them, and put results back in a stable order.

- ``local``: partitions run one after another in this process (no pickling, the reference engine).
- ``processes``: loky's process pool (``joblib.externals.loky``, the maintained executor joblib
  runs on: fresh interpreters, no fork), through its public API only; the function is sent with
  cloudpickle, so closures and lambdas work as they do on Dask.
- ``dask``: a ``dask.distributed`` Client, on a LocalCluster (one single-threaded worker process per
  core) by default, or on an existing cluster when ``scheduler`` gives its address
  (``tcp://host:8786``).

Faults: a partition that raises is run again up to ``retries`` times (on Dask, by the scheduler).
A worker that dies is replaced: Dask reschedules its tasks (up to
``distributed.scheduler.allowed-failures``); the process engine starts a new pool and reruns the
partitions the old one held, running alone any partition lost with more than ``retries`` pools, so
that the one that kills its worker is found and only it is reported.
A partition of several items that still fails is run again item by item (with the same retries), so
that a failing item does not take its partition neighbours with it. What still fails does not stop
the others: :class:`PartitionError` is raised at the end, naming the failed items' articles and
carrying every other item's result.
A Dask scheduler that cannot be reached fails within ``connect_timeout`` seconds, naming its address;
so does an address where something else listens: before Dask connects, :func:`check_scheduler` reads
the scheduler's opening handshake with a size bound and a deadline (Dask itself would allocate
whatever length a stranger announces, or wait for ever on a silent port).

Exposure: a LocalCluster started here listens on 127.0.0.1 only (scheduler, workers, dashboard).
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import socket
import struct
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool  # loky's own BrokenProcessPool subclasses it
from functools import lru_cache
from typing import Any, TypeVar

import cloudpickle

from newskit.errors import EngineError, ParameterError
from newskit.schema import ENGINES, Engine

DEFAULT_RETRIES = 2
DEFAULT_CONNECT_TIMEOUT = 5.0
# Several partitions per worker even out uneven articles without paying per-item overhead.
PARTITIONS_PER_WORKER = 4
# How many failed articles an error message lists before it says "and N more".
MAX_LABELS_IN_MESSAGE = 20
# A LocalCluster listens here only: nothing the kit starts is reachable from another machine.
LOOPBACK_HOST = "127.0.0.1"
# A Dask scheduler's opening handshake is ~100 bytes; a stranger announcing more is not a scheduler.
MAX_HANDSHAKE_BYTES = 64 * 1024
MAX_HANDSHAKE_FRAMES = 16
DEFAULT_SCHEDULER_PORT = 8786
# How often a Dask run checks that its cluster still has workers, and how long it may have none.
DASK_POLL_SECONDS = 2.0
NO_WORKERS_TIMEOUT = 60.0

T = TypeVar("T")
R = TypeVar("R")


class PartitionError(EngineError):
    """Some partitions still failed after their retries; the other items' results are kept.

    ``results[i]`` is ``func(items[i])`` for every ``i`` not in ``failed_indices`` (None there);
    ``failed_labels`` names the articles those items held; ``failed_causes`` gives, for each of
    them, the last exception (or how its worker died); ``causes`` has one line per failed
    partition (its items and that cause).
    """

    def __init__(
        self,
        message: str,
        *,
        results: list[Any],
        failed_indices: list[int],
        failed_labels: list[str],
        causes: list[str],
        failed_causes: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.results = results
        self.failed_indices = failed_indices
        self.failed_labels = failed_labels
        self.causes = causes
        self.failed_causes = failed_causes if failed_causes is not None else [""] * len(failed_indices)

    def succeeded(self) -> list[Any]:
        """The results of the items that did not fail, in input order."""
        failed = set(self.failed_indices)
        return [r for i, r in enumerate(self.results) if i not in failed]


def default_workers() -> int:
    """The number of cores this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def split_partitions(n_items: int, *, n_partitions: int) -> list[range]:
    """Contiguous, nearly equal index ranges covering ``range(n_items)``; none is empty.

    >>> split_partitions(10, n_partitions=3)
    [range(0, 4), range(4, 7), range(7, 10)]
    >>> split_partitions(2, n_partitions=5)
    [range(0, 1), range(1, 2)]
    >>> split_partitions(0, n_partitions=4)
    []
    """
    n_partitions = max(1, min(n_partitions, n_items))
    size, extra = divmod(n_items, n_partitions)
    bounds, start = [], 0
    for p in range(n_partitions):
        stop = start + size + (1 if p < extra else 0)
        if stop > start:
            bounds.append(range(start, stop))
        start = stop
    return bounds


def describe_item(item: Any, index: int) -> str:
    """A label for one work item in error messages: its article id(s) when it carries them.

    An item is labelled by the ``article_id`` values of a table, the ``article_id`` key of a
    mapping, or the first element of a tuple when that is a str or int (``(article_id, rows)``) or
    such a mapping or table (``(article, passages)``); anything else by its position.

    >>> describe_item(("bbc-0042", "text"), 7)
    'bbc-0042'
    >>> describe_item({"article_id": "cnn-9", "text": "..."}, 3)
    'cnn-9'
    >>> describe_item(({"article_id": "nyt-1"}, [{"text": "..."}]), 4)
    'nyt-1'
    >>> describe_item(3.5, 12)
    'item 12'
    """
    columns = getattr(item, "columns", None)
    if columns is not None and "article_id" in columns:
        return ", ".join(str(a) for a in dict.fromkeys(item["article_id"]))
    if isinstance(item, dict) and "article_id" in item:
        return str(item["article_id"])
    if isinstance(item, tuple) and item:
        head = item[0]
        if isinstance(head, str | int):
            return str(head)
        if isinstance(head, dict) or getattr(head, "columns", None) is not None:
            return describe_item(head, index)
    return f"item {index}"


def run_partition(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[func(item) for item in items]``: the unit of work every engine ships."""
    return [func(item) for item in items]


@lru_cache(maxsize=8)
def _load_function(blob: bytes) -> Callable:
    return cloudpickle.loads(blob)


def _run_pickled_partition(blob: bytes, items: Sequence[Any]) -> list[Any]:
    """Process-pool side of :func:`run_partition`: the function arrives cloudpickled, once per worker."""
    return run_partition(_load_function(blob), items)


def describe_exception(error: BaseException) -> str:
    """``"ValueError: first line of the message"``: one line for an error report.

    >>> describe_exception(ValueError("bad value\\nmore"))
    'ValueError: bad value'
    """
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


class EngineSession:
    """An open engine (a process pool, a Dask client, or nothing for ``local``) reused across calls.

    Open one with :func:`open_engine`; pass it as ``scheduler=`` to :func:`map_items` (and so to
    ``pipeline.claims_table``) to run many chunks without starting workers for each.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        n_workers: int,
        retries: int,
        partitions_per_worker: int = PARTITIONS_PER_WORKER,
        client: Any = None,
        pool_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.engine = engine
        self.n_workers = n_workers
        self.retries = retries
        self.partitions_per_worker = partitions_per_worker
        self.client = client
        self._pool: Any = None  # a loky ProcessPoolExecutor
        self._pool_factory = pool_factory

    def __repr__(self) -> str:
        where = f", scheduler={self.client.scheduler.address!r}" if self.client is not None else ""
        return f"EngineSession({self.engine!r}, n_workers={self.n_workers}{where})"

    def map(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        *,
        partition_size: int | None = None,
        labels: Sequence[str] | None = None,
    ) -> list[R]:
        """``[func(item) for item in items]`` on this engine, in the order of ``items``.

        Raises PartitionError (with the other results attached) when partitions fail after retries.
        """
        items = list(items)
        if partition_size is not None:
            if partition_size < 1:
                raise ParameterError(f"partition_size must be >= 1, got {partition_size}")
            n_partitions = math.ceil(len(items) / partition_size)
        else:
            n_partitions = self.n_workers * self.partitions_per_worker
        partitions = split_partitions(len(items), n_partitions=n_partitions)
        outcomes = self._run(func, [items[r.start : r.stop] for r in partitions])
        # A failed partition of several items is run again one item per partition: only the items
        # that fail on their own are reported, their neighbours' results are kept.
        split: list[range] = []
        split_outcomes: list[list | str] = []
        for span, outcome in zip(partitions, outcomes, strict=True):
            # On Dask a worker's death also counts against the tasks that shared the worker, so a
            # partition lost to KilledWorker gets one more run (alone) even when it holds one item.
            if isinstance(outcome, str) and (len(span) > 1 or outcome.startswith("KilledWorker")):
                singles = [range(i, i + 1) for i in span]
                split.extend(singles)
                split_outcomes.extend(self._run(func, [[items[i]] for i in span]))
            else:
                split.append(span)
                split_outcomes.append(outcome)
        return _assemble(items, split, split_outcomes, labels=labels, attempts=self.retries + 1)

    def _run(self, func: Callable, chunks: list[list]) -> list[list | str]:
        if not chunks:
            return []
        if self.engine == "local":
            return self._run_local(func, chunks)
        if self.engine == "processes":
            return self._run_processes(func, chunks)
        return self._run_dask(func, chunks)

    # Each runner returns, per partition, either its list of results or a string saying why it failed.
    def _run_local(self, func: Callable, chunks: list[list]) -> list[list | str]:
        outcomes: list[list | str] = []
        for chunk in chunks:
            for attempt in range(self.retries + 1):
                try:
                    outcomes.append(run_partition(func, chunk))
                    break
                except Exception as error:  # noqa: BLE001 - reported with the articles it held
                    if attempt == self.retries:
                        outcomes.append(describe_exception(error))
        return outcomes

    def _run_processes(self, func: Callable, chunks: list[list]) -> list[list | str]:
        try:
            blob = cloudpickle.dumps(func)
        except Exception as error:
            raise EngineError(
                f"engine='processes': the function {func!r} cannot be pickled "
                f"({describe_exception(error)}); pass a module-level function or functools.partial"
            ) from None
        outcomes: list[list | str | None] = [None] * len(chunks)
        errors = [0] * len(chunks)  # exceptions raised by the partition itself
        breaks = [0] * len(chunks)  # pools that died while the partition was in flight
        todo = list(range(len(chunks)))
        while todo:
            # A partition lost with more than `retries` dead pools may just have shared them with the
            # culprit: it gets a run on its own, which decides.
            shared = [p for p in todo if breaks[p] <= self.retries]
            alone = [[p] for p in todo if breaks[p] > self.retries]
            todo = []
            for batch in ([shared] if shared else []) + alone:
                pool = self._open_pool()
                futures = {}
                for p in batch:
                    try:
                        futures[pool.submit(_run_pickled_partition, blob, chunks[p])] = p
                    except (BrokenProcessPool, OSError) as error:
                        # The pool broke under an earlier partition (possibly while starting the
                        # worker for this one): run this one again on the next pool.
                        breaks[p] += 1
                        if len(batch) == 1 and breaks[p] > self.retries:
                            outcomes[p] = f"the process pool could not start it ({describe_exception(error)})"
                        else:
                            todo.append(p)
                for future in as_completed(futures):
                    p = futures[future]
                    try:
                        outcomes[p] = future.result()
                        continue
                    except BrokenProcessPool:
                        # A worker died (killed, out of memory, os._exit): every partition in flight is
                        # lost with the pool; start a new pool and run them again.
                        self._discard_pool()
                        breaks[p] += 1
                        if len(batch) == 1 and breaks[p] > self.retries:
                            outcomes[p] = f"a worker process died each of the {breaks[p]} times it ran"
                        else:
                            todo.append(p)
                        continue
                    except Exception as error:  # noqa: BLE001 - reported with the articles it held
                        reason = describe_exception(error)
                    errors[p] += 1
                    if errors[p] <= self.retries:
                        todo.append(p)
                    else:
                        outcomes[p] = reason
                if len(futures) < len(batch):
                    self._discard_pool()
            todo.sort()
        return outcomes  # type: ignore[return-value]

    def _open_pool(self) -> Any:
        if self._pool is None:
            if self._pool_factory is None:
                raise EngineError("this engine session is closed; open a new one with open_engine()")
            self._pool = self._pool_factory()
        return self._pool

    def _discard_pool(self) -> None:
        """Stop a pool that broke (a worker died) without hanging, before a new one starts.

        ``shutdown(wait=False, kill_workers=True)`` is loky's public way to stop a pool whose workers
        may be stuck or dead: it kills them and returns at once.
        """
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, kill_workers=True)

    def _close_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def _run_dask(self, func: Callable, chunks: list[list]) -> list[list | str]:
        run_id = uuid.uuid4().hex[:12]
        # Data travels in the task itself (not scattered) so that Dask can rerun a partition on
        # another worker when the one holding it dies.
        futures = [
            self.client.submit(
                run_partition, func, chunk, key=f"newskit-partition-{run_id}-{p}", pure=False,
                retries=self.retries,
            )
            for p, chunk in enumerate(chunks)
        ]
        try:
            stalled = self._wait_dask(futures)
            outcomes: list[list | str] = []
            for future in futures:
                if stalled and not future.done():
                    future.cancel()
                    outcomes.append(stalled)
                    continue
                try:  # a result lost with its worker is being recomputed: this waits for it
                    outcomes.append(future.result())
                except Exception as error:  # noqa: BLE001 - reported with the articles it held
                    outcomes.append(describe_exception(error))
            return outcomes
        finally:
            for future in futures:
                future.release()

    def _wait_dask(self, futures: list) -> str:
        """Wait for every future, unless the cluster has had no worker for NO_WORKERS_TIMEOUT seconds.

        A Nanny whose worker dies while starting gives up, so a cluster can lose every worker and its
        tasks would wait for ever. Returns "" when every future is done, else the reason to give the
        futures still pending.
        """
        no_workers_since: float | None = None
        # A finished future can turn pending again when the worker holding its result dies (Dask
        # recomputes it), so wait until every future is done at once.
        while pending := [future for future in futures if not future.done()]:
            future = pending[0]
            while not future.done():
                try:
                    future.result(timeout=DASK_POLL_SECONDS)
                except TimeoutError:
                    pass
                except Exception:  # noqa: BLE001 - the task's own error, read again by the caller
                    break
                if future.done():
                    break
                if len(self.client.scheduler_info(n_workers=-1).get("workers", {})):
                    no_workers_since = None
                elif no_workers_since is None:
                    no_workers_since = time.monotonic()
                elif time.monotonic() - no_workers_since > NO_WORKERS_TIMEOUT:
                    return (
                        f"the Dask cluster at {self.client.scheduler.address} had no worker for "
                        f"{NO_WORKERS_TIMEOUT:g} s (its workers died and were not replaced)"
                    )
        return ""

    def close(self) -> None:
        """Shut down what this session started (a pool, a LocalCluster); leave outside clusters up."""
        self._close_pool()
        self._pool_factory = None


def _assemble(
    items: list,
    partitions: list[range],
    outcomes: list[list | str],
    *,
    labels: Sequence[str] | None,
    attempts: int,
) -> list:
    results: list = [None] * len(items)
    failed: list[int] = []
    causes: list[str] = []
    failed_causes: list[str] = []
    for span, outcome in zip(partitions, outcomes, strict=True):
        if isinstance(outcome, str):
            failed.extend(span)
            failed_causes.extend([outcome] * len(span))
            held = f"item {span.start}" if len(span) == 1 else f"items {span.start}-{span.stop - 1}"
            causes.append(f"{held}: {outcome}")
        else:
            results[span.start : span.stop] = outcome
    if not failed:
        return results
    failed_labels = [labels[i] if labels is not None else describe_item(items[i], i) for i in failed]
    shown = "; ".join(failed_labels[:MAX_LABELS_IN_MESSAGE])
    more = f" and {len(failed_labels) - MAX_LABELS_IN_MESSAGE} more" if len(failed) > MAX_LABELS_IN_MESSAGE else ""
    raise PartitionError(
        f"{len(failed)} of {len(items)} items failed after {attempts} attempt(s) and are missing from "
        f"the results: {shown}{more}. Cause(s): {' | '.join(causes)}. The other items' results are on "
        "this error's .results (see .failed_indices); rerun the failed articles with engine='local' "
        "to see the full traceback.",
        results=results,
        failed_indices=failed,
        failed_labels=failed_labels,
        causes=causes,
        failed_causes=failed_causes,
    )


def _check_options(engine: str, n_workers: int | None, retries: int) -> int:
    if engine not in ENGINES:
        raise ParameterError(f"engine must be one of {list(ENGINES)}, got {engine!r}")
    if n_workers is not None and (not isinstance(n_workers, int) or n_workers < 1):
        raise ParameterError(f"n_workers must be a positive integer, got {n_workers!r}")
    if not isinstance(retries, int) or retries < 0:
        raise ParameterError(f"retries must be a non-negative integer, got {retries!r}")
    return n_workers if n_workers is not None else default_workers()


def _unreachable(scheduler: str, connect_timeout: float, why: str) -> EngineError:
    return EngineError(
        f"the Dask scheduler at {scheduler!r} cannot be reached within {connect_timeout:g} s "
        f"({why}); check the address (e.g. tcp://host:8786), that "
        "`dask scheduler` is running there and that the port is open, or use engine='local'"
    )


def _not_a_scheduler(scheduler: str, why: str) -> EngineError:
    return EngineError(
        f"the address {scheduler!r} does not answer as a Dask scheduler ({why}); check the address "
        "and port (a Dask scheduler listens on tcp://host:8786 by default, its dashboard on another "
        "port), or use engine='local'"
    )


def _receive(sock: socket.socket, n_bytes: int, deadline: float) -> bytes:
    """Exactly ``n_bytes`` from ``sock`` before ``deadline`` (TimeoutError), or fewer if it closes."""
    data = bytearray()
    while len(data) < n_bytes:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        sock.settimeout(left)
        piece = sock.recv(min(n_bytes - len(data), 65536))
        if not piece:
            break
        data.extend(piece)
    return bytes(data)


def _excerpt(data: bytes, limit: int = 24) -> str:
    return repr(data[:limit]) + (" ..." if len(data) > limit else "")


def _handshake_message(body: bytes) -> Any:
    """Decode Dask's framed msgpack handshake, every length checked against what arrived."""
    import msgpack

    if len(body) < 16:
        raise ValueError("too short")
    (n_frames,) = struct.unpack_from("Q", body)
    if not 1 <= n_frames <= MAX_HANDSHAKE_FRAMES or len(body) < 8 * (1 + n_frames):
        raise ValueError(f"{n_frames} frames announced")
    lengths = struct.unpack_from(f"{n_frames}Q", body, 8)
    start = 8 * (1 + n_frames)
    if start + sum(lengths) != len(body):
        raise ValueError("frame lengths do not add up")
    return msgpack.unpackb(body[start : start + lengths[0]], raw=False, strict_map_key=False)


def check_scheduler(scheduler: str, *, connect_timeout: float = DEFAULT_CONNECT_TIMEOUT) -> None:
    """Raise EngineError unless a Dask scheduler answers at ``scheduler`` within ``connect_timeout`` s.

    A Dask server speaks first: on accepting a connection it sends its handshake, an 8-byte length
    and a small msgpack message. This reads it with a deadline and a size bound, so a port that
    answers something else, or accepts and stays silent, is refused within the timeout (Dask itself
    would allocate the announced length, or wait for ever). A refused connection is retried until
    the deadline (the scheduler may be starting). The handshake is echoed back so the scheduler sees
    an ordinary client that closed. Only ``tcp://`` (or scheme-less) addresses are checked; TLS and
    other transports are left to Dask.
    """
    from distributed.comm.addressing import parse_address, parse_host_port

    deadline = time.monotonic() + connect_timeout
    try:
        scheme, location = parse_address(scheduler)
        if scheme != "tcp":
            return
        host, port = parse_host_port(location, default_port=DEFAULT_SCHEDULER_PORT)
    except (TypeError, ValueError) as error:
        raise ParameterError(
            f"scheduler {scheduler!r} is not a Dask scheduler address like tcp://host:8786 "
            f"({describe_exception(error)})"
        ) from None
    sock = None
    delay = 0.05
    while sock is None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _unreachable(scheduler, connect_timeout, "no connection")
        try:
            sock = socket.create_connection((host, port), timeout=left)
        except (ConnectionRefusedError, ConnectionResetError) as error:
            if deadline - time.monotonic() <= delay:
                raise _unreachable(scheduler, connect_timeout, describe_exception(error)) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except (TimeoutError, OSError) as error:
            raise _unreachable(scheduler, connect_timeout, describe_exception(error)) from None
    with sock:
        try:
            header = _receive(sock, 8, deadline)
            if len(header) < 8:
                raise _not_a_scheduler(
                    scheduler, f"it closed the connection after {_excerpt(header)} instead of a handshake"
                )
            (n_bytes,) = struct.unpack("Q", header)
            if not 16 <= n_bytes <= MAX_HANDSHAKE_BYTES:
                raise _not_a_scheduler(scheduler, f"its first bytes are {_excerpt(header)}")
            body = _receive(sock, n_bytes, deadline)
        except TimeoutError:
            raise _not_a_scheduler(
                scheduler, f"it accepted the connection but sent no Dask handshake within {connect_timeout:g} s"
            ) from None
        except OSError as error:
            raise _unreachable(scheduler, connect_timeout, describe_exception(error)) from None
        try:
            if len(body) < n_bytes:
                raise ValueError("cut short")
            message = _handshake_message(body)
        except Exception:  # noqa: BLE001 - any decoding failure means the same thing
            message = None
        if not isinstance(message, dict) or "python" not in message:
            raise _not_a_scheduler(scheduler, f"its first message is {_excerpt(header + body)}, not a Dask handshake")
        with contextlib.suppress(OSError):
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            sock.sendall(header + body)


def _connect_dask(scheduler: str, *, connect_timeout: float) -> Any:
    from distributed import Client

    started = time.monotonic()
    check_scheduler(scheduler, connect_timeout=connect_timeout)
    left = max(1.0, connect_timeout - (time.monotonic() - started))
    try:
        return Client(scheduler, timeout=left, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise _unreachable(scheduler, connect_timeout, describe_exception(error)) from None


@contextlib.contextmanager
def open_engine(
    engine: Engine = "local",
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    retries: int = DEFAULT_RETRIES,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> Iterator[EngineSession]:
    """Start (or connect to) an engine for the ``with`` block and shut down what was started.

    ``n_workers`` defaults to the cores available; it sizes the process pool or the LocalCluster
    (one single-threaded worker process each). With ``engine="dask"`` and a ``scheduler`` address,
    the existing cluster is used as it is (its workers, its size) and left running afterwards.
    """
    n_workers = _check_options(engine, n_workers, retries)
    if scheduler is not None and engine != "dask":
        raise ParameterError(f"scheduler={scheduler!r} is a Dask scheduler address; it needs engine='dask'")
    if engine == "local":
        yield EngineSession("local", n_workers=1, retries=retries)
        return
    if engine == "processes":
        # loky starts fresh interpreters (no fork: this process may run threads, Dask clients, Arrow)
        # and marks every future of a pool whose worker died with TerminatedWorkerError.
        from joblib.externals.loky import ProcessPoolExecutor

        def factory() -> Any:
            return ProcessPoolExecutor(max_workers=n_workers)

        session = EngineSession("processes", n_workers=n_workers, retries=retries, pool_factory=factory)
        try:
            yield session
        finally:
            session.close()
        return
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            from distributed import Client, LocalCluster

            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=n_workers, threads_per_worker=1, processes=True, host=LOOPBACK_HOST,
                    dashboard_address=f"{LOOPBACK_HOST}:0", silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster, set_as_default=False))
        else:
            client = stack.enter_context(_connect_dask(scheduler, connect_timeout=connect_timeout))
            n_workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        yield EngineSession("dask", n_workers=n_workers, retries=retries, client=client)


def map_items(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    engine: Engine = "local",
    scheduler: str | EngineSession | None = None,
    n_workers: int | None = None,
    retries: int = DEFAULT_RETRIES,
    partition_size: int | None = None,
    labels: Sequence[str] | None = None,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> list[R]:
    """``[func(item) for item in items]`` on the chosen engine, results in the order of ``items``.

    ``scheduler`` is a Dask scheduler address (``tcp://host:8786``) or an open
    :class:`EngineSession` to reuse (its engine must be ``engine``). Items go out in contiguous
    partitions (``partition_size`` items each, or ``PARTITIONS_PER_WORKER`` per worker); ``labels``
    name the items in error messages (default: :func:`describe_item`). ``func`` must be picklable by
    cloudpickle for ``processes`` and ``dask`` and must not rely on state mutated by other items.
    Raises PartitionError, carrying the other results, when a partition fails after ``retries``.
    """
    if labels is not None and len(labels) != len(items):
        raise ParameterError(f"labels has {len(labels)} entries for {len(items)} items")
    options = {"n_workers": n_workers, "retries": retries, "connect_timeout": connect_timeout}
    with use_engine(engine, scheduler, **options) as session:
        return session.map(func, items, partition_size=partition_size, labels=labels)


@contextlib.contextmanager
def use_engine(
    engine: Engine = "local",
    scheduler: str | EngineSession | None = None,
    **options: Any,
) -> Iterator[EngineSession]:
    """The open session passed as ``scheduler`` (it must run ``engine``), else one opened for the block.

    ``options`` (``n_workers``, ``retries``, ``connect_timeout``) go to :func:`open_engine`.
    """
    if isinstance(scheduler, EngineSession):
        if scheduler.engine != engine:
            raise ParameterError(
                f"engine={engine!r} but the open session passed as scheduler runs {scheduler.engine!r}"
            )
        yield scheduler
        return
    with open_engine(engine, scheduler=scheduler, **options) as session:
        yield session
