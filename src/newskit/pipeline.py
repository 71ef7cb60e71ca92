"""Claims on an engine: :func:`claims_table` in memory, :func:`run_claims_stream` from a corpus to a file.

:func:`claims_table` runs ``figures.claims_for_article`` on the chosen engine, one article per item;
an article whose extraction fails is reported (``claims.attrs["failures"]``, a NewskitWarning naming
it) and every other article's claims are kept (:func:`map_articles` does that for any per-article
function).

Streaming: read a chunk, clean it, extract its claims, append them, repeat.

Memory holds one chunk of articles (and its claims) at a time, whatever the corpus size. Each chunk
is cut into slices that the engine runs in parallel; a slice is cleaned and its claims extracted in
the same worker (:func:`process_articles`), so articles travel once and come back as claims. The
result is the table the in-memory path gives (``load_corpus`` -> ``clean_articles`` ->
``claims_table``), written as Parquet (one row group per chunk) or CSV.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newskit.clean import clean_articles
from newskit.corpus import iter_corpus, load_corpus
from newskit.engine import (
    PARTITIONS_PER_WORKER,
    Engine,
    EngineSession,
    PartitionError,
    describe_exception,
    map_items,
    open_engine,
    split_partitions,
    use_engine,
)
from newskit.errors import NewskitWarning, ParameterError, kept_warnings, warn_again, warn_caught
from newskit.paths import INTERIM_DIR, sha256_file
from newskit.schema import (
    CLAIM_COLUMNS,
    DEFAULT_CHUNK_SIZE,
    DROPPED_COLUMNS,
    EXTRACTION_ARTICLE_COLUMNS,
    FAILURE_COLUMNS,
    PASSAGE_COLUMNS,
    WARNING_COLUMNS,
    conform_table,
    validate_columns,
    validate_table,
)
from newskit.tables import write_csv

OUTPUT_SUFFIXES = (".parquet", ".csv")

_STRING = pa.large_string()
# One fixed schema for every chunk: a chunk whose column happens to be all-null must not change it.
CLAIM_ARROW_TYPES: dict[str, pa.DataType] = {
    "article_id": _STRING, "passage_id": _STRING, "outlet": _STRING,
    "published": pa.timestamp("ns"), "as_of": pa.timestamp("ns"),
    "start": pa.int64(), "end": pa.int64(), "surface": _STRING, "value": pa.float64(),
    "unit": _STRING, "bound": _STRING, "low": pa.float64(), "high": pa.float64(),
    "outcome": _STRING, "group": _STRING, "place": _STRING, "scope": _STRING, "source": _STRING,
    "source_type": _STRING, "parent": pa.int64(), "sentence": _STRING, "rules": _STRING, "flags": _STRING,
}
CLAIM_ARROW_SCHEMA = pa.schema([(name, CLAIM_ARROW_TYPES[name]) for name in CLAIM_COLUMNS])

if TYPE_CHECKING:
    from newskit.figures import Conventions
    from newskit.topics.stage import TopicStage
    from newskit.vocabulary import Vocabulary

R = TypeVar("R")


# The extractor (and NLTK under it, ~1-2 s with scikit-learn and SciPy) loads when claims are first
# computed, not when a notebook imports the pipeline to read stage files. These are module attributes,
# so an engine's workers and tests that replace one see the same names.
def claims_for_article(item: tuple[dict, Any]) -> list[dict]:
    """:func:`newskit.figures.claims_for_article` (imported on first call)."""
    from newskit.figures import claims_for_article as extract

    return extract(item)


def article_items(passages: pd.DataFrame, articles: pd.DataFrame, **options: Any) -> list[tuple[dict, Any]]:
    """:func:`newskit.figures.article_items` (imported on first call)."""
    from newskit.figures import article_items as items

    return items(passages, articles, **options)


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """:func:`newskit.figures.claims_frame` (imported on first call)."""
    from newskit.figures import claims_frame as frame

    return frame(rows)


def load_vocabulary(path: str | Path | None) -> Vocabulary:
    """:func:`newskit.vocabulary.load_vocabulary` (imported on first call)."""
    from newskit.vocabulary import load_vocabulary as load

    return load(path)

# How many failed article ids a warning lists before it says "and N more".
MAX_IDS_IN_WARNING = 20
# How much of each article's error the warning shows (the failures rows keep all of its first line).
MAX_ERROR_CHARS = 200


def run_guarded(func: Callable[[Any], R], item: tuple[dict, Any]) -> tuple[R | None, dict | None]:
    """``(func(item), None)``, or ``(None, failure row)`` when ``func`` raises on this article.

    ``item`` is ``(article, ...)`` with ``article["article_id"]``; a failure row is
    ``{"article_id": ..., "error": "ValueError: ..."}``. Catching here, per article, is what keeps
    one bad article from taking the other articles of its partition (or slice) with it.
    """
    try:
        return func(item), None
    except Exception as error:  # noqa: BLE001 - reported with the article's id, the others kept
        return None, {"article_id": item[0]["article_id"], "error": describe_exception(error)}


def map_articles(
    func: Callable[[Any], R],
    items: Sequence[tuple[dict, Any]],
    *,
    engine: Engine = "local",
    scheduler: str | EngineSession | None = None,
) -> tuple[list[R | None], list[dict]]:
    """``func`` on each ``(article, ...)`` item on an engine; an article that fails costs only itself.

    Returns ``(results, failures)``: ``results[i]`` is ``func(items[i])``, or None for an article
    that raised, or killed its worker on every retry; ``failures`` has one row (``article_id``,
    ``error``) per such article, in item order. Every other article's result is kept, on every
    engine. ``engine`` and ``scheduler`` are :func:`newskit.engine.map_items`'s.
    """
    items = list(items)
    if not items:
        return [], []
    labels = [str(article["article_id"]) for article, *_ in items]
    try:
        outcomes = map_items(partial(run_guarded, func), items, engine=engine, scheduler=scheduler, labels=labels)
    except PartitionError as error:
        # Only a worker that died gets here (exceptions are caught per article); the engine has
        # rerun a failed partition's items one by one, so each failed item is an article that kills.
        outcomes = list(error.results)
        for index, cause in zip(error.failed_indices, error.failed_causes, strict=True):
            outcomes[index] = (None, {"article_id": items[index][0]["article_id"], "error": cause})
    return [result for result, _ in outcomes], [failure for _, failure in outcomes if failure is not None]


def _shorten(text: str, limit: int = MAX_ERROR_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def warn_failures(failures: list[dict], *, n_articles: int, where: str, stacklevel: int = 2) -> None:
    """One NewskitWarning naming the failed articles (the first MAX_IDS_IN_WARNING) and their errors."""
    if not failures:
        return
    shown = "; ".join(f"{f['article_id']} ({_shorten(f['error'])})" for f in failures[:MAX_IDS_IN_WARNING])
    more = f" and {len(failures) - MAX_IDS_IN_WARNING} more" if len(failures) > MAX_IDS_IN_WARNING else ""
    warnings.warn(
        f"{where}: {len(failures)} of {n_articles} articles failed extraction and have no claims: "
        f"{shown}{more}. Every other article's claims are kept; rerun the failed ones with "
        "newskit.figures.claims_table to see the traceback.",
        NewskitWarning,
        stacklevel=stacklevel + 1,
    )


def failures_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The articles whose extraction failed, as a table (``article_id``, ``error``); empty if none.

    Reads ``claims.attrs["failures"]``, set by :func:`claims_table`.
    """
    return pd.DataFrame(list(claims.attrs.get("failures", [])), columns=FAILURE_COLUMNS)


def claims_table(
    passages: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    engine: Engine = "local",
    scheduler: str | EngineSession | None = None,
    conventions: Conventions | None = None,
    vocabulary: Vocabulary | None = None,
) -> pd.DataFrame:
    """``figures.claims_table`` on an engine; a failing article costs only itself.

    ``engine`` and ``scheduler`` are :func:`newskit.engine.map_items`'s. The table is the one
    ``figures.claims_table`` gives, on every engine, less the claims of articles whose extraction
    raised (or killed its worker every time it ran): those are listed in ``claims.attrs["failures"]``
    (dicts with ``article_id`` and ``error``; :func:`failures_table` gives them as a table) and
    named in one NewskitWarning. Empty input gives an empty table and no failures.

    ``local`` runs one article per item. The ``processes`` and ``dask`` engines get slices (a run of
    articles and their passages, as tables: the text travels once per slice, and the items and the
    claims table of a slice are built in its worker), so the calling process does little but cut
    and join; a slice whose worker died runs again article by article.
    """
    if conventions is None:
        from newskit.figures import DEFAULT_CONVENTIONS as conventions
    options = {"conventions": conventions, "vocabulary": vocabulary}
    if engine != "local" and _sliceable(passages, articles):
        with use_engine(engine, scheduler) as session:
            spans = split_partitions(len(articles), n_partitions=session.n_workers * session.partitions_per_worker)
            results = _run_slices(session, partial(claims_of_slice, claims_for_article, options),
                                  _article_slices(passages, articles, spans), split=_article_singles)
        claims = _join_claims([result.claims for result in results])
        failures = [failure for result in results for failure in result.failures]
        n_articles = passages["article_id"].nunique()
    else:
        items = article_items(passages, articles, **options)
        per_article, failures = map_articles(claims_for_article, items, engine=engine, scheduler=scheduler)
        claims = claims_frame([row for rows in per_article if rows for row in rows])
        n_articles = len(items)
    claims.attrs["failures"] = failures
    warn_failures(failures, n_articles=n_articles, where=f"claims table (engine {engine!r})")
    return claims


def _sliceable(passages: pd.DataFrame, articles: pd.DataFrame) -> bool:
    """Whether slices give the per-article table: unique article ids, every passage's article among them.

    Otherwise (or for empty passages) the per-article path runs, which warns about unknown articles here.
    """
    validate_columns(passages, ["article_id", "passage_id", "text"], table_name="passages")
    validate_columns(articles, ["article_id", "outlet", "published"], table_name="articles")
    ids = articles["article_id"]
    return not passages.empty and not ids.duplicated().any() and bool(passages["article_id"].isin(ids).all())


def _article_slices(
    passages: pd.DataFrame, articles: pd.DataFrame, spans: list[range]
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """``(passages, articles)`` per span of consecutive articles, passages in their table order, with the
    columns extraction reads only (the text travels once, in the passages)."""
    passages = passages[PASSAGE_COLUMNS]
    articles = articles[[c for c in EXTRACTION_ARTICLE_COLUMNS if c in articles]]
    slice_of = np.empty(len(articles), dtype=np.int64)
    for number, span in enumerate(spans):
        slice_of[span.start : span.stop] = number
    numbers = passages["article_id"].map(pd.Series(slice_of, index=articles["article_id"].to_numpy()))
    groups = dict(list(passages.groupby(numbers.to_numpy(), sort=False)))
    return [(groups.get(number, passages.iloc[0:0]), articles.iloc[span.start : span.stop])
            for number, span in enumerate(spans)]


def _article_singles(item: tuple[pd.DataFrame, pd.DataFrame]) -> list[tuple[Any, tuple[pd.DataFrame, pd.DataFrame]]]:
    """A slice as one slice per article: ``(article_id, (its passages, its row))``."""
    passages, articles = item
    return [(article_id, (passages[passages["article_id"] == article_id], articles.iloc[i : i + 1]))
            for i, article_id in enumerate(articles["article_id"])]


def claims_of_slice(
    extract: Callable[[Any], list[dict]], options: dict[str, Any], item: tuple[pd.DataFrame, pd.DataFrame]
) -> SliceResult:
    """``extract`` on each article of ``item`` (its passages, its articles), as one claims table.

    ``options`` go to :func:`article_items`. An article whose extraction raises is in ``failures``
    (``article_id``, ``error``), in article order; the other articles' claims are kept.
    """
    passages, articles = item
    outcomes = [run_guarded(extract, one) for one in article_items(passages, articles, **options)]
    claims = claims_frame([row for rows, _ in outcomes if rows for row in rows])
    return SliceResult(len(articles), len(passages), 0, claims, [f for _, f in outcomes if f is not None])


def _join_claims(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Claims tables one after another (an empty claims table when none has rows), with the dtypes one
    table of all their rows has: a text column that is all null in one table (object) and text in
    another (str) is str, as pandas infers it for the rows together."""
    frames = [frame for frame in frames if not frame.empty]
    return pd.concat(frames, ignore_index=True).infer_objects() if frames else claims_frame([])


@dataclass
class StreamCounts:
    """What a streaming run read, kept, reported and wrote.

    ``articles`` counts the articles read (after the corpus reader dropped ``dropped_rows``, each a
    dict with ``source_path``, ``row`` and ``reason``); ``failed_articles`` are the ids of articles
    whose cleaning or extraction failed (raised, or killed its worker after the retries): they have no
    claims in the output. ``failures`` has one dict per such article: ``article_id`` and ``error``.
    """

    articles: int = 0
    passages: int = 0
    removals: int = 0
    claims: int = 0
    chunks: int = 0
    dropped_rows: list[dict] = field(default_factory=list)
    failed_articles: list[str] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "passages": self.passages, "removals": self.removals,
            "claims": self.claims, "chunks": self.chunks, "dropped_rows": len(self.dropped_rows),
            "failed_articles": len(self.failed_articles),
        }


@dataclass
class SliceResult:
    """What one slice of articles gives back from a worker: counts, claims, and the articles that failed."""

    n_articles: int
    n_passages: int
    n_removals: int
    claims: pd.DataFrame
    failures: list[dict] = field(default_factory=list)


def _clean_guarded(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """``clean_articles`` on a slice; when it raises, article by article, so one bad text costs only itself."""
    try:
        return (*clean_articles(articles), [])
    except Exception:  # noqa: BLE001 - found again below, article by article
        pass
    passages, removals, failures = [], [], []
    for i in range(len(articles)):
        one = articles.iloc[i : i + 1]
        try:
            kept, dropped = clean_articles(one)
        except Exception as error:  # noqa: BLE001 - reported with the article's id
            failures.append({"article_id": one["article_id"].iloc[0], "error": describe_exception(error)})
            continue
        passages.append(kept)
        removals.append(dropped)
    empty_passages, empty_removals = clean_articles(articles.iloc[0:0])
    return (
        pd.concat([empty_passages, *passages], ignore_index=True),
        pd.concat([empty_removals, *removals], ignore_index=True),
        failures,
    )


def process_articles(articles: pd.DataFrame) -> SliceResult:
    """Clean a slice of articles and extract its claims, in one worker; a failing article costs only itself.

    Its claims are those of ``figures.claims_table``, less any article whose cleaning or extraction
    raised: that one is in ``failures`` (``article_id``, ``error``) and the rest of the slice is kept.
    """
    passages, removals, failures = _clean_guarded(articles)
    extracted = claims_of_slice(claims_for_article, {}, (passages, articles))
    failures.extend(extracted.failures)
    order = {aid: n for n, aid in enumerate(articles["article_id"])}
    failures.sort(key=lambda f: order.get(f["article_id"], len(order)))
    return SliceResult(len(articles), len(passages), len(removals), extracted.claims, failures)


class _ClaimsWriter:
    """Appends claims chunk by chunk to a Parquet or CSV file, written under a temporary name first.

    Parquet gets one row group per chunk; CSV has a header even when no claim is found.
    """

    def __init__(self, out_path: Path) -> None:
        self.out_path = out_path
        self.partial_path = out_path.with_name(out_path.name + ".partial")
        self.parquet = out_path.suffix.lower() == ".parquet"
        out_path.parent.mkdir(parents=True, exist_ok=True)
        if self.parquet:
            self._writer = pq.ParquetWriter(self.partial_path, CLAIM_ARROW_SCHEMA)
        else:
            self._handle = self.partial_path.open("w", encoding="utf-8", newline="")
            self._handle.write(",".join(CLAIM_COLUMNS) + "\n")

    def write(self, frames: list[pd.DataFrame]) -> None:
        frames = [f for f in frames if not f.empty]
        if not frames:
            return
        claims = pd.concat(frames, ignore_index=True)[CLAIM_COLUMNS]
        if self.parquet:
            table = pa.Table.from_pandas(claims, schema=CLAIM_ARROW_SCHEMA, preserve_index=False)
            self._writer.write_table(table)
        else:
            write_csv(_csv_ready(claims), self._handle, header=False)

    def close(self, *, keep: bool) -> None:
        if self.parquet:
            self._writer.close()
        else:
            self._handle.close()
        if keep:
            os.replace(self.partial_path, self.out_path)
        else:
            self.partial_path.unlink(missing_ok=True)


def _csv_ready(claims: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text the same way in every chunk (pandas would pick a format per chunk)."""
    claims = claims.copy()
    for column in ("published", "as_of"):
        claims[column] = claims[column].map(_iso_datetime)
    return claims


def _iso_datetime(value: object) -> str:
    """``YYYY-MM-DD`` for a midnight timestamp, full ISO otherwise, empty for a missing date.

    >>> _iso_datetime(pd.Timestamp("2024-01-05")), _iso_datetime(pd.Timestamp("2024-01-05 14:30"))
    ('2024-01-05', '2024-01-05T14:30:00')
    >>> _iso_datetime(pd.NaT)
    ''
    """
    if pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()


def read_claims(path: str | Path) -> pd.DataFrame:
    """A claims file written by :func:`run_claims_stream` back as the claims table (its dtypes)."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        claims = pd.read_parquet(path)
    else:
        text_columns = [name for name, kind in CLAIM_ARROW_TYPES.items() if kind == _STRING]
        claims = pd.read_csv(path, keep_default_na=False, na_values=[""],
                             dtype=dict.fromkeys(text_columns, "str"))
    for column in ("published", "as_of"):
        claims[column] = pd.to_datetime(claims[column], format="ISO8601").astype("datetime64[ns]")
    for column in ("start", "end"):
        claims[column] = claims[column].astype("int64")
    claims["parent"] = claims["parent"].astype("Int64")
    for column in ("value", "low", "high"):
        claims[column] = claims[column].astype("float64")
    return claims[CLAIM_COLUMNS]


def _run_slices(
    session: EngineSession,
    func: Callable[[Any], SliceResult],
    slices: list[Any],
    *,
    split: Callable[[Any], list[tuple[Any, Any]]],
) -> list[SliceResult]:
    """``func`` on every slice; a slice whose worker died runs again one article per item.

    Exceptions are caught per article inside the worker; a slice only fails as a whole when its
    worker dies, and then ``split`` cuts it into ``(article_id, one-article slice)`` pairs so that
    only the article that kills is lost (reported with its cause).
    """
    try:
        return session.map(func, slices, partition_size=1)
    except PartitionError as error:
        results: list[SliceResult] = list(error.results)
        for index, cause in zip(error.failed_indices, error.failed_causes, strict=True):
            ids, singles = zip(*split(slices[index]), strict=True)
            if len(singles) == 1:  # the engine has already run it alone
                results[index] = SliceResult(1, 0, 0, claims_frame([]), [{"article_id": ids[0], "error": cause}])
                continue
            try:
                parts = session.map(func, list(singles), partition_size=1)
            except PartitionError as again:
                parts = list(again.results)
                for i, cause in zip(again.failed_indices, again.failed_causes, strict=True):
                    parts[i] = SliceResult(1, 0, 0, claims_frame([]), [{"article_id": ids[i], "error": cause}])
            results[index] = SliceResult(
                sum(part.n_articles for part in parts),
                sum(part.n_passages for part in parts),
                sum(part.n_removals for part in parts),
                _join_claims([part.claims for part in parts]),
                [f for part in parts for f in part.failures],
            )
        return results


def _single_articles(articles: pd.DataFrame) -> list[tuple[Any, pd.DataFrame]]:
    """A slice of articles as one slice per article: ``(article_id, its row)``."""
    return [(articles["article_id"].iloc[i], articles.iloc[i : i + 1]) for i in range(len(articles))]


def run_claims_stream(
    corpus_path: str | Path,
    out_path: str | Path,
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    engine: Engine = "local",
    scheduler: str | None = None,
    n_workers: int | None = None,
    on_chunk: Callable[[StreamCounts], None] | None = None,
) -> StreamCounts:
    """Stream a corpus into a claims file (``.parquet`` or ``.csv``); memory stays at one chunk.

    ``columns`` and ``encoding`` are :func:`newskit.corpus.iter_corpus`'s; ``engine``, ``scheduler``
    and ``n_workers`` are :func:`newskit.engine.open_engine`'s, opened once for the whole run.
    The file holds the rows ``claims_table`` gives in memory, in corpus order; it appears under
    ``out_path`` only when the run completes (``<name>.partial`` until then, removed on failure).
    An article whose cleaning or extraction raises, or kills its worker on every retry, is left out,
    listed in ``failed_articles`` and ``failures`` (with its error) and warned about, and every other
    article of its slice is kept; ``on_chunk`` is called with the running counts after
    each chunk (progress bars, logs).
    """
    out_path = Path(out_path)
    if out_path.suffix.lower() not in OUTPUT_SUFFIXES:
        raise ParameterError(f"claims output {out_path}: the name must end in {' or '.join(OUTPUT_SUFFIXES)}")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ParameterError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    counts = StreamCounts()
    with open_engine(engine, scheduler=scheduler, n_workers=n_workers) as session:
        writer = _ClaimsWriter(out_path)
        completed = False
        try:
            for chunk in iter_corpus(corpus_path, columns=columns, encoding=encoding, chunk_size=chunk_size):
                counts.dropped_rows.extend(chunk.attrs.get("dropped", []))
                spans = split_partitions(len(chunk), n_partitions=session.n_workers * PARTITIONS_PER_WORKER)
                slices = [chunk.iloc[span.start : span.stop] for span in spans]
                results = _run_slices(session, process_articles, slices, split=_single_articles)
                failures = [f for result in results for f in result.failures]
                counts.failures.extend(failures)
                counts.failed_articles.extend(str(f["article_id"]) for f in failures)
                warn_failures(failures, n_articles=len(chunk),
                              where=f"corpus {corpus_path} -> {out_path} (engine {engine!r})")
                for result in results:
                    counts.passages += result.n_passages
                    counts.removals += result.n_removals
                    counts.claims += len(result.claims)
                writer.write([result.claims for result in results])
                counts.articles += len(chunk)
                counts.chunks += 1
                if on_chunk is not None:
                    on_chunk(counts)
            completed = True
        finally:
            writer.close(keep=completed)
    return counts


# --------------------------------------------------------------------------------------------------
# Stage files: each stage of a report computed once, kept as Parquet keyed by what it was made from

STAGES: tuple[str, ...] = ("articles", "passages", "removals", "claims")
# Attributes that travel with a stage, each kept as its own small table beside the stage file.
STAGE_ATTRS: dict[str, dict[str, list[str]]] = {
    "articles": {"dropped": DROPPED_COLUMNS, "load_warnings": WARNING_COLUMNS},
    "claims": {"failures": FAILURE_COLUMNS},
}
STAGE_DIR_VARIABLE = "NEWSKIT_STAGE_DIR"
STAGE_LOG_NAME = "stages.log"


def stage_dir() -> Path:
    """The folder of stage files: ``$NEWSKIT_STAGE_DIR``, else ``data/interim/stages`` (``make clean`` empties it)."""
    configured = os.environ.get(STAGE_DIR_VARIABLE)
    return Path(configured) if configured else INTERIM_DIR / "stages"


PACKAGE_DIR = Path(__file__).resolve().parent
# The modules each stage's computation starts from; its key hashes them, every newskit module they
# import (at any depth, also inside functions), this module (the wiring) and the word lists beside them.
STAGE_CODE: dict[str, tuple[str, ...]] = {
    "articles": ("newskit.corpus",),
    "clean": ("newskit.clean",),
    "claims": ("newskit.figures", "newskit.vocabulary"),
}


def _module_file(module: str) -> Path | None:
    """The source file of a ``newskit`` module or package; None for anything else."""
    parts = module.split(".")
    if parts[0] != "newskit":
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


# An import statement at the start of a line (also inside a function): ``from newskit.x import (a, b)``
# or ``import newskit.x, y``. Read as text, not parsed: every kernel computes the stage keys, and
# parsing the ~35 modules a key covers took 0.1-0.4 s; a docstring line that reads like an import
# only adds a file to a key (the stage is then made again more often, never reused wrongly).
RE_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<module>newskit[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n]*)"
    r"|import[ \t]+(?P<modules>[^\n]*))",
    re.MULTILINE,
)


def _newskit_imports(path: Path) -> set[str]:
    """The ``newskit`` modules (and packages above them) that ``path`` imports anywhere in its code."""
    names: set[str] = set()
    for match in RE_IMPORT.finditer(path.read_text(encoding="utf-8")):
        if match["module"]:
            names.add(match["module"])
            for name in match["names"].strip().strip("()").replace("\n", ",").split(","):
                name = name.split("#")[0].split(" as ")[0].strip().strip("\\").strip()
                if name:
                    names.add(f"{match['module']}.{name}")  # a submodule, or a name in it
        else:
            names.update(name.split(" as ")[0].strip() for name in match["modules"].split("#")[0].split(","))
    found = set()
    for name in names:
        parts = name.split(".")
        found.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return {name for name in found if name.startswith("newskit")}


def code_files(modules: tuple[str, ...]) -> list[Path]:
    """The files ``modules`` run: theirs, their newskit imports' (transitively), pipeline's, word lists beside them."""
    files: set[Path] = {Path(__file__).resolve()}
    pending = list(modules)
    seen: set[str] = set()
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        seen.add(module)
        path = _module_file(module)
        if path is not None:
            files.add(path)
            pending.extend(_newskit_imports(path))
    folders = {path.parent for path in files}
    files.update(path for folder in folders for path in folder.glob("*.yaml"))
    return sorted(files)


@cache
def code_digest(modules: tuple[str, ...]) -> str:
    """SHA-256 of :func:`code_files`: a stage made by other code is made again, one made by the same is reused."""
    digest = hashlib.sha256()
    for path in code_files(modules):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _input_digest(path: str | Path | None) -> str | None:
    """SHA-256 of a file's bytes, or of every file under a folder (names and bytes); None for no path."""
    if path is None or path == "":
        return None
    path = Path(path)
    if path.is_file():
        return sha256_file(path)
    digest = hashlib.sha256()
    if path.is_dir():
        for item in sorted(path.rglob("*")):
            if item.is_file():
                digest.update(str(item.relative_to(path)).encode() + b"\0" + sha256_file(item).encode())
    return digest.hexdigest()


def _key(parts: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def stage_keys(params: Any) -> dict[str, str]:
    """The key of each stage: a hash of its inputs' bytes, the parameters it reads and the code it runs.

    Passages and removals share one key (one cleaning run gives both). The engine is not part of the
    claims key: every engine gives the same claims.
    """
    articles = _key({
        "stage": "articles", "code": code_digest(STAGE_CODE["articles"]), "corpus": _input_digest(params.corpus_path),
        "columns": params.corpus_columns, "encoding": params.corpus_encoding,
    })
    cleaned = _key({"stage": "clean", "code": code_digest(STAGE_CODE["clean"]), "articles": articles})
    # The reviews file is not in the claims key: the stage keeps the raw extraction, and
    # finalise_claims applies the reviews on every read.
    claims = _key({
        "stage": "claims", "code": code_digest(STAGE_CODE["claims"]), "passages": cleaned,
        "vocabulary": _input_digest(getattr(params, "vocabulary_path", None)),
    })
    return {"articles": articles, "passages": cleaned, "removals": cleaned, "claims": claims}


def stage_path(name: str, key: str) -> Path:
    """Where stage ``name`` with ``key`` is kept: ``<stage_dir>/<name>-<key>.parquet``."""
    return stage_dir() / f"{name}-{key}.parquet"


def _attrs_path(path: Path, attr: str) -> Path:
    return path.with_name(path.name.replace(".parquet", f".{attr}.parquet"))


def _log_stage(action: str, path: Path) -> None:
    """One line per stage read or written, in ``stages.log`` beside the stage files (how reuse is seen)."""
    with open(stage_dir() / STAGE_LOG_NAME, "a", encoding="utf-8") as log:
        log.write(f"{datetime.now(UTC).isoformat(timespec='seconds')} {action} {path.name}\n")


def write_stage(name: str, key: str, table: pd.DataFrame) -> Path:
    """Write a stage table (and its attribute table) as Parquet, atomically; return its path."""
    path = stage_path(name, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    validate_table(table, name)
    for attr, columns in STAGE_ATTRS.get(name, {}).items():
        _write_parquet(pd.DataFrame(list(table.attrs.get(attr, [])), columns=columns), _attrs_path(path, attr))
    _write_parquet(table, path)
    _log_stage("computed", path)
    return path


def _write_parquet(table: pd.DataFrame, path: Path) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    plain = table.copy(deep=False)
    plain.attrs = {}
    plain.to_parquet(partial, index=False)
    os.replace(partial, path)


def read_stage(name: str, key: str) -> pd.DataFrame | None:
    """A stage table from its file, dtypes and attributes restored; None when there is no such file.

    The warnings its computation gave (a corpus reader's, failed extractions) are given again, so a
    notebook that reads a stage shows what one that computed it would.
    """
    path = stage_path(name, key)
    attrs = STAGE_ATTRS.get(name, {})
    if not path.is_file() or not all(_attrs_path(path, attr).is_file() for attr in attrs):
        return None
    table = conform_table(pd.read_parquet(path), name)
    for attr, columns in attrs.items():
        rows = pd.read_parquet(_attrs_path(path, attr)).astype(object)
        table.attrs[attr] = [
            {c: (None if pd.isna(v) else v) for c, v in row.items()} for row in rows[columns].to_dict("records")
        ]
    _log_stage("reused", path)
    warn_again(table.attrs.get("load_warnings", []))
    if name == "claims":
        warn_failures(table.attrs["failures"], n_articles=int(table.attrs.get("n_articles", 0)) or len(
            set(table["article_id"])) + len(table.attrs["failures"]), where="claims stage", stacklevel=3)
    return table


def load_articles(params: Any) -> pd.DataFrame:
    """The articles stage computed: :func:`newskit.corpus.load_corpus`, its warnings kept in ``attrs``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NewskitWarning)
        articles = load_corpus(params.corpus_path, columns=params.corpus_columns or None,
                               encoding=params.corpus_encoding)
    warn_caught(caught)  # shown as they would have been, and kept for the notebooks that read the stage
    articles.attrs["load_warnings"] = kept_warnings(caught)
    return articles


def finalise_claims(claims: pd.DataFrame, params: Any, *, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims a report uses, after extraction: the one place corrections to claims are applied.

    The reviewers' corrections of ``params.reviews_path`` (none: the claims as extracted, with the
    review columns) are applied to the extracted claims; the stage file keeps the raw extraction, so
    a changed reviews file needs no new extraction. See :mod:`newskit.reviews`.
    """
    from newskit.reviews import apply_reviews_file

    reviews_path = getattr(params, "reviews_path", None)
    return apply_reviews_file(
        claims,
        reviews_path,
        articles=articles,
        # the word lists check the reviews' places: not read when there are none
        vocabulary=load_vocabulary(getattr(params, "vocabulary_path", None)) if reviews_path else None,
    )


def load_stages(params: Any, *names: str, ready: Callable[[str], None] | None = None) -> tuple[pd.DataFrame, ...]:
    """The stage tables ``names`` (of :data:`STAGES`) for a notebook's parameters, in that order.

    Each is read from its stage file when one made from the same inputs, parameters and code exists,
    else computed (with what upstream of it needs) and written, so the next notebook or run reuses it.
    ``articles.attrs["dropped"]`` and ``claims.attrs["failures"]`` come back with the tables. A
    notebook opened alone runs the same way: it computes what is absent. ``ready`` is called with
    each name once its stage file is there (the report runner then starts the notebooks that read it).
    """
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise ParameterError(f"no stage(s) {unknown}; the stages are {list(STAGES)}")
    keys = stage_keys(params)
    got: dict[str, pd.DataFrame] = {}

    def finalise(claims: pd.DataFrame) -> pd.DataFrame:
        # articles give an added figure its outlet and date: read only when there are reviews
        articles = get("articles") if getattr(params, "reviews_path", None) else None
        return finalise_claims(claims, params, articles=articles)

    def get(name: str) -> pd.DataFrame:
        if name not in got:
            table = read_stage(name, keys[name])
            if table is not None:
                got[name] = finalise(table) if name == "claims" else table
            elif name == "articles":
                got[name] = load_articles(params)
                write_stage(name, keys[name], got[name])
            elif name in ("passages", "removals"):
                got["passages"], got["removals"] = clean_articles(get("articles"))
                write_stage("passages", keys["passages"], got["passages"])
                write_stage("removals", keys["removals"], got["removals"])
            else:
                claims = claims_table(get("passages"), get("articles"), engine=getattr(params, "engine", "local"),
                                      scheduler=getattr(params, "scheduler", None),
                                      vocabulary=load_vocabulary(getattr(params, "vocabulary_path", None)))
                write_stage(name, keys[name], claims)
                got[name] = finalise(claims)
        return got[name]

    tables = []
    for name in names:
        tables.append(get(name))
        if ready is not None:
            ready(name)
    return tuple(tables)


def dropped_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The files, entries and rows the corpus reader dropped (``source_path``, ``row``, ``reason``); empty if none.

    Reads ``articles.attrs["dropped"]``, set by :func:`newskit.corpus.load_corpus`.
    """
    return pd.DataFrame(list(articles.attrs.get("dropped", [])), columns=DROPPED_COLUMNS)


# --------------------------------------------------------------------------------------------------
# The topic stage: notebook 04's tables (newskit.topics.stage), computed once and kept beside the others


def topic_stage_key(params: Any) -> str:
    """The topic stage's key: the passages' key, the topic parameters, and the code the stage runs."""
    from newskit.topics.stage import TOPIC_PARAMETERS

    return _key({
        "stage": "topics", "code": code_digest(("newskit.topics.stage",)), "passages": stage_keys(params)["passages"],
        **{name: getattr(params, name) for name in TOPIC_PARAMETERS},
    })


def load_topic_stage(params: Any) -> TopicStage:
    """Notebook 04's topic tables for its parameters: read from their stage files, else computed and written.

    Computed from the passages stage (itself read or computed) by
    :func:`newskit.topics.stage.compute_topic_stage`; raises TooFewTextsError when the corpus is too
    small for topics (nothing is written). A read gives again the warnings computing gave.
    """
    from newskit.topics.stage import STAGE_TABLES, TopicStage, compute_topic_stage

    key = topic_stage_key(params)
    paths = {name: stage_dir() / f"topics-{key}.{name}.parquet" for name in STAGE_TABLES}
    if all(path.is_file() for path in paths.values()):
        stage = TopicStage(**{name: pd.read_parquet(path) for name, path in paths.items()})
        _log_stage("reused", paths["about"])
        warn_again(stage.warnings.to_dict("records"))
        return stage
    (passages,) = load_stages(params, "passages")
    stage = compute_topic_stage(passages, params)
    for name, table in stage.tables().items():  # a stage missing any file is computed again
        paths[name].parent.mkdir(parents=True, exist_ok=True)
        _write_parquet(table, paths[name])
    _log_stage("computed", paths["about"])
    return stage
