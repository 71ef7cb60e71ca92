"""Reviewer corrections (newskit.reviews): the file, the reviewed claims table, the CLI on the sample."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from newskit.cli import main
from newskit.errors import NewskitError, NewskitWarning
from newskit.figures import claims_frame
from newskit.params import resolve_params
from newskit.reviews import (
    REVIEW_COLUMNS,
    REVIEW_TABLE_COLUMNS,
    ReviewsError,
    apply_reviews,
    apply_reviews_file,
    describe_reviews,
    extracted_claims,
    load_reviews,
    review_counts,
    reviewed_claims,
    unmatched_reviews,
)
from newskit.schema import CLAIM_COLUMNS
from newskit.stats.common import cumulative
from newskit.tables import read_csv, write_csv

HEADER = "article_id,start,surface,field,value,reviewer,note\n"


def claim(**fields) -> dict:
    row = {
        "article_id": "a1", "passage_id": "a1-p001", "outlet": "Wire", "published": "2023-12-14",
        "as_of": "2023-12-14", "start": 10, "end": 16, "surface": "18,600", "value": 18600.0, "unit": "people",
        "bound": "lower", "low": 18600.0, "high": None, "outcome": "killed", "group": "palestinians",
        "place": "gaza", "scope": "cumulative", "source": "Gaza health authorities",
        "source_type": "health_ministry", "parent": None, "sentence": "More than 18,600 Palestinians ...",
        "rules": "bound=bound.lower_before", "flags": None,
    }
    row.update(fields)
    return row


@pytest.fixture
def claims() -> pd.DataFrame:
    return claims_frame([
        claim(),
        claim(start=40, end=45, surface="1,200", value=1200.0, bound="exact", low=1200.0, high=1200.0,
              group="people", place="israel", scope="incident", source=None, source_type="none"),
        claim(article_id="a2", passage_id="a2-p002", start=3, end=5, surface="10", value=10.0, bound="exact",
              low=10.0, high=10.0, group="soldiers", scope="period", source=None, source_type="none",
              published="2023-12-20", as_of="2023-12-20", outlet="Daily"),
    ])


def write(tmp_path, text: str, name: str = "reviews.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def reviews_of(tmp_path, *rows: str):
    return load_reviews(write(tmp_path, HEADER + "".join(r + "\n" for r in rows)))


# --------------------------------------------------------------------------------------------------
# Applying reviews


def test_a_scope_review_changes_the_field_and_keeps_the_extracted_value(tmp_path, claims):
    before = claims.copy()
    reviews = reviews_of(tmp_path, "a2,3,10,scope,incident,ab,one day of fighting")
    out = apply_reviews(claims, reviews)
    pd.testing.assert_frame_equal(claims, before)  # pure
    row = out.loc[(out["article_id"] == "a2") & (out["start"] == 3)].iloc[0]
    assert (row["scope"], row["extracted_scope"]) == ("incident", "period")
    assert row["reviewed"] and not row["not_a_figure"] and not row["added"]
    assert (row["reviewed_fields"], row["reviewer"]) == ("scope", "ab")
    assert row["review_note"] == "scope: one day of fighting"
    assert row["rules"] == claims.loc[2, "rules"]  # the extractor's rules stay
    assert list(out["reviewed"]) == [False, False, True]
    assert list(out["extracted_scope"]) == list(claims["scope"])  # the raw extraction of every row
    assert list(out.columns) == [*CLAIM_COLUMNS, *REVIEW_COLUMNS, "extracted_scope"]
    assert unmatched_reviews(out).empty
    assert review_counts(out) == {"claims": 3, "reviewed": 1, "not_a_figure": 0, "added": 0, "parent_cleared": 0,
                                  "unmatched_reviews": 0}


def test_statistics_read_reviewed_values(tmp_path, claims):
    out = apply_reviews(claims, reviews_of(tmp_path, "a1,40,\"1,200\",scope,cumulative,ab,"))
    assert len(cumulative(claims)) == 1
    assert set(cumulative(reviewed_claims(out))["start"]) == {10, 40}


def test_a_reviewed_value_moves_the_interval_and_the_raw_extraction_stays(tmp_path, claims):
    out = apply_reviews(claims, reviews_of(tmp_path, "a1,40,\"1,200\",value,1300,ab,typo in the article"))
    row = out.loc[1]
    assert (row["value"], row["low"], row["high"]) == (1300.0, 1300.0, 1300.0)
    assert (row["extracted_value"], row["extracted_low"], row["extracted_high"]) == (1200.0, 1200.0, 1200.0)
    pd.testing.assert_frame_equal(extracted_claims(out), claims)


def test_a_reviewer_given_interval_is_kept(tmp_path, claims):
    out = apply_reviews(claims, reviews_of(tmp_path, "a1,10,\"18,600\",bound,range,ab,",
                                           "a1,10,\"18,600\",high,\"19,000\",ab,"))
    assert (out.loc[0, "bound"], out.loc[0, "low"], out.loc[0, "high"]) == ("range", 18600.0, 19000.0)
    assert pd.isna(out.loc[0, "extracted_high"])


def test_not_a_figure_is_kept_for_audit_and_left_out_of_statistics(tmp_path, claims):
    out = apply_reviews(claims, reviews_of(tmp_path, "a1,40,\"1,200\",figure,not_a_figure,ab,a year"))
    assert len(out) == 3 and out.loc[1, "not_a_figure"] and out.loc[1, "reviewed"]
    assert out.loc[1, "value"] == 1200.0  # the row itself is unchanged
    kept = reviewed_claims(out)
    assert list(kept["start"]) == [10, 3]
    assert review_counts(out)["claims"] == 2 and review_counts(out)["not_a_figure"] == 1
    assert "1 marked not a figure" in describe_reviews(out)
    pd.testing.assert_frame_equal(reviewed_claims(claims), claims)  # a table without reviews: unchanged


# Two sentences: "20" (start 33) is the parent of its subset "8" (start 54); "15" (start 93) stands alone.
STRIKE = ("An air strike on the camp killed 20 people, including 8 children, the ministry said. "
          "Another 15 people were wounded.\n")
PARENT_CLEARED = "parent cleared: the figure it belongs to (start 33) is marked not a figure"


def test_figures_command_clears_the_parent_of_a_subset_of_a_row_marked_not_a_figure(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "strike.txt").write_text(STRIKE, encoding="utf-8")
    reviews = write(tmp_path, HEADER + "strike,33,20,figure,not_a_figure,ab,not a casualty count\n")
    out_path = tmp_path / "claims.csv"
    assert main(["figures", str(corpus), "--reviews", str(reviews), "-o", str(out_path)]) == 0
    err = capsys.readouterr().err
    assert "1 subset(s) of a row marked not a figure no longer count as its part" in err
    claims = read_csv(out_path).set_index("start")
    assert list(claims.index) == [33, 54, 93]
    assert list(claims["not_a_figure"]) == [True, False, False]
    eight = claims.loc[54]
    assert pd.isna(eight["parent"]) and eight["extracted_parent"] == 33  # the raw extraction stays
    assert eight["review_note"] == PARENT_CLEARED and not eight["reviewed"]
    assert (eight["outcome"], eight["group"]) == ("killed", "children")  # the subset itself is unchanged
    fifteen = claims.loc[93]
    assert pd.isna(fifteen["parent"]) and pd.isna(fifteen["extracted_parent"]) and pd.isna(fifteen["review_note"])
    assert review_counts(claims)["parent_cleared"] == 1
    counted = reviewed_claims(claims)
    assert list(counted.index) == [54, 93] and counted["parent"].isna().all()


def starts(column: pd.Series) -> list[int | None]:
    return [None if pd.isna(v) else int(v) for v in column]


def test_a_parent_a_reviewer_set_is_kept_and_reapplying_clears_the_same_rows(tmp_path, claims):
    table = claims_frame([*claims.to_dict("records")[:2],
                          claim(start=60, end=61, surface="9", value=9.0, bound="exact", low=9.0, high=9.0,
                                group="children", parent=40),
                          claim(start=80, end=81, surface="4", value=4.0, bound="exact", low=4.0, high=4.0,
                                group="women", parent=40),
                          claim(article_id="a2", passage_id="a2-p002", start=70, end=71, surface="5", value=5.0,
                                parent=40)])
    reviews = reviews_of(tmp_path, "a1,40,\"1,200\",figure,not_a_figure,ab,",
                         "a1,80,4,parent,40,cd,belongs to the total all the same")
    out = apply_reviews(table, reviews)
    assert starts(out["parent"]) == [None, None, None, 40, 40]  # a2's 40 is in another passage
    assert starts(out["extracted_parent"]) == [None, None, 40, 40, 40]
    assert list(out["review_note"]) == ["", "", "parent cleared: the figure it belongs to (start 40) is marked "
                                        "not a figure", "parent: belongs to the total all the same", ""]
    assert review_counts(out)["parent_cleared"] == 1
    pd.testing.assert_frame_equal(apply_reviews(out, reviews), out)
    pd.testing.assert_frame_equal(extracted_claims(out), table)


def test_an_added_figure_is_a_new_row(tmp_path, claims):
    articles = pd.DataFrame({"article_id": ["a2"], "outlet": ["Daily"], "published": [pd.Timestamp("2023-12-20")]})
    path = write(tmp_path, "article_id,start,surface,field,value,reviewer,note,passage_id\n"
                 "a2,50,dozens,figure,add,ab,missed: 'dozens were wounded',a2-p002\n"
                 "a2,50,dozens,outcome,injured,ab,,a2-p002\n"
                 "a2,50,dozens,place,gaza,ab,,a2-p002\n")
    out = apply_reviews(claims, load_reviews(path), articles=articles)
    assert len(out) == 4
    added = out.iloc[-1]
    assert added["added"] and added["reviewed"] and not added["not_a_figure"]
    assert (added["article_id"], added["passage_id"], added["start"], added["end"]) == ("a2", "a2-p002", 50, 56)
    assert (added["outcome"], added["place"], added["bound"], added["low"], added["high"]) == (
        "injured", "gaza", "vague", 24.0, 99.0)
    assert pd.isna(added["value"]) and added["unit"] == "people" and added["scope"] == "unknown"
    assert (added["outlet"], added["as_of"]) == ("Daily", pd.Timestamp("2023-12-20"))
    assert added["reviewed_fields"] == "figure;outcome;place" and added["rules"] == ""
    assert out.index.is_unique and list(out.index) == [0, 1, 2, 3]
    assert review_counts(out)["added"] == 1 and review_counts(out)["claims"] == 4
    assert len(extracted_claims(out)) == 3


def test_an_add_the_extractor_now_finds_reviews_that_claim(tmp_path, claims):
    reviews = reviews_of(tmp_path, "a2,3,10,figure,add,ab,", "a2,3,10,outcome,injured,ab,")
    with pytest.warns(NewskitWarning, match="row\\(s\\) 2 add a figure the extractor now finds"):
        out = apply_reviews(claims, reviews)
    assert len(out) == 3 and out.loc[2, "outcome"] == "injured" and not out["added"].any()


def test_an_unmatched_review_is_listed_and_warned_never_dropped(tmp_path, claims):
    reviews = reviews_of(tmp_path, "a2,3,10,scope,incident,ab,", "a1,999,\"18,600\",scope,incident,ab,gone")
    with pytest.warns(NewskitWarning, match=r"reviews\.csv: 1 review\(s\) not applied: row 3 \(a1, start 999"):
        out = apply_reviews(claims, reviews)
    table = unmatched_reviews(out)
    assert list(table["row"]) == [3] and table.loc[0, "note"] == "gone"
    assert "no claim at (a1, start 999, '18,600')" in table.loc[0, "reason"]
    assert out.loc[2, "scope"] == "incident"  # the matching review still applies
    assert review_counts(out)["unmatched_reviews"] == 1
    assert "1 review(s) matched no claim" in describe_reviews(out)


def test_a_key_in_two_passages_needs_a_passage_id(tmp_path):
    twice = claims_frame([claim(), claim(passage_id="a1-p009", scope="incident")])
    with pytest.warns(NewskitWarning, match="matches 2 claims"):
        out = apply_reviews(twice, reviews_of(tmp_path, "a1,10,\"18,600\",scope,unknown,ab,"))
    assert not out["reviewed"].any() and "a1-p001, a1-p009" in unmatched_reviews(out).loc[0, "reason"]
    path = write(tmp_path, "passage_id," + HEADER + "a1-p009,a1,10,\"18,600\",scope,unknown,ab,\n", "p.csv")
    out = apply_reviews(twice, load_reviews(path))
    assert list(out["scope"]) == ["cumulative", "unknown"]


def test_reapplying_reviews_is_idempotent(tmp_path, claims):
    reviews = reviews_of(
        tmp_path, "a2,3,10,scope,incident,ab,", "a1,40,\"1,200\",figure,not_a_figure,ab,",
        "a1,10,\"18,600\",value,18700,cd,", "a1,70,nine,figure,add,ab,", "a1,70,nine,outcome,killed,ab,",
    )
    once = apply_reviews(claims, reviews)
    twice = apply_reviews(once, reviews)
    pd.testing.assert_frame_equal(once, twice)
    assert once.attrs == twice.attrs
    pd.testing.assert_frame_equal(extracted_claims(once), claims)
    # Other reviews applied to a reviewed table replace the first ones, they do not stack.
    other = apply_reviews(once, reviews_of(tmp_path, "a2,3,10,group,people,ab,"))
    pd.testing.assert_frame_equal(other, apply_reviews(claims, reviews_of(tmp_path, "a2,3,10,group,people,ab,")))
    assert other.loc[2, "scope"] == "period" and len(other) == 3


def test_a_table_read_back_from_csv_takes_reviews(tmp_path, claims):
    write_csv(claims, tmp_path / "claims.csv")
    back = read_csv(tmp_path / "claims.csv")
    reviews = reviews_of(tmp_path, "a1,10,\"18,600\",as_of,2023-12-12,ab,", "a1,10,\"18,600\",parent,3,ab,")
    out = apply_reviews(back, reviews)
    assert str(out.loc[0, "as_of"]).startswith("2023-12-12") and int(out.loc[0, "parent"]) == 3


def test_a_table_read_back_from_csv_with_numeric_surfaces_and_empty_sources_takes_reviews(tmp_path):
    plain = claims_frame([claim(surface="116", start=60, source=None), claim(surface="135", start=31, source=None)])
    write_csv(plain, tmp_path / "claims.csv")
    back = read_csv(tmp_path / "claims.csv")
    assert back["surface"].dtype.kind == "i" and back["source"].dtype.kind == "f"  # what pandas makes of them
    out = apply_reviews(back, reviews_of(tmp_path, "a1,60,116,source,the army,ab,"))
    assert list(out["source"].fillna("")) == ["the army", ""] and out.loc[0, "reviewed"]


def test_a_reviews_table_in_memory_is_checked_too(claims):
    table = pd.DataFrame([{"article_id": "a1", "start": 10, "surface": "18,600", "field": "scope",
                           "value": "weekly", "reviewer": "ab", "note": ""}])
    with pytest.raises(ReviewsError, match="reviews table, row 2: scope 'weekly' is not one of"):
        apply_reviews(claims, table)


def test_apply_reviews_file_gives_one_shape_with_or_without_a_file(tmp_path, claims):
    none = apply_reviews_file(claims, None)
    assert list(none.columns) == [*CLAIM_COLUMNS, *REVIEW_COLUMNS] and not none["reviewed"].any()
    assert review_counts(none)["reviewed"] == 0 and describe_reviews(none) == "No claim was reviewed."
    path = write(tmp_path, HEADER + "a2,3,10,scope,incident,ab,\n")
    pd.testing.assert_frame_equal(apply_reviews_file(claims, path), apply_reviews(claims, load_reviews(path)))


# --------------------------------------------------------------------------------------------------
# Reading the file


def test_load_reviews_reads_a_spreadsheet_export(tmp_path):
    text = ("\ufeff" + HEADER.replace("\n", ",status\r\n") + "\r\n"
            "a1, 10 ,\"18,600\",source,'=Ministry,ab,\"a note, with a comma\",done\r\n"
            ",,,,,,,\r\n"
            "a1,10,\"18,600\",place,atlantis,ab,,\r\n")
    vocabulary = write(tmp_path, "places: {atlantis: [Atlantis]}\n", "v.yaml")
    from newskit.vocabulary import load_vocabulary

    reviews = load_reviews(write(tmp_path, text), vocabulary=load_vocabulary(vocabulary))
    assert list(reviews.columns) == REVIEW_TABLE_COLUMNS
    assert list(reviews["row"]) == [3, 5]  # spreadsheet rows: header 1, a blank row 2, an empty row 4
    assert reviews.loc[0, "value"] == "=Ministry" and reviews.loc[0, "start"] == 10
    assert reviews.loc[0, "note"] == "a note, with a comma" and reviews.loc[0, "passage_id"] == ""
    with pytest.raises(ReviewsError, match="place 'atlantis' is not one of"):
        load_reviews(write(tmp_path, text))  # not a place of the default vocabulary
    empty = load_reviews(write(tmp_path, HEADER))
    assert empty.empty and list(empty.columns) == REVIEW_TABLE_COLUMNS


LONG = "x" * 10_000
BAD_FILES = [
    # (name, file content or None for "no file", the message must hold these)
    ("missing", None, ["does not exist", "article_id,start,surface"]),
    ("empty", "", ["empty", "header"]),
    ("missing column", "article_id,start,surface,field,value,note\na1,10,1,scope,unknown,\n",
     ["row 1", "no column(s) ['reviewer']"]),
    ("unknown field", HEADER + "a1,10,1,scope,unknown,ab,\na1,10,1,scoop,unknown,ab,\n",
     ["row 3", "field 'scoop'", "did you mean 'scope'"]),
    ("scope outside vocabulary", HEADER + "a1,10,1,scope,Cumulative,ab,\n",
     ["row 2", "scope 'Cumulative' is not one of cumulative, incident, period, unknown"]),
    ("source type outside vocabulary", HEADER + "a1,10,1,source_type,hamas,ab,\n", ["row 2", "health_ministry"]),
    ("place outside vocabulary", HEADER + "a1,10,1,place,West Bank,ab,\n",
     ["row 2", "place 'West Bank'", "gaza", "did you mean 'west_bank'"]),
    ("figure outside vocabulary", HEADER + "a1,10,1,figure,remove,ab,\n", ["row 2", "not_a_figure, add"]),
    ("non-integer start", HEADER + "a1,ten,1,scope,unknown,ab,\n", ["row 2", "start 'ten' is not a whole number"]),
    ("negative start", HEADER + "a1,-4,1,scope,unknown,ab,\n", ["row 2", "start '-4'"]),
    ("bad number", HEADER + "a1,10,1,value,about 10,ab,\n", ["row 2", "value 'about 10' is not a number", "digits"]),
    ("bad date", HEADER + "a1,10,1,as_of,14/12/2023,ab,\n", ["row 2", "YYYY-MM-DD"]),
    ("bad parent", HEADER + "a1,10,1,parent,1.5,ab,\n", ["row 2", "parent '1.5'"]),
    ("empty article id", HEADER + ",10,1,scope,unknown,ab,\n", ["row 2", "empty article_id"]),
    ("ragged row", HEADER + "a1,10,1,scope,unknown,ab,,extra\n", ["row 2", "8 cells where the header has 7"]),
    ("open quote", HEADER + "a1,10,\"1,scope,unknown,ab,\na1,10,1,scope,unknown,ab,\n", ["row 2"]),
    ("reviewed twice", HEADER + "a1,10,1,scope,unknown,ab,\na1,10,1,scope,incident,cd,\n",
     ["row 3", "again, after row 2", "one row per claim and field"]),
    ("add without outcome", HEADER + "a1,10,7,figure,add,ab,\n", ["row 2", "no outcome row"]),
    ("add of a word", HEADER + "a1,10,many,figure,add,ab,\na1,10,many,outcome,killed,ab,\n",
     ["row 2", "not a number the kit reads"]),
    ("long bad value", HEADER + f"a1,10,1,scope,{LONG},ab,\n", ["row 2", "scope 'xxx"]),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_reviews_file_is_refused_naming_file_row_and_fix(tmp_path, name, content, expected):
    path = tmp_path / "reviews.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewsError) as caught:
        load_reviews(path)
    message = str(caught.value)
    assert isinstance(caught.value, NewskitError)
    assert message.startswith(f"reviews file {path}")
    for part in expected:
        assert part in message, (part, message)
    assert len(message) < 600  # bad values are shown as bounded excerpts


@pytest.mark.parametrize(("content", "expected"), [
    (b"article_id,start\n\x00\x01", "NUL bytes"),
    (HEADER.encode() + "a1,10,1,source,Minist\u00e8re,ab,\n".encode("cp1252"), "not UTF-8 at byte"),
])
def test_a_file_that_is_not_utf8_text_is_refused(tmp_path, content, expected):
    path = tmp_path / "reviews.csv"
    path.write_bytes(content)
    with pytest.raises(ReviewsError, match=expected):
        load_reviews(path)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ReviewsError, match="is a folder"):
        load_reviews(tmp_path)


# --------------------------------------------------------------------------------------------------
# The command and the report parameter


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_figures_command_applies_a_reviews_file_to_the_sample(tmp_path, sample_dir, capsys):
    reviews = write(tmp_path, HEADER
                    + "002_da15ff6bf3766d8c,199,10,scope,incident,ab,one day's losses: one event\n"
                    + "002_da15ff6bf3766d8c,60,116,figure,not_a_figure,ab,living hostages: counted in the 135\n")
    before = _digest(sample_dir)
    out_path = tmp_path / "claims.csv"
    assert main(["figures", str(sample_dir), "--reviews", str(reviews), "-o", str(out_path)]) == 0
    assert _digest(sample_dir) == before  # nothing written under data/raw
    assert "2 claim(s) reviewed: 1 marked not a figure" in capsys.readouterr().err
    claims = read_csv(out_path)
    assert len(claims) == 11 and claims["reviewed"].sum() == 2
    ten = claims.loc[(claims["article_id"] == "002_da15ff6bf3766d8c") & (claims["start"] == 199)].iloc[0]
    assert (ten["scope"], ten["extracted_scope"], ten["reviewed_fields"]) == ("incident", "period", "scope")
    hostages = claims.loc[claims["start"] == 60].iloc[0]
    assert hostages["not_a_figure"] and str(hostages["surface"]) == "116" and hostages["outcome"] == "hostage"
    assert len(reviewed_claims(claims)) == 10
    assert not (tmp_path / "claims.unmatched_reviews.csv").exists()


def test_figures_command_writes_the_reviews_it_could_not_apply(tmp_path, sample_dir, capsys):
    reviews = write(tmp_path, HEADER + "002_da15ff6bf3766d8c,999,7,scope,incident,ab,moved\n")
    out_path = tmp_path / "claims.csv"
    with pytest.warns(NewskitWarning, match="row 2 .*: no claim at"):
        assert main(["figures", str(sample_dir), "--reviews", str(reviews), "-o", str(out_path)]) == 0
    unmatched = read_csv(tmp_path / "claims.unmatched_reviews.csv")
    assert list(unmatched["row"]) == [2] and unmatched.loc[0, "note"] == "moved"
    assert "claims.unmatched_reviews.csv" in capsys.readouterr().err


def test_figures_command_refuses_a_bad_reviews_file_before_extracting(tmp_path, sample_dir, capsys):
    reviews = write(tmp_path, HEADER + "002_da15ff6bf3766d8c,x,10,scope,incident,ab,\n")
    assert main(["figures", str(sample_dir), "--reviews", str(reviews)]) == 2
    assert "row 2: start 'x' is not a whole number" in capsys.readouterr().err
    assert main(["figures", str(sample_dir), "--reviews", str(reviews), "--stream", "-o",
                 str(tmp_path / "c.parquet")]) == 2


def test_reviews_path_is_a_report_parameter(tmp_path):
    assert resolve_params()["reviews_path"] is None
    reviews = write(tmp_path, HEADER)
    assert resolve_params(overrides=[f"reviews_path={reviews}"])["reviews_path"] == str(reviews)
    with pytest.raises(NewskitError, match="reviews_path"):
        resolve_params(overrides=[f"reviews_path={tmp_path / 'none.csv'}"])
