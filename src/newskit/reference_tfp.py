"""Regenerate the shipped reference table ``data/reference/techforpalestine_daily.csv``.

It is the Tech for Palestine Gaza (``casualties_daily.json``) and West Bank (``west_bank_daily.json``)
daily series (public domain; licence text in ``data/reference/LICENSE-techforpalestine.txt``), read
with :func:`newskit.reference.load_reference` and cut down to the series the kit compares claims
with (``SHIPPED_SERIES``), one row per day, place and series:

    .venv/bin/python -m newskit.reference_tfp [GAZA_JSON WEST_BANK_JSON] [-o CSV]

Defaults: the two files in ``../shared/reference/`` and the shipped CSV path. Values are copied, never
changed; ``filled`` says which rows Tech for Palestine gap-filled (Gaza: the ``ext_`` twin of a field
not reported that day; West Bank: a flash value carried forward, ``flash_source=fill``). ``source``
is short: ``tfp-gaza:<field>:<report_source>``, ``tfp-gaza:ext_<field>`` (filled),
``tfp-wb:<field>:<flash_source>``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from newskit.paths import REFERENCE_DIR, SHARED_DIR
from newskit.reference import load_reference

GAZA_JSON_PATH = SHARED_DIR / "reference" / "techforpalestine-casualties_daily.json"
WEST_BANK_JSON_PATH = SHARED_DIR / "reference" / "techforpalestine-west_bank_daily.json"
SHIPPED_PATH = REFERENCE_DIR / "techforpalestine_daily.csv"
# place -> Tech for Palestine fields kept. The West Bank series are the top-level "flash" fields
# (Ministry of Health figures relayed by UN OCHA flash updates), not the `verified` object: that one
# stops in November 2024, and two series of one quantity would compare each claim twice.
SHIPPED_SERIES: dict[str, tuple[str, ...]] = {
    "gaza": ("killed_cum", "injured_cum", "killed", "injured", "killed_children_cum", "killed_women_cum"),
    "west_bank": ("killed_cum", "injured_cum"),
}
SHIPPED_COLUMNS = ["date", "place", "series", "outcome", "group", "value", "filled", "source"]


def _short_source(source: pd.Series, place: str) -> pd.Series:
    """``casualties_daily.json: killed_cum, report_source=mohtel`` -> ``tfp-gaza:killed_cum:mohtel``."""
    key = "tfp-gaza" if place == "gaza" else "tfp-wb"
    text = source.str.split(": ", n=1).str[1]
    text = text.str.replace(r" \(gap-filled by Tech for Palestine\)$", "", regex=True)
    text = text.str.replace(r", (?:report|flash)_source=", ":", regex=True)
    return key + ":" + text


def build_shipped_reference(gaza_path: str | Path = GAZA_JSON_PATH,
                            west_bank_path: str | Path = WEST_BANK_JSON_PATH) -> pd.DataFrame:
    """The shipped table (``SHIPPED_COLUMNS``), sorted by place, series and date."""
    parts = []
    for place, path in (("gaza", gaza_path), ("west_bank", west_bank_path)):
        table = load_reference(path, columns=list(SHIPPED_SERIES[place]), place=place)
        parts.append(table.assign(source=_short_source(table["source"], place)))
    table = pd.concat(parts, ignore_index=True)
    table = table.sort_values(["place", "series", "date"], kind="stable").reset_index(drop=True)
    return table.assign(date=table["date"].dt.strftime("%Y-%m-%d"),
                        value=table["value"].astype("int64"),
                        filled=table["filled"].map({True: "true", False: "false"}))[SHIPPED_COLUMNS]


def write_shipped_reference(table: pd.DataFrame, path: str | Path = SHIPPED_PATH) -> Path:
    """Write ``table`` as UTF-8 CSV with ``\\n`` line ends (same table, same bytes)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gaza", nargs="?", type=Path, default=GAZA_JSON_PATH)
    parser.add_argument("west_bank", nargs="?", type=Path, default=WEST_BANK_JSON_PATH)
    parser.add_argument("-o", "--out", type=Path, default=SHIPPED_PATH)
    args = parser.parse_args(argv)
    path = write_shipped_reference(build_shipped_reference(args.gaza, args.west_bank), args.out)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
