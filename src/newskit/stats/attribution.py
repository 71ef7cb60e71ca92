"""Attribution language: how the words around a figure qualify its source.

Each qualifier is a pattern searched in the claim's ``source`` and its own ``sentence``
(``QUALIFIER_PATTERNS``): "Hamas-run", "Hamas-controlled", "which does not distinguish between
civilians and combatants", "claimed" (only about a figure: not "claimed responsibility", "claimed
the lives"), "could not be independently verified". Its share is taken over **the claims attributed
to one source type, per outlet** (``attribution_qualifiers``): "Hamas-run" is a word about the
health ministry, so its denominator is the claims the outlet attributes to the ministry, not every
claim it prints.
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np
import pandas as pd

from newskit.stats.common import check_claims

RE_HAMAS_RUN = re.compile(r"\bHamas[-\s]+run\b", re.IGNORECASE)
RE_HAMAS_CONTROLLED = re.compile(r"\bHamas[-\s]+controlled\b", re.IGNORECASE)
RE_DOES_NOT_DISTINGUISH = re.compile(
    r"\b(?:does|do|did)\s+not\s+(?:distinguish|differentiate)\b|\bdoesn[’']t\s+(?:distinguish|differentiate)\b"
    r"|\bwithout\s+(?:distinguishing|differentiating)\b|\bmakes?\s+no\s+distinction\b",
    re.IGNORECASE,
)
# "claimed" about a figure: not "claimed responsibility/credit", "claimed the lives of".
RE_CLAIMED = re.compile(
    r"\bclaim(?:ed|s)?\b(?!\s+(?:the\s+)?(?:lives?|responsibility|credit|victory|to\s+have\s+killed))",
    re.IGNORECASE,
)
RE_NOT_VERIFIED = re.compile(
    r"\b(?:not|cannot|unable|couldn[’']t|can[’']t)\b[\w\s]{0,40}?\bindependently\s+(?:verif|confirm)\w*"
    r"|\bunverified\b",
    re.IGNORECASE,
)
QUALIFIER_PATTERNS: dict[str, re.Pattern[str]] = {
    "hamas_run": RE_HAMAS_RUN,
    "hamas_controlled": RE_HAMAS_CONTROLLED,
    "does_not_distinguish": RE_DOES_NOT_DISTINGUISH,
    "claimed": RE_CLAIMED,
    "not_independently_verified": RE_NOT_VERIFIED,
}
GroupBy = Literal["outlet", "source_type"]


def flag_qualifiers(claims: pd.DataFrame, *, qualifiers: dict[str, re.Pattern[str]] | None = None
                    ) -> pd.DataFrame:
    """One boolean column ``qualifier_<name>`` per qualifier: found in the claim's source or sentence.

    ``qualifier_any`` says whether any was found. A qualifier in another sentence of the article is
    not counted.
    """
    qualifiers = QUALIFIER_PATTERNS if qualifiers is None else qualifiers
    claims = check_claims(claims, ["source", "sentence"])
    text = claims["source"].fillna("").astype(str) + " || " + claims["sentence"].fillna("").astype(str)
    flags = pd.DataFrame({f"qualifier_{name}": text.map(lambda s, p=pattern: bool(p.search(s)))
                          for name, pattern in qualifiers.items()}, index=claims.index)
    flags["qualifier_any"] = flags.any(axis=1) if len(flags.columns) else False
    return flags


def attribution_qualifiers(claims: pd.DataFrame, *, by: GroupBy = "outlet",
                           qualifiers: dict[str, re.Pattern[str]] | None = None) -> pd.DataFrame:
    """Per ``by`` (and ``all``) and per source type: the claims attributed to that source type
    (``n_claims``) and the share of them whose attribution carries each qualifier (``share_<name>``,
    ``share_any``).

    Claims with no source (``source_type`` ``none`` or empty) are left out: a qualifier of a source
    needs a source. Rows sorted by ``by`` (``all`` last), then source type.
    """
    claims = check_claims(claims, ["source", "sentence", "source_type", by])
    attributed = claims.loc[claims["source_type"].notna() & (claims["source_type"] != "none")]
    flags = flag_qualifiers(attributed, qualifiers=qualifiers)
    keys = attributed[by].fillna("unknown").astype(str)
    rows = []
    for key in [*sorted(keys.unique()), "all"]:
        in_key = keys == key if key != "all" else pd.Series(True, index=attributed.index)
        for source_type in sorted(attributed.loc[in_key, "source_type"].unique()):
            mask = in_key & (attributed["source_type"] == source_type)
            n = int(mask.sum())
            row = {by: key, "source_type": source_type, "n_claims": n}
            for column in flags.columns:
                row["share_" + column.removeprefix("qualifier_")] = (
                    float(flags.loc[mask, column].mean()) if n else np.nan)
            rows.append(row)
    columns = [by, "source_type", "n_claims",
               *["share_" + c.removeprefix("qualifier_") for c in flags.columns]]
    return pd.DataFrame(rows, columns=columns)
