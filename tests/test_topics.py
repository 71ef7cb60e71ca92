"""Tests for newskit.topics: the model contract, planted-topic recovery, measures, units, tables, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from newskit import topics
from newskit.errors import NewskitWarning, ParameterError, TopicModelError
from newskit.topics import StreamingTopicModel, TopicModel

SYLLABLES = ["ka", "lo", "mi", "ne", "pu", "ra", "si", "to", "vu", "ze", "bar", "dor", "fen", "gul", "hix"]
FUNCTION_WORDS = ["the", "of", "and", "in", "to", "was", "on", "with"]
N_PLANTED, DOCS_PER_TOPIC = 4, 30


def planted_corpus(seed: int = 0) -> tuple[list[str], list[int]]:
    """Documents drawn from K disjoint made-up vocabularies, plus shared filler and function words."""
    rng = np.random.default_rng(seed)
    words: set[str] = set()
    while len(words) < N_PLANTED * 25 + 15:
        words.add("".join(rng.choice(SYLLABLES, size=3)))
    vocab = sorted(words)
    own = [vocab[k * 25 : (k + 1) * 25] for k in range(N_PLANTED)]
    filler = vocab[N_PLANTED * 25 :]
    texts, truth = [], []
    for k in range(N_PLANTED):
        for _ in range(DOCS_PER_TOPIC):
            tokens = [*rng.choice(own[k], 15), *rng.choice(filler, 8), *rng.choice(FUNCTION_WORDS, 8)]
            rng.shuffle(tokens)
            texts.append(" ".join(tokens))
            truth.append(k)
    return texts, truth


@pytest.fixture(scope="module")
def planted():
    return planted_corpus()


@pytest.fixture(scope="module")
def planted_model(planted):
    return TopicModel(N_PLANTED).fit(planted[0])


# --- the contract --------------------------------------------------------------------------------


def test_init_stores_settings_unchanged():
    model = TopicModel(5, method="lda", max_df=0.7, min_df=3, ngram_range=(1, 2), random_state=7)
    assert model.get_params()["n_topics"] == 5
    assert (model.method, model.max_df, model.min_df, model.ngram_range, model.random_state) == (
        "lda", 0.7, 3, (1, 2), 7
    )
    assert not hasattr(model, "components_")


def test_fit_returns_self_and_learned_state(planted, planted_model):
    texts, _ = planted
    assert isinstance(planted_model, TopicModel)
    assert planted_model.components_.shape == (N_PLANTED, len(planted_model.terms_))
    assert planted_model.labels_.shape == (len(texts),)
    assert list(planted_model.get_feature_names_out()) == ["topic0", "topic1", "topic2", "topic3"]
    weights = planted_model.transform(texts[:5])
    assert weights.shape == (5, N_PLANTED) and (weights >= 0).all()


@pytest.mark.parametrize("method", ["nmf", "kmeans"])
def test_planted_topics_recovered(planted, method):
    texts, truth = planted
    model = TopicModel(N_PLANTED, method=method).fit(texts)
    assert adjusted_rand_score(truth, model.labels_) >= 0.9


def test_lda_recovers_planted_topics_roughly(planted):
    texts, truth = planted
    model = TopicModel(N_PLANTED, method="lda", max_iter=100).fit(texts)
    assert adjusted_rand_score(truth, model.labels_) >= 0.6


@pytest.mark.parametrize("method", ["nmf", "kmeans", "lda"])
def test_same_random_state_gives_identical_results(planted, method):
    texts, _ = planted
    first = TopicModel(N_PLANTED, method=method, random_state=3).fit(texts)
    second = TopicModel(N_PLANTED, method=method, random_state=3).fit(texts)
    assert np.array_equal(first.labels_, second.labels_)
    assert np.array_equal(first.weights_, second.weights_)
    assert np.array_equal(first.components_, second.components_)
    pd.testing.assert_frame_equal(first.top_terms(10), second.top_terms(10))


def test_labels_are_argmax_of_fitted_weights(planted_model):
    assert np.array_equal(planted_model.labels_, planted_model.weights_.argmax(axis=1))


def test_terms_shown_by_most_frequent_surface_form():
    texts = (
        ["the hostages were released by the captors and the hostages went home"] * 6
        + ["a hostage was freed and the captors fled with the hostages"] * 2
        + ["the election results were counted in the capital and voters waited"] * 8
    )
    model = TopicModel(2, min_df=1, max_df=1.0).fit(texts)
    terms = model.top_terms(10)
    hostage_row = terms[terms["stem"] == "hostag"].iloc[0]
    assert hostage_row["term"] == "hostages"
    assert "hostag" not in set(terms["term"])


def test_top_terms_table(planted_model):
    terms = planted_model.top_terms(5)
    assert list(terms.columns) == ["topic", "topic_label", "rank", "term", "stem", "weight"]
    assert len(terms) == N_PLANTED * 5
    for _, rows in terms.groupby("topic"):
        assert list(rows["rank"]) == [1, 2, 3, 4, 5]
        assert list(rows["weight"]) == sorted(rows["weight"], reverse=True)


def test_representative_passages_belong_to_their_planted_topic(planted, planted_model):
    texts, truth = planted
    passages = topics.TopicModel.representative_passages(planted_model, texts, k=3)
    assert len(passages) == N_PLANTED * 3
    for _, rows in passages.groupby("topic"):
        assert len({truth[r] for r in rows["row"]}) == 1
        assert list(rows["weight"]) == sorted(rows["weight"], reverse=True)


@pytest.mark.parametrize(("min_fit", "expected_share"), [(0.0, 0.0), (1.0, 1.0)])
def test_unexplained_share_follows_min_fit(planted, min_fit, expected_share):
    model = TopicModel(N_PLANTED, min_fit=min_fit).fit(planted[0])
    assert model.unexplained_share_ == expected_share


def test_mixed_passages_fit_worse_than_pure_ones(planted):
    texts, truth = planted
    # a passage mixing all planted vocabularies is explained by no one topic as well
    rng = np.random.default_rng(1)
    pure_words = [t.split() for t in texts]
    pool = sum((pure_words[k * DOCS_PER_TOPIC] for k in range(N_PLANTED)), [])
    mixed = [" ".join([*rng.choice(pool, 23), *FUNCTION_WORDS]) for _ in range(10)]
    model = TopicModel(N_PLANTED).fit(texts + mixed)
    assert model.fit_scores_[-10:].mean() < model.fit_scores_[:-10].mean() - 0.1


# --- bad input -----------------------------------------------------------------------------------


def test_fewer_passages_than_topics():
    with pytest.raises(TopicModelError, match=r"2 usable passages for 5 topics"):
        TopicModel(5, min_df=1).fit(["the army said the strike hit a school", "a hospital was hit again"])


def test_one_word_corpus():
    with pytest.raises(TopicModelError, match="one-word"):
        TopicModel(2).fit(["gaza"] * 10)


def test_empty_and_stopword_only_passages_are_skipped_and_reported(planted):
    texts = [*planted[0], "", "   ", "the of and to was it is"]
    with pytest.warns(NewskitWarning, match=r"3 of 123 passages skipped.*2 empty \(rows \[120, 121\]\).*rows \[122\]"):
        model = TopicModel(N_PLANTED).fit(texts)
    assert list(model.labels_[-3:]) == [-1, -1, -1]
    assert not model.weights_[-3:].any()


def test_non_english_passages_are_skipped_and_reported(planted):
    texts = [*planted[0], "قالت وزارة الصحة إن عشرين شخصا قتلوا في الغارة على المدينة"]
    with pytest.warns(NewskitWarning, match=r"1 not English \(rows \[120\]\)"):
        model = TopicModel(N_PLANTED).fit(texts)
    assert model.labels_[-1] == -1


def test_all_non_english_is_an_error():
    texts = ["Le ministère a déclaré que vingt personnes ont été tuées dans la frappe sur la ville."] * 5
    with pytest.raises(TopicModelError, match="5 not English"):
        TopicModel(2).fit(texts)


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ("one long string", "one string"),
        (["a text", 42], r"row 1 is a int"),
        (pd.DataFrame({"text": ["a"]}), "DataFrame"),
    ],
)
def test_texts_that_are_not_texts(texts, message):
    with pytest.raises(TopicModelError, match=message):
        TopicModel(2).fit(texts)


@pytest.mark.parametrize(
    ("params", "message"),
    [({"method": "bertopic"}, "method"), ({"ngram_range": (1, 3)}, "ngram_range"), ({"min_fit": 2}, "min_fit")],
)
def test_bad_parameters(planted, params, message):
    with pytest.raises(ParameterError, match=message):
        TopicModel(2, **params).fit(planted[0])


def test_bad_n_topics():
    with pytest.raises(ParameterError, match="n_topics"):
        TopicModel(0).fit(["a b c"])


def test_transform_before_fit():
    with pytest.raises(TopicModelError, match="not fitted"):
        TopicModel(2).transform(["text"])


def test_bigrams_are_collocations():
    texts = ["the west bank raid killed two men in jenin camp today"] * 5 + [
        "voters in michigan chose a new senate candidate after the debate"] * 5
    model = TopicModel(2, ngram_range=(1, 2), min_df=2, max_df=1.0).fit(texts)
    assert "west bank" in set(model.term_labels_)
    assert all(len(t.split()) <= 2 for t in model.terms_)


# --- measures ------------------------------------------------------------------------------------


def test_npmi_is_one_for_perfectly_cooccurring_terms():
    texts = ["alpha beta"] * 2 + ["gamma delta"] * 2
    model = TopicModel(2, min_df=1, max_df=1.0).fit(texts)
    assert topics.coherence_npmi(model, texts, n_terms=2) == pytest.approx(1.0)


def test_npmi_counts_pairs_never_seen_together_as_minus_one():
    texts = ["alpha beta"] * 2 + ["gamma delta"] * 2
    model = TopicModel(1, min_df=1, max_df=1.0).fit(texts)
    # pairs: alpha-beta and gamma-delta score 1, the four cross pairs -1: (2 - 4) / 6
    assert topics.npmi_by_topic(model, texts, n_terms=4).iloc[0] == pytest.approx(-1 / 3)


def test_planted_model_is_stable(planted):
    assert topics.stability(planted[0], N_PLANTED, seeds=(0, 1, 2)) >= 0.9


def test_stability_needs_two_seeds(planted):
    with pytest.raises(ParameterError, match="two seeds"):
        topics.stability(planted[0], N_PLANTED, seeds=(0,))


def test_choose_n_topics_finds_the_planted_k(planted):
    table = topics.choose_n_topics(planted[0], [2, 4, 6], seeds=(0, 1, 2))
    assert list(table.columns) == ["n_topics", "coherence_npmi", "stability_ari", "stability_ari_min",
                                   "stability_ari_explained", "unexplained_share", "note", "chosen"]
    assert table.loc[table["chosen"], "n_topics"].tolist() == [4]


def test_choose_n_topics_reports_candidates_too_large():
    texts, _ = planted_corpus()
    table = topics.choose_n_topics(texts[:40], [2, 50], seeds=(0, 1))
    assert np.isnan(table.loc[1, "coherence_npmi"]) and "50 topics" in table.loc[1, "note"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # (n_topics, coherence, stability): the most coherent among the stable ones
        ([(4, 0.20, 0.90), (6, 0.30, 0.88), (8, 0.40, 0.60)], 6),
        # within the tolerance of the best stability, the higher coherence wins
        ([(4, 0.20, 0.92), (6, 0.25, 0.95)], 6),
        # ties in coherence go to the smaller k
        ([(4, 0.30, 0.95), (6, 0.30, 0.95)], 4),
    ],
)
def test_pick_n_topics_rule(rows, expected):
    table = pd.DataFrame(rows, columns=["n_topics", "coherence_npmi", "stability_ari"])
    assert topics.pick_n_topics(table) == expected


def test_pick_n_topics_warns_when_nothing_is_stable():
    table = pd.DataFrame([(4, 0.2, 0.5), (6, 0.3, 0.4)], columns=["n_topics", "coherence_npmi", "stability_ari"])
    with pytest.warns(NewskitWarning, match="not reproducible"):
        assert topics.pick_n_topics(table) == 4


# --- streaming -----------------------------------------------------------------------------------


def chunks_of(texts, size=40):
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def test_streaming_first_pass_recovers_planted_topics(planted):
    texts, truth = planted
    model = StreamingTopicModel(N_PLANTED, batch_size=32, n_epochs=3).fit(chunks_of(texts))
    passages = pd.DataFrame({"article_id": "a", "passage_id": [str(i) for i in range(len(texts))], "text": texts})
    labels = topics.assign_topics(model, passages)["topic"]
    assert adjusted_rand_score(truth, labels) >= 0.9


def test_streaming_is_deterministic_and_accepts_a_chunk_function(planted):
    texts, _ = planted
    first = StreamingTopicModel(N_PLANTED, batch_size=32).fit(chunks_of(texts))
    second = StreamingTopicModel(N_PLANTED, batch_size=32).fit(lambda: iter(chunks_of(texts)))
    assert np.array_equal(first.components_, second.components_)


def test_streaming_hashing_reads_a_one_shot_iterator(planted):
    texts, _ = planted
    model = StreamingTopicModel(N_PLANTED, vocabulary="hashing", n_features=4096, n_epochs=1, batch_size=32)
    model.fit(iter(chunks_of(texts)))
    own_words = set(" ".join(texts).split()) - set(FUNCTION_WORDS)
    assert set(model.top_terms(3)["term"]) <= own_words


def test_streaming_hashing_recovers_planted_topics_over_epochs(planted):
    # one pass over 120 passages is too few steps for minibatch NMF; three passes recover the topics
    texts, truth = planted
    model = StreamingTopicModel(N_PLANTED, vocabulary="hashing", n_features=4096, n_epochs=3, batch_size=16)
    model.fit(chunks_of(texts))
    assert adjusted_rand_score(truth, model.transform(texts).argmax(axis=1)) >= 0.9


def test_streaming_first_pass_refuses_a_one_shot_iterator(planted):
    with pytest.raises(ParameterError, match="one-shot iterator"):
        StreamingTopicModel(N_PLANTED).fit(iter(chunks_of(planted[0])))


def test_streaming_reports_skipped_rows_across_chunks(planted):
    texts = [*planted[0][:40], "", *planted[0][40:]]
    with pytest.warns(NewskitWarning, match=r"1 empty \(rows \[40\]\)"):
        StreamingTopicModel(N_PLANTED, batch_size=32).fit(chunks_of(texts))


# --- units, assignments, prevalence, claims -------------------------------------------------------


PASSAGES = pd.DataFrame(
    {
        "article_id": ["a1", "a1", "a2"],
        "passage_id": ["a1-p001", "a1-p002", "a2-p001"],
        "text": ["Two were killed. Ten were hurt.", "The army spoke.", ""],
    }
)


def test_paragraph_units():
    units = topics.make_units(PASSAGES)
    assert list(units.columns) == topics.UNIT_COLUMNS
    assert units["unit_id"].tolist() == ["a1-p001", "a1-p002", "a2-p001"]
    assert units["end"].tolist() == [31, 15, 0]


def test_sentence_units():
    units = topics.make_units(PASSAGES, unit="sentence")
    assert units[["unit_id", "start", "end", "text"]].values.tolist() == [
        ["a1-p001-s001", 0, 16, "Two were killed."],
        ["a1-p001-s002", 17, 31, "Ten were hurt."],
        ["a1-p002-s001", 0, 15, "The army spoke."],
        ["a2-p001-s001", 0, 0, ""],
    ]


def test_article_units():
    units = topics.make_units(PASSAGES, unit="article")
    assert units[["unit_id", "text"]].values.tolist() == [
        ["a1", "Two were killed. Ten were hurt.\n\nThe army spoke."],
        ["a2", ""],
    ]
    assert units["passage_id"].isna().all()


def test_make_units_checks_its_input():
    with pytest.raises(ParameterError, match="unit"):
        topics.make_units(PASSAGES, unit="chapter")


def test_assign_topics_keeps_every_row(planted, planted_model):
    texts, _ = planted
    passages = pd.DataFrame({"article_id": [f"a{i // 10}" for i in range(len(texts))],
                             "passage_id": [f"p{i}" for i in range(len(texts))], "text": texts})
    assignments = topics.assign_topics(planted_model, topics.make_units(passages))
    assert list(assignments.columns) == topics.ASSIGNMENT_COLUMNS
    assert assignments["topic"].tolist() == planted_model.labels_.tolist()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NewskitWarning)
        unreadable = topics.assign_topics(planted_model, passages.iloc[:2].assign(text=["", "zzz qqq"]))
    assert unreadable["topic"].tolist() == [-1, -1]
    assert unreadable["topic_label"].tolist() == ["(no terms)", "(no terms)"]


def assignment_rows(rows):
    """Assignments from (article_id, topic, explained) with the other columns filled in."""
    table = pd.DataFrame(rows, columns=["article_id", "topic", "explained"])
    table["topic_label"] = table["topic"].map({0: "war", 1: "vote", -1: "(no terms)"})
    return table


def test_prevalence_by_month_counts_unexplained_apart():
    assignments = assignment_rows([("a", 0, True), ("a", 1, False), ("b", 1, True), ("c", 0, True)])
    articles = pd.DataFrame({"article_id": ["a", "b", "c"],
                             "published": pd.to_datetime(["2023-10-09", "2023-10-30", None])})
    table = topics.prevalence(assignments, by="month", articles=articles)
    october = table[table["period"] == pd.Timestamp("2023-10-01")]
    assert october[["topic", "topic_label", "n_units"]].values.tolist() == [
        [0, "war", 1], [1, "vote", 1], [-1, "(unexplained)", 1]
    ]
    assert october["share"].sum() == pytest.approx(1.0)
    undated = table[table["period"].isna()]
    assert undated["n_units"].tolist() == [1, 0, 0]


def test_prevalence_by_week_starts_on_monday():
    assignments = assignment_rows([("a", 0, True), ("b", 0, True)])
    articles = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2023-10-11", "2023-10-16"])})
    table = topics.prevalence(assignments, by="week", articles=articles)
    assert sorted(table.loc[table["n_units"] > 0, "period"].dt.strftime("%Y-%m-%d")) == ["2023-10-09", "2023-10-16"]


def test_prevalence_by_outlet_and_missing_articles():
    assignments = assignment_rows([("a", 0, True), ("b", 1, True)]).assign(outlet=["BBC", None])
    table = topics.prevalence(assignments, by="outlet")
    assert table.loc[table["n_units"] > 0, ["outlet", "topic"]].values.tolist() == [["(unknown)", 1], ["BBC", 0]]
    with pytest.raises(ParameterError, match="articles="):
        topics.prevalence(assignment_rows([("a", 0, True)]), by="month")


def unit_assignments(unit, rows):
    table = pd.DataFrame(rows, columns=["unit_id", "article_id", "passage_id", "start", "end", "topic", "explained"])
    table["unit"] = unit
    table["text"] = ""
    table["topic_label"] = table["topic"].map({0: "war", 1: "vote"})
    table["weight"] = 1.0
    table["fit"] = 0.5
    return table[topics.ASSIGNMENT_COLUMNS]


CLAIMS = pd.DataFrame(
    {
        "article_id": ["a", "a", "b", "z"],
        "passage_id": ["a-p1", "a-p1", "b-p1", "z-p1"],
        "start": [3, 40, 0, 0],
        "value": [10.0, 200.0, 5.0, 1.0],
        "source_type": ["health_ministry", "un", "health_ministry", "none"],
    }
)


def test_attach_topics_by_sentence():
    assignments = unit_assignments("sentence", [
        ("a-p1-s001", "a", "a-p1", 0, 30, 0, True), ("a-p1-s002", "a", "a-p1", 31, 60, 1, True),
        ("b-p1-s001", "b", "b-p1", 0, 20, 1, False),
    ])
    joined = topics.attach_topics(CLAIMS, assignments)
    assert len(joined) == len(CLAIMS)
    assert joined["topic"].tolist() == [0, 1, 1, -1]
    assert joined["topic_label"].tolist() == ["war", "vote", "vote", "(no unit)"]


def test_attach_topics_by_article_and_claims_by_topic():
    assignments = unit_assignments(
        "article", [("a", "a", None, None, None, 0, True), ("b", "b", None, None, None, 1, False)]
    )
    joined = topics.attach_topics(CLAIMS, assignments)
    assert joined["topic"].tolist() == [0, 0, 1, -1]
    table = topics.claims_by_topic(joined, by="source_type")
    assert table[["topic", "source_type", "n_claims"]].values.tolist() == [
        [-1, "health_ministry", 1], [-1, "none", 1], [0, "health_ministry", 1], [0, "un", 1]
    ]
    assert table.loc[table["topic"] == 0, "share_of_topic"].tolist() == [0.5, 0.5]
    assert "value_median" not in table.columns  # one topic's claims count different things: no median of values


def test_fitted_models_pickle(planted, planted_model):
    # reports and the Dask engine move models between processes
    import pickle

    texts, _ = planted
    restored = pickle.loads(pickle.dumps(planted_model))
    assert np.array_equal(restored.transform(texts), planted_model.transform(texts))
