"""Reading corpora of every supported shape into the articles table.

Shapes: a folder of ``.txt`` files (one article each, optional ``metadata.csv`` sidecar), or one
CSV, JSONL or Parquet file with one article per row. Every shape gives the same table,
:data:`newskit.schema.ARTICLE_COLUMNS`; :func:`iter_corpus` yields it in chunks so memory stays flat.

Nothing is lost silently: a row, file or folder entry that cannot become an article is reported by
a :class:`~newskit.errors.NewskitWarning` naming the file, row and fix, and listed in
``articles.attrs["dropped"]`` with its reason; rows in = rows out + rows dropped. A problem that
makes a whole file unreliable (a header with a repeated column, a damaged Parquet page, an unknown
encoding) raises :class:`~newskit.errors.CorpusError` instead. Files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import json
import os
import re
import stat
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pandas as pd

from newskit.dates import EARLIEST_SUPPORTED_DATE, LATEST_SUPPORTED_DATE, is_supported_date, parse_date
from newskit.errors import CorpusError, NewskitWarning
from newskit.schema import ARTICLE_COLUMNS, DEFAULT_CHUNK_SIZE

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
METADATA_NAME = "metadata.csv"
# Files a corpus folder may hold beside its articles without a warning.
QUIET_NAMES = frozenset({METADATA_NAME, "README.md", ".gitkeep", ".DS_Store"})
METADATA_FIELDS = ("article_id", "outlet", "published", "title", "url")

# A leading " date 2023-12-14 " prefix is metadata, not text (as in the sample corpus).
RE_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
RE_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]{0,30}?)\s*:\s*(.*)$")
HEADER_KEYS = {
    "title": "title", "headline": "title", "date": "published", "published": "published",
    "outlet": "outlet", "source": "outlet", "publication": "outlet", "url": "url", "link": "url",
    "id": "article_id", "article_id": "article_id",
}
RE_LINE_BREAKS = re.compile(r"\r\n?")
# A UTF-16 surrogate half written as UTF-8 (CESU-8 style): UTF-8 in shape, invalid in value.
RE_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")
RE_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
ASCII_BYTES = bytes(range(128))
# Share of control characters above which bytes are taken for a binary file, not text.
BINARY_CONTROL_SHARE = 0.05
# Detectors such as charset-normalizer may read short Western text as UTF-16 or UTF-7; UTF-16 is
# recognised by its byte-order mark or its NUL bytes before detection runs, so these are excluded.
DETECTION_EXCLUDED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
# How far (chaos, coherence) a detector's candidate may trail its best guess and still count as
# equally likely; among equals, cp1252 is preferred because most news copy is Western European.
DETECTION_CHAOS_SLACK = 0.05
DETECTION_COHERENCE_SLACK = 0.1
PREFERRED_FALLBACK = "cp1252"
CSV_BLOCK_SIZE = 1 << 20
CSV_FIELD_SIZE_LIMIT = 2**31 - 1


@dataclass
class _Tracker:
    """What one load has seen: ids (to refuse clashes across chunks), rows without ids (to drop
    exact repeats) and the dropped rows."""

    seen: dict[str, tuple[str, str]] = field(default_factory=dict)
    seen_rows: dict[bytes, int] = field(default_factory=dict)
    dropped: list[dict] = field(default_factory=list)

    def drop(self, source: str, row: int | None, reason: str, *, message: str | None = None) -> None:
        """Warn about a dropped file, entry or row and list it; ``message`` replaces the warning's
        default text ("corpus file X, row N: reason")."""
        if message is None:
            message = f"corpus file {source}" + (f", row {row}" if row is not None else "") + f": {reason}"
        warnings.warn(message, NewskitWarning, stacklevel=4)
        self.record(source, row, reason)

    def record(self, source: str, row: int | None, reason: str) -> None:
        """List a dropped entry whose warning was already given (e.g. in one summary warning)."""
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
    text encoding instead of detection. ``published`` is a datetime64 column, NaT when unknown or
    outside 1677-09-22 .. 2262-04-11. ``sha256`` is the digest of a ``.txt`` file's bytes, or of a
    table row's text in UTF-8. A table row without an id that repeats an earlier row in every
    column is dropped; a repeated id with the same text is dropped, with another text refused.
    Rows, files and folder entries dropped on the way are listed in ``result.attrs["dropped"]``
    (dicts of ``source_path``, ``row`` (None for a file) and ``reason``).
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
    _check_encoding_name(encoding)
    mapping = _column_mapping(columns)
    shown = display_path(path)
    if not path.exists():
        what = "is a broken symlink or a symlink loop" if path.is_symlink() else "does not exist"
        raise CorpusError(f"corpus path {shown} {what}; give a folder of .txt files or a "
                          f"{'/'.join(TABLE_SUFFIXES)} file")
    if path.is_dir():
        rows = _iter_folder_rows(path, columns, encoding, tracker)
    elif not path.is_file():
        raise CorpusError(f"corpus path {shown} is not a regular file (a FIFO, socket or device); "
                          "give a folder of .txt files or a table file")
    elif path.suffix.lower() in TABLE_SUFFIXES:
        rows = _iter_table_rows(path, mapping, encoding, chunk_size, tracker)
    elif path.suffix.lower() in TEXT_SUFFIXES:
        rows = _read_single_text_file(path, encoding)
    else:
        raise CorpusError(f"corpus file {shown}: unsupported type {path.suffix!r}; supported: "
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


def _check_encoding_name(encoding: str | None) -> None:
    """Refuse an encoding name Python does not know, or one that is not a text encoding."""
    if not encoding:  # None or "": detect
        return
    try:
        b"a".decode(encoding)  # empty bytes would skip the codec lookup
    except UnicodeDecodeError:
        pass  # a real text codec (e.g. UTF-16, which needs two bytes)
    except (LookupError, TypeError) as error:
        raise CorpusError(f"unknown text encoding {encoding!r} ({error}); give a Python codec name "
                          "such as 'utf-8', 'cp1252', 'latin-1' or 'utf-16', or leave it out to detect "
                          "the encoding") from error


def _column_mapping(columns: dict[str, str] | None) -> dict[str, str]:
    unknown = set(columns or {}) - set(METADATA_FIELDS) - {"text"}
    if unknown:
        raise CorpusError(f"columns map names unknown field(s) {sorted(unknown)}; the kit's fields are "
                          f"{[*METADATA_FIELDS, 'text']}")
    return {"article_id": "article_id", "outlet": "outlet", "published": "published",
            "title": "title", "url": "url", "text": "text", **(columns or {})}


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


def display_path(path: str | Path) -> str:
    r"""A path as printable UTF-8: bytes of a non-UTF-8 file name are shown as ``\xNN`` escapes.

    >>> display_path("corpus/caf" + "\udce9" + ".txt")
    'corpus/caf\\xe9.txt'
    """
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


# --- folders of .txt files -------------------------------------------------------------------

def _iter_folder_rows(
    folder: Path, columns: dict[str, str] | None, encoding: str | None, tracker: _Tracker
) -> Iterator[dict]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        raise CorpusError(f"corpus folder {display_path(folder)} cannot be listed ({error.strerror}); "
                          "check its permissions") from error
    texts, strays, unusable = [], [], []
    for entry in entries:
        kind = _entry_kind(entry)
        if kind == "file" and entry.suffix.lower() in TEXT_SUFFIXES:
            texts.append(entry)
        elif entry.name in QUIET_NAMES and kind == "file":
            continue
        elif kind == "file":
            strays.append(entry)
        else:
            unusable.append((entry, kind))
    _report_strays(folder, strays, unusable, tracker)
    if not texts:
        raise CorpusError(f"corpus folder {display_path(folder)} holds no .txt files; "
                          "put one article per .txt file there")
    metadata = _read_metadata(folder / METADATA_NAME, columns, {p.name for p in texts}, tracker)
    return _iter_text_rows(texts, metadata, encoding, tracker)


def _entry_kind(entry: Path) -> str:
    """``file`` for a regular file (or a symlink to one), else what the entry is, in words."""
    try:
        mode = entry.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symlink loop"
        if error.errno == errno.ENOENT and entry.is_symlink():
            return "a broken symlink"
        return f"an entry that cannot be examined ({error.strerror})"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "a folder (subfolders are not read)"
    return "not a regular file (a FIFO, socket or device)"


def _report_strays(folder: Path, strays: list[Path], unusable: list[tuple[Path, str]], tracker: _Tracker) -> None:
    """One warning naming every entry that is not an article; each is listed as dropped."""
    if not strays and not unusable:
        return
    parts = []
    if strays:
        names = [display_path(p.name) for p in strays]
        parts.append(f"ignored {len(strays)} entries that are not .txt articles: {names[:10]}"
                     + (f" and {len(names) - 10} more" if len(names) > 10 else ""))
    if unusable:
        listed = [f"{display_path(p.name)} ({kind})" for p, kind in unusable[:10]]
        parts.append(f"ignored {len(unusable)} entries that are not readable files: {', '.join(listed)}"
                     + (f" and {len(unusable) - 10} more" if len(unusable) > 10 else ""))
    warnings.warn(f"corpus folder {display_path(folder)}: {'; '.join(parts)}; move them out to silence "
                  "this", NewskitWarning, stacklevel=5)
    for path in strays:
        tracker.record(display_path(path), None, "not a .txt article (stray file); skipped")
    for path, kind in unusable:
        tracker.record(display_path(path), None, f"{kind}; skipped")


def _iter_text_rows(
    texts: list[Path], metadata: dict[str, dict], encoding: str | None, tracker: _Tracker
) -> Iterator[dict]:
    """Rows of a folder's files; a file that cannot be read is reported and skipped."""
    for text_path in texts:
        try:
            row = _read_text_article(text_path, encoding, metadata.get(text_path.name, {}))
        except CorpusError as error:
            tracker.drop(display_path(text_path), None, f"skipped: {error}")
            continue
        if row is None:
            tracker.drop(display_path(text_path), None, "empty or whitespace-only file; skipped")
            continue
        yield row


def _read_single_text_file(path: Path, encoding: str | None) -> Iterator[dict]:
    """The row of a corpus given as one .txt file; unreadable or empty is an error, not a warning."""
    row = _read_text_article(path, encoding, {})
    if row is None:
        raise CorpusError(f"corpus file {display_path(path)} is empty or whitespace-only")
    yield row


def _read_metadata(
    path: Path, columns: dict[str, str] | None, file_names: set[str], tracker: _Tracker
) -> dict[str, dict]:
    """``metadata.csv`` as ``{file name: {field: value}}``.

    A row naming no article file, or naming a file an earlier row already named, is dropped with
    a warning (the first row for a file wins).
    """
    if not path.is_file():
        return {}
    shown = display_path(path)
    wanted = {theirs: ours for ours, theirs in (columns or {}).items()}
    header, records, stream = _read_csv(path, None, tracker, kind="metadata file")
    with stream:
        header = [wanted.get(name, name) for name in header]
        if "file" not in header:
            raise CorpusError(f"metadata file {shown}: needs a 'file' column naming each .txt file; "
                              f"it has {header}")
        _refuse_repeated_columns(shown, header, {"file", *METADATA_FIELDS}, kind="metadata file")
        metadata: dict[str, dict] = {}
        first_line: dict[str, int] = {}
        for record in records:
            values = dict(zip(header, record.fields, strict=False))
            name = (values.get("file") or "").strip()
            if name not in file_names:
                problem = f"file {name!r} is not in the folder; row ignored"
            elif name in metadata:
                fields = {k: (values.get(k) or "").strip() for k in METADATA_FIELDS if k in header}
                same = "the same values" if fields == metadata[name] else "different values"
                problem = (f"file {name!r} is named again, with {same}; kept line {first_line[name]}: "
                           "remove the repeat")
            else:
                metadata[name] = {k: (values.get(k) or "").strip() for k in METADATA_FIELDS if k in header}
                first_line[name] = record.line
                continue
            tracker.drop(shown, record.row, f"metadata line {record.line}: {problem}",
                         message=f"metadata file {shown}, line {record.line}: {problem}")
    return metadata


def _read_text_article(path: Path, encoding: str | None, overrides: dict[str, str]) -> dict | None:
    """One ``.txt`` file as an article row, ``overrides`` (from metadata.csv) applied where not
    empty; None when the file holds no text."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"corpus file {shown} cannot be read ({type(error).__name__}: {error.strerror}); "
                          "check that it is a readable file") from error
    text = RE_LINE_BREAKS.sub("\n", decode_bytes(data, source=shown, encoding=encoding))
    if not text.strip():
        return None
    fields, body = split_header(text)
    fields.update({key: value for key, value in overrides.items() if value})
    stem = display_path(path.stem)
    if shown != str(path):
        warnings.warn(f"corpus file {shown}: file name is not UTF-8; the article is kept, its id and "
                      "source_path show the bad bytes as \\x escapes. Rename the file to silence this",
                      NewskitWarning, stacklevel=5)
    return {
        "article_id": fields.get("article_id") or stem,
        "outlet": fields.get("outlet"),
        "published": _checked_date(fields.get("published"), f"file {shown}"),
        "title": fields.get("title"),
        "url": fields.get("url"),
        "text": body,
        "source_path": shown,
        "sha256": hashlib.sha256(data).hexdigest(),
        "_where": f"file {shown}",
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


# --- decoding ----------------------------------------------------------------------------------

_decode_errors = threading.local()


def _replace_and_record(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: one U+FFFD per bad sequence (per encoded surrogate, not per byte), with
    the byte span recorded when a recording is active."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    end = error.end
    surrogate = error.encoding in ("utf-8", "utf_8") and RE_ENCODED_SURROGATE.match(error.object, error.start)
    if surrogate:
        end = surrogate.end()
    spans = getattr(_decode_errors, "spans", None)
    if spans is not None:
        spans.append((error.start, end, bool(surrogate)))
    return "\ufffd", end


codecs.register_error("newskit-replace", _replace_and_record)


def _decode_recording(data: bytes, codec: str) -> tuple[str, list[tuple[int, int, bool]]]:
    """``data`` decoded with bad sequences replaced, and the ``(start, end, is_surrogate)`` spans."""
    _decode_errors.spans = []
    try:
        text = data.decode(codec, "newskit-replace")
        return text, _decode_errors.spans
    finally:
        _decode_errors.spans = None


@dataclass(frozen=True)
class _Utf8Damage:
    """How a byte string that is not valid UTF-8 fails: its bad sequences and its UTF-8 evidence."""

    text: str
    spans: list[tuple[int, int, bool]]
    n_valid_non_ascii: int

    @property
    def n_bad_bytes(self) -> int:
        return sum(end - start for start, end, _ in self.spans)

    @property
    def first_bad(self) -> int:
        return self.spans[0][0]

    @property
    def is_mostly_utf8(self) -> bool:
        """UTF-8 with a few bad bytes, rather than another encoding: at least as many well-formed
        multi-byte characters (and encoded surrogates, UTF-8 in shape) as foreign bad sequences.
        A cp1252 or latin-1 file almost never holds a well-formed UTF-8 multi-byte sequence."""
        n_surrogates = sum(1 for *_, is_surrogate in self.spans if is_surrogate)
        evidence = self.n_valid_non_ascii + n_surrogates
        return evidence > 0 and evidence >= len(self.spans) - n_surrogates


def _utf8_damage(data: bytes) -> _Utf8Damage:
    text, spans = _decode_recording(data, "utf-8")
    n_ascii = len(data) - len(data.translate(None, ASCII_BYTES))
    return _Utf8Damage(text, spans, len(text) - n_ascii - len(spans))


def _describe_damage(damage: _Utf8Damage, offset: int = 0) -> str:
    """The damage in words; ``offset`` is added to byte positions (where the bytes start in the file)."""
    n_surrogates = sum(1 for *_, is_surrogate in damage.spans if is_surrogate)
    kinds = f", {n_surrogates} of them lone surrogates written as UTF-8" if n_surrogates else ""
    return (f"kept as UTF-8 with {damage.n_bad_bytes} bytes that are not UTF-8 replaced by U+FFFD "
            f"({len(damage.spans)} sequences{kinds}; first at byte {damage.first_bad + offset})")


def detect_encoding(data: bytes) -> str | None:
    """The likeliest encoding of bytes that are not UTF-8, by charset-normalizer, or None.

    Among candidates as likely as the best (chaos and coherence within a small slack), cp1252 is
    preferred, so Western text is not read as a Baltic or Cyrillic code page because it is short.
    UTF-16/32 and UTF-7 are not candidates (UTF-16 is recognised before detection).

    >>> detect_encoding("Le pr\u00e9sident a d\u00e9clar\u00e9 que douze personnes ont \u00e9t\u00e9 tu\u00e9es."
    ...                 .encode("cp1252"))
    'cp1252'
    >>> detect_encoding("\u0412 \u0413\u0430\u0437\u0435 \u043f\u043e\u0433\u0438\u0431\u043b\u0438 "
    ...                 "\u0434\u0432\u0435\u043d\u0430\u0434\u0446\u0430\u0442\u044c "
    ...                 "\u0447\u0435\u043b\u043e\u0432\u0435\u043a.".encode("cp1251"))
    'cp1251'
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_exclusion=DETECTION_EXCLUDED))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if (match.chaos <= best.chaos + DETECTION_CHAOS_SLACK
                and match.coherence >= best.coherence - DETECTION_COHERENCE_SLACK
                and PREFERRED_FALLBACK in match.could_be_from_charset):
            return PREFERRED_FALLBACK
    return best.encoding


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode a file's bytes as text: UTF-8 (with or without BOM), UTF-16, or a detected encoding.

    Plain UTF-8 is decoded silently. UTF-8 with a few bad bytes (at least as many well-formed
    multi-byte characters as bad sequences) stays UTF-8, the bad bytes replaced by U+FFFD, with a warning
    giving their count and first offset. Otherwise the encoding is detected (charset-normalizer)
    and named in a warning. UTF-16 with an odd byte count or a lone surrogate is decoded with the
    bad bytes replaced and counted. NUL bytes inside UTF-8 text are removed with a warning. Binary
    data, or bytes no encoding reads, raise CorpusError naming the byte and the ``encoding=`` fix.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise CorpusError(f"corpus file {source}: not {encoding} at byte {error.start} ({error.reason}); "
                              "pass the file's encoding, or leave encoding out to detect it") from error
        except LookupError as error:
            raise CorpusError(f"unknown text encoding {encoding!r}") from error
    offset = 0
    if data.startswith(codecs.BOM_UTF8):
        data, offset = data[3:], 3
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        return _decode_utf16(data[2:], source, codec, "UTF-16 (byte-order mark found)", offset=2 + offset,
                             suggested="utf-16")
    if data.count(0) > len(data) // 4:
        return _decode_utf16_or_refuse(data, source)
    if _control_share(data.replace(b"\x00", b"")) > BINARY_CONTROL_SHARE:
        raise CorpusError(f"corpus file {source}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_not_utf8(data, source, error, offset)
    if "\x00" in text:
        warnings.warn(f"corpus file {source}: removed {text.count(chr(0))} NUL bytes from the text",
                      NewskitWarning, stacklevel=3)
        text = text.replace("\x00", "")
    return text


def _decode_utf16(data: bytes, source: str, codec: str, how: str, *, offset: int, suggested: str = "") -> str:
    """UTF-16 text; an odd last byte (a truncated file) or a lone surrogate is replaced and counted."""
    text, spans = _decode_recording(data, codec)
    if spans:
        n_bytes = sum(end - start for start, end, _ in spans)
        truncated = spans[-1][1] == len(data) and len(data) % 2
        causes = [*(["a lone surrogate"] if len(spans) > truncated else []),
                  *(["an odd byte count: the file looks truncated"] if truncated else [])]
        _warn_decoded(source, f"{how}, {n_bytes} bytes that are not UTF-16 ({'; '.join(causes)}) replaced by "
                      f"U+FFFD, first at byte {spans[0][0] + offset}", suggested or codec)
    else:
        _warn_decoded(source, how, suggested or codec)
    return text


def _decode_utf16_or_refuse(data: bytes, source: str) -> str:
    """Bytes full of control codes: UTF-16 without a byte-order mark (every other byte NUL), or binary."""
    little_endian = data[1::2].count(0) > data[0::2].count(0)
    codec = "utf-16-le" if little_endian else "utf-16-be"
    text, spans = _decode_recording(data, codec)
    unreadable = not text.strip("\ufffd") or len(spans) * 4 > len(text)
    if unreadable or _control_share(text.encode("utf-8")) > BINARY_CONTROL_SHARE:
        raise CorpusError(f"corpus file {source}: looks like a binary file, not text")
    return _decode_utf16(data, source, codec, "UTF-16 without a byte-order mark", offset=0)


def _decode_not_utf8(data: bytes, source: str, error: UnicodeDecodeError, offset: int) -> str:
    """Bytes that fail UTF-8 at ``error.start``: UTF-8 with a few bad bytes, or another encoding."""
    first_bad = error.start + offset
    damage = _utf8_damage(data)
    if damage.is_mostly_utf8:
        warnings.warn(f"corpus file {source}: not UTF-8 at byte {first_bad}; {_describe_damage(damage, offset)}. "
                      "Fix those bytes in a copy of the file, or pass encoding= if the file is in "
                      "another encoding", NewskitWarning, stacklevel=4)
        return damage.text
    detected = detect_encoding(data)
    for codec in dict.fromkeys(c for c in (detected, PREFERRED_FALLBACK) if c):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        _warn_decoded(source, f"{codec} (not UTF-8 at byte {first_bad})", codec)
        return text
    raise CorpusError(f"corpus file {source}: not UTF-8 at byte {first_bad}, and no encoding found that "
                      "reads it; pass the file's encoding, e.g. encoding='latin-1'") from error


def _warn_decoded(source: str, what: str, codec: str) -> None:
    warnings.warn(f"corpus file {source}: decoded as {what}; pass encoding={codec!r} to silence this, "
                  "or save the file as UTF-8", NewskitWarning, stacklevel=5)


def _control_share(data: bytes) -> float:
    """Share of control bytes (other than tab, newlines, form feed) in the first 4 KiB."""
    sample = data[:4096]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f")
    return controls / len(sample) if sample else 0.0


def _checked_date(value: object, where: str) -> object:
    """The parsed date, or None with a warning for a value that is present but does not parse, or
    that parses to a day outside what a datetime64[ns] column holds."""
    if value is None or (isinstance(value, str) and not value.strip()) or pd.isna(value):
        return None
    parsed = parse_date(value)
    if parsed is None:
        warnings.warn(f"corpus {where}: date {_excerpt(value)} does not parse; left empty. Write it as "
                      "YYYY-MM-DD (or '13 November 2023', 'Dec. 14, 2023')", NewskitWarning, stacklevel=4)
        return None
    if not is_supported_date(parsed):
        warnings.warn(f"corpus {where}: date {_excerpt(value)} is outside the supported range "
                      f"{EARLIEST_SUPPORTED_DATE} to {LATEST_SUPPORTED_DATE} (a 'no date' sentinel?); "
                      "left empty, the row is kept", NewskitWarning, stacklevel=4)
        return None
    return parsed


def _excerpt(value: object, limit: int = 80) -> str:
    """``repr`` of a value, cut to ``limit`` characters, for messages."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "...'"


# --- table files: CSV, JSONL, Parquet ---------------------------------------------------------

def _iter_table_rows(
    path: Path, mapping: dict[str, str], encoding: str | None, chunk_size: int, tracker: _Tracker
) -> Iterator[dict]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records: Iterable[tuple[int, dict]] = _iter_csv_corpus_records(path, mapping, encoding, tracker)
    elif suffix == ".parquet":
        records = _iter_parquet_records(path, mapping, chunk_size)
    else:
        records = _iter_jsonl_records(path, mapping, encoding, tracker)
    n_records = 0
    for row_number, record in records:
        n_records += 1
        row = _table_row(path, row_number, record, mapping, tracker)
        if row is not None:
            yield row
    if not n_records:
        raise CorpusError(f"corpus file {display_path(path)} holds no rows")


def _check_columns(path: Path, mapping: dict[str, str], present: list[str]) -> None:
    shown = display_path(path)
    if mapping["text"] not in present:
        raise CorpusError(f"corpus file {shown}: no text column {mapping['text']!r}; it has {present}. "
                          f"Pass columns={{'text': '<the column holding the article text>'}}")
    explicit_missing = [theirs for ours, theirs in mapping.items() if theirs != ours and theirs not in present]
    if explicit_missing:
        raise CorpusError(f"corpus file {shown}: mapped column(s) {explicit_missing} not found; "
                          f"it has {present}")


def _refuse_repeated_columns(shown: str, header: list[str], used: set[str], *, kind: str) -> None:
    """A column the kit reads must appear once: with two ``text`` columns, which one is the text?"""
    repeated = {name: [i + 1 for i, n in enumerate(header) if n == name]
                for name in used if header.count(name) > 1}
    if repeated:
        listed = ", ".join(f"{name!r} (columns {positions})" for name, positions in sorted(repeated.items()))
        raise CorpusError(f"{kind} {shown}: column {listed} appears more than once, so which one to read is "
                          "unclear; rename the repeats so each column the kit reads appears once")


def _table_row(
    path: Path, row_number: int, record: dict, mapping: dict[str, str], tracker: _Tracker
) -> dict | None:
    shown = display_path(path)
    where = f"file {shown}, row {row_number}"
    text = record.get(mapping["text"])
    if isinstance(text, float) and text != text:
        text = None
    if text is not None and not isinstance(text, str):
        tracker.drop(shown, row_number, f"text is {_json_kind(text)}, not a string; row skipped: "
                     "write the article text as a string")
        return None
    if text is None or not text.strip():
        tracker.drop(shown, row_number, "empty text; row skipped")
        return None
    fields: dict[str, object] = {"text": text}
    for name in METADATA_FIELDS:
        raw = record.get(mapping[name])
        if raw is None or (isinstance(raw, float) and raw != raw):
            fields[name] = None
        elif isinstance(raw, (dict, list, tuple)):
            warnings.warn(f"corpus {where}: {name} is {_json_kind(raw)}, not a value; left empty",
                          NewskitWarning, stacklevel=4)
            fields[name] = None
        elif name == "published" and not isinstance(raw, str):
            fields[name] = raw  # a date or timestamp from Parquet: parsed as it is
        else:
            fields[name] = str(raw).strip() or None
    surrogates = [name for name, value in fields.items() if isinstance(value, str) and _has_lone_surrogate(value)]
    if surrogates:
        warnings.warn(f"corpus {where}: {surrogates} hold lone surrogates (e.g. a JSON '\\ud800' escape), "
                      "which no UTF-8 text can hold; replaced by U+FFFD, the row is kept",
                      NewskitWarning, stacklevel=4)
        fields = {name: RE_LONE_SURROGATE.sub("\ufffd", value) if name in surrogates else value
                  for name, value in fields.items()}
    text = RE_LINE_BREAKS.sub("\n", fields["text"]).replace("\x00", "")
    if fields["article_id"] is None:
        # Rows without an id: two rows alike in every column are one article exported twice.
        key = hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode("utf-8")).digest()
        if key in tracker.seen_rows:
            tracker.drop(shown, row_number, f"exact duplicate of row {tracker.seen_rows[key]} (no id); row skipped")
            return None
        tracker.seen_rows[key] = row_number
    return {
        "article_id": fields["article_id"] or f"{display_path(path.stem)}-{row_number:06d}",
        "outlet": fields["outlet"],
        "published": _checked_date(fields["published"], where),
        "title": fields["title"],
        "url": fields["url"],
        "text": text,
        "source_path": shown,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "_where": where,
        "_row": row_number,
    }


def _has_lone_surrogate(value: str) -> bool:
    """Whether a string holds a lone surrogate (UTF-8 cannot encode it); encoding is much faster
    than a regex search over a long text."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _json_kind(value: object) -> str:
    kinds = {dict: "a JSON object", list: "a JSON array", tuple: "a list", bool: "a boolean",
             int: "a number", float: "a number"}
    return kinds.get(type(value), f"a {type(value).__name__}")


# --- CSV ---------------------------------------------------------------------------------------

def _iter_csv_corpus_records(
    path: Path, mapping: dict[str, str], encoding: str | None, tracker: _Tracker
) -> Iterator[tuple[int, dict]]:
    header, records, stream = _read_csv(path, encoding, tracker, kind="corpus file")
    with stream:
        _check_columns(path, mapping, header)
        _refuse_repeated_columns(display_path(path), header, set(mapping.values()), kind="corpus file")
        for record in records:
            yield record.row, dict(zip(header, record.fields, strict=False))


@dataclass(frozen=True)
class _CsvRecord:
    row: int
    line: int
    fields: list[str]


def _read_csv(
    path: Path, encoding: str | None, tracker: _Tracker, *, kind: str
) -> tuple[list[str], Iterator[_CsvRecord], IO[str]]:
    """The header, a lazy iterator of data records (row 1 is the first after the header), and the
    open stream they come from (the caller closes it).

    Read with the csv module in strict mode, so a broken quote is seen rather than merging rows: a
    record whose quotes do not close (or close in the wrong place) is dropped as the one line it
    started on, and reading resumes at the next line. Blank lines are not rows. A record with more
    fields than the header is dropped, unless its extra fields are empty (a trailing comma on
    every line, as some exports write), which are ignored with one warning; a record with fewer
    fields has the missing ones left empty, with one warning.
    """
    shown = display_path(path)
    # An article may be megabytes long; the csv module's default field limit is 128 KiB.
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_SIZE_LIMIT))
    codec, errors = _csv_encoding(path, encoding, kind)
    try:
        stream = path.open(encoding=codec, errors=errors, newline="")
    except OSError as error:
        raise CorpusError(f"{kind} {shown} cannot be read ({error.strerror})") from error
    records = _csv_records(stream, shown, codec, kind)
    try:
        first = next(records, None)
    except BaseException:
        stream.close()
        raise
    if first is None:
        stream.close()
        raise CorpusError(f"{kind} {shown} is empty")
    if first[1] is None:
        stream.close()
        raise CorpusError(f"{kind} {shown}: the header (line {first[0]}) has an unclosed quote; fix it")
    header = [name.lstrip("\ufeff") if i == 0 else name for i, name in enumerate(first[1])]
    header = [name if name else f"Unnamed: {i}" for i, name in enumerate(header)]
    return header, _csv_data_records(records, header, shown, tracker, kind), stream


def _csv_data_records(
    records: Iterator[tuple[int, list[str] | None]], header: list[str], shown: str, tracker: _Tracker, kind: str,
) -> Iterator[_CsvRecord]:
    n_columns = len(header)
    trailing, short = [], []
    for row, (line, fields) in enumerate(records, start=1):
        if fields is None:
            tracker.drop(shown, row, f"a quote on line {line} opens a field that no quote closes where a "
                         "field can end, so the rows after it would merge into it; this line skipped: close "
                         "the quote, or double the quotes inside the field",
                         message=f"{kind} {shown}, row {row} (line {line}): unclosed quote; the line is skipped "
                         "and reading resumes at the next line: close the quote, or double the quotes inside "
                         "the field")
            continue
        if len(fields) > n_columns:
            if any(value.strip() for value in fields[n_columns:]):
                reason = (f"{len(fields)} fields on line {line}, the header has {n_columns} (an unquoted comma "
                          "inside a field?); row skipped: quote the fields that hold commas")
                tracker.drop(shown, row, reason, message=f"{kind} {shown}, row {row}: {reason}")
                continue
            trailing.append(row)
            fields = fields[:n_columns]
        elif len(fields) < n_columns:
            short.append(row)
        yield _CsvRecord(row, line, fields)
    if trailing:
        warnings.warn(f"{kind} {shown}: {len(trailing)} rows end with an empty field the header lacks "
                      f"(a trailing comma; first at row {trailing[0]}); the extra empty fields are ignored, "
                      "columns are read by the header", NewskitWarning, stacklevel=3)
    if short:
        warnings.warn(f"{kind} {shown}: {len(short)} rows have fewer fields than the header's {n_columns} "
                      f"(first at row {short[0]}); their missing fields are left empty", NewskitWarning,
                      stacklevel=3)


def _csv_records(stream: IO[str], shown: str, codec: str, kind: str) -> Iterator[tuple[int, list[str] | None]]:
    """``(first line, fields or None)`` per record; None marks a line whose quoting is broken.

    One strict csv reader runs over the lines while a tap keeps the lines of the record in hand.
    When the reader fails (a quote that never closes, or closes mid-field), the record's first line
    is reported as broken and the lines after it are read again as records of their own, so one
    stray quote costs one line, not every row up to the next quote.
    """
    feed = _LineTap(enumerate(_decoded_lines(stream, shown, codec, kind), start=1))
    pending, taken = feed.pending, feed.taken
    while True:
        reader = csv.reader(feed, strict=True)
        try:
            for fields in reader:
                first, n_lines = taken[0], len(taken)
                taken.clear()
                if n_lines == 1 and not first[1].strip():
                    continue  # a blank line is not a row
                yield first[0], fields
            return
        except csv.Error:
            if not taken:
                raise
            pending.extendleft(reversed(taken[1:]))
            broken = taken[0]
            taken.clear()
            yield broken[0], None


class _LineTap:
    """Lines for a csv reader, each kept in ``taken`` until its record is done; lines pushed back
    into ``pending`` are served first (an iterator, not a generator, so it can resume after the end)."""

    def __init__(self, lines: Iterator[tuple[int, str]]):
        self.lines = lines
        self.pending: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        item = self.pending.popleft() if self.pending else next(self.lines)
        self.taken.append(item)
        return item[1]


def _decoded_lines(stream: IO[str], shown: str, codec: str, kind: str) -> Iterator[str]:
    try:
        yield from stream
    except UnicodeDecodeError as error:
        raise CorpusError(f"{kind} {shown}: cannot be decoded as {codec} ({error.reason}); pass the file's "
                          "encoding, or leave encoding out to detect it") from error


def _csv_encoding(path: Path, encoding: str | None, kind: str) -> tuple[str, str]:
    """(codec, errors) to read a CSV with: the given encoding; UTF-8; UTF-16 with a byte-order mark
    (with a warning); or UTF-8 with its few bad bytes replaced (with a warning). A CSV in another
    encoding is refused with the likely one named."""
    if encoding:
        return encoding, "strict"
    first_bad = _first_non_utf8_byte(path, kind)
    if first_bad is None:
        return "utf-8-sig", "strict"
    shown = display_path(path)
    # encoding= names the articles' encoding; a metadata.csv is always read without it.
    can_pass = kind == "corpus file"
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        fix = "pass encoding='utf-16' to silence this, or save" if can_pass else "save"
        warnings.warn(f"{kind} {shown}: decoded as UTF-16 (byte-order mark found); {fix} the file as UTF-8",
                      NewskitWarning, stacklevel=5)
        return "utf-16", "strict"
    head = data[:4096]
    if head.count(0) > len(head) // 4:
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        fix = f"pass encoding={codec!r}, or save it as UTF-8" if can_pass else "save it as UTF-8"
        raise CorpusError(f"{kind} {shown}: not UTF-8 at byte {first_bad}; it looks like UTF-16 without a "
                          f"byte-order mark: {fix}")
    damage = _utf8_damage(data)
    if damage.is_mostly_utf8:
        fix = ", or pass encoding= if the file is in another encoding" if can_pass else ""
        warnings.warn(f"{kind} {shown}: not UTF-8 at byte {first_bad}; {_describe_damage(damage)}. Fix those "
                      f"bytes in a copy of the file{fix}", NewskitWarning, stacklevel=5)
        return "utf-8-sig", "newskit-replace"
    detected = detect_encoding(data) or PREFERRED_FALLBACK
    if not can_pass:
        raise CorpusError(f"{kind} {shown}: not UTF-8 at byte {first_bad} (it looks like {detected}, by "
                          "charset-normalizer); save it as UTF-8")
    raise CorpusError(f"{kind} {shown}: not UTF-8 at byte {first_bad}; pass the file's encoding, e.g. "
                      f"encoding={detected!r} (the likeliest, by charset-normalizer), or save it as UTF-8")


def _first_non_utf8_byte(path: Path, kind: str) -> int | None:
    """Offset of the first byte that is not UTF-8, read in blocks (memory stays flat), or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    try:
        with path.open("rb") as stream:
            while block := stream.read(CSV_BLOCK_SIZE):
                pending = len(decoder.getstate()[0])
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as error:
                    return offset - pending + error.start
                offset += len(block)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError as error:
                return offset - pending + error.start
    except OSError as error:
        raise CorpusError(f"{kind} {display_path(path)} cannot be read ({error.strerror})") from error
    return None


# --- JSONL ---------------------------------------------------------------------------------------

def _iter_jsonl_records(
    path: Path, mapping: dict[str, str], encoding: str | None, tracker: _Tracker
) -> Iterator[tuple[int, dict]]:
    """(line number, record) pairs; a line that is not a JSON object is dropped with a warning.

    No record fixes the schema: a record may lack any key. One without the text key is dropped
    (reported once a record with the key shows the file has one); a file where no record has it,
    or where no record has a key the columns map names, is refused.
    """
    shown = display_path(path)
    text_key = mapping["text"]
    keys_seen: set[str] = set()
    waiting: list[tuple[int, str]] = []  # text-less rows, reported once the text key is known to exist
    n_records = 0
    for line_number, record in _iter_jsonl_objects(path, encoding, tracker):
        n_records += 1
        keys_seen.update(record)
        if text_key not in record:
            reason = f"no {text_key!r} key (it has {sorted(record)[:10]}); row skipped"
            if text_key in keys_seen:
                tracker.drop(shown, line_number, reason)
            else:
                waiting.append((line_number, reason))
            continue
        for waiting_line, reason in waiting:
            tracker.drop(shown, waiting_line, reason)
        waiting = []
        yield line_number, record
    if n_records and text_key not in keys_seen:
        raise CorpusError(f"corpus file {shown}: no text column {text_key!r}; its records have "
                          f"{sorted(keys_seen)[:20]}. Pass columns={{'text': '<the key holding the article text>'}}")
    missing = [theirs for ours, theirs in mapping.items() if theirs != ours and theirs not in keys_seen]
    if n_records and missing:
        raise CorpusError(f"corpus file {shown}: mapped column(s) {missing} not found in any record; "
                          f"its records have {sorted(keys_seen)[:20]}")


def _iter_jsonl_objects(path: Path, encoding: str | None, tracker: _Tracker) -> Iterator[tuple[int, dict]]:
    shown = display_path(path)
    try:
        stream = path.open("rb")
    except OSError as error:
        raise CorpusError(f"corpus file {shown} cannot be read ({error.strerror})") from error
    offset = 0
    with stream:
        for line_number, line in enumerate(stream, start=1):
            line_offset, offset = offset, offset + len(line)
            decoded = _decode_jsonl_line(line, line_number, line_offset, shown, encoding)
            if not decoded.strip():
                continue
            try:
                record = json.loads(decoded, object_pairs_hook=_object_refusing_repeats)
            except _RepeatedKeyError as error:
                tracker.drop(shown, line_number, f"key {error.args[0]!r} appears twice in the object; line "
                             "skipped: keep one")
                continue
            except (json.JSONDecodeError, RecursionError) as error:
                detail = (f"{error.msg} at column {error.colno}" if isinstance(error, json.JSONDecodeError)
                          else "nested too deep")
                tracker.drop(shown, line_number, f"not valid JSON ({detail}); line skipped: fix or remove it")
                continue
            if not isinstance(record, dict):
                tracker.drop(shown, line_number, "not a JSON object; line skipped")
                continue
            yield line_number, record


class _RepeatedKeyError(ValueError):
    pass


def _object_refusing_repeats(pairs: list[tuple[str, object]]) -> dict:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        raise _RepeatedKeyError(next(key for key, _ in pairs if key in seen or seen.add(key)))
    return record


def _decode_jsonl_line(line: bytes, line_number: int, line_offset: int, shown: str, encoding: str | None) -> str:
    codec = encoding or ("utf-8-sig" if line_number == 1 else "utf-8")
    try:
        return line.decode(codec)
    except UnicodeDecodeError as error:
        if encoding:
            raise CorpusError(f"corpus file {shown}, row {line_number}: not {encoding} at byte "
                              f"{line_offset + error.start} ({error.reason})") from error
        first_bad = line_offset + error.start
    damage = _utf8_damage(line)
    if damage.is_mostly_utf8:
        warnings.warn(f"corpus file {shown}, row {line_number}: not UTF-8 at byte {first_bad}; "
                      f"{_describe_damage(damage, line_offset)}; "
                      "the row is kept", NewskitWarning, stacklevel=5)
        return damage.text.lstrip("\ufeff")
    raise CorpusError(f"corpus file {shown}, row {line_number}: not UTF-8 at byte {first_bad}; pass the "
                      "file's encoding, or save it as UTF-8 (JSON Lines are UTF-8)")


# --- Parquet -------------------------------------------------------------------------------------

def _iter_parquet_records(path: Path, mapping: dict[str, str], chunk_size: int) -> Iterator[tuple[int, dict]]:
    import pyarrow.parquet as pq

    shown = display_path(path)
    try:
        # Page checksums, where the writer stored them, catch damage that still decompresses.
        parquet = pq.ParquetFile(path, page_checksum_verification=True)
        names = list(parquet.schema_arrow.names)
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise CorpusError(f"corpus file {shown}: cannot be read as Parquet ({type(error).__name__}: "
                          f"{_excerpt(str(error), 200)}); re-export the file") from error
    _check_columns(path, mapping, names)
    _refuse_repeated_columns(shown, names, set(mapping.values()), kind="corpus file")
    row_number = 0
    batches = parquet.iter_batches(batch_size=chunk_size)
    while True:
        try:
            batch = next(batches, None)
            records = batch.to_pylist() if batch is not None else []
        except Exception as error:  # a damaged page: pyarrow raises OSError, ArrowInvalid, ...
            raise CorpusError(f"corpus file {shown}: damaged Parquet data after row {row_number} "
                              f"({type(error).__name__}: {_excerpt(str(error), 200)}); rows after it cannot be "
                              "read: re-export the file") from error
        if batch is None:
            return
        for record in records:
            row_number += 1
            yield row_number, record
