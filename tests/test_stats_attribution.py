"""Attribution language over the claims attributed to one source type (issue 13, item 6)."""

from __future__ import annotations

import pytest
from test_stats import make_claims

from newskit import stats


@pytest.mark.parametrize(
    ("source", "sentence", "found"),
    [
        ("the Hamas-run health ministry", "almost 25,000 killed", {"hamas_run"}),
        ("health officials", "the Hamas controlled enclave's officials said 100 died", {"hamas_controlled"}),
        ("the ministry", "the ministry, which does not distinguish between civilians and combatants",
         {"does_not_distinguish"}),
        ("the ministry", "figures that make no distinction between fighters and civilians",
         {"does_not_distinguish"}),
        (None, "Hamas claimed 1,000 were killed", {"claimed"}),
        ("Hamas", "Hamas has claimed responsibility for the attack that killed 12", set()),
        (None, "the war has claimed the lives of 18,000", set()),
        ("the ministry", "figures that could not be independently verified", {"not_independently_verified"}),
        ("the ministry", "CNN cannot independently verify the numbers", {"not_independently_verified"}),
        ("Gaza health authorities", "More than 18,600 Palestinians have been killed", set()),
    ],
)
def test_flag_qualifiers(source, sentence, found):
    flags = stats.flag_qualifiers(make_claims({"article_id": "a", "value": 1, "source": source,
                                               "sentence": sentence})).iloc[0]
    assert {c.removeprefix("qualifier_") for c in flags.index if flags[c] and c != "qualifier_any"} \
        == found
    assert flags["qualifier_any"] == bool(found)


def test_shares_are_over_the_claims_attributed_to_each_source_type_per_outlet():
    ministry = {"source_type": "health_ministry"}
    claims = make_claims(
        # outlet x: four ministry claims, three called "Hamas-run"; one UN claim; two unattributed
        {"article_id": "a", "outlet": "x", "value": 1, "source": "the Hamas-run health ministry", **ministry},
        {"article_id": "a", "outlet": "x", "value": 2, "source": "the Hamas-run ministry", **ministry},
        {"article_id": "b", "outlet": "x", "value": 3, "source": "Hamas-run health officials", **ministry},
        {"article_id": "b", "outlet": "x", "value": 4, "source": "Gaza health authorities", **ministry},
        {"article_id": "b", "outlet": "x", "value": 5, "source": "the UN", "source_type": "un"},
        {"article_id": "c", "outlet": "x", "value": 6, "sentence": "Hamas-run Gaza"},
        {"article_id": "c", "outlet": "x", "value": 7},
        # outlet y: two ministry claims, neither qualified
        {"article_id": "d", "outlet": "y", "value": 8, "source": "the health ministry", **ministry},
        {"article_id": "d", "outlet": "y", "value": 9, "source": "the ministry", **ministry},
    )
    table = stats.attribution_qualifiers(claims).set_index(["outlet", "source_type"])
    assert table.loc[("x", "health_ministry"), "n_claims"] == 4
    assert table.loc[("x", "health_ministry"), "share_hamas_run"] == 0.75   # 3 of 4, not 4 of 7
    assert table.loc[("x", "un"), "share_hamas_run"] == 0
    assert table.loc[("y", "health_ministry"), "share_hamas_run"] == 0
    assert table.loc[("all", "health_ministry"), "n_claims"] == 6
    assert table.loc[("all", "health_ministry"), "share_hamas_run"] == 0.5  # 3 of 6
    # unattributed claims are in no row
    assert table["n_claims"].sum() == 4 + 1 + 2 + 6 + 1
