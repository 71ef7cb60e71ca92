"""Shared test fixtures: the sample corpus, ../shared (skipped when absent), a warnings guard."""

from __future__ import annotations

import pytest

from newskit.paths import DEV_ARTICLES_PATH, SAMPLE_DIR, SHARED_DIR

SAMPLE_000 = SAMPLE_DIR / "000_ac6a83ea76d8dca2.txt"
SAMPLE_002 = SAMPLE_DIR / "002_da15ff6bf3766d8c.txt"

needs_shared = pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="../shared is not beside the checkout")
needs_dev_corpus = pytest.mark.skipif(
    not DEV_ARTICLES_PATH.is_file(), reason="../shared dev corpus is not beside the checkout"
)


@pytest.fixture
def sample_dir():
    return SAMPLE_DIR


@pytest.fixture
def sample_texts() -> dict[str, str]:
    """The two sample articles as raw text, keyed by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in (SAMPLE_000, SAMPLE_002)}
