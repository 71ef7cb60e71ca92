"""Statistics on the claims of the dev corpus against the shipped Gaza and West Bank series.

Runs corpus -> clean -> figures.claims_table on all articles of
``../shared/corpus/nyuad-media-coverage-of-war-victims/articles_dev.csv`` and prints the headline
numbers of notebook 03 with the rows behind each (so each can be checked by hand): the comparison
(status, agrees_on_day, agrees_within_window, signed lag; a check that every compared row's place,
outcome and group equal its series'), the claims with no series for their place or quantity, dating
of articles by their figures (checked against their publication date), daily increases within each
series of claims, discrepancies, revisions (the October 7 toll), consistency checks, rounding and
attribution language.

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
from newskit.paths import DEV_ARTICLES_PATH, DEV_COLUMNS
from newskit.plots import claims as claim_plots
from newskit.plots import save_chart
from newskit.reference import load_reference
from newskit.reference_tfp import SHIPPED_PATH
from newskit.stats.common import covers

COMPARISON_SHOWN = ["status", "article_id", "outlet", "place", "outcome", "group", "surface", "bound",
                    "date_from", "date_to", "series_place", "series", "reference_value",
                    "agrees_on_day", "lag_days", "agrees_within_window"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEV_ARTICLES_PATH, help="dev articles CSV")
    parser.add_argument("--reference", type=Path, default=SHIPPED_PATH, help="official series file")
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
    with pd.option_context("display.width", 220, "display.max_columns", 30, "display.max_rows", 300,
                           "display.max_colwidth", 60, "display.float_format", "{:.6g}".format):
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
        dating = stats.date_from_figures(claims, reference)
        comparison = stats.compare_to_reference(claims, reference, window_days=args.window_days,
                                                dating=dating)
        all_dating = stats.date_from_figures(claims, reference, undated_only=False)
        discrepancies = stats.find_discrepancies(claims, near_days=args.near_days)
        revisions = stats.find_revisions(claims)
        claim_checks = stats.check_claims_consistency(claims)
        reference_checks = stats.check_reference_consistency(reference)
        increase = stats.daily_increase(claims, seed=args.seed, reference=reference)
    print(f"articles: {len(articles)}, passages: {len(passages)}, claims: {len(claims)}, "
          f"claims table has place: {'place' in claims.columns}, reference rows: {len(reference)} "
          f"({reference['date'].min().date()}..{reference['date'].max().date()}, places "
          f"{sorted(reference['place'].unique())})")
    if caught:
        kinds = Counter(str(w.message).split(":")[0] for w in caught)
        print(f"warnings: {len(caught)} ({dict(kinds)})")

    headlines = stats.statistics_headlines(comparison, dating, discrepancies, revisions, claim_checks,
                                           reference_checks)
    print("\n## Headline numbers (notebook 03)")
    for name, value in headlines.items():
        print(f"- {name}: {value}")

    with_series = comparison.loc[comparison["series"].notna()]
    mismatched = with_series.loc[(with_series["place"] != with_series["series_place"])
                                 | (with_series["outcome"] != with_series["series_outcome"])
                                 | ~pd.Series([covers(s, g) for s, g in zip(
                                     with_series["series_group"], with_series["group"], strict=True)],
                                     index=with_series.index)]
    print(f"\nrows compared with a series: {len(with_series)}; rows whose place, outcome or group "
          f"differ from their series': {len(mismatched)}")
    show("Comparison rows (every cumulative claim of people)", comparison[COMPARISON_SHOWN])
    show("Agreement and signed lag per outlet (compared rows)", stats.lag_by(comparison))
    show("Agreement and signed lag per source_type (compared rows)", stats.lag_by(comparison, by="source_type"))

    print("\n## Dating by figures (all articles, checked against their publication date)")
    dated = all_dating.merge(articles[["article_id", "published"]], on="article_id", how="left")
    holds = (dated["earliest"] <= dated["published"]) & (dated["published"] <= dated["latest"])
    print(f"articles with a covered cumulative claim: {len(dated)}; with a non-empty window: "
          f"{int(dated['n_days'].gt(0).sum())}; window holds the publication date: {int(holds.sum())}")

    show("Daily increase within each series of claims (official series: same estimator, same days)",
         increase)
    groups = discrepancies.drop_duplicates("discrepancy_id")
    print(f"\n## Discrepancy groups (one quantity, two or more articles): {len(groups)}")
    for _, group in discrepancies.groupby("discrepancy_id", sort=True):
        first = group.iloc[0]
        print(f"- [{first['discrepancy_id']}] {first['quantity']} ({first['kind']}, "
              f"{first['n_values']} values, {first['n_articles']} articles, intervals overlap: "
              f"{first['intervals_overlap']})")
        for _, row in group.iterrows():
            as_of = row["as_of"].date() if pd.notna(row["as_of"]) else "no date"
            print(f"    {row['surface']!s:>14} ({row['bound']}, {row['group']}, {row['scope']}) "
                  f"{row['outlet']} {row['article_id']} as_of {as_of}; source: {row['source']} "
                  f"({row['source_type']})")
    show(f"Revisions (later figure wholly below an earlier one, same quantity and source type): "
         f"{len(revisions)}", revisions)
    show("Consistency of claims (subsets and parts)", claim_checks)
    counts = reference_checks.groupby(["check", "place", "series"]).size().rename("n_rows").reset_index()
    show("Consistency of the reference series (counts)", counts)
    show("Rounding and bound shares per outlet (rounding: figures of >= 100 people)",
         stats.rounding_table(claims))
    show("Attribution qualifiers per outlet and source type (claims attributed to it)",
         stats.attribution_qualifiers(claims))

    if args.charts is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NewskitWarning)
            charts = {
                "timeline_killed": claim_plots.plot_timeline(claims, reference, dating=dating),
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
