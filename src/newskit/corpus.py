"""Reading corpora of every supported shape into the articles table.

Shapes: a folder of ``.txt`` files (one article each, optional ``metadata.csv`` sidecar), or one
CSV, JSONL or Parquet file with one article per row. Every shape gives the same table,
:data:`newskit.schema.ARTICLE_COLUMNS`; :func:`iter_corpus` yields it in chunks so memory stays flat.

Nothing is lost silently: a row or file that cannot become an article is reported by a
:class:`~newskit.errors.NewskitWarning` naming the file, row and fix, and listed in
``articles.attrs["dropped"]``; rows in = rows out + rows dropped. Files are only ever opened for
reading.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newskit.dates import parse_date
from newskit.errors import CorpusError, NewskitWarning
from newskit.schema import ARTICLE_COLUMNS

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
METADATA_NAME = "metadata.csv"
# Files a corpus folder may hold beside its articles without a warning.
QUIET_NAMES = frozenset({METADATA_NAME, "README.md", ".gitkeep", ".DS_Store"})
METADATA_FIELDS = ("article_id", "outlet", "published", "title", "url")
DEFAULT_CHUNK_SIZE = 1000

# A leading " date 2023-12-14 " prefix is metadata, not text (as in the sample corpus).
RE_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
RE_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]{0,30}?)\s*:\s*(.*)$")
HEADER_KEYS = {
    "title": "title", "headline": "title", "date": "published", "published": "published",
    "outlet": "outlet", "source": "outlet", "publication": "outlet", "url": "url", "link": "url",
    "id": "article_id", "article_id": "article_id",
}
RE_LINE_BREAKS = re.compile(r"\r\n?")
# Share of control characters above which bytes are taken for a binary file, not text.
BINARY_CONTROL_SHARE = 0.05


@dataclass
class _Tracker:
    """What one load has seen: ids (to refuse clashes across chunks) and the dropped rows."""

    seen: dict[str, tuple[str, str]] = field(default_factory=dict)
    dropped: list[dict] = field(default_factory=list)

    def drop(self, source: str, row: int | None, reason: str) -> None:
        where = f"corpus file {source}" + (f", row {row}" if row is not None else "")
        warnings.warn(f"{where}: {reason}", NewskitWarning, stacklevel=4)
        self.dropped.append({"source_path": source, "row": row, "reason": reason})


def load_corpus(
    path: str | Path,
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read a corpus into one articles table (columns :data:`~newskit.schema.ARTICLE_COLUMNS`).

    ``columns`` maps the kit's field names to a table file's (or a folder's ``metadata.csv``)
    column names, e.g. ``{"article_id": "Article_ID", "text": "Article"}``; ``encoding`` forces a
    text encoding instead of detection. ``published`` is a datetime64 column, NaT when unknown.
    ``sha256`` is the digest of a ``.txt`` file's bytes, or of a table row's text in UTF-8.
    Rows dropped on the way are listed in ``result.attrs["dropped"]``.
    """
    tracker = _Tracker()
    chunks = list(_iter_chunks(Path(path), columns, encoding, DEFAULT_CHUNK_SIZE, tracker))
    articles = pd.concat(chunks, ignore_index=True) if chunks else _empty_articles()
    articles.attrs["dropped"] = tracker.dropped
    return articles


def iter_corpus(
    path: str | Path,
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[pd.DataFrame]:
    """Yield the articles table in chunks of at most ``chunk_size`` rows, reading lazily.

    Same options and checks as :func:`load_corpus`; each chunk's ``attrs["dropped"]`` lists the
    rows dropped since the previous chunk.
    """
    if chunk_size < 1:
        raise CorpusError(f"chunk_size must be at least 1, got {chunk_size}")
    tracker = _Tracker()
    for chunk in _iter_chunks(Path(path), columns, encoding, chunk_size, tracker):
        chunk.attrs["dropped"], tracker.dropped = tracker.dropped, []
        yield chunk


def _iter_chunks(
    path: Path, columns: dict[str, str] | None, encoding: str | None, chunk_size: int, tracker: _Tracker
) -> Iterator[pd.DataFrame]:
    if not path.exists():
        raise CorpusError(f"corpus path {path} does not exist; give a folder of .txt files or a "
                          f"{'/'.join(TABLE_SUFFIXES)} file")
    if path.is_dir():
        rows = _iter_folder_rows(path, columns, encoding, tracker)
    elif path.suffix.lower() in TABLE_SUFFIXES:
        rows = _iter_table_rows(path, columns, encoding, chunk_size, tracker)
    elif path.suffix.lower() in TEXT_SUFFIXES:
        rows = _read_single_text_file(path, encoding)
    else:
        raise CorpusError(f"corpus file {path}: unsupported type {path.suffix!r}; supported: "
                          f"a folder of .txt files, or {', '.join(TABLE_SUFFIXES)}")
    batch: list[dict] = []
    for row in rows:
        if _is_new_id(row, tracker):
            batch.append(row)
        if len(batch) >= chunk_size:
            yield _to_articles(batch)
            batch = []
    if batch:
        yield _to_articles(batch)


def _is_new_id(row: dict, tracker: _Tracker) -> bool:
    """Record the row's id; an exact repeat is dropped with a warning, a clash is refused."""
    article_id, where = row["article_id"], row["_where"]
    if article_id not in tracker.seen:
        tracker.seen[article_id] = (where, row["sha256"])
        return True
    first_where, first_sha = tracker.seen[article_id]
    if first_sha == row["sha256"]:
        tracker.drop(row["source_path"], row.get("_row"),
                     f"article_id {article_id!r} repeats {first_where} with the same text; kept the first")
        return False
    raise CorpusError(f"duplicate article_id {article_id!r}: {first_where} and {where} hold different "
                      "texts; give each article a unique id (an id column, or metadata.csv)")


def _to_articles(rows: list[dict]) -> pd.DataFrame:
    articles = pd.DataFrame(rows).reindex(columns=ARTICLE_COLUMNS)
    articles["published"] = pd.to_datetime(articles["published"]).astype("datetime64[ns]")
    return articles


def _empty_articles() -> pd.DataFrame:
    return _to_articles([])


# --- folders of .txt files -------------------------------------------------------------------

def _iter_folder_rows(
    folder: Path, columns: dict[str, str] | None, encoding: str | None, tracker: _Tracker
) -> Iterator[dict]:
    entries = sorted(folder.iterdir())
    texts = [p for p in entries if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES]
    strays = [p.name for p in entries if p not in texts and p.name not in QUIET_NAMES]
    if strays:
        warnings.warn(f"corpus folder {folder}: ignored {len(strays)} entries that are not .txt "
                      f"articles: {strays[:10]}; move them out to silence this", NewskitWarning, stacklevel=4)
    if not texts:
        raise CorpusError(f"corpus folder {folder} holds no .txt files; put one article per .txt file there")
    metadata = _read_metadata(folder / METADATA_NAME, columns, {p.name for p in texts})
    return _iter_text_rows(texts, metadata, encoding, tracker)


def _iter_text_rows(
    texts: list[Path], metadata: dict[str, dict], encoding: str | None, tracker: _Tracker
) -> Iterator[dict]:
    """Rows of a folder's files; a file that cannot be read is reported and skipped."""
    for text_path in texts:
        try:
            row = _read_text_article(text_path, encoding, metadata.get(text_path.name, {}))
        except CorpusError as error:
            tracker.drop(str(text_path), None, f"skipped: {error}")
            continue
        if row is None:
            tracker.drop(str(text_path), None, "empty or whitespace-only file; skipped")
            continue
        yield row


def _read_single_text_file(path: Path, encoding: str | None) -> Iterator[dict]:
    """The row of a corpus given as one .txt file; unreadable or empty is an error, not a warning."""
    row = _read_text_article(path, encoding, {})
    if row is None:
        raise CorpusError(f"corpus file {path} is empty or whitespace-only")
    yield row


def _read_metadata(path: Path, columns: dict[str, str] | None, file_names: set[str]) -> dict[str, dict]:
    """``metadata.csv`` as ``{file name: {field: value}}``; rows naming no article file are warned."""
    if not path.is_file():
        return {}
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise CorpusError(f"metadata file {path}: cannot be read as UTF-8 CSV ({error})") from error
    table = table.rename(columns={theirs: ours for ours, theirs in (columns or {}).items()})
    if "file" not in table.columns:
        raise CorpusError(f"metadata file {path}: needs a 'file' column naming each .txt file; "
                          f"it has {list(table.columns)}")
    metadata = {}
    for row_number, record in enumerate(table.to_dict("records"), start=2):
        name = record["file"].strip()
        if name not in file_names:
            warnings.warn(f"metadata file {path}, line {row_number}: file {name!r} is not in the folder; "
                          "row ignored", NewskitWarning, stacklevel=5)
            continue
        metadata[name] = {k: record[k].strip() for k in METADATA_FIELDS if k in record}
    return metadata


def _read_text_article(path: Path, encoding: str | None, overrides: dict[str, str]) -> dict | None:
    """One ``.txt`` file as an article row, ``overrides`` (from metadata.csv) applied where not
    empty; None when the file holds no text."""
    data = path.read_bytes()
    text = RE_LINE_BREAKS.sub("\n", decode_bytes(data, source=str(path), encoding=encoding))
    if not text.strip():
        return None
    fields, body = split_header(text)
    fields.update({key: value for key, value in overrides.items() if value})
    return {
        "article_id": fields.get("article_id") or path.stem,
        "outlet": fields.get("outlet"),
        "published": _checked_date(fields.get("published"), f"file {path}"),
        "title": fields.get("title"),
        "url": fields.get("url"),
        "text": body,
        "source_path": str(path),
        "sha256": hashlib.sha256(data).hexdigest(),
        "_where": f"file {path}",
    }


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split metadata at the top of an article file from its text.

    Two forms: a ``date YYYY-MM-DD`` prefix (the sample corpus), or ``key: value`` lines with a
    known key (title, date, outlet, url, id, ...) ended by a blank line. Text with neither is
    returned whole, with an empty dict.

    >>> split_header(" date 2023-12-14 Israel is showing no signs")
    ({'published': '2023-12-14'}, 'Israel is showing no signs')
    >>> split_header("Title: Gaza update\\nDate: 14 Dec 2023\\n\\nBody.")
    ({'title': 'Gaza update', 'published': '14 Dec 2023'}, 'Body.')
    >>> split_header("Note: this is text.\\nMore text.")
    ({}, 'Note: this is text.\\nMore text.')
    """
    prefix = RE_DATE_PREFIX.match(text)
    if prefix:
        return {"published": prefix.group(1)}, text[prefix.end():]
    head, blank, body = text.partition("\n\n")
    lines = head.strip().split("\n")
    matches = [RE_HEADER_LINE.match(line) for line in lines]
    if not blank or not all(matches):
        return {}, text
    keys = [m.group(1).strip().lower().replace(" ", "_") for m in matches]
    if not all(key in HEADER_KEYS for key in keys):
        return {}, text
    return {HEADER_KEYS[key]: m.group(2).strip() for key, m in zip(keys, matches, strict=True)}, body


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode a file's bytes as text, detecting UTF-8 (with or without BOM), UTF-16 and cp1252.

    Anything but plain UTF-8 is decoded with a NewskitWarning saying which encoding was used;
    NUL bytes inside UTF-8 text are removed with a warning. Binary data, or bytes no candidate
    encoding reads, raise CorpusError naming the byte and the ``encoding=`` fix.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise CorpusError(f"corpus file {source}: cannot decode as {encoding} ({error})") from error
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        _warn_decoded(source, "UTF-16 (byte-order mark found)", "utf-16")
        return text
    if data.count(0) > len(data) // 4:
        return _decode_utf16_or_refuse(data, source)
    if _control_share(data.replace(b"\x00", b"")) > BINARY_CONTROL_SHARE:
        raise CorpusError(f"corpus file {source}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_cp1252_or_refuse(data, source, error)
    if "\x00" in text:
        warnings.warn(f"corpus file {source}: removed {text.count(chr(0))} NUL bytes from the text",
                      NewskitWarning, stacklevel=3)
        text = text.replace("\x00", "")
    return text


def _decode_utf16_or_refuse(data: bytes, source: str) -> str:
    """Bytes full of control codes: UTF-16 without a byte-order mark (every other byte NUL), or binary."""
    little_endian = data[1::2].count(0) > data[0::2].count(0)
    codec = "utf-16-le" if little_endian else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = ""
    if not text or _control_share(text.encode("utf-8")) > BINARY_CONTROL_SHARE:
        raise CorpusError(f"corpus file {source}: looks like a binary file, not text")
    _warn_decoded(source, "UTF-16 without a byte-order mark", codec)
    return text


def _decode_cp1252_or_refuse(data: bytes, source: str, error: UnicodeDecodeError) -> str:
    where = f"corpus file {source}: not UTF-8 at byte {error.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise CorpusError(f"{where}, and not cp1252 either; pass the file's encoding, "
                          "e.g. encoding='latin-1'") from error
    _warn_decoded(source, f"cp1252 (not UTF-8 at byte {error.start})", "cp1252")
    return text


def _warn_decoded(source: str, what: str, codec: str) -> None:
    warnings.warn(f"corpus file {source}: decoded as {what}; pass encoding={codec!r} to silence this, "
                  "or save the file as UTF-8", NewskitWarning, stacklevel=4)


def _control_share(data: bytes) -> float:
    """Share of control bytes (other than tab, newlines, form feed) in the first 4 KiB."""
    sample = data[:4096]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f")
    return controls / len(sample) if sample else 0.0


def _checked_date(value: object, where: str) -> object:
    """The parsed date, or None with a warning for a value that is present but does not parse."""
    if value is None or (isinstance(value, str) and not value.strip()) or pd.isna(value):
        return None
    parsed = parse_date(value)
    if parsed is None:
        warnings.warn(f"corpus {where}: date {value!r} does not parse; left empty. Write it as "
                      "YYYY-MM-DD (or '13 November 2023', 'Dec. 14, 2023')", NewskitWarning, stacklevel=4)
    return parsed


# --- table files: CSV, JSONL, Parquet ---------------------------------------------------------

def _iter_table_rows(
    path: Path, columns: dict[str, str] | None, encoding: str | None, chunk_size: int, tracker: _Tracker
) -> Iterator[dict]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records = _iter_csv_records(path, encoding, chunk_size)
    elif suffix == ".parquet":
        records = _iter_parquet_records(path, chunk_size)
    else:
        records = _iter_jsonl_records(path, encoding, tracker)
    mapping = {"article_id": "article_id", "outlet": "outlet", "published": "published",
               "title": "title", "url": "url", "text": "text", **(columns or {})}
    checked = False
    for row_number, record in records:
        if not checked:
            _check_columns(path, mapping, list(record))
            checked = True
        row = _table_row(path, row_number, record, mapping, tracker)
        if row is not None:
            yield row
    if not checked:
        raise CorpusError(f"corpus file {path} holds no rows")


def _check_columns(path: Path, mapping: dict[str, str], present: list[str]) -> None:
    unknown = set(mapping) - set(METADATA_FIELDS) - {"text"}
    if unknown:
        raise CorpusError(f"columns map names unknown field(s) {sorted(unknown)}; the kit's fields are "
                          f"{[*METADATA_FIELDS, 'text']}")
    if mapping["text"] not in present:
        raise CorpusError(f"corpus file {path}: no text column {mapping['text']!r}; it has {present}. "
                          f"Pass columns={{'text': '<the column holding the article text>'}}")
    explicit_missing = [theirs for ours, theirs in mapping.items() if theirs != ours and theirs not in present]
    if explicit_missing:
        raise CorpusError(f"corpus file {path}: mapped column(s) {explicit_missing} not found; "
                          f"it has {present}")


def _table_row(
    path: Path, row_number: int, record: dict, mapping: dict[str, str], tracker: _Tracker
) -> dict | None:
    def value(name: str) -> str | None:
        raw = record.get(mapping[name])
        if raw is None or (isinstance(raw, float) and raw != raw):
            return None
        raw = str(raw).strip() if name != "text" else str(raw)
        return raw or None

    text = value("text")
    if text is None or not text.strip():
        tracker.drop(str(path), row_number, "empty text; row skipped")
        return None
    text = RE_LINE_BREAKS.sub("\n", text).replace("\x00", "")
    where = f"file {path}, row {row_number}"
    return {
        "article_id": value("article_id") or f"{path.stem}-{row_number:06d}",
        "outlet": value("outlet"),
        "published": _checked_date(value("published"), where),
        "title": value("title"),
        "url": value("url"),
        "text": text,
        "source_path": str(path),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "_where": where,
        "_row": row_number,
    }


def _iter_csv_records(path: Path, encoding: str | None, chunk_size: int) -> Iterator[tuple[int, dict]]:
    """(row number, record) pairs; row 1 is the first data row after the header."""
    try:
        reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=chunk_size,
                             encoding=encoding or "utf-8-sig")
        row_number = 0
        for chunk in reader:
            for record in chunk.to_dict("records"):
                row_number += 1
                yield row_number, record
    except UnicodeDecodeError as error:
        raise CorpusError(f"corpus file {path}: not {encoding or 'UTF-8'} at byte {error.start}; "
                          "pass the file's encoding, e.g. encoding='cp1252'") from error
    except pd.errors.EmptyDataError as error:
        raise CorpusError(f"corpus file {path} is empty") from error
    except pd.errors.ParserError as error:
        raise CorpusError(f"corpus file {path}: malformed CSV ({error})") from error


def _iter_jsonl_records(path: Path, encoding: str | None, tracker: _Tracker) -> Iterator[tuple[int, dict]]:
    """(line number, record) pairs; a line that is not a JSON object is dropped with a warning."""
    with path.open("rb") as stream:
        for line_number, line in enumerate(stream, start=1):
            try:
                decoded = line.decode(encoding or ("utf-8-sig" if line_number == 1 else "utf-8"))
            except UnicodeDecodeError as error:
                raise CorpusError(f"corpus file {path}, line {line_number}: not UTF-8 at byte {error.start} "
                                  "of the line; pass the file's encoding") from error
            if not decoded.strip():
                continue
            try:
                record = json.loads(decoded)
            except json.JSONDecodeError as error:
                tracker.drop(str(path), line_number, f"not valid JSON ({error.msg} at column {error.colno}); "
                             "line skipped: fix or remove it")
                continue
            if not isinstance(record, dict):
                tracker.drop(str(path), line_number, "not a JSON object; line skipped")
                continue
            yield line_number, record


def _iter_parquet_records(path: Path, chunk_size: int) -> Iterator[tuple[int, dict]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise CorpusError(f"corpus file {path}: cannot be read as Parquet ({error})") from error
    row_number = 0
    for batch in parquet.iter_batches(batch_size=chunk_size):
        for record in batch.to_pylist():
            row_number += 1
            yield row_number, record
