"""Cost per student against score, with the cost-score frontier marked.

The frontier (tools no other tool beats on both cost and score) is computed in the core and
passed in, so this chart draws exactly what the ranking and the workbook report.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import NDArray

from aligner.charts.style import (
    ENGLISH,
    LABEL_SIZE,
    MUTED,
    NOTE_SIZE,
    PALETTE,
    ChartWords,
    empty_figure,
    new_figure,
    note_below,
    style_axes,
    title,
    wrap,
)

FRONTIER_COLOR = PALETTE[0]
OTHER_COLOR = PALETTE[1]


#: Label box of one tool name in axes fractions (height; width per character), for placement.
LABEL_HEIGHT = 0.05
CHAR_WIDTH = 0.011


def _label_points(
    axes: Axes,
    names: Sequence[str],
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    known: NDArray[np.bool_],
    bold: NDArray[np.bool_],
) -> None:
    """Name each point, nudging a label down (or up) when it would cover an earlier one."""
    (x0, x1), (y0, y1) = axes.get_xlim(), axes.get_ylim()
    placed: list[tuple[float, float, float]] = []  # (left, bottom, right) in axes fractions
    for index in sorted(np.flatnonzero(known), key=lambda i: -y[i]):
        name = names[int(index)]
        left = (x[index] - x0) / (x1 - x0) + 0.012
        base = (y[index] - y0) / (y1 - y0) + 0.01
        right = left + CHAR_WIDTH * len(name)
        for step in (0, -1, 1, -2, 2, -3, 3):
            bottom = base + step * LABEL_HEIGHT
            clear = all(
                right < pl or left > pr or abs(bottom - pb) >= LABEL_HEIGHT for pl, pb, pr in placed
            )
            if clear:
                break
        placed.append((left, bottom, right))
        axes.annotate(
            name,
            (x[index], y[index]),
            xytext=(left, bottom),
            textcoords="axes fraction",
            fontsize=NOTE_SIZE,
            fontweight="bold" if bold[index] else "normal",
            arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.8} if step else None,
        )


def cost_score_chart(
    tool_names: Sequence[str],
    cost_per_student: NDArray[np.float64],
    scores: NDArray[np.float64],
    on_frontier: NDArray[np.bool_],
    *,
    words: ChartWords = ENGLISH,
    size: tuple[float, float] = (10.0, 6.5),
) -> Figure:
    """Each tool as a point (cost per student, score); frontier tools joined by a step line.

    Args:
        tool_names: one name per tool.
        cost_per_student: dollars per student per year; NaN when unknown.
        scores: total 0-100; NaN when unscored.
        on_frontier: True for tools on the cost-score frontier.
    Tools with no cost or no score are named in a note under the chart, not dropped silently.
    """
    known = np.isfinite(cost_per_student) & np.isfinite(scores)
    if not known.any():
        return empty_figure(words.empty, words.cost_title)
    figure = new_figure(size)
    axes = figure.add_subplot()
    style_axes(axes, grid_axis="both")
    frontier = known & on_frontier
    other = known & ~on_frontier
    axes.scatter(
        cost_per_student[other],
        scores[other],
        s=110,
        marker="o",
        facecolors="white",
        edgecolors=OTHER_COLOR,
        linewidths=2.2,
        label=words.other_tools,
        zorder=3,
    )
    order = np.flatnonzero(frontier)[np.argsort(cost_per_student[frontier])]
    axes.plot(
        cost_per_student[order],
        scores[order],
        drawstyle="steps-post",
        color=FRONTIER_COLOR,
        linewidth=2.4,
        marker="D",
        markersize=10,
        label=wrap(words.frontier, 40),
        zorder=4,
    )
    top = float(np.nanmax(scores[known]))
    axes.set_ylim(0, max(10.0, top * 1.15))
    axes.set_xlim(0, float(np.nanmax(cost_per_student[known])) * 1.25 or 1.0)
    _label_points(axes, tool_names, cost_per_student, scores, known, frontier)
    axes.set_xlabel(words.cost_axis, fontsize=LABEL_SIZE)
    axes.set_ylabel(words.score_axis, fontsize=LABEL_SIZE)
    title(figure, words.cost_title)
    axes.legend(loc="lower right", fontsize=NOTE_SIZE)
    missing = [tool_names[int(i)] for i in np.flatnonzero(~known)]
    if missing:
        note_below(axes, words.not_plotted.format(names=", ".join(missing)))
    return figure
