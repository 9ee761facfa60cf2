"""Where members disagree: a tools x outcomes heatmap of the spread, "discuss" cells marked.

The mark is a symbol as well as a colour, so a committee member who cannot tell the colours apart
(or reads a greyscale print) still finds the cells to talk about.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from numpy.typing import NDArray

from aligner.charts.style import (
    ENGLISH,
    HEATMAP_SPREAD,
    LABEL_SIZE,
    MUTED,
    NOTE_SIZE,
    ChartWords,
    cell_grid,
    empty_figure,
    grown,
    ink_on,
    new_figure,
    note_below,
    title,
)

DISCUSS_MARK = "!"
DISCUSS_GID = "discuss_marks"
#: Rows drawn at most; pass tools best first so the ones the room is choosing between show.
MAX_TOOLS = 30


def disagreement_chart(
    tool_names: Sequence[str],
    outcome_names: Sequence[str],
    spread: NDArray[np.float64],
    discuss: NDArray[np.bool_],
    *,
    threshold: float,
    span: float,
    words: ChartWords = ENGLISH,
    max_tools: int = MAX_TOOLS,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Heatmap of ``spread[tool, outcome]`` on 0..``span``; cells flagged in ``discuss`` get "!".

    Args:
        spread: the spread of members' scores per cell (e.g. the range); NaN where fewer than
            two members scored, drawn as hatched grey "no scores".
        discuss: True where the committee should talk before it trusts the aggregate.
        threshold: the spread at which a cell is flagged, stated in the note.
        max_tools: rows drawn at most (the first ones); a note counts the rest.
        span: the rubric span (highest minus lowest level), the top of the colour scale.
    """
    if not tool_names or not outcome_names:
        return empty_figure(words.empty, words.disagreement_title)
    hidden = max(0, len(tool_names) - max_tools)
    tool_names, spread, discuss = tool_names[:max_tools], spread[:max_tools], discuss[:max_tools]
    rows, columns = len(tool_names), len(outcome_names)
    figure = new_figure(size or grown(2.5 + 0.62 * columns, 3.2 + 0.45 * rows))
    axes = figure.add_subplot()
    # Cells without a spread show this hatched background through the transparent mask.
    axes.add_patch(
        Rectangle(
            (-0.5, -0.5), columns, rows, facecolor=MUTED, hatch="//", edgecolor="white", zorder=0
        )
    )
    norm = Normalize(0.0, max(span, 1e-9))
    # Transparent "bad" cells let the hatched background through where there is no spread.
    colors = colormaps[HEATMAP_SPREAD].with_extremes(bad=(0.0, 0.0, 0.0, 0.0))
    image = axes.imshow(
        np.ma.masked_invalid(spread), cmap=colors, norm=norm, aspect="auto", zorder=1
    )
    _mark_discuss(axes, spread, discuss, image.get_cmap(), norm)
    # One line per name: wrapped names rotated together overlap their neighbours.
    axes.set_xticks(range(columns), list(outcome_names), fontsize=NOTE_SIZE)
    axes.tick_params(axis="x", labelrotation=60, length=0)
    for label in axes.get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    axes.set_yticks(range(rows), list(tool_names), fontsize=NOTE_SIZE + 1)
    axes.tick_params(axis="y", length=0)
    cell_grid(axes, rows, columns)
    title(figure, words.disagreement_title)
    colorbar = figure.colorbar(image, ax=axes, shrink=0.85)
    colorbar.set_label(words.spread_axis, fontsize=NOTE_SIZE)
    colorbar.ax.tick_params(labelsize=NOTE_SIZE)
    note = words.discuss.format(threshold=threshold)
    if np.isnan(spread).any():
        note += f"   ░ = {words.no_scores}"
    if hidden:
        note += "   " + words.more_tools.format(count=hidden)
    note_below(axes, note)
    return figure


def discuss_marks(figure: Figure) -> list[tuple[int, int]]:
    """The (tool row, outcome column) of every cell marked "discuss" in a disagreement chart."""
    marks: list[tuple[int, int]] = []
    for collection in figure.axes[0].collections:
        if collection.get_gid() == DISCUSS_GID:
            offsets = np.asarray(collection.get_offsets(), dtype=np.float64)
            marks += [(round(y), round(x)) for x, y in offsets.tolist()]
    return marks


def _mark_discuss(
    axes: Axes,
    spread: NDArray[np.float64],
    discuss: NDArray[np.bool_],
    cmap: Colormap,
    norm: Normalize,
) -> None:
    """One marker collection, not a Text per cell: a 30 x 40 chart of a divided committee had
    1,200 texts, took ten seconds to draw and 24 MB to hold."""
    tools, outcomes = np.nonzero(discuss & np.isfinite(spread))
    if tools.size == 0:
        return
    colours = np.asarray(cmap(norm(spread[tools, outcomes])), dtype=np.float64).tolist()
    inks = [ink_on((red, green, blue, alpha)) for red, green, blue, alpha in colours]
    axes.scatter(
        outcomes,
        tools,
        marker=f"${DISCUSS_MARK}$",
        s=(LABEL_SIZE + 2) ** 2,
        c=inks,
        linewidths=0.6,
        edgecolors=inks,  # a thin outline of the same ink makes the mark read bold
        zorder=3,
        gid=DISCUSS_GID,
    )
