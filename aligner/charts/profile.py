"""A radar profile of one or several tools across the outcomes: where each is strong or weak."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from numpy.typing import NDArray

from aligner.charts.style import (
    ENGLISH,
    NOTE_SIZE,
    TICK_SIZE,
    ChartWords,
    empty_figure,
    new_figure,
    series_style,
    title,
    wrap,
)

#: With more spokes than this, names collide around the circle; spokes get numbers and a key.
MAX_NAMED_SPOKES = 14
#: Several tools stay readable; more become a tangle.
MAX_PROFILES = 6


def profile_chart(
    tool_names: Sequence[str],
    outcome_names: Sequence[str],
    cell_scores: NDArray[np.float64],
    rubric: tuple[float, float],
    *,
    words: ChartWords = ENGLISH,
    size: tuple[float, float] = (9.0, 7.0),
) -> Figure:
    """One closed line per tool around a circle of outcomes, on the rubric scale.

    Args:
        tool_names: the tools to profile (at most ``MAX_PROFILES`` are drawn).
        outcome_names: the spokes, in order.
        cell_scores: aggregate score per [tool, outcome] on the rubric; NaN where not scored,
            drawn as a gap in the line, never as a zero.
        rubric: (lowest, highest) level of the rubric, the radial range.
    """
    if not tool_names or not outcome_names:
        return empty_figure(words.empty, words.profile_title)
    low, high = rubric
    spokes = len(outcome_names)
    angles = np.linspace(0, 2 * np.pi, spokes, endpoint=False)
    figure = new_figure(size)
    axes = figure.add_subplot(projection="polar")
    assert isinstance(axes, PolarAxes)
    axes.set_theta_offset(np.pi / 2)
    axes.set_theta_direction(-1)
    closed = np.append(angles, angles[:1])
    for index, name in enumerate(tool_names[:MAX_PROFILES]):
        style = series_style(index)
        values = np.asarray(cell_scores[index], dtype=np.float64)
        line = np.append(values, values[:1])
        axes.plot(
            closed,
            line,
            color=style.color,
            linestyle=style.linestyle,
            linewidth=2.4,
            marker=style.marker,
            markersize=8,
            label=name,
        )
        axes.fill(closed, np.nan_to_num(line, nan=low), color=style.color, alpha=0.08)
    named = spokes <= MAX_NAMED_SPOKES
    labels = [wrap(n, 18) if named else str(i + 1) for i, n in enumerate(outcome_names)]
    axes.set_xticks(angles, labels, fontsize=NOTE_SIZE if named else TICK_SIZE)
    axes.set_ylim(low, high)
    axes.set_yticks(np.arange(low, high + 1))
    axes.tick_params(axis="y", labelsize=NOTE_SIZE)
    axes.set_rlabel_position(180 / spokes)
    title(figure, words.profile_title)
    figure.legend(loc="outside lower center", ncol=min(3, len(tool_names)), fontsize=NOTE_SIZE)
    if not named:
        key = "; ".join(f"{i + 1} {n}" for i, n in enumerate(outcome_names))
        figure.supxlabel(wrap(key, 150), fontsize=NOTE_SIZE)
    return figure
