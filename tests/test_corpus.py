"""Loading corpora: the sample, the dev corpus, every supported shape, and every bad input."""

from __future__ import annotations

import hashlib
import json
import warnings
from datetime import date

import pandas as pd
import pytest
from conftest import SAMPLE_000, needs_dev_corpus

from newskit.corpus import iter_corpus, load_corpus
from newskit.errors import CorpusError, NewskitWarning
from newskit.paths import DEV_ARTICLES_PATH, DEV_COLUMNS, SAMPLE_DIR
from newskit.schema import ARTICLE_COLUMNS


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- the sample corpus --------------------------------------------------------------------------

def test_sample_loads_as_two_articles_002_dated_000_undated():
    articles = load_corpus(SAMPLE_DIR).set_index("article_id")
    assert list(articles.index) == ["000_ac6a83ea76d8dca2", "002_da15ff6bf3766d8c"]
    assert articles.loc["002_da15ff6bf3766d8c", "published"] == pd.Timestamp("2023-12-14")
    assert pd.isna(articles.loc["000_ac6a83ea76d8dca2", "published"])


def test_sample_date_prefix_is_not_part_of_the_text():
    text = load_corpus(SAMPLE_DIR).set_index("article_id").loc["002_da15ff6bf3766d8c", "text"]
    assert text.startswith("Israel is showing no signs of backing down")
    assert "date 2023-12-14" not in text


def test_sample_columns_and_file_digest():
    articles = load_corpus(SAMPLE_DIR)
    assert list(articles.columns) == ARTICLE_COLUMNS
    first = articles.iloc[0]
    assert first["sha256"] == hashlib.sha256(SAMPLE_000.read_bytes()).hexdigest()
    assert first["source_path"] == str(SAMPLE_000)
    assert articles.attrs["dropped"] == []


@needs_dev_corpus
def test_dev_corpus_loads_52_articles_every_date_parsed():
    articles = load_corpus(DEV_ARTICLES_PATH, columns=DEV_COLUMNS)
    assert len(articles) == 52
    assert articles["published"].notna().all()
    assert articles["article_id"].is_unique
    assert set(articles["outlet"]) == {"Al Jazeera English", "BBC", "CNN Wire", "The New York Times"}
    first = articles.iloc[0]
    assert first["article_id"] == "69MC-WY31-JCMN-Y406-00000-00"
    assert first["published"] == pd.Timestamp("2023-11-13")


# --- shapes --------------------------------------------------------------------------------------

def test_header_lines_and_metadata_sidecar(tmp_path):
    write(tmp_path / "a.txt", "Title: Strike on camp\nDate: Dec. 14, 2023\nOutlet: Wire\n\nBody text here.")
    write(tmp_path / "b.txt", "Just a body.")
    write(tmp_path / "metadata.csv", "file,outlet,published\nb.txt,Paper,13 November 2023\n")
    articles = load_corpus(tmp_path).set_index("article_id")
    assert articles.loc["a", ["title", "outlet", "text"]].tolist() == ["Strike on camp", "Wire", "Body text here."]
    assert articles.loc["a", "published"] == pd.Timestamp("2023-12-14")
    assert articles.loc["b", ["outlet", "published"]].tolist() == ["Paper", pd.Timestamp("2023-11-13")]


@pytest.mark.parametrize(
    "value, expected",
    [("2023-12-14", date(2023, 12, 14)), ("13 November 2023", date(2023, 11, 13)),
     ("10/13/2023", date(2023, 10, 13)), ("Dec. 14, 2023", date(2023, 12, 14))],
)
def test_date_forms_in_a_csv(tmp_path, value, expected):
    path = write(tmp_path / "c.csv", f'id,body,date\nx1,Some text,"{value}"\n')
    articles = load_corpus(path, columns={"article_id": "id", "text": "body", "published": "date"})
    assert articles.loc[0, "published"] == pd.Timestamp(expected)


def test_jsonl_and_parquet_give_the_same_table(tmp_path):
    rows = [{"article_id": "a1", "text": "First.", "outlet": "X", "published": "2024-01-02"},
            {"article_id": "a2", "text": "Second.", "outlet": "Y", "published": None}]
    jsonl = write(tmp_path / "c.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    parquet = tmp_path / "c.parquet"
    pd.DataFrame(rows).to_parquet(parquet)
    from_jsonl, from_parquet = load_corpus(jsonl), load_corpus(parquet)
    columns = ["article_id", "outlet", "published", "text", "sha256"]
    pd.testing.assert_frame_equal(from_jsonl[columns], from_parquet[columns])
    assert from_jsonl["outlet"].tolist() == ["X", "Y"]


def test_iter_corpus_yields_chunks_that_add_up(tmp_path):
    path = write(tmp_path / "c.csv", "article_id,text\n" + "".join(f"a{i},Text {i}.\n" for i in range(7)))
    sizes = [len(chunk) for chunk in iter_corpus(path, chunk_size=3)]
    assert sizes == [3, 3, 1]


def test_quoted_newlines_in_csv_stay_in_one_article(tmp_path):
    path = write(tmp_path / "c.csv", 'article_id,text\na1,"Para one.\r\n\r\nPara two."\na2,Other\n')
    articles = load_corpus(path)
    assert len(articles) == 2
    assert articles.loc[0, "text"] == "Para one.\n\nPara two."


def test_ids_come_from_file_stem_or_row_number(tmp_path):
    path = write(tmp_path / "feed.csv", "text\nOne.\nTwo.\n")
    assert load_corpus(path)["article_id"].tolist() == ["feed-000001", "feed-000002"]


def test_large_single_line_article(tmp_path):
    sentence = "Officials said 12 people were killed in the strike on the camp. "
    text = "".join(sentence.replace("12", str(i)) for i in range(32_000))
    assert len(text) > 2_000_000
    write(tmp_path / "big.txt", text)
    articles = load_corpus(tmp_path)
    assert articles.loc[0, "text"] == text


# --- bad input: errors -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing", r"missing does not exist"),
        (lambda d: d, r"holds no \.txt files"),
        (lambda d: write(d / "c.xlsx", b"PK"), r"unsupported type '\.xlsx'"),
        (lambda d: write(d / "c.csv", "id,body\n1,hello\n"), r"no text column 'text'; it has \['id', 'body'\]"),
        (lambda d: write(d / "c.csv", ""), r"c\.csv is empty"),
        (lambda d: write(d / "c.csv", "article_id,text\na,One\na,Two\n"),
         r"duplicate article_id 'a': file .*c\.csv, row 1 and file .*c\.csv, row 2 hold different texts"),
        (lambda d: write(d / "c.csv", "article_id,text\na,caf\xe9\n".encode("cp1252")),
         r"not UTF-8 at byte \d+; pass the file's encoding"),
        (lambda d: write(d / "one.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), r"looks like a binary file"),
    ],
    ids=["no-path", "empty-folder", "unsupported", "no-text-column", "empty-csv", "duplicate-ids",
         "csv-not-utf8", "binary-single-file"],
)
def test_bad_input_raises_a_clear_corpus_error(tmp_path, make, message):
    with pytest.raises(CorpusError, match=message):
        load_corpus(make(tmp_path))


def test_a_columns_map_naming_a_missing_column(tmp_path):
    path = write(tmp_path / "c.csv", "Body\nhello\n")
    with pytest.raises(CorpusError, match=r"mapped column\(s\) \['Date'\] not found"):
        load_corpus(path, columns={"text": "Body", "published": "Date"})


# --- bad input: warnings, nothing lost ------------------------------------------------------

def test_empty_and_whitespace_files_are_reported_and_skipped(tmp_path):
    write(tmp_path / "a.txt", "Real text.")
    write(tmp_path / "b.txt", "")
    write(tmp_path / "c.txt", " \n\t\n")
    with pytest.warns(NewskitWarning) as record:
        articles = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == ["a"]
    assert [d["source_path"].rsplit("/", 1)[1] for d in articles.attrs["dropped"]] == ["b.txt", "c.txt"]
    assert [str(w.message).rsplit("/", 1)[1] for w in record] == [
        "b.txt: empty or whitespace-only file; skipped", "c.txt: empty or whitespace-only file; skipped"]


def test_binary_file_in_a_folder_is_reported_and_skipped(tmp_path):
    write(tmp_path / "a.txt", "Real text.")
    write(tmp_path / "z.txt", bytes(range(32)) * 50)
    with pytest.warns(NewskitWarning, match=r"z\.txt: skipped: .*looks like a binary file"):
        articles = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == ["a"]


def test_stray_files_in_a_folder_are_named(tmp_path):
    write(tmp_path / "a.txt", "Real text.")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path / "notes.docx", b"PK")
    with pytest.warns(NewskitWarning, match=r"ignored 2 entries .*\['notes\.docx', 'photo\.jpg'\]"):
        assert len(load_corpus(tmp_path)) == 1


@pytest.mark.parametrize(
    "raw, expected_text, warning",
    [
        ("Caf\xe9 \u201cquote\u201d".encode("cp1252"), "Caf\xe9 \u201cquote\u201d",
         r"decoded as cp1252 \(not UTF-8 at byte 3\)"),
        ("Gaza \u2014 12 killed".encode("utf-16"), "Gaza \u2014 12 killed", r"decoded as UTF-16 \(byte-order mark"),
        ("Gaza 12 killed".encode("utf-16-le"), "Gaza 12 killed", r"UTF-16 without a byte-order mark"),
        (b"Gaza\x00 12\x00 killed", "Gaza 12 killed", r"removed 2 NUL bytes"),
    ],
    ids=["cp1252", "utf16-bom", "utf16-no-bom", "nul-bytes"],
)
def test_text_encodings_are_detected_with_a_warning(tmp_path, raw, expected_text, warning):
    write(tmp_path / "a.txt", raw)
    with pytest.warns(NewskitWarning, match=warning):
        articles = load_corpus(tmp_path)
    assert articles.loc[0, "text"] == expected_text


@pytest.mark.parametrize(
    "raw, expected_text",
    [(b"\xef\xbb\xbfWith a BOM.", "With a BOM."), (b"Line one.\r\n\r\nLine two.\r\n", "Line one.\n\nLine two.\n")],
    ids=["utf8-bom", "crlf"],
)
def test_bom_and_crlf_are_read_silently(tmp_path, raw, expected_text):
    write(tmp_path / "a.txt", raw)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_corpus(tmp_path).loc[0, "text"] == expected_text


def test_explicit_encoding_is_used_without_warning(tmp_path):
    write(tmp_path / "a.txt", "Caf\xe9".encode("cp1252"))
    assert load_corpus(tmp_path, encoding="cp1252").loc[0, "text"] == "Caf\xe9"


def test_malformed_jsonl_line_is_named_and_the_rest_kept(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"article_id": "a", "text": "One."}\n{"article_id": "b", "text": \n'
                 '[1, 2]\n{"article_id": "c", "text": "Three."}\n')
    with pytest.warns(NewskitWarning) as record:
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["a", "c"]
    messages = [str(w.message) for w in record]
    assert "c.jsonl, row 2: not valid JSON" in messages[0]
    assert "c.jsonl, row 3: not a JSON object" in messages[1]
    assert [d["row"] for d in articles.attrs["dropped"]] == [2, 3]


def test_unparseable_date_stays_empty_with_a_warning_naming_the_row(tmp_path):
    path = write(tmp_path / "c.csv", "article_id,text,published\na,One.,2024-01-02\nb,Two.,last Tuesday\n")
    with pytest.warns(NewskitWarning, match=r"c\.csv, row 2: date 'last Tuesday' does not parse; left empty"):
        articles = load_corpus(path)
    assert len(articles) == 2
    assert pd.isna(articles.loc[1, "published"])


def test_empty_text_rows_are_reported(tmp_path):
    path = write(tmp_path / "c.csv", "article_id,text\na,One.\nb,\nc,Three.\n")
    with pytest.warns(NewskitWarning, match=r"c\.csv, row 2: empty text; row skipped"):
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["a", "c"]
    assert len(articles) + len(articles.attrs["dropped"]) == 3


def test_exact_duplicate_rows_are_dropped_with_a_warning(tmp_path):
    path = write(tmp_path / "c.csv", "article_id,text\na,Same.\nb,Other.\na,Same.\n")
    with pytest.warns(NewskitWarning, match=r"row 3: article_id 'a' repeats file .*row 1 with the same text"):
        articles = load_corpus(path)
    assert articles["article_id"].tolist() == ["a", "b"]


def test_metadata_row_naming_no_file_is_warned(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "metadata.csv", "file,outlet\nghost.txt,X\n")
    with pytest.warns(NewskitWarning, match=r"metadata.csv, line 2: file 'ghost.txt' is not in the folder"):
        assert len(load_corpus(tmp_path)) == 1
