"""Matplotlib charts. Each chart function returns ``(figure, data)``: the Figure and a DataFrame of
exactly the numbers drawn; :func:`save_chart` writes both as ``NAME.png`` and ``NAME.csv``. When the
data is too little to show (the thresholds of :mod:`newskit.plots.enough`), ``figure`` is a
:class:`NotDrawn` holding the sentence shown instead; :func:`save_not_drawn` records it.

Submodules: :mod:`newskit.plots.claims` (claims and reference series), :mod:`newskit.plots.topics`,
:mod:`newskit.plots.counts` (bar charts of counts), :mod:`newskit.plots.enough` (when to draw, and
what a chart not drawn leaves). Matplotlib loads with the first chart drawn or saved (``save_chart``
is loaded on first use), not when a page only shows saved charts.
"""

from __future__ import annotations

from typing import Any

from newskit.plots.enough import NotDrawn, charts_not_drawn, save_not_drawn

__all__ = ["NotDrawn", "charts_not_drawn", "save_chart", "save_not_drawn"]


def __getattr__(name: str) -> Any:
    if name == "save_chart":
        from newskit.plots.core import save_chart

        return save_chart
    raise AttributeError(f"module 'newskit.plots' has no attribute {name!r}")
