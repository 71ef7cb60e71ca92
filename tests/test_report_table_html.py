"""Tables as readers see them: cells formatted for reading, claims evidence first, the explorer's script.

What the explorer does in a browser is tested in tests/test_browser.py; here, the HTML it starts from.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from newskit.report import show_claims, show_table
from newskit.report.table_html import (
    claim_columns,
    claim_flags,
    explorer_assets,
    explorer_script,
    format_cell,
    frame_columns,
    interval_text,
    marked_sentence,
    short_claim_id,
    table_html,
)
from newskit.tables import read_csv, write_csv


@pytest.mark.parametrize(
    ("value", "column", "shown"),
    [
        (18600, "value", "18,600"),
        (18600.0, "low", "18,600"),
        (1234567, "n_chars", "1,234,567"),
        (-187, "difference", "-187"),
        (0.181818, "stability_ari", "0.1818"),
        (0.25, "share_rounding_exact", "25%"),
        (0.266667, "share", "26.7%"),
        (0.0357143, "unexplained_share", "3.57%"),
        (1.0, "share_any", "100%"),
        (pd.Timestamp("2023-12-14"), "published", "2023-12-14"),
        (pd.Timestamp("2023-12-14 08:30"), "published", "2023-12-14 08:30:00"),
        ("2023-12-14", "as_of", "2023-12-14"),
        (None, "source", ""),
        (float("nan"), "high", ""),
        (pd.NA, "agrees_on_day", ""),
        (True, "agrees_on_day", "True"),
        ('<script>x()</script> & "q"', "text", "&lt;script&gt;x()&lt;/script&gt; &amp; &quot;q&quot;"),
    ],
)
def test_format_cell(value, column, shown):
    assert format_cell(value, column) == shown


@pytest.mark.parametrize(
    ("article_id", "passage_id", "label"),
    [
        ("002_da15ff6bf3766d8c", "002_da15ff6bf3766d8c-p004", "002 ¶4"),
        ("000_ac6a83ea76d8dca2", "000_ac6a83ea76d8dca2-p011", "000 ¶11"),
        ("bbc-2023-12-14", "bbc-2023-12-14-p002", "bbc-2023-12-14 ¶2"),
        ("a7", None, "a7"),
        ("a7", float("nan"), "a7"),
        ("a-long-article-identifier-without-hash", None, "a-long-article-i…"),
    ],
)
def test_short_claim_id(article_id, passage_id, label):
    assert short_claim_id(article_id, passage_id) == label


@pytest.mark.parametrize(
    ("low", "high", "unit", "text"),
    [
        (18600, float("nan"), "people", "18,600 or more"),  # "more than 18,600"
        (float("nan"), 25000, "people", "up to 25,000"),  # "almost 25,000"
        (1170.0, 1430.0, "people", "1,170 to 1,430"),  # "about 1,300"
        (1200, 1200, "people", "1,200"),
        (85, 85, "percent", "85%"),
        (None, None, "people", ""),
    ],
)
def test_interval_text(low, high, unit, text):
    assert interval_text(low, high, unit) == text


def test_marked_sentence_marks_the_figure_and_escapes_the_rest():
    sentence = 'Officials said <script>alert("boom")</script> 12 people were killed & 30 injured.'
    assert marked_sentence(sentence, "12") == (
        'Officials said &lt;script&gt;alert(&quot;boom&quot;)&lt;/script&gt; <mark>12</mark> people were killed '
        "&amp; 30 injured."
    )
    assert marked_sentence("Nothing here.", "12") == "Nothing here."
    assert marked_sentence(float("nan"), "12") == ""


def _claims() -> pd.DataFrame:
    """Two claims of the sample (002), as the claims table holds them."""
    sentence = "The military suffered one of its deadliest days since the war began on Tuesday when it lost 10 " \
               "soldiers, nine of whom were killed in an ambush in Gaza City."
    return pd.DataFrame(
        {
            "article_id": ["002_da15ff6bf3766d8c"] * 2,
            "passage_id": ["002_da15ff6bf3766d8c-p005"] * 2,
            "outlet": [None, None],
            "published": ["2023-12-14"] * 2,
            "as_of": ["2023-12-14"] * 2,
            "start": [120, 133],
            "surface": ["10", "nine"],
            "value": [10, 9],
            "unit": ["people", "people"],
            "bound": ["exact", "exact"],
            "low": [10.0, 9.0],
            "high": [10.0, 9.0],
            "outcome": ["killed", "killed"],
            "group": ["soldiers", "soldiers"],
            "place": ["gaza", "gaza"],
            "scope": ["period", "incident"],
            "source": [None, None],
            "source_type": ["none", "none"],
            "sentence": [sentence, sentence],
            "flags": [None, "scope_from_neighbour;attribution_carried"],
            "reviewed": [False, True],
            "not_a_figure": [False, False],
            "added": [False, False],
            "reviewed_fields": [None, "scope;group"],
        }
    )


def test_claims_are_shown_evidence_first_with_readable_ids_linking_to_the_article():
    columns = claim_columns(_claims())
    assert [c.header for c in columns] == [
        "claim", "evidence", "figure", "outcome", "group", "place", "scope", "source", "source type", "outlet",
        "date", "flags",
    ]
    by = {c.header: c.cells for c in columns}
    assert by["claim"][0] == (
        '<a href="01-corpus.html#article-002_da15ff6bf3766d8c" '
        'title="002_da15ff6bf3766d8c 002_da15ff6bf3766d8c-p005">002 ¶5</a>'
    )
    assert "lost <mark>10</mark> soldiers, nine of whom" in by["evidence"][0]
    assert "lost 10 soldiers, <mark>nine</mark> of whom" in by["evidence"][1]
    assert by["figure"] == ["10", "nine<br>9"]
    assert by["flags"] == ["", "scope_from_neighbour; attribution_carried; reviewed: scope, group"]
    assert by["outlet"] == ["(unknown)", "(unknown)"]
    assert by["date"] == ["2023-12-14", "2023-12-14"]


def test_claims_like_tables_take_leading_and_trailing_columns_and_need_no_sentence():
    comparison = _claims().drop(columns=["sentence", "flags", "reviewed", "not_a_figure", "added", "reviewed_fields"])
    comparison.insert(0, "status", ["compared", "no_series"])
    comparison["reference_value"] = [18787.0, float("nan")]
    headers = [c.header for c in claim_columns(comparison, leading=["status"], trailing=["reference_value"])]
    assert headers[:3] == ["status", "claim", "figure"]
    assert "evidence" not in headers and "flags" not in headers
    assert headers[-1] == "reference_value"
    cells = {c.header: c.cells for c in claim_columns(comparison, trailing=["reference_value"])}
    assert cells["reference_value"] == ["18,787", ""]


@pytest.mark.parametrize(
    ("row", "flags"),
    [
        ({}, ""),
        ({"flags": "attribution_carried"}, "attribution_carried"),
        ({"reviewed": True, "reviewed_fields": "scope"}, "reviewed: scope"),
        ({"reviewed": True, "not_a_figure": True, "reviewed_fields": "figure"}, "not a figure"),
        ({"reviewed": True, "not_a_figure": True, "reviewed_fields": "figure;scope"}, "not a figure; reviewed: scope"),
        ({"added": "True", "reviewed": "True", "reviewed_fields": "figure"}, "added by a reviewer"),
        ({"reviewed": False, "not_a_figure": False, "added": False, "flags": float("nan")}, ""),
    ],
)
def test_claim_flags(row, flags):
    assert claim_flags(pd.DataFrame([row])) == [flags]


def test_table_html_sorts_numbers_by_their_raw_value_and_anchors_rows():
    columns = claim_columns(_claims())
    markup = table_html(columns, table_id="nk-claims-1", row_ids=["article-a", "article-b"])
    assert markup.startswith('<table class="nk" id="nk-claims-1"><thead>')
    assert '<td class="num" data-order="10.0">10</td>' in markup
    assert '<td class="num" data-order="9.0">nine<br>9</td>' in markup
    assert '<tr id="article-a">' in markup and '<tr id="article-b">' in markup
    assert markup.count("<tr") == 3  # the header row and two claims: every row is in the page


def test_explorer_script_names_its_table_and_filter_columns_and_fetches_nothing():
    script = explorer_script("nk-claims-3", n_rows=20, filters=[3, 4, 11])
    assert script.startswith('<script type="module">')
    assert 'document.getElementById("nk-claims-3")' in script
    assert '"columns": [3, 4, 11]' in script and '"pageLength": 20' in script
    assert not re.search(r"https?://|import\s*\(|\bsrc=", script)


def test_explorer_assets_embed_the_itables_bundle_without_a_url():
    assets = explorer_assets()
    assert assets.startswith("<script>") and assets.endswith("</script>")
    assert len(assets) > 500_000  # DataTables and its CSS, base64 in the page
    assert not re.search(r"https?://", assets)
    assert "noscript" not in assets  # itables' note to notebook users is left out


def test_show_claims_saves_the_raw_table_byte_for_byte(tmp_path):
    claims = _claims()
    show_claims(claims, "claims", report_dir=str(tmp_path), n_rows=20)
    expected = tmp_path / "expected.csv"
    write_csv(claims, expected)
    assert (tmp_path / "tables" / "claims.csv").read_bytes() == expected.read_bytes()
    saved = read_csv(tmp_path / "tables" / "claims.csv")
    assert saved["value"].tolist() == [10, 9]  # numbers stay numbers, never "1,234" or "25%"


def test_tables_show_ids_by_their_short_label_and_search_the_full_id():
    ids = {"article_id": ["002_da15ff6bf3766d8c", "a7"], "passage_id": ["002_da15ff6bf3766d8c-p004", None]}
    table = pd.DataFrame(ids)
    article, passage = frame_columns(table)
    assert article.cells == ['<span title="002_da15ff6bf3766d8c">002</span>', "a7"]
    assert passage.cells == ['<span title="002_da15ff6bf3766d8c-p004">002 ¶4</span>', ""]
    assert (article.search, passage.search) == (["002_da15ff6bf3766d8c", "a7"], ["002_da15ff6bf3766d8c-p004", ""])
    markup = table_html([article], table_id="t")
    assert '<td class="claim" data-order="a7" data-search="a7">a7</td>' in markup


def test_show_table_saves_shares_raw_while_showing_percentages(tmp_path):
    table = pd.DataFrame({"outlet": ["bbc"], "n_figures": [12345], "share_bound_exact": [0.125]})
    assert [c.cells for c in frame_columns(table)] == [["bbc"], ["12,345"], ["12.5%"]]
    show_table(table, "rounding", report_dir=str(tmp_path))
    assert (tmp_path / "tables" / "rounding.csv").read_text(encoding="utf-8") == (
        "outlet,n_figures,share_bound_exact\nbbc,12345,0.125\n"
    )
