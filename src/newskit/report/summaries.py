"""Summary tables and headline numbers of the notebooks, and the headline claims the index leads with."""

from __future__ import annotations

from typing import Any

import pandas as pd

# Source types whose figures the index lists as "official-source tolls" (each row names its type).
OFFICIAL_SOURCE_TYPES = ("health_ministry", "palestinian_officials", "israeli_government", "israeli_military", "un")
NO_OUTLET = "(outlet not given)"
# Groups that count a whole population (not a subset such as children or medical workers).
WHOLE_POPULATION_GROUPS = ("people", "palestinians", "israelis")


def corpus_overview(articles: pd.DataFrame, passages: pd.DataFrame, removals: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``article_id, outlet, published, title, n_chars, n_passages, n_removed``.

    ``n_chars`` counts the raw text; ``n_removed`` counts every removal row (paragraphs and spans).
    """
    kept = passages.groupby("article_id").size()
    removed = removals.groupby("article_id").size()
    overview = articles[["article_id", "outlet", "published", "title"]].copy()
    overview["n_chars"] = articles["text"].str.len().astype("int64")
    overview["n_passages"] = overview["article_id"].map(kept).fillna(0).astype("int64")
    overview["n_removed"] = overview["article_id"].map(removed).fillna(0).astype("int64")
    return overview


def count_by(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Rows per combination of the ``by`` columns (empty values counted as ``(none)``), most first."""
    keys = table[by].astype(object).where(table[by].notna(), "(none)")
    counts = keys.value_counts(sort=False).rename("n").reset_index()
    return counts.sort_values(["n", *by], ascending=[False] + [True] * len(by), ignore_index=True)


def removals_by_rule(removals: pd.DataFrame) -> pd.DataFrame:
    """``rule, n_removed, n_articles, n_chars``: what each cleaning rule dropped, most first."""
    table = (
        removals.assign(n_chars=removals["text"].str.len())
        .groupby("rule", as_index=False)
        .agg(n_removed=("article_id", "size"), n_articles=("article_id", "nunique"), n_chars=("n_chars", "sum"))
    )
    return table.sort_values(["n_removed", "rule"], ascending=[False, True], ignore_index=True)


def corpus_headlines(articles: pd.DataFrame, passages: pd.DataFrame, removals: pd.DataFrame) -> dict[str, Any]:
    """The corpus notebook's headline numbers: articles, outlets, dates, passages kept and removed."""
    dated = articles["published"].dropna()
    return {
        "articles": len(articles),
        "outlets": int(articles["outlet"].nunique()),
        "articles without a date": int(len(articles) - len(dated)),
        "earliest date": str(dated.min().date()) if len(dated) else "",
        "latest date": str(dated.max().date()) if len(dated) else "",
        "passages kept": len(passages),
        "pieces removed by cleaning": len(removals),
    }


def claims_headlines(claims: pd.DataFrame, articles: pd.DataFrame) -> dict[str, Any]:
    """The claims notebook's headline numbers: figures, articles with one, outcomes, attribution, reviews.

    Counted on the claims after review (rows a reviewer marked not a figure left out).
    """
    from newskit.reviews import review_counts, reviewed_claims

    reviews = review_counts(claims)
    claims = reviewed_claims(claims)
    people = claims[claims["unit"] == "people"]
    attributed = claims["source_type"].notna() & (claims["source_type"] != "none")
    return {
        "casualty figures": len(claims),
        "articles with a figure": f"{claims['article_id'].nunique()} of {len(articles)}",
        "figures of people killed": int((people["outcome"] == "killed").sum()),
        "figures of people injured": int((people["outcome"] == "injured").sum()),
        "cumulative figures": int((claims["scope"] == "cumulative").sum()),
        "figures attributed to a source": int(attributed.sum()),
        "figures with a hedge (not exact)": int((claims["bound"] != "exact").sum()),
        "figures corrected by a reviewer": reviews["reviewed"] - reviews["not_a_figure"] - reviews["added"],
        "rows a reviewer marked not a figure": reviews["not_a_figure"],
        "figures a reviewer added": reviews["added"],
        "reviews that match no claim": reviews["unmatched_reviews"],
    }


def topics_headlines(
    candidates: pd.DataFrame, n_topics: int, assignments: pd.DataFrame, claims_with_topics: pd.DataFrame
) -> dict[str, Any]:
    """The topics notebook's headline numbers: k and why (scores to two decimals), share unexplained
    (a percentage), top topic of the figures."""
    chosen = candidates[candidates["n_topics"] == n_topics]
    explained = assignments[assignments["explained"]]
    carried = claims_with_topics[claims_with_topics["explained"]]
    top = carried["topic_label"].value_counts()
    return {
        "units clustered": len(assignments),
        "topics (k)": int(n_topics),
        "coherence of that k (NPMI)": f"{chosen['coherence_npmi'].iloc[0]:.2f}" if len(chosen) else "",
        "stability of that k (mean ARI between seeds)": f"{chosen['stability_ari'].iloc[0]:.2f}" if len(chosen) else "",
        "share of units no topic explains": format_share(len(assignments) - len(explained), len(assignments)),
        "topic carrying most casualty figures": f"{top.index[0]} ({top.iloc[0]} figures)" if len(top) else "",
    }


def format_share(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a reader reads it: a whole percentage, then the counts.

    >>> format_share(6, 33), format_share(1234, 5000), format_share(0, 0)
    ('18% (6 of 33)', '25% (1,234 of 5,000)', '')
    """
    if not whole:
        return ""
    return f"{part / whole:.0%} ({part:,} of {whole:,})"


def _claim_date(claims: pd.DataFrame) -> pd.Series:
    """The day a claim speaks of: its ``as_of`` date, else its article's ``published`` date (NaT if none)."""
    as_of = pd.to_datetime(claims["as_of"], errors="coerce") if "as_of" in claims else None
    published = pd.to_datetime(claims["published"], errors="coerce")
    return published if as_of is None else as_of.fillna(published)


def latest_official_tolls(claims: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and place, the latest running total of people killed attributed to an official source.

    Rows: cumulative killed figures of a whole population (:data:`WHOLE_POPULATION_GROUPS`), not a
    subset of another figure (no ``parent``), with a
    ``source_type`` in :data:`OFFICIAL_SOURCE_TYPES`, not marked "not a figure" by a reviewer. Per
    (outlet, place) the one of the latest day (``as_of``, else ``published``; undated rows only when
    the pair has no dated one); on one day, the first in the text. Adds ``date``; sorted by outlet,
    place. Empty when no claim qualifies.
    """
    from newskit.reviews import reviewed_claims

    claims = reviewed_claims(claims)
    chosen = claims[
        (claims["unit"] == "people") & (claims["outcome"] == "killed") & (claims["scope"] == "cumulative")
        & claims["group"].isin(WHOLE_POPULATION_GROUPS) & claims["parent"].isna()
        & claims["source_type"].isin(OFFICIAL_SOURCE_TYPES)
    ].assign(date=_claim_date, outlet=lambda t: t["outlet"].astype(object).fillna(NO_OUTLET).replace("", NO_OUTLET))
    chosen = chosen.sort_values(["outlet", "place", "date", "article_id", "start"],
                                ascending=[True, True, False, True, True], na_position="last", kind="stable")
    return chosen.drop_duplicates(["outlet", "place"]).reset_index(drop=True)


def widest_discrepancies(discrepancies: pd.DataFrame, *, n: int = 3) -> list[pd.DataFrame]:
    """The ``n`` discrepancy groups whose values lie furthest apart (highest / lowest value), each as
    its two rows: the lowest value, then the highest. Ties: the smaller ``discrepancy_id`` first."""
    if not len(discrepancies):
        return []
    values = discrepancies.groupby("discrepancy_id")["value"]
    ratio = (values.max() / values.min().where(values.min() > 0)).fillna(float("inf"))
    order = sorted(ratio.index, key=lambda key: (-ratio[key], key))[:n]
    groups = []
    for key in order:
        rows = discrepancies[discrepancies["discrepancy_id"] == key].sort_values("value", kind="stable")
        groups.append(pd.concat([rows.head(1), rows.tail(1)], ignore_index=True))
    return groups


def agreement_on_day(comparison: pd.DataFrame, claims: pd.DataFrame, *, n: int = 3) -> tuple[int, int, pd.DataFrame]:
    """``(agreeing, compared, examples)``: compared claims whose official value of the day lies in the
    interval their words allow, of those compared; ``examples`` are up to ``n`` compared claims with
    their ``source`` and ``sentence`` from ``claims``, those that do not agree first."""
    compared = comparison[comparison["status"] == "compared"].dropna(subset=["agrees_on_day"])
    agrees = compared["agrees_on_day"].astype(bool)
    sentences = claims.drop_duplicates(["article_id", "passage_id", "surface"])[
        ["article_id", "passage_id", "surface", "source", "sentence"]]
    examples = (
        compared.drop(columns=["source", "sentence"], errors="ignore").assign(agrees_on_day=agrees)
        .sort_values("agrees_on_day", kind="stable")
        .head(n)
        .merge(sentences, on=["article_id", "passage_id", "surface"], how="left")
    )
    return int(agrees.sum()), len(compared), examples
