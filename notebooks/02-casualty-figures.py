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
# # 02 · Casualty figures as claims
#
# **Question: which casualty figures does the coverage report, attributed to whom, with what evidence?**
#
# Every number of people killed, injured, held, missing, displaced, detained or released becomes one
# row: the value as written and the interval its words allow ("more than 18,600" is 18,600 or more, by default),
# who suffered it, whether it is a running total or one incident, and who is said to have given it.
# A figure is a claim, not a fact: the kit records it as written and never corrects it.

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

# %%
from newskit import pipeline, report, reviews
from newskit.params import check_notebook_params
from newskit.plots import counts as count_charts

p = check_notebook_params("02-casualty-figures", globals())
report.show_parameters(p)

# %% [markdown]
# ## The claims table
#
# Each figure in the sentence that holds it (marked), the interval its words allow, and who is said to
# have given it. `tables/claims.csv` holds every column, offsets included.

# %%
articles, claims = pipeline.load_stages(p, "articles", "claims")
report.show_claims(claims, "claims", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                   caption="Every casualty figure in its sentence: sort, search, or filter (Filters)")
report.show_headlines(report.claims_headlines(claims, articles), notebook="02-casualty-figures")
report.show_table(pipeline.failures_table(claims), "failed_articles", report_dir=p.report_dir,
                  n_rows=p.n_rows_shown, caption="Articles whose extraction failed (they have no claims)")

# %% [markdown]
# ## Reviewers' corrections
#
# A reviews file (parameter `reviews_path`) corrects fields of claims, marks rows "not a figure" or adds
# missed figures; each corrected field keeps the extracted value in an `extracted_<field>` column.

# %%
report.show_text(reviews.describe_reviews(claims))
report.show_table(reviews.unmatched_reviews(claims), "unmatched_reviews", report_dir=p.report_dir,
                  n_rows=p.n_rows_shown, caption="Reviews that match no claim (the text or the rules changed)")
claims = reviews.reviewed_claims(claims)

# %% [markdown]
# ## Who suffered what, according to whom

# %%
by_outcome = report.count_by(claims, ["outcome", "group"])
report.show_table(by_outcome, "claims_by_outcome_group", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Figures per outcome and group")
by_source = report.count_by(claims, ["source_type"])
report.show_table(by_source, "claims_by_source_type", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Figures per kind of source")
report.show_chart(count_charts.plot_counts(by_source, label="source_type", counts=["n"],
                                          title="Figures per kind of source"),
                  "claims_by_source_type", report_dir=p.report_dir)
by_bound = report.count_by(claims, ["bound", "scope"])
report.show_table(by_bound, "claims_by_bound_scope", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="How figures are hedged (bound) and what they count (scope)")

# %% [markdown]
# ## Reading
#
# Read the evidence before the counts: a figure's outcome, group and scope are decided from the words
# around it, and the attribution from its sentence or one that explicitly carries it over ("it said").
# A figure with no attribution (`none`) is stated in the outlet's own voice. Hedged figures keep their
# hedge as an interval (`low`, `high`), so "almost 25,000" is not the same claim as "25,000". Subsets
# ("including 3,542 children") point at the figure they belong to through `parent`.
