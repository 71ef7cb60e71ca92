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
# # 00 · Summary
#
# **Question: what are the headline figures of this corpus, and where is the evidence for each?**
#
# This page gathers the headline tables and charts of the other notebooks; each section links to the
# notebook that computed it, where the evidence is. It is numbered 00 because it is read first, and it
# runs last, because it reads the tables the others saved.
#
# **Notes on the data.** Figures in news articles are claims, not facts: each row says who is said to
# have suffered what, how many, hedged how, according to whom and as of when. The official series is
# itself the claim of its publisher. Nothing here corrects a figure; differences are listed.

# %% tags=["parameters"]
title = "newskit report"  # report title
report_dir = "../reports/sample"  # a finished report whose tables this page reads (the runner sets it)
n_rows_shown = 20  # rows of each table shown here

# %%
from newskit import report
from newskit.params import check_notebook_params

p = check_notebook_params("00-summary", globals())
report.show_warnings_inline()

# %% [markdown]
# ## The corpus ([01-corpus](01-corpus.html))

# %%
report.show_saved_table("articles", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                        caption="Articles, with passages kept and pieces removed by cleaning")

# %% [markdown]
# ## The casualty figures ([02-casualty-figures](02-casualty-figures.html))

# %%
report.show_saved_table("claims_by_outcome_group", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                        caption="Figures per outcome and group")
report.show_saved_table("claims_by_source_type", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                        caption="Figures per kind of source")

# %% [markdown]
# ## Against the official series ([03-figure-statistics](03-figure-statistics.html))

# %%
report.show_saved_table("comparison", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                        caption="Cumulative claims beside the official value of their day")
report.show_saved_chart("timeline_killed", report_dir=p.report_dir, caption="Cumulative killed claims over time")
report.show_saved_table("discrepancies", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                        caption="Claims about the same quantity that give different values")
report.show_saved_table("rounding_by_outlet", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                        caption="How precisely each outlet prints figures")

# %% [markdown]
# ## What the coverage talks about ([04-topics](04-topics.html))

# %%
report.show_saved_table("topic_candidates", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                        caption="The number of topics, chosen by coherence and stability")
report.show_saved_chart("topic_terms", report_dir=p.report_dir, caption="Top terms per topic")
report.show_saved_table("claims_by_topic_outcome", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                        caption="Which topics carry which casualty figures")

# %% [markdown]
# ## Reading
#
# Start from the corpus table: how many articles, from which outlets and dates. Then the figures: which
# outcomes and groups the coverage counts, and whose numbers it prints. The comparison says whether
# the cumulative tolls printed match the official series of their day, and how old the official
# figure they match is; discrepancies list the quantities on which sources or outlets disagree. The
# topics say what the coverage talks about around those figures. Every row has its evidence in the
# notebook linked above it.
