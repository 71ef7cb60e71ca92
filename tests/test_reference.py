"""Tests for newskit.reference: the shipped sample, each file shape, every kind of bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import needs_shared

from newskit.errors import NewskitWarning, ReferenceSeriesError
from newskit.paths import REFERENCE_DIR, SHARED_DIR
from newskit.reference import load_reference
from newskit.schema import REFERENCE_COLUMNS

SAMPLE_PATH = REFERENCE_DIR / "gaza_moh_sample.csv"
TFP_PATH = SHARED_DIR / "reference" / "techforpalestine-casualties_daily.json"
KILLED_360_PATH = SHARED_DIR / "reference" / "360info-daily-killed-cumulative.csv"


def value_on(table: pd.DataFrame, series: str, day: str) -> float:
    rows = table.loc[(table["series"] == series) & (table["date"] == pd.Timestamp(day))]
    assert len(rows) == 1, rows
    return rows["value"].iloc[0]


def test_sample_table_loads_with_its_citations():
    table = load_reference(SAMPLE_PATH)
    assert list(table.columns[: len(REFERENCE_COLUMNS)]) == REFERENCE_COLUMNS
    assert len(table) == 46  # 20 days of killed_cum and injured_cum, 3 days of daily killed, injured
    assert value_on(table, "killed_cum", "2023-12-14") == 18787
    assert value_on(table, "killed_cum", "2023-12-13") == 18608
    assert value_on(table, "injured", "2023-12-13") == 499
    assert value_on(table, "killed_cum", "2024-01-18") == 24620
    assert not table["filled"].any()
    assert table["source"].str.contains("Telegram").all()
    assert set(table.loc[table["series"] == "killed", "scope"]) == {"period"}
    assert set(table.loc[table["series"] == "killed_cum", "scope"]) == {"cumulative"}
    assert set(table["group"]) == {"palestinians"}


def write_json(tmp_path, records, name="casualties_daily.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


TFP_RECORDS = [
    {"report_date": "2023-11-10", "report_source": "mohtel", "killed_cum": 11078,
     "ext_killed_cum": 11078, "injured_cum": 27490, "ext_injured_cum": 27490},
    {"report_date": "2023-11-11", "report_source": "missing", "ext_killed_cum": 11129,
     "ext_injured_cum": 27845},
    {"report_date": "2023-11-12", "report_source": "mohtel", "killed_cum": 11180},
]


def test_tfp_shape_fills_gaps_from_ext_twins(tmp_path):
    table = load_reference(write_json(tmp_path, TFP_RECORDS))
    killed = table.loc[table["series"] == "killed_cum"].set_index("date")
    assert killed["value"].tolist() == [11078, 11129, 11180]
    assert killed["filled"].tolist() == [False, True, False]
    assert "ext_killed_cum" in killed["source"].iloc[1]
    assert "report_source=mohtel" in killed["source"].iloc[0]
    injured = table.loc[table["series"] == "injured_cum"]
    # 2023-11-12 has neither injured_cum nor its twin: the day stays missing
    assert injured["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-11-10", "2023-11-11"]
    assert set(table["outcome"]) == {"killed", "injured"}


def test_tfp_shape_without_fill_keeps_gaps_missing(tmp_path):
    table = load_reference(write_json(tmp_path, TFP_RECORDS), fill=False)
    killed = table.loc[table["series"] == "killed_cum"]
    assert killed["value"].tolist() == [11078, 11180]
    assert not table["filled"].any()


def test_wide_csv_duplicates_are_resolved_by_the_rule_with_a_warning(tmp_path):
    path = tmp_path / "soldiers.csv"
    path.write_text("date,killed_soldiers_gaza\n2023-12-13,113\n2023-12-14,115\n2023-12-14,116\n"
                    "2023-12-15,117\n", encoding="utf-8")
    with pytest.warns(NewskitWarning, match=r"soldiers.csv.*2023-12-14.*last"):
        last = load_reference(path)
    assert last["value"].tolist() == [113, 116, 117]
    assert set(last["group"]) == {"soldiers"} and set(last["outcome"]) == {"killed"}
    with pytest.warns(NewskitWarning, match="first"):
        first = load_reference(path, duplicates="first")
    assert first["value"].tolist() == [113, 115, 117]
    with pytest.warns(NewskitWarning, match="kept every row"):
        kept = load_reference(path, duplicates="keep")
    assert kept["value"].tolist() == [113, 115, 116, 117]


def test_wide_csv_series_map_and_column_choice(tmp_path):
    path = tmp_path / "toll.csv"
    path.write_text("date,gaza,lebanon\n2023-12-13,18608,100\n2023-12-14,18787,\n", encoding="utf-8")
    table = load_reference(path, columns=["gaza"], series_map={"gaza": ("killed", "palestinians")})
    assert table["value"].tolist() == [18608, 18787]
    assert set(table["group"]) == {"palestinians"}
    assert set(table["series"]) == {"gaza"}


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("series.txt", "date,killed\n2023-12-13,1\n", r"series.txt.*neither .json nor .csv"),
        ("series.json", "{not json", r"series.json: not valid JSON"),
        ("series.json", '{"report_date": "2023-12-13"}', r"series.json: expected a JSON list"),
        ("series.csv", "day,killed\n2023-12-13,1\n", r"series.csv: no date column"),
        ("series.csv", "date\n2023-12-13\n", r"series.csv: no value column"),
        ("series.csv", "date,killed\n2023-12-13,1\n2023-12-14,many\n",
         r"series.csv, field 'killed', row 1 \(2023-12-14\): 'many' is not a number"),
        ("series.csv", "date,killed\n2023-12-13,-4\n", r"series.csv, field 'killed', row 0.*negative"),
        ("series.csv", "date,killed\n2023-12-14,1\n2023-12-13,2\n",
         r"series.csv, field 'date', row 1: date 2023-12-13 comes after 2023-12-14"),
        ("series.csv", "date,killed\nyesterday,1\n", r"series.csv, field 'date', row 0: 'yesterday'"),
        ("series.json", '[{"report_date": "2023-12-13", "killed_cum": "lots"}]',
         r"series.json, field 'killed_cum', row 0.*'lots' is not a number"),
        ("series.json", '[{"report_date": "2023-12-13", "killed_cum": 5},'
         '{"report_date": "2023-12-12", "killed_cum": 4}]', r"series.json, field 'report_date', row 1"),
    ],
)
def test_bad_input_raises_naming_file_and_field(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReferenceSeriesError, match=match):
        load_reference(path)


def test_missing_file_and_bad_rule_raise(tmp_path):
    with pytest.raises(ReferenceSeriesError, match="not found"):
        load_reference(tmp_path / "absent.csv")
    path = tmp_path / "s.csv"
    path.write_text("date,killed\n2023-12-13,1\n", encoding="utf-8")
    with pytest.raises(ReferenceSeriesError, match="duplicates='newest'"):
        load_reference(path, duplicates="newest")


def test_empty_file_gives_empty_table_and_warning(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.warns(NewskitWarning, match="empty.csv: no rows"):
        table = load_reference(path)
    assert table.empty and list(table.columns[: len(REFERENCE_COLUMNS)]) == REFERENCE_COLUMNS


@needs_shared
def test_full_tfp_series():
    table = load_reference(TFP_PATH)
    assert value_on(table, "killed_cum", "2023-12-14") == 18787
    assert value_on(table, "killed_cum", "2024-01-18") == 24620
    filled = table.loc[(table["series"] == "killed_cum") & (table["date"] == pd.Timestamp("2023-11-11"))]
    assert filled["filled"].tolist() == [True] and filled["value"].tolist() == [11129]
    assert table["date"].min() == pd.Timestamp("2023-10-07")


@needs_shared
def test_360info_file_fractional_column_is_named_and_can_be_left_out():
    # the *_adj columns are 360info's modelled estimates (71.9 children), not counts of people
    with pytest.raises(ReferenceSeriesError, match=r"'palestine_children_adj', row 0 .*not a whole number"):
        load_reference(KILLED_360_PATH)
    with pytest.raises(ReferenceSeriesError, match=r"'palestine_unknown', row 0 .*negative"):
        load_reference(KILLED_360_PATH, columns=["palestine_total", "palestine_unknown"])
    with pytest.warns(NewskitWarning, match="2023-12-14"):
        table = load_reference(KILLED_360_PATH, columns=["palestine_total"])
    assert value_on(table, "palestine_total", "2023-12-14") == 18787
    assert set(table["outcome"]) == {"killed"} and set(table["group"]) == {"palestinians"}
