"""Units of analysis, each unit's topic, prevalence over time and by outlet, topics joined with claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from newskit.errors import ParameterError, SchemaError
from newskit.schema import ASSIGNMENT_COLUMNS, PASSAGE_COLUMNS, UNIT_COLUMNS, validate_columns
from newskit.topics.inputs import _as_texts, _check_choice

if TYPE_CHECKING:
    from newskit.topics.models import TopicReader

Unit = Literal["article", "paragraph", "sentence"]
UNITS: tuple[str, ...] = ("article", "paragraph", "sentence")
PrevalenceBy = Literal["week", "month", "outlet"]
PREVALENCE_BY: tuple[str, ...] = ("week", "month", "outlet")
NO_TOPIC = -1
UNEXPLAINED_LABEL = "(unexplained)"
# Units (and terms) a map on two components needs at least; fewer leave the map's x and y missing,
# and the map chart is not drawn (newskit.plots.enough). Kept here, not in plots/, so that the topic
# stage's key (the code it runs) does not cover the chart modules.
MIN_MAP_UNITS = 3


def make_units(passages: pd.DataFrame, *, unit: Unit = "paragraph") -> pd.DataFrame:
    """Turn the passages table (article_id, passage_id, text) into units of analysis.

    ``paragraph``: one unit per passage (``unit_id`` = passage_id). ``sentence``: one unit per
    sentence (``nlp.sentence_spans``), ``start``/``end`` are offsets into the passage text, unit_id
    ``<passage_id>-s001``; an empty passage stays one empty unit so no row is lost. ``article``: the
    passages of each article joined by a blank line, in order (passage_id, start, end are missing).
    Returns the columns ``UNIT_COLUMNS``.
    """
    _check_choice("unit", unit, UNITS)
    validate_columns(passages, PASSAGE_COLUMNS, table_name="passages")
    texts = passages["text"].fillna("").astype(str)
    if unit == "paragraph":
        units = pd.DataFrame({
            "unit": unit, "unit_id": passages["passage_id"].astype(str), "article_id": passages["article_id"],
            "passage_id": passages["passage_id"].astype(str), "start": 0, "end": texts.str.len(), "text": texts,
        })
    elif unit == "sentence":
        from newskit import nlp  # NLTK under it: loaded only to cut sentences

        rows = []
        for article_id, passage_id, text in zip(passages["article_id"], passages["passage_id"], texts, strict=True):
            spans = nlp.sentence_spans(text) or [(0, len(text))]
            for number, (start, end) in enumerate(spans, start=1):
                rows.append((unit, f"{passage_id}-s{number:03d}", article_id, str(passage_id), start, end,
                             text[start:end]))
        units = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    else:
        grouped = (
            pd.DataFrame({"article_id": passages["article_id"], "text": texts})
            .groupby("article_id", sort=False)["text"].agg("\n\n".join).reset_index()
        )
        units = pd.DataFrame({
            "unit": unit, "unit_id": grouped["article_id"].astype(str), "article_id": grouped["article_id"],
            "passage_id": pd.NA, "start": pd.NA, "end": pd.NA, "text": grouped["text"],
        })
    units = units.reset_index(drop=True)
    units["start"] = units["start"].astype("Int64")
    units["end"] = units["end"].astype("Int64")
    return units[UNIT_COLUMNS]


def assign_topics(model: TopicReader, units: pd.DataFrame) -> pd.DataFrame:
    """Each unit's topic, its weight and fit, and whether a topic explains it (fit >= model.min_fit).

    ``units`` is a :func:`make_units` table (a passages table is read as paragraph units). When the
    texts are the ones the model was fitted on, the fitted weights are reused. ``topic`` is -1 for a
    unit the model could not read; ``topic_label`` is then "(no terms)". Rows in = rows out.
    """
    model._check_fitted()
    if "unit" not in units.columns:
        units = make_units(units, unit="paragraph")
    validate_columns(units, UNIT_COLUMNS, table_name="units")
    result = model._inferred(_as_texts(units["text"]))
    labels = result["labels"]
    names = np.array([*model.topic_labels_, "(no terms)"], dtype=object)
    out = units[UNIT_COLUMNS].copy()
    out["topic"] = labels
    out["topic_label"] = names[labels]  # -1 picks the last name
    rows = np.arange(len(labels))
    out["weight"] = np.where(labels == NO_TOPIC, 0.0, result["weights"][rows, np.maximum(labels, 0)])
    out["fit"] = result["fit"]
    out["explained"] = (labels != NO_TOPIC) & (result["fit"] >= model.min_fit)
    return out[ASSIGNMENT_COLUMNS]


def _with_article_fields(assignments: pd.DataFrame, articles: pd.DataFrame | None, field: str) -> pd.DataFrame:
    if field in assignments.columns:
        return assignments
    if articles is None:
        raise ParameterError(
            f"prevalence needs the articles' {field!r}: pass articles=<the articles table> "
            f"(it is joined on article_id), or add a {field!r} column to the assignments"
        )
    validate_columns(articles, ["article_id", field], table_name="articles")
    fields = articles[["article_id", field]].drop_duplicates("article_id")
    return assignments.merge(fields, on="article_id", how="left", validate="many_to_one")


def prevalence(
    assignments: pd.DataFrame, by: PrevalenceBy = "month", *, articles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """How many units of each topic there are per week, month or outlet, and their share of the bin.

    Counts each unit once, under its topic when explained, else under topic -1 "(unexplained)" (which
    includes units with no terms), so shares in a bin add up to 1. Weeks start on Monday; a bin key
    is the first day of the week or month. Units with no publication date fall in a bin whose
    ``period`` is missing (NaT), listed last; units with no outlet in outlet "(unknown)". The
    ``published`` or ``outlet`` field is taken from ``assignments`` or joined from ``articles``.
    Columns: period (or outlet), topic, topic_label, n_units, share; every bin lists every topic.
    """
    _check_choice("by", by, PREVALENCE_BY)
    validate_columns(assignments, ["article_id", "topic", "topic_label", "explained"], table_name="assignments")
    field = "outlet" if by == "outlet" else "published"
    table = _with_article_fields(assignments, articles, field)
    if by == "outlet":
        key_name, key = "outlet", table["outlet"].astype("string").fillna("(unknown)")
    else:
        key_name = "period"
        published = pd.to_datetime(table["published"], errors="coerce", utc=True).dt.tz_localize(None)
        key = published.dt.to_period("W-SUN" if by == "week" else "M").dt.start_time
    topic = np.where(table["explained"], table["topic"], NO_TOPIC)
    label = np.where(table["explained"], table["topic_label"], UNEXPLAINED_LABEL)
    labels = dict(zip(topic, label, strict=True))
    labels[NO_TOPIC] = UNEXPLAINED_LABEL
    frame = pd.DataFrame({key_name: key.to_numpy(), "topic": topic})
    counts = frame.groupby([key_name, "topic"], dropna=False).size()
    keys = pd.Index(frame[key_name].unique()).sort_values(na_position="last")
    topics = sorted(set(table["topic"].tolist()) - {NO_TOPIC}) + [NO_TOPIC]
    grid = pd.MultiIndex.from_product([keys, topics], names=[key_name, "topic"])
    out = counts.reindex(grid, fill_value=0).rename("n_units").reset_index()
    out["topic_label"] = out["topic"].map(labels).fillna("")
    totals = out.groupby(key_name, dropna=False)["n_units"].transform("sum")
    out["share"] = out["n_units"] / totals.where(totals > 0)
    return out[[key_name, "topic", "topic_label", "n_units", "share"]]


def attach_topics(claims: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """The claims table with the topic of the unit each claim sits in: unit_id, topic, topic_label, explained.

    Paragraph units match on passage_id, article units on article_id, sentence units on passage_id
    and the claim's ``start`` offset (into the passage text) falling in the sentence. A claim in no
    unit gets topic -1, topic_label "(no unit)". Rows in = rows out, in the same order.
    """
    validate_columns(claims, ["article_id", "passage_id", "start"], table_name="claims")
    validate_columns(assignments, ASSIGNMENT_COLUMNS, table_name="assignments")
    units = assignments["unit"].unique()
    if len(units) > 1:
        raise SchemaError(f"assignments mix units {sorted(units)}; attach topics from one unit of analysis")
    unit = units[0] if len(units) else "paragraph"
    topic_columns = ["unit_id", "topic", "topic_label", "explained"]
    left = claims.reset_index(drop=True).assign(_row=lambda t: np.arange(len(t)))
    if unit == "article":
        joined = left.merge(assignments[["article_id", *topic_columns]], on="article_id", how="left")
    else:
        right = assignments[["passage_id", "start", "end", *topic_columns]].rename(
            columns={"start": "_unit_start", "end": "_unit_end"}
        )
        joined = left.merge(right, on="passage_id", how="left")
        if unit == "sentence":
            start = pd.to_numeric(joined["start"], errors="coerce")
            inside = (start >= joined["_unit_start"]) & (start < joined["_unit_end"])
            joined = joined[inside.fillna(False).astype(bool)]
        joined = joined.drop(columns=["_unit_start", "_unit_end"])
    joined = joined.drop_duplicates("_row").set_index("_row").reindex(np.arange(len(left)))
    out = claims.reset_index(drop=True).copy()
    out["unit_id"] = joined["unit_id"].to_numpy()
    matched = joined["topic"].notna().to_numpy()
    out["topic"] = np.where(matched, joined["topic"].fillna(NO_TOPIC).to_numpy(), NO_TOPIC).astype(np.int64)
    out["topic_label"] = np.where(matched, joined["topic_label"].to_numpy(), "(no unit)")
    out["explained"] = np.where(matched, joined["explained"].fillna(False).to_numpy(), False).astype(bool)
    return out


def claims_by_topic(claims_with_topics: pd.DataFrame, *, by: str = "source_type") -> pd.DataFrame:
    """Which topics carry which figures or sources: claims per topic and value of ``by``.

    ``claims_with_topics`` comes from :func:`attach_topics`; ``by`` is a claims column such as
    ``source_type``, ``outcome`` or ``group``. Claims in unexplained units count under topic -1
    "(unexplained)". Columns: topic, topic_label, <by>, n_claims, share_of_topic (of the topic's
    claims). No statistic of the values: one topic's claims count different things.
    """
    validate_columns(claims_with_topics, ["topic", "topic_label", "explained", by], table_name="claims")
    table = claims_with_topics.copy()
    table["topic"] = np.where(table["explained"], table["topic"], NO_TOPIC)
    table["topic_label"] = np.where(table["explained"], table["topic_label"], UNEXPLAINED_LABEL)
    table[by] = table[by].astype("string").fillna("(missing)")
    out = table.groupby(["topic", "topic_label", by], dropna=False).size().rename("n_claims").reset_index()
    out["share_of_topic"] = out["n_claims"] / out.groupby("topic")["n_claims"].transform("sum")
    out = out.sort_values(["topic", "n_claims", by], ascending=[True, False, True], kind="stable")
    return out[["topic", "topic_label", by, "n_claims", "share_of_topic"]].reset_index(drop=True)


MAP_COLUMNS = ["unit_id", "topic", "topic_label", "explained", "x", "y"]


def unit_map(model: TopicReader, assignments: pd.DataFrame, *, random_state: int = 0) -> pd.DataFrame:
    """Each unit on the first two components (TruncatedSVD) of the model's term matrix: where it sits in a map.

    Columns ``MAP_COLUMNS``, one row per assignment; x and y are missing (NaN) for every unit when
    there are fewer than 3 units or terms (two components need at least 3 of each).
    """
    validate_columns(assignments, ASSIGNMENT_COLUMNS, table_name="assignments")
    points = assignments[["unit_id", "topic", "topic_label", "explained"]].reset_index(drop=True)
    from sklearn.decomposition import TruncatedSVD

    from newskit.topics.models import one_thread

    X = model.term_matrix(assignments["text"])
    if min(X.shape) < MIN_MAP_UNITS:
        return points.assign(x=np.nan, y=np.nan)

    coordinates = one_thread(TruncatedSVD(2, random_state=random_state).fit_transform)(X)
    return points.assign(x=coordinates[:, 0], y=coordinates[:, 1])
