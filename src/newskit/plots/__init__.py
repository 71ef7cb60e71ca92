"""Matplotlib charts. Each chart function returns ``(figure, data)``: the Figure and a DataFrame of
exactly the numbers drawn; :func:`save_chart` writes both as ``NAME.png`` and ``NAME.csv``.

Submodules: :mod:`newskit.plots.claims` (claims and reference series), :mod:`newskit.plots.topics`.
"""

from newskit.plots.core import save_chart

__all__ = ["save_chart"]
