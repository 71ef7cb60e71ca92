"""Corpus to claims file, streaming: read a chunk, clean it, extract its claims, append them, repeat.

Memory holds one chunk of articles (and its claims) at a time, whatever the corpus size. Each chunk
is cut into slices that the engine runs in parallel; a slice is cleaned and its claims extracted in
the same worker (:func:`process_articles`), so articles travel once and come back as claims. The
result is the table the in-memory path gives (``load_corpus`` -> ``clean_articles`` ->
``claims_table``), written as Parquet (one row group per chunk) or CSV.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newskit.clean import clean_articles
from newskit.corpus import iter_corpus
from newskit.engine import PARTITIONS_PER_WORKER, Engine, PartitionError, open_engine, split_partitions
from newskit.errors import NewskitWarning, ParameterError
from newskit.figures import claims_table
from newskit.schema import CLAIM_COLUMNS

DEFAULT_CHUNK_SIZE = 1000
OUTPUT_SUFFIXES = (".parquet", ".csv")

_STRING = pa.large_string()
# One fixed schema for every chunk: a chunk whose column happens to be all-null must not change it.
CLAIM_ARROW_TYPES: dict[str, pa.DataType] = {
    "article_id": _STRING, "passage_id": _STRING, "outlet": _STRING,
    "published": pa.timestamp("ns"), "as_of": pa.timestamp("ns"),
    "start": pa.int64(), "end": pa.int64(), "surface": _STRING, "value": pa.float64(),
    "unit": _STRING, "bound": _STRING, "low": pa.float64(), "high": pa.float64(),
    "outcome": _STRING, "group": _STRING, "scope": _STRING, "source": _STRING,
    "source_type": _STRING, "parent": pa.int64(), "sentence": _STRING,
}
CLAIM_ARROW_SCHEMA = pa.schema([(name, CLAIM_ARROW_TYPES[name]) for name in CLAIM_COLUMNS])


@dataclass
class StreamCounts:
    """What a streaming run read, kept, reported and wrote.

    ``articles`` counts the articles read (after the corpus reader dropped ``dropped_rows``, each a
    dict with ``source_path``, ``row`` and ``reason``); ``failed_articles`` are articles whose slice
    failed on the engine after its retries: they have no claims in the output.
    """

    articles: int = 0
    passages: int = 0
    removals: int = 0
    claims: int = 0
    chunks: int = 0
    dropped_rows: list[dict] = field(default_factory=list)
    failed_articles: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "passages": self.passages, "removals": self.removals,
            "claims": self.claims, "chunks": self.chunks, "dropped_rows": len(self.dropped_rows),
            "failed_articles": len(self.failed_articles),
        }


@dataclass
class SliceResult:
    """What one slice of articles gives back from a worker."""

    n_articles: int
    n_passages: int
    n_removals: int
    claims: pd.DataFrame


def process_articles(articles: pd.DataFrame) -> SliceResult:
    """Clean a slice of articles and extract its claims, in one worker (engine ``local`` inside)."""
    passages, removals = clean_articles(articles)
    claims = claims_table(passages, articles)
    return SliceResult(len(articles), len(passages), len(removals), claims)


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
            _csv_ready(claims).to_csv(self._handle, header=False, index=False, lineterminator="\n")

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
    Articles whose slice fails on the engine after its retries are left out, listed in
    ``failed_articles`` and warned about; ``on_chunk`` is called with the running counts after
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
                try:
                    results = session.map(process_articles, slices, partition_size=1)
                except PartitionError as error:
                    results = error.succeeded()
                    failed = [str(a) for i in error.failed_indices for a in slices[i]["article_id"]]
                    counts.failed_articles.extend(failed)
                    warnings.warn(
                        f"corpus {corpus_path}: {len(failed)} articles left out of {out_path} because "
                        f"their work failed on engine {engine!r} ({'; '.join(error.causes)}): "
                        f"{', '.join(failed[:20])}{' ...' if len(failed) > 20 else ''}; rerun them with "
                        "engine='local' to see the traceback",
                        NewskitWarning,
                        stacklevel=2,
                    )
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
