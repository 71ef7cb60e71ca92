"""Project paths, built once from the package location (never typed twice)."""

from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
SAMPLE_DIR = RAW_DIR / "sample"
REFERENCE_DIR = DATA_DIR / "reference"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
PARAMS_DIR = PROJECT_DIR / "params"
REPORTS_DIR = PROJECT_DIR / "reports"
# ../shared sits beside a developer's checkout and CI's; users do not have it.
SHARED_DIR = PROJECT_DIR.parent / "shared"
DEV_ARTICLES_PATH = SHARED_DIR / "corpus" / "nyuad-media-coverage-of-war-victims" / "articles_dev.csv"
DEV_COLUMNS = {"article_id": "Article_ID", "published": "Date", "outlet": "Source", "text": "Article"}
