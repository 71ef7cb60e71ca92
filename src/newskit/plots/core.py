"""Deterministic saving of a chart and the numbers behind it, or of the sentence of a chart not drawn."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display here or in CI; also makes PNG output deterministic

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from newskit.plots.enough import NotDrawn  # noqa: E402
from newskit.tables import write_csv  # noqa: E402

# PNG metadata without software version or timestamps, so identical charts are identical bytes.
PNG_METADATA = {"Software": None}
DPI = 100
# What a chart that was not drawn leaves in the charts folder: NAME.not_drawn.txt, its sentence.
NOT_DRAWN_SUFFIX = ".not_drawn.txt"


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
    _not_drawn_path(stem).unlink(missing_ok=True)
    return png_path, csv_path


def save_not_drawn(chart: NotDrawn, path_stem: str | Path) -> Path:
    """Write ``path_stem.not_drawn.txt`` holding the chart's sentence (no PNG, no CSV); return its path.

    A PNG and CSV of an earlier run into the same folder are removed, so no chart outlives its data.
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    for old in (stem.with_suffix(".png"), stem.with_suffix(".csv")):
        old.unlink(missing_ok=True)
    path = _not_drawn_path(stem)
    path.write_text(chart.sentence + "\n", encoding="utf-8")
    return path


def charts_not_drawn(charts_dir: str | Path) -> dict[str, str]:
    """The charts of a report's ``charts/`` folder that were not drawn: name -> sentence, sorted by name."""
    paths = sorted(Path(charts_dir).glob(f"*{NOT_DRAWN_SUFFIX}"))
    return {path.name[: -len(NOT_DRAWN_SUFFIX)]: path.read_text(encoding="utf-8").strip() for path in paths}


def _not_drawn_path(stem: Path) -> Path:
    return stem.parent / f"{stem.name}{NOT_DRAWN_SUFFIX}"
