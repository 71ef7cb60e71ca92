"""Nothing ever writes under data/raw/: a full pipeline run leaves it byte-identical."""

from __future__ import annotations

import hashlib

from newskit.cli import main
from newskit.paths import RAW_DIR


def snapshot() -> dict[str, str]:
    return {str(p.relative_to(RAW_DIR)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(RAW_DIR.rglob("*")) if p.is_file()}


def test_sample_corpus_is_committed_with_its_metadata():
    assert set(snapshot()) == {"sample/000_ac6a83ea76d8dca2.txt", "sample/002_da15ff6bf3766d8c.txt",
                               "sample/metadata.csv"}


def test_extracting_figures_leaves_data_raw_byte_identical(tmp_path):
    before = snapshot()
    assert main(["figures", str(RAW_DIR / "sample"), "-o", str(tmp_path / "claims.csv")]) == 0
    assert (tmp_path / "claims.csv").stat().st_size > 0
    assert snapshot() == before
