# ---
# jupyter:
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
# This page gathers the headline tables of the other notebooks; each section links to the notebook
# that computed it. It is numbered 00 because it is read first, and it runs last, because it reads the
# tables the others saved. Figures in news articles are claims, not facts: who said them, and when,
# is part of every row.

# %% tags=["parameters"]
title = "newskit report"  # report title
report_dir = "../reports/sample"  # a finished report whose tables this page reads (the runner sets it)
n_rows_shown = 20  # rows of each table shown here

# %%
from newskit import report
from newskit.params import check_notebook_params

p = check_notebook_params("00-summary", globals())

# %% [markdown]
# ## The corpus ([01-corpus](01-corpus.html))

# %%
report.show_table(report.read_table("articles", report_dir=p.report_dir), n_rows=p.n_rows_shown,
                  caption="Articles, with passages kept and pieces removed")
report.show_table(report.read_table("removals_by_rule", report_dir=p.report_dir), n_rows=p.n_rows_shown,
                  caption="What cleaning removed")

# %% [markdown]
# ## Reading
#
# Start from the corpus table: how many articles, from which outlets and dates. The other notebooks
# answer, in run order: which casualty figures the coverage reports and who it attributes them to
# (02), how they compare with the official series (03), and what the coverage talks about (04).
