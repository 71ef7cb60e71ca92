"""Matplotlib charts. Each chart function returns ``(figure, data)``: the Figure and a DataFrame of
exactly the numbers drawn; :func:`save_chart` writes both as ``NAME.png`` and ``NAME.csv``. When the
data is too little to show (the thresholds of :mod:`newskit.plots.enough`), ``figure`` is a
:class:`NotDrawn` holding the sentence shown instead; :func:`save_not_drawn` records it.

Submodules: :mod:`newskit.plots.claims` (claims and reference series), :mod:`newskit.plots.topics`,
:mod:`newskit.plots.counts` (bar charts of counts), :mod:`newskit.plots.enough` (when to draw).
"""

from newskit.plots.core import charts_not_drawn, save_chart, save_not_drawn
from newskit.plots.enough import NotDrawn

__all__ = ["NotDrawn", "charts_not_drawn", "save_chart", "save_not_drawn"]
