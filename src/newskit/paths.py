"""Project paths, built once from the package location (never typed twice)."""

from __future__ import annotations

import hashlib
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
# Stage files a report computes once and reuses (rebuilt from code plus data/raw; `make clean` removes them).
INTERIM_DIR = DATA_DIR / "interim"
SAMPLE_DIR = RAW_DIR / "sample"
REFERENCE_DIR = DATA_DIR / "reference"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
PARAMS_DIR = PROJECT_DIR / "params"
REPORTS_DIR = PROJECT_DIR / "reports"
# ../shared sits beside a developer's checkout and CI's; users do not have it.
SHARED_DIR = PROJECT_DIR.parent / "shared"
DEV_ARTICLES_PATH = SHARED_DIR / "corpus" / "nyuad-media-coverage-of-war-victims" / "articles_dev.csv"
DEV_COLUMNS = {"article_id": "Article_ID", "published": "Date", "outlet": "Source", "text": "Article"}


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
