"""Discrepancies between claims of one quantity, named events, and revisions.

* **Events** come from a vocabulary (``EVENT_PHRASES``: the October 7 attack in its phrasings, named
  strikes), each with the place it happened (``EVENT_PLACES``). A sentence names an event when one
  of its phrases matches, unless a "since" comes shortly before the match in the same clause and
  the claim's number before that "since" ("30,000 killed since the war began on October 7" dates a
  running total; "protests since Hamas attacked Israel on Oct. 7, killing 1,200" names the toll).
  Extend the vocabulary by passing ``events={name: compiled pattern}`` and ``event_places``.
* **Discrepancies** (``find_discrepancies``): claims of people with different values about one
  quantity, from at least ``min_articles`` articles (2 by default: within one article two values
  are often two quantities). A quantity is either a running total (cumulative claims of one place,
  outcome and group class whose ``as_of`` lie within ``near_days`` of the first of the window; place
  ``unknown`` is no quantity) or an event toll (claims naming one event, of its place or of place
  ``unknown``, one outcome and group class). Subsets and vague claims are left out.
* **Revisions** (``find_revisions``): within one quantity and one ``source_key`` (``source_type``
  by default; ``none``, claims the outlet gives without a source, is one type), a later claim
  whose interval lies wholly below the highest earlier one, for running totals and event tolls of
  outcomes that cannot fall (killed, injured). Each value is flagged once, at its first appearance,
  against the earlier claim of the highest smallest count. Nothing is changed; both rows are listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from newskit.stats.common import (
    UNKNOWN_PLACE,
    check_claims,
    effective_bounds,
    empty,
    group_class,
    people,
)

OCTOBER_7 = r"(?:(?:October|Oct\.?)\s+7(?:th)?|7(?:th)?\s+(?:of\s+)?October)"
ATTACK_NOUN = r"(?:attacks?|assaults?|massacres?|raids?|incursions?|rampage|onslaught)"
EVENT_PHRASES: dict[str, tuple[str, ...]] = {
    "october_7_attack": (
        rf"\b{OCTOBER_7}\s+(?:Hamas(?:[-\s]led)?\s+)?(?:terror(?:ist)?\s+)?{ATTACK_NOUN}",
        rf"\b{ATTACK_NOUN}\s+(?:on|of)\s+{OCTOBER_7}",
        rf"\bon\s+{OCTOBER_7}\b",
        rf"\bHamas(?:'s|’s|'|-led)?\s+(?:\w+\s+){{0,2}}{ATTACK_NOUN}\s+(?:on|in)\s+(?:southern\s+)?Israel",
        r"\b(?:attacked|stormed|invaded|infiltrated)\s+(?:southern\s+)?Israel",
        r"\bHamas[-\s]led\s+(?:attacks?|assault|incursion|raid)",
        r"\bwhen\s+Hamas(?:[-\s]led)?\s+(?:\w+\s+){0,2}(?:attacked|stormed|killed|invaded|infiltrated)\b",
        r"\bcross-border\s+(?:attack|raid|assault|incursion)",
        r"\b(?:Super)?[Nn]ova\s+(?:music\s+)?festival",
    ),
    "al_ahli_hospital_blast": (
        r"\b(?:al-)?Ahli\b[^.]{0,60}\b(?:blast|explosion|strike)",
        r"\b(?:blast|explosion|strike)\s+(?:at|on)\s+(?:the\s+)?(?:al-)?Ahli\b",
    ),
    "jabalia_camp_strike": (r"\bJabal[iy]a\b[^.]{0,60}\b(?:strike|air\s*strike|bombing)",),
    "flour_massacre": (r"\bflour\s+massacre\b", r"\bwaiting\s+for\s+(?:food|flour)\s+aid\b"),
    "world_central_kitchen_strike": (r"\bWorld\s+Central\s+Kitchen\b",),
    "nuseirat_hostage_rescue": (r"\bNuseirat\b[^.]{0,60}\b(?:rescue|raid|operation)",),
    "rafah_tent_camp_strike": (r"\bTal\s+al-Sultan\b", r"\btent\s+camp\b[^.]{0,40}\bRafah\b"),
}
EVENT_PLACES: dict[str, str] = {"october_7_attack": "israel", "al_ahli_hospital_blast": "gaza",
                                "jabalia_camp_strike": "gaza", "flour_massacre": "gaza",
                                "world_central_kitchen_strike": "gaza",
                                "nuseirat_hostage_rescue": "gaza", "rafah_tent_camp_strike": "gaza"}
EVENT_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
    for name, phrases in EVENT_PHRASES.items()
}
# "since" shortly before a match (same clause): the phrase dates a running total ("killed since the
# war began on October 7"), it does not name the toll of the event.
RE_SINCE_BEFORE = re.compile(r"\bsince\b[^.;!?]*$", re.IGNORECASE)
SINCE_LOOKBACK_CHARS = 45
MONOTONE_OUTCOMES: tuple[str, ...] = ("killed", "injured")

DISCREPANCY_COLUMNS = [
    "discrepancy_id", "kind", "quantity", "n_values", "n_articles", "intervals_overlap", "article_id",
    "passage_id", "outlet", "published", "as_of", "place", "event", "outcome", "group", "scope",
    "surface", "value", "low", "high", "bound", "source", "source_type", "sentence",
]
REVISION_COLUMNS = [
    "kind", "quantity", "source_key", "earlier_article_id", "earlier_outlet", "earlier_as_of",
    "earlier_surface", "earlier_value", "earlier_source", "later_article_id", "later_outlet",
    "later_as_of", "later_surface", "later_value", "later_source", "difference",
]


def name_event(sentence: str, *, events: dict[str, re.Pattern[str]] | None = None,
               number_at: int | None = None) -> str | None:
    """The first event of the vocabulary the sentence names for its number, else None.

    A match with "since" shortly before it in the same clause dates a running total ("30,000 killed
    since the war began on October 7") and does not count, unless ``number_at`` (the number's offset
    in the sentence) lies after that "since" ("protests since Hamas attacked Israel on Oct. 7,
    killing roughly 1,200 people": 1,200 is the attack's toll).

    >>> name_event("Hamas killed about 1,200 people in the October 7 attack.")
    'october_7_attack'
    >>> name_event("More than 18,000 people have been killed since the October 7 attack.") is None
    True
    >>> name_event("since Hamas attacked Israel on Oct. 7, killing roughly 1,200 people", number_at=55)
    'october_7_attack'
    """
    events = EVENT_PATTERNS if events is None else events
    sentence = sentence or ""
    for name, pattern in events.items():
        for match in pattern.finditer(sentence):
            lookback = max(0, match.start() - SINCE_LOOKBACK_CHARS)
            since = RE_SINCE_BEFORE.search(sentence[lookback:match.start()])
            if since is None or (number_at is not None and number_at > lookback + since.start()):
                return name
    return None


def _with_event(claims: pd.DataFrame, events: dict[str, re.Pattern[str]],
                event_places: dict[str, str]) -> pd.DataFrame:
    sentences = claims["sentence"].fillna("").astype(str)
    surfaces = claims["surface"].fillna("").astype(str) if "surface" in claims.columns else sentences.map(
        lambda _: "")
    named = pd.Series([name_event(sentence, events=events,
                                  number_at=sentence.find(surface) if surface and surface in sentence
                                  else None)
                       for sentence, surface in zip(sentences, surfaces, strict=True)],
                      index=claims.index, dtype=object)
    place_ok = [e is None or p in (UNKNOWN_PLACE, event_places.get(e, p))
                for e, p in zip(named, claims["place"], strict=True)]
    return claims.assign(event=named.where(pd.Series(place_ok, index=claims.index), None),
                         group_class=group_class(claims["group"]))


def _eligible(claims: pd.DataFrame, events, event_places) -> pd.DataFrame:
    chosen = people(claims).loc[lambda t: t["parent"].isna() & t["value"].notna()
                                & (t["bound"] != "vague")]
    return _with_event(chosen, events, event_places)


def _quantities(eligible: pd.DataFrame, near_days: int) -> tuple[pd.Series, list[tuple[str, str]]]:
    """Each eligible row's quantity number (NaN: none), and (kind, label) of each number, in order.

    Running totals first: the rows of one place, outcome and group class (in that sorted order), in
    ``as_of`` order, cut into windows that start at a row more than ``near_days`` after the first row
    of the window before; then event tolls: the rows naming one event, of one outcome and group class.
    One pass over the rows: no table per quantity.
    """
    number = np.full(len(eligible), np.nan)
    quantities: list[tuple[str, str]] = []
    as_of = eligible["as_of"].to_numpy()
    positions = pd.Series(np.arange(len(eligible)), index=eligible.index)
    running = ((eligible["scope"] == "cumulative") & eligible["event"].isna() & eligible["as_of"].notna()
               & (eligible["place"] != UNKNOWN_PLACE))
    named = eligible["event"].notna()
    for kind, chosen, keys in (("running_total", running, ["place", "outcome", "group_class"]),
                               ("event", named, ["event", "outcome", "group_class"])):
        rows = eligible.loc[chosen]
        for key, group in positions[chosen].groupby([rows[k] for k in keys], sort=True):
            at = group.to_numpy()
            if kind == "event":
                number[at] = len(quantities)
                quantities.append((kind, "{}: {} {}".format(*key)))
                continue
            at = at[np.argsort(as_of[at], kind="stable")]
            first = 0
            for i in range(len(at) + 1):  # a window ends before a day more than near_days after its first
                if i == len(at) or (as_of[at[i]] - as_of[at[first]]) // np.timedelta64(1, "D") > near_days:
                    number[at[first:i]] = len(quantities)
                    quantities.append((kind, _label(*key, as_of[at[first]], as_of[at[i - 1]])))
                    first = i
    return pd.Series(number, index=eligible.index), quantities


def _label(place: str, outcome: str, klass: str, first: np.datetime64, last: np.datetime64) -> str:
    return f"{place}: {outcome} {klass} cumulative {pd.Timestamp(first).date()}..{pd.Timestamp(last).date()}"


def find_discrepancies(claims: pd.DataFrame, *, near_days: int = 1, min_articles: int = 2,
                       events: dict[str, re.Pattern[str]] | None = None,
                       event_places: dict[str, str] | None = None) -> pd.DataFrame:
    """Claims about one quantity that give different values, one row per claim (module docstring).

    Columns ``DISCREPANCY_COLUMNS``: ``kind`` (``running_total`` or ``event``), ``quantity`` (a label
    naming place or event, outcome, group class), ``n_values`` distinct values, ``n_articles``,
    ``intervals_overlap`` (one count is allowed by every claim of the group). Sorted by group, then
    as_of and value. Empty when no quantity has two values from ``min_articles`` articles.
    """
    claims = check_claims(claims, ["article_id", "as_of", "value", "low", "high", "bound", "outcome",
                                   "group", "scope", "sentence", "parent", "unit", "place"])
    events = EVENT_PATTERNS if events is None else events
    eligible = _eligible(claims, events, EVENT_PLACES if event_places is None else event_places)
    number, quantities = _quantities(eligible, near_days)
    rows = eligible.loc[number.notna()]
    number = number[rows.index].astype(int)
    low, high = effective_bounds(rows)
    n_values = rows["value"].groupby(number).transform("nunique")
    n_articles = rows["article_id"].groupby(number).transform("nunique")
    overlap = low.groupby(number).transform("max") <= high.groupby(number).transform("min")
    kept = (n_values >= 2) & (n_articles >= min_articles)
    if not kept.any():
        return empty(DISCREPANCY_COLUMNS)
    kinds = pd.Series([kind for kind, _ in quantities], dtype="str")
    labels = pd.Series([label for _, label in quantities], dtype="str")
    table = rows.loc[kept].assign(kind=kinds[number[kept]].to_numpy(), quantity=labels[number[kept]].to_numpy(),
                                  n_values=n_values[kept], n_articles=n_articles[kept],
                                  intervals_overlap=overlap[kept])
    ids = {q: i for i, q in enumerate(dict.fromkeys(labels[sorted(set(number[kept]))]), start=1)}
    table["discrepancy_id"] = table["quantity"].map(ids)
    for column in DISCREPANCY_COLUMNS:
        if column not in table.columns:
            table[column] = None
    return table.sort_values(["discrepancy_id", "as_of", "value"], kind="stable")[
        DISCREPANCY_COLUMNS].reset_index(drop=True)


def find_revisions(claims: pd.DataFrame, *, source_key: str = "source_type",
                   outcomes: Sequence[str] = MONOTONE_OUTCOMES,
                   events: dict[str, re.Pattern[str]] | None = None,
                   event_places: dict[str, str] | None = None) -> pd.DataFrame:
    """Later claims of one quantity and source that lie wholly below an earlier one (module docstring).

    Quantities are those of :func:`find_discrepancies` without the ``near_days`` window: a running
    total of one place, outcome and group class over all dates, or one event's toll. Only dated
    claims of ``outcomes`` are read; a claim with an empty ``source_key`` counts as ``none``.
    Columns ``REVISION_COLUMNS``; ``difference`` = later value minus earlier value.
    """
    claims = check_claims(claims, ["article_id", "as_of", "value", "low", "high", "bound", "outcome",
                                   "group", "scope", "unit", "sentence", "parent", "place", source_key])
    events = EVENT_PATTERNS if events is None else events
    eligible = _eligible(claims, events, EVENT_PLACES if event_places is None else event_places)
    eligible = eligible.loc[eligible["as_of"].notna() & eligible["outcome"].isin(outcomes)]
    low, high = effective_bounds(eligible)
    eligible = eligible.assign(_low=low, _high=high, _key=eligible[source_key].fillna("none"))
    shown = [c for c in ("outlet", "surface", "source") if c in eligible.columns]  # a row's .get() of others is None
    eligible = eligible[["article_id", "as_of", "value", "_low", "_high", "_key", "scope", "event", "place",
                         "outcome", "group_class", *shown]]
    running = eligible.loc[(eligible["scope"] == "cumulative") & eligible["event"].isna()
                           & (eligible["place"] != UNKNOWN_PLACE)]
    families = [("running_total", f"{p}: {o} {k} cumulative", rows)
                for (p, o, k), rows in running.groupby(["place", "outcome", "group_class"], sort=True)]
    families += [("event", f"{e}: {o} {k}", rows) for (e, o, k), rows
                 in eligible.loc[eligible["event"].notna()].groupby(["event", "outcome", "group_class"],
                                                                      sort=True)]
    rows_out = []
    for kind, quantity, family in families:
        for key, group in family.groupby("_key", sort=True):
            group = group.sort_values(["as_of", "article_id"], kind="stable")
            for later_at, top_at in _below_earlier(group["as_of"].to_numpy(), group["value"].to_numpy(),
                                                    group["_low"].to_numpy(), group["_high"].to_numpy()):
                top, later = group.iloc[top_at], group.iloc[later_at]
                rows_out.append({
                    "kind": kind, "quantity": quantity, "source_key": key,
                    "earlier_article_id": top["article_id"], "earlier_outlet": top.get("outlet"),
                    "earlier_as_of": top["as_of"], "earlier_surface": top.get("surface"),
                    "earlier_value": top["value"], "earlier_source": top.get("source"),
                    "later_article_id": later["article_id"], "later_outlet": later.get("outlet"),
                    "later_as_of": later["as_of"], "later_surface": later.get("surface"),
                    "later_value": later["value"], "later_source": later.get("source"),
                    "difference": later["value"] - top["value"],
                })
    return pd.DataFrame(rows_out, columns=REVISION_COLUMNS) if rows_out else empty(REVISION_COLUMNS)


def _below_earlier(as_of: np.ndarray, value: np.ndarray, low: np.ndarray, high: np.ndarray
                   ) -> list[tuple[int, int]]:
    """(later, earlier) positions of the revisions in one group sorted by ``as_of``: each value at its
    first appearance, against the row of an earlier day with the highest ``low`` (the first such
    row on a tie), when its ``high`` lies below that ``low``. One pass: the best earlier row is kept
    as the days go by.
    """
    found = []
    seen: set[float] = set()
    best = -1  # the row of the highest low among rows [0, earlier)
    earlier = 0
    for at in range(len(as_of)):
        while as_of[earlier] < as_of[at]:
            if best < 0 or low[earlier] > low[best]:
                best = earlier
            earlier += 1
        first_time = value[at] not in seen
        seen.add(value[at])
        if best >= 0 and first_time and high[at] < low[best]:
            found.append((at, best))
    return found
