"""Summary tables and headline numbers of the notebooks (what the index page repeats)."""

from __future__ import annotations

from typing import Any

import pandas as pd


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


def chosen_n_topics(candidates: pd.DataFrame, *, n_topics: int | None) -> int:
    """``n_topics`` when the parameters fix it, else the k that ``choose_n_topics`` marked ``chosen``."""
    if n_topics is not None:
        return int(n_topics)
    return int(candidates.loc[candidates["chosen"], "n_topics"].iloc[0])


def topics_headlines(
    candidates: pd.DataFrame, model: Any, assignments: pd.DataFrame, claims_with_topics: pd.DataFrame
) -> dict[str, Any]:
    """The topics notebook's headline numbers: k and why, share unexplained, top topic of the figures."""
    chosen = candidates[candidates["n_topics"] == model.n_topics_]
    explained = assignments[assignments["explained"]]
    carried = claims_with_topics[claims_with_topics["explained"]]
    top = carried["topic_label"].value_counts()
    return {
        "units clustered": len(assignments),
        "topics (k)": int(model.n_topics_),
        "coherence of that k (NPMI)": float(chosen["coherence_npmi"].iloc[0]) if len(chosen) else "",
        "stability of that k (mean ARI between seeds)": float(chosen["stability_ari"].iloc[0]) if len(chosen) else "",
        "share of units no topic explains": float(1 - len(explained) / len(assignments)) if len(assignments) else "",
        "topic carrying most casualty figures": f"{top.index[0]} ({top.iloc[0]} figures)" if len(top) else "",
    }
