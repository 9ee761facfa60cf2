"""How stable the ranking is: the chance of each tool holding each rank when weights move."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

from aligner.charts.style import (
    ENGLISH,
    HEATMAP_CHANCE,
    LABEL_SIZE,
    NOTE_SIZE,
    PALETTE,
    ChartWords,
    cell_grid,
    empty_figure,
    grown,
    ink_on,
    new_figure,
    style_axes,
)
from aligner.charts.style import (
    title as set_title,
)

#: Rows (and rank columns) shown; the room cares about the top of the table.
MAX_TOOLS = 15
#: Percentages printed in cells only while they stay legible.
MAX_ANNOTATED_RANKS = 12


def rank_probability_chart(
    tool_names: Sequence[str],
    probabilities: NDArray[np.float64],
    *,
    draws: int | None = None,
    words: ChartWords = ENGLISH,
    max_tools: int = MAX_TOOLS,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Heatmap of P(tool holds rank r) beside bars of P(tool is first).

    Args:
        tool_names: one per row of ``probabilities``.
        probabilities: [tool, rank] with rank 0 = first; each row sums to 1 for ranked tools.
        draws: how many weight draws the Monte Carlo run used, stated in the title.
    Tools are ordered by expected rank, best first; at most ``max_tools`` rows and rank columns.
    """
    if not tool_names or probabilities.size == 0:
        return empty_figure(words.empty, words.probability_title)
    ranks = probabilities.shape[1]
    expected = probabilities @ np.arange(1, ranks + 1)
    order = np.argsort(expected, kind="stable")[:max_tools]
    shown = probabilities[order][:, :max_tools]
    rows, columns = shown.shape
    figure = new_figure(size or grown(11.0, 2.4 + 0.45 * rows))
    heat, bars = figure.subplots(1, 2, sharey=True, width_ratios=(3.0, 1.3))
    image = heat.imshow(shown, cmap=HEATMAP_CHANCE, vmin=0.0, vmax=1.0, aspect="auto")
    if columns <= MAX_ANNOTATED_RANKS:
        for row, column in zip(*np.nonzero(shown >= 0.01), strict=True):
            value = shown[row, column]
            heat.text(
                column,
                row,
                f"{value:.0%}",
                ha="center",
                va="center",
                fontsize=NOTE_SIZE,
                color=ink_on(image.get_cmap()(value)),
            )
    else:
        figure.colorbar(image, ax=heat, shrink=0.8).ax.tick_params(labelsize=NOTE_SIZE)
    heat.set_xticks(range(columns), [str(r + 1) for r in range(columns)], fontsize=NOTE_SIZE)
    heat.set_yticks(range(rows), [tool_names[i] for i in order], fontsize=NOTE_SIZE + 1)
    heat.tick_params(length=0)
    cell_grid(heat, rows, columns)
    heat.set_xlabel(words.rank_axis, fontsize=LABEL_SIZE)
    title = words.probability_title
    if draws:
        title += " (" + words.draws.format(draws=draws) + ")"
    set_title(figure, title)
    first = shown[:, 0]
    style_axes(bars)
    bars.barh(range(rows), first, color=PALETTE[0], height=0.7)
    for row, value in enumerate(first):
        bars.text(value + 0.02, row, f"{value:.0%}", va="center", fontsize=NOTE_SIZE)
    bars.set_xlim(0, 1.25)
    bars.set_xticks([0, 0.5, 1.0], ["0%", "50%", "100%"])
    bars.set_title(words.first_title, fontsize=LABEL_SIZE, loc="left")
    bars.tick_params(axis="y", left=False)
    return figure
