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
# **Question: how do the reported figures relate to the official series: lag, dating, discrepancies,
# consistency and rounding?**
#
# Each cumulative claim is set beside the official daily series that counts the same outcome and group.
# The kit flags and counts; it never corrects a claim or the series. The official series is itself a
# set of claims by its publisher (by default the Gaza Ministry of Health figures), with its own
# revisions and gaps.

# %% tags=["parameters"]
title = "newskit report"  # report title
corpus_path = "../data/raw/sample"  # a folder of .txt files, or one .csv/.jsonl/.parquet file
corpus_columns = {}  # kit field -> the file's column, e.g. {"text": "Article"}; {} for .txt folders
corpus_encoding = None  # text encoding of the corpus files; None: detect
report_dir = ""  # set by the runner: folder for tables and charts; empty means show only
n_rows_shown = 20  # rows of each table shown here (tables/*.csv hold every row)
engine = "local"  # how per-article work runs: local, processes or dask
scheduler = None  # Dask scheduler address for engine "dask", e.g. "tcp://host:8786"; None: a local cluster
reference_path = "../data/reference/gaza_moh_sample.csv"  # official daily series: Tech for Palestine JSON or CSV
lag_window_days = 30  # days searched back for the official value a claim matches
n_bootstrap = 1000  # bootstrap resamples for the interval on reported daily increases
seed = 0  # seed of the bootstrap

# %%
from newskit import report, stats
from newskit.params import check_notebook_params
from newskit.pipeline import claims_table
from newskit.plots import claims as claim_charts
from newskit.reference import load_reference

p = check_notebook_params("03-figure-statistics", globals())
report.show_warnings_inline()
report.show_parameters(p)

# %%
articles, passages, removals = report.load_and_clean(p)
claims = claims_table(passages, articles, engine=p.engine, scheduler=p.scheduler)
reference = load_reference(p.reference_path)
comparison = stats.compare_to_reference(claims, reference, window_days=p.lag_window_days)
dating = stats.date_from_figures(claims, reference)
discrepancies = stats.find_discrepancies(claims)
revisions = stats.find_revisions(claims)
claim_checks = stats.check_claims_consistency(claims)
reference_checks = stats.check_reference_consistency(reference)
report.show_headlines(
    report.statistics_headlines(comparison, dating, discrepancies, revisions, claim_checks, reference_checks),
    notebook="03-figure-statistics",
)

# %% [markdown]
# ## Claims beside the official series
#
# `within_interval`: the official value of that day lies inside the interval the claim's words allow.
# `lag_days`: how many days old the official value is that, rounded the way the claim is rounded, gives
# the claim ("more than 18,600" on 14 December matches 18,608 of 13 December: lag 1).

# %%
report.show_table(comparison, "comparison", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Cumulative claims and the official value")
report.show_table(stats.lag_by(comparison, by="outlet"), "lag_by_outlet", report_dir=p.report_dir,
                  n_rows=p.n_rows_shown, caption="Reporting lag per outlet")
report.show_chart(claim_charts.plot_timeline(claims, reference), "timeline_killed", report_dir=p.report_dir)
report.show_chart(claim_charts.plot_lag(comparison), "lag_by_outlet", report_dir=p.report_dir)

# %% [markdown]
# ## Dating undated articles by their figures

# %%
report.show_table(dating, "dating", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Days on which the official series gives every cumulative claim of the article")

# %% [markdown]
# ## Reported daily increase

# %%
increase = stats.daily_increase(claims, n_boot=p.n_bootstrap, seed=p.seed, reference=reference)
report.show_table(increase, "daily_increase", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Reported daily increase between successive claims, with a bootstrap interval")
report.show_chart(claim_charts.plot_daily_increase(increase), "daily_increase", report_dir=p.report_dir)

# %% [markdown]
# ## Discrepancies and revisions

# %%
report.show_table(discrepancies, "discrepancies", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Claims about the same quantity that give different values")
report.show_chart(claim_charts.plot_discrepancies(discrepancies), "discrepancies", report_dir=p.report_dir)
report.show_table(revisions, "revisions", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="A later, lower cumulative figure from the same kind of source")

# %% [markdown]
# ## Consistency checks (listed, never fixed)

# %%
report.show_table(claim_checks, "claim_checks", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Subsets above their parent, parts above their stated total")
report.show_table(reference_checks, "reference_checks", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Official days whose daily figure differs from the difference of cumulative ones")

# %% [markdown]
# ## Rounding and attribution language

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
                  caption="Share of claims whose attribution carries a qualifier, per outlet")

# %% [markdown]
# ## Reading
#
# A claim outside its interval is a difference to explain, not an error to fix: the claim may count a
# different place or period, quote an older bulletin (see its lag), or the series may have been revised
# since. Lags show how fresh the figures an outlet prints are; rounding and hedging show how precisely
# it prints them. Discrepancy groups list who gave which value for the same quantity; read their
# sentences before drawing conclusions. Undated articles get a window of days, not a date.
