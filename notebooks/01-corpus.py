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
# # 01 · The corpus
#
# **Question: what was loaded, and what did cleaning remove and why?**
#
# Every later notebook counts what this one keeps. Cleaning never edits a sentence: it drops whole
# boilerplate pieces (wire headers, photo captions, promos, copyright lines) and repeated paragraphs,
# and each dropped piece is listed below with the rule that dropped it.

# %% tags=["parameters"]
title = "newskit report"  # report title
corpus_path = "../data/raw/sample"  # a folder of .txt files, or one .csv/.jsonl/.parquet file
corpus_columns = {}  # kit field -> the file's column, e.g. {"text": "Article"}; {} for .txt folders
corpus_encoding = None  # text encoding of the corpus files; None: detect
report_dir = ""  # set by the runner: folder for tables and charts; empty means show only
n_rows_shown = 20  # rows of each table shown here (tables/*.csv hold every row)

# %%
from newskit import pipeline, report
from newskit.params import check_notebook_params
from newskit.plots import counts as count_charts

p = check_notebook_params("01-corpus", globals())
report.show_parameters(p)

# %% [markdown]
# ## What was loaded

# %%
articles, passages, removals = pipeline.load_stages(p, "articles", "passages", "removals")
overview = report.corpus_overview(articles, passages, removals)
report.show_headlines(report.corpus_headlines(articles, passages, removals), notebook="01-corpus")
report.show_table(overview, "articles", report_dir=p.report_dir, n_rows=p.n_rows_shown, caption="Articles",
                  row_ids="article_id")
report.show_table(pipeline.dropped_table(articles), "dropped_rows", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Files, entries and rows the reader dropped, and why")

# %% [markdown]
# ## What cleaning removed, and why

# %%
by_rule = report.removals_by_rule(removals)
report.show_table(by_rule, "removals_by_rule", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Removals by rule")
report.show_chart(
    count_charts.plot_counts(overview, label="article_id", counts=["n_passages", "n_removed"],
                             title="Passages kept and pieces removed, per article"),
    "passages_per_article", report_dir=p.report_dir,
)
report.show_table(removals, "removals", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Every removed piece (text shortened here; full in the CSV)")
report.show_table(passages, "passages", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Passages kept (the unit later notebooks count and cluster)")

# %% [markdown]
# ## Reading
#
# The articles table is the corpus as the kit sees it: an article with no date cannot be placed on a
# timeline until 03 dates it from its figures. A rule that removes many pieces is worth a look in
# `tables/removals.csv`: a rule that is too eager would hide claims from every later notebook, and a
# promo or caption that slipped through can add a figure that is not part of the story (the 18,600 in
# a photo caption, for example, is counted once only when the caption is dropped as a duplicate).
