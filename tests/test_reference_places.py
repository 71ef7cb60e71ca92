"""Reference series per place (issue 13, item 1): a `place` per row, several files into one table,
the Tech for Palestine West Bank shape, the `place=` argument, and the shipped daily series."""

from __future__ import annotations

import json

import pytest

from newskit.errors import ReferenceSeriesError
from newskit.paths import REFERENCE_DIR
from newskit.reference import load_reference
from newskit.reference_tfp import SHIPPED_PATH, SHIPPED_SERIES, build_shipped_reference
from newskit.schema import REFERENCE_COLUMNS

SHIPPED_LICENCE_PATH = REFERENCE_DIR / "LICENSE-techforpalestine.txt"


def _write_json(path, records):
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def _west_bank(tmp_path):
    return _write_json(tmp_path / "west_bank_daily.json", [
        {"report_date": "2024-01-01", "killed_cum": 320, "injured_cum": 3900, "flash_source": "un",
         "verified": {"killed_cum": 318, "injured_cum": 3800}},
        {"report_date": "2024-01-02", "killed_cum": 320, "injured_cum": 3900, "flash_source": "fill",
         "verified": {"killed_cum": 321, "injured_cum": 3810}},
        {"report_date": "2024-01-03", "killed_cum": 325, "injured_cum": 3950, "flash_source": "un"},
    ])


def test_place_is_a_reference_column():
    assert "place" in REFERENCE_COLUMNS


def test_west_bank_flash_fields_carry_filled_days_and_verified_fields_are_their_own_series(tmp_path):
    table = load_reference(_west_bank(tmp_path))
    assert set(table["place"]) == {"west_bank"}
    killed = table.loc[table["series"] == "killed_cum"]
    # by hand: flash killed 320 (un), 320 (fill: carried forward), 325 (un)
    assert killed["value"].tolist() == [320, 320, 325]
    assert killed["filled"].tolist() == [False, True, False]
    assert killed["source"].iloc[1].endswith("flash_source=fill")
    verified = table.loc[table["series"] == "verified_killed_cum"]
    # the third day has no verified object: no row
    assert verified["value"].tolist() == [318, 321]
    assert set(verified[["outcome", "group"]].itertuples(index=False)) == {("killed", "palestinians")}


def test_west_bank_fill_false_leaves_carried_values_out(tmp_path):
    table = load_reference(_west_bank(tmp_path), fill=False, columns=["killed_cum"])
    assert table["date"].dt.strftime("%m-%d").tolist() == ["01-01", "01-03"]


def test_tfp_gaza_json_is_gaza_unless_place_is_given(tmp_path):
    path = _write_json(tmp_path / "casualties_daily.json",
                       [{"report_date": "2024-01-01", "killed_cum": 22000}])
    assert set(load_reference(path)["place"]) == {"gaza"}
    assert set(load_reference(path, place="rafah_test")["place"]) == {"rafah_test"}


def test_tidy_csv_with_a_place_column_and_place_argument_for_empty_cells(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("date,place,series,outcome,group,value\n"
                    "2024-01-01,lebanon,killed_cum,killed,people,100\n"
                    "2024-01-02,lebanon,killed_cum,killed,people,110\n"
                    "2024-01-01,,killed_cum,killed,people,7\n", encoding="utf-8")
    # the same series name in two places is two series: dates restart without an order error
    table = load_reference(path, place="israel")
    assert sorted(zip(table["place"], table["value"], strict=True)) == [
        ("israel", 7), ("lebanon", 100), ("lebanon", 110)]
    assert set(load_reference(path)["place"]) == {"lebanon", "unknown"}


def test_tidy_csv_without_place_is_unknown(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("date,series,value\n2024-01-01,killed_cum,5\n", encoding="utf-8")
    assert load_reference(path)["place"].tolist() == ["unknown"]


def test_wide_csv_place_from_column_name(tmp_path):
    path = tmp_path / "deaths.csv"
    path.write_text("date,killed_lebanon,killed_israel\n2024-01-01,10,20\n", encoding="utf-8")
    table = load_reference(path)
    assert dict(zip(table["series"], table["place"], strict=True)) == {
        "killed_lebanon": "lebanon", "killed_israel": "israel"}


@pytest.mark.parametrize("place", ["West Bank", "gaza strip", "", "Gaza"])
def test_place_must_be_a_snake_case_key(tmp_path, place):
    path = _write_json(tmp_path / "casualties_daily.json",
                       [{"report_date": "2024-01-01", "killed_cum": 1}])
    with pytest.raises(ReferenceSeriesError, match="snake_case"):
        load_reference(path, place=place)


def test_bad_place_cell_is_refused_naming_the_row(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("date,place,series,value\n2024-01-01,West Bank,killed_cum,5\n", encoding="utf-8")
    with pytest.raises(ReferenceSeriesError, match="'place', row 0"):
        load_reference(path)


def test_several_files_load_into_one_table(tmp_path):
    gaza = _write_json(tmp_path / "casualties_daily.json",
                       [{"report_date": "2024-01-01", "killed_cum": 22000},
                        {"report_date": "2024-01-02", "killed_cum": 22100}])
    table = load_reference([gaza, _west_bank(tmp_path)], columns=None)
    killed = table.loc[table["series"] == "killed_cum"]
    assert killed.groupby("place")["value"].apply(list).to_dict() == {
        "gaza": [22000, 22100], "west_bank": [320, 320, 325]}


def test_shipped_series_cover_2023_to_2025_for_both_places_with_licence():
    table = load_reference(SHIPPED_PATH)
    assert SHIPPED_LICENCE_PATH.is_file()
    assert "public domain" in SHIPPED_LICENCE_PATH.read_text(encoding="utf-8")
    kept = {(p, s) for p, series in SHIPPED_SERIES.items() for s in series}
    assert set(zip(table["place"], table["series"], strict=True)) == kept
    for place, series in kept:
        dates = table.loc[(table["place"] == place) & (table["series"] == series), "date"]
        assert dates.min().strftime("%Y-%m-%d") <= "2023-10-08"
        assert dates.max().strftime("%Y-%m-%d") >= "2025-12-31"
    gaza = table.loc[(table["place"] == "gaza") & (table["series"] == "killed_cum")].set_index("date")
    # hand-checked against the Ministry of Health reports of 13 and 14 December 2023
    assert gaza.loc["2023-12-13", "value"] == 18608 and gaza.loc["2023-12-14", "value"] == 18787


def test_shipped_csv_is_what_the_conversion_writes():
    try:
        rebuilt = build_shipped_reference()
    except ReferenceSeriesError:
        pytest.skip("../shared/reference is not beside the checkout")
    assert rebuilt.to_csv(index=False, lineterminator="\n") == SHIPPED_PATH.read_text(encoding="utf-8")
