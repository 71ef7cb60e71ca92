"""Run a per-article function over partitions of work: in this process, a process pool, or Dask.

Every per-article step in the kit is a pure function of one article's rows, so the engine only has
to split the work into partitions, run them, and put results back in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

Engine = Literal["local", "processes", "dask"]
ENGINES: tuple[str, ...] = ("local", "processes", "dask")

T = TypeVar("T")
R = TypeVar("R")


def map_items(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    engine: Engine = "local",
    scheduler: str | None = None,
    **options: Any,
) -> list[R]:
    """``[func(item) for item in items]`` on the chosen engine, results in the order of ``items``.

    ``func`` must be a picklable module-level function for ``processes`` and ``dask``.
    """
    if engine == "local":
        return [func(item) for item in items]
    raise NotImplementedError(f"engine {engine!r} is not implemented yet")
