"""Render a chart to PNG bytes: the one picture the screen, the workbook and the report share."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

#: Export resolution: sharp in print and on a projector without bloating the workbook.
PNG_DPI = 150.0


def figure_to_png(fig: Figure, *, dpi: float = PNG_DPI) -> bytes:
    """Return ``fig`` as PNG bytes.

    ``savefig`` swaps in an Agg canvas for the duration of the call and puts the figure's own
    canvas back afterwards, so a figure shown in the app can be exported without detaching it.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    return buffer.getvalue()
