"""Statistics on the claims of the dev corpus against the full Tech for Palestine series.

Runs corpus -> clean -> figures.claims_table on all articles of
``../shared/corpus/nyuad-media-coverage-of-war-victims/articles_dev.csv`` and prints: how many
cumulative killed claims meet the official series within their interval, the median lag per outlet,
the discrepancy groups, revisions, consistency checks, the rounding and qualifier tables, the dating
of articles by their figures (checked against their publication date) and the reported daily increase.

    .venv/bin/python eval/dev_statistics.py [--reference PATH] [--window-days 14] [--charts DIR]

When ../shared is absent it prints a message and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

from newskit import stats
from newskit.clean import clean_articles
from newskit.corpus import load_corpus
from newskit.errors import NewskitWarning
from newskit.figures import claims_table
from newskit.paths import DEV_ARTICLES_PATH, DEV_COLUMNS, SHARED_DIR
from newskit.plots import claims as claim_plots
from newskit.plots import save_chart
from newskit.reference import load_reference

TFP_PATH = SHARED_DIR / "reference" / "techforpalestine-casualties_daily.json"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEV_ARTICLES_PATH, help="dev articles CSV")
    parser.add_argument("--reference", type=Path, default=TFP_PATH, help="official series file")
    parser.add_argument("--window-days", type=int, default=14, help="lag search window (days)")
    parser.add_argument("--near-days", type=int, default=1, help="discrepancy as_of window (days)")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    parser.add_argument("--charts", type=Path, default=None, help="folder to save charts in")
    return parser.parse_args(argv)


def show(title: str, table: pd.DataFrame) -> None:
    print(f"\n## {title}")
    if table.empty:
        print("(none)")
        return
    with pd.option_context("display.width", 200, "display.max_columns", 30, "display.max_rows", 200,
                           "display.max_colwidth", 60, "display.float_format", "{:.3g}".format):
        print(table.to_string(index=False))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.corpus.is_file() or not args.reference.is_file():
        print(f"dev_statistics: {args.corpus} or {args.reference} is absent (../shared is not beside "
              "the checkout); nothing to do")
        return 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NewskitWarning)
        articles = load_corpus(args.corpus, columns=DEV_COLUMNS)
        passages, _removals = clean_articles(articles)
        claims = claims_table(passages, articles)
        reference = load_reference(args.reference)
        comparison = stats.compare_to_reference(claims, reference, window_days=args.window_days)
        dating = stats.date_from_figures(claims, reference, undated_only=False)
        ministry_dating = stats.date_from_figures(
            claims.loc[claims["source_type"] == "health_ministry"], reference, undated_only=False)
        lagged_dating = stats.date_from_figures(claims, reference, undated_only=False, max_lag_days=2)
        discrepancies = stats.find_discrepancies(claims, near_days=args.near_days)
        revisions = stats.find_revisions(claims)
        claim_checks = stats.check_claims_consistency(claims)
        reference_checks = stats.check_reference_consistency(reference)
        increase = stats.daily_increase(claims, seed=args.seed, reference=reference)
    print(f"articles: {len(articles)}, passages: {len(passages)}, claims: {len(claims)}, "
          f"reference rows: {len(reference)} ({reference['date'].min().date()}.."
          f"{reference['date'].max().date()})")
    if caught:
        kinds = Counter(str(w.message).split(":")[0] for w in caught)
        print(f"warnings: {len(caught)} ({dict(kinds)})")

    killed = comparison.loc[comparison["outcome"] == "killed"]
    cumulative_killed = claims.loc[(claims["scope"] == "cumulative") & (claims["outcome"] == "killed")]
    print("\n## Cumulative killed claims against the official series")
    print(f"cumulative killed claims in the corpus: {len(cumulative_killed)}; compared (dated, covered "
          f"group): {len(killed)}; within their interval: {int(killed['within_interval'].sum())}; "
          f"with a lag found within {args.window_days} days: {int(killed['lag_days'].notna().sum())}")
    show("Lag per outlet (killed and injured claims compared)", stats.lag_by(comparison))
    show("Lag per source_type", stats.lag_by(comparison, by="source_type"))
    show("Comparisons", comparison[["article_id", "outlet", "series", "surface", "bound", "as_of",
                                    "reference_value", "difference", "within_interval", "lag_days"]])

    print("\n## Dating by figures (all articles, checked against their publication date)")
    for label, table in [("all cumulative claims", dating),
                         ("all cumulative claims, max_lag_days=2", lagged_dating),
                         ("claims attributed to the health ministry only", ministry_dating)]:
        dated = table.merge(articles[["article_id", "published"]], on="article_id", how="left")
        holds = (dated["earliest"] <= dated["published"]) & (dated["published"] <= dated["latest"])
        print(f"{label}: articles with a covered cumulative claim: {len(dated)}; with a non-empty "
              f"window: {int(dated['n_days'].gt(0).sum())}; window holds the publication date: "
              f"{int(holds.sum())}; median window length (days): "
              f"{dated.loc[dated['n_days'] > 0, 'n_days'].median()}")
    dated = dating.merge(articles[["article_id", "published"]], on="article_id", how="left")
    holds = (dated["earliest"] <= dated["published"]) & (dated["published"] <= dated["latest"])
    show("Dating windows (all cumulative claims)", dated.assign(window_holds_published=holds))

    groups = discrepancies.drop_duplicates("discrepancy_id")
    between = stats.find_discrepancies(claims, near_days=args.near_days, min_articles=2)
    print(f"\n## Discrepancy groups: {len(groups)} ({between['discrepancy_id'].nunique()} with values "
          "from two or more articles)")
    for _, group in discrepancies.groupby("discrepancy_id", sort=True):
        first = group.iloc[0]
        print(f"- [{first['discrepancy_id']}] {first['quantity']} ({first['kind']}, "
              f"{first['n_values']} values, intervals overlap: {first['intervals_overlap']})")
        for _, row in group.iterrows():
            as_of = row["as_of"].date() if pd.notna(row["as_of"]) else "no date"
            print(f"    {row['surface']!s:>14} ({row['bound']}, {row['group']}) {row['outlet']} "
                  f"{row['article_id']} as_of {as_of}; source: {row['source']} ({row['source_type']})")
    show(f"Revisions (later lower cumulative figure, same source_type): {len(revisions)}", revisions)
    show("Consistency of claims (subsets and parts)", claim_checks)
    counts = reference_checks.groupby(["check", "series"]).size().rename("n_rows").reset_index()
    show("Consistency of the reference series (counts)", counts)
    show("Rounding and bound shares per outlet", stats.rounding_table(claims))
    show("Rounding and bound shares per source_type", stats.rounding_table(claims, by="source_type"))
    show("Attribution qualifiers per outlet", stats.attribution_qualifiers(claims))
    show("Reported daily increase (bootstrap 95% interval)", increase)

    if args.charts is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NewskitWarning)
            charts = {
                "timeline_killed": claim_plots.plot_timeline(claims, reference, log_scale=True),
                "lag_by_outlet": claim_plots.plot_lag(comparison),
                "rounding_by_outlet": claim_plots.plot_rounding(stats.rounding_table(claims)),
                "discrepancies": claim_plots.plot_discrepancies(discrepancies),
                "daily_increase": claim_plots.plot_daily_increase(increase),
            }
        for name, (figure, data) in charts.items():
            png, csv = save_chart(figure, data, args.charts / name)
            print(f"saved {png} and {csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
