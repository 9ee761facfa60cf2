"""Each outcome's global weight (challenge share x share within it), grouped by challenge."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter
from numpy.typing import NDArray

from aligner.charts.style import (
    ENGLISH,
    LABEL_SIZE,
    NOTE_SIZE,
    ChartWords,
    empty_figure,
    grown,
    new_figure,
    series_style,
    style_axes,
    title,
    wrap,
)


def weights_chart(
    challenge_names: Sequence[str],
    outcome_names: Sequence[str],
    outcome_challenge: NDArray[np.int64],
    weights: NDArray[np.float64],
    *,
    words: ChartWords = ENGLISH,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Horizontal bars of global weight per outcome, grouped and coloured by challenge.

    Args:
        outcome_challenge: index into ``challenge_names`` of each outcome's challenge.
        weights: global weight per outcome (they sum to 1, or to less when a challenge's
            outcomes all weigh 0: the chart shows what is there, it does not renormalise).
    The legend gives each challenge's share, so both levels of the hierarchy read at once.
    """
    if not outcome_names:
        return empty_figure(words.empty, words.weights_title)
    order = np.lexsort((np.arange(len(outcome_names)), outcome_challenge))
    figure = new_figure(size or grown(10.0, 2.6 + 0.4 * len(order)))
    axes = figure.add_subplot()
    style_axes(axes)
    for y, outcome in enumerate(order):
        style = series_style(int(outcome_challenge[outcome]))
        axes.barh(y, weights[outcome], color=style.color, hatch=style.hatch, height=0.72)
        axes.text(
            weights[outcome] + 0.003, y, f"{weights[outcome]:.1%}", va="center", fontsize=NOTE_SIZE
        )
    axes.set_yticks(range(len(order)), [wrap(outcome_names[i], 40) for i in order])
    axes.set_ylim(len(order) - 0.5, -0.5)
    top = float(weights.max()) if weights.size else 0.0
    axes.set_xlim(0, max(0.05, top * 1.2))
    axes.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    axes.set_xlabel(words.weight_axis, fontsize=LABEL_SIZE)
    title(figure, words.weights_title)
    shares = np.bincount(outcome_challenge, weights=weights, minlength=len(challenge_names))
    handles = [
        Patch(
            facecolor=series_style(c).color,
            hatch=series_style(c).hatch,
            label=wrap(f"{challenge_names[c]} ({shares[c]:.0%})", 28),
        )
        for c in sorted({int(c) for c in outcome_challenge})
    ]
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncol=min(2, len(handles)),
        fontsize=NOTE_SIZE,
        frameon=False,
    )
    return figure
