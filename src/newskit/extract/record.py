"""The Figure record and the interval conventions of its ``low`` and ``high``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from newskit.schema import FIGURE_FIELDS, Bound, Group, Outcome, Scope, SourceType, Unit


@dataclass(frozen=True)
class Conventions:
    """How the words of a figure become an interval ``[low, high]`` (None = unbounded).

    - ``exact`` -> ``[v, v]``;
    - ``lower`` ("more than", "at least", "over") -> ``[v + lower_step, None]``; ``lower_step`` is 0 by
      default, so "more than 100" and "at least 100" share the interval ``[100, None]``;
    - ``upper`` ("almost", "nearly", "up to") -> ``[None, v]``; ``upper_floor`` (default None) can
      give a finite lower end as a share of v (e.g. 0.9 for "nearly v" -> ``[0.9 v, v]``);
    - ``approximate`` ("about", "some", "roughly") -> ``[v (1 - e), v (1 + e)]`` with
      ``e = approximate_error`` (default 0.1, i.e. +-10%), rounded to whole people;
    - ``range`` ("between 30 and 40") -> ``[v, high]``;
    - ``vague`` -> ``vague_intervals[word]`` ("dozens" [24, 99], "hundreds" [200, 999], ...), and
      separately a conservative point ``vague_points[word]`` for whoever needs one number (ACLED
      counts dozens as 12 and hundreds as 100): see :meth:`point`.

    Percentages follow the same rules in percent and are capped at 100.
    """

    approximate_error: float = 0.1
    lower_step: int = 0
    upper_floor: float | None = None
    vague_intervals: Mapping[str, tuple[int, int]] = field(
        default_factory=lambda: {
            "a dozen": (10, 14),
            "dozens": (24, 99),
            "scores": (40, 99),
            "hundreds": (200, 999),
            "thousands": (2_000, 9_999),
            "tens of thousands": (20_000, 99_999),
            "hundreds of thousands": (200_000, 999_999),
            "millions": (2_000_000, 9_999_999),
        }
    )
    vague_points: Mapping[str, int] = field(
        default_factory=lambda: {
            "a dozen": 12,
            "dozens": 12,
            "scores": 20,
            "hundreds": 100,
            "thousands": 1_000,
            "tens of thousands": 10_000,
            "hundreds of thousands": 100_000,
            "millions": 1_000_000,
        }
    )

    def interval(
        self, bound: str, value: float | None, *, high: float | None = None, vague: str | None = None,
        percent: bool = False,
    ) -> tuple[float | None, float | None]:
        """``(low, high)`` for a figure of this ``bound`` and ``value``.

        >>> c = Conventions()
        >>> c.interval("exact", 9), c.interval("lower", 100), c.interval("upper", 25000)
        ((9, 9), (100, None), (None, 25000))
        >>> c.interval("approximate", 1300), c.interval("range", 30, high=40)
        ((1170, 1430), (30, 40))
        >>> c.interval("vague", None, vague="dozens"), c.interval("approximate", 95, percent=True)
        ((24, 99), (86, 100))
        """
        cap = 100 if percent else None
        if bound == "vague":
            low_high = self.vague_intervals.get(vague or "")
            if low_high is not None:
                return low_high
            return (value, value)
        if value is None:
            return (None, None)
        if bound == "lower":
            return (_whole(value + self.lower_step), None)
        if bound == "upper":
            low = _whole(value * self.upper_floor) if self.upper_floor is not None else None
            return (low, value)
        if bound == "approximate":
            low, up = _whole(value * (1 - self.approximate_error)), _whole(value * (1 + self.approximate_error))
            return (low, min(up, cap) if cap is not None else up)
        if bound == "range":
            return (value, high)
        return (value, value)

    def point(self, figure: Figure) -> float | None:
        """One number for ``figure``: its value, or the conservative point of its vague word."""
        if figure.value is not None:
            return figure.value
        vague = " ".join(figure.surface.lower().split())
        return self.vague_points.get(vague)


def _whole(value: float) -> int | float:
    rounded = round(value)
    return int(rounded) if abs(rounded) < 1e18 else value


DEFAULT_CONVENTIONS = Conventions()

@dataclass(frozen=True)
class Figure:
    """One casualty figure in a text, with its evidence (FIGURES.md, and the stages of :mod:`newskit.extract`).

    ``parent`` is the index, in the list :func:`extract_figures` returned, of the figure this one is
    a subset of ("including 3,542 children"), else None. ``sentence`` is the sentence as written.
    ``place`` is a key of the vocabulary's places (``gaza``, ``israel``, ..., ``unknown``).
    ``rules`` maps each decided field to the id of the rule that decided it (README, "Rule ids");
    ``flags`` lists what a reviewer should check (attribution from a neighbouring sentence, scope by
    default, a sentence split at an abbreviation, place from the previous sentence, a vague quantifier).
    """

    start: int
    end: int
    surface: str
    value: int | float | None
    unit: Unit
    bound: Bound
    low: int | float | None
    high: int | float | None
    outcome: Outcome
    group: Group
    place: str
    scope: Scope
    source: str | None
    source_type: SourceType
    parent: int | None
    sentence: str
    rules: dict[str, str] = field(default_factory=dict, hash=False)
    flags: tuple[str, ...] = ()


assert [f.name for f in fields(Figure)] == FIGURE_FIELDS  # the record is the schema's, in order
