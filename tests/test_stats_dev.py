"""Issue 13's "must show" on the dev corpus: every comparison row is compared with a series of its own
place and quantity, and the October 7 toll revision (1,400 -> about 1,200 -> 1,139) is found.

The exact counts depend on extraction (places, groups, scopes), so only what the statistics promise
is asserted here; `eval/dev_statistics.py` prints the rows behind every headline.
"""

from __future__ import annotations

import warnings

import pytest
from conftest import needs_dev_corpus

from newskit import stats
from newskit.errors import NewskitWarning
from newskit.paths import DEV_ARTICLES_PATH, DEV_COLUMNS
from newskit.reference import load_reference
from newskit.reference_tfp import SHIPPED_PATH
from newskit.stats.common import covers


@pytest.fixture(scope="module")
def dev_claims():
    from newskit.clean import clean_articles
    from newskit.corpus import load_corpus
    from newskit.figures import claims_table

    articles = load_corpus(DEV_ARTICLES_PATH, columns=DEV_COLUMNS)
    passages, _ = clean_articles(articles)
    return claims_table(passages, articles)


@needs_dev_corpus
def test_every_compared_row_is_of_its_series_place_and_quantity(dev_claims):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        comparison = stats.compare_to_reference(dev_claims, load_reference(SHIPPED_PATH))
    with_series = comparison.loc[comparison["series"].notna()]
    assert (with_series["place"] == with_series["series_place"]).all()
    assert (with_series["outcome"] == with_series["series_outcome"]).all()
    assert all(covers(s, g) for s, g in zip(with_series["series_group"], with_series["group"], strict=True))
    # no claim of place unknown is compared; dev articles are all dated, so no status is "undated"
    assert not (with_series["place"] == "unknown").any()
    assert set(comparison["status"]) <= {"compared", "no_series", "not_covered"}


@needs_dev_corpus
def test_the_october_7_toll_revision_is_found(dev_claims):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        revisions = stats.find_revisions(dev_claims)
    event = revisions.loc[revisions["quantity"] == "october_7_attack: killed people"]
    chain = event[["earlier_value", "later_value"]].values.tolist()
    assert [1400, 1200] in chain and [1400, 1139] in chain
    first = event.loc[event["later_value"] == 1200].iloc[0]
    assert (first["earlier_outlet"], str(first["earlier_as_of"].date())) == ("BBC", "2023-10-21")
    assert (first["later_outlet"], str(first["later_as_of"].date())) == ("BBC", "2023-11-21")
    last = event.loc[event["later_value"] == 1139].iloc[0]
    assert last["later_outlet"] == "Al Jazeera English"
