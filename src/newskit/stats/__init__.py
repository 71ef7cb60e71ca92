"""Statistics on claims that compare like with like.

A claim is compared only with what counts the same quantity: a reference series of its place,
outcome and group class (:mod:`~newskit.stats.compare`), other claims of its place or event,
outcome, group class and scope (:mod:`~newskit.stats.discrepancies`), the claims of one series of
claims for rates (:mod:`~newskit.stats.timeline`), the claims attributed to one source type for the
words that qualify a source (:mod:`~newskit.stats.attribution`). Every function lists, counts or
flags; none changes a claim or a reference value. Each module's docstring defines its terms once:

* :mod:`~newskit.stats.compare`: status (compared, dated_by_window, not_covered, no_series,
  undated), agrees_on_day, the signed lag, agrees_within_window, dating by figures;
* :mod:`~newskit.stats.rounding`: rounding unit, when an official value gives a claim, the size
  threshold of rounding shares;
* :mod:`~newskit.stats.timeline`: series of claims, independent pairs, the estimator and the
  minimum number of pairs for a bootstrap;
* :mod:`~newskit.stats.discrepancies`: events, quantities, discrepancies, revisions;
* :mod:`~newskit.stats.consistency`, :mod:`~newskit.stats.attribution`.
"""

from newskit.stats.attribution import QUALIFIER_PATTERNS, attribution_qualifiers, flag_qualifiers
from newskit.stats.common import GROUP_ALIASES, GROUP_CLASSES, UNKNOWN_PLACE
from newskit.stats.compare import (
    COMPARISON_COLUMNS,
    DATING_COLUMNS,
    STATUSES,
    compare_to_reference,
    comparison_headlines,
    date_from_figures,
    lag_by,
    statistics_headlines,
)
from newskit.stats.consistency import (
    CLAIM_CHECK_COLUMNS,
    REFERENCE_CHECK_COLUMNS,
    SUBGROUPS,
    check_claims_consistency,
    check_reference_consistency,
    parent_rows,
)
from newskit.stats.discrepancies import (
    DISCREPANCY_COLUMNS,
    EVENT_PATTERNS,
    EVENT_PHRASES,
    EVENT_PLACES,
    MONOTONE_OUTCOMES,
    REVISION_COLUMNS,
    find_discrepancies,
    find_revisions,
    name_event,
)
from newskit.stats.rounding import (
    BOUND_ORDER,
    MIN_ROUNDING_VALUE,
    ROUNDING_CATEGORIES,
    official_gives_claim,
    round_like_claim,
    rounding_category,
    rounding_table,
    rounding_unit,
)
from newskit.stats.timeline import (
    INCREASE_COLUMNS,
    MIN_INDEPENDENT_PAIRS,
    PAIR_COLUMNS,
    SERIES_KEY,
    claims_timeline,
    daily_increase,
    successive_increases,
)

__all__ = [
    "BOUND_ORDER", "CLAIM_CHECK_COLUMNS", "COMPARISON_COLUMNS", "DATING_COLUMNS",
    "DISCREPANCY_COLUMNS", "EVENT_PATTERNS", "EVENT_PHRASES", "EVENT_PLACES", "GROUP_ALIASES",
    "GROUP_CLASSES", "INCREASE_COLUMNS", "MIN_INDEPENDENT_PAIRS", "MIN_ROUNDING_VALUE",
    "MONOTONE_OUTCOMES", "PAIR_COLUMNS", "QUALIFIER_PATTERNS", "REFERENCE_CHECK_COLUMNS",
    "REVISION_COLUMNS", "ROUNDING_CATEGORIES", "SERIES_KEY", "STATUSES", "SUBGROUPS", "UNKNOWN_PLACE",
    "attribution_qualifiers", "check_claims_consistency", "check_reference_consistency",
    "claims_timeline", "compare_to_reference", "comparison_headlines", "daily_increase",
    "date_from_figures", "find_discrepancies", "find_revisions", "flag_qualifiers", "lag_by",
    "name_event", "official_gives_claim", "parent_rows", "round_like_claim", "rounding_category",
    "rounding_table", "rounding_unit", "statistics_headlines", "successive_increases",
]
