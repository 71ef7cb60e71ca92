# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     notebook_metadata_filter: kernelspec,jupytext,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python (newskit)
#     language: python
#     name: newskit
# ---

# %% [markdown]
# # 03 · Figures against the official series
#
# **Question: how do the reported figures relate to the official series of the same place and
# quantity: agreement on the day, lag, dating, discrepancies, revisions, consistency and rounding?**
#
# Each cumulative claim is set beside the official series that counts the same place, outcome and group;
# a claim of a place or quantity with no series is listed as such, never compared with another one. The
# kit flags and counts; it never corrects a claim or the series. The official series is itself a set of
# claims by its publisher (by default the Gaza and West Bank Ministry of Health figures compiled by Tech
# for Palestine), with its own revisions and gaps.

# %% tags=["parameters"]
title = "newskit report"  # report title
corpus_path = "../data/raw/sample"  # a folder of .txt files, or one .csv/.jsonl/.parquet file
corpus_columns = {}  # kit field -> the file's column, e.g. {"text": "Article"}; {} for .txt folders
corpus_encoding = None  # text encoding of the corpus files; None: detect
report_dir = ""  # set by the runner: folder for tables and charts; empty means show only
n_rows_shown = 20  # rows of each table shown here (tables/*.csv hold every row)
engine = "local"  # how per-article work runs: local, processes or dask
scheduler = None  # Dask scheduler address for engine "dask", e.g. "tcp://host:8786"; None: a local cluster
vocabulary_path = None  # a vocabulary YAML merged over the default word lists of the extractor; None: the default
reviews_path = None  # a reviews CSV of corrections to claims (article_id, start, surface, field, value, reviewer, note); None: none
reference_path = "../data/reference/techforpalestine_daily.csv"  # official series: tidy CSV or Tech for Palestine JSON
lag_window_days = 30  # days searched before and after a claim's day for the official value that gives it
n_bootstrap = 1000  # bootstrap resamples for the interval on reported daily increases
seed = 0  # seed of the bootstrap

# %%
from newskit import pipeline, report, reviews, stats
from newskit.params import check_notebook_params
from newskit.plots import claims as claim_charts
from newskit.reference import load_reference

p = check_notebook_params("03-figure-statistics", globals())
report.show_warnings_inline()
report.show_parameters(p)

# %%
(claims,) = pipeline.load_stages(p, "claims")
claims = reviews.reviewed_claims(claims)  # rows a reviewer marked "not a figure" are left out
reference = load_reference(p.reference_path)
dating = stats.date_from_figures(claims, reference)
comparison = stats.compare_to_reference(claims, reference, window_days=p.lag_window_days, dating=dating)
discrepancies = stats.find_discrepancies(claims)
revisions = stats.find_revisions(claims)
claim_checks = stats.check_claims_consistency(claims)
reference_checks = stats.check_reference_consistency(reference)
report.show_headlines(
    stats.statistics_headlines(comparison, dating, discrepancies, revisions, claim_checks, reference_checks),
    notebook="03-figure-statistics",
)

# %% [markdown]
# ## Claims beside the official series of their place and quantity
#
# `status`: `compared` (the series has a value on the claim's day), `dated_by_window` (an undated
# article, dated by its figures: shown as a window, no agreement computed), `not_covered` (no official
# value on its day), `no_series` (no series for this place/quantity), `undated`.
# `agrees_on_day`: the official value of the claim's day lies inside the interval its words allow.
# `lag_days`: signed days to the nearest day, before or after, whose official value, rounded the way the
# claim is rounded, gives the claim ("more than 18,600" on 14 December is given by 18,608 of 13 December:
# +1; negative: the claim is ahead of the series). `agrees_within_window`: such a day was found.

# %%
report.show_claims(comparison, "comparison", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                   leading=("status",), trailing=("date_from", "date_to", "reference_date", "reference_value",
                                                  "difference", "agrees_on_day", "lag_days", "agrees_within_window"),
                   caption="Cumulative claims and the official series of their place and quantity")
report.show_table(stats.lag_by(comparison, by="outlet"), "lag_by_outlet", report_dir=p.report_dir,
                  n_rows=p.n_rows_shown, caption="Agreement and signed lag per outlet (compared claims)")
report.show_chart(claim_charts.plot_timeline(claims, reference, dating=dating), "timeline_killed",
                  report_dir=p.report_dir)
report.show_chart(claim_charts.plot_timeline(claims, reference, dating=dating, place="west_bank"),
                  "timeline_killed_west_bank", report_dir=p.report_dir)
report.show_chart(claim_charts.plot_lag(comparison), "lag_by_outlet", report_dir=p.report_dir)

# %% [markdown]
# ## Dating undated articles by their figures

# %%
report.show_table(dating, "dating", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Days on which the official series gives every cumulative claim of the article")

# %% [markdown]
# ## Daily increase within each series of claims
#
# A series of claims is one place, outcome, group and kind of source. Its days are paired without
# sharing a day; the estimator is the median of the pairs' rates, and the same estimator on the official
# series at the same days stands beside it. A bootstrap interval needs at least five such pairs.

# %%
increase = stats.daily_increase(claims, n_boot=p.n_bootstrap, seed=p.seed, reference=reference)
report.show_table(increase, "daily_increase", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Daily increase within each series of claims, and on the official series")
report.show_chart(claim_charts.plot_daily_increase(increase), "daily_increase", report_dir=p.report_dir)

# %% [markdown]
# ## Discrepancies and revisions
#
# Claims of one quantity (a running total of one place, or the toll of one named event) from two or more
# articles with different values; and later figures wholly below an earlier one of the same quantity and
# kind of source.

# %%
report.show_claims(discrepancies, "discrepancies", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                   leading=("discrepancy_id", "quantity"), caption="Claims about the same quantity that give different values")
report.show_chart(claim_charts.plot_discrepancies(discrepancies), "discrepancies", report_dir=p.report_dir)
report.show_table(revisions, "revisions", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="A later figure wholly below an earlier one: same quantity, same kind of source")

# %% [markdown]
# ## Consistency checks (listed, never fixed)

# %%
report.show_table(claim_checks, "claim_checks", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Subsets above their parent, parts above their stated total")
report.show_table(reference_checks, "reference_checks", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Official days whose daily figure differs from the difference of cumulative ones")

# %% [markdown]
# ## Rounding and attribution language
#
# Rounding shares count figures of at least 100 people (and vague ones); bound shares count every figure.
# Qualifiers of a source are shares of the claims each outlet attributes to that kind of source.

# %%
rounding = stats.rounding_table(claims, by="outlet")
report.show_table(rounding, "rounding_by_outlet", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Share of figures by rounding unit and by bound, per outlet")
report.show_chart(claim_charts.plot_rounding(rounding), "rounding_by_outlet", report_dir=p.report_dir)
report.show_chart(claim_charts.plot_bounds(rounding), "bounds_by_outlet", report_dir=p.report_dir)
report.show_table(stats.rounding_table(claims, by="source_type"), "rounding_by_source_type",
                  report_dir=p.report_dir, n_rows=p.n_rows_shown, caption="The same, per kind of source")
report.show_table(stats.attribution_qualifiers(claims, by="outlet"), "attribution_qualifiers",
                  report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Share of the claims attributed to each kind of source whose attribution carries a "
                          "qualifier, per outlet")

# %% [markdown]
# ## Reading
#
# A claim that does not agree on its day is a difference to explain, not an error to fix: it may quote an
# earlier bulletin (a positive lag), run ahead of the series (a negative lag), or the series may have been
# revised since. A claim with no series for its place or quantity is listed, not compared. Rounding and
# hedging show how precisely an outlet prints figures. Discrepancy groups list who gave which value for
# one quantity; read their sentences before drawing conclusions. Undated articles get a window of days,
# not a date.
