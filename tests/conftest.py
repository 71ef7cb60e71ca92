"""Shared test fixtures: the sample corpus, ../shared (skipped when absent), a warnings guard."""

from __future__ import annotations

import importlib.util
import os

import pytest

from newskit.paths import DEV_ARTICLES_PATH, PROJECT_DIR, SAMPLE_DIR, SHARED_DIR
from newskit.pipeline import STAGE_DIR_VARIABLE

SAMPLE_000 = SAMPLE_DIR / "000_ac6a83ea76d8dca2.txt"
SAMPLE_002 = SAMPLE_DIR / "002_da15ff6bf3766d8c.txt"

needs_shared = pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="../shared is not beside the checkout")
needs_dev_corpus = pytest.mark.skipif(
    not DEV_ARTICLES_PATH.is_file(), reason="../shared dev corpus is not beside the checkout"
)


@pytest.fixture(scope="session", autouse=True)
def stage_files_in_a_temporary_folder(tmp_path_factory):
    """Stage files a test writes (and the kernels its reports start) go to a folder of the test run."""
    saved = os.environ.get(STAGE_DIR_VARIABLE)
    os.environ[STAGE_DIR_VARIABLE] = str(tmp_path_factory.mktemp("stages"))
    yield
    if saved is None:
        os.environ.pop(STAGE_DIR_VARIABLE, None)
    else:
        os.environ[STAGE_DIR_VARIABLE] = saved


@pytest.fixture
def sample_dir():
    return SAMPLE_DIR


@pytest.fixture
def sample_texts() -> dict[str, str]:
    """The two sample articles as raw text, keyed by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in (SAMPLE_000, SAMPLE_002)}


@pytest.fixture(scope="session")
def synthetic():
    """``bench/synthetic.py``, the synthetic corpus generator (bench tools are not a package)."""
    spec = importlib.util.spec_from_file_location("bench_synthetic", PROJECT_DIR / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
