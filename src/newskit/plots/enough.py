"""When a chart has something to show: the thresholds every chart of the kit applies, defined once.

A chart whose data falls short of its kind's threshold is not drawn. Its chart function returns a
:class:`NotDrawn` where the matplotlib Figure would be, holding one sentence for readers: what is
missing and what would make the chart appear. The report shows that sentence in the chart's place
and records the chart as not drawn (``charts/NAME.not_drawn.txt``, :func:`save_not_drawn`, read back by
:func:`charts_not_drawn` for the index and the manifest's ``charts_not_drawn``); no PNG or CSV is
written for it. Nothing here imports matplotlib.

Thresholds, by kind of chart (the charts of the kit that are of that kind):

- histogram: at least ``MIN_HISTOGRAM_VALUES`` values in at least ``MIN_BINS`` different bins (lag per outlet);
- chart over time: at least ``MIN_TIME_POINTS`` different dates or periods (topic prevalence by month);
- comparison across groups: at least ``MIN_GROUPS`` groups, an "all" row not counted (rounding and
  bounds by outlet, bar charts of counts);
- points against a scale: at least ``MIN_POINTS`` point (timeline, discrepancies, daily increase);
- map of units on two components: at least ``MIN_MAP_UNITS`` units and as many terms (topic map).

A timeline with one claim is drawn: the official series gives its time axis. Each ``*_shortfall``
function returns None when the data is enough, else the reason as a clause for the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newskit.topics.tables import MIN_MAP_UNITS  # what the topic stage's map computes on (two components)

MIN_HISTOGRAM_VALUES = 5
MIN_BINS = 2
MIN_TIME_POINTS = 2
MIN_GROUPS = 2
MIN_POINTS = 1
# What a chart that was not drawn leaves in the charts folder: NAME.not_drawn.txt, its sentence.
NOT_DRAWN_SUFFIX = ".not_drawn.txt"


@dataclass(frozen=True)
class NotDrawn:
    """Stands where a chart's Figure would be: the chart was not drawn, and ``sentence`` says why."""

    sentence: str


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun`` in the number ``n`` asks for: ``counted(1, "claim")`` is "1 claim"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def histogram_shortfall(bins: Iterable, *, what: str, bin_name: str, plural: str | None = None) -> str | None:
    """Why values falling in ``bins`` (one entry per value) are too few for a histogram, or None.

    ``what`` and ``bin_name`` are singular nouns ("claim", "lag"); ``plural`` is the plural of ``what``
    when an "s" does not make it.
    """
    keys = pd.Series(list(bins), dtype=object).dropna()
    n, n_bins = len(keys), keys.nunique()
    if n >= MIN_HISTOGRAM_VALUES and n_bins >= MIN_BINS:
        return None
    whats = plural or what + "s"
    if n == 0:
        found = f"there are no {whats}"
    elif n_bins == 1:
        verb, every = ("is", "") if n == 1 else ("are", "all ")
        found = f"there {verb} {counted(n, what, whats)}, {every}at {bin_name} {keys.iloc[0]}"
    else:
        found = f"there are {counted(n, what, whats)} in {counted(n_bins, bin_name)}"
    return (f"{found}; a histogram needs at least {MIN_HISTOGRAM_VALUES} {whats} in at least {MIN_BINS} "
            f"different {bin_name}s")


def time_shortfall(dates: Iterable, *, what: str, period_name: str = "date") -> str | None:
    """Why ``what`` at ``dates`` (one entry each; missing dates left out) are too few for a chart over time.

    None when there are enough; ``what`` and ``period_name`` are singular nouns ("unit", "month").
    """
    points = pd.to_datetime(pd.Series(list(dates), dtype=object), errors="coerce").dropna()
    n_dates = points.nunique()
    if n_dates >= MIN_TIME_POINTS:
        return None
    needs = f"a chart over time needs dated {what}s in at least {MIN_TIME_POINTS} different {period_name}s"
    if n_dates == 0:
        return f"no {what} has a date; {needs}"
    day = points.iloc[0].strftime("%Y-%m" if period_name == "month" else "%Y-%m-%d")
    n = len(points)
    every, verb = ("the", "falls") if n == 1 else ("all", "fall")
    return f"{every} {counted(n, 'dated ' + what)} {verb} in one {period_name} ({day}); {needs}"


def groups_shortfall(groups: Iterable, *, group_name: str, what: str | None = None) -> str | None:
    """Why ``groups`` (one entry per bar, or per ``what`` counted; "all" ignored) are too few to compare.

    None when there are enough; ``what`` and ``group_name`` are singular nouns.
    """
    names = pd.Series(list(groups), dtype=object).fillna("unknown").astype(str)
    names = names.loc[names != "all"]
    distinct = list(dict.fromkeys(names))
    if len(distinct) >= MIN_GROUPS:
        return None
    needs = f"a chart comparing {group_name}s needs at least {MIN_GROUPS} {group_name}s"
    if not distinct:
        return f"there are no {what or group_name}s; {needs}"
    if what:
        return f"all {what}s share one {group_name} ({distinct[0]}); {needs}"
    return f"there is one {group_name} only ({distinct[0]}); {needs}"


def points_shortfall(n_points: int, *, what: str) -> str | None:
    """Why ``n_points`` points of ``what`` (a plural noun phrase) are too few to draw, or None."""
    if n_points >= MIN_POINTS:
        return None
    return f"there are no {what}"


def map_shortfall(n_units: int, n_terms: int) -> str | None:
    """Why ``n_units`` units of ``n_terms`` terms are too few for a 2-D map of units, or None."""
    if n_units >= MIN_MAP_UNITS and n_terms >= MIN_MAP_UNITS:
        return None
    return (f"there are {counted(n_units, 'unit')} and {counted(n_terms, 'term')}; a map on two components "
            f"needs at least {MIN_MAP_UNITS} of each")


def not_drawn(title: str, reason: str, remedy: str) -> NotDrawn:
    """The sentence shown instead of the chart ``title``: ``reason`` (a shortfall) and ``remedy``."""
    return NotDrawn(f"{title}: not drawn, because {reason}. {remedy}")


def save_not_drawn(chart: NotDrawn, path_stem: str | Path) -> Path:
    """Write ``path_stem.not_drawn.txt`` holding the chart's sentence (no PNG, no CSV); return its path.

    A PNG and CSV of an earlier run into the same folder are removed, so no chart outlives its data.
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    for old in (stem.with_suffix(".png"), stem.with_suffix(".csv")):
        old.unlink(missing_ok=True)
    path = not_drawn_path(stem)
    path.write_text(chart.sentence + "\n", encoding="utf-8")
    return path


def charts_not_drawn(charts_dir: str | Path) -> dict[str, str]:
    """The charts of a report's ``charts/`` folder that were not drawn: name -> sentence, sorted by name."""
    paths = sorted(Path(charts_dir).glob(f"*{NOT_DRAWN_SUFFIX}"))
    return {path.name[: -len(NOT_DRAWN_SUFFIX)]: path.read_text(encoding="utf-8").strip() for path in paths}


def not_drawn_path(stem: Path) -> Path:
    """Where the sentence of the chart ``stem`` (a path without suffix) is kept when it is not drawn."""
    return stem.parent / f"{stem.name}{NOT_DRAWN_SUFFIX}"
