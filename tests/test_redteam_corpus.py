"""Red-team cases for corpus loading (issue 10, parts 4 and 5): encodings, dates, and rows in = rows
out + rows dropped. Each test states the exact outcome: the rows kept, the message, the reasons in
``articles.attrs["dropped"]``. Fixtures are tiny files made in tmp_path; nothing is read from data/raw.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newskit.corpus import load_corpus
from newskit.errors import CorpusError, NewskitWarning


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def messages(record) -> list[str]:
    return [str(w.message) for w in record]


def reasons(articles: pd.DataFrame) -> list[str]:
    return [d["reason"] for d in articles.attrs["dropped"]]


# --- 4. encodings ------------------------------------------------------------------------------------

def test_mostly_utf8_file_with_a_stray_latin1_byte_keeps_its_utf8_text(tmp_path):
    head = "Caf\u00e9 \u2014 12 killed in Gaza, the ministry said. Caf".encode()
    write(tmp_path / "a.txt", head + b"\xe9 reopened.")
    with pytest.warns(NewskitWarning) as record:
        articles = load_corpus(tmp_path)
    assert articles.loc[0, "text"] == "Caf\u00e9 \u2014 12 killed in Gaza, the ministry said. Caf\ufffd reopened."
    assert len(messages(record)) == 1
    assert re.search(rf"a\.txt: not UTF-8 at byte {len(head)}; kept as UTF-8 with 1 bytes that are not UTF-8 "
                     rf"replaced by U\+FFFD \(1 sequences; first at byte {len(head)}\)", messages(record)[0])


def test_mostly_utf8_after_a_bom_counts_offsets_in_the_file(tmp_path):
    head = b"\xef\xbb\xbf" + "\u201cTwelve\u201d killed ".encode()
    write(tmp_path / "a.txt", head + b"\x92 more")
    with pytest.warns(NewskitWarning, match=rf"not UTF-8 at byte {len(head)}; .*first at byte {len(head)}\)"):
        text = load_corpus(tmp_path).loc[0, "text"]
    assert text == "\u201cTwelve\u201d killed \ufffd more"


@pytest.mark.parametrize(
    "text, codec, named",
    [
        ("Le pr\u00e9sident a d\u00e9clar\u00e9 que douze personnes ont \u00e9t\u00e9 tu\u00e9es \u00e0 Gaza. " * 3,
         "latin-1", "cp1252"),
        ("Israel\u2019s army said \u201c12 were killed\u201d \u2014 Caf\u00e9 owner. " * 3, "cp1252", "cp1252"),
        ("\u0412 \u0413\u0430\u0437\u0435 \u043f\u043e\u0433\u0438\u0431\u043b\u0438 \u0434\u0432\u0435\u043d"
         "\u0430\u0434\u0446\u0430\u0442\u044c \u0447\u0435\u043b\u043e\u0432\u0435\u043a, \u0441\u043e\u043e"
         "\u0431\u0449\u0438\u043b\u043e \u043c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432"
         "\u043e. " * 3, "cp1251", "cp1251"),
    ],
    ids=["latin-1-french", "cp1252-quotes", "cp1251-russian"],
)
def test_a_file_really_in_another_encoding_is_decoded_by_detection_and_named(tmp_path, text, codec, named):
    write(tmp_path / "a.txt", text.encode(codec))
    with pytest.warns(NewskitWarning, match=rf"a\.txt: decoded as {named} \(not UTF-8 at byte \d+\); "
                      rf"pass encoding='{named}'"):
        assert load_corpus(tmp_path).loc[0, "text"] == text


@pytest.mark.parametrize(
    "raw, expected_text, warning",
    [
        ("Gaza".encode("utf-16") + b"x", "Gaza\ufffd",
         r"decoded as UTF-16 \(byte-order mark found\), 1 bytes that are not UTF-16 .*\(an odd byte count: the "
         r"file looks truncated\) replaced by U\+FFFD, first at byte 10"),
        ("Gaza 12 killed".encode("utf-16-le") + b"x", "Gaza 12 killed\ufffd",
         r"UTF-16 without a byte-order mark, 1 bytes .*odd byte count.*first at byte 28"),
        ("ab".encode("utf-16") + b"\x00\xd8" + "cd".encode("utf-16-le"), "ab\ufffdcd",
         r"UTF-16 \(byte-order mark found\), 2 bytes that are not UTF-16 \(a lone surrogate.*first at byte 6"),
    ],
    ids=["utf16-bom-odd-length", "utf16-no-bom-odd-length", "utf16-lone-surrogate"],
)
def test_truncated_utf16_and_lone_surrogates_are_replaced_and_counted(tmp_path, raw, expected_text, warning):
    write(tmp_path / "a.txt", raw)
    with pytest.warns(NewskitWarning, match=warning):
        articles = load_corpus(tmp_path)
    assert articles["text"].tolist() == [expected_text]
    assert articles.attrs["dropped"] == []


@pytest.mark.parametrize(
    "raw, expected_text",
    [(b"Gaza \xe2\x80\x94 x \xed\xa0\x80 y", "Gaza \u2014 x \ufffd y"),
     (b"plain \xed\xb0\x80 ascii", "plain \ufffd ascii")],
    ids=["with-other-utf8", "ascii-only"],
)
def test_a_lone_surrogate_written_as_utf8_is_one_replacement_not_cp1252(tmp_path, raw, expected_text):
    write(tmp_path / "a.txt", raw)
    with pytest.warns(NewskitWarning, match=r"3 bytes that are not UTF-8 .*\(1 sequences, 1 of them lone "
                      r"surrogates written as UTF-8"):
        assert load_corpus(tmp_path).loc[0, "text"] == expected_text


def test_a_lone_surrogate_escape_in_jsonl_is_replaced_and_the_row_kept(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"article_id": "a", "text": "12 killed \\ud800 in Gaza", "title": "T\\udfff"}\n'
                 '{"article_id": "b", "text": "pair \\ud83d\\ude00 is fine"}\n')
    with pytest.warns(NewskitWarning) as record:
        articles = load_corpus(path)
    assert articles["text"].tolist() == ["12 killed \ufffd in Gaza", "pair \U0001F600 is fine"]
    assert articles.loc[0, "title"] == "T\ufffd"
    assert messages(record) == [f"corpus file {path}, row 1: ['text', 'title'] hold lone surrogates (e.g. a JSON "
                                "'\\ud800' escape), which no UTF-8 text can hold; replaced by U+FFFD, the row is kept"]
    articles.to_csv(tmp_path / "out.csv")  # writable as UTF-8 now


def test_a_csv_with_a_few_bad_bytes_keeps_its_rows(tmp_path):
    head = "article_id,text\na,Caf\u00e9 \u2014 one\nb,Two ".encode()
    path = write(tmp_path / "c.csv", head + b"\xff\nc,Three\n")
    with pytest.warns(NewskitWarning, match=rf"c\.csv: not UTF-8 at byte {len(head)}; kept as UTF-8 with 1 bytes"):
        articles = load_corpus(path)
    assert articles["text"].tolist() == ["Caf\u00e9 \u2014 one", "Two \ufffd", "Three"]


def test_a_csv_in_cp1252_is_refused_with_the_detected_encoding_named(tmp_path):
    path = write(tmp_path / "c.csv", ("article_id,text\na,Le pr\u00e9sident a d\u00e9clar\u00e9 que douze "
                                      "personnes ont \u00e9t\u00e9 tu\u00e9es.\n").encode("cp1252"))
    with pytest.raises(CorpusError, match=r"c\.csv: not UTF-8 at byte 23; pass the file's encoding, e\.g\. "
                       r"encoding='cp1252' \(the likeliest, by charset-normalizer\)"):
        load_corpus(path)
    assert load_corpus(path, encoding="cp1252").loc[0, "text"].startswith("Le pr\u00e9sident")


def test_a_utf16_csv_is_read_by_its_bom_or_refused_naming_utf16(tmp_path):
    content = "article_id,text\na,Caf\u00e9 \u2014 12 killed\n"
    path = write(tmp_path / "c.csv", content.encode("utf-16"))
    with pytest.warns(NewskitWarning, match=r"c\.csv: decoded as UTF-16 \(byte-order mark found\)"):
        assert load_corpus(path)["text"].tolist() == ["Caf\u00e9 \u2014 12 killed"]
    write(path, content.encode("utf-16-le"))
    with pytest.raises(CorpusError, match=r"looks like UTF-16 without a byte-order mark: pass encoding='utf-16-le'"):
        load_corpus(path)


def test_a_metadata_csv_not_in_utf8_is_refused_or_decoded_with_the_right_fix(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "metadata.csv", "file,outlet\na.txt,Le Monde diplomatique \u00e9dition fran\u00e7aise\n"
          .encode("cp1252"))
    with pytest.raises(CorpusError, match=r"metadata file .*metadata\.csv: not UTF-8 at byte \d+ \(it looks like "
                       r"cp1252, by charset-normalizer\); save it as UTF-8"):
        load_corpus(tmp_path)
    write(tmp_path / "metadata.csv", "file,outlet\na.txt,Caf\u00e9\n".encode("utf-16"))
    with pytest.warns(NewskitWarning, match=r"metadata\.csv: decoded as UTF-16 \(byte-order mark found\); save the "
                      r"file as UTF-8"):
        assert load_corpus(tmp_path).loc[0, "outlet"] == "Caf\u00e9"


def test_a_jsonl_line_with_a_few_bad_bytes_is_kept_and_named(tmp_path):
    first = b'{"text": "One."}\n'
    path = write(tmp_path / "c.jsonl", first + '{"text": "Caf\u00e9 \u2014 '.encode() + b'\xe9"}\n')
    with pytest.warns(NewskitWarning, match=r"c\.jsonl, row 2: not UTF-8 at byte 37; kept as UTF-8 with 1 bytes .*"
                      r"first at byte 37\); the row is kept"):
        articles = load_corpus(path)
    assert articles["text"].tolist() == ["One.", "Caf\u00e9 \u2014 \ufffd"]


@pytest.mark.parametrize("encoding", ["utf-9", "base64", ""], ids=["unknown", "not-a-text-codec", "empty"])
@pytest.mark.parametrize("shape", ["folder", "csv", "jsonl"])
def test_an_unknown_encoding_name_is_refused_before_reading(tmp_path, encoding, shape):
    path = {"folder": lambda: write(tmp_path / "a.txt", "Text.").parent,
            "csv": lambda: write(tmp_path / "c.csv", "text\nOne.\n"),
            "jsonl": lambda: write(tmp_path / "c.jsonl", '{"text": "One."}\n')}[shape]()
    if encoding == "":  # empty means "detect", as None does
        assert len(load_corpus(path, encoding=encoding)) == 1
        return
    with pytest.raises(CorpusError, match=rf"unknown text encoding '{encoding}' .*give a Python codec name"):
        load_corpus(path, encoding=encoding)


def test_a_non_utf8_file_name_is_kept_with_escapes_and_named(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    write(tmp_path / name, "12 killed.")
    with pytest.warns(NewskitWarning, match=r"caf\\xe9\.txt: file name is not UTF-8; the article is kept"):
        articles = load_corpus(tmp_path)
    assert articles.loc[0, "article_id"] == "caf\\xe9"
    assert articles.loc[0, "source_path"] == str(tmp_path / "caf\\xe9.txt")
    articles.to_csv(tmp_path / "out.csv")
    articles.to_parquet(tmp_path / "out.parquet")


def test_a_table_with_a_non_utf8_file_name_loads(tmp_path):
    path = write(tmp_path / os.fsdecode(b"feed\xff.csv"), "text\nOne.\n")
    articles = load_corpus(path)
    assert articles.loc[0, "article_id"] == "feed\\xff-000001"
    assert articles.loc[0, "source_path"].endswith("feed\\xff.csv")


# --- 4. unreadable files ----------------------------------------------------------------------------

def test_a_file_that_cannot_be_read_is_dropped_with_its_error(tmp_path):
    """Root reads any chmod-000 file; /proc/self/mem is a regular file that fails to read for root too."""
    if not Path("/proc/self/mem").exists():
        pytest.skip("needs Linux /proc")
    write(tmp_path / "a.txt", "Real text.")
    os.symlink("/proc/self/mem", tmp_path / "mem.txt")
    with pytest.warns(NewskitWarning, match=r"mem\.txt: skipped: corpus file .*mem\.txt cannot be read "
                      r"\(OSError: Input/output error\); check that it is a readable file"):
        articles = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == ["a"]
    assert [Path(d["source_path"]).name for d in articles.attrs["dropped"]] == ["mem.txt"]


def test_an_unreadable_single_file_is_a_corpus_error(tmp_path):
    if not Path("/proc/self/mem").exists():
        pytest.skip("needs Linux /proc")
    os.symlink("/proc/self/mem", tmp_path / "mem.txt")
    with pytest.raises(CorpusError, match=r"mem\.txt cannot be read \(OSError: Input/output error\)"):
        load_corpus(tmp_path / "mem.txt")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads chmod-000 files")
def test_a_chmod_000_file_is_dropped_with_permission_denied(tmp_path):
    write(tmp_path / "a.txt", "Real text.")
    locked = write(tmp_path / "b.txt", "Locked.")
    locked.chmod(0)
    try:
        with pytest.warns(NewskitWarning, match=r"b\.txt cannot be read \(PermissionError: Permission denied\)"):
            articles = load_corpus(tmp_path)
    finally:
        locked.chmod(0o644)
    assert articles["article_id"].tolist() == ["a"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_the_corpus_path_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "feed.txt")
    with pytest.raises(CorpusError, match=r"feed\.txt is not a regular file \(a FIFO, socket or device\)"):
        load_corpus(tmp_path / "feed.txt")


@pytest.mark.parametrize(
    "make, message",
    [(lambda d: os.symlink("nowhere.txt", d / "gone.txt"), r"gone\.txt is a broken symlink or a symlink loop"),
     (lambda d: os.symlink("loop.txt", d / "loop.txt"), r"loop\.txt is a broken symlink or a symlink loop")],
    ids=["broken-symlink", "symlink-loop"],
)
def test_a_bad_symlink_as_the_corpus_path_is_refused(tmp_path, make, message):
    name = "gone.txt" if "gone" in message else "loop.txt"
    make(tmp_path)
    with pytest.raises(CorpusError, match=message):
        load_corpus(tmp_path / name)


# --- 4. dates outside the supported range -----------------------------------------------------------

def test_out_of_range_dates_in_a_csv_are_left_empty_and_the_rows_kept(tmp_path):
    path = write(tmp_path / "c.csv", "article_id,text,published\na,One.,9999-12-31\nb,Two.,1500-01-01\n"
                 "c,Three.,2262-04-11\nd,Four.,1677-09-22\n")
    with pytest.warns(NewskitWarning) as record:
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["a", "b", "c", "d"]
    assert articles["published"].isna().tolist() == [True, True, False, False]
    assert messages(record) == [
        f"corpus file {path}, row 1: date '9999-12-31' is outside the supported range 1677-09-22 to 2262-04-11 "
        "(a 'no date' sentinel?); left empty, the row is kept",
        f"corpus file {path}, row 2: date '1500-01-01' is outside the supported range 1677-09-22 to 2262-04-11 "
        "(a 'no date' sentinel?); left empty, the row is kept"]
    assert articles.attrs["dropped"] == []


def test_out_of_range_dates_in_txt_headers_metadata_and_parquet(tmp_path):
    folder = tmp_path / "f"
    write(folder / "a.txt", "Date: 9999-12-31\n\nBody one.")
    write(folder / "b.txt", "Body two.")
    write(folder / "metadata.csv", "file,published\nb.txt,31 December 9999\n")
    with pytest.warns(NewskitWarning) as record:
        articles = load_corpus(folder)
    assert articles["published"].isna().all() and len(articles) == 2
    assert [m.split(": ", 1)[1][:30] for m in messages(record)] == ["date '9999-12-31' is outside t",
                                                                   "date '31 December 9999' is out"]
    table = pa.table({"text": ["One.", "Two."], "published": pa.array([date(9999, 12, 31), date(2024, 1, 2)])})
    pq.write_table(table, tmp_path / "c.parquet")
    with pytest.warns(NewskitWarning, match=r"c\.parquet, row 1: date datetime\.date\(9999, 12, 31\) is outside"):
        articles = load_corpus(tmp_path / "c.parquet")
    assert articles["published"].tolist()[1] == pd.Timestamp("2024-01-02") and pd.isna(articles["published"][0])


def test_the_cli_reads_a_corpus_with_a_sentinel_date(tmp_path, capsys):
    from newskit.cli import main

    path = write(tmp_path / "c.csv", "article_id,text,published\na,Officials said 12 people were killed.,9999-12-31\n")
    with pytest.warns(NewskitWarning, match=r"row 1: date '9999-12-31' is outside the supported range"):
        assert main(["figures", str(path), "-o", str(tmp_path / "claims.csv")]) == 0
    assert "12" in (tmp_path / "claims.csv").read_text(encoding="utf-8")


# --- 5. rows in = rows out + rows dropped -----------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_every_stray_entry_of_a_folder_is_listed_as_dropped(tmp_path):
    write(tmp_path / "a.txt", "Real text.")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path / "README.md", "quiet")
    (tmp_path / "sub").mkdir()
    (tmp_path / "dir.txt").mkdir()
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("missing.txt", tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.warns(NewskitWarning) as record:
        articles = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == ["a"]
    dropped = {Path(d["source_path"]).name: d["reason"] for d in articles.attrs["dropped"]}
    assert dropped == {
        "photo.jpg": "not a .txt article (stray file); skipped",
        "dir.txt": "a folder (subfolders are not read); skipped",
        "gone.txt": "a broken symlink; skipped",
        "loop.txt": "a symlink loop; skipped",
        "pipe.txt": "not a regular file (a FIFO, socket or device); skipped",
        "sub": "a folder (subfolders are not read); skipped",
    }
    assert len(articles) + len(dropped) == 7  # every entry but README.md
    assert len(messages(record)) == 1
    assert "ignored 1 entries that are not .txt articles: ['photo.jpg']; ignored 5 entries that are not " \
           "readable files: dir.txt (a folder" in messages(record)[0]


def test_exact_duplicate_rows_without_an_id_are_dropped(tmp_path):
    path = write(tmp_path / "c.csv", "text,outlet\nSame.,X\nOther.,X\nSame.,X\nSame.,Y\n")
    with pytest.warns(NewskitWarning, match=r"c\.csv, row 3: exact duplicate of row 1 \(no id\); row skipped"):
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["c-000001", "c-000002", "c-000004"]  # row 4 differs in outlet
    assert reasons(articles) == ["exact duplicate of row 1 (no id); row skipped"]


def test_exact_duplicate_jsonl_objects_in_another_key_order_are_dropped(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"text": "Same.", "outlet": "X"}\n{"outlet": "X", "text": "Same."}\n')
    with pytest.warns(NewskitWarning, match=r"row 2: exact duplicate of row 1"):
        assert len(load_corpus(path)) == 1


@pytest.mark.parametrize(
    "second, kept_outlet, detail",
    [("a.txt,Wire", "Wire", "with the same values"), ("a.txt,Other", "Wire", "with different values")],
    ids=["identical", "conflicting"],
)
def test_a_repeated_metadata_row_is_dropped_and_the_first_kept(tmp_path, second, kept_outlet, detail):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "metadata.csv", f"file,outlet\na.txt,Wire\n{second}\nghost.txt,X\n")
    with pytest.warns(NewskitWarning) as record:
        articles = load_corpus(tmp_path)
    assert articles.loc[0, "outlet"] == kept_outlet
    assert reasons(articles) == [
        f"metadata line 3: file 'a.txt' is named again, {detail}; kept line 2: remove the repeat",
        "metadata line 4: file 'ghost.txt' is not in the folder; row ignored"]
    assert messages(record)[0].endswith(f"metadata.csv, line 3: file 'a.txt' is named again, {detail}; kept line 2: "
                                        "remove the repeat")


@pytest.mark.parametrize(
    "content, columns, message",
    [
        ("article_id,text,text\na,One,Two\n", None, r"column 'text' \(columns \[2, 3\]\) appears more than once"),
        ("Body,id,Body\nOne,a,Two\n", {"text": "Body", "article_id": "id"},
         r"column 'Body' \(columns \[1, 3\]\) appears more than once"),
    ],
    ids=["two-text-columns", "two-mapped-columns"],
)
def test_a_repeated_column_the_kit_reads_is_refused(tmp_path, content, columns, message):
    with pytest.raises(CorpusError, match=message):
        load_corpus(write(tmp_path / "c.csv", content), columns=columns)


def test_a_repeated_column_the_kit_does_not_read_is_harmless(tmp_path):
    articles = load_corpus(write(tmp_path / "c.csv", "note,text,note\nx,One,y\n"))
    assert articles["text"].tolist() == ["One"]


def test_repeated_columns_in_parquet_and_metadata_are_refused(tmp_path):
    table = pa.Table.from_arrays([pa.array(["x"]), pa.array(["y"])], names=["text", "text"])
    pq.write_table(table, tmp_path / "c.parquet")
    with pytest.raises(CorpusError, match=r"c\.parquet: column 'text' \(columns \[1, 2\]\) appears more than once"):
        load_corpus(tmp_path / "c.parquet")
    write(tmp_path / "f" / "a.txt", "Text.")
    write(tmp_path / "f" / "metadata.csv", "file,outlet,outlet\na.txt,X,Y\n")
    with pytest.raises(CorpusError, match=r"metadata file .*metadata\.csv: column 'outlet' .* appears more than once"):
        load_corpus(tmp_path / "f")


@pytest.mark.parametrize(
    "content, kept",
    [
        ('article_id,text\na1,"Unclosed text\na2,Second\na3,Third\n', ["a2", "a3"]),
        ('article_id,text\na1,"Unclosed text\na2,Second\na3,"Third"\n', ["a2", "a3"]),
        ('article_id,text\na0,Fine\na1,"He said ""no"" then"x\na2,Second\n', ["a0", "a2"]),
    ],
    ids=["quote-runs-to-the-end", "quote-closed-by-a-later-field", "quote-closed-mid-field"],
)
def test_an_unclosed_quote_drops_its_line_instead_of_merging_rows(tmp_path, content, kept):
    path = write(tmp_path / "c.csv", content)
    with pytest.warns(NewskitWarning, match=r"c\.csv, row \d \(line \d\): unclosed quote; the line is skipped"):
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == kept
    assert articles["text"].str.contains("\n").sum() == 0
    assert len(reasons(articles)) == 1 and reasons(articles)[0].startswith("a quote on line ")
    assert len(articles) + len(articles.attrs["dropped"]) == 3


def test_quoted_multiline_fields_and_literal_quotes_still_read(tmp_path):
    path = write(tmp_path / "c.csv", 'article_id,text\na1,"Para one.\n\nPara ""two""."\na2,He said "hi\na3,Three\n')
    articles = load_corpus(path)
    assert articles["text"].tolist() == ['Para one.\n\nPara "two".', 'He said "hi', "Three"]


def test_a_trailing_comma_on_every_data_line_does_not_shift_columns(tmp_path):
    path = write(tmp_path / "c.csv", "article_id,text,outlet\na1,Body one,X,\na2,Body two,Y,\n")
    with pytest.warns(NewskitWarning, match=r"c\.csv: 2 rows end with an empty field the header lacks \(a trailing "
                      r"comma; first at row 1\)"):
        articles = load_corpus(path)
    assert articles[["article_id", "text", "outlet"]].values.tolist() == [["a1", "Body one", "X"],
                                                                          ["a2", "Body two", "Y"]]


def test_a_row_with_extra_fields_is_dropped_and_named(tmp_path):
    path = write(tmp_path / "c.csv", "article_id,text\na1,One\na2,Two, with a comma\na3,Three\n")
    with pytest.warns(NewskitWarning, match=r"c\.csv, row 2: 3 fields on line 3, the header has 2"):
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["a1", "a3"]
    assert len(articles) + len(articles.attrs["dropped"]) == 3


def test_short_rows_are_kept_with_one_warning(tmp_path):
    path = write(tmp_path / "c.csv", "article_id,text,outlet\na1,One\na2,Two\na3,Three,Z\n")
    with pytest.warns(NewskitWarning, match=r"c\.csv: 2 rows have fewer fields than the header's 3 \(first at row 1\)"):
        articles = load_corpus(path)
    assert articles["outlet"].tolist()[2] == "Z" and articles["outlet"][:2].isna().all()


@pytest.mark.parametrize(
    "value, kind",
    [('{"a": 1}', "a JSON object"), ('["x", "y"]', "a JSON array"), ("12", "a number"), ("true", "a boolean")],
)
def test_a_jsonl_text_that_is_not_a_string_is_dropped(tmp_path, value, kind):
    path = write(tmp_path / "c.jsonl", f'{{"text": {value}}}\n{{"text": "Real."}}\n')
    with pytest.warns(NewskitWarning, match=rf"c\.jsonl, row 1: text is {kind}, not a string; row skipped"):
        articles = load_corpus(path)
    assert articles["text"].tolist() == ["Real."]
    assert reasons(articles) == [f"text is {kind}, not a string; row skipped: write the article text as a string"]


def test_a_jsonl_metadata_value_that_is_an_object_is_left_empty(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"text": "Real.", "outlet": {"name": "X"}}\n')
    with pytest.warns(NewskitWarning, match=r"row 1: outlet is a JSON object, not a value; left empty"):
        assert load_corpus(path)["outlet"].isna().all()


def test_the_first_jsonl_record_does_not_fix_the_schema(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"id": "a", "body": "One."}\n{"id": "b", "body": "Two.", "source": "X"}\n')
    articles = load_corpus(path, columns={"article_id": "id", "text": "body", "outlet": "source"})
    assert articles["article_id"].tolist() == ["a", "b"]
    assert pd.isna(articles.loc[0, "outlet"]) and articles.loc[1, "outlet"] == "X"


def test_a_jsonl_record_without_text_is_dropped_even_when_first(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"article_id": "a"}\n{"article_id": "b", "text": "Two."}\n')
    with pytest.warns(NewskitWarning, match=r"c\.jsonl, row 1: no 'text' key \(it has \['article_id'\]\); row skipped"):
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["b"]


@pytest.mark.parametrize(
    "content, columns, message",
    [('{"body": "One."}\n{"body": "Two."}\n', None, r"no text column 'text'; its records have \['body'\]"),
     ('{"text": "One."}\n', {"published": "Date"}, r"mapped column\(s\) \['Date'\] not found in any record")],
    ids=["no-record-has-text", "mapped-key-in-no-record"],
)
def test_a_jsonl_file_missing_a_key_everywhere_is_refused(tmp_path, content, columns, message):
    with pytest.raises(CorpusError, match=message):
        load_corpus(write(tmp_path / "c.jsonl", content), columns=columns)


def test_a_jsonl_object_with_a_repeated_key_is_dropped(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"text": "One.", "text": "Two."}\n{"text": "Three."}\n')
    with pytest.warns(NewskitWarning, match=r"row 1: key 'text' appears twice in the object; line skipped"):
        assert load_corpus(path)["text"].tolist() == ["Three."]


def write_parquet(path: Path, n_rows: int = 50) -> Path:
    texts = [f"Article {i}: " + " ".join(f"word{(i * 7 + j) % 97}" for j in range(200)) for i in range(n_rows)]
    pq.write_table(pa.table({"article_id": [f"a{i}" for i in range(n_rows)], "text": texts}), path,
                   use_dictionary=False, compression="snappy", write_page_checksum=True)
    return path


@pytest.mark.parametrize(
    "damage, message",
    [(lambda raw: raw[: len(raw) // 2], r"c\.parquet: cannot be read as Parquet \(.*\); re-export the file"),
     (lambda raw: raw[: len(raw) // 2] + bytes(32) + raw[len(raw) // 2 + 32:],
      r"c\.parquet: damaged Parquet data after row 0 \(OSError: .*\); rows after it cannot be read")],
    ids=["truncated", "damaged-page"],
)
def test_a_corrupted_parquet_file_is_a_corpus_error(tmp_path, damage, message):
    path = write_parquet(tmp_path / "c.parquet")
    assert len(load_corpus(path)) == 50
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(CorpusError, match=message):
        load_corpus(path)


def test_rows_in_equal_rows_out_plus_dropped_on_a_messy_csv(tmp_path):
    lines = ["article_id,text,published", "a,One.,2024-01-02", ",Same.,", ",Same.,", "b,,", 'c,"Open quote,',
             "d,Four.,9999-12-31", "e,Five, extra,2024-01-01", "a,One.,2024-01-02", "f,Six.,someday"]
    path = write(tmp_path / "c.csv", "\n".join(lines) + "\n")
    with pytest.warns(NewskitWarning):
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["a", "c-000002", "d", "f"]
    assert len(articles) + len(articles.attrs["dropped"]) == len(lines) - 1
    assert [d["row"] for d in articles.attrs["dropped"]] == [3, 4, 5, 7, 8]


def test_a_csv_field_longer_than_the_csv_module_default_limit_is_read(tmp_path):
    big = "12 killed. " * 30_000  # 330,000 characters; the csv module's default limit is 131,072
    path = write(tmp_path / "c.csv", f'article_id,text\na,{big}\nb,"{big}"\n')
    assert [len(text) for text in load_corpus(path)["text"]] == [len(big), len(big)]


@pytest.mark.parametrize("n_lines", [2_000, 8_000])
def test_an_unclosed_quote_before_many_stray_quotes_drops_one_line(tmp_path, n_lines):
    """Each line after the broken one is read again once at most: the lines all come back."""
    lines = "".join(f'a{i},He said "hi {i}\n' for i in range(n_lines))
    path = write(tmp_path / "c.csv", 'article_id,text\nx0,"Unclosed\n' + lines + 'z,"never closed\n')
    with pytest.warns(NewskitWarning, match="unclosed quote"):
        articles = load_corpus(path)
    assert len(articles) == n_lines and articles.loc[0, "text"] == 'He said "hi 0'
    assert [d["row"] for d in articles.attrs["dropped"]] == [1, n_lines + 2]
