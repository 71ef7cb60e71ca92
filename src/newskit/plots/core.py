"""Deterministic saving of a chart and the numbers behind it (a chart not drawn: :mod:`newskit.plots.enough`)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display here or in CI; also makes PNG output deterministic

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from newskit.plots.enough import not_drawn_path  # noqa: E402
from newskit.tables import write_csv  # noqa: E402

# PNG metadata without software version or timestamps, so identical charts are identical bytes.
PNG_METADATA = {"Software": None}
DPI = 100


def save_chart(figure: plt.Figure, data: pd.DataFrame, path_stem: str | Path) -> tuple[Path, Path]:
    """Write ``path_stem.png`` and ``path_stem.csv`` (the numbers drawn); close the figure.

    Returns the two paths. The CSV is written with ``index=False`` and a fixed float format so that
    two runs on the same input give byte-identical files. A ``NAME.not_drawn.txt`` of an earlier
    run into the same folder is removed.
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    png_path, csv_path = stem.with_suffix(".png"), stem.with_suffix(".csv")
    figure.savefig(png_path, dpi=DPI, metadata=PNG_METADATA)
    plt.close(figure)
    write_csv(data, csv_path)
    not_drawn_path(stem).unlink(missing_ok=True)
    return png_path, csv_path
