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
# # 04 · What the coverage talks about
#
# **Question: what does the coverage talk about, and which topics carry which casualty figures?**
#
# Passages (or sentences, or whole articles) are clustered into topics by a seeded model, so the same
# corpus and seed give the same topics. The number of topics is chosen with evidence: each candidate k
# is scored for coherence (NPMI of its top terms, on this corpus) and for stability (how much the
# topics move when the seed and a fifth of the passages change). Above 10,000 units the candidates are
# scored on a random sample of 10,000 drawn with the seed, and the model shown is fitted on every unit
# (from 50,000 units with the streaming model); the caption of the first table says which happened.
# Passages that no topic explains well are counted as unexplained, not forced into a topic.

# %% tags=["parameters"]
title = "newskit report"  # report title
corpus_path = "../data/raw/sample"  # a folder of .txt files, or one .csv/.jsonl/.parquet file
corpus_columns = {}  # kit field -> the file's column, e.g. {"text": "Article"}; {} for .txt folders
corpus_encoding = None  # text encoding of the corpus files; None: detect
report_dir = ""  # set by the runner: folder for tables and charts; empty means show only
n_rows_shown = 20  # rows of each table shown here (tables/*.csv hold every row)
vocabulary_path = None  # a vocabulary YAML merged over the default word lists of the extractor; None: the default
reviews_path = None  # a reviews CSV of corrections to claims (article_id, start, surface, field, value, reviewer, note); None: none
topic_unit = "paragraph"  # unit clustered: article, paragraph or sentence
topic_method = "nmf"  # topic model: nmf, kmeans or lda
n_topics = None  # topics of the model shown; None: the k that coherence and stability pick
topic_candidates = [2, 3, 4, 5]  # numbers of topics compared
n_stability_seeds = 3  # seeds per candidate for the stability score
n_top_terms = 10  # terms shown per topic
seed = 0  # seed of the topic model and of the stability runs

# %%
from newskit import pipeline, report, reviews, topics
from newskit.params import check_notebook_params
from newskit.plots import topics as topic_charts

p = check_notebook_params("04-topics", globals())
report.show_warnings_inline()
report.show_parameters(p)

# %% [markdown]
# ## Choosing the number of topics

# %%
articles, claims = pipeline.load_stages(p, "articles", "claims")
claims = reviews.reviewed_claims(claims)  # rows a reviewer marked "not a figure" are left out
found = pipeline.load_topic_stage(p)  # computed once per corpus and parameters, then read from its stage files
report.show_table(found.candidates, "topic_candidates", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption=found.how_k_was_chosen())

# %% [markdown]
# ## The topics

# %%
claims_with_topics = topics.attach_topics(claims, found.assignments)
report.show_headlines(report.topics_headlines(found.candidates, found.n_topics, found.assignments, claims_with_topics),
                      notebook="04-topics")
report.show_table(found.terms, "topic_terms", report_dir=p.report_dir,
                  n_rows=p.n_rows_shown, caption="Top terms per topic (shown by their most frequent surface form)")
report.show_chart(topic_charts.plot_top_terms(found.terms), "topic_terms", report_dir=p.report_dir)
report.show_table(found.passages, "topic_passages", report_dir=p.report_dir,
                  n_rows=p.n_rows_shown, caption="The passages that express each topic most")

# %% [markdown]
# ## Prevalence over time and by outlet

# %%
by_month = topics.prevalence(found.assignments, "month", articles=articles)
report.show_table(by_month, "topic_prevalence_month", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Units per topic and month (unexplained units as topic -1)")
report.show_chart(topic_charts.plot_prevalence(by_month, period_name="month"), "topic_prevalence_month",
                  report_dir=p.report_dir)
by_outlet = topics.prevalence(found.assignments, "outlet", articles=articles)
report.show_table(by_outlet, "topic_prevalence_outlet", report_dir=p.report_dir, n_rows=p.n_rows_shown,
                  caption="Units per topic and outlet")
report.show_chart(topic_charts.plot_passage_map(found.map, n_terms=found.n_terms), "topic_map",
                  report_dir=p.report_dir)

# %% [markdown]
# ## Topics × claims

# %%
report.show_table(topics.claims_by_topic(claims_with_topics, by="outcome"), "claims_by_topic_outcome",
                  report_dir=p.report_dir, n_rows=p.n_rows_shown, caption="Which topics carry which outcomes")
report.show_table(topics.claims_by_topic(claims_with_topics, by="source_type"), "claims_by_topic_source",
                  report_dir=p.report_dir, n_rows=p.n_rows_shown, caption="Which topics carry which sources")

# %% [markdown]
# ## Reading
#
# Topics are word patterns, not themes chosen by a reader: name them from their top terms and, above
# all, their representative passages. A k whose stability is low gives topics that change with the
# seed; read those with care. The unexplained share says how much of the coverage the topics leave
# out. Topics × claims shows where casualty figures sit in the coverage (for instance, in passages
# about the fighting or about diplomacy) and whose figures each kind of passage quotes.
