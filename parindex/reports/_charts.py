"""Charts for printed reports, drawn with matplotlib's Agg renderer into PNG bytes.

``matplotlib.figure.Figure`` is used directly rather than pyplot, so no global figure state is kept
between requests of a long-running app. The font is DejaVu Sans, bundled with matplotlib and the same
file the PDFs embed: every Vietnamese letter has a glyph, and nothing is fetched at run time.
"""

from __future__ import annotations

import io
import textwrap

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from parindex.i18n import format_number, nfc, t
from parindex.scoring import Scores, field_comparison

UNIT_COLOUR, MEAN_COLOUR, BEST_COLOUR = "#8a1c1c", "#9aa5b1", "#3e7c59"
FONT = "DejaVu Sans"


def png_bytes(figure: Figure, dpi: int = 200) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def field_chart(scores: Scores, row: int, lang: str = "vi") -> bytes:
    """Points per field: the unit, the mean and the best of its type, against each field's maximum."""
    fields = field_comparison(scores, row, lang)
    labels = [
        textwrap.fill(nfc(f"{i}. {name}"), 40) for i, name in zip(fields["field_id"], fields["field"], strict=True)
    ]
    n = len(fields)
    figure = Figure(figsize=(7.2, 0.62 * n + 1.0))
    axes = figure.add_subplot()
    y = np.arange(n)
    height = 0.26
    series = [
        (nfc(str(scores.units["unit"][row])), fields["points"], UNIT_COLOUR),
        (t("report.col_mean", lang), fields["mean"], MEAN_COLOUR),
        (t("report.col_best", lang), fields["best"], BEST_COLOUR),
    ]
    for k, (name, values, colour) in enumerate(series):
        axes.barh(y + (k - 1) * height, values, height, label=textwrap.shorten(name, 40), color=colour)
    axes.scatter(fields["max"], y, marker="|", s=260, color="#222222", label=t("report.col_max", lang), zorder=3)
    axes.set_yticks(y, labels, fontsize=7.5, fontfamily=FONT)
    axes.invert_yaxis()
    axes.set_xlim(0, float(np.nanmax(fields["max"])) * 1.05 if n else 1)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, lang=lang)))
    axes.tick_params(axis="x", labelsize=7.5)
    axes.set_xlabel(t("report.col_points", lang), fontsize=8, fontfamily=FONT)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(
        fontsize=7.5,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=4,
        frameon=False,
        prop={"family": FONT, "size": 7.5},
    )
    figure.tight_layout()
    return png_bytes(figure)
